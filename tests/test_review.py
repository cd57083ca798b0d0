"""When a plan's next formal review is due (pcsp_core.review).

Dates worked out by hand: the framework asks for a formal review at least once
a year, so the due date is 12 months after the latest formal review or, before
the first one, after the plan was agreed; an earlier date set in the plan wins.
"""

from __future__ import annotations

import datetime
import json

import pytest

from pcsp_core import review_status
from pcsp_core.review import add_months

D = datetime.date


def plan(agreed: str | None = None, next_review: str | None = None, history: list | None = None) -> dict:
    out: dict = {"kind": "plan"}
    if agreed is not None:
        out["agreement"] = {"date_agreed": agreed, "agreed_by": ["Cecilia", "Dr Shah"]}
    review: dict = {}
    if next_review is not None:
        review["next_formal_review"] = next_review
    if history is not None:
        review["history"] = history
    if review:
        out["review"] = review
    return out


def formal(day: str) -> dict:
    return {"date": day, "type": "formal"}


def informal(day: str) -> dict:
    return {"date": day, "type": "informal"}


# --------------------------------------------------------------------------- add_months

@pytest.mark.parametrize("day, months, expected", [
    (D(2026, 11, 10), 12, D(2027, 11, 10)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),    # no 29 Feb in 2025
    (D(2024, 2, 29), 48, D(2028, 2, 29)),    # 2028 is a leap year
    (D(2025, 1, 31), 1, D(2025, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),     # leap year
    (D(2025, 3, 31), 1, D(2025, 4, 30)),
    (D(2025, 12, 15), 1, D(2026, 1, 15)),    # over the year end
    (D(2025, 11, 30), 3, D(2026, 2, 28)),
    (D(2025, 1, 15), -1, D(2024, 12, 15)),   # backwards over the year end
    (D(2025, 3, 31), -1, D(2025, 2, 28)),
    (D(2025, 6, 1), 0, D(2025, 6, 1)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


# --------------------------------------------------------------------------- 12 months after agreement

def test_due_twelve_months_after_agreement():
    # agreed 10 Nov 2026 → due 10 Nov 2027. From 1 Jan 2027: 30 days left of January (to 1 Feb = 31),
    # then Feb 28, Mar 31, Apr 30, May 31, Jun 30, Jul 31, Aug 31, Sep 30, Oct 31 → 1 Nov = 304, + 9 = 313
    status = review_status(plan(agreed="2026-11-10"), "2027-01-01")
    assert status == {"due": "2027-11-10", "basis": "agreement", "overdue": False, "days_left": 313,
                      "last_formal_review": None}


def test_not_overdue_on_the_due_date_itself():
    status = review_status(plan(agreed="2026-11-10"), "2027-11-10")
    assert (status["overdue"], status["days_left"]) == (False, 0)


def test_overdue_the_day_after():
    status = review_status(plan(agreed="2026-11-10"), "2027-11-11")
    assert (status["overdue"], status["days_left"]) == (True, -1)
    # a month late: 11 Nov → 10 Dec is 30 days
    assert review_status(plan(agreed="2026-11-10"), "2027-12-10")["days_left"] == -30


def test_informal_reviews_do_not_count():
    status = review_status(plan(agreed="2026-11-10", history=[informal("2027-03-01"), informal("2027-09-01")]),
                           "2027-10-01")
    # still 12 months after agreement; 1 Oct → 10 Nov is 30 + 10 = 40 days
    assert status == {"due": "2027-11-10", "basis": "agreement", "overdue": False, "days_left": 40,
                      "last_formal_review": None}


# --------------------------------------------------------------------------- 12 months after the last formal review

def test_due_twelve_months_after_the_last_formal_review():
    status = review_status(plan(agreed="2026-11-10", history=[formal("2027-10-01"), informal("2028-03-01")]),
                           "2028-09-01")
    # 1 Sep → 1 Oct 2028 is 30 days
    assert status == {"due": "2028-10-01", "basis": "last-review", "overdue": False, "days_left": 30,
                      "last_formal_review": "2027-10-01"}


def test_the_latest_formal_review_counts_whatever_the_order():
    history = [formal("2028-09-15"), informal("2029-01-20"), formal("2027-10-01")]
    status = review_status(plan(agreed="2026-11-10", history=history), "2029-09-16")
    # due 15 Sep 2029; 16 Sep is one day late
    assert status == {"due": "2029-09-15", "basis": "last-review", "overdue": True, "days_left": -1,
                      "last_formal_review": "2028-09-15"}


def test_a_formal_review_without_an_agreement_date():
    status = review_status(plan(history=[formal("2027-02-28")]), "2028-02-28")
    assert (status["due"], status["basis"], status["overdue"], status["days_left"]) == \
        ("2028-02-28", "last-review", False, 0)


# --------------------------------------------------------------------------- a date set in the plan

def test_an_earlier_date_set_in_the_plan_wins(cecilia):
    # Cecilia's plan: agreed 10 Nov 2026, next formal review set for 10 May 2027 (before 10 Nov 2027).
    # From 1 May 2027: 9 days left.
    status = review_status(cecilia, "2027-05-01")
    assert status == {"due": "2027-05-10", "basis": "set", "overdue": False, "days_left": 9,
                      "last_formal_review": None}


def test_an_earlier_set_date_wins_over_the_last_review_too():
    status = review_status(plan(agreed="2026-11-10", next_review="2028-04-01", history=[formal("2027-10-01")]),
                           "2028-04-02")
    assert (status["due"], status["basis"], status["overdue"], status["days_left"]) == \
        ("2028-04-01", "set", True, -1)
    assert status["last_formal_review"] == "2027-10-01"


def test_a_later_set_date_does_not_push_past_twelve_months():
    status = review_status(plan(agreed="2026-11-10", next_review="2028-01-10"), "2027-11-11")
    assert (status["due"], status["basis"], status["overdue"]) == ("2027-11-10", "agreement", True)
    status = review_status(plan(agreed="2026-11-10", next_review="2028-12-01", history=[formal("2027-06-01")]),
                           "2028-05-31")
    assert (status["due"], status["basis"], status["overdue"], status["days_left"]) == \
        ("2028-06-01", "last-review", False, 1)


def test_a_set_date_the_last_review_already_met_is_ignored():
    # Set for 10 May 2027, formally reviewed (a little late) on 12 May 2027: the set date
    # is spent, so the next is due 12 months after the review, 12 May 2028; not overdue on 1 June 2027.
    status = review_status(plan(agreed="2026-11-10", next_review="2027-05-10", history=[formal("2027-05-12")]),
                           "2027-06-01")
    assert (status["due"], status["basis"], status["overdue"]) == ("2028-05-12", "last-review", False)


def test_a_set_date_equal_to_the_twelve_month_limit_is_reported_as_set():
    status = review_status(plan(agreed="2026-11-10", next_review="2027-11-10"), "2027-01-01")
    assert (status["due"], status["basis"]) == ("2027-11-10", "set")


# --------------------------------------------------------------------------- leap days

def test_agreed_on_29_february():
    # 29 Feb 2024 + 12 months = 28 Feb 2025
    on_the_day = review_status(plan(agreed="2024-02-29"), "2025-02-28")
    assert (on_the_day["due"], on_the_day["overdue"], on_the_day["days_left"]) == ("2025-02-28", False, 0)
    assert review_status(plan(agreed="2024-02-29"), "2025-03-01")["overdue"] is True


def test_a_formal_review_on_29_february():
    status = review_status(plan(agreed="2023-03-01", history=[formal("2024-02-29")]), "2025-01-29")
    # due 28 Feb 2025; 29 Jan → 28 Feb is 30 days
    assert (status["due"], status["basis"], status["days_left"]) == ("2025-02-28", "last-review", 30)


# --------------------------------------------------------------------------- nothing to go on

NOTHING = {"due": None, "basis": None, "overdue": None, "days_left": None, "last_formal_review": None}


@pytest.mark.parametrize("doc", [
    {},
    plan(),
    plan(history=[informal("2027-03-01")]),                  # informal reviews only
    {"agreement": {"agreed_by": ["Cecilia"]}},                # agreed, but no date
    {"agreement": {"date_agreed": "2026-13-01"}},             # not a real date
    {"agreement": {"date_agreed": 20261110}},                 # not text
    {"agreement": "yes", "review": "soon"},                   # not objects
    {"review": {"history": [{"type": "formal"}]}},            # a formal review with no date
])
def test_nothing_to_go_on(doc):
    assert review_status(doc, "2027-01-01") == NOTHING


def test_result_is_json(cecilia):
    for doc in (cecilia, plan(agreed="2026-11-10", history=[formal("2027-10-01")]), {}):
        status = review_status(doc, "2027-06-01")
        assert json.loads(json.dumps(status)) == status


# --------------------------------------------------------------------------- recording a review

from pcsp_core import changes_since_last_review, snapshot, validate  # noqa: E402


def test_a_snapshot_takes_the_plan_as_it_stands_and_keeps_the_plan_valid(cecilia):
    entry = snapshot(cecilia, "2027-02-01", "formal")
    assert entry["date"] == "2027-02-01" and entry["type"] == "formal"
    assert entry["working_now"][0] == "I live with my husband – we have been married for 36 years"
    assert len(entry["not_working_now"]) == 6
    assert entry["outcome_progress"][0] == {"outcome": "o1", "status": "in-progress"}
    assert entry["outcome_progress"][1] == {"outcome": "o2", "status": "not-started"}
    cecilia["review"]["history"].append(entry)
    assert validate(cecilia) == []


def test_before_any_review_everything_is_new(cecilia):
    changes = changes_since_last_review(cecilia)
    assert changes["last_review"] is None
    assert len(changes["working"]["added"]) == 4 and changes["working"]["gone"] == []
    assert [o["outcome"] for o in changes["outcomes"]] == ["o1", "o2", "o3", "o4", "o5"]
    assert all(o["then"] is None for o in changes["outcomes"])


def test_what_changed_since_the_latest_review(cecilia):
    cecilia["review"]["history"] = [snapshot(cecilia, "2027-02-01", "formal")]
    older = snapshot(cecilia, "2026-12-01", "informal")
    older["working_now"] = []
    cecilia["review"]["history"].insert(0, older)  # an earlier review, listed first: not the latest
    # Since then: lunch with friends happens (o1 achieved, that "not working" item gone),
    # a new outcome, and o5 removed.
    cecilia["outcomes"][0]["status"] = "achieved"
    gone = cecilia["not_working"].pop(0)
    cecilia["working"].append({"id": "w5", "text": "I see my friends for lunch every month", "view": "me"})
    cecilia["outcomes"].append({"id": "o6", "in_my_words": "I walk to the post box every day"})
    del cecilia["outcomes"][4]
    changes = changes_since_last_review(cecilia)
    assert changes["last_review"] == {"date": "2027-02-01", "type": "formal"}
    assert changes["working"] == {"added": ["I see my friends for lunch every month"], "gone": []}
    assert changes["not_working"] == {"added": [], "gone": [gone["text"]]}
    assert changes["outcomes"] == [
        {"outcome": "o1", "words": "I have lunch with my high school friends once a month",
         "then": "in-progress", "now": "achieved"},
        {"outcome": "o6", "words": "I walk to the post box every day", "then": None, "now": None}]
    assert changes["removed_outcomes"] == ["o5"]
