"""Steps that bring a document from an older schema_version to the current one.

Each step is a pure function from one version's document to the next version's,
registered under (kind, from_version); a document walks the steps in order.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Document = dict[str, Any]

SCHEMA_URI = "https://pcsp.invalid/schemas/{kind}.schema.json"


def _plan_1_to_2(doc: Document) -> Document:
    # Version 1 (the first draft format) kept an outcome's words under "text" and
    # the review date under "review.next_review". Version 2 names them for what the
    # person sees in the form: "in_my_words" and "next_formal_review".
    for outcome in doc.get("outcomes") or []:
        if isinstance(outcome, dict) and "text" in outcome and "in_my_words" not in outcome:
            outcome["in_my_words"] = outcome.pop("text")
    review = doc.get("review")
    if isinstance(review, dict) and "next_review" in review and "next_formal_review" not in review:
        review["next_formal_review"] = review.pop("next_review")
    return doc


def _plan_2_to_3(doc: Document) -> Document:
    # Version 3 adds questions version 2 had no place for (my copy, what worries me, support
    # to plan, medicines, legal and advance care planning, consent to share, who takes part
    # in reviews, who manages a budget, an NHS number). Every one is optional, and a plan is
    # judged on what it records, so nothing in a version 2 plan moves: the step is the number.
    return doc


def _plan_3_to_4(doc: Document) -> Document:
    # Version 4 remembers what the person chose to share ("share_choice"). A version 3 plan
    # never chose, so it shares the summary, as it did before: nothing moves.
    return doc


def _plan_4_to_5(doc: Document) -> Document:
    # Version 5 adds "How planning felt" (experience): TLAP's 12 statements, each answered yes,
    # partly, no or not sure. Three version 4 yes/no questions are the same questions, and are
    # now asked once, there: their answers move to the statement that asks them. "Not sure"
    # was a blank in version 4, so a blank stays a blank.
    preparation = doc.get("preparation")
    if not isinstance(preparation, dict) or not preparation:
        return doc
    for question, statement in (("chose_who_was_involved", "tlap.4"), ("had_information_before", "tlap.7"),
                                ("knew_what_to_expect", "tlap.9")):
        if question not in preparation:
            continue
        answer = preparation.pop(question)
        if isinstance(answer, bool):
            experience = doc.setdefault("experience", {})
            if isinstance(experience, dict):
                experience.setdefault(statement, {})["answer"] = "yes" if answer else "no"
    if not preparation:  # it held only those answers
        del doc["preparation"]
    return doc


def _self_assessment_1_to_2(doc: Document) -> Document:
    # Version 2 may carry figures from the team's own plans ("plan_evidence", counts only).
    # A version 1 assessment has none, so nothing moves: the step is the number.
    return doc


MIGRATIONS: dict[tuple[str, int], Callable[[Document], Document]] = {
    ("plan", 1): _plan_1_to_2,
    ("plan", 2): _plan_2_to_3,
    ("plan", 3): _plan_3_to_4,
    ("plan", 4): _plan_4_to_5,
    ("self-assessment", 1): _self_assessment_1_to_2,
}


def oldest_version(kind: str, current: int) -> int:
    """The oldest schema_version of `kind` that can still be brought up to date."""
    version = current
    while (kind, version - 1) in MIGRATIONS:
        version -= 1
    return version


def migrate(doc: Document, kind: str, current: int) -> Document:
    """A copy of `doc` brought to schema_version `current` (the input is untouched)."""
    doc = copy.deepcopy(doc)
    version = doc["schema_version"]
    while version < current:
        doc = MIGRATIONS[(kind, version)](doc)
        version += 1
        doc["schema_version"] = version
    doc["$schema"] = SCHEMA_URI.format(kind=kind)
    return doc
