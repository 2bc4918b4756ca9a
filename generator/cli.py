"""The ``curriculum`` command: a thin front end over ``pipeline``.

Exit status: 0 success, 1 problems in the content (or a failed site build), 2 a wrong command line,
130 interrupted (Ctrl-C). Problems in the content print as ``file:line:column: CODE field: message``
lines, followed by one line saying where the authoring guide explains the codes; a full disk, an
interruption or a fault in the tool itself print one line too, never a traceback.

When the reader of the output goes away (``curriculum list --json | head -1``), the command goes on
quietly and exits with its own status: the reader stopping early is not the command failing, and
an exit status that depended on how fast the reader closed would make scripts fail at random.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from generator import __version__, spec
from generator.fieldtypes import SLUG
from generator.problems import CurriculumError, Problem, UsageError


def _project(args: argparse.Namespace) -> tuple[Path, Path]:
    """The project's mkdocs.yml and curriculum folder."""
    root = Path(args.root)
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise UsageError(f"no mkdocs.yml in {root.resolve()}; run this in the project folder or pass --root")
    return config, root / "curriculum"


def _site_config(config_file: Path) -> Any:
    """mkdocs.yml loaded as MkDocs reads it (its docs_dir is where the pages go), or ``SiteConfigError``
    naming what it lacks for the curriculum's pages, before anything is written."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.siteconfig import config_problems

    docs_dir = _raw_config(config_file).get("docs_dir", "docs")
    if isinstance(docs_dir, str):  # the pages' folder, which the generator makes when it is missing
        (config_file.parent / docs_dir).mkdir(parents=True, exist_ok=True)
    # MkDocs' own warnings show when the build reads mkdocs.yml again; its errors become our lines.
    errors, logger = _Collect(), logging.getLogger("mkdocs")
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers[:], logger.propagate = [errors], False
    try:
        config = load_config(str(config_file))
    except MkDocsException as error:
        raise SiteConfigError(errors.messages or [f"{_relative(config_file)}: {error}"]) from None
    finally:
        logger.handlers[:], logger.propagate = handlers, propagate
    problems = config_problems(config)
    if problems:
        raise SiteConfigError(problems)
    return config


class _Collect(logging.Handler):
    """What MkDocs says while reading mkdocs.yml (its warnings stop a strict build), one line each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"mkdocs.yml: {' '.join(record.getMessage().split())}")


class SiteConfigError(Exception):
    """mkdocs.yml cannot build the curriculum's site: one line for each thing to change."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problems))


def _relative(path: Path) -> str:
    from generator.pipeline import display_path

    return display_path(path)


def _require_safety(config: Path) -> None:
    """Refuse a mkdocs.yml that leaves out the link-safety extension: only mkdocs.yml reaches every
    engine (Zensical runs no plugin), so the declaration there is what keeps hostile links dead."""
    from generator import safety

    if not safety.is_declared(_raw_config(config).get("markdown_extensions")):
        raise UsageError(safety.MISSING)



def _print_problems(problems: Sequence[Problem], style: str) -> None:
    for problem in problems:
        if style == "github":
            print(problem.github())
        else:
            print(problem, file=sys.stderr)


PLACEHOLDER_CODE = "CUR114"
"""A `FILL IN` left in a text: what a fresh skeleton is made of, counted apart from other problems."""


def _many(n: int, noun: str) -> str:
    """``1 skill``, ``2 skills``."""
    return f"{n} {noun}{'s' * (n != 1)}"


def _count(problems: Sequence[Problem], severity: str) -> str:
    return _many(sum(p.severity == severity for p in problems), severity)


def _report(error: CurriculumError, args: argparse.Namespace) -> None:
    """The problems, then one line that counts them (on a fresh skeleton, the places left to fill in),
    then where the guide explains their codes."""
    _print_problems(error.problems, getattr(args, "format", "text"))
    count = len(error.problems)
    left = sum(p.code == PLACEHOLDER_CODE for p in error.problems)
    if left == count:
        summary = f"{_many(left, 'place')} left to fill in"
    else:
        summary = f"{_many(count, 'problem')} found"
        if left:
            summary += f" ({left} of them places left to fill in)"
    print(f"{summary}; nothing was built.", file=sys.stderr)
    _point_to_guide(error.problems, args)


def _warnings_fail(warnings: Sequence[Problem], args: argparse.Namespace) -> bool:
    """Print the quality warnings; true when --strict makes them fatal."""
    _print_problems(warnings, getattr(args, "format", "text"))
    if warnings and args.strict:
        print(f"{_count(warnings, 'warning')} with --strict; nothing was built.", file=sys.stderr)
        _point_to_guide(warnings, args)
        return True
    return False


def _point_to_guide(problems: Sequence[Problem], args: argparse.Namespace) -> None:
    """Once, after the problems' summary: where their codes are explained. Each line carries only
    its code, so that lines stay short; the first problem's code makes the address one to follow."""
    if problems:
        print(f"Each code is explained in the authoring guide: {_guide_address(Path(args.root))}#"
              f"{problems[0].code}", file=sys.stderr)


