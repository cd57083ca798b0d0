"""A team's journeys through the implementation checklist, in Chromium."""

from __future__ import annotations

import json
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from .conftest import ROOT, Server, Watched, drafts, offline_after_visiting, run_axe, wait_for_draft

EXAMPLE = ROOT / "examples" / "implementation-checklist-example.json"
PAGE = "team/implementation-checklist/"
WIDGET = "[data-pcsp-widget=checklist]"
# Playwright cannot drive the File System Access pickers: take the file input and download path.
WITHOUT_FILE_SYSTEM_ACCESS = "delete window.showOpenFilePicker; delete window.showSaveFilePicker;"


def open_checklist(page: Page, server: Server) -> None:
    page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
    page.goto(server.url + PAGE)
    page.wait_for_function(f"() => document.querySelector('{WIDGET}').dataset.progress", timeout=120_000)


def progress(page: Page) -> str:
    return page.locator("[data-pcsp-progress-words]").text_content()


def wait_progress(page: Page, words: str) -> None:
    page.wait_for_function("w => document.querySelector('[data-pcsp-progress-words]').textContent === w", arg=words)


def item(page: Page, item_id: str):
    """The fieldset of one checklist item, found by its framework id."""
    return page.locator(f"fieldset.pcsp-group:not(.pcsp-subgroup):has([data-path='/activities/{item_id}/status']), "
                        f"fieldset.pcsp-group:not(.pcsp-subgroup):has([data-path='/house/{item_id}/status'])")


def set_status(page: Page, item_id: str, words: str) -> None:
    item(page, item_id).locator("label.pcsp-radio__label").get_by_text(words, exact=True).click()  # as people do


def open_file(page: Page, path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(path))


def save(page: Page, path) -> str:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save").click()
    download.value.save_as(path)
    return download.value.suggested_filename


def test_fill_items_watch_progress_and_save_the_file(server, watched: Watched, tmp_path):
    page = watched.page
    open_checklist(page, server)
    assert progress(page) == "0 of 32 done"
    page.get_by_label("Team or organisation").fill("Elm Road Surgery")
    page.get_by_label("What you are setting PCSP up for").fill("People with diabetes")
    set_status(page, "set-up.a", "Done")
    set_status(page, "set-up.b", "In progress")
    item(page, "set-up.b").get_by_label("Who owns it").fill("Priya Shah")
    item(page, "set-up.b").get_by_label("Due by").fill("2027-01-31")
    set_status(page, "maintenance.3", "Does not apply")
    set_status(page, "roof.2", "Done")
    item(page, "roof.2").get_by_label("Notes").fill("Results triaged by the HCA.\nMedicines review in the same visit.")
    wait_progress(page, "2 of 31 done · 1 in progress · 1 does not apply")
    assert page.locator("[data-pcsp-progress-bar]").evaluate("b => [b.value, b.max]") == [2, 31]
    assert page.locator("[data-pcsp-count='stage:set-up']").text_content() == "1 of 3 done · 1 in progress"
    assert page.locator("[data-pcsp-count='house:roof']").text_content() == "1 of 5 done"
    steps = page.locator("[data-pcsp-next-steps] li")
    expect(steps).to_have_count(3)
    expect(steps.first).to_contain_text("Identify the group of patients for initial focus")
    expect(steps.first).to_contain_text("Stage 1: Set up · In progress · Owner: Priya Shah · Due by 2027-01-31")

    name = save(page, tmp_path / "saved.json")
    assert name.startswith("elm-road-surgery-implementation-checklist-") and name.endswith(".json")
    saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert saved == {
        "$schema": "https://pcsp.invalid/schemas/implementation-checklist.schema.json",
        "kind": "implementation-checklist", "schema_version": 1,
        "team": "Elm Road Surgery", "setting_up_for": "People with diabetes",
        "activities": {"set-up.a": {"status": "done"},
                       "set-up.b": {"status": "in-progress", "owner": "Priya Shah", "due": "2027-01-31"},
                       "maintenance.3": {"status": "not-applicable"}},
        "house": {"roof.2": {"status": "done", "notes": "Results triaged by the HCA.\nMedicines review in the same visit."}},
    }
    assert watched.errors == []


def test_a_next_step_takes_the_cursor_to_its_item(server, watched: Watched):
    page = watched.page
    open_checklist(page, server)
    page.locator("[data-pcsp-next-steps] a").first.click()
    focused = page.evaluate("document.activeElement.dataset.path")
    assert focused == "/activities/set-up.a/status"


def test_the_example_opens_and_save_open_save_is_byte_identical(server, watched: Watched, tmp_path):
    page = watched.page
    open_checklist(page, server)
    before = page.evaluate(f"document.querySelector('{WIDGET}').dataset.progress")
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_role("status").filter(has_text="Opened")).to_be_visible()
    page.wait_for_function(f"b => document.querySelector('{WIDGET}').dataset.progress !== b", arg=before)
    wait_progress(page, "6 of 31 done · 8 in progress · 1 does not apply")
    assert page.get_by_label("Team or organisation").input_value() == "Northbridge Primary Care Network"
    save(page, tmp_path / "first.json")
    assert (tmp_path / "first.json").read_bytes() == EXAMPLE.read_bytes()
    open_file(page, tmp_path / "first.json")
    expect(page.get_by_role("status").filter(has_text="Opened “first.json”")).to_be_visible()
    save(page, tmp_path / "second.json")
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()
    assert run_axe(page) == []
    assert watched.errors == []


