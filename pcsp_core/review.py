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
    if last is not None:
        candidates.append((add_months(last, 12), 1, "last-review"))
    elif (agreed := as_date(agreement.get("date_agreed"))) is not None:
        candidates.append((add_months(agreed, 12), 1, "agreement"))
    if not candidates:
        return {"due": None, "basis": None, "overdue": None, "days_left": None,
                "last_formal_review": None}
    due, _, basis = min(candidates)
    return {"due": due.isoformat(), "basis": basis, "overdue": on > due, "days_left": (due - on).days,
            "last_formal_review": last.isoformat() if last else None}
