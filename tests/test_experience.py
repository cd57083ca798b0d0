"""How planning felt: TLAP's statements in the plan, read by the criteria, counted for a team."""

import copy

import pytest

from pcsp_core import evaluate_plan, experience_counts, resources
from pcsp_core.documents import validate
from pcsp_core.experience import answers, felt, statements

from conftest import load_example


def with_answers(**given: str) -> dict:
    plan = load_example("cecilia-plan.json")
    plan["experience"] = {sid.replace("_", "."): {"answer": a} for sid, a in given.items()}
    return plan


def test_the_plan_schema_asks_each_of_tlap_s_statements_in_its_own_words():
    properties = resources.schema("plan")["properties"]["experience"]["properties"]
    assert [(sid, spec["title"]) for sid, spec in properties.items()] == [(s["id"], s["text"]) for s in statements()]
    assert len(properties) == 12
    assert answers() == ["yes", "partly", "no", "not-sure"]


def test_an_answer_and_a_comment_are_all_a_statement_holds():
    plan = with_answers(tlap_1="partly")
    plan["experience"]["tlap.1"]["comment"] = "My daughter wrote it with me."
    assert validate(plan, "plan") == []
    plan["experience"]["tlap.1"]["answer"] = "maybe"
    assert validate(plan, "plan") != []
    plan["experience"]["tlap.1"] = {"answer": "yes", "score": 3}
    assert validate(plan, "plan") != []
    assert validate({**with_answers(), "experience": {"tlap.13": {"answer": "yes"}}}, "plan") != []


@pytest.mark.parametrize("given, answer, statement", [
    ({"tlap_4": "yes", "tlap_6": "yes"}, "yes", "tlap.4"),
    ({"tlap_4": "yes", "tlap_6": "no"}, "no", "tlap.6"),  # the least good answer speaks for the question
    ({"tlap_4": "partly", "tlap_6": "yes"}, "partly", "tlap.4"),
    ({"tlap_6": "yes"}, "yes", "tlap.6"),
    ({"tlap_4": "not-sure"}, None, "tlap.4"),  # "not sure" is not an answer yet
    ({}, None, "tlap.4"),
])
def test_a_question_two_statements_ask_reads_the_least_good_answer(given, answer, statement):
    reading = felt(with_answers(**given), "chose-who")
    assert (reading.answer, reading.statement) == (answer, statement)
    assert reading.text == next(s["text"] for s in statements() if s["id"] == statement)


def test_the_panel_says_which_statement_it_used_in_the_statement_s_own_words():
    result = evaluate_plan(with_answers(tlap_4="yes", tlap_6="no", tlap_7="yes", tlap_9="yes"), "2026-11-24")
    first = next(c for c in result["criteria"] if c["id"] == "1")
    assert first["verdict"] == "not-met" and result["counts_as_pcsp"] is False
    finding = next(f for f in first["findings"] if f["code"] == "could-not-choose-who")
    assert finding["path"] == "/experience/tlap.6/answer"
    assert "“I can involve friends and family in the process if I choose”" in finding["message"]


def test_statements_the_criteria_do_not_ask_never_change_the_verdict():
    linked = {sid for link in resources.framework("tlap")["criteria_links"] for sid in link["statements"]}
    good = with_answers(tlap_4="yes", tlap_6="yes", tlap_7="yes", tlap_9="yes")
    baseline = evaluate_plan(good, "2026-11-24")
    for statement in statements():
        if statement["id"] in linked:
            continue
        plan = copy.deepcopy(good)
        plan["experience"][statement["id"]] = {"answer": "no", "comment": "Not at all."}
        assert evaluate_plan(plan, "2026-11-24") == baseline, statement["id"]


def test_a_team_sees_counts_only_never_the_comments():
    plans = [with_answers(tlap_1="yes", tlap_10="no"), with_answers(tlap_1="partly", tlap_10="not-sure"),
             with_answers(tlap_1="yes")]
    plans[1]["experience"]["tlap.10"]["comment"] = "Zqxsecret"
    counts = experience_counts(plans)
    assert counts["plans"] == 3
    rows = {row["id"]: row for row in counts["statements"]}
    assert [row["id"] for row in counts["statements"]] == [s["id"] for s in statements()]
    assert rows["tlap.1"] == {"id": "tlap.1", "text": statements()[0]["text"],
                              "yes": 2, "partly": 1, "no": 0, "not_sure": 0, "unanswered": 0}
    assert {k: rows["tlap.10"][k] for k in ("yes", "no", "not_sure", "unanswered")} == \
        {"yes": 0, "no": 1, "not_sure": 1, "unanswered": 1}
    assert rows["tlap.12"]["unanswered"] == 3
    assert "Zqxsecret" not in repr(counts)
    assert experience_counts([]) == {"plans": 0, "statements": [
        {"id": s["id"], "text": s["text"], "yes": 0, "partly": 0, "no": 0, "not_sure": 0, "unanswered": 0}
        for s in statements()]}
