"""The reader view: one self-contained page for the people who support the person."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

from pcsp_core.reader_html import POLICY, reader_html

from conftest import EXAMPLES
from test_sharing import MARKED

CECILIA = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
TODAY = "2026-11-28"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def read(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    return parsed


def test_the_page_holds_everything_it_needs_and_can_reach_nothing():
    page = reader_html(CECILIA, TODAY)
    parsed = read(page)
    assert not re.search(r"<script|\bsrc=|\bhref=|url\(|@import|https?:", page, re.I)
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": POLICY}) in parsed.tags
    assert "default-src 'none'" in POLICY
    text = " ".join("".join(parsed.text).split())
    assert "Made on 28 November 2026" in text and "next reviewed by 10 May 2027" in text
    for outcome in CECILIA["outcomes"]:
        assert outcome["in_my_words"] in text


def test_the_person_s_words_show_exactly_as_typed():
    plan = copy.deepcopy(CECILIA)
    typed = 'Ann <b>& "Bo"</b> \'O\'Neill\' </main><script>alert(1)</script>'
    plan["person"]["preferred_name"] = typed
    plan["outcomes"][0]["in_my_words"] = typed
    page = reader_html(plan, TODAY)
    assert "<script>" not in page and "<b>" not in page
    text = "".join(read(page).text)
    assert text.count(typed) >= 2


def test_the_summary_leaves_every_private_part_out():
    plan = {**copy.deepcopy(CECILIA), **{part: value for part, (value, _) in MARKED.items()}}
    summary = reader_html(plan, TODAY)
    everything = reader_html(plan, TODAY, {"scope": "all"})
    for part, (_, marker) in MARKED.items():
        assert marker not in summary and marker in everything, part
