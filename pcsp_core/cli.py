"""The `pcsp` command: check plan and assessment files, check an outcome's
wording, print a self-assessment's action plan, start a new document.

`main()` only parses arguments and exits with what `run()` returns; tests call
`run(argv, stdout, stderr)` with string buffers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from . import checker, documents, resources
from .outcomes import check_outcome

VERDICT_WORDS = {v: words.lower() for v, words in resources.wording("words")["verdict"].items()}


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

    new = commands.add_parser("new", help="print a new, empty document")
    new.add_argument("kind", choices=documents.KINDS)
    return parser


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()) if path.is_dir() else [path])
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
    path, kind = report["path"], report["kind"]
    if not report["valid"]:
        out.write(f"{path}: cannot be used{f' as {documents.with_article(kind)}' if kind else ''}\n")
        for error in report["errors"]:
            out.write(f"  {error['path'] or '(whole file)'}: {error['message']}\n")
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
            out.write(f"  next: {step['text'][:100]}{'…' if len(step['text']) > 100 else ''} ({step['where']})\n")
        return
    if quiet and report["counts_as_pcsp"]:
        return
    verdict = "counts as a PCSP" if report["counts_as_pcsp"] else "does not count as a PCSP"
    out.write(f"{path}: plan{migrated}: {verdict}\n")
    out.write("  " + ", ".join(f"criterion {c['id']} {VERDICT_WORDS[c['verdict']]}" for c in report["criteria"])
              + "\n")
    for criterion in report["criteria"]:
        for finding in criterion["findings"]:
            out.write(f"  [{criterion['id']}] {finding['message']} ({finding['path']})\n")
    for outcome in report["outcomes"]:
        for finding in outcome["findings"]:
            out.write(f"  [outcome {outcome['path']}] {finding['message']}\n")


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
        reports.append(checker.check(str(path), raw, error, today))
        if args.format == "text":
            _text_report(reports[-1], args.quiet, out)
    summary = checker.totals(reports)
    if args.format == "json":
        # dumps, not dump: dump streams through the pure-Python encoder, several times slower.
        out.write(json.dumps({"files": reports, "summary": summary}, ensure_ascii=False) + "\n")
    else:
        _text_totals(summary, out)
    return checker.exit_code(summary)


def _outcome(args: argparse.Namespace, out: TextIO) -> int:
    result = check_outcome(args.text)
    if args.format == "json":
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    elif not result["findings"]:
        out.write("No problems found with this outcome.\n")
    else:
        for finding in result["findings"]:
            out.write(f"{finding['code']}: {finding['message']}\n  Ask: {finding['suggestion']}\n")
    return 0


def _actions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .exports import actions_csv, actions_markdown

    raw, error = _read(Path(args.path))
    opened = documents.open_document(raw, "self-assessment") if error is None else {"valid": False, "errors": [error]}
    if not opened["valid"]:
        err.write(f"{args.path}: cannot be used.\n")
        for problem in opened["errors"]:
            where = f" ({problem['path']})" if problem.get("path") else ""
            err.write(f"  {problem['message']}{where}\n")
        return 2
    text = (actions_csv if args.format == "csv" else actions_markdown)(opened["document"])
    if args.output:
        # newline="": the CSV's CRLF line ends are written as they are, on every system.
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    else:
        out.write(text)
    return 0


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
    if args.command == "check":
        return _check(args, stdout)
    if args.command == "outcome":
        return _outcome(args, stdout)
    if args.command == "actions":
        return _actions(args, stdout, stderr)
    stdout.write(documents.dump_document(documents.new_document(args.kind)))
    return 0


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        # Messages use typographic quotes; a console that cannot show them gets escapes, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))
