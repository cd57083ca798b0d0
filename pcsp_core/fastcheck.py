"""A quick yes/no on schema validity, compiled from our own schemas.

jsonschema 4.17 (the version Pyodide can run) spends ~2 ms on a typical plan,
most of it building a validator per keyword; a team checking a folder of
thousands of plans needs far less. So a valid document is confirmed by a
predicate compiled from the same schema, and jsonschema runs only when that
says no, to produce the errors people read. The predicate mirrors jsonschema's
semantics for exactly the keywords our schemas use (tests compare the two on
generated and mutated documents) and refuses to compile any other keyword, so a
schema change cannot silently outrun it.

The compiler is a table, KEYWORDS: each supported keyword (schema_walk.SUPPORTED)
maps to the function that builds its check. The commonest shapes (an object, a
list, a string) also have a fused check in _FUSED that handles several keywords
in one function, since that is where the time goes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from .schema_walk import ANNOTATIONS, SUPPORTED, target

Check = Callable[[Any], bool]
Node = dict[str, Any]


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "number": _is_number,
    # Draft 2020-12 counts 2.0 as an integer, as jsonschema does.
    "integer": lambda x: _is_number(x) and (isinstance(x, int) or x.is_integer()),
}


def _scalar_equal(value: Any, expected: Any) -> bool:
    # JSON Schema keeps true apart from 1 and false from 0.
    if isinstance(value, bool) or isinstance(expected, bool):
        return value is expected
    if isinstance(value, (dict, list)):
        return False
    return value == expected


def _is_date(x: str) -> bool:
    try:
        return x.isascii() and bool(datetime.date.fromisoformat(x))
    except ValueError:
        return False


def compile_schema(root: Node) -> Check:
    """A predicate: True exactly when jsonschema would find no error."""
    return _Compiler(root).build(root)


class _Compiler:
    """Compiles one schema document; each $ref's target is compiled once."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.compiled: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        # Our schemas' $defs do not refer to themselves; a recursive one would fail here, at import.
        if ref not in self.compiled:
            self.compiled[ref] = self.build(target(self.root, ref))
        return self.compiled[ref]

    def text_limit(self, node: Node) -> int | None:
        """maxLength, when the node (through its $ref) is nothing but text of a maximum length."""
        keys = node.keys() - ANNOTATIONS
        if keys == {"$ref"}:
            return self.text_limit(target(self.root, node["$ref"]))
        if keys == {"type", "maxLength"} and node["type"] == "string":
            return node["maxLength"]
        return None

    def child(self, node: Node) -> Check | int:
        # Most fields are plain text; an int (the length limit) lets the parent check
        # them inline instead of calling a function per field.
        limit = self.text_limit(node)
        return limit if limit is not None else self.build(node)

    def build(self, node: Node) -> Check:
        keywords = node.keys() - ANNOTATIONS
        unknown = keywords - SUPPORTED
        if unknown:
            raise ValueError(f"fastcheck cannot compile the keywords {sorted(unknown)}")
        kind = node.get("type")
        fused = _FUSED.get(kind) if isinstance(kind, str) else None
        if fused is not None and not keywords - _BESIDE_FUSED - fused[0]:
            claimed, make_fused = fused
        else:
            claimed, make_fused = frozenset(), None
        checks: list[Check] = []
        for keyword, make in KEYWORDS.items():
            if keyword in claimed:
                if keyword == "type":
                    checks.append(make_fused(node, self))
                continue
            if keyword in node:
                check = make(node, self)
                if check is not None:
                    checks.append(check)
        if len(checks) == 1:
            return checks[0]
        return lambda x: all(check(x) for check in checks)


Builder = Callable[[Node, _Compiler], "Check | None"]


# --- one check per keyword ---------------------------------------------------
# Each keyword's check passes any value it does not apply to (maxLength passes a
# number), as JSON Schema says, so they combine by "all".

def _ref(node: Node, compiler: _Compiler) -> Check:
    return compiler.ref(node["$ref"])


def _const(node: Node, compiler: _Compiler) -> Check:
    expected = node["const"]
    if isinstance(expected, (dict, list)):
        raise ValueError("fastcheck compiles only scalar consts")
    return lambda x: _scalar_equal(x, expected)


def _enum(node: Node, compiler: _Compiler) -> Check:
    choices = node["enum"]
    if any(isinstance(c, (dict, list)) for c in choices):
        raise ValueError("fastcheck compiles only scalar enums")
    if all(isinstance(c, str) for c in choices):
        names = frozenset(choices)
        return lambda x: isinstance(x, str) and x in names
    return lambda x: any(_scalar_equal(x, c) for c in choices)


def _one_of(node: Node, compiler: _Compiler) -> Check:
    options = [compiler.build(option) for option in node["oneOf"]]
    return lambda x: sum(option(x) for option in options) == 1


def _type(node: Node, compiler: _Compiler) -> Check:
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    tests = [_TYPES[k] for k in kinds]
    if len(tests) == 1:
        return tests[0]
    return lambda x: any(t(x) for t in tests)


