"""The implementation checklist's fence: its form comes from the schema and the Year of Care data."""

from __future__ import annotations

import html
import json
import re

import pytest

from pcsp_core import resources
from pcsp_guide.checklist import checklist_hints
from pcsp_guide.widget import FenceFailed

from fence_md import fence

from test_forms import parse

YOC = resources.framework("year_of_care")
ITEMS = [("activities", a) for stage in YOC["stages"] for a in stage["activities"]] + [
    ("house", c) for part in YOC["house"] for c in part["components"]]


def render(source: str = "") -> str:
    return fence("pcsp-implementation-checklist", source)


@pytest.fixture(scope="module")
def dom():
    return parse(render())


def test_every_item_is_a_group_labelled_with_its_quoted_text_and_details(dom):
    groups = {n.attrs["id"]: n for n in dom.walk() if n.tag == "fieldset" and "pcsp-group" in n.attrs.get("class", "")
              and "pcsp-subgroup" not in n.attrs.get("class", "")}
    assert len(groups) == len(ITEMS) == 32
    for key, item in ITEMS:
        group = groups[f"checklist-{key}-{item['id'].replace('.', '_')}"]
        legend = next(c for c in group.children if c.tag == "legend")
        assert legend.all_text() == item["text"]
        hint = [c for c in group.children if c.tag == "p" and "pcsp-hint" in c.attrs.get("class", "")]
        assert [h.all_text() for h in hint] == (["\n".join(f"• {d}" for d in item["details"])]
                                                if item.get("details") else [])
        paths = [n.attrs["data-path"] for n in group.walk() if "data-path" in n.attrs]
        base = f"/{key}/{item['id']}"
        assert paths == [f"{base}/status"] * 4 + [f"{base}/owner", f"{base}/due", f"{base}/notes"]


def test_statuses_are_radios_in_plain_words(dom):
    radios = [n for n in dom.walk() if n.tag == "input" and n.attrs.get("data-path") == "/activities/set-up.a/status"]
    labels = {n.attrs["for"]: n.all_text() for n in dom.walk() if n.tag == "label"}
    assert [(r.attrs["value"], labels[r.attrs["id"]]) for r in radios] == [
        ("not-started", "Not started"), ("in-progress", "In progress"), ("done", "Done"),
        ("not-applicable", "Does not apply")]


def test_sections_follow_the_stages_then_the_house_part_by_part():
    hints = checklist_hints()
    assert [s["title"] for s in hints["sections"]] == [
        "About this checklist", "Stage 1: Set up", "Stage 2: Implementation and training",
        "Stage 3: Maintenance and sustainability", "The Year of Care House"]
    assert [g["legend"] for g in hints["sections"][-1]["fields"]] == [
        f"{p['part']}: {p['title']}" for p in YOC["house"]]


def test_the_progress_panel_names_every_stage_and_part(dom):
    counts = [n.attrs["data-pcsp-count"] for n in dom.walk() if "data-pcsp-count" in n.attrs]
    assert counts == [f"stage:{s['id']}" for s in YOC["stages"]] + [f"house:{p['id']}" for p in YOC["house"]]
    ids = {n.attrs.get("id") for n in dom.walk()}
    links = [n.attrs["href"][1:] for n in dom.walk() if n.tag == "a"]
    assert links and all(link in ids for link in links)
    bar = next(n for n in dom.walk() if n.tag == "progress")
    assert bar.attrs["max"] == "32"


def test_the_empty_document_and_the_example_come_with_the_page():
    out = render()
    empty = json.loads(html.unescape(re.search(r'data-empty="([^"]*)"', out).group(1)))
    assert empty["kind"] == "implementation-checklist"
    # Named from the site root: the page resolves it against the site's address, at any depth.
    assert 'data-example="examples/implementation-checklist-example.json"' in out


def test_a_wrongly_written_fence_fails_the_build():
    with pytest.raises(FenceFailed, match="^line 1: pcsp-implementation-checklist: the "
                                          "pcsp-implementation-checklist fence takes no options and no text$"):
        render("some text")
