"""One strict reading of JSON: only what the browser and Python would read the same way.

Python's json module accepts more than JSON: NaN and Infinity, integers of any
length (which then fail to print past 4,300 digits), and text holding half of a
UTF-16 pair. A browser reads the same file differently or not at all: JSON.parse
refuses NaN, rounds integers past 2**53, and a lone surrogate cannot be written
back as UTF-8. Duplicate keys are legal JSON, but the two runtimes would keep
different ones. So each is refused here, once, with the field named.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .pointers import pointer

# The largest whole number a browser holds exactly (Number.MAX_SAFE_INTEGER).
MAX_SAFE_INTEGER = 2**53 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

Error = dict[str, str]


class _Refused:
    """Stands where the parser met a number that cannot be kept; reported with its path."""

    def __init__(self, text: str, why: str) -> None:
        self.text, self.why = text, why


def _integer(text: str) -> int | _Refused:
    digits = text.lstrip("-")
    if len(digits) > 16 or abs(int(text)) > MAX_SAFE_INTEGER:  # int() only ever sees ≤ 16 digits
        return _Refused(text, "too-large")
    return int(text)


def _float(text: str) -> float | _Refused:
    value = float(text)
    return value if math.isfinite(value) else _Refused(text, "not-finite")


def _escaped(text: str) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _label(path: list[str | int]) -> str:
    if not path:
        return "The file"
    last = path[-1]
    return f"Entry {last + 1} of “{path[-2]}”" if isinstance(last, int) and len(path) > 1 else f"“{last}”"


def _number_error(path: list[str | int], refused: _Refused) -> Error:
    label = _label(path)
    if refused.why == "not-finite":
        message = (f"{label} is {refused.text[:20]}, which is not a number a file can hold. Write the number "
                   "itself; the file may have been edited by hand.")
    else:
        message = (f"{label} is a whole number {len(refused.text.lstrip('-')):,} digits long; numbers in these "
                   f"files are never larger than {MAX_SAFE_INTEGER:,}. The file may be damaged.")
    return {"path": pointer(path), "message": message}


def _text_error(path: list[str | int], what: str) -> Error:
    return {"path": pointer(path), "message": f"{what} holds a broken character (half of a pair that makes an "
                                              "emoji or symbol). Retype that text, or open the last good copy."}


def _problems(doc: Any, duplicates: dict[int, list[str]]) -> list[Error]:
    """Everything in a parsed document that the browser would not read the same way.
    `duplicates` maps id() of each object given a key more than once to those keys."""
    found: list[Error] = []
    stack: list[tuple[Any, list[str | int]]] = [(doc, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, _Refused):
            found.append(_number_error(path, node))
        elif isinstance(node, str):
            if _SURROGATE.search(node):
                found.append(_text_error(path, _label(path)))
        elif isinstance(node, dict):
            for key in duplicates.get(id(node), []):
                found.append({"path": pointer([*path, key]), "message": f"“{key[:40]}” is written more than once "
                              "in the same place; a file says each field once. Keep the right one and remove the "
                              "others."})
            for key, value in node.items():
                if _SURROGATE.search(key):
                    key = _escaped(key)  # a path must itself be text that can be written out
                    found.append(_text_error([*path, key], "A field's name"))
                stack.append((value, [*path, key]))
        elif isinstance(node, list):
            stack.extend((value, [*path, k]) for k, value in enumerate(node))
    return sorted(found, key=lambda e: e["path"])


def _writable(text: str) -> bool:
    """No half UTF-16 pair in the text itself (UTF-8 cannot write one)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def outside_strings(text: str | bytes) -> bytes:
    """The text (as UTF-8) with every JSON string taken out: what is left is structure and numbers.

    Inside a string a backslash always escapes the next character, so once escaped
    backslashes and escaped quotes are gone, every quote left opens or closes a string.
    (A backslash outside strings is not JSON, and the parser stops there.) Bytes, because
    UTF-8 never puts a quote or a backslash inside another character, and bytes are fast."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if b"\\" in data:  # one byte: a fast scan, and most files have no escapes at all
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    return b'""'.join(data.split(b'"')[::2])


def loads(text: str, outside: bytes | None = None, from_utf8: bool = False) -> tuple[Any, list[Error]]:
    """Parse `text` strictly: the document (None when refused) and every problem, each with its pointer.
    `outside` is outside_strings(text), if the caller has it already; `from_utf8` says the text
    was decoded from UTF-8 bytes, so it cannot hold half of a UTF-16 pair itself.

    Raises json.JSONDecodeError for text that is not JSON at all, as json.loads does."""
    outside = outside_strings(text) if outside is None else outside
    if (from_utf8 or _writable(text)) and not _SURROGATE_ESCAPE.search(text):
        # Most files: the fast parser, then one pass of the fast writer, which refuses NaN,
        # Infinity, overflowed numbers (allow_nan=False) and a number too long for a browser
        # (left in place by _integer). The key separator \x01, which the writer never leaves
        # raw inside a string, counts the members: a key given twice leaves fewer members
        # than the text has colons outside its strings.
        doc = json.loads(text, parse_int=_integer)
        try:
            written = json.dumps(doc, allow_nan=False, separators=(",", "\x01"), ensure_ascii=False,
                                 check_circular=False)
        except (TypeError, ValueError):
            written = ""
        if written and written.count("\x01") == outside.count(b":"):
            return doc, []
    return _careful(text)


def _careful(text: str) -> tuple[Any, list[Error]]:
    duplicates: dict[int, list[str]] = {}

    def obj(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made: dict[str, Any] = {}
        for key, value in pairs:
            if key in made and key not in duplicates.setdefault(id(made), []):
                duplicates[id(made)].append(key)
            made[key] = value
        return made

    doc = json.loads(text, object_pairs_hook=obj, parse_int=_integer, parse_float=_float,
                     parse_constant=lambda name: _Refused(name, "not-finite"))
    found = _problems(doc, duplicates)
    return (None, found) if found else (doc, [])
