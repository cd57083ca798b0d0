"""Where a team stands in setting PCSP up: its implementation checklist, counted.

The checklist is the Year of Care Partnerships' implementation guidance (three
stages of activities, and the components of the Year of Care House), read from
frameworks/year_of_care.json; a team's file records a status for each item.
"""

from __future__ import annotations

from typing import Any

from . import resources

STATUSES = ("not-started", "in-progress", "done", "not-applicable")
NEXT_STEPS = 5

Document = dict[str, Any]


def _status(entries: Any, item_id: str) -> str:
    # An item the team has not touched yet has not been started.
    entry = entries.get(item_id) if isinstance(entries, dict) else None
    status = entry.get("status") if isinstance(entry, dict) else None
    return status if status in STATUSES else "not-started"


def _tally(statuses: list[str]) -> dict[str, Any]:
    counts = {status: statuses.count(status) for status in STATUSES}
    return {"counts": counts, "done": counts["done"], "applicable": len(statuses) - counts["not-applicable"],
            "total": len(statuses)}


def checklist_progress(doc: Document, limit: int = NEXT_STEPS) -> dict[str, Any]:
    """Counts by status for each stage, each part of the House and overall, and the
    `limit` next steps: the first items, in the guidance's order (the stages, then
    the House), that apply and are not done.

    {"overall": tally, "stages": [{"id", "number", "title", **tally}],
     "house": [{"id", "part", "title", **tally}],
     "next_steps": [{"id", "text", "where", "status", "owner", "due"}]}
    where a tally is {"counts": {status: n}, "done", "applicable", "total"}.
    """
    data = resources.framework("year_of_care")
    activities, house = doc.get("activities"), doc.get("house")
    everything: list[str] = []
    waiting: list[dict[str, Any]] = []

    def walk(items: list[dict[str, Any]], entries: Any, where: str) -> list[str]:
        statuses = []
        for item in items:
            status = _status(entries, item["id"])
            statuses.append(status)
            if status not in ("done", "not-applicable"):
                entry = entries.get(item["id"]) if isinstance(entries, dict) else None
                entry = entry if isinstance(entry, dict) else {}
                waiting.append({"id": item["id"], "text": item["text"], "where": where, "status": status,
                                "owner": entry.get("owner"), "due": entry.get("due")})
        everything.extend(statuses)
        return statuses

    stages = [{"id": stage["id"], "number": stage["number"], "title": stage["title"],
               **_tally(walk(stage["activities"], activities, f"Stage {stage['number']}: {stage['title']}"))}
              for stage in data["stages"]]
    parts = [{"id": part["id"], "part": part["part"], "title": part["title"],
              **_tally(walk(part["components"], house, f"The House, {part['part'].lower()}: {part['title']}"))}
             for part in data["house"]]
    return {"overall": _tally(everything), "stages": stages, "house": parts, "next_steps": waiting[:max(limit, 0)]}
