"""How planning felt: Think Local Act Personal's 12 "I" statements, as the person answers them.

A plan keeps one answer per statement, `plan["experience"]["tlap.4"] = {"answer", "comment"}`,
where the answer is "yes", "partly", "no" or "not-sure". Some statements answer a question
the 5 criteria ask (did the person get to involve the people they wanted? did they have
information to prepare?). tlap.json's `criteria_links` names those, quoting the criterion's
words, and the criteria read the answer from here, so the person is asked once.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from . import resources

Plan = dict[str, Any]

# Worst first: where a question is answered by two statements, the least good answer is the one
# that speaks for it ("I can choose who supports me", but "not friends and family": only partly).
_ANSWERED = ("no", "partly", "yes")


class Felt(NamedTuple):
    """What the plan says to one of the criteria's questions."""

    answer: str | None  # "yes", "partly" or "no"; None when unanswered or "not sure"
    statement: str  # the statement the answer came from (the first, when unanswered)
    text: str  # that statement's words


def statements() -> list[dict[str, str]]:
    """The 12 statements, in order: [{"id", "text"}]."""
    return resources.framework("tlap")["statements"]


def answers() -> list[str]:
    """The answers a statement may have, as the plan schema lists them."""
    felt = resources.schema("plan")["$defs"]["felt"]["properties"]["answer"]
    return [option["const"] for option in felt["oneOf"]]


def link(link_id: str) -> dict[str, Any]:
    """One of tlap.json's criteria_links, by id."""
    return next(entry for entry in resources.framework("tlap")["criteria_links"] if entry["id"] == link_id)


def answer_to(plan: Plan, statement_id: str) -> str | None:
    """The person's answer to one statement, or None."""
    experience = plan.get("experience")
    entry = experience.get(statement_id) if isinstance(experience, dict) else None
    return entry.get("answer") if isinstance(entry, dict) else None


def felt(plan: Plan, link_id: str) -> Felt:
    """The plan's answer to the criteria question `link_id` names, from its statements."""
    texts = {s["id"]: s["text"] for s in statements()}
    ids = link(link_id)["statements"]
    given = {sid: answer_to(plan, sid) for sid in ids}
    for answer in _ANSWERED:
        for sid in ids:
            if given[sid] == answer:
                return Felt(answer, sid, texts[sid])
    return Felt(None, ids[0], texts[ids[0]])


def experience_counts(plans: list[Plan]) -> dict[str, Any]:
    """What a set of plans says about how planning felt, as counts only (never the comments).

    Returns {"plans": n, "statements": [{"id", "text", "yes", "partly", "no", "not_sure", "unanswered"}]}.
    """
    rows = []
    for statement in statements():
        row: dict[str, Any] = {"id": statement["id"], "text": statement["text"],
                               **{a.replace("-", "_"): 0 for a in answers()}, "unanswered": 0}
        for plan in plans:
            answer = answer_to(plan, statement["id"])
            row[answer.replace("-", "_") if answer in answers() else "unanswered"] += 1
        rows.append(row)
    return {"plans": len(plans), "statements": rows}
