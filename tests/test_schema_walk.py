"""pcsp_core.schema_walk: $ref resolution, subschemas, and the one list of keywords
the schema readers (fastcheck, the test strategies) understand."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from schema_strategies import HANDLED

from pcsp_core import KINDS, fastcheck, messages, resources
from pcsp_core.documents import PROTECTED, REPORT
from pcsp_core.schema_walk import (ANNOTATIONS, SUPPORTED, children, ref_name, resolve, resolve_chain, subschemas,
                                   target, walk)

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
# Schema files no fast check is compiled from: jsonschema alone reads them (in the
# tests), so they may use any Draft 2020-12 keyword.
JSONSCHEMA_ONLY = {"framework"}

ROOT: dict[str, Any] = {
    "$defs": {
        "text": {"type": "string", "title": "Some text", "maxLength": 50},
        "line": {"$ref": "#/$defs/text", "title": "A line", "maxLength": 10},
        "short": {"$ref": "#/$defs/line", "description": "Short"},
        "a/b": {"const": 1},
        "loop_a": {"$ref": "#/$defs/loop_b"},
        "loop_b": {"title": "B", "$ref": "#/$defs/loop_a"},
        "self": {"$ref": "#/$defs/self"},
        "list": [{"type": "integer"}],
    },
    "properties": {"name": {"$ref": "#/$defs/text", "title": "Name"}},
}


# --- resolve ----------------------------------------------------------------

def test_the_referring_nodes_own_keys_win() -> None:
    before = copy.deepcopy(ROOT)
    assert resolve(ROOT, {"$ref": "#/$defs/text", "title": "Name"}) == {
        "type": "string", "title": "Name", "maxLength": 50}
    assert ROOT == before  # the target is not changed


def test_a_node_without_ref_comes_back_as_it_is() -> None:
    node = {"type": "string"}
    assert resolve(ROOT, node) is node
    assert resolve_chain(ROOT, node) == (node, [])


def test_nested_refs_are_followed_to_the_end_and_the_nearest_keys_win() -> None:
    resolved, names = resolve_chain(ROOT, {"$ref": "#/$defs/short", "title": "Mine"})
    assert resolved == {"type": "string", "title": "Mine", "maxLength": 10, "description": "Short"}
    assert names == ["short", "line", "text"]
    assert resolve(ROOT, {"$ref": "#/$defs/short"})["title"] == "A line"


def test_any_local_pointer_resolves_with_escapes() -> None:
    assert resolve(ROOT, {"$ref": "#/properties/name"}) == {"type": "string", "title": "Name", "maxLength": 50}
    assert resolve(ROOT, {"$ref": "#/$defs/a~1b"}) == {"const": 1}
    assert ref_name({"$ref": "#/$defs/a~1b"}) == "a/b"
    assert resolve(ROOT, {"$ref": "#/$defs/list/0"}) == {"type": "integer"}
    assert target(ROOT, "#") is ROOT


@pytest.mark.parametrize("name", ["loop_a", "loop_b", "self"])
def test_a_loop_raises(name: str) -> None:
    with pytest.raises(ValueError, match="loop"):
        resolve(ROOT, {"$ref": f"#/$defs/{name}"})


@pytest.mark.parametrize("ref", ["other.schema.json#/$defs/text", "https://pcsp.invalid/schemas/plan.schema.json",
                                 "$defs/text", "#text"])
def test_a_non_local_ref_raises(ref: str) -> None:
    with pytest.raises(ValueError, match="only local"):
        resolve(ROOT, {"$ref": ref})


@pytest.mark.parametrize("ref", ["#/$defs/nothing", "#/$defs/list/1", "#/$defs/list/x", "#/$defs/text/maxLength"])
def test_a_ref_to_nothing_or_to_a_non_schema_raises(ref: str) -> None:
    with pytest.raises(ValueError, match="points at nothing|not point at a schema"):
        resolve(ROOT, {"$ref": ref})


def test_ref_name() -> None:
    assert ref_name({"$ref": "#/$defs/id"}) == "id"
    assert ref_name({"type": "string"}) is None
    assert ref_name(True) is None


# --- children and walk ------------------------------------------------------

EVERY_KIND = {
    "properties": {"a": {"type": "string"}, "b": {"$ref": "#/$defs/text"}},
    "patternProperties": {"^x": {"type": "integer"}},
    "additionalProperties": {"type": "boolean"},
    "propertyNames": {"enum": ["a", "b"]},
    "items": {"type": "number"},
    "prefixItems": [{"const": 1}, {"const": 2}],
    "contains": {"const": 3},
    "allOf": [{"title": "all"}],
    "anyOf": [{"title": "any 0"}, {"title": "any 1"}],
    "oneOf": [{"title": "one"}],
    "not": {"type": "null"},
    "if": {"required": ["a"]}, "then": {"title": "then"}, "else": {"title": "else"},
    "dependentSchemas": {"a": {"required": ["b"]}},
    "title": "not a subschema", "enum": [{"type": "not a subschema either"}], "required": ["a"],
}


def test_children_of_each_kind() -> None:
    steps = {step: child for step, child in children(ROOT, EVERY_KIND)}
    assert steps == {
        ("properties", "a"): {"type": "string"},
        ("properties", "b"): {"$ref": "#/$defs/text"},  # the child itself is not resolved
        ("patternProperties", "^x"): {"type": "integer"},
        ("additionalProperties",): {"type": "boolean"},
        ("propertyNames",): {"enum": ["a", "b"]},
        ("items",): {"type": "number"},
        ("prefixItems", 0): {"const": 1},
        ("prefixItems", 1): {"const": 2},
        ("contains",): {"const": 3},
        ("allOf", 0): {"title": "all"},
        ("anyOf", 0): {"title": "any 0"},
        ("anyOf", 1): {"title": "any 1"},
        ("oneOf", 0): {"title": "one"},
        ("not",): {"type": "null"},
        ("if",): {"required": ["a"]},
        ("then",): {"title": "then"},
        ("else",): {"title": "else"},
        ("dependentSchemas", "a"): {"required": ["b"]},
    }


def test_children_follow_the_nodes_ref_and_skip_boolean_schemas() -> None:
    root = {"$defs": {"person": {"type": "object", "properties": {"name": {"type": "string"}},
                                 "additionalProperties": False}}}
    assert list(children(root, {"$ref": "#/$defs/person"})) == [(("properties", "name"), {"type": "string"})]
    assert list(subschemas({"$ref": "#/$defs/person"})) == []
    assert list(children(root, {"type": "string"})) == []


def test_walk_sees_every_schema_once_with_its_path() -> None:
    root = {"properties": {"a": {"$ref": "#/$defs/d"}}, "$defs": {"d": {"items": {"type": "string"}}}}
    assert list(walk(root)) == [
        ((), root),
        (("properties", "a"), {"$ref": "#/$defs/d"}),
        (("$defs", "d"), {"items": {"type": "string"}}),
        (("$defs", "d", "items"), {"type": "string"}),
    ]


# --- the keywords our schemas use -------------------------------------------

def keywords(schema: dict[str, Any]) -> set[str]:
    return {keyword for _, node in walk(schema) for keyword in node}


def schema_files() -> list[str]:
    return sorted(path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json"))


def test_every_schema_file_is_a_document_kind_or_known_to_be_jsonschema_only() -> None:
    # A report from pcsp check is not a document, but the guide opens it with a fast check too.
    assert set(schema_files()) == set(KINDS) | {PROTECTED, REPORT} | JSONSCHEMA_ONLY


@pytest.mark.parametrize("kind", [*KINDS, PROTECTED, REPORT])
def test_every_keyword_a_document_schema_uses_is_supported_or_an_annotation(kind: str) -> None:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert keywords(schema) - SUPPORTED - ANNOTATIONS == set()


def test_the_keyword_check_catches_a_new_keyword() -> None:
    schema = copy.deepcopy(resources.schema("plan"))
    schema["$defs"]["id"]["minLength"] = 1
    assert keywords(schema) - SUPPORTED - ANNOTATIONS == {"minLength"}
    with pytest.raises(ValueError, match="minLength"):
        fastcheck.compile_schema(schema)


def test_fastcheck_refuses_the_jsonschema_only_schemas() -> None:
    for name in JSONSCHEMA_ONLY:
        assert keywords(resources.schema(name)) - SUPPORTED - ANNOTATIONS
        with pytest.raises(ValueError, match="cannot compile"):
            fastcheck.compile_schema(resources.schema(name))


def test_one_set_of_keywords_for_fastcheck_and_the_strategies() -> None:
    assert set(fastcheck.KEYWORDS) == SUPPORTED
    assert HANDLED == SUPPORTED | ANNOTATIONS
    assert not SUPPORTED & ANNOTATIONS


def test_every_keyword_that_can_fail_on_its_own_has_a_message() -> None:
    # These only pass up their subschemas' errors (propertyNames' have their own message).
    carriers = {"$ref", "properties", "items", "propertyNames"}
    assert SUPPORTED - carriers <= set(messages.MESSAGES)
    assert set(messages.MESSAGES) <= SUPPORTED


def test_messages_read_the_title_where_the_field_is_declared() -> None:
    root = {"type": "object", "properties": {
        "name": {"$ref": "#/$defs/text", "title": "Your name"},
        "nickname": {"$ref": "#/$defs/text"},
        "people": {"type": "array", "items": {"$ref": "#/$defs/person"}}},
        "$defs": {"text": {"type": "string", "title": "Some text"},
                  "person": {"type": "object", "properties": {"role": {"$ref": "#/$defs/text", "title": "Role"}}}}}
    assert messages.title_at(root, ["name"]) == "Your name"
    assert messages.title_at(root, ["nickname"]) is None  # not the shared definition's title
    assert messages.title_at(root, ["people", 0, "role"]) == "Role"
    assert messages.title_at(root, ["people", 0, "role", "x"]) is None
