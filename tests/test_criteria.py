"""Every "should see" and "could not count" rule of the 5 criteria, one change at a time.

Cecilia's plan meets every criterion; each case below breaks one thing the way a
real plan goes wrong and checks the verdict, the finding and where it points.
"""

import datetime
import json

import pytest

from pcsp_core import evaluate_plan, resources
from pcsp_core.criteria import NOT_VISIBLE_IN_A_PLAN, RULES

from conftest import EXAMPLES


def verdicts(result):
    return {c["id"]: c["verdict"] for c in result["criteria"]}


def findings(result, criterion):
    return [(f["code"], f["path"]) for c in result["criteria"] if c["id"] == criterion for f in c["findings"]]


def test_cecilia_meets_every_criterion(cecilia):
    result = evaluate_plan(cecilia, today="2026-11-24")
    assert verdicts(result) == dict.fromkeys("12345", "met"), result["criteria"]
    assert result["counts_as_pcsp"] is True


def test_an_empty_plan_meets_no_criterion():
    result = evaluate_plan({"kind": "plan", "schema_version": 2})
    assert verdicts(result) == dict.fromkeys("12345", "not-met")
    assert result["counts_as_pcsp"] is False
    assert result["outcomes"] == []


def test_every_framework_element_and_condition_has_a_rule():
    ids = {item["id"] for c in resources.framework("criteria")["criteria"]
           for item in c["should_see"] + c["could_not_count"]}
    assert ids == set(RULES)
    # Only service-side elements may go unchecked, and never a could-not-count condition.
    assert NOT_VISIBLE_IN_A_PLAN == {"1.see.3"}


def test_every_rule_quotes_the_framework_words_it_implements():
    """Each rule's docstring quotes its element or condition (read the seed before writing
    a rule, and quote it in the rule): at least its first eight words, word for word."""
    import re

    texts = {item["id"]: item["text"] for c in resources.framework("criteria")["criteria"]
             for item in c["should_see"] + c["could_not_count"]}
    for rule_id, rule in RULES.items():
        doc = " ".join((rule.__doc__ or "").split())
        words = " ".join(texts[rule_id].split()[:8])
        assert rule_id in doc and words in doc, f"{rule_id}: {rule.__name__} should quote “{words}…”"


def _set(path, value):
    def change(plan):
        node = plan
        for part in path[:-1]:
            node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
        node[path[-1]] = value
    return change


def _drop(path):
    def change(plan):
        node = plan
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
    return change


def _both(*changes):
    def change(plan):
        for c in changes:
            c(plan)
    return change


