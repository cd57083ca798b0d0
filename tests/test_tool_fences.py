"""What every tool fence hands the browser, so its JavaScript retypes no word or limit,
and the parts every document page shares (toolbar, draft offer)."""

from __future__ import annotations

import html
import json
import re

import pytest

from pcsp_core import documents, resources
from pcsp_guide.widget import FenceFailed

from conftest import EXAMPLES as ROOT_EXAMPLES
from fence_md import fence, render_page

TOOLS = ["pcsp-plan-editor", "pcsp-self-assessment", "pcsp-team-together", "pcsp-team-over-time",
         "pcsp-implementation-checklist"]
DOCUMENT_PAGES = ["pcsp-plan-editor", "pcsp-self-assessment", "pcsp-team-together", "pcsp-implementation-checklist"]


def render(name: str, source: str = "") -> str:
    return fence(name, source)


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
    # A report from pcsp check has its own limit, written on the tool from the same place.
    report = rules["report"]
    assert report["max_bytes"] == documents.MAX_REPORT_BYTES > documents.MAX_BYTES
    assert documents.too_large(documents.MAX_REPORT_BYTES, documents.REPORT) is None
    over = documents.MAX_REPORT_BYTES + 1024 * 1024
    assert report["too_large"].replace("{size}", f"{over / 1024 / 1024:.1f}") == documents.too_large(
        over, documents.REPORT)["message"]


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
    with pytest.raises(FenceFailed, match="^line 1: pcsp-clear-device: the pcsp-clear-device fence takes no "
                                          "options and no text$"):
        render("pcsp-clear-device", "text")


@pytest.mark.parametrize("name", ["pcsp-outcome", "pcsp-plan-editor", "pcsp-framework", "pcsp-plan-example"])
def test_an_unknown_option_on_the_first_line_fails_the_build(name, in_repo):
    body = {"pcsp-framework": "criterion: 3", "pcsp-plan-example": "file: examples/cecilia-plan.json"}.get(name, "")
    with pytest.raises(FenceFailed, match=rf"^line 1: {name}: .*(colour|no options)"):
        fence(name, body, header='colour="red"')


def test_the_line_named_is_the_wrong_fence_s_own_among_several():
    page = ("# Quotes\n\n```pcsp-framework\ntlap: 2\n```\n\n> ```pcsp-outcome\n> text\n> ```\n\n"
            "Then a typo:\n\n```pcsp-framework\ncriterion: 7\n```\n")
    with pytest.raises(FenceFailed, match="^line 13: pcsp-framework: there is no criterion “7”"):
        render_page(page)


def test_the_fences_join_the_site_s_own_superfences_fences():
    import markdown
    from pymdownx.superfences import fence_div_format

    md = markdown.Markdown(extensions=["pymdownx.superfences", "pcsp_guide.extension"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [{"name": "diagram", "class": "diagram",
                                                     "format": fence_div_format}]}})
    out = md.convert("```diagram\nA -> B\n```\n\n```pcsp-framework\ntlap: 1\n```\n")
    assert '<div class="diagram">A -&gt; B</div>' in out
    assert "I am trusted to write my own care and support plan" in out


def test_superfences_started_again_after_the_fences_is_a_clear_error():
    import markdown

    md = markdown.Markdown(extensions=["pcsp_guide.extension", "pymdownx.superfences"])
    with pytest.raises(FenceFailed, match="list pcsp_guide.extension after pymdownx.superfences"):
        md.convert("text\n")


def test_each_criterion_in_the_panel_has_the_framework_s_own_words_one_click_away():
    out = html.unescape(render("pcsp-plan-editor"))
    for criterion in resources.framework("criteria")["criteria"]:
        for item in criterion["should_see"] + criterion["could_not_count"]:
            assert item["text"] in out, item["id"]
    assert out.count("<summary>The framework’s words</summary>") == 5


def test_the_panel_names_each_criterion_as_the_person_would_say_it_and_keeps_the_framework_s_title():
    out = html.unescape(render("pcsp-plan-editor"))
    mine = resources.wording("panel")["criteria"]
    for criterion in resources.framework("criteria")["criteria"]:
        n = criterion["number"]
        heading = re.search(rf'data-criterion="{n}"><h3 class="pcsp-criterion__title">([^<]*)</h3>', out)
        assert heading and heading.group(1) == f"{n}. {mine[str(n)]}"
        assert re.match(r"(I|My|The) ", mine[str(n)])  # in the person's own voice
        assert f"Criterion {n}: {criterion['title']}." in out


# --- pcsp-framework: the framework quoted by id -------------------------------------------------

def quote(source: str) -> str:
    return fence("pcsp-framework", source)


@pytest.mark.parametrize("source, words", [
    ("criterion: 3", "The plan is not written from the person&#x27;s perspective"),
    ("enabler: supportive-systems.g", None),
    ("tlap: 1", "I am trusted to write my own care and support plan"),
])
def test_the_framework_fence_quotes_the_data_word_for_word(source, words):
    out = quote(source)
    assert "Quoted from" in out
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
    with pytest.raises(FenceFailed, match="^line 1: pcsp-framework: ") as failed:
        quote(source)
    assert message in str(failed.value)


def test_a_wrong_framework_id_fails_mkdocs_build_with_the_file_and_line(tmp_path):
    """End to end, as a trainer meets it: mkdocs build stops, naming the page and the line in the file
    (front matter included)."""
    import subprocess
    import sys

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "---\ntitle: Quotes\n---\n# Quotes\n\nFirst a good one:\n\n```pcsp-framework\ntlap: 2\n```\n\n"
        "Then a typo:\n\n```pcsp-framework\ncriterion: 7\n```\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Quotes\ntheme:\n  name: material\n  font: false\nplugins:\n  - pcsp\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert "Error reading page 'index.md'" in said, said
    assert "line 14: pcsp-framework: there is no criterion “7”" in said, said
    assert "Traceback" not in said


# --- pcsp-plan-example: a whole plan, judged at build time --------------------------------------

def example(source: str) -> str:
    return fence("pcsp-plan-example", source)


@pytest.fixture
def in_repo(monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)  # example files are found from the folder the site is built from


def test_an_example_that_shows_what_it_should_is_a_card_with_its_verdict(in_repo):
    out = example("file: examples/cecilia-plan.json\nexpect: counts\n")
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
    with pytest.raises(FenceFailed, match="^line 1: pcsp-plan-example: ") as failed:
        example(source)
    assert message in str(failed.value)
