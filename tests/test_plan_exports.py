"""What a person makes from their plan to share: every format, their choice, the card, the file names."""

from __future__ import annotations

import copy
import json
import re

import pytest

from pcsp_core import PcspError, open_document
from pcsp_core.emergency_card import card
from pcsp_core.plan_exports import MAKERS, export_plan, formats
from pcsp_core.reader_html import POLICY, card_html

from conftest import EXAMPLES
from test_reader_html import read
from test_sharing import MARKED

CECILIA = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
TODAY = "2026-11-28"


def marked_plan() -> dict:
    return {**copy.deepcopy(CECILIA), **{part: value for part, (value, _) in MARKED.items()}}


@pytest.mark.parametrize("format", list(MAKERS))
def test_the_summary_leaves_every_private_part_out_of_every_format(format):
    made = export_plan(marked_plan(), format, TODAY)["text"]
    for part, (_, marker) in MARKED.items():
        assert marker not in made, part


@pytest.mark.parametrize("format", ["html", "markdown"])
def test_everything_means_everything(format):
    made = export_plan(marked_plan(), format, TODAY, {"scope": "all"})["text"]
    for part, (_, marker) in MARKED.items():
        assert marker in made, part


@pytest.mark.parametrize("format", list(MAKERS))
def test_a_choice_remembered_in_the_plan_is_the_one_every_format_uses(format):
    plan = marked_plan()
    plan["share_choice"] = {"scope": "all"}
    assert export_plan(plan, format, TODAY) == export_plan(plan, format, TODAY, {"scope": "all"})
    plan["share_choice"] = {"scope": "sections", "sections": ["person", "outcomes"]}
    made = export_plan(plan, format, TODAY)["text"]
    assert made == export_plan(plan, format, TODAY, plan["share_choice"])["text"]
    if format in ("html", "markdown"):
        assert CECILIA["outcomes"][0]["in_my_words"][:30] in made
        assert CECILIA["actions"][0]["what"] not in made  # actions were not chosen


def test_the_choice_itself_is_never_shown_as_part_of_the_plan():
    plan = copy.deepcopy(CECILIA)
    plan["share_choice"] = {"scope": "all"}
    assert "What I share" not in export_plan(plan, "markdown", TODAY)["text"]


def test_each_file_is_named_for_whose_plan_what_it_is_and_the_day():
    names = {f["id"]: export_plan(CECILIA, f["id"], TODAY)["name"] for f in formats()}
    assert names["html"] == "cecilia-plan-2026-11-28-for-the-people-who-support-me.html"
    assert names["ics"] == "cecilia-plan-2026-11-28-review.ics"
    for spec in formats():
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z]+)+", names[spec["id"]]) and names[spec["id"]].endswith(spec["ending"])
    assert [f["id"] for f in formats()] == list(MAKERS)


def test_an_unknown_format_is_named_in_the_refusal():
    with pytest.raises(PcspError, match="no “pdf” export"):
        export_plan(CECILIA, "pdf", TODAY)


# --- the "if things change" card -----------------------------------------------------------------

def test_the_card_carries_each_change_who_to_call_the_coordinator_and_what_if_health_gets_worse():
    made = card(CECILIA)
    assert made["title"] == "If things change: Cecilia" and made["empty"] is None
    headings = [block["heading"] for block in made["blocks"]]
    for change in CECILIA["contingency"]:
        assert change["trigger"] in headings
    lines = [line for block in made["blocks"] for line in block["lines"]]
    calls = [line["text"] for line in lines if line["call"]]
    assert f"Who to contact: {CECILIA['contingency'][0]['who_to_contact']}" in calls
    assert any(text.startswith(f"My coordinator: {CECILIA['coordinator']['name']}") for text in calls)
    assert "If my health gets worse" in headings


def test_an_empty_card_says_what_would_fill_it_and_a_card_keeps_to_the_choice():
    assert card({"kind": "plan"})["empty"].startswith("Nothing is written for this card yet.")
    assert card(CECILIA, {"scope": "sections", "sections": ["person"]})["blocks"] == []


def test_the_card_page_is_self_contained_and_shows_words_as_typed():
    plan = copy.deepcopy(CECILIA)
    typed = 'Call "Bo" & <Ann> </main><script>alert(1)</script>'
    plan["contingency"][0]["who_to_contact"] = typed
    page = card_html(plan, TODAY)
    assert not re.search(r"<script|\bsrc=|\bhref=|url\(|@import|https?:", page, re.I)
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": POLICY}) in read(page).tags
    assert f"Who to contact: {typed}" in "".join(read(page).text)


# --- the remembered choice in the file ----------------------------------------------------------

def test_a_version_3_plan_opens_as_version_4_sharing_its_summary():
    old = copy.deepcopy(CECILIA)
    old["schema_version"] = 3
    opened = open_document(json.dumps(old))
    assert opened["valid"] and opened["migrated_from"] == 3
    assert "share_choice" not in opened["document"]
    assert export_plan(opened["document"], "markdown", TODAY) == export_plan(CECILIA, "markdown", TODAY)


def test_a_remembered_choice_is_kept_through_saving_and_opening():
    from pcsp_core import dump_document

    plan = copy.deepcopy(CECILIA)
    plan["share_choice"] = {"scope": "sections", "sections": ["outcomes", "contingency"]}
    assert open_document(dump_document(plan))["document"]["share_choice"] == plan["share_choice"]


def test_each_outcome_shows_who_does_what_beneath_it_and_every_action_appears_once():
    from pcsp_core.plan_tree import plan_tree

    plan = copy.deepcopy(CECILIA)
    plan["actions"].append({"id": "loose", "what": "Zqx an action for no outcome", "who": "me"})
    tree = {part["key"]: part for part in plan_tree(plan)}
    outcome = tree["outcomes"]["items"][0]
    beneath = next(child for child in outcome["children"] if child["label"] == "Who does what")
    first = plan["outcomes"][0]["id"]
    assert [n["text"] for n in beneath["children"]] == [a["what"] for a in plan["actions"] if a.get("outcome") == first]
    assert [n["text"] for n in tree["actions"]["items"]] == ["Zqx an action for no outcome"]
    markdown = export_plan(plan, "markdown", TODAY)["text"]
    for action in plan["actions"]:
        assert markdown.count(action["what"]) == 1, action["what"]
    # Without the outcomes, the actions stand on their own.
    alone = plan_tree(plan, {"scope": "sections", "sections": ["actions"]})
    assert len(alone[0]["items"]) == len(plan["actions"])