CASES = [
    # criterion 1 — could not count
    ("written by a professional alone", _set(("conversation", "written_by"), "professional"),
     "1", "not-met", "not-involved-in-writing", "/conversation/written_by"),
    ("who wrote it not recorded", _drop(("conversation", "written_by")),
     "1", "not-met", "who-wrote-missing", "/conversation/written_by"),
    # The experience questions are answered in How planning felt (TLAP's statements).
    ("could not choose who supports me", _set(("experience", "tlap.4", "answer"), "no"),
     "1", "not-met", "could-not-choose-who", "/experience/tlap.4/answer"),
    ("could not involve friends and family", _set(("experience", "tlap.6", "answer"), "no"),
     "1", "not-met", "could-not-choose-who", "/experience/tlap.6/answer"),
    ("given no information to prepare",
     _both(_set(("experience", "tlap.7", "answer"), "no"), _drop(("preparation", "information_received"))),
     "1", "not-met", "no-information-to-prepare", "/experience/tlap.7/answer"),
    ("preparation not recorded at all",
     _both(_drop(("experience", "tlap.7")), _drop(("preparation", "information_received"))),
     "1", "not-met", "preparation-missing", "/experience/tlap.7/answer"),
    ("not sure about information, none recorded",
     _both(_set(("experience", "tlap.7", "answer"), "not-sure"), _drop(("preparation", "information_received"))),
     "1", "not-met", "preparation-missing", "/experience/tlap.7/answer"),
    ("choice of people not recorded",
     _both(_drop(("experience", "tlap.4")), _drop(("experience", "tlap.6")),
           *[_set(("people_involved", i, "chosen_by_me"), False) for i in range(3)]),
     "1", "not-met", "choice-of-people-missing", "/experience/tlap.4/answer"),
    # criterion 1 — should see
    ("information received not listed", _set(("preparation", "information_received"), []),
     "1", "partly", "information-received-missing", "/preparation/information_received"),
    ("did not know what to expect", _set(("experience", "tlap.9", "answer"), "no"),
     "1", "partly", "expectations-unclear", "/experience/tlap.9/answer"),
    ("what to expect not answered", _drop(("experience", "tlap.9")),
     "1", "partly", "expectations-missing", "/experience/tlap.9/answer"),
    ("could partly involve the people wanted", _set(("experience", "tlap.6", "answer"), "partly"),
     "1", "partly", "chose-who-partly", "/experience/tlap.6/answer"),
    ("no to having all the information, some recorded", _set(("experience", "tlap.7", "answer"), "no"),
     "1", "partly", "information-not-enough", "/experience/tlap.7/answer"),
    ("partly had the information needed", _set(("experience", "tlap.7", "answer"), "partly"),
     "1", "partly", "information-partly", "/experience/tlap.7/answer"),
    ("choice of people unanswered, but people I chose are listed",
     _both(_drop(("experience", "tlap.4")), _drop(("experience", "tlap.6"))), "1", "met", None, None),
    ("how they want information not recorded", _drop(("preparation", "how_i_want_information")),
     "1", "partly", "information-format-missing", "/preparation/how_i_want_information"),
    ("no people involved recorded", _set(("people_involved",), []),
     "1", "partly", "people-involved-missing", "/people_involved"),
    ("no support offered to plan", _set(("support_to_plan",), {"advocacy": False, "peer_support": False}),
     "1", "partly", "no-support-to-plan", "/support_to_plan"),
    ("peer support offered", _set(("support_to_plan",), {"advocacy": False, "peer_support": True}),
     "1", "met", None, None),
    # criterion 2
    # The order of the conversation is 2.see.1; only what matters missing (2.not.1) stops it counting.
    ("did not start with what matters", _set(("conversation", "started_with_what_matters"), False),
     "2", "partly", "did-not-start-with-what-matters", "/conversation/started_with_what_matters"),
    ("what matters is only the treatment", _set(("about_me", "what_is_important_to_me"), [
        {"id": "m1", "text": "Taking my tablets on time"}, {"id": "m2", "text": "My inhalers"},
        {"id": "m3", "text": "Going to my hospital appointments"}]),
     "2", "not-met", "what-matters-is-treatment", "/about_me/what_is_important_to_me"),
    ("one thing that matters is the regimen", _set(("about_me", "what_is_important_to_me", 4, "text"),
                                                   "Taking my medication as prescribed"),
     "2", "partly", "what-matters-item-treatment", "/about_me/what_is_important_to_me/4/text"),
    ("one thing that matters is written about the person", _set(("about_me", "what_is_important_to_me", 0, "text"),
                                                                "He loves his wife"),
     "2", "partly", "what-matters-item-about", "/about_me/what_is_important_to_me/0/text"),
    ("worship is not a service", _set(("about_me", "what_is_important_to_me", 4, "text"),
                                      "The Sunday service at chapel, and tea after"),
     "2", "met", None, None),
    ("start of the conversation not recorded", _drop(("conversation", "started_with_what_matters")),
     "2", "partly", "start-of-conversation-missing", "/conversation/started_with_what_matters"),
    ("what matters not recorded", _set(("about_me", "what_is_important_to_me"), []),
     "2", "not-met", "what-matters-missing", "/about_me/what_is_important_to_me"),
    ("did not feel listened to", _set(("conversation", "i_felt_listened_to"), False),
     "2", "not-met", "not-listened-to", "/conversation/i_felt_listened_to"),
    ("listened to not recorded", _drop(("conversation", "i_felt_listened_to")),
     "2", "not-met", "listened-to-missing", "/conversation/i_felt_listened_to"),
    ("health literacy not taken into account", _set(("conversation", "my_knowledge_and_confidence_considered"), False),
     "2", "not-met", "knowledge-not-considered", "/conversation/my_knowledge_and_confidence_considered"),
    # One policy: a blank answer about the person's experience cannot count.
    ("health literacy not recorded", _drop(("conversation", "my_knowledge_and_confidence_considered")),
     "2", "not-met", "knowledge-considered-missing", "/conversation/my_knowledge_and_confidence_considered"),
    ("no people, routines or possessions",
     _both(_set(("important_people",), []), _set(("routines",), []), _set(("possessions",), [])),
     "2", "partly", "people-routines-possessions-missing", "/important_people"),
    ("nothing on what to do if things get worse", _set(("contingency",), []),
     "2", "partly", "contingency-missing", "/contingency"),
    # New questions, and reminders, ask without weighing on the verdict.
    ("nothing about what worries the person", _set(("worries",), []),
     "2", "met", "worries-missing", "/worries"),
    ("nothing on day-to-day self-management", _set(("support", "what_i_do_for_myself"), []),
     "2", "partly", "self-care-missing", "/support/what_i_do_for_myself"),
    # criterion 3
    # One weak outcome among good ones is partly met, with the outcome named...
    ("an outcome written about the person", _set(("outcomes", 0, "in_my_words"), "The patient will attend lunch club monthly"),
     "3", "partly", "outcome-not-personal", "/outcomes/0/in_my_words"),
    ("an outcome that is a treatment", _set(("outcomes", 2, "in_my_words"), "I use my inhalers as prescribed"),
     "3", "partly", "outcome-is-treatment-or-target", "/outcomes/2/in_my_words"),
    ("an outcome that is a clinical target", _set(("outcomes", 2, "in_my_words"), "My blood pressure is below 140/90 by March"),
     "3", "partly", "outcome-is-treatment-or-target", "/outcomes/2/in_my_words"),
    # ...a plan that is mostly not the person's cannot count.
    ("most outcomes are services, treatments or about the person",
     _both(_set(("outcomes", 0, "in_my_words"), "The patient will attend lunch club monthly"),
           _set(("outcomes", 2, "in_my_words"), "I use my inhalers as prescribed"),
           _set(("outcomes", 4, "in_my_words"), "I will have a carer come in twice a day")),
     "3", "not-met", "outcomes-mostly-not-mine", "/outcomes"),
    ("what matters is all written about the person", _set(("about_me", "what_is_important_to_me"), [
        {"id": "m1", "text": "He loves his wife"}, {"id": "m2", "text": "Mr Okafor enjoys the football"},
        {"id": "m3", "text": "His two children"}, {"id": "m4", "text": "He likes lunch with old friends"},
        {"id": "m5", "text": "Tea in a fine bone China cup is important to Cecilia"}]),
     "3", "not-met", "what-matters-not-mine", "/about_me/what_is_important_to_me"),
    ("no outcomes", _set(("outcomes",), []),
     "3", "not-met", "outcomes-missing", "/outcomes"),
    ("professional wrote unlinked outcomes",
     _both(_set(("conversation", "written_by"), "professional"),
           *[_set(("outcomes", i, "answers"), []) for i in range(5)]),
     "3", "not-met", "outcomes-not-from-me", "/outcomes/0/answers"),
    ("an outcome not agreed with anyone", _set(("outcomes", 1, "agreed_with"), []),
     "3", "partly", "outcome-not-agreed", "/outcomes/1/agreed_with"),
    ("an outcome not linked to what matters", _set(("outcomes", 2, "answers"), []),
     "3", "partly", "outcome-not-linked", "/outcomes/2/answers"),
    ("an outcome linked to a removed item", _set(("outcomes", 2, "answers"), ["gone"]),
     "3", "partly", "outcome-link-broken", "/outcomes/2/answers/0"),
    ("an outcome that names a solution", _set(("outcomes", 3, "in_my_words"), "I go to the day centre twice a week"),
     "3", "partly", "outcome-names-a-solution", "/outcomes/3/in_my_words"),
    ("an outcome in service language", _set(("outcomes", 3, "in_my_words"), "I improve my mobilisation so I can walk to the garden twice a week"),
     "3", "partly", "outcome-service-language", "/outcomes/3/in_my_words"),
    ("no conditions or health needs", _both(_set(("conditions",), []), _set(("health_and_wellbeing_needs",), [])),
     "3", "partly", "health-needs-missing", "/conditions"),
    # criterion 4
    ("no actions", _set(("actions",), []),
     "4", "not-met", "actions-missing", "/actions"),
    ("cannot be shared", _set(("sharing", "can_share_with_everyone_involved"), False),
     "4", "not-met", "cannot-be-shared", "/sharing/can_share_with_everyone_involved"),
    ("sharing not recorded", _set(("sharing",), {}),
     "4", "not-met", "sharing-missing", "/sharing/can_share_with_everyone_involved"),
    ("whether it can be shared with everyone left blank, though some are listed",
     _drop(("sharing", "can_share_with_everyone_involved")),
     "4", "not-met", "sharing-missing", "/sharing/can_share_with_everyone_involved"),
    ("a budget with no budget sheet", _set(("personal_health_budget",), {"has_budget": True, "type": "direct-payment", "amount": 5000, "period": "year"}),
     "4", "not-met", "budget-lines-missing", "/personal_health_budget/lines"),
    # A budget sheet: what each part buys, how much, the total, and the outcome it is for.
    ("a budget line for no outcome", _set(("personal_health_budget",), {"has_budget": True, "amount": 500, "lines": [{"what": "Taxi to lunch", "amount": 300}]}),
     "4", "not-met", "budget-line-not-linked", "/personal_health_budget/lines/0/outcome"),
    ("a budget line with no amount", _set(("personal_health_budget",), {"has_budget": True, "amount": 500, "lines": [{"what": "Taxi to lunch", "outcome": "o1"}]}),
     "4", "not-met", "budget-line-amount-missing", "/personal_health_budget/lines/0/amount"),
    ("a budget line that buys nothing named", _set(("personal_health_budget",), {"has_budget": True, "amount": 500, "lines": [{"amount": 300, "outcome": "o1"}]}),
     "4", "not-met", "budget-line-what-missing", "/personal_health_budget/lines/0/what"),
    ("a budget with no total", _set(("personal_health_budget",), {"has_budget": True, "lines": [{"what": "Taxi to lunch", "amount": 300, "outcome": "o1"}]}),
     "4", "not-met", "budget-total-missing", "/personal_health_budget/amount"),
    ("budget details with no answer to whether there is a budget", _set(("personal_health_budget",), {"type": "direct-payment", "amount": 7800}),
     "4", "not-met", "has-budget-unanswered", "/personal_health_budget/has_budget"),
    ("heart failure with no way to step care up", _both(
        _set(("conditions",), [{"name": "Heart failure", "how_it_affects_me": "I get breathless on the stairs."}]),
        _drop(("treatment_escalation",)),
        _set(("contingency",), [{"trigger": "I feel low", "what_should_happen": "Talk to my husband", "who_to_contact": "My husband"}])),
     "4", "partly", "escalation-missing", "/contingency"),
    ("end of life with no contingency at all", _both(
        _set(("conditions",), [{"name": "Lung cancer, receiving palliative care"}]), _set(("contingency",), []),
        _drop(("treatment_escalation",))),
     "4", "partly", "escalation-missing", "/contingency"),
    ("budget lines over the budget", _set(("personal_health_budget",), {"has_budget": True, "amount": 500, "lines": [{"what": "Taxi to lunch", "amount": 600, "outcome": "o1"}]}),
     "4", "partly", "budget-lines-exceed-amount", "/personal_health_budget/lines"),
    ("no important people", _set(("important_people",), []),
     "4", "partly", "important-people-missing", "/important_people"),
    ("how to stay connected missing", _drop(("important_people", 1, "how_we_stay_connected")),
     "4", "partly", "staying-connected-missing", "/important_people/1/how_we_stay_connected"),
    ("no family or other support", _both(_set(("support", "what_family_and_friends_do"), []), _set(("support", "other_support"), [])),
     "4", "partly", "other-support-missing", "/support/what_family_and_friends_do"),
    # Outcomes and actions are a record as a whole: most outcomes without an action is partly...
    ("outcomes with no action", _set(("actions",), [{"id": "a1", "what": "Book lunches", "who": "me", "outcome": "o1"}]),
     "4", "partly", "outcome-without-action", "/outcomes/1"),
    # ...one of five without is asked about.
    ("one outcome with no action", lambda plan: plan.__setitem__(
        "actions", [a for a in plan["actions"] if a.get("outcome") != "o5"]),
     "4", "met", "outcome-without-action", "/outcomes/4"),
    ("an action for no outcome", _drop(("actions", 0, "outcome")),
     "4", "partly", "action-without-outcome", "/actions/0/outcome"),
    ("an action for a removed outcome", _set(("actions", 0, "outcome"), "o9"),
     "4", "partly", "action-link-broken", "/actions/0/outcome"),
    ("an action with nobody to do it", _drop(("actions", 0, "who")),
     "4", "partly", "action-who-missing", "/actions/0/who"),
    ("a contingency with nobody to call", _drop(("contingency", 1, "who_to_contact")),
     "4", "partly", "contingency-contact-missing", "/contingency/1/who_to_contact"),
    ("formats not recorded", _both(_drop(("sharing", "formats_i_need")), _drop(("my_copy", "format_i_need"))),
     "4", "partly", "formats-missing", "/sharing/formats_i_need"),
    # 4.see.6 "must be editable and sharable by the person": no copy, or no way to change it, cannot count.
    ("the person has no copy", _set(("my_copy", "i_have_a_copy"), False),
     "4", "not-met", "no-copy", "/my_copy/i_have_a_copy"),
    ("the person cannot change it", _set(("my_copy", "i_can_change_it"), False),
     "4", "not-met", "cannot-change", "/my_copy/i_can_change_it"),
    # Unanswered, as in any version 2 plan, it is asked, never blocking.
    ("whether they have a copy unanswered", _drop(("my_copy", "i_have_a_copy")),
     "4", "met", "copy-unanswered", "/my_copy/i_have_a_copy"),
    ("whether they can change it unanswered", _drop(("my_copy", "i_can_change_it")),
     "4", "met", "change-unanswered", "/my_copy/i_can_change_it"),
    # Consent is the person's choice, not a plan that cannot be shared.
    ("the person chooses not to share some things", _both(
        _set(("sharing", "i_consent_to_share"), True),
        _set(("sharing", "not_to_be_shared"), ["My mental health history, with the dentist"])),
     "4", "met", None, None),
    ("a budget with nobody named to manage it", _set(("personal_health_budget",), {
        "has_budget": True, "amount": 500, "lines": [{"what": "Taxi to lunch", "amount": 300, "outcome": "o1"}]}),
     "4", "met", "budget-manager-missing", "/personal_health_budget/who_manages_it"),
    # criterion 5
    ("no review arrangement", _set(("review",), {}),
     "5", "not-met", "review-arrangement-missing", "/review/how_i_review_informally"),
    ("no next formal review", _drop(("review", "next_formal_review")),
     "5", "partly", "next-review-missing", "/review/next_formal_review"),
    ("formal review more than a year away", _set(("review", "next_formal_review"), "2027-12-01"),
     "5", "partly", "review-too-far", "/review/next_formal_review"),
    ("formal review overdue", _both(_set(("agreement", "date_agreed"), "2025-01-10"),
                                    _set(("review", "next_formal_review"), "2025-12-01")),
     "5", "met", "review-overdue", "/review/next_formal_review"),
    ("informal review not recorded", _drop(("review", "how_i_review_informally")),
     "5", "partly", "informal-review-missing", "/review/how_i_review_informally"),
    ("how to ask for a review not recorded", _drop(("review", "how_to_ask_for_review")),
     "5", "partly", "how-to-ask-missing", "/review/how_to_ask_for_review"),
    ("reviews happen without the person", _set(("review", "i_take_part"), False),
     "5", "not-met", "review-without-me", "/review/i_take_part"),
    ("whether the person takes part unanswered", _drop(("review", "i_take_part")),
     "5", "met", "taking-part-unanswered", "/review/i_take_part"),
]


