"""Plain-English messages for schema errors.

jsonschema's own messages are written for programmers ("'x' is a required
property"); a person opening their plan needs to know which field and what to do.
"""

from __future__ import annotations

from typing import Any

from jsonschema.exceptions import ValidationError

from .pointers import pointer

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
        while isinstance(node, dict) and "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if not isinstance(node, dict):
            return None
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


def schema_error(error: ValidationError, root: dict[str, Any]) -> dict[str, str]:
    """{"path": JSON pointer, "message": plain English} for one jsonschema error.

    `root` is the whole schema, so fields can be named by their titles.
    """
    path = list(error.absolute_path)
    name = path[-1] if path else None
    label = _label(title_at(root, path), name)
    v, expected, instance = error.validator, error.validator_value, error.instance

    if v == "required":
        missing = next((p for p in expected if isinstance(instance, dict) and p not in instance), expected[0])
        return {"path": pointer([*path, missing]),
                "message": f"{_label(title_at(root, [*path, missing]), missing)} is missing: add it."}
    if v == "additionalProperties":
        extras = sorted(k for k in instance if k not in error.schema.get("properties", {}))
        extra = extras[0] if extras else "?"
        return {"path": pointer([*path, extra]),
                "message": f"“{extra}” is not a field this tool knows here: check the spelling or remove it."}
    if "propertyNames" in error.absolute_schema_path:
        # The error is about a key (e.g. an enabler id), and `instance` is that key.
        return {"path": pointer(path),
                "message": f"{_describe(instance)} is not one of the framework's items: check the spelling "
                           "or remove it."}
    if v == "type":
        wanted = " or ".join(_TYPES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        return {"path": pointer(path), "message": f"{label} should be {wanted}, not {_describe(instance)}."}
    if v == "enum":
        choices = ", ".join(_describe(c) for c in expected)
        return {"path": pointer(path), "message": f"{label} is {_describe(instance)}; it should be one of {choices}."}
    if v == "const":
        return {"path": pointer(path), "message": f"{label} should be {_describe(expected)}, not {_describe(instance)}."}
    if v == "oneOf" and "level" == name:
        return {"path": pointer(path),
                "message": f"{label} is {_describe(instance)}; it should be a level from 1 to 4, or “not-assessed”."}
    if v == "pattern" or (v == "format" and expected == "date"):
        if error.schema.get("format") == "date":
            # One message for both checks, so a bad date is reported once.
            return {"path": pointer(path), "message": f"{label} should be a real date written as YYYY-MM-DD "
                                                      f"(e.g. 2026-03-01), not {_describe(instance)}."}
        return {"path": pointer(path), "message": f"{label} has characters that are not allowed: {_describe(instance)}."}
    if v == "maxLength":
        return {"path": pointer(path),
                "message": f"{label} is too long ({len(instance):,} characters; at most {expected:,})."}
    if v == "maxItems":
        return {"path": pointer(path),
                "message": f"{label} has too many entries ({len(instance):,}; at most {expected:,})."}
    if v == "minimum":
        return {"path": pointer(path), "message": f"{label} should be at least {expected}, not {_describe(instance)}."}
    if v == "maximum":
        return {"path": pointer(path), "message": f"{label} should be at most {expected:,}, not {_describe(instance)}."}
    return {"path": pointer(path), "message": f"{label} is not valid here ({error.message[:120]})."}
