"""The `pcsp` command: check plan and assessment files, check an outcome's
wording, print a self-assessment's action plan, start a new document.

`main()` only parses arguments and exits with what `run()` returns; tests call
`run(argv, stdout, stderr)` with string buffers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from . import checker, documents, resources
from .errors import PcspError
from .outcomes import check_outcome

from .plan_exports import MAKERS

EXPORTS = tuple(MAKERS)  # pcsp export's formats: the same files "Share my plan" downloads

VERDICT_WORDS = {v: words.lower() for v, words in resources.wording("words")["verdict"].items()}

# Control characters a terminal would act on: C0 (ESC clears screens and retitles windows),
# DEL, and C1 (U+0080–U+009F, which some terminals treat as ESC sequences too).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def shown(text: Any) -> str:
    """Text from a file (a name, a value, a message quoting one) as it is safe to print:
    every control character, line breaks included, written as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


class _Guarded:
    """A stream that escapes any control character still in what is written: the line
    breaks the report makes itself stay (CRLF too, for a CSV), everything else is shown
    as \\xNN."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        lines = []
        for line in text.split("\n"):
            end = "\r" if line.endswith("\r") else ""  # a CSV's CRLF line ends are line ends too
            lines.append(shown(line[:len(line) - len(end)]) + end)
        return self.stream.write("\n".join(lines))


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors through run()'s streams, not sys.exit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}\n{self.format_usage()}")


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pcsp", description="Check personalised care and support plans and "
                                              "team self-assessments against the NHS England PCSP framework.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="check plan, self-assessment and checklist files or folders")
    check.add_argument("paths", nargs="+", metavar="PATH", help="a .json file, or a folder to search for them")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--today", metavar="YYYY-MM-DD", help="the date to check overdue reviews against "
                                                              "(default: today)")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="text output: only the totals and the files with problems")

    outcome = commands.add_parser("outcome", help="check how an outcome is worded")
    outcome.add_argument("text", metavar="TEXT")
    outcome.add_argument("--format", choices=("text", "json"), default="text")

    actions = commands.add_parser("actions", help="print a self-assessment's action plan as CSV or Markdown")
    actions.add_argument("path", metavar="FILE", help="a self-assessment .json file")
    actions.add_argument("--format", choices=("csv", "markdown"), default="csv",
                         help="csv (the default: UTF-8 with a byte-order mark, for Excel and LibreOffice) "
                              "or markdown")
    actions.add_argument("-o", "--output", metavar="OUT",
                         help="write to this file (UTF-8, line ends exactly as made) instead of printing")

    export = commands.add_parser("export", help="a plan to share, as the guide's “Share my plan” makes it: "
                                                 "the same bytes for the same plan, day and choice")
    export.add_argument("path", metavar="PLAN", help="a plan .json file")
    export.add_argument("--format", choices=EXPORTS, required=True,
                        help="html (one self-contained page for the people who support the person: no script, "
                             "opens anywhere, prints), card (the “if things change” card as such a page), "
                             "markdown (the plan, in the person's words), fhir (a FHIR R4 Bundle for a care "
                             "record) or ics (the next formal review, with a reminder a week before)")
    export.add_argument("--sections", choices=("summary", "all"),
                        help="summary (what the people who support the person need, leaving out private parts "
                             "such as the budget and medicines) or all. Default: what the plan itself says the "
                             "person chose to share, else the summary")
    export.add_argument("--today", metavar="YYYY-MM-DD", help="the date the file is made on, which it says, "
                                                              "and counts the next review from (default: today)")
    export.add_argument("-o", "--output", metavar="OUT",
                        help="write to this file (UTF-8, line ends exactly as made) instead of printing")

    new = commands.add_parser("new", help="print a new, empty document")
    new.add_argument("kind", choices=documents.KINDS)
    return parser


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            found.append(path)
            continue
        try:
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        except OSError:
            found.append(path)  # a folder that cannot be searched is reported as a file that cannot be read
    return found


def _read(path: Path) -> tuple[bytes | None, dict[str, str] | None]:
    try:
        size = path.stat().st_size
        if error := documents.too_large(size):
            return None, error
        with path.open("rb") as handle:
            return handle.read(), None
    except FileNotFoundError:
        return None, {"path": "", "message": "There is no such file or folder."}
    except IsADirectoryError:
        return None, {"path": "", "message": "This is a folder, not a file."}
    except OSError as exc:
        return None, {"path": "", "message": f"The file could not be read: {exc.strerror or exc}."}


def _text_report(report: dict[str, Any], quiet: bool, out: TextIO) -> None:
    path, kind = shown(report["path"]), report["kind"]
    if kind == documents.PROTECTED and not report["errors"][0]["path"]:
        out.write(f"{path}: {documents.PROTECTED_MESSAGE}\n")  # a sound protected copy: nothing else is known
        return
    if not report["valid"]:
        out.write(f"{path}: cannot be used{f' as {documents.with_article(kind)}' if kind else ''}\n")
        for error in report["errors"]:
            out.write(f"  {shown(error['path']) or '(whole file)'}: {shown(error['message'])}\n")
        return
    migrated = f" (opened from format version {report['migrated_from']})" if "migrated_from" in report else ""
    if kind == "self-assessment":
        if quiet:
            return
        overall = report["summary"]["overall"]
        mean = "no mean" if overall["mean"] is None else f"mean level {overall['mean']}"
        out.write(f"{path}: self-assessment{migrated}: {overall['rated']} of {overall['of']} enablers rated, "
                  f"{mean}\n")
        for foundation in report["summary"]["foundations"]:
            priorities = ", ".join(f"{p['letter']} (level {p['level']})" for p in foundation["priorities"])
            out.write(f"  {foundation['title']}: {foundation['rated']} of {foundation['of']} rated"
                      f"{'' if foundation['mean'] is None else ', mean ' + str(foundation['mean'])}"
                      f"{'; priorities: ' + priorities if priorities else ''}\n")
        return
    if kind == "implementation-checklist":
        if quiet:
            return
        overall = report["progress"]["overall"]
        out.write(f"{path}: implementation checklist{migrated}: {overall['done']} of {overall['applicable']} "
                  f"done, {overall['counts']['in-progress']} in progress\n")
        for step in report["progress"]["next_steps"]:
            out.write(f"  next: {shown(step['text'][:100])}{'…' if len(step['text']) > 100 else ''} "
                      f"({shown(step['where'])})\n")
        return
    if quiet and report["counts_as_pcsp"]:
        return
    verdict = "counts as a PCSP" if report["counts_as_pcsp"] else "does not count as a PCSP"
    out.write(f"{path}: plan{migrated}: {verdict}\n")
    out.write("  " + ", ".join(f"criterion {c['id']} {VERDICT_WORDS[c['verdict']]}" for c in report["criteria"])
              + "\n")
    for criterion in report["criteria"]:
        for finding in criterion["findings"]:
            out.write(f"  [{criterion['id']}] {shown(finding['message'])} ({shown(finding['path'])})\n")
    for outcome in report["outcomes"]:
        for finding in outcome["findings"]:
            out.write(f"  [outcome {shown(outcome['path'])}] {shown(finding['message'])}\n")


def _text_totals(summary: dict[str, Any], out: TextIO) -> None:
    out.write(f"{summary['files']} file{'s' * (summary['files'] != 1)}: {summary['valid']} valid, "
              f"{summary['invalid']} cannot be used; {summary['plans']} plan{'s' * (summary['plans'] != 1)}, "
              f"{summary['counting']} counting as a PCSP\n")
    if summary["plans"]:
        for number, counts in summary["criteria"].items():
            out.write(f"  criterion {number}: {counts['met']} met, {counts['partly']} partly met, "
                      f"{counts['not-met']} not met\n")


def _check(args: argparse.Namespace, out: TextIO) -> int:
    today = args.today or datetime.date.today().isoformat()
    reports = []
    for path in _files(args.paths):
        raw, error = _read(path)
        try:
            reports.append(checker.check(str(path), raw, error, today))
        except Exception as exc:  # a bug met on one file is that file's problem; the rest are still checked
            reports.append(checker.check(str(path), None, {"path": "", "message": (
                f"This file could not be checked: the checker met a problem it did not expect "
                f"({type(exc).__name__}). Please report it with the file, if you can share it.")}, today))
        if args.format == "text":
            _text_report(reports[-1], args.quiet, out)
    summary = checker.totals(reports)
    if args.format == "json":
        # dumps, not dump: dump streams through the pure-Python encoder, several times slower.
        # ASCII only: every character a terminal could act on is a JSON escape, and it reads back the same.
        out.write(json.dumps(checker.report_file(reports, summary, today)) + "\n")
    else:
        _text_totals(summary, out)
    return checker.exit_code(summary)


def _outcome(args: argparse.Namespace, out: TextIO) -> int:
    result = check_outcome(args.text)
    if args.format == "json":
        out.write(json.dumps(result) + "\n")
    elif not result["findings"]:
        out.write("No problems found with this outcome.\n")
    else:
        for finding in result["findings"]:
            out.write(f"{finding['code']}: {finding['message']}\n  Ask: {finding['suggestion']}\n")
    return 0


def _open(path: str, kind: str, err: TextIO) -> dict[str, Any] | None:
    """The document in the file at path, or None after saying on err why it cannot be used."""
    raw, error = _read(Path(path))
    opened = documents.open_document(raw, kind) if error is None else {"valid": False, "errors": [error]}
    if opened["valid"]:
        return opened["document"]
    err.write(f"{shown(path)}: cannot be used.\n")
    for problem in opened["errors"]:
        where = f" ({shown(problem['path'])})" if problem.get("path") else ""
        err.write(f"  {shown(problem['message'])}{where}\n")
    return None


def _write(text: str, output: str | None, out: TextIO, err: TextIO) -> int:
    if not output:
        out.write(text)
        return 0
    try:
        # newline="": CRLF line ends (CSV, calendar files) are written as made, on every system.
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        err.write(f"{shown(output)}: could not be written: {exc.strerror or exc}.\n")
        return 2
    return 0


def _actions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .exports import actions_csv, actions_markdown

    assessment = _open(args.path, "self-assessment", err)
    if assessment is None:
        return 2
    return _write((actions_csv if args.format == "csv" else actions_markdown)(assessment), args.output, out, err)


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .plan_exports import export_plan

    plan = _open(args.path, "plan", err)
    if plan is None:
        return 2
    today = args.today or datetime.date.today().isoformat()
    try:
        made = export_plan(plan, args.format, today, {"scope": args.sections} if args.sections else None)
    except PcspError as exc:
        err.write(f"{shown(args.path)}: {shown(str(exc))}\n")
        return 2
    return _write(made["text"], args.output, out, err)


def run(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run the command line `argv` (without the program name); return the exit code."""
    try:
        args = _parser().parse_args(argv)
        if getattr(args, "today", None):
            datetime.date.fromisoformat(args.today)
    except _UsageError as exc:
        stderr.write(str(exc))
        return 2
    except ValueError:
        stderr.write(f"pcsp: --today should be a date written as YYYY-MM-DD, not “{args.today}”\n")
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    # JSON output is ASCII (its own escapes). An action plan printed into a pipe or a file is the
    # very file the page downloads, byte for byte; on a terminal, like everything else, it
    # cannot send the terminal commands.
    json_out = getattr(args, "format", None) == "json"
    if not json_out and (args.command not in ("actions", "export") or getattr(stdout, "isatty", lambda: False)()):
        stdout = _Guarded(stdout)
    stderr = _Guarded(stderr)
    if args.command == "check":
        return _check(args, stdout)
    if args.command == "outcome":
        return _outcome(args, stdout)
    if args.command == "actions":
        return _actions(args, stdout, stderr)
    if args.command == "export":
        return _export(args, stdout, stderr)
    stdout.write(documents.dump_document(documents.new_document(args.kind)))
    return 0


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        # Messages use typographic quotes; a console that cannot show them gets escapes, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))