@pytest.mark.parametrize("change, criterion, verdict, code, path",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(cecilia, change, criterion, verdict, code, path):
    change(cecilia)
    result = evaluate_plan(cecilia, today="2026-11-24")
    assert verdicts(result)[criterion] == verdict
    if code is None:
        assert findings(result, criterion) == []
    else:
        assert (code, path) in findings(result, criterion)
    assert result["counts_as_pcsp"] is (verdict != "not-met" and all(
        v != "not-met" for v in verdicts(result).values()))


def test_every_finding_code_is_exercised_and_worded():
    codes = {case[4] for case in CASES} - {None} | {"what-matters-missing", "outcomes-missing", "contingency-missing"}
    worded = set(resources.wording("criteria"))
    assert codes <= worded
    assert worded - codes == set(), f"codes with wording but no test: {worded - codes}"


def test_messages_fill_in_their_numbers(cecilia):
    cecilia["outcomes"][1]["agreed_with"] = []
    result = evaluate_plan(cecilia)
    messages = [f["message"] for c in result["criteria"] for f in c["findings"]]
    assert messages == ["Outcome 2: say which professionals you agreed it with."]


def test_overdue_is_only_checked_when_a_date_is_given(cecilia):
    cecilia["agreement"]["date_agreed"] = "2025-01-10"
    cecilia["review"]["next_formal_review"] = "2025-12-01"
    assert verdicts(evaluate_plan(cecilia))["5"] == "met"


def test_outcome_findings_are_reported_with_their_paths(cecilia):
    cecilia["outcomes"][0]["in_my_words"] = "Support to go to the day centre"
    result = evaluate_plan(cecilia)
    assert result["outcomes"][0]["path"] == "/outcomes/0/in_my_words"
    assert "solution-embedded" in [f["code"] for f in result["outcomes"][0]["findings"]]
    assert [o["path"] for o in result["outcomes"]] == [f"/outcomes/{i}/in_my_words" for i in range(5)]


def test_the_same_problem_is_reported_once_per_criterion(cecilia):
    cecilia["support"]["what_i_do_for_myself"] = []
    result = evaluate_plan(cecilia)
    for criterion in result["criteria"]:
        pairs = [(f["code"], f["path"]) for f in criterion["findings"]]
        assert len(pairs) == len(set(pairs))


def test_may_ask_names_exactly_the_findings_that_ask_without_weighing():
    """MAY_ASK (which the property tests read) and the rules' own asks=True agree."""
    from pcsp_core.criteria import MAY_ASK, _context

    asking = set()
    for case in CASES:
        plan = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
        case[1](plan)
        ctx = _context(plan, datetime.date(2026, 11, 24))
        for rule in RULES.values():
            asking |= {problem.code for problem in rule(plan, ctx) if problem.asks}
    assert asking == MAY_ASK
