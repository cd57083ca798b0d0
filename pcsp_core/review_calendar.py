"""The next formal review as a calendar file (.ics, RFC 5545), with a reminder a week before.

The event says only "Review my care and support plan": a calendar is often synced to a
phone's lock screen, an employer's server or a shared family calendar, so no name, no
condition and no word of the plan goes into it.

The same plan on the same day gives the same bytes, in the browser and from `pcsp export`:
DTSTAMP is that day at midnight UTC, and the UID is a hash of the plan (so it says nothing
of the plan, and an export after the plan changes is a new event).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from .errors import PcspError
from .review import review_status

SUMMARY = "Review my care and support plan"
PRODID = "-//PCSP guide//Review reminder//EN"
REMIND_BEFORE = "-P7D"  # RFC 5545 3.3.6: a week before the start
LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """One content line, folded (RFC 5545 3.1) into pieces of at most 75 octets joined by CRLF and
    a space, never splitting a UTF-8 character; ends with CRLF."""
    pieces: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
            limit = LINE_OCTETS - 1  # a continuation line starts with the space
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces) + "\r\n"


def _uid(plan: dict[str, Any]) -> str:
    canonical = json.dumps(plan, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32] + "@pcsp-review"


def review_ics(plan: dict[str, Any], today: str) -> str:
    """The .ics text for the plan's next formal review, as of `today` (YYYY-MM-DD).

    PcspError when the plan gives no date to count from (no review date set, no agreement
    and no formal review to count a year from).
    """
    status = review_status(plan, today)
    if status["due"] is None:
        raise PcspError("This plan does not say when its next formal review is: add the date under "
                        "“Reviewing my plan”, or the date the plan was agreed, first.")
    due = datetime.date.fromisoformat(status["due"])
    stamp = datetime.date.fromisoformat(today)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{_uid(plan)}",
        f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
        f"DTEND;VALUE=DATE:{due + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(SUMMARY)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(SUMMARY)}",
        f"TRIGGER:{REMIND_BEFORE}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) for line in lines)
