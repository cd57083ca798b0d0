"""Walking our JSON Schemas: following $ref, stepping into subschemas, and the
one list of keywords the project's own schema readers understand.

Five readers walk the schemas in schemas/: fastcheck (the compiled validity
predicate), documents (how deep a document may nest), messages (a field's
title for an error), the form renderer and the test strategies. Each used to
follow $ref its own way, with its own idea of which keywords exist; this module
is the one place that does it, so they cannot drift apart, and a keyword a
schema starts using is refused by all of them at once (see SUPPORTED).

Pure functions on parsed JSON, standard library only: it runs under CPython
3.11+ and in the browser under Pyodide.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Schema = dict[str, Any]
# A step from a schema to a subschema, as schema-path segments:
# ("properties", "name"), ("items",), ("oneOf", 0).
Step = tuple[str | int, ...]

# The keywords that constrain a document and that fastcheck compiles and the test
# strategies generate for: exactly what our document schemas use. A keyword
# outside this set and ANNOTATIONS is an error for both, never silently skipped.
SUPPORTED: frozenset[str] = frozenset({
    "$ref", "const", "enum", "oneOf", "type",
    "properties", "required", "additionalProperties", "propertyNames",
    "items", "maxItems", "maxLength", "minimum", "maximum", "pattern", "format",
})

# Keywords that never make a document invalid: annotations, and the core keywords
# that only name the schema or hold definitions. Every reader may skip them.
# (format is not here: our checks treat format "date" as an assertion, as
# jsonschema does with a FormatChecker.)
ANNOTATIONS: frozenset[str] = frozenset({
    "title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly",
    "$schema", "$id", "$defs",
})

# Draft 2020-12's keywords whose values are subschemas, by the shape of the value.
_ONE = ("items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties")
_MANY = ("prefixItems", "allOf", "anyOf", "oneOf")
_NAMED = ("properties", "patternProperties", "dependentSchemas")


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def target(root: Schema, ref: str) -> Schema:
    """The schema a local $ref ("#/$defs/id", or any "#/..." JSON pointer) points at.

    Raises ValueError for a ref to another document, or one that points at nothing
    or at something that is not a schema."""
    if ref == "#":
        return root
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref are handled, not {ref!r}")
    node: Any = root
    for raw in ref[2:].split("/"):
        part = _unescape(raw)
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise ValueError(f"$ref {ref!r} points at nothing")
    if not isinstance(node, dict):
        raise ValueError(f"$ref {ref!r} does not point at a schema")
    return node


def ref_name(node: Any) -> str | None:
    """The last segment of a node's $ref ("id" for "#/$defs/id"), or None if it has none."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    return _unescape(ref.rsplit("/", 1)[-1]) if isinstance(ref, str) else None


def resolve_chain(root: Schema, node: Schema) -> tuple[Schema, list[str]]:
    """resolve, plus the names (ref_name) of the refs followed, first first."""
    names: list[str] = []
    seen: set[str] = set()
    while "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise ValueError(f"$ref loop at {ref!r}")
        seen.add(ref)
        names.append(ref_name(node) or "")
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target(root, ref), **siblings} if siblings else target(root, ref)
    return node, names


def resolve(root: Schema, node: Schema) -> Schema:
    """The node with its $ref followed (again and again, while the result has one).

    The referring node's own keys win over the target's, which is how our schemas
    give a shared definition a field's own title. (That is right for annotations,
    which is all our document schemas put beside a $ref; a validator must instead
    apply both, as fastcheck does.) A node without $ref comes back as it is.
    Raises ValueError for a non-local ref and for a loop."""
    if "$ref" not in node:
        return node
    return resolve_chain(root, node)[0]


def subschemas(node: Schema) -> Iterator[tuple[Step, Schema]]:
    """The node's own subschemas, one step down, without following $ref.

    Boolean schemas (additionalProperties: false) are not walked: there is
    nothing inside them."""
    for keyword in _NAMED:
        for key, child in (node.get(keyword) or {}).items():
            if isinstance(child, dict):
                yield (keyword, key), child
    for keyword in _ONE:
        child = node.get(keyword)
        if isinstance(child, dict):
            yield (keyword,), child
    for keyword in _MANY:
        for index, child in enumerate(node.get(keyword) or ()):
            if isinstance(child, dict):
                yield (keyword, index), child


def children(root: Schema, node: Schema) -> Iterator[tuple[Step, Schema]]:
    """The subschemas of the node once its $ref is followed (see resolve), each with
    its step: properties, patternProperties, additionalProperties, propertyNames,
    items, prefixItems, contains, allOf, anyOf, oneOf, not, if/then/else, and so on.
    The children themselves come back unresolved, so their own titles survive."""
    return subschemas(resolve(root, node))


def walk(root: Schema) -> Iterator[tuple[Step, Schema]]:
    """Every schema object in a schema document, with its schema path from the root,
    the root first and $defs included; $ref is not followed, so each is seen once."""
    stack: list[tuple[Step, Schema]] = [((), root)]
    while stack:
        path, node = stack.pop()
        yield path, node
        below = [((*path, *step), child) for step, child in subschemas(node)]
        below += [((*path, "$defs", name), child) for name, child in (node.get("$defs") or {}).items()
                  if isinstance(child, dict)]
        stack.extend(reversed(below))
