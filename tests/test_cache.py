"""The disk cache (.curriculum-cache/): a build that reuses it gives the same bytes as one that does
not, after any edit, and a damaged cache is ignored with a warning, never a wrong site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import TODAY_EPOCH, run, tree_digest
from test_pages import _all_edits, _set

from generator.cache import CACHE_FOLDER, DiskCache
from generator.pipeline import generate


def _stores(project: Path) -> dict[str, Path]:
    return {p.stem: p for p in (project / CACHE_FOLDER).glob("*/*.bin")}


def test_a_warm_build_after_an_edit_is_byte_identical_to_a_cold_build(mini: Path) -> None:
    assert run("build", cwd=mini).code == 0
    assert {"files", "pages-0", "mkdocs"} <= _stores(mini).keys()
    lesson = mini / "curriculum" / "lessons" / "short-lesson.yaml"
    data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    data["title"] += " for the field team"
    data["why"] += " Reps who hear it twice use it."
    lesson.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    mkdocs_store = _stores(mini)["mkdocs"].read_bytes()

    warm = run("build", cwd=mini)
    assert warm.code == 0, warm.err
    assert "cache" not in warm.err
    assert _stores(mini)["mkdocs"].read_bytes() != mkdocs_store  # the changed pages were stored

    cold = run("build", "--site-dir", str(mini / "cold-site"), cwd=mini, CURRICULUM_CACHE="off")
    assert cold.code == 0, cold.err
    warm_site, cold_site = tree_digest(mini / "site"), tree_digest(mini / "cold-site")
    assert warm_site.keys() == cold_site.keys()
    assert [n for n in warm_site if warm_site[n] != cold_site[n]] == []
    assert "for the field team" in (mini / "site" / "lessons" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["truncate", "garble"])
def test_a_damaged_cache_is_ignored_with_a_warning_and_the_site_is_still_right(mini: Path, damage: str) -> None:
    assert run("build", "--site-dir", str(mini / "cold-site"), cwd=mini).code == 0
    stores = _stores(mini)
    for path in stores.values():
        raw = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(raw[: len(raw) // 2])
        else:
            middle = len(raw) // 2
            path.write_bytes(raw[:middle] + bytes(b ^ 0x5A for b in raw[middle:middle + 64]) + raw[middle + 64:])

    result = run("build", cwd=mini)
    assert result.code == 0, result.err
    for name, path in stores.items():
        assert (f"warning: ignoring the damaged cache file {path.relative_to(mini)} (its checksum does not match); "
                "it will be made again") in result.err, name
    assert tree_digest(mini / "site") == tree_digest(mini / "cold-site")
    again = run("build", cwd=mini)  # the cache was made again
    assert "cache" not in again.err


def test_check_answers_from_the_cache_and_notices_any_change(mini: Path) -> None:
    first = run("check", cwd=mini)
    assert first.code == 0, first.err
    assert run("check", cwd=mini).err == first.err
    lesson = mini / "curriculum" / "lessons" / "short-lesson.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("minutes:", "minutes: x", 1), encoding="utf-8")
    broken = run("check", cwd=mini)
    assert broken.code == 1 and "short-lesson.yaml" in broken.err
    shutil.rmtree(mini / CACHE_FOLDER)
    assert run("check", cwd=mini).err == broken.err


def test_generation_from_the_cache_after_any_edit_equals_a_fresh_generation(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Like the preview test in test_pages: what a page shows is its key in the disk cache too."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    curriculum = mini / "curriculum"
    disk = DiskCache(tmp_path / CACHE_FOLDER)
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    generate(curriculum, cached, disk=disk)
    stale = []
    for file, at, value in _all_edits(curriculum):
        data = yaml.safe_load((curriculum / file).read_text(encoding="utf-8"))
        _set(data, at, value)
        (curriculum / file).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        shutil.rmtree(cached)  # as in CI: only the cache is kept between builds
        generate(curriculum, cached, disk=disk)
        generate(curriculum, fresh)
        shown, expected = tree_digest(cached), tree_digest(fresh)
        if shown != expected:
            stale.append(f"{file} {'.'.join(map(str, at))}: "
                         f"{sorted(n for n in expected if shown.get(n) != expected[n])}")
    assert stale == []


def test_a_cache_that_cannot_be_written_is_a_warning_and_the_site_is_still_built(mini: Path) -> None:
    (mini / CACHE_FOLDER).write_text("not a folder\n", encoding="utf-8")  # so nothing can be made inside
    result = run("build", cwd=mini)
    assert result.code == 0, result.err
    assert "warning: could not write the cache in .curriculum-cache/" in result.err
    assert (mini / "site" / "lessons" / "short-lesson" / "index.html").is_file()
