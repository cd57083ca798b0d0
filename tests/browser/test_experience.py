"""How planning felt, in Chromium: TLAP's 12 statements answered by label, kept in the file,
and read by "Does my plan count?" where a statement asks what a criterion asks."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from pcsp_core.experience import statements

from .conftest import Watched, run_axe
from .test_plan_editor import checked, open_editor, verdicts, wait_checked

TEXTS = {s["id"]: s["text"] for s in statements()}


def statement(page: Page, sid: str):
    return page.get_by_role("group", name=TEXTS[sid], exact=True)


def pick(page: Page, sid: str, words: str) -> None:
    """Tick an answer as people do, by its label (the whole tile is the label)."""
    statement(page, sid).get_by_text(words, exact=True).click()
    expect(statement(page, sid).get_by_label(words, exact=True)).to_be_checked()


def answer(page: Page, sid: str, words: str) -> None:
    before = checked(page)
    pick(page, sid, words)
    wait_checked(page, before)


def save(page: Page, to) -> bytes:
    with page.expect_download() as saved:
        page.get_by_role("button", name="Save", exact=True).click()
    saved.value.save_as(to)
    return to.read_bytes()


def test_the_experience_check_is_filled_by_label_saved_and_reopens_byte_identically(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    page.get_by_label("My name", exact=True).fill("Ann")
    section = page.locator("#section-how-planning-felt")
    expect(section.get_by_role("heading", name="How planning felt")).to_be_visible()
    choices = ["Yes", "Partly", "No", "Not sure"]
    for n, sid in enumerate(TEXTS):
        pick(page, sid, choices[n % 4])
    statement(page, "tlap.10").get_by_label("In my own words, if I want").fill("The referral took two months.")
    first = save(page, tmp_path / "first.json")
    saved = json.loads(first)
    assert saved["experience"]["tlap.1"] == {"answer": "yes"}
    assert saved["experience"]["tlap.4"] == {"answer": "not-sure"}
    assert saved["experience"]["tlap.10"] == {"answer": "partly", "comment": "The referral took two months."}
    assert len(saved["experience"]) == 12

    page.reload()  # a fresh page, then the file opened back into it
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(tmp_path / "first.json"))
    expect(statement(page, "tlap.10").get_by_label("Partly", exact=True)).to_be_checked()
    expect(statement(page, "tlap.10").get_by_label("In my own words, if I want")).to_have_value(
        "The referral took two months.")
    assert save(page, tmp_path / "second.json") == first
    assert run_axe(page) == []


def test_does_my_plan_count_reads_the_statement_and_says_which(server, watched: Watched):
    page = watched.page
    open_editor(page, server)
    before = checked(page)
    page.get_by_role("button", name="See an example").click()
    wait_checked(page, before)
    assert verdicts(page)["1"] == "met"

    answer(page, "tlap.6", "No")  # "I can involve friends and family in the process if I choose."
    assert verdicts(page)["1"] == "not-met"
    finding = page.locator('[data-criterion="1"] [data-findings]')
    expect(finding).to_contain_text("I can involve friends and family in the process if I choose")
    link = finding.locator("a").filter(has_text="friends and family").first
    link.click()  # the reason takes the cursor to the answer it read
    assert page.evaluate("() => document.activeElement.dataset.path") == "/experience/tlap.6/answer"

    answer(page, "tlap.6", "Partly")
    assert verdicts(page)["1"] == "partly"
    answer(page, "tlap.6", "Yes")
    assert verdicts(page)["1"] == "met"

    answer(page, "tlap.12", "No")  # a statement the criteria do not ask changes no verdict
    assert set(verdicts(page).values()) == {"met"}
