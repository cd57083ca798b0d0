"""What every tool fence hands the browser, so its JavaScript retypes no word or limit,
and the parts every document page shares (toolbar, draft offer)."""

from __future__ import annotations

import html
import json
import re

import pytest

from pcsp_guide.checklist import implementation_checklist
from pcsp_guide.fences import PROBLEMS, clear_device, plan_editor
from pcsp_guide.team import over_time, self_assessment, together
from pcsp_core import documents, resources

from conftest import EXAMPLES as ROOT_EXAMPLES


class Md:
    """Stands in for the page's Markdown instance (the fences keep counts on it)."""


TOOLS = {
    "pcsp-plan-editor": plan_editor,
    "pcsp-self-assessment": self_assessment,
    "pcsp-team-together": together,
    "pcsp-team-over-time": over_time,
    "pcsp-implementation-checklist": implementation_checklist,
}
DOCUMENT_PAGES = ["pcsp-plan-editor", "pcsp-self-assessment", "pcsp-team-together", "pcsp-implementation-checklist"]


def render(name: str, source: str = "", options: dict | None = None) -> str:
    return TOOLS.get(name, clear_device)(source, name, name, options or {}, Md())


def attribute(out: str, name: str):
    return json.loads(html.unescape(re.search(rf' {name}="([^"]*)"', out).group(1)))


@pytest.mark.parametrize("name", TOOLS)
def test_every_tool_carries_the_size_rule_and_the_words_from_pcsp_core(name):
    out = render(name)
    assert attribute(out, "data-file-rules") == documents.file_rules()
    words = resources.wording("words")
    assert attribute(out, "data-words") == {k: v for k, v in words.items() if k != "about"}


def test_the_size_rule_is_pcsp_core_s_limit_and_message():
    rules = documents.file_rules()
    assert rules["max_bytes"] == documents.MAX_BYTES
    filled = rules["too_large"].replace("{size}", "6.0")
    assert filled == documents.too_large(6 * 1024 * 1024)["message"]


@pytest.mark.parametrize("name", DOCUMENT_PAGES)
def test_every_document_page_has_the_draft_offer_and_clear_this_device(name):
    out = render(name)
    assert "data-pcsp-draft-list" in out and "data-pcsp-messages" in out
    assert out.count("data-pcsp-clear-device") == 1
    assert ">Clear this device</button>" in out


def test_the_action_status_words_are_the_form_s_and_the_csv_s():
    from pcsp_core.exports import STATUS_WORDS

    out = render("pcsp-self-assessment")
    for value, words in resources.wording("words")["action_status"].items():
        assert STATUS_WORDS[value] == words
        assert f'value="{value}"' in out and f">{words}</label>" in out


def test_the_clear_device_fence_is_a_button_and_a_status_line():
    out = render("pcsp-clear-device")
    assert 'data-pcsp-widget="clear-device"' in out
    assert 'role="status" data-pcsp-clear-status' in out


def test_a_wrongly_written_clear_device_fence_fails_the_build():
    PROBLEMS.clear()
    out = render("pcsp-clear-device", "text")
    assert "pcsp-fence-error" in out
    assert PROBLEMS == [("pcsp-clear-device", 1, "the pcsp-clear-device fence takes no options and no text")]
    PROBLEMS.clear()


def test_each_criterion_in_the_panel_has_the_framework_s_own_words_one_click_away():
    out = html.unescape(render("pcsp-plan-editor"))
    for criterion in resources.framework("criteria")["criteria"]:
        for item in criterion["should_see"] + criterion["could_not_count"]:
            assert item["text"] in out, item["id"]
    assert out.count("<summary>The framework’s words</summary>") == 5


# --- pcsp-framework: the framework quoted by id -------------------------------------------------

def quote(source: str, options: dict | None = None) -> str:
    from pcsp_guide.quotes import framework as quote_fence

    return quote_fence(source, "pcsp-framework", "pcsp-framework", options or {}, Md())


@pytest.mark.parametrize("source, words", [
    ("criterion: 3", "The plan is not written from the person&#x27;s perspective"),
    ("enabler: supportive-systems.g", None),
    ("tlap: 1", "I am trusted to write my own care and support plan"),
])
def test_the_framework_fence_quotes_the_data_word_for_word(source, words):
    out = quote(source)
    assert "pcsp-fence-error" not in out and "Quoted from" in out
    if words is None:  # the enabler's own words, whatever they are
        key, value = source.split(": ")
        words = html.escape(next(e["text"] for f in resources.framework("maturity")["foundations"]
                                 for e in f["enablers"] if e["id"] == value))
    assert words in out