def _guide_address(root: Path) -> str:
    """The authoring guide on the published site (mkdocs.yml's ``site_url``), or its path on the
    site when the address is not set."""
    site_url = _raw_config(root / "mkdocs.yml").get("site_url")
    return f"{site_url.rstrip('/') if isinstance(site_url, str) else ''}/authoring/"


def _raw_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml's settings as written, read without validating the whole MkDocs configuration,
    so that a mistake there cannot hide the content's problems; empty when it cannot be read."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, encoding="utf-8") as handle:
            config = yaml_load(handle)
    except (OSError, ConfigurationError):
        config = {}
    return config if isinstance(config, dict) else {}


def cmd_check(args: argparse.Namespace) -> int:
    from generator.cache import DiskCache
    from generator.pipeline import build_date, check_summary

    config, curriculum_dir = _project(args)
    counts, warnings = check_summary(curriculum_dir, build_date(), DiskCache.beside(config))
    if _warnings_fail(warnings, args):
        return 1
    print(
        f"OK: {_many(counts['lesson'], 'lesson')}, {_many(counts['skill'], 'skill')} and "
        f"{_many(counts['track'], 'track')} are valid"
        + (f"; {_count(warnings, 'warning')}." if warnings else "."),
        file=sys.stderr,
    )
    _point_to_guide(warnings, args)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from generator.cache import DiskCache
    from generator.pipeline import EngineError, build_site, generate

    config, curriculum_dir = _project(args)
    site_dir = Path(args.site_dir) if args.site_dir else config.parent / "site"
    _require_safety(config)
    if args.engine == "zensical":
        _require_zensical(config, site_dir)
    docs_dir = Path(_site_config(config).docs_dir)
    try:
        report = generate(curriculum_dir, docs_dir, disk=DiskCache.beside(config))
    except OSError as error:
        print(f"error: {_cannot_write(error, docs_dir)}; the previous site is unchanged.", file=sys.stderr)
        return 1
    if _warnings_fail(report.warnings, args):  # before MkDocs runs: the site stays as it was
        return 1
    c, w = report.curriculum, report.written
    print(
        f"Validated {_many(len(c.lessons), 'lesson')}, {_many(len(c.skills), 'skill')}, "
        f"{_many(len(c.tracks), 'track')}"
        + (f" ({_count(report.warnings, 'warning')})" if report.warnings else "")
        + f"; pages: {w.written} written, {w.unchanged} unchanged, {w.removed} removed "
        f"({report.seconds:.2f} s).",
        file=sys.stderr,
    )
    _point_to_guide(report.warnings, args)
    page = _PageFailure()
    _mkdocs_logging(args.verbose).addFilter(page)
    start = dt.datetime.now()
    try:
        build_site(config, site_dir, args.engine)
    except (MkDocsException, EngineError) as error:
        where = f" on {page.failed}" if page.failed else ""
        print(f"error: the site build failed{where}: {page.build_error or error}; the previous site is unchanged.",
              file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {_cannot_write(error, site_dir)}; the previous site is unchanged.", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 (a fault in the tool or in MkDocs: still one line)
        where = f" on {page.failed}" if page.failed else ""
        print(f"error: the site build failed{where} ({_fault(error)}); the previous site is unchanged. "
              "This is a fault in the tool; please report it with this line.", file=sys.stderr)
        return 1
    seconds = (dt.datetime.now() - start).total_seconds()
    print(f"Built the site into {site_dir} ({seconds:.2f} s).", file=sys.stderr)
    return 0


def _require_zensical(config: Path, site_dir: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("zensical") is None:
        raise UsageError("Zensical is not installed here; install it with "
                         "pip install 'sales-coaching-curriculum[zensical]' (or -e '.[zensical]' in a clone)")
    if not site_dir.absolute().parent.is_relative_to(config.parent.absolute()):
        raise UsageError(f"Zensical builds only inside the project folder; choose a --site-dir inside "
                         f"{config.parent.absolute()}")


def _cannot_write(error: OSError, folder: Path) -> str:
    """``could not write site/lessons/a/index.html: No space left on device``: the file when known."""
    from generator.pipeline import display_path

    target = display_path(Path(os.fsdecode(error.filename))) if error.filename else f"into {display_path(folder)}/"
    return f"could not write {target}: {error.strerror or error}"


def _fault(error: BaseException) -> str:
    """An unexpected exception in one line: its type, its message and the innermost place it came from."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}{': ' + text if text else ''}{where}"


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    from generator.cache import DiskCache
    from generator.pipeline import generate

    config, curriculum_dir = _project(args)
    _require_safety(config)
    generate(curriculum_dir, Path(_site_config(config).docs_dir), disk=DiskCache.beside(config))  # fail early, with the problems listed, before serving
    _mkdocs_logging(verbose=True)
    # Preview at the root of the local address, whatever sub-path the published site_url has.
    # Dirty builds re-render only the pages whose Markdown changed (the generator rewrites only
    # those), which keeps a save visible within seconds on a large curriculum; MkDocs warns about
    # dirty builds, so strict mode is off for the preview (`curriculum build` stays strict).
    serve(config_file=str(config), dev_addr=args.dev_addr, livereload=True, build_type="dirty",
          site_url=f"http://{args.dev_addr}/", strict=False)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from generator.project import count_by_folder, init_project

    target = Path(args.folder)
    try:
        report = init_project(target, starter=args.starter, force=args.force)
    except FileExistsError:
        raise UsageError(f"{target} is not empty; choose a new folder, or add --force to write only the files "
                         "that are not there yet (none is overwritten)") from None
    except NotADirectoryError:
        raise UsageError(f"{target} is a file, not a folder") from None
    print(f"Wrote {_many(len(report.written), 'file')} into {target}/:", file=sys.stderr)
    folders = count_by_folder(report.written)
    for folder, count in folders.items():
        print(f"  {folder}/ ({_many(count, 'file')})", file=sys.stderr)
    for name in report.written:
        if not any(name.startswith(f"{folder}/") for folder in folders):
            print(f"  {name}", file=sys.stderr)
    if report.kept:
        print(f"Kept {_many(len(report.kept), 'file')} already there, unchanged: {', '.join(report.kept)}",
              file=sys.stderr)
    print(f"Next:\n  cd {target}\n  curriculum serve     (a preview at http://127.0.0.1:8000 that reloads as you "
          "save; `curriculum build` writes the site into site/)", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from generator.pipeline import display_path
    from generator.skeleton import lesson_skeleton, skeleton

    _, curriculum_dir = _project(args)
    if not re.fullmatch(SLUG, args.id):
        raise UsageError(f"{args.id!r} is not a valid id; use lower-case letters, digits and single hyphens")
    target = curriculum_dir / spec.FOLDERS[args.kind] / f"{args.id}.yaml"
    if target.exists():
        raise UsageError(f"{display_path(target)} already exists; choose another id or edit that file")
    if args.kind == "lesson":
        skill_dir = curriculum_dir / spec.FOLDERS["skill"]
        skill_ids = sorted(p.stem for p in skill_dir.glob("*.yaml")) if skill_dir.is_dir() else []
        missing = args.title is None or not args.skill or not args.format or args.minutes is None
        if missing and sys.stdin.isatty():  # ask on a terminal; a script or pipe gets FILL IN texts
            try:
                _ask_lesson_basics(args, skill_ids)
            except (KeyboardInterrupt, EOFError):
                print("\nNothing was written.", file=sys.stderr)
                return 130
        text = lesson_skeleton(
            args.id, title=args.title, skills=args.skill or (), formats=args.format or (),
            minutes=args.minutes, skill_ids=skill_ids, today=dt.date.today(),
        )
    else:
        text = skeleton(args.kind, args.id, title=args.title, today=dt.date.today())
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:
        handle.write(text)
    print(f"Wrote {display_path(target)}. Replace each 'FILL IN' text; `curriculum check` lists what is left.")
    return 0


def _ask_lesson_basics(args: argparse.Namespace, skill_ids: Sequence[str]) -> None:
    """Ask on the terminal for the lesson basics the command line left out; an empty answer leaves
    the skeleton's FILL IN text for that field."""
    from generator.skeleton import title_from_id
    from generator.suggest import did_you_mean_id

    def ask(question: str, read: Callable[[str], Any]) -> Any:
        while True:
            answer = input(question).strip()
            if not answer:
                return None
            try:
                return read(answer)
            except ValueError as error:
                print(f"  {error}", file=sys.stderr)

    def choices(allowed: Sequence[str], what: str) -> Callable[[str], list[str]]:
        def read(answer: str) -> list[str]:
            chosen = [a.strip() for a in answer.replace(",", " ").split()]
            unknown = [c for c in chosen if c not in allowed]
            if unknown:
                hint = did_you_mean_id(unknown[0], allowed) or f"; choose from: {', '.join(allowed)}"
                raise ValueError(f"no {what} {unknown[0]!r}{hint}")
            return list(dict.fromkeys(chosen))
        return read

    def minutes(answer: str) -> int:
        if not answer.isdigit() or not 5 <= int(answer) <= 90:
            raise ValueError("write a whole number from 5 to 90")
        return int(answer)

    print(f"A few questions for the lesson {args.id!r} (press Enter to leave one as FILL IN for later):",
          file=sys.stderr)
    if args.title is None:
        args.title = ask(f"Title [{title_from_id(args.id)}]: ", str)
    if not args.skill and skill_ids:
        args.skill = ask(f"Skills it builds ({', '.join(skill_ids)}): ", choices(skill_ids, "skill"))
    if not args.format:
        formats = list(spec.FORMATS)
        args.format = ask(f"Formats it runs in ({', '.join(formats)}): ", choices(formats, "format"))
    if args.minutes is None:
        args.minutes = ask("Minutes the session takes (5 to 90): ", minutes)


def cmd_list(args: argparse.Namespace) -> int:
    from generator.effort import track_effort
    from generator.pipeline import check

    _, curriculum_dir = _project(args)
    c = check(curriculum_dir)
    efforts = {t.id: track_effort(t, c.lessons) for t in c.tracks.values()}
    listing = {
        "lessons": [
            {
                "id": l.id, "title": l.title, "skills": list(l.skills), "formats": list(l.formats),
                "minutes": l.minutes, "prep_minutes": l.prep.minutes, "levels": list(l.levels),
                "timing": l.timing, "stage": l.stage, "audience": l.audience or "reps",
                "roleplay": l.roleplay is not None,
                "veteran_variant": bool(l.roleplay and l.roleplay.veteran_variant),
                "real_deal": bool(l.roleplay and l.roleplay.real_deal),
                "resistance": len(l.resistance), "source": l.source,
            }
            for l in c.lessons.values()
        ],
        "tracks": [
            {"id": t.id, "title": t.title, "weeks": len({w.week for w in t.weeks}),
             "sessions": len(c.sessions(t)), "reps": efforts[t.id].reps,
             "manager_minutes": efforts[t.id].cost.total(efforts[t.id].reps), "source": t.source}
            for t in c.tracks.values()
        ],
        "skills": [
            {"id": s.id, "title": s.title, "lessons": list(c.lessons_by_skill[s.id]),
             "symptoms": len(s.symptoms), "source": s.source}
            for s in c.skills.values()
        ],
    }
    if args.json:
        print(json.dumps(listing, indent=2, ensure_ascii=False))
    else:
        for kind, items in listing.items():
            print(f"{kind} ({len(items)}):")
            for item in items:
                print(f"  {item['id']:40} {item['title']}")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from mkdocs.config import load_config

    from generator.links import check_external, crawl

    config, _ = _project(args)
    site_dir = Path(args.site_dir) if args.site_dir else config.parent / "site"
    if not (site_dir / "index.html").is_file():
        raise UsageError(f"no built site in {site_dir}; run `curriculum build` first")
    site_url = load_config(str(config)).site_url or "http://localhost/"
    broken, external = crawl(site_dir, site_url)
    for link in broken:
        print(link)
    pages = len(list(site_dir.rglob("*.html")))
    print(f"{pages} pages checked against {site_url}: {len(broken)} broken internal links or anchors; "
          f"{len(external)} external links.", file=sys.stderr)
    failed = bool(broken)
    if args.external:
        for url, problem in check_external(external):
            print(f"external: {url}: {problem}")
            failed = True
    elif external:
        print("External links are not requested; add --external to check them.", file=sys.stderr)
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.schema import schema_text

    if args.write:
        config, _ = _project(args)
        folder = config.parent / "schema"
        folder.mkdir(exist_ok=True)
        for kind in spec.KINDS:
            target = folder / f"{kind}.schema.json"
            target.write_text(schema_text(kind), encoding="utf-8")
            print(f"Wrote {target.relative_to(config.parent).as_posix()}", file=sys.stderr)
        return 0
    print(schema_text(args.kind), end="")
    return 0


class _PageFailure(logging.Filter):
    """Holds back MkDocs' "Error reading page 'x':" line, which always comes before the exception it
    names, and the error line it logs before "Aborted with a BuildError!", so that the command reports
    the failure once, in one line, with the page or the reason in it."""

    failed = ""
    build_error = ""
    """The message of the error that stopped the build (a plugin's, say), which MkDocs logs before it
    raises a bare "Aborted with a BuildError!"."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.levelno >= logging.ERROR and message.startswith(("Error reading page ", "Error building page ")):
            self.failed = message.split("'")[1] if message.count("'") >= 2 else message
            return False
        if record.levelno >= logging.ERROR and record.name == "mkdocs.commands.build":
            self.build_error = message
            return False
        return True


def _mkdocs_logging(verbose: bool) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    return handler


class _QuietWhenClosed:
    """sys.stdout or sys.stderr, going quiet once its reader has gone (a closed pipe).

    The first failed write points the stream's file descriptor at the null device, so nothing
    written later (by this process, or by Python flushing its buffers at exit) fails again.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        try:
            descriptor = self._stream.fileno()
        except (OSError, ValueError):
            return
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="curriculum",
        description="Validate coaching lessons written in YAML and build them into a website.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", default=".", help="the project folder holding mkdocs.yml (default: here)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub = commands.add_parser("check", help="validate the curriculum and list every problem")
    sub.add_argument("--format", choices=["text", "github"], default="text",
                     help="github: print GitHub Actions annotations (::error file=...,line=...::) on stdout")
    sub.add_argument("--strict", action="store_true", help="treat quality warnings as errors")
    sub.set_defaults(run=cmd_check)

    sub = commands.add_parser("build", help="validate, generate the pages and build the site into site/")
    sub.add_argument("--site-dir", help="where to put the built site (default: site/ beside mkdocs.yml)")
    sub.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")
    sub.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                     help="what builds the site: MkDocs with Material (default) or Zensical, its successor")
    sub.add_argument("--strict", action="store_true", help="treat quality warnings as errors")
    sub.set_defaults(run=cmd_build)

    sub = commands.add_parser("serve", help="preview the site, rebuilding when a YAML file changes")
    sub.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    sub.set_defaults(run=cmd_serve)

    sub = commands.add_parser(
        "init", help="start a new project: mkdocs.yml, example lessons, schemas, workflows and a README",
        description="Write a new project into FOLDER: mkdocs.yml, curriculum/ (three example lessons, a skill "
                    "and a track; --starter: the full shipped catalogue), schema/, the GitHub workflows, "
                    ".gitignore, .vscode/extensions.json, requirements.txt and a README for authors. "
                    "Never overwrites a file.",
    )
    sub.add_argument("folder", help="the new project's folder (created if missing)")
    sub.add_argument("--starter", action="store_true", help="copy the full shipped curriculum, not the examples")
    sub.add_argument("--force", action="store_true",
                     help="write into a folder that is not empty (files already there are kept, never overwritten)")
    sub.set_defaults(run=cmd_init)

    sub = commands.add_parser("new", help="write a skeleton file to fill in")
    kinds = sub.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=_Parser)
    lesson = kinds.add_parser(
        "lesson", help="a new lesson in curriculum/lessons/",
        description="Write a lesson skeleton. Options left out are asked for on a terminal (Enter skips "
                    "one); otherwise, and always when the input is not a terminal, they are FILL IN texts "
                    "that list the allowed values.",
    )
    lesson.add_argument("id", help="the lesson's id, like 'discovery-pain-chain'")
    lesson.add_argument("--title", help="the lesson's title (default: made from the id)")
    lesson.add_argument("--skill", action="append", help="a skill id (repeat for several)")
    lesson.add_argument("--format", action="append", choices=list(spec.FORMATS),
                        help="a format (repeat for several)")
    lesson.add_argument("--minutes", type=int, choices=range(5, 91), metavar="5..90",
                        help="the session's length in minutes")
    lesson.set_defaults(run=cmd_new)
    for kind, where in (("skill", "skills"), ("track", "tracks")):
        item = kinds.add_parser(kind, help=f"a new {kind} in curriculum/{where}/")
        item.add_argument("id", help=f"the {kind}'s id")
        item.add_argument("--title", required=True, help=f"the {kind}'s title")
        item.set_defaults(run=cmd_new)

    sub = commands.add_parser("list", help="list lessons, tracks and skills")
    sub.add_argument("--json", action="store_true", help="print JSON for scripts")
    sub.set_defaults(run=cmd_list)

    sub = commands.add_parser("links", help="check every link and anchor in the built site")
    sub.add_argument("--site-dir", help="the built site (default: site/ beside mkdocs.yml)")
    sub.add_argument("--external", action="store_true", help="also request every external link")
    sub.set_defaults(run=cmd_links)

    sub = commands.add_parser("schema", help="print the JSON Schema of a file format")
    sub.add_argument("kind", nargs="?", default="lesson", choices=list(spec.KINDS), help="default: lesson")
    sub.add_argument("--write", action="store_true",
                     help="write every kind's schema to schema/ for editors, instead of printing one")
    sub.set_defaults(run=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _QuietWhenClosed(sys.stdout), _QuietWhenClosed(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except CurriculumError as error:
        _report(error, args)
        return 1
    except UsageError as error:
        print(f"curriculum: error: {error}", file=sys.stderr)
        return 2
    except SiteConfigError as error:
        for problem in error.problems:
            print(f"error: {problem}; nothing was built.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        done = "the previous site is unchanged" if args.command in ("build", "serve") else "stopped"
        print(f"Interrupted; {done}.", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"curriculum: error: {error.strerror or error}"
              + (f": {os.fsdecode(error.filename)}" if error.filename else ""), file=sys.stderr)
        return 1
    except Exception as error:
        if os.environ.get("CURRICULUM_TRACEBACK"):
            raise
        print(f"curriculum: internal error ({_fault(error)}); this is a fault in the tool, please report it "
              "with this line (CURRICULUM_TRACEBACK=1 shows the full traceback).", file=sys.stderr)
        return 1