def test_bad_files_leave_the_checklist_on_screen_as_it_was(server, watched: Watched, tmp_path):
    page = watched.page
    open_checklist(page, server)
    page.get_by_label("Team or organisation").fill("Castle Lane")
    set_status(page, "set-up.c", "Done")
    wait_progress(page, "1 of 32 done")
    files = {
        "notes.json": ("not json at all", "not valid JSON"),
        "plan.json": ((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"),
                      "This file is a plan, not an implementation checklist"),
        "future.json": (json.dumps({"kind": "implementation-checklist", "schema_version": 9}), "newer version"),
        "broken.json": (json.dumps({"$schema": "https://pcsp.invalid/schemas/implementation-checklist.schema.json",
                                    "kind": "implementation-checklist", "schema_version": 1,
                                    "activities": {"set-up.z": {"status": "done"}}}),
                        "“set-up.z” is not one of the framework's items"),
    }
    for name, (text, words) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        open_file(page, tmp_path / name)
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(words)
        expect(alert).to_contain_text(f"“{name}” cannot be opened. Nothing on this page has changed")
        assert page.get_by_label("Team or organisation").input_value() == "Castle Lane"
        assert item(page, "set-up.c").get_by_label("Done", exact=True).is_checked()
        assert progress(page) == "1 of 32 done"
    assert run_axe(page) == []
    assert watched.errors == []


def test_a_closed_tab_comes_back_with_its_draft(server, browser):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        open_checklist(page, server)
        page.get_by_label("Who is leading it").fill("Dr Shah")
        set_status(page, "implementation.2", "In progress")
        wait_for_draft(page, "implementation-checklist",
                       "(doc) => doc.activities?.['implementation.2']?.status === 'in-progress'")
        page.reload()
        page.wait_for_function(f"() => document.querySelector('{WIDGET}').dataset.progress", timeout=120_000)
        assert page.get_by_label("Who is leading it").input_value() == ""
        restore = page.get_by_role("button", name="Restore it")
        expect(restore).to_be_focused()
        restore.click()
        expect(page.get_by_label("Who is leading it")).to_have_value("Dr Shah")
        assert item(page, "implementation.2").get_by_label("In progress", exact=True).is_checked()
        wait_progress(page, "0 of 32 done · 1 in progress")
        # The plan's draft is its own: the checklist's never shows on "My plan".
        assert drafts(page, "plan") == []
    finally:
        context.close()


def test_by_keyboard_alone(server, watched: Watched):
    page = watched.page
    open_checklist(page, server)
    first = item(page, "set-up.a").get_by_label("Not started", exact=True)
    first.focus()
    page.keyboard.press("ArrowRight")  # radios in a group move and choose with the arrow keys
    page.keyboard.press("ArrowRight")
    assert item(page, "set-up.a").get_by_label("Done", exact=True).is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.path") == "/activities/set-up.a/owner"
    page.keyboard.type("Tom")
    wait_progress(page, "1 of 32 done")
    assert watched.errors == []


def test_accessible_narrow_offline_ready_and_private(server, watched: Watched):
    page = watched.page
    open_checklist(page, server)
    page.get_by_role("button", name="See an example").click()
    wait_progress(page, "6 of 31 done · 8 in progress · 1 does not apply")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate("window.scrollTo(0, 0)")
        assert run_axe(page) == [], f"at {width}px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=f"/tmp/checklist-{width}.png")
        page.screenshot(path=f"/tmp/checklist-{width}-full.png", full_page=True)
    origin = urlparse(server.url).netloc
    foreign = [url for url in watched.requests if urlparse(url).netloc != origin
               and not url.startswith(("data:", "blob:"))]
    assert foreign == []
    assert watched.errors == []


def test_print_shows_the_filled_in_checklist(server, watched: Watched):
    page = watched.page
    open_checklist(page, server)
    page.get_by_role("button", name="See an example").click()
    wait_progress(page, "6 of 31 done · 8 in progress · 1 does not apply")
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    view = page.locator(".pcsp-print-checklist")
    expect(view).to_be_visible()
    expect(page.locator("form#checklist")).to_be_hidden()
    expect(view).to_contain_text("Northbridge Primary Care Network")
    expect(view).to_contain_text("6 of 31 done · 8 in progress · 1 does not apply")
    assert view.locator("h2").all_text_contents() == [
        "Stage 1: Set up", "Stage 2: Implementation and training", "Stage 3: Maintenance and sustainability",
        "The Year of Care House"]
    assert view.locator("li").count() == 32
    expect(view.locator("li").first).to_contain_text("Set up a steering group")
    expect(view.locator("li").first).to_contain_text("Done · Owner: Priya Shah · Due by 2026-06-30")
    page.screenshot(path="/tmp/checklist-print.png", full_page=True)
    assert watched.errors == []


def test_it_works_offline_after_a_visit_to_any_page(site, browser):
    with offline_after_visiting(site, browser) as (page, url):
        page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
        page.goto(url + PAGE)
        page.wait_for_function(f"() => document.querySelector('{WIDGET}').dataset.progress", timeout=120_000)
        set_status(page, "set-up.a", "Done")
        wait_progress(page, "1 of 32 done")
        # Opening over unsaved work asks first.
        dialogs = []
        page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
        page.get_by_role("button", name="See an example").click()
        wait_progress(page, "6 of 31 done · 8 in progress · 1 does not apply")
        assert dialogs == ["Open “implementation-checklist-example.json”? Your unsaved changes will be lost."]
