/* Holds back Material's request for the search index until the reader starts a search: focuses or
 * touches the search box (a click, a tap, the "/", "s" or "f" key) or opens it on a phone. A page
 * opened from a search result (?h=, the words to highlight) needs the index at once. */
(function () {
  "use strict";
  var INDEX = "search/search_index.json";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var started = /[?&]h=/.test(location.search);

  function start() {
    if (started) return;
    started = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = String(url).split(/[?#]/)[0].slice(-INDEX.length) === INDEX;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndex && !started) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function onSearch(event) {
    var target = event.target;
    if (target instanceof Element && target.closest("[data-md-component=search], label[for=__search], #__search")) {
      start();
    }
  }
  document.addEventListener("focusin", onSearch);
  document.addEventListener("pointerdown", onSearch, true);
  document.addEventListener("change", onSearch);
})();
