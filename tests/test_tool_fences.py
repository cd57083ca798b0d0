"""What every tool fence hands the browser, so its JavaScript retypes no word or limit,
and the parts every document page shares (toolbar, draft offer)."""

from __future__ import annotations

import html
import json
import re

import pytest

from guide.checklist import implementation_checklist
from guide.fences import PROBLEMS, clear_device, plan_editor
from guide.team import over_time, self_assessment, together
from pcsp_core import documents, resources


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
