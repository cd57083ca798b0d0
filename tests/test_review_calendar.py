"""The next formal review as an .ics file: RFC 5545 as a real parser reads it, and nothing personal."""

from __future__ import annotations

import copy
import datetime
import json

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcsp_core.errors import PcspError
from pcsp_core.review_calendar import PRODID, SUMMARY, escape_text, fold, review_ics

from conftest import EXAMPLES

CECILIA = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
TODAY = "2026-11-28"


def test_the_review_is_an_all_day_event_with_a_reminder_a_week_before():
    text = review_ics(CECILIA, TODAY)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.date(2027, 5, 10)  # the date Cecilia's plan sets
    assert event.decoded("DTEND") == datetime.date(2027, 5, 11)
    assert event.decoded("DTSTAMP") == datetime.datetime(2026, 11, 28, tzinfo=datetime.timezone.utc)
    assert str(event["SUMMARY"]) == SUMMARY and event["UID"]
    [alarm] = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY" and alarm.decoded("TRIGGER") == -datetime.timedelta(days=7)


def test_lines_end_in_crlf_and_none_is_longer_than_75_octets():
    text = review_ics(CECILIA, TODAY)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_no_word_of_the_plan_goes_into_the_calendar():
    marked = copy.deepcopy(CECILIA)
    marked["person"]["name"] = "Zqxjv Kestrelwood"
    text = review_ics(marked, TODAY)
    words = {w for w in json.dumps(marked, ensure_ascii=False).replace('"', " ").split() if len(w) > 6}
    unfolded = text.replace("\r\n ", "")
    assert "Zqxjv" not in unfolded and "Kestrelwood" not in unfolded
    ours = f"{SUMMARY} {PRODID}"  # the event's own fixed words
    assert [w for w in words if w in unfolded and w not in ours] == []


def test_the_same_plan_on_the_same_day_gives_the_same_bytes_and_another_plan_another_uid():
    assert review_ics(CECILIA, TODAY) == review_ics(copy.deepcopy(CECILIA), TODAY)
    changed = copy.deepcopy(CECILIA)
    changed["person"]["preferred_name"] = "Cissy"
    uid = lambda text: icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["UID"]  # noqa: E731
    assert uid(review_ics(changed, TODAY)) != uid(review_ics(CECILIA, TODAY))


def test_without_a_review_date_or_an_agreement_there_is_nothing_to_put_in_a_calendar():
    plan = {"kind": "plan", "schema_version": CECILIA["schema_version"]}
    with pytest.raises(PcspError, match="does not say when its next formal review is"):
        review_ics(plan, TODAY)
    agreed = {**plan, "agreement": {"date_agreed": "2026-03-01"}}  # a year from the agreement
    [event] = icalendar.Calendar.from_ical(review_ics(agreed, TODAY)).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.date(2027, 3, 1)


@given(st.text(min_size=0, max_size=400))
def test_folding_keeps_every_character_and_never_splits_one(text):
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line)
    pieces = folded[:-2].split("\r\n ")
    assert "".join(pieces) == line
    assert all(len(piece.encode("utf-8")) <= (75 if i == 0 else 74) for i, piece in enumerate(pieces))


def test_text_values_escape_what_rfc_5545_reserves():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
