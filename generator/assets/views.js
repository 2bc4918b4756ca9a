/* Printable views: the run sheet's start time. Without JavaScript the agenda shows times from 0:00;
 * with it, times start at the top of the next hour, or at the time the manager picks, and print so. */
(function () {
  "use strict";
  var clock = window.CurriculumClock;
  if (!clock) return;
  Array.prototype.forEach.call(document.querySelectorAll(".sheet"), function (sheet) {
    var box = sheet.querySelector(".start-at");
    var input = box && box.querySelector("input");
    if (!input) return;
    var spans = sheet.querySelectorAll(".clock[data-from]");
    function apply() {
      var start = clock.parse(input.value);
      if (start === null) return;
      Array.prototype.forEach.call(spans, function (span) {
        span.textContent = clock.span(start, Number(span.dataset.from), Number(span.dataset.to));
      });
    }
    input.value = clock.inputValue(clock.nextHour(new Date()));
    box.hidden = false;
    input.addEventListener("input", apply);
    input.addEventListener("change", apply);
    apply();
  });
})();
