"""Hypothesis strategies that build documents from our own JSON Schemas.

hypothesis-jsonschema needs jsonschema ≥ 4.18, which we cannot use (see
pyproject.toml), so this covers the subset of Draft 2020-12 our schemas use and
fails loudly on anything else.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from pcsp_core.schema_walk import ANNOTATIONS, SUPPORTED, ref_name, target

# Ids come from a small pool so generated links (outcome → what matters,
# action → outcome) sometimes point at something that exists and sometimes not.
ID_POOL = st.sampled_from(["m1", "m2", "n1", "w1", "o1", "o2", "o3", "a1", "x9"])
# The same keywords fastcheck compiles, so what is generated is what is checked.
HANDLED = SUPPORTED | ANNOTATIONS


def from_schema(node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy:
    unknown = set(node) - HANDLED
    assert not unknown, f"schema_strategies does not handle {unknown}"
    if "$ref" in node:
        return ID_POOL if ref_name(node) == "id" else from_schema(target(root, node["$ref"]), root)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "oneOf" in node:
        return st.one_of([from_schema(option, root) for option in node["oneOf"]])
    kind = node["type"]
    if kind == "object":
        props = node.get("properties", {})
        required = {k: from_schema(props[k], root) for k in node.get("required", [])}
        optional = {k: from_schema(v, root) for k, v in props.items() if k not in required}
        if "additionalProperties" in node and isinstance(node["additionalProperties"], dict):
            return st.dictionaries(from_schema(node["propertyNames"], root),
                                   from_schema(node["additionalProperties"], root), max_size=4)
        return st.fixed_dictionaries(required, optional=optional)
    if kind == "array":
        return st.lists(from_schema(node["items"], root), max_size=min(node.get("maxItems", 3), 3))
    if kind == "string":
        if node.get("format") == "date":
            return st.dates().map(lambda d: d.isoformat())
        if node.get("pattern") == "^[0-9]{3} ?[0-9]{3} ?[0-9]{4}$":  # an NHS number
            return st.from_regex(r"\A[0-9]{3} ?[0-9]{3} ?[0-9]{4}\Z")
        assert "pattern" not in node, "patterned strings other than dates need a strategy"
        return st.text(max_size=min(node.get("maxLength", 40), 40))
    if kind == "integer":
        return st.integers(node.get("minimum"), node.get("maximum"))
    if kind == "number":
        return st.one_of(st.integers(node.get("minimum"), node.get("maximum")),
                         st.floats(node.get("minimum"), node.get("maximum"), allow_nan=False))
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"schema_strategies does not handle type {kind!r}")


def documents(kind: str) -> st.SearchStrategy:
    from pcsp_core import resources

    schema = resources.schema(kind)
    return from_schema(schema, schema)
