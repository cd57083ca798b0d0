"""The compiled validity predicate agrees with jsonschema, document for document."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from pcsp_core import KINDS, resources
from pcsp_core.fastcheck import compile_schema

from schema_strategies import documents

def jsonschema_valid(kind, doc):
    validator = Draft202012Validator(resources.schema(kind), format_checker=FormatChecker())
    return not any(True for _ in validator.iter_errors(doc))


def fast_valid(kind, doc):
    return compile_schema(resources.schema(kind))(doc)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 6) | st.floats(allow_nan=False) | st.sampled_from(
        ["", "2026-03-01", "2026-02-30", "o1", "o1\n", "me", "not-assessed", "plan", "x" * 2001]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "text", "level", "x"]),
                                                                inner, max_size=3),
    max_leaves=8)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from paths(child, (*prefix, i))


@st.composite
def mutated(draw, kind):
    doc = draw(documents(kind))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(paths(doc))))
        if not path:
            continue
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["surprise", "id", "text", "level", "prepared-people.z", "status",
                                          "set-up.a", "roof.1", "set-up.d"]))] = draw(json_values)
    return doc


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", KINDS)
def test_generated_documents_are_valid_to_both(kind):
    @SETTINGS
    @given(documents(kind))
    def check(doc):
        assert fast_valid(kind, doc) and jsonschema_valid(kind, doc)
    check()


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_documents_get_the_same_answer_from_both(kind):
    @SETTINGS
    @given(mutated(kind))
    def check(doc):
        assert fast_valid(kind, doc) == jsonschema_valid(kind, doc), json.dumps(doc)[:500]
    check()


@pytest.mark.parametrize("kind, doc", [
    ("self-assessment", {"enablers": {"trained-teams.a": {"level": 2.0}}}),     # 2.0 is an integer in 2020-12
    ("self-assessment", {"enablers": {"trained-teams.a": {"level": True}}}),    # true is not 1
    ("self-assessment", {"enablers": {"trained-teams.a": {"level": 4.5}}}),
    ("self-assessment", {"enablers": {"supportive-systems.d": {}}}),            # no d in the source
    ("plan", {"agreement": {"date_agreed": "2026-02-30"}}),
    ("plan", {"agreement": {"date_agreed": "2026-03-01\n"}}),
    ("plan", {"outcomes": [{"id": "o1\n"}]}),                                  # re.search: $ before a final newline
    ("plan", {"outcomes": [{"id": ""}]}),
    ("plan", {"personal_health_budget": {"amount": -1}}),
    ("plan", {"personal_health_budget": {"amount": True}}),
    ("plan", {"schema_version": 2.0}),
    ("plan", {"kind": "plan", "schema_version": True}),
    ("implementation-checklist", {"activities": {"roof.1": {}}}),                 # a House id among the stages
    ("implementation-checklist", {"house": {"roof.1": {"status": "done", "x": 1}}}),
    ("implementation-checklist", {"house": {"roof.1": None}}),
    ("implementation-checklist", {"activities": {"set-up.a": {"due": "2026-02-30"}}}),
    ("implementation-checklist", {"activities": {"set-up.a": {"status": "done"}}, "team": "x" * 2001}),
    ("implementation-checklist", {"activities": {"set-up.a": {"status": "done", "due": "2026-03-01"}}, "house": {}}),
])
def test_edge_cases_get_the_same_answer_from_both(kind, doc):
    full = {"$schema": f"https://pcsp.invalid/schemas/{kind}.schema.json", "kind": kind,
            "schema_version": 2 if kind == "plan" else 1, **doc}
    assert fast_valid(kind, full) == jsonschema_valid(kind, full)


def test_a_keyword_it_does_not_know_is_refused_at_compile_time():
    with pytest.raises(ValueError, match="uniqueItems"):
        compile_schema({"type": "array", "uniqueItems": True})
    with pytest.raises(ValueError, match="email"):
        compile_schema({"type": "string", "format": "email"})
