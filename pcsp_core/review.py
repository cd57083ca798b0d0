"""When a plan's next formal review is due.

The framework asks for a review "on an annual basis": the next formal review is
due no later than 12 months after the last formal review or, before the first
review, after the plan was agreed. An earlier date the person set wins.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (29 Feb + 12 months = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def as_date(value: Any) -> datetime.date | None:
    """A YYYY-MM-DD string as a date; None for anything else."""
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def last_formal_review(plan: dict[str, Any]) -> datetime.date | None:
    review = plan.get("review") if isinstance(plan.get("review"), dict) else {}
    dates = [as_date(entry.get("date")) for entry in review.get("history") or []
             if isinstance(entry, dict) and entry.get("type") == "formal"]
    return max((d for d in dates if d), default=None)


def review_status(plan: dict[str, Any], today: str) -> dict[str, Any]:
    """{"due", "basis", "overdue", "days_left", "last_formal_review"} on the date `today` (YYYY-MM-DD).

    basis says where the due date comes from: "set" (the date in the plan),
    "last-review" or "agreement" (12 months after), or None when the plan gives
    nothing to go on, in which case due and overdue are None.
    """
    on = datetime.date.fromisoformat(today)
    review = plan.get("review") if isinstance(plan.get("review"), dict) else {}
    agreement = plan.get("agreement") if isinstance(plan.get("agreement"), dict) else {}
    last = last_formal_review(plan)
    candidates = []  # (due date, tie-break: a date the person set wins a tie, basis)
    set_date = as_date(review.get("next_formal_review"))
    # A set date on or before the last formal review is that review's, now done.
    if set_date is not None and (last is None or set_date > last):
        candidates.append((set_date, 0, "set"))
    # The year runs from the later of the last formal review and the plan's agreement: a plan
    # agreed anew after its last review starts a new year.
    agreed = as_date(agreement.get("date_agreed"))
    if last is not None and (agreed is None or last >= agreed):
        candidates.append((add_months(last, 12), 1, "last-review"))
    elif agreed is not None:
        candidates.append((add_months(agreed, 12), 1, "agreement"))
    if not candidates:
        return {"due": None, "basis": None, "overdue": None, "days_left": None,
                "last_formal_review": None}
    due, _, basis = min(candidates)
    return {"due": due.isoformat(), "basis": basis, "overdue": on > due, "days_left": (due - on).days,
            "last_formal_review": last.isoformat() if last else None}


def _texts(items: Any) -> list[str]:
    """The words of a list of strings or of {"text": ...} items, blanks left out."""
    out = []
    for item in items or []:
        text = item.get("text") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            out.append(text.strip())
    return out


def snapshot(plan: dict[str, Any], date: str, kind: str = "informal") -> dict[str, Any]:
    """A new review entry filled in from the plan as it stands: what is working and
    not working now, and each outcome's status and progress. The person edits it
    and it is appended to review.history, so the next review can say what changed."""
    entry: dict[str, Any] = {"date": date, "type": kind,
                             "working_now": _texts(plan.get("working")),
                             "not_working_now": _texts(plan.get("not_working")),
                             "outcome_progress": []}
    for outcome in plan.get("outcomes") or []:
        if isinstance(outcome, dict) and outcome.get("id"):
            progress = {"outcome": outcome["id"]}
            for key in ("status", "progress"):
                if outcome.get(key):
                    progress[key] = outcome[key]
            entry["outcome_progress"].append(progress)
    return entry


def changes_since_last_review(plan: dict[str, Any]) -> dict[str, Any]:
    """What is different now from the latest review in the plan's history.

    {"last_review": {"date", "type"} or None,
     "working": {"added", "gone"}, "not_working": {"added", "gone"},
     "outcomes": [{"outcome", "words", "then", "now"}] for outcomes whose status changed or are new,
     "removed_outcomes": [ids reviewed then and no longer in the plan]}
    With no review yet, everything in the plan counts as added.
    """
    review = plan.get("review") if isinstance(plan.get("review"), dict) else {}
    history = [e for e in review.get("history") or [] if isinstance(e, dict) and as_date(e.get("date"))]
    last = max(history, key=lambda e: as_date(e["date"]), default=None)
    then = last or {}

    def compare(now: list[str], before: list[str]) -> dict[str, list[str]]:
        return {"added": [t for t in now if t not in before], "gone": [t for t in before if t not in now]}

    before_status = {p.get("outcome"): p.get("status") for p in then.get("outcome_progress") or []
                     if isinstance(p, dict)}
    outcomes, current = [], set()
    for outcome in plan.get("outcomes") or []:
        if not isinstance(outcome, dict) or not outcome.get("id"):
            continue
        current.add(outcome["id"])
        was, now = before_status.get(outcome["id"]), outcome.get("status")
        if outcome["id"] not in before_status or was != now:
            outcomes.append({"outcome": outcome["id"], "words": outcome.get("in_my_words", ""),
                             "then": was, "now": now})
    return {
        "last_review": {"date": last["date"], "type": last.get("type")} if last else None,
        "working": compare(_texts(plan.get("working")), then.get("working_now") or []),
        "not_working": compare(_texts(plan.get("not_working")), then.get("not_working_now") or []),
        "outcomes": outcomes,
        "removed_outcomes": [o for o in before_status if o and o not in current],
    }