@pytest.mark.parametrize("source, message", [
    ("criterion: 9", "there is no criterion “9”"),
    ("enabler: supportive-systems.z", "there is no enabler “supportive-systems.z”"),
    ("tlap: 13", "there is no TLAP statement “13”"),
    ("chapter: 2", "takes exactly one of criterion, enabler, tlap"),
    ("criterion: 3\ntlap: 2", "takes exactly one of"),
    ("", "takes exactly one of"),
])
def test_a_wrong_framework_id_or_key_fails_the_build(source, message):
    PROBLEMS.clear()
    assert "pcsp-fence-error" in quote(source)
    assert PROBLEMS and PROBLEMS[0][0] == "pcsp-framework" and message in PROBLEMS[0][2]
    PROBLEMS.clear()


def test_a_wrong_framework_id_fails_mkdocs_build_with_the_file_and_line(tmp_path):
    """End to end, as a trainer meets it: mkdocs build stops, naming the page and the line."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Quotes\n\nFirst a good one:\n\n```pcsp-framework\ntlap: 2\n```\n\n"
                                                "Then a typo:\n\n```pcsp-framework\ncriterion: 7\n```\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Quotes\ntheme:\n  name: material\n  font: false\n"
        f"hooks:\n  - {ROOT / 'pcsp_guide' / 'fence_hooks.py'}\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: pcsp-framework\n          class: pcsp-framework\n"
        "          format: !!python/name:pcsp_guide.quotes.framework\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode != 0
    assert "index.md, line 11: pcsp-framework: there is no criterion “7”" in run.stdout + run.stderr


# --- pcsp-plan-example: a whole plan, judged at build time --------------------------------------

def example(source: str, options: dict | None = None) -> str:
    from pcsp_guide.plan_example import plan_example

    return plan_example(source, "pcsp-plan-example", "pcsp-plan-example", options or {}, Md())


@pytest.fixture
def in_repo(monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)  # example files are found from the folder the site is built from


def test_an_example_that_shows_what_it_should_is_a_card_with_its_verdict(in_repo):
    out = example("file: examples/cecilia-plan.json\nexpect: counts\n")
    assert "pcsp-fence-error" not in out
    assert "Cecilia’s plan" in out and "I have lunch with my high school friends once a month" in out
    assert "This plan counts as a personalised care and support plan." in out
    assert out.count('data-verdict-of="met"') == 5
    plan = attribute(out, "data-plan")
    assert plan == json.loads((ROOT_EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))


def test_an_example_can_be_written_in_the_fence_itself(in_repo):
    plan = json.loads((ROOT_EXAMPLES / "fails-criterion-3.json").read_text(encoding="utf-8"))
    out = example(json.dumps(plan))
    assert "This plan does not count yet." in out and 'data-criterion="3" data-verdict-of="not-met"' in out


@pytest.mark.parametrize("source, message", [
    ("file: examples/cecilia-plan.json\nexpect: does-not-count\n",
     "should not count as a PCSP, but it does"),
    ("file: examples/fails-criterion-3.json\nexpect: {counts: false, criteria: {\"3\": partly}}\n",
     "criterion 3 should be partly, but is not-met (outcomes-mostly-not-mine"),
    ("file: examples/no-such-plan.json\n", "there is no plan file “examples/no-such-plan.json”"),
    ('{"kind": "plan", "schema_version": 3, "outcomes": "many"}', "cannot be opened as a plan"),
    ("file: examples/cecilia-plan.json\nshow: all\n", "unknown option ['show']"),
    ("file: examples/cecilia-plan.json\nexpect: perfect\n", "“expect: perfect” should be"),
    ("- a list\n", "should be a plan, or options"),
])
def test_an_example_that_cannot_be_used_or_shows_something_else_fails_the_build(in_repo, source, message):
    PROBLEMS.clear()
    assert "pcsp-fence-error" in example(source)
    assert PROBLEMS and PROBLEMS[0][0] == "pcsp-plan-example" and message in PROBLEMS[0][2], PROBLEMS
    PROBLEMS.clear()
