"""Plain-English messages for schema errors.

jsonschema's own messages are written for programmers ("'x' is a required
property"); a person opening their plan needs to know which field and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsonschema.exceptions import ValidationError

from .pointers import pointer
from .schema_walk import resolve

_TYPES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "yes or no (true or false)",
    "array": "a list",
    "object": "a group of fields",
    "null": "empty",
}


def title_at(root: dict[str, Any], path: list[str | int]) -> str | None:
    """The schema title of the field at `path`, read where the field is declared
    (beside its $ref), which is where the plain-words label lives."""
    node: Any = root
    for part in path:
        if not isinstance(node, dict):
            return None
        node = resolve(root, node)
        if isinstance(part, int):
            node = node.get("items")
        else:
            node = node.get("properties", {}).get(part, node.get("additionalProperties"))
    return node.get("title") if isinstance(node, dict) else None


def _label(title: str | None, name: str | int | None) -> str:
    if title:
        return f"“{title}”"
    if name is None:
        return "The document"
    if isinstance(name, int):
        return f"Entry {name + 1}"
    return f"“{name}”"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value[:40]}”" + ("…" if len(value) > 40 else "")
    return repr(value)[:40]


# One function per validator keyword, each making {"path", "message"} for an error of
# that keyword: (the error, the whole schema, the instance path, the field's label).
Message = Callable[[ValidationError, dict[str, Any], list[str | int], str], dict[str, str]]


def _required(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    expected, instance = error.validator_value, error.instance
    missing = next((p for p in expected if isinstance(instance, dict) and p not in instance), expected[0])
    return {"path": pointer([*path, missing]),
            "message": f"{_label(title_at(root, [*path, missing]), missing)} is missing: add it."}


def _additional_properties(error: ValidationError, root: dict[str, Any], path: list[str | int],
                           label: str) -> dict[str, str]:
    extras = sorted(k for k in error.instance if k not in error.schema.get("properties", {}))
    extra = extras[0] if extras else "?"
    return {"path": pointer([*path, extra]),
            "message": f"“{extra}” is not a field this tool knows here: check the spelling or remove it."}


def _property_name(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    # The error is about a key (e.g. an enabler id), and `instance` is that key.
    return {"path": pointer(path),
            "message": f"{_describe(error.instance)} is not one of the framework's items: check the spelling "
                       "or remove it."}


def _type(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    expected = error.validator_value
    wanted = " or ".join(_TYPES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    return {"path": pointer(path), "message": f"{label} should be {wanted}, not {_describe(error.instance)}."}


def _enum(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    choices = ", ".join(_describe(c) for c in error.validator_value)
    return {"path": pointer(path),
            "message": f"{label} is {_describe(error.instance)}; it should be one of {choices}."}


def _const(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    return {"path": pointer(path),
            "message": f"{label} should be {_describe(error.validator_value)}, not {_describe(error.instance)}."}


def _one_of(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    if not path or path[-1] != "level":
        return _other(error, root, path, label)
    return {"path": pointer(path), "message": f"{label} is {_describe(error.instance)}; it should be a level "
                                              "from 1 to 4, or “not-assessed”."}


def _pattern(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    if error.schema.get("format") == "date":
        # One message for both checks, so a bad date is reported once.
        return {"path": pointer(path), "message": f"{label} should be a real date written as YYYY-MM-DD "
                                                  f"(e.g. 2026-03-01), not {_describe(error.instance)}."}
    return {"path": pointer(path),
            "message": f"{label} has characters that are not allowed: {_describe(error.instance)}."}


def _format(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    if error.validator_value != "date":
        return _other(error, root, path, label)
    return _pattern(error, root, path, label)


def _max_length(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    return {"path": pointer(path), "message": f"{label} is too long ({len(error.instance):,} characters; "
                                              f"at most {error.validator_value:,})."}


def _max_items(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    return {"path": pointer(path), "message": f"{label} has too many entries ({len(error.instance):,}; "
                                              f"at most {error.validator_value:,})."}


def _minimum(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    return {"path": pointer(path),
            "message": f"{label} should be at least {error.validator_value}, not {_describe(error.instance)}."}


def _maximum(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    return {"path": pointer(path),
            "message": f"{label} should be at most {error.validator_value:,}, not {_describe(error.instance)}."}


def _other(error: ValidationError, root: dict[str, Any], path: list[str | int], label: str) -> dict[str, str]:
    return {"path": pointer(path), "message": f"{label} is not valid here ({error.message[:120]})."}


MESSAGES: dict[str, Message] = {
    "required": _required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "oneOf": _one_of,
    "pattern": _pattern,
    "format": _format,
    "maxLength": _max_length,
    "maxItems": _max_items,
    "minimum": _minimum,
    "maximum": _maximum,
}


def schema_error(error: ValidationError, root: dict[str, Any]) -> dict[str, str]:
    """{"path": JSON pointer, "message": plain English} for one jsonschema error.

    `root` is the whole schema, so fields can be named by their titles. The
    message is made by the error's keyword's function in MESSAGES (_other for a
    keyword without one), except under propertyNames, where whatever failed, the
    trouble is the key itself.
    """
    path = list(error.absolute_path)
    label = _label(title_at(root, path), path[-1] if path else None)
    # required and additionalProperties judge only objects, and property names are
    # strings, so neither can fail under propertyNames: every error there is the key's.
    if "propertyNames" in error.absolute_schema_path:
        return _property_name(error, root, path, label)
    return MESSAGES.get(error.validator, _other)(error, root, path, label)
