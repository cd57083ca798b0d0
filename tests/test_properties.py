"""No schema-valid document makes the logic raise, and every answer is plain JSON."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsp_core.criteria import MAY_ASK
from pcsp_core import (KINDS, actions_csv, actions_markdown, bring_together, changes_since_last_review,
                       checklist_progress, compare, dump_document, evaluate_plan, progress,
                       merge, open_document,
                       review_status, snapshot, summarise, validate)

from schema_strategies import documents

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents("plan"), st.dates().map(lambda d: d.isoformat()))
def test_any_valid_plan_can_be_evaluated(plan, today):
    assert validate(plan) == []
    result = evaluate_plan(plan, today)
    assert json.loads(json.dumps(result)) == result
    assert result["counts_as_pcsp"] == all(c["verdict"] != "not-met" for c in result["criteria"])
    assert [c["id"] for c in result["criteria"]] == ["1", "2", "3", "4", "5"]
    for criterion in result["criteria"]:
        # met: nothing found, or only questions and reminders that do not weigh on the verdict
        if criterion["findings"] == []:
            assert criterion["verdict"] == "met"
        if criterion["verdict"] == "met":
            assert {f["code"] for f in criterion["findings"]} <= MAY_ASK
    status = review_status(plan, today)
    assert json.loads(json.dumps(status)) == status
    changes = changes_since_last_review(plan)
    assert json.loads(json.dumps(changes)) == changes
    entry = snapshot(plan, today, "formal")
    with_review = {**plan, "review": {**plan.get("review", {}),
                                      "history": [*plan.get("review", {}).get("history", []), entry]}}
    assert validate(with_review) == []


@SETTINGS
@given(documents("self-assessment"), documents("self-assessment"))
def test_any_valid_assessments_can_be_summarised_merged_and_compared(first, second):
    assert validate(first) == [] and validate(second) == []
    second["scope"] = first.get("scope", {})
    for result in (summarise(first), merge([first, second]), compare(first, second)):
        assert json.loads(json.dumps(result)) == result


@SETTINGS
@given(st.lists(documents("self-assessment"), min_size=1, max_size=4), documents("self-assessment"))
def test_any_valid_members_can_be_brought_together_into_a_valid_agreed_file(members, keep):
    for k, member in enumerate(members):
        member["scope"] = members[0].get("scope", {})
        member["assessed_by"] = [*member.get("assessed_by", [])[:99], {"name": f"Member number {k}"}]
    files = [{"name": f"m{k}.json", "text": dump_document(m)} for k, m in enumerate(members)]
    result = bring_together(files, "2026-11-24", keep)
    assert result["ok"] and validate(result["agreed"]) == []
    assert len(result["agreed"]["agreed_from"]) == len(members)
    for text in (actions_csv(result["agreed"]), actions_markdown(result["agreed"])):
        assert isinstance(text, str)
    assert progress(result["agreed"])["questions"] == 18


@SETTINGS
@given(documents("implementation-checklist"))
def test_any_valid_checklist_can_be_counted(doc):
    assert validate(doc) == []
    result = checklist_progress(doc)
    assert json.loads(json.dumps(result)) == result
    overall = result["overall"]
    assert sum(overall["counts"].values()) == overall["total"] == 32
    assert sum(s["done"] for s in result["stages"] + result["house"]) == overall["done"]
    assert len(result["next_steps"]) == min(5, overall["applicable"] - overall["done"])


@SETTINGS
@given(st.one_of([documents(kind) for kind in KINDS]))
def test_save_then_open_gives_back_the_same_document(doc):
    saved = dump_document(doc)
    opened = open_document(saved.encode("utf-8"))
    assert opened["valid"], opened["errors"]
    assert opened["document"] == doc
    assert dump_document(opened["document"]) == saved


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_no_bytes_make_open_raise(raw):
    result = open_document(raw)
    assert set(result) == {"valid", "kind", "document", "migrated_from", "errors"}
    assert result["valid"] or result["errors"]
    assert all(set(e) == {"path", "message"} and e["message"] for e in result["errors"])


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=3),
                           max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KINDS), st.dictionaries(
    st.sampled_from(["about_me", "outcomes", "review", "enablers", "scope", "statements", "people_involved",
                     "conversation", "personal_health_budget", "actions", "activities", "house", "team"]),
    json_values, max_size=4))
def test_wrongly_shaped_documents_give_errors_not_exceptions(kind, body):
    doc = {"kind": kind, "schema_version": 2 if kind == "plan" else 1, **body}
    result = open_document(json.dumps(doc))
    assert all(e["message"] for e in result["errors"])
