"""Opening, checking and writing the files people own: plans, self-assessments and
implementation checklists.

`open_document` takes the raw file and never raises: whatever is wrong comes
back as errors (each a JSON pointer and a plain-English message), and the
document only when it could be read. The same function serves the CLI and the
browser, so a file gets the same answer in both.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from . import migrations, resources, strict_json
from .errors import PcspError
from .fastcheck import compile_schema
from .schema_walk import children, resolve

KINDS = ("plan", "self-assessment", "implementation-checklist")
# What each kind is called in a sentence ("This file is a plan, not an implementation checklist").
_NAMES = {"plan": "plan", "self-assessment": "self-assessment", "implementation-checklist": "implementation checklist"}
# A protected copy (schemas/protected.schema.json) is one of these, encrypted in the browser. It is a
# kind of file, not of document: only the guide, with the passphrase, can open what is inside.
PROTECTED = "protected"
PROTECTED_MESSAGE = "this file is protected: open it in the guide with its passphrase"
MAX_BYTES = 5 * 1024 * 1024
# How deep raw text may nest before any JSON parser sees it. Far deeper than any
# schema allows (max_depth), far shallower than what overflows a parser's stack:
# Pyodide's json.loads dies around 5,000 levels with no Python error at all.
MAX_RAW_DEPTH = 64
TOO_LARGE = ("The file is {size} MB; plans and assessments are never larger than {limit} MB. "
             "Check you chose the right file.")
# What `pcsp check --format json` prints (schemas/check-report.schema.json): not a document people
# edit, but a file a data team hands its lead, which "Check our plans" opens for its figures.
REPORT = "check-report"
REPORT_NAME = "report from pcsp check"
# A report takes about 3,000 bytes per plan (bench/report_size.py: 3,045 on the 40 calibration
# plans, one plan's report from 1,200 to 9,500 bytes with its findings; a file that cannot be used,
# about 400). 32 MB is about 10,000 plans, the "thousands" a data team checks at once; its figures
# take 1.5 s in CPython and 2.5 s on the page in Chromium (measured with a 28 MB report of 10,000), and
# about 300 MB while the report is parsed, well inside what a browser tab's Python can use. Past that,
# a team checks the folder in parts.
MAX_REPORT_BYTES = 32 * 1024 * 1024
# How deeply a report nests at most: 9 measured over the examples, a self-assessment's summary
# being the deepest part (tests/test_cli.py keeps it true).
REPORT_DEPTH = 10
REPORT_TOO_LARGE = ("The report is {size} MB; reports from pcsp check open here up to {limit} MB, "
                    "thousands of plans. Run pcsp check on part of the folder at a time, and open each report.")
# The size each kind of file may be, with the words saying it is too large ({size} and {limit} to fill in).
_LIMITS = {None: (MAX_BYTES, TOO_LARGE), REPORT: (MAX_REPORT_BYTES, REPORT_TOO_LARGE)}

Document = dict[str, Any]
Error = dict[str, str]


def current_version(kind: str) -> int:
    return resources.schema(kind)["properties"]["schema_version"]["const"]


@cache
def _validator(kind: str) -> Any:
    # Imported here, not at the top: jsonschema is only needed to explain an
    # invalid document (valid ones pass the compiled check), and importing it
    # costs ≈0.5 s in the browser.
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(resources.schema(kind), format_checker=FormatChecker())


@cache
def _is_valid(kind: str) -> Callable[[Any], bool]:
    return compile_schema(resources.schema(kind))


@cache
def max_depth(kind: str) -> int:
    """How deeply the schema lets objects and lists nest (the document itself is 1)."""
    root = resources.schema(kind)

    def depth(node: dict[str, Any]) -> int:
        node = resolve(root, node)
        # Property names are strings: they never nest.
        inner = max((depth(child) for step, child in children(root, node) if step[0] != "propertyNames"), default=0)
        container = node.get("type") in ("object", "array")
        return inner + (1 if container else 0)

    return depth(root)


_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_INNERMOST = re.compile(rb"[\[{][\]}]")  # an opener with its closer right after it: the deepest level


def raw_depth(text: str | bytes, cap: int = MAX_RAW_DEPTH) -> int:
    """How deeply the brackets in raw JSON text nest, outside strings, counting no
    further than cap + 1. Runs before any parser, so a hostile file cannot
    overflow one."""
    return _depth_outside_strings(strict_json.outside_strings(text), cap)


def _depth_outside_strings(outside: bytes, cap: int) -> int:
    # Each pass strips the innermost pairs, so the number of passes is the depth; each pass
    # is one regular-expression sweep, and there are never more than cap + 1 of them.
    brackets = outside.translate(None, _NOT_BRACKETS)
    depth = 0
    while brackets and depth <= cap:
        fewer = _INNERMOST.sub(b"", brackets)
        if len(fewer) == len(brackets):
            break
        depth, brackets = depth + 1, fewer
    # Brackets left unmatched (a broken file) count as deeper still, never as shallower.
    level = deepest = 0
    for bracket in brackets[: cap + 2]:
        level = level + 1 if bracket in b"[{" else max(level - 1, 0)
        deepest = max(deepest, level)
    return min(depth + deepest, cap + 1)


def depth_of(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion (files may be hostile)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _error(message: str, path: str = "") -> Error:
    return {"path": path, "message": message}


def _result(errors: list[Error], kind: str | None = None, document: Document | None = None,
            migrated_from: int | None = None) -> dict[str, Any]:
    return {"valid": not errors, "kind": kind, "document": document,
            "migrated_from": migrated_from, "errors": errors}


def _kind_names() -> str:
    return ", ".join(f"“{k}”" for k in KINDS[:-1]) + f" or “{KINDS[-1]}”"


def with_article(kind: str) -> str:
    """The kind's name with its article: "a plan", "an implementation checklist"."""
    name = _NAMES.get(kind, kind)
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def too_large(size: int, what: str | None = None) -> Error | None:
    """The error for a file of `size` bytes, if it is over the limit (callers that
    can see the size before reading use this to avoid reading huge files). `what` is
    REPORT for a report from pcsp check, None for a document."""
    limit, words = _LIMITS[what]
    if size <= limit:
        return None
    return _error(words.format(size=f"{size / 1024 / 1024:.1f}", limit=limit // 1024 // 1024))


def _size_rule(what: str | None) -> dict[str, Any]:
    limit, words = _LIMITS[what]
    return {"max_bytes": limit, "too_large": words.replace("{limit}", str(limit // 1024 // 1024))}


def file_rules() -> dict[str, Any]:
    """What the browser checks before it reads a file at all (it must not read a huge
    one): the limit in bytes and its message, with {size} and {limit} to fill in, for a
    document and, under "report", for a report from pcsp check.
    The build puts this on every tool that opens files, so the words live only here."""
    return {**_size_rule(None), "report": _size_rule(REPORT)}


def upload_raw(upload: dict[str, Any]) -> bytes | str:
    """A file as the browser sends it: {"text"} when it read as UTF-8, or {"base64"}
    of its bytes when it did not, so that this module, not the browser, says what
    is wrong with it (the same words as the CLI)."""
    if isinstance(upload.get("text"), str):
        return upload["text"]
    try:
        return base64.b64decode(upload.get("base64") or "", validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise PcspError("The file could not be passed to the checks (its copy was damaged on the way).") from None


def open_upload(upload: dict[str, Any], expect: str | None = None) -> dict[str, Any]:
    """open_document for a file as the browser sends it (see upload_raw)."""
    return open_document(upload_raw(upload), expect)


def parse(raw: bytes | str, what: str | None = None) -> tuple[Any, list[Error]]:
    """The parsed JSON of a file, or the one error that stops it being read.

    Bytes are decoded as UTF-8 (a byte-order mark is allowed); text the browser
    decoded is taken as it is. Nesting is measured on the text before parsing, and
    the parsing is strict (strict_json): what the browser would read otherwise, or
    not at all, is refused with the field named. `what` is REPORT for a report from
    pcsp check (its own size limit), None for a document."""
    error = too_large(len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw), what)
    if error:
        return None, [error]
    from_utf8 = isinstance(raw, bytes)
    data = raw.removeprefix(b"\xef\xbb\xbf") if from_utf8 else raw
    if from_utf8:
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, [_error(f"The file is not UTF-8 text (byte {exc.start + 1:,} is not valid UTF-8), so "
                                 "its words would come out garbled. If you edited it yourself, save it again as "
                                 "UTF-8 and open that copy; otherwise choose a .json file saved by this tool.")]
    raw = raw.removeprefix("\ufeff")  # text decoded elsewhere may keep its byte-order mark
    outside = strict_json.outside_strings(data if from_utf8 else raw)
    if _depth_outside_strings(outside, MAX_RAW_DEPTH) > MAX_RAW_DEPTH:
        deepest = max(max_depth(kind) for kind in KINDS)
        made = ("plans, assessments and checklists never go deeper than {deepest}" if what is None else
                f"a {REPORT_NAME} never goes deeper than {REPORT_DEPTH}")
        return None, [_error(f"The file is nested more than {MAX_RAW_DEPTH} levels deep, but "
                             f"{made.format(deepest=deepest)}. It may be damaged or not made by this tool; "
                             "open the last good copy.")]
    try:
        return strict_json.loads(raw, outside, from_utf8)
    except json.JSONDecodeError as exc:
        return None, [_error(f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}. "
                             "It may have been edited by hand or cut short; open the last good copy.")]
    except RecursionError:
        return None, [_error("The file is nested far too deeply to be a plan or assessment. "
                             "It may be damaged; open the last good copy.")]


def check_envelope(doc: Any, expect: str | None = None) -> tuple[str | None, int | None, list[Error]]:
    """kind and schema_version, checked before anything else is looked at."""
    if not isinstance(doc, dict):
        found = {list: "a list", str: "a piece of text", bool: "true or false", type(None): "null"}.get(
            type(doc), "a number")
        return None, None, [_error(f"The file holds {found}, not a plan or assessment.")]
    kind = doc.get("kind")
    if kind is None:
        return None, None, [_error(f"The file does not say what it is (it has no “kind”). "
                                   f"Files made by this tool have a kind of {_kind_names()}.", "/kind")]
    if kind == REPORT:
        return None, None, [_error(f"This file is a {REPORT_NAME}, not a plan or assessment. Open it on the "
                                   "“Check our plans” page, with “Open a report from pcsp check”, to see its "
                                   "figures.", "/kind")]
    if kind not in KINDS:
        return None, None, [_error(f"The file is a “{str(kind)[:40]}”, which this tool does not open; "
                                   f"it opens {_kind_names()} files.", "/kind")]
    if expect is not None and kind != expect:
        return kind, None, [wrong_kind(kind, expect)]
    version = doc.get("schema_version")
    current = current_version(kind)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return kind, None, [_error("The file does not say which version of the format it uses "
                                   "(“schema_version” should be a whole number).", "/schema_version")]
    if version > current:
        return kind, version, [_error(f"This {_NAMES[kind]} was made by a newer version of this tool (format version "
                                      f"{version}; this one reads up to {current}). Update the tool, then open it "
                                      "again.", "/schema_version")]
    oldest = migrations.oldest_version(kind, current)
    if version < oldest:
        return kind, version, [_error(f"This {_NAMES[kind]} uses format version {version}, older than this tool can "
                                      f"bring up to date (the oldest it reads is {oldest}).", "/schema_version")]
    return kind, version, []


def wrong_kind(kind: str, expect: str) -> Error:
    """The error for a document of one kind where another was expected."""
    return _error(f"This file is {with_article(kind)}, not {with_article(expect)}. "
                  f"Open it on the {_NAMES[kind]} page.", "/kind")


def validate(doc: Any, expect: str | None = None) -> list[Error]:
    """Every problem in an in-memory document (no migration), as path + message."""
    kind, version, errors = check_envelope(doc, expect)
    if errors:
        return errors
    if version != current_version(kind):
        return [_error(f"This {_NAMES[kind]} is in format version {version}; open it as a file to bring it up to date.",
                       "/schema_version")]
    return _schema_errors(doc, kind)


def _schema_errors(doc: Document, kind: str) -> list[Error]:
    if _is_valid(kind)(doc):
        return []
    from .messages import schema_error  # imports jsonschema too

    errors = [schema_error(e, resources.schema(kind)) for e in _validator(kind).iter_errors(doc)]
    unique = {(e["path"], e["message"]): e for e in errors}
    return sorted(unique.values(), key=lambda e: (e["path"], e["message"]))


def first_schema_error(doc: Any, kind: str) -> Error | None:
    """The first way `doc` differs from its schema, in words, or None: for a file too large
    to be worth listing every error (a report of thousands of plans), it stops at one."""
    if _is_valid(kind)(doc):
        return None
    from .messages import schema_error  # imports jsonschema too

    return schema_error(next(_validator(kind).iter_errors(doc)), resources.schema(kind))


def _open_protected(doc: Document, expect: str | None) -> dict[str, Any]:
    """A protected copy is never valid here; when it is sound, the result carries it as "protected"
    for the guide to ask for the passphrase. What is inside is all that can be said of it."""
    version = doc.get("schema_version")
    current = current_version(PROTECTED)
    if isinstance(version, int) and not isinstance(version, bool) and version > current:
        return _result([_error(f"This protected file was made by a newer version of this tool (format version "
                               f"{version}; this one reads up to {current}). Update the tool, then open it again.",
                               "/schema_version")], PROTECTED)
    if not _is_valid(PROTECTED)(doc):
        return _result([_error("This protected file is damaged: it is not laid out as a protected copy should be, "
                               "so it cannot be opened. Open the last good copy.")], PROTECTED)
    inside = doc["contains"]
    if expect is not None and inside != expect:
        return _result([_error(f"This protected file holds {with_article(inside)}, not {with_article(expect)}. "
                               f"Open it on the {_NAMES[inside]} page.", "/contains")], PROTECTED)
    return {**_result([_error(PROTECTED_MESSAGE[:1].upper() + PROTECTED_MESSAGE[1:] + ".")], PROTECTED),
            "protected": doc}


def protection() -> dict[str, Any]:
    """What the browser needs to make a protected copy, from its schema (the one place it is said)."""
    properties = resources.schema(PROTECTED)["properties"]
    return {"iterations": properties["kdf"]["properties"]["iterations"]["minimum"],
            "schema_version": properties["schema_version"]["const"], "$schema": properties["$schema"]["const"]}


def open_document(raw: bytes | str, expect: str | None = None) -> dict[str, Any]:
    """Read a file's bytes or text into {valid, kind, document, migrated_from, errors}.

    Checks run cheapest first and stop at the first that makes the rest
    meaningless: size, JSON, envelope (kind, version), nesting, then migration
    and every schema error at once. A protected copy comes back with "protected" (see
    _open_protected).
    """
    doc, errors = parse(raw)
    if errors:
        return _result(errors)
    if isinstance(doc, dict) and doc.get("kind") == PROTECTED:
        return _open_protected(doc, expect)
    kind, version, errors = check_envelope(doc, expect)
    if errors:
        return _result(errors, kind)
    current = current_version(kind)
    if version == current and _is_valid(kind)(doc):
        return _result([], kind, doc)  # the common case; a valid document is never too deep
    depth, limit = depth_of(doc), max_depth(kind)
    if depth > limit:
        return _result([_error(f"The file is nested {depth} levels deep, but {with_article(kind)} never goes "
                               f"deeper than {limit}. It may be damaged or not made by this tool.")], kind)
    migrated_from = version if version < current else None
    if migrated_from is not None:
        doc = migrations.migrate(doc, kind, current)
    errors = _schema_errors(doc, kind)
    return _result(errors, kind, doc if not errors else None, migrated_from)


def dump_document(doc: Document) -> str:
    """The one way files are written, so save → open → save gives the same bytes."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def new_document(kind: str) -> Document:
    """An empty, valid document of `kind`."""
    if kind not in KINDS:
        raise PcspError(f"There is no document kind “{kind}”; choose {_kind_names()}.")
    return {"$schema": migrations.SCHEMA_URI.format(kind=kind), "kind": kind,
            "schema_version": current_version(kind)}


def _slug(words: Any, limit: int) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", str(words)).encode(
        "ascii", "ignore").decode().lower()))[:limit].strip("-")


def suggested_file_name(doc: Document, today: str) -> str:
    """A file name for saving `doc`: whose or what it is, what it is, and the date,
    e.g. "cecilia-plan-2026-11-24.json". Only a-z, 0-9 and "-", so it is safe on
    every system and says nothing a person did not write.

    A member's self-assessment also carries the member's name, so a lead who
    collects a team's files in one folder gets one file per member; an agreed
    one says so ("...-agreed-self-assessment-...")."""
    kind = doc.get("kind") if doc.get("kind") in KINDS else "document"
    what = kind
    if kind == "plan":
        person = doc.get("person") if isinstance(doc.get("person"), dict) else {}
        who = _slug(person.get("preferred_name") or person.get("name") or "", 40) or "my"
    elif kind == "implementation-checklist":
        who = _slug(doc.get("team") or "", 40) or "team"
    else:
        scope = doc.get("scope") if isinstance(doc.get("scope"), dict) else {}
        who = _slug(scope.get("name") or "", 40) or "team"
        people = [p for p in doc.get("assessed_by") or [] if isinstance(p, dict) and p.get("name")]
        if kind == "self-assessment" and doc.get("agreed_from"):
            what = f"agreed-{kind}"
        elif kind == "self-assessment" and len(people) == 1 and _slug(people[0]["name"], 30):
            who = f"{who}-{_slug(people[0]['name'], 30)}"
    return f"{who}-{what}-{today}.json"