def _properties(node: Node, compiler: _Compiler) -> Check | None:
    props = {k: compiler.build(v) for k, v in node["properties"].items()}
    if not props:
        return None

    def properties(x: Any) -> bool:
        return not isinstance(x, dict) or all(check(x[k]) for k, check in props.items() if k in x)
    return properties


def _required(node: Node, compiler: _Compiler) -> Check:
    required = node["required"]
    return lambda x: not isinstance(x, dict) or all(k in x for k in required)


def _additional_properties(node: Node, compiler: _Compiler) -> Check | None:
    extra, known = node["additionalProperties"], frozenset(node.get("properties", {}))
    if extra is False:
        return lambda x: not isinstance(x, dict) or known.issuperset(x)
    if isinstance(extra, dict):
        extra_check = compiler.build(extra)
        return lambda x: not isinstance(x, dict) or all(extra_check(v) for k, v in x.items() if k not in known)
    return None


def _property_names(node: Node, compiler: _Compiler) -> Check:
    name_check = compiler.build(node["propertyNames"])
    return lambda x: not isinstance(x, dict) or all(name_check(k) for k in x)


def _items(node: Node, compiler: _Compiler) -> Check:
    item = compiler.build(node["items"])
    return lambda x: not isinstance(x, list) or all(item(v) for v in x)


def _max_items(node: Node, compiler: _Compiler) -> Check:
    most = node["maxItems"]
    return lambda x: not isinstance(x, list) or len(x) <= most


def _max_length(node: Node, compiler: _Compiler) -> Check:
    longest = node["maxLength"]
    return lambda x: not isinstance(x, str) or len(x) <= longest


def _minimum(node: Node, compiler: _Compiler) -> Check:
    low = node["minimum"]
    return lambda x: not _is_number(x) or x >= low


def _maximum(node: Node, compiler: _Compiler) -> Check:
    high = node["maximum"]
    return lambda x: not _is_number(x) or x <= high


def _pattern(node: Node, compiler: _Compiler) -> Check:
    pattern = re.compile(node["pattern"])
    return lambda x: not isinstance(x, str) or pattern.search(x) is not None


def _format(node: Node, compiler: _Compiler) -> Check:
    if node["format"] != "date":
        raise ValueError(f"fastcheck compiles only the date format, not {node['format']!r}")
    return lambda x: not isinstance(x, str) or _is_date(x)


# In the order the checks run: the cheap and decisive ones first.
KEYWORDS: dict[str, Builder] = {
    "$ref": _ref,
    "const": _const,
    "enum": _enum,
    "oneOf": _one_of,
    "type": _type,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional_properties,
    "propertyNames": _property_names,
    "items": _items,
    "maxItems": _max_items,
    "maxLength": _max_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "pattern": _pattern,
    "format": _format,
}


# --- fused checks for the commonest shapes ----------------------------------

def _object(node: Node, compiler: _Compiler) -> Check:
    """An object node in one function that walks the instance's keys, not the schema's
    (plans fill few of their many fields)."""
    props = {k: compiler.child(v) for k, v in node.get("properties", {}).items()}
    extra = node.get("additionalProperties", True)
    extra_check = compiler.build(extra) if isinstance(extra, dict) else None
    required = tuple(node.get("required", ()))

    def check(x: Any) -> bool:
        if not isinstance(x, dict):
            return False
        for key in required:
            if key not in x:
                return False
        for key, value in x.items():
            prop = props.get(key)
            if prop.__class__ is int:
                if not isinstance(value, str) or len(value) > prop:
                    return False
            elif prop is not None:
                if not prop(value):
                    return False
            elif extra is False or (extra_check is not None and not extra_check(value)):
                return False
        return True

    return check


def _array(node: Node, compiler: _Compiler) -> Check:
    item = compiler.child(node["items"]) if "items" in node else None
    most = node.get("maxItems")

    def check(x: Any) -> bool:
        if not isinstance(x, list) or (most is not None and len(x) > most):
            return False
        if item.__class__ is int:
            for value in x:
                if not isinstance(value, str) or len(value) > item:
                    return False
            return True
        return item is None or all(map(item, x))

    return check


def _string(node: Node, compiler: _Compiler) -> Check:
    longest = node.get("maxLength")
    pattern = re.compile(node["pattern"]) if "pattern" in node else None
    if node.get("format", "date") != "date":
        raise ValueError(f"fastcheck compiles only the date format, not {node['format']!r}")
    date = node.get("format") == "date"

    def check(x: Any) -> bool:
        if not isinstance(x, str) or (longest is not None and len(x) > longest):
            return False
        if pattern is not None and pattern.search(x) is None:
            return False
        return not date or _is_date(x)

    return check


# type → (the keywords its fused check covers, the function building it). The fused
# check stands in for those keywords' own checks when a node of that type has no
# other keywords than these and _BESIDE_FUSED, which are checked as usual.
_FUSED: dict[str, tuple[frozenset[str], Builder]] = {
    "object": (frozenset({"type", "properties", "required", "additionalProperties"}), _object),
    "array": (frozenset({"type", "items", "maxItems"}), _array),
    "string": (frozenset({"type", "maxLength", "pattern", "format"}), _string),
}
_BESIDE_FUSED = frozenset({"$ref", "const", "enum", "oneOf"})
