"""A quick yes/no on schema validity, compiled from our own schemas.

jsonschema 4.17 (the version Pyodide can run) spends ~2 ms on a typical plan,
most of it building a validator per keyword; a team checking a folder of
thousands of plans needs far less. So a valid document is confirmed by a
predicate compiled from the same schema, and jsonschema runs only when that
says no, to produce the errors people read. The predicate mirrors jsonschema's
semantics for exactly the keywords our schemas use (tests compare the two on
generated and mutated documents) and refuses to compile any other keyword, so a
schema change cannot silently outrun it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_IGNORED = {"title", "description", "$schema", "$id", "$defs"}
_COMPILED = {"$ref", "const", "enum", "oneOf", "type", "properties", "required", "additionalProperties",
             "propertyNames", "items", "maxItems", "maxLength", "minimum", "maximum", "format", "pattern"}


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


def compile_schema(root: dict[str, Any]) -> Check:
    """A predicate: True exactly when jsonschema would find no error."""
    compiled: dict[str, Check] = {}

    def ref(name: str) -> Check:
        # Our schemas' $defs do not refer to themselves; a recursive one would fail here, at import.
        if name not in compiled:
            compiled[name] = build(root["$defs"][name])
        return compiled[name]

    def text_limit(node: dict[str, Any]) -> int | None:
        """maxLength, when the node (through its $ref) is nothing but text of a maximum length."""
        keys = set(node) - _IGNORED
        if keys == {"$ref"}:
            return text_limit(root["$defs"][node["$ref"].rsplit("/", 1)[-1]])
        if keys == {"type", "maxLength"} and node["type"] == "string":
            return node["maxLength"]
        return None

    def child(node: dict[str, Any]) -> Check | int:
        # Most fields are plain text; an int (the length limit) lets the parent check
        # them inline instead of calling a function per field.
        limit = text_limit(node)
        return limit if limit is not None else build(node)

    def build(node: dict[str, Any]) -> Check:
        unknown = set(node) - _IGNORED - _COMPILED
        if unknown:
            raise ValueError(f"fastcheck cannot compile the keywords {sorted(unknown)}")
        checks: list[Check] = []
        if "$ref" in node:
            checks.append(ref(node["$ref"].rsplit("/", 1)[-1]))
        if "const" in node:
            expected = node["const"]
            if isinstance(expected, (dict, list)):
                raise ValueError("fastcheck compiles only scalar consts")
            checks.append(lambda x: _scalar_equal(x, expected))
        if "enum" in node:
            choices = node["enum"]
            if any(isinstance(c, (dict, list)) for c in choices):
                raise ValueError("fastcheck compiles only scalar enums")
            if all(isinstance(c, str) for c in choices):
                names = frozenset(choices)
                checks.append(lambda x: isinstance(x, str) and x in names)
            else:
                checks.append(lambda x: any(_scalar_equal(x, c) for c in choices))
        if "oneOf" in node:
            options = [build(option) for option in node["oneOf"]]
            checks.append(lambda x: sum(option(x) for option in options) == 1)
        if node.get("type") == "object":
            checks.append(_object(node, build, child))
        elif node.get("type") == "array":
            checks.append(_array(node, build, child))
        elif node.get("type") == "string" and not set(node) - _IGNORED - {"type", "maxLength", "pattern", "format"}:
            checks.append(_string(node))
        else:
            if "type" in node:
                kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
                tests = [_TYPES[k] for k in kinds]
                checks.append(lambda x: any(t(x) for t in tests))
            checks += _object_checks(node, build) + _other_checks(node, build)
        if len(checks) == 1:
            return checks[0]
        return lambda x: all(check(x) for check in checks)

    return build(root)


def _object(node: dict[str, Any], build: Callable[[dict[str, Any]], Check],
            child: Callable[[dict[str, Any]], Check | int]) -> Check:
    """An object node in one function that walks the instance's keys, not the schema's
    (plans fill few of their many fields)."""
    rest = _other_checks(node, build)
    if rest or "propertyNames" in node:
        generic = [_TYPES["object"], *_object_checks(node, build), *rest]
        return lambda x: all(check(x) for check in generic)
    props = {k: child(v) for k, v in node.get("properties", {}).items()}
    extra = node.get("additionalProperties", True)
    extra_check = build(extra) if isinstance(extra, dict) else None
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


def _string(node: dict[str, Any]) -> Check:
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


def _array(node: dict[str, Any], build: Callable[[dict[str, Any]], Check],
           child: Callable[[dict[str, Any]], Check | int]) -> Check:
    if set(node) - _IGNORED - {"type", "items", "maxItems"}:
        generic = [_TYPES["array"], *_object_checks(node, build), *_other_checks(node, build)]
        return lambda x: all(check(x) for check in generic)
    item = child(node["items"]) if "items" in node else None
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


def _object_checks(node: dict[str, Any], build: Callable[[dict[str, Any]], Check]) -> list[Check]:
    checks: list[Check] = []
    props = {k: build(v) for k, v in node.get("properties", {}).items()}
    if props:
        def properties(x: Any) -> bool:
            return not isinstance(x, dict) or all(check(x[k]) for k, check in props.items() if k in x)
        checks.append(properties)
    if "required" in node:
        required = node["required"]
        checks.append(lambda x: not isinstance(x, dict) or all(k in x for k in required))
    extra = node.get("additionalProperties")
    if extra is False:
        allowed = frozenset(props)
        checks.append(lambda x: not isinstance(x, dict) or allowed.issuperset(x))
    elif isinstance(extra, dict):
        extra_check, known = build(extra), frozenset(props)
        checks.append(lambda x: not isinstance(x, dict) or all(extra_check(v) for k, v in x.items() if k not in known))
    if "propertyNames" in node:
        name_check = build(node["propertyNames"])
        checks.append(lambda x: not isinstance(x, dict) or all(name_check(k) for k in x))
    return checks


def _other_checks(node: dict[str, Any], build: Callable[[dict[str, Any]], Check]) -> list[Check]:
    checks: list[Check] = []
    if "items" in node:
        item = build(node["items"])
        checks.append(lambda x: not isinstance(x, list) or all(item(v) for v in x))
    if "maxItems" in node:
        most = node["maxItems"]
        checks.append(lambda x: not isinstance(x, list) or len(x) <= most)
    if "maxLength" in node:
        longest = node["maxLength"]
        checks.append(lambda x: not isinstance(x, str) or len(x) <= longest)
    if "minimum" in node:
        low = node["minimum"]
        checks.append(lambda x: not _is_number(x) or x >= low)
    if "maximum" in node:
        high = node["maximum"]
        checks.append(lambda x: not _is_number(x) or x <= high)
    if "pattern" in node:
        pattern = re.compile(node["pattern"])
        checks.append(lambda x: not isinstance(x, str) or pattern.search(x) is not None)
    if node.get("format") == "date":
        checks.append(lambda x: not isinstance(x, str) or _is_date(x))
    elif "format" in node:
        raise ValueError(f"fastcheck compiles only the date format, not {node['format']!r}")
    return checks
