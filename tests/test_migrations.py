"""Older files open in the current version: the migration table and its one step so far."""

import copy
import json

from pcsp_core import dump_document, open_document
from pcsp_core.documents import current_version
from pcsp_core.migrations import MIGRATIONS, migrate, oldest_version

from conftest import EXAMPLES, load_example


def test_plan_1_to_2_renames_the_outcome_words_and_review_date():
    old = {"kind": "plan", "schema_version": 1,
           "outcomes": [{"id": "o1", "text": "I see my daughter once a month"}, {"id": "o2"}],
           "review": {"next_review": "2027-05-10", "how_to_ask_for_review": "Call Ann"}}
    before = copy.deepcopy(old)
    new = migrate(old, "plan", 2)
    assert old == before, "the input is left as it was"
    assert new == {"kind": "plan", "schema_version": 2,
                   "outcomes": [{"id": "o1", "in_my_words": "I see my daughter once a month"}, {"id": "o2"}],
                   "review": {"how_to_ask_for_review": "Call Ann", "next_formal_review": "2027-05-10"},
                   "$schema": "https://pcsp.invalid/schemas/plan.schema.json"}


def test_a_current_document_passes_through_unchanged():
    doc = load_example("cecilia-plan.json")
    assert migrate(doc, "plan", 2) == doc


def test_every_step_leads_to_the_next_version():
    for (kind, version), step in MIGRATIONS.items():
        assert callable(step)
        assert oldest_version(kind, version + 1) <= version
    assert oldest_version("plan", 2) == 1
    assert oldest_version("self-assessment", 1) == 1


def test_an_older_file_opens_migrated_and_says_from_which_version():
    raw = (EXAMPLES / "older-format-plan.json").read_bytes()
    assert json.loads(raw)["schema_version"] == 1
    result = open_document(raw)
    assert result["valid"] and result["migrated_from"] == 1
    doc = result["document"]
    assert doc["schema_version"] == current_version("plan")
    assert doc["outcomes"][0]["in_my_words"] == "I have lunch with my high school friends once a month"
    assert doc["review"]["next_formal_review"] == "2027-05-10"


def test_a_migrated_file_saves_in_the_current_format_and_then_round_trips():
    saved = dump_document(open_document((EXAMPLES / "older-format-plan.json").read_bytes())["document"])
    again = open_document(saved.encode())
    assert again["migrated_from"] is None and dump_document(again["document"]) == saved


def test_an_invalid_older_file_reports_errors_against_the_current_schema():
    old = {"kind": "plan", "schema_version": 1, "outcomes": [{"id": "o1", "text": 42}]}
    result = open_document(json.dumps(old))
    assert result["valid"] is False and result["document"] is None
    assert result["errors"] == [{"path": "/outcomes/0/in_my_words",
                                 "message": "“The outcome, in my own words” should be text, not 42."}]


def test_a_version_2_plan_is_judged_on_what_it_records_and_keeps_counting():
    """Version 3 asks new questions (my copy, worries, who takes part in reviews ...);
    a version 2 plan has no answers to them, and must not stop counting for that."""
    from pcsp_core import evaluate_plan

    v2 = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
    v2["schema_version"] = 2
    for key in ("worries", "my_copy", "support_to_plan", "medicines_that_matter", "advance_care_planning"):
        v2.pop(key, None)
    v2["review"].pop("i_take_part", None)
    v2["review"].pop("who_takes_part", None)
    opened = open_document(json.dumps(v2).encode())
    assert opened["valid"] and opened["migrated_from"] == 2
    result = evaluate_plan(opened["document"], "2026-11-24")
    assert result["counts_as_pcsp"] is True
    assert all(c["verdict"] != "not-met" for c in result["criteria"])


def _version_4(plan: dict, chose: bool | None, information: bool | None, expect: bool | None) -> dict:
    """A version 4 plan: the three yes/no questions were in Getting ready, not How planning felt."""
    old = copy.deepcopy(plan)
    old["schema_version"] = 4
    old.pop("experience", None)
    answers = {"chose_who_was_involved": chose, "had_information_before": information, "knew_what_to_expect": expect}
    old.setdefault("preparation", {}).update({k: v for k, v in answers.items() if v is not None})
    return old


def test_plan_4_to_5_moves_the_three_questions_to_the_statements_that_ask_them():
    old = _version_4(load_example("cecilia-plan.json"), True, False, None)
    new = migrate(old, "plan", 5)
    assert not {"chose_who_was_involved", "had_information_before", "knew_what_to_expect"} & set(new["preparation"])
    assert new["experience"] == {"tlap.4": {"answer": "yes"}, "tlap.7": {"answer": "no"}}  # a blank stays blank
    assert new["preparation"]["information_received"] == old["preparation"]["information_received"]
    only = migrate({"kind": "plan", "schema_version": 4, "preparation": {"knew_what_to_expect": True}}, "plan", 5)
    assert "preparation" not in only and only["experience"] == {"tlap.9": {"answer": "yes"}}
    untouched = {"kind": "plan", "schema_version": 4, "preparation": {}}
    assert migrate(untouched, "plan", 5)["preparation"] == {}


def test_a_version_4_plan_is_judged_the_same_opened_or_not():
    """Its answers are read where the rules look today, whether or not it was opened as a file first."""
    from pcsp_core import evaluate_plan

    for answers in [(True, True, True), (False, True, True), (None, None, False), (True, False, None)]:
        old = _version_4(load_example("cecilia-plan.json"), *answers)
        opened = open_document(json.dumps(old).encode())
        assert opened["valid"] and opened["migrated_from"] == 4
        assert evaluate_plan(old, "2026-11-24") == evaluate_plan(opened["document"], "2026-11-24")
    said_no = evaluate_plan(_version_4(load_example("cecilia-plan.json"), False, True, True), "2026-11-24")
    first = next(c for c in said_no["criteria"] if c["id"] == "1")
    assert first["verdict"] == "not-met"
    assert {"code": "could-not-choose-who", "path": "/experience/tlap.4/answer"} in [
        {k: f[k] for k in ("code", "path")} for f in first["findings"]]
