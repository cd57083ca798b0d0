"""What a person shares: the parts of a plan each choice takes, and the plan as Markdown."""

from __future__ import annotations

import copy
import html
import json
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcsp_core import resources, sharing
from pcsp_core.cli import run
from pcsp_core.errors import PcspError
from pcsp_core.plan_markdown import md_text, plan_markdown
from pcsp_core.review_calendar import review_ics

from conftest import EXAMPLES

CECILIA = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
PRIVATE = [p["id"] for p in sharing.parts() if p["private"]]


def test_the_data_names_only_parts_a_plan_has():
    data = resources.wording("sharing")
    fields = set(resources.schema("plan")["properties"]) - sharing.NOT_PARTS
    assert set(data["summary"]) <= fields and set(data["private"]) <= fields
    assert set(data["scopes"]) == set(sharing.SCOPES)
    # The budget, legal documents and medicines are private, as the people who keep plans ask.
    assert {"personal_health_budget", "advance_care_planning", "medicines_that_matter"} <= set(PRIVATE)


def test_each_choice_takes_the_parts_it_says():
    everything = [p["id"] for p in sharing.parts()]
    assert sharing.chosen_parts({"scope": "all"}) == everything
    summary = sharing.chosen_parts(None)
    assert summary == sharing.chosen_parts({"scope": "summary"})
    assert {"about_me", "outcomes", "contingency", "review"} <= set(summary) and not set(summary) & set(PRIVATE)
    assert sharing.chosen_parts({"scope": "sections", "sections": ["review", "outcomes"]}) == ["outcomes", "review"]
    with pytest.raises(PcspError, match="no part called “diary”"):
        sharing.chosen_parts({"scope": "sections", "sections": ["diary"]})
    with pytest.raises(PcspError, match="Choose what to share"):
        sharing.chosen_parts({"scope": "friends"})


# A word nobody writes, put into each private part of Cecilia's plan.
MARKED = {
    "worries": (["Zqxworries"], "Zqxworries"),
    "medicines_that_matter": ([{"name": "Zqxmedicine"}], "Zqxmedicine"),
    "personal_health_budget": ({"has_budget": True, "lines": [{"what": "Zqxbudget"}]}, "Zqxbudget"),
    "advance_care_planning": ({"where_documents_are_kept": "Zqxlegal"}, "Zqxlegal"),
    "sharing": ({"who_can_see": ["Zqxsharing"]}, "Zqxsharing"),
    "experience": ({"tlap.10": {"answer": "no", "comment": "Zqxfelt"}}, "Zqxfelt"),
}


def test_the_summary_leaves_every_private_part_out_and_everything_keeps_them():
    from pcsp_core.documents import validate

    assert set(MARKED) == set(PRIVATE)  # a new private part needs a marker here
    plan = {**copy.deepcopy(CECILIA), **{part: value for part, (value, _) in MARKED.items()}}
    assert validate(plan, "plan") == []
    summary = plan_markdown(plan)
    everything = plan_markdown(plan, {"scope": "all"})
    for part, (_, marker) in MARKED.items():
        assert marker not in summary, part
        assert marker in everything, part
    assert "I have lunch with my high school friends once a month" in summary


def test_every_outcome_action_and_contact_is_in_the_markdown():
    text = plan_markdown(CECILIA)
    for outcome in CECILIA["outcomes"]:
        assert md_text(outcome["in_my_words"]) in text
    for action in CECILIA["actions"]:
        assert md_text(action["what"]) in text
    for person in CECILIA.get("people_involved", []):
        assert md_text(person["name"]) in text


def rendered_text(source: str) -> str:
    """What a reader sees: the HTML Python-Markdown makes, without tags, entities read."""
    out = markdown.markdown(source)
    return html.unescape(re.sub(r"<[^>]+>", "", out))


def squash(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=80))
def test_the_person_s_words_read_exactly_as_typed(text):
    assert squash(rendered_text(md_text(text))) == squash(text)


@pytest.mark.parametrize("text", ["1. not a list", "- not a list", "# not a heading", "*not bold*", "<b>not bold</b>",
                                  "a & b &copy; c", "[not](a link)", "{: .not-a-class}", "`not code`", "a | b", "~~no~~",
                                  "Line one\nLine two"])
def test_markup_typed_by_the_person_stays_text(text):
    assert squash(rendered_text(md_text(text))) == squash(text)


# --- pcsp export ---------------------------------------------------------------------------------

def export(*args: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = run(["export", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_export_writes_the_bytes_the_functions_make(tmp_path):
    path = str(EXAMPLES / "cecilia-plan.json")
    assert export("--format", "markdown", path) == (0, plan_markdown(CECILIA), "")
    assert export("--format", "markdown", "--sections", "all", path)[1] == plan_markdown(CECILIA, {"scope": "all"})
    from pcsp_core.reader_html import reader_html

    assert export("--format", "html", "--today", "2026-11-28", path)[1] == reader_html(CECILIA, "2026-11-28")
    target = tmp_path / "review.ics"
    assert export("--format", "ics", "--today", "2026-11-28", path, "-o", str(target))[0] == 0
    assert target.read_bytes() == review_ics(CECILIA, "2026-11-28").encode("utf-8")  # CRLF kept


def test_export_says_in_a_line_why_a_file_cannot_be_used(tmp_path):
    code, out, err = export("--format", "markdown", str(EXAMPLES / "team-baseline.json"))
    assert code == 2 and out == "" and "a self-assessment, not a plan" in err
    empty = tmp_path / "new.json"
    empty.write_text(json.dumps({"$schema": CECILIA["$schema"], "kind": "plan",
                                 "schema_version": CECILIA["schema_version"]}))
    code, out, err = export("--format", "ics", "--today", "2026-11-28", str(empty))
    assert code == 2 and "does not say when its next formal review is" in err and len(err.splitlines()) == 1
