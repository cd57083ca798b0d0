"""Nothing a person types is ever lost: fault journeys through every document page, in Chromium.

Each journey fills a tool in by label, does something that used to lose work (a
same-page link, a reload, a second tab, a bad file, a crash, a full disk), and
compares a snapshot of every control's value before and after.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from pcsp_core import documents
from pcsp_core.cli import run as run_cli

from .conftest import ROOT, Server, answering, dialog_message, drafts, run_axe, wait_for_draft

EXAMPLES = ROOT / "examples"
WITHOUT_FILE_SYSTEM_ACCESS = "delete window.showOpenFilePicker; delete window.showSaveFilePicker;"


@dataclass(frozen=True)
class Tool:
    path: str
    widget: str
    slot: str
    drawn: str  # the data attribute the tool sets each time its panel is up to date
    name_label: str  # a text field, found by its label
    choice: str  # the id of a radio, ticked by clicking its label ("" for the checklist: found on the page)
    kind: str

    def name(self, page: Page):
        return page.get_by_label(self.name_label, exact=True)


PLAN = Tool("my-plan/", "plan", "plan", "checked", "My name", "plan-experience-tlap_4-answer-partly", "plan")
ASSESSMENT = Tool("team/self-assessment/", "assessment", "self-assessment", "summarised", "Its name",
                  "assessment-enablers-prepared-people_a-level-2", "self-assessment")
CHECKLIST = Tool("team/implementation-checklist/", "checklist", "implementation-checklist", "progress",
                 "Who is leading it", "", "implementation-checklist")
TOOLS = [PLAN, ASSESSMENT, CHECKLIST]


def _checklist_choice(page: Page) -> str:
    return page.locator("[data-path='/activities/implementation.2/status'][value='in-progress']").get_attribute("id")


def fill(tool: Tool, page: Page, words: str) -> None:
    page.get_by_label(tool.name_label, exact=True).fill(words)
    choice = tool.choice or _checklist_choice(page)
    page.locator(f'label[for="{choice}"]').click()


def open_tool(page: Page, server: Server, tool: Tool, init: str = WITHOUT_FILE_SYSTEM_ACCESS) -> None:
    if init:
        page.add_init_script(init)
    page.goto(server.url + tool.path)
    wait_drawn(page, tool)


def wait_drawn(page: Page, tool: Tool) -> None:
    page.wait_for_function(f"() => document.querySelector('[data-pcsp-widget={tool.widget}]')?.dataset.{tool.drawn}",
                           timeout=120_000)


def drawn(page: Page, tool: Tool) -> str:
    return page.evaluate(f"() => document.querySelector('[data-pcsp-widget={tool.widget}]').dataset.{tool.drawn}")


def wait_redrawn(page: Page, tool: Tool, before: str) -> None:
    page.wait_for_function(f"b => document.querySelector('[data-pcsp-widget={tool.widget}]').dataset.{tool.drawn} !== b",
                           arg=before, timeout=60_000)


# Every control of the tool's form (template copies aside), with its value or whether it is ticked.
SNAPSHOT = """(widget) => [...document.querySelectorAll(`[data-pcsp-widget=${widget}] form :is(input, select, textarea)`)]
    .filter((c) => !c.closest("template"))
    .map((c) => [c.id || c.name, c.type === "radio" || c.type === "checkbox" ? c.checked : c.value])"""


def snapshot(page: Page, tool: Tool) -> list:
    return page.evaluate(SNAPSHOT, tool.widget)


def mark_root(page: Page, tool: Tool) -> None:
    page.evaluate(f"() => window.__pcspTestRoot = document.querySelector('[data-pcsp-widget={tool.widget}]')")


def same_root(page: Page, tool: Tool) -> bool:
    return page.evaluate(f"() => window.__pcspTestRoot === document.querySelector('[data-pcsp-widget={tool.widget}]')")


def offered(page: Page) -> int:
    return page.locator("[data-pcsp-draft]:not([hidden]) [data-pcsp-restore]").count()


def save_download(page: Page, to: Path, button: str = "Save") -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name=button, exact=True).click()
    download.value.save_as(to)
    return to


def choose_file(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(path))


def filled_in(context: BrowserContext, server: Server, tool: Tool, words: str) -> tuple[Page, list]:
    """A new page of `tool` filled in with `words` (and a choice), once its draft is kept; and its snapshot."""
    page = context.new_page()
    open_tool(page, server, tool)
    fill(tool, page, words)
    wait_for_draft(page, tool.slot, f"(doc) => JSON.stringify(doc).includes({json.dumps(words)})")
    return page, snapshot(page, tool)


@pytest.fixture
def context(browser) -> BrowserContext:
    made = browser.new_context(service_workers="block", accept_downloads=True)
    yield made
    made.close()


# --- same-page links ------------------------------------------------------------------


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_same_page_links_only_move_the_view(server, context, tool):
    page, before = filled_in(context, server, tool, "Zoë before the links")
    mark_root(page, tool)

    # The skip link: a keyboard user's first Tab stop.
    page.locator("a.md-skip").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#*")
    heading = page.locator(".md-content h1").first
    expect(heading).to_be_focused()
    # A heading's permalink, and the tool's own "Go to the summary" where it has one.
    page.locator(".md-content a.headerlink").first.click()
    if tool is ASSESSMENT:
        page.get_by_role("link", name="Go to the summary").click()
        page.wait_for_url("**#summary")
        assert page.evaluate("() => Math.abs(document.getElementById('summary').getBoundingClientRect().top) < 200")
    assert same_root(page, tool) and snapshot(page, tool) == before and offered(page) == 0

    # Back reloads the page's content in Material; the tool holding the work is put back.
    page.evaluate("() => { window.__pcspEmitted = 0; document$.subscribe(() => window.__pcspEmitted++); }")
    page.go_back()
    page.wait_for_function("() => window.__pcspEmitted > 1")  # a second document$: the content was replaced
    assert same_root(page, tool) and snapshot(page, tool) == before and offered(page) == 0
    # ...and it is alive: the next change is checked and kept.
    before_check = drawn(page, tool)
    tool.name(page).fill("Zoë after the links")
    wait_redrawn(page, tool, before_check)
    wait_for_draft(page, tool.slot, f"(doc) => JSON.stringify(doc).includes('Zoë after the links')")


def test_a_table_of_contents_link_moves_the_view_without_reloading_the_page(server, context):
    page = context.new_page()
    page.goto(server.url + "about-your-data/")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=clear-device]')?.dataset.pcspMounted")
    page.evaluate("() => { window.__pcspEmitted = 0; document$.subscribe(() => window.__pcspEmitted++); }")
    page.locator(".md-sidebar--secondary").get_by_role("link", name="Clear this device").click()
    page.wait_for_url("**#clear-this-device")
    expect(page.locator("h2#clear-this-device")).to_be_focused()
    assert page.evaluate("() => document.getElementById('clear-this-device').getBoundingClientRect().top") < 200
    assert page.evaluate("window.__pcspEmitted") == 1  # only the replay of the page as it was: no reload


def test_a_reason_in_the_panel_takes_the_cursor_to_its_field_without_a_reload(server, context):
    page = context.new_page()
    open_tool(page, server, PLAN)
    fill(PLAN, page, "Zoë")
    before = snapshot(page, PLAN)
    mark_root(page, PLAN)
    page.locator("[data-criterion='1'] [data-findings] a").first.click()
    focused = page.evaluate("() => document.activeElement.dataset.path || document.activeElement.tagName")
    assert focused.startswith("/")
    assert same_root(page, PLAN) and snapshot(page, PLAN) == before


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_leaving_by_instant_navigation_and_coming_back_offers_the_draft(server, context, tool):
    page, before = filled_in(context, server, tool, "Zoë who left")
    page.locator(".md-nav--primary").get_by_role("link", name="About your data").click()
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=clear-device]')?.dataset.pcspMounted")
    page.go_back()
    page.wait_for_function(f"() => document.querySelector('[data-pcsp-widget={tool.widget}]')?.dataset.pcspMounted")
    expect(page.get_by_role("button", name="Restore it")).to_be_visible()
    assert tool.name(page).input_value() == ""
    assert run_axe(page) == []
    page.get_by_role("button", name="Restore it").click()
    expect(tool.name(page)).to_have_value("Zoë who left")
    assert snapshot(page, tool) == before


# --- drafts: never overwritten, never orphaned, never left behind ----------------------


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_an_offered_draft_outlives_typing_and_reloads_until_the_person_chooses(server, context, tool):
    page, first = filled_in(context, server, tool, "Zoë the first")
    page.reload()
    wait_drawn(page, tool)
    assert offered(page) == 1
    # Typing before choosing goes into a draft of its own...
    tool.name(page).fill("Someone else entirely")
    wait_for_draft(page, tool.slot, "(doc) => JSON.stringify(doc).includes('Someone else entirely')")
    assert any("Zoë the first" in json.dumps(d, ensure_ascii=False) for d in drafts(page, tool.slot))
    # ...and across another reload, both are offered; the first comes back whole.
    page.reload()
    wait_drawn(page, tool)
    page.wait_for_function("() => document.querySelectorAll('[data-pcsp-restore]').length === 2")
    first_id = page.evaluate("""(slot) => Object.keys(localStorage).filter((k) => k.startsWith(`pcsp-draft:${slot}:`))
        .find((k) => localStorage.getItem(k).includes('Zoë the first')).split(':').pop()""", tool.slot)
    page.locator(f"[data-pcsp-restore='{first_id}']").click()
    expect(tool.name(page)).to_have_value("Zoë the first")
    assert snapshot(page, tool) == first
    # The other is still on offer, and still kept.
    assert offered(page) == 1
    assert any("Someone else entirely" in json.dumps(d) for d in drafts(page, tool.slot))


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_two_tabs_of_one_tool_never_overwrite_each_other(server, context, tool):
    one, two = context.new_page(), context.new_page()
    open_tool(one, server, tool)
    open_tool(two, server, tool)
    tool.name(one).fill("Tab one")
    tool.name(two).fill("Tab two")
    wait_for_draft(one, tool.slot, "(doc) => JSON.stringify(doc).includes('Tab one')")
    wait_for_draft(one, tool.slot, "(doc) => JSON.stringify(doc).includes('Tab two')")
    # A tab does not offer the work of a tab that is still open.
    assert offered(one) == 0 and offered(two) == 0
    one.close()
    three = context.new_page()
    open_tool(three, server, tool)
    page_offers = three.locator("[data-pcsp-restore]")
    expect(page_offers).to_have_count(1)
    page_offers.click()
    expect(tool.name(three)).to_have_value("Tab one")
    assert tool.name(two).input_value() == "Tab two"
    assert any("Tab two" in json.dumps(d) for d in drafts(two, tool.slot))


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_opening_a_file_over_a_draft_not_yet_restored_asks_first(server, context, tool):
    page = context.new_page()
    open_tool(page, server, tool)
    tool.name(page).fill("Zoë unrestored")
    wait_for_draft(page, tool.slot, "(doc) => JSON.stringify(doc).includes('Zoë unrestored')")
    page.reload()
    wait_drawn(page, tool)
    before = snapshot(page, tool)
    dialog = answering(page)
    page.get_by_role("button", name="See an example").click()
    assert "not restored" in dialog_message(page, dialog)
    expect(page.locator("[data-pcsp-restore]")).to_have_count(1)
    assert snapshot(page, tool) == before
    assert len(drafts(page, tool.slot)) == 1
    # Saying yes opens the file and settles the offer: the draft goes with it.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_role("status").filter(has_text="Opened")).to_be_visible()
    assert offered(page) == 0 and drafts(page, tool.slot) == []


def test_new_over_a_draft_not_yet_restored_asks_first(server, context):
    page = context.new_page()
    open_tool(page, server, PLAN)
    PLAN.name(page).fill("Zoë unrestored")
    wait_for_draft(page, "plan", "(doc) => doc.person?.name === 'Zoë unrestored'")
    page.reload()
    wait_drawn(page, PLAN)
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="New plan").click()  # asks at once, so the click returns once answered
    assert len(asked) == 1 and "not restored" in asked[0]
    expect(page.locator("[data-pcsp-restore]")).to_have_count(1)
    assert len(drafts(page, "plan")) == 1


# A picker that hands out a file whose writes are recorded, so a test can see where Save writes.
STAND_IN_PICKER = """
  window.__writes = [];
  window.showOpenFilePicker = async () => [{
    name: "cecilia-plan.json",
    getFile: async () => new File([window.__fileText], "cecilia-plan.json", {type: "application/json"}),
    createWritable: async () => ({
      write: async (text) => window.__writes.push(text),
      close: async () => {},
      abort: async () => {},
    }),
  }];
  delete window.showSaveFilePicker;
"""


def test_a_restored_draft_never_writes_into_another_file(server, context):
    first = context.new_page()
    open_tool(first, server, PLAN)
    PLAN.name(first).fill("Bea")
    wait_for_draft(first, "plan", "(doc) => doc.person?.name === 'Bea'")
    first.close()
    page = context.new_page()
    cecilia = (EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8")
    open_tool(page, server, PLAN, init=f"window.__fileText = {json.dumps(cecilia)};{STAND_IN_PICKER}")
    # Open Cecilia's file over Bea's unrestored draft: asked, and refused.
    dialog = answering(page)
    page.get_by_role("button", name="Open a file").click()
    dialog_message(page, dialog)
    expect(page.locator("[data-pcsp-restore]")).to_have_count(1)
    assert PLAN.name(page).input_value() == ""
    # Bea's draft, restored and saved, goes to a new file, never into Cecilia's.
    page.get_by_role("button", name="Restore it").click()
    expect(PLAN.name(page)).to_have_value("Bea")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save", exact=True).click()
    assert download.value.suggested_filename.startswith("bea-plan-")
    assert page.evaluate("window.__writes") == []


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_no_copy_stays_in_the_browser_once_saved(server, context, tool, tmp_path):
    page = context.new_page()
    open_tool(page, server, tool)
    fill(tool, page, "Zoë Private")
    wait_for_draft(page, tool.slot, "(doc) => JSON.stringify(doc).includes('Zoë Private')")
    saved = save_download(page, tmp_path / "saved.json")
    assert "Zoë Private" in saved.read_text(encoding="utf-8")
    assert drafts(page, tool.slot) == []
    assert not page.evaluate("() => Object.values(localStorage).some((v) => v.includes('Zoë Private'))")
    # Leaving asks nothing now, and coming back offers nothing.
    page.reload()
    wait_drawn(page, tool)
    assert offered(page) == 0


# --- the checks fail loudly and come back -------------------------------------------------

# A real fatal error inside Pyodide: the bridge's JSON reader overflows the wasm stack.
CRASH = """async () => {
  let deep = [];
  for (let i = 0; i < 5000; i++) deep = [deep];
  try { await window.__pcspRuntime.call("evaluate_plan", deep, "2026-01-01"); return "answered"; }
  catch (error) { return error.message; }
}"""


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_a_fatal_python_error_is_said_and_the_checks_start_again(server, context, tool):
    page, before = filled_in(context, server, tool, "Zoë through a crash")
    kept = drafts(page, tool.slot)
    assert "stopped working" in page.evaluate(CRASH)
    notice = page.get_by_role("alert").filter(has_text="stopped working")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("nothing you have written is lost")
    expect(page.get_by_role("status").filter(has_text="The checks are working again")).to_be_visible(timeout=60_000)
    assert snapshot(page, tool) == before and drafts(page, tool.slot) == kept
    before_check = drawn(page, tool)
    tool.name(page).fill("Zoë after the crash")
    wait_redrawn(page, tool, before_check)


# The runtime is made by runtime.js; this catches it as it is made, to shorten its patience.
SHORT_TIMEOUT = """
  Object.defineProperty(window, "__pcspRuntime", { configurable: true,
    get() { return this.__pcspTestRuntime; },
    set(made) { made.callTimeoutMs = 1500; this.__pcspTestRuntime = made; } });
"""


def _worker_that_drops(first_call: str) -> Callable:
    """A route for worker.js that serves the real worker, which never answers its first `first_call`."""
    def handle(route):
        real = route.fetch().text()
        shim = (f"\nconst __pcspReal = onmessage; let __pcspDropped = false;\n"
                f"onmessage = (event) => {{ if (event.data.name === {first_call!r} && !__pcspDropped) "
                "{ __pcspDropped = true; return; } return __pcspReal(event); };\n")
        route.fulfill(body=real + shim, headers={"content-type": "text/javascript"})
    return handle


def test_a_check_that_never_answers_is_stopped_and_the_checks_start_again(server, context):
    page = context.new_page()
    page.route("**/assets/pcsp/worker.js", _worker_that_drops("evaluate_plan"), times=1)
    page.add_init_script(SHORT_TIMEOUT + WITHOUT_FILE_SYSTEM_ACCESS)
    page.goto(server.url + PLAN.path)
    expect(page.get_by_role("alert").filter(has_text="did not answer")).to_be_visible(timeout=60_000)
    wait_drawn(page, PLAN)  # the new worker answers
    before_check = drawn(page, PLAN)
    PLAN.name(page).fill("Zoë")
    wait_redrawn(page, PLAN, before_check)


def test_a_worker_that_will_not_load_is_said_and_tried_again(server, context):
    page = context.new_page()
    open_tool(page, server, PLAN)
    PLAN.name(page).fill("Zoë typed while it failed")
    before = snapshot(page, PLAN)
    # The checks stop; the first new worker cannot load its script; the next one can.
    page.route("**/assets/pcsp/worker.js", lambda route: route.abort(), times=1)
    page.evaluate(CRASH)
    expect(page.get_by_role("alert").filter(has_text="could not run")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("status").filter(has_text="The checks are working again")).to_be_visible(timeout=60_000)
    assert snapshot(page, PLAN) == before
    before_check = drawn(page, PLAN)
    PLAN.name(page).fill("Zoë, checked again")
    wait_redrawn(page, PLAN, before_check)


# --- storage and saving that fail -----------------------------------------------------

FULL_STORAGE = """
  const realSetItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).startsWith("pcsp-draft")) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return realSetItem.call(this, key, value);
  };
"""
NO_STORAGE = """
  Object.defineProperty(window, "localStorage", { configurable: true,
    get() { throw new DOMException("Access is denied for this document.", "SecurityError"); } });
"""


@pytest.mark.parametrize("tool, storage", [(PLAN, FULL_STORAGE), (ASSESSMENT, FULL_STORAGE), (CHECKLIST, NO_STORAGE)],
                         ids=["plan-full", "assessment-full", "checklist-none"])
def test_a_browser_that_will_not_keep_a_draft_is_said_once_and_the_work_carries_on(server, context, tool, storage,
                                                                                    tmp_path):
    page = context.new_page()
    open_tool(page, server, tool, init=WITHOUT_FILE_SYSTEM_ACCESS + storage)
    field = tool.name(page)
    field.fill("Zoë without storage")
    notice = page.get_by_role("alert").filter(has_text="not keeping a draft")
    expect(notice).to_be_visible()
    expect(field).to_be_focused()  # the notice does not take the cursor from someone typing
    field.press("End")
    field.type(" still typing")
    expect(field).to_have_value("Zoë without storage still typing")
    page.wait_for_timeout(500)  # two more draft writes fail; the notice is not said again
    assert page.locator(".pcsp-message").count() == 1
    assert run_axe(page) == []
    # Saving still works, and is the way to keep the work.
    assert "Zoë without storage still typing" in save_download(page, tmp_path / "saved.json").read_text(encoding="utf-8")


FAILING_SAVE = """
  window.showOpenFilePicker = async () => [{
    name: "cecilia-plan.json",
    getFile: async () => new File([window.__fileText], "cecilia-plan.json", {type: "application/json"}),
    createWritable: async () => { throw new DOMException("Permission was withdrawn.", "NotAllowedError"); },
  }];
  delete window.showSaveFilePicker;
"""


def test_a_save_that_fails_says_so_keeps_the_draft_and_offers_a_download(server, context, tmp_path):
    page = context.new_page()
    cecilia = (EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8")
    open_tool(page, server, PLAN, init=f"window.__fileText = {json.dumps(cecilia)};{FAILING_SAVE}")
    page.get_by_role("button", name="Open a file").click()
    expect(page.get_by_role("status").filter(has_text="Opened “cecilia-plan.json”")).to_be_visible()
    PLAN.name(page).fill("Cecilia Okafor-Smith")
    page.get_by_role("button", name="Save", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("was not saved to “cecilia-plan.json”")
    expect(alert).to_contain_text("no longer allowed to write")
    assert any(d.get("person", {}).get("name") == "Cecilia Okafor-Smith" for d in drafts(page, "plan"))
    assert run_axe(page) == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a copy").click()
    download.value.save_as(tmp_path / "copy.json")
    saved = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))
    assert saved["person"]["name"] == "Cecilia Okafor-Smith"
    assert drafts(page, "plan") == []


# --- Clear this device --------------------------------------------------------------------


def test_clear_this_device_removes_drafts_and_the_offline_copy(site, browser):
    online = Server(site)
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        open_tool(page, online, PLAN)
        PLAN.name(page).fill("Zoë on a library computer")
        wait_for_draft(page, "plan", "(doc) => doc.person?.name === 'Zoë on a library computer'")
        # Python's start-up snapshot is kept once it is ready (tests/browser/test_fast_start.py).
        page.wait_for_function("() => (window.__pcspStartup || []).some((entry) => entry.stored === true)")
        page.goto(online.url + "about-your-data/")
        # The first install fetches the whole site (16 MB) while Python keeps its snapshot: on a busy
        # machine that can take longer than the default 30 s, as other offline tests allow for.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        page.wait_for_function("async () => (await caches.keys()).some((name) => name.startsWith('pcsp-site-'))")
        page.wait_for_function("async () => (await caches.keys()).includes('pcsp-python-snapshot')")
        asked = []
        page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        page.get_by_role("button", name="Clear this device").click()
        expect(page.get_by_role("status").filter(has_text="Nothing was removed")).to_be_visible()
        kept = ("1 draft of unsaved work, the copy of this site kept for offline use and the saved copy of the "
                "checks’ program (never your words)")
        assert kept in asked[0]
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Clear this device").click()
        status = page.get_by_role("status").filter(has_text="Removed")
        expect(status).to_contain_text(f"Removed {kept}")
        assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('pcsp-'))") == []
        assert page.evaluate("async () => (await caches.keys()).length") == 0
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
        assert run_axe(page) == []
    finally:
        context.close()
        online.stop()


def test_clear_this_device_from_a_tool_keeps_the_work_on_screen(server, context):
    page = context.new_page()
    open_tool(page, server, ASSESSMENT)
    fill(ASSESSMENT, page, "Zoë's team")
    wait_for_draft(page, "self-assessment", "(doc) => doc.scope?.name === \"Zoë's team\"")
    before = snapshot(page, ASSESSMENT)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear this device").click()
    expect(page.get_by_role("status").filter(has_text="Removed 1 draft")).to_be_visible()
    assert drafts(page, "self-assessment") == []
    assert snapshot(page, ASSESSMENT) == before
    # The next change is new work, and is kept again.
    ASSESSMENT.name(page).fill("Zoë's team, later")
    wait_for_draft(page, "self-assessment", "(doc) => doc.scope?.name === \"Zoë's team, later\"")


# --- bad files get pcsp_core's words, in the browser as in the CLI --------------------------


def _bad_files(kind: str) -> dict[str, bytes]:
    good = json.dumps({**documents.new_document(kind), "note": "Zoë"}, ensure_ascii=False)
    return {
        "deep.json": ("[" * 5000 + "]" * 5000).encode(),
        "deep-object.json": ('{"a":' * 5000 + "1" + "}" * 5000).encode(),
        "latin-1.json": good.encode("latin-1"),
        "utf-16.json": good.encode("utf-16"),
        "not-json.json": b'{"kind": "plan",',
        "newer.json": json.dumps({"kind": kind, "schema_version": 99}).encode(),
        "a-list.json": b"[1, 2, 3]",
        "empty.json": b"",
    }


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.widget)
def test_a_bad_file_gets_the_cli_s_words_and_changes_nothing(server, context, tool, tmp_path):
    page = context.new_page()
    open_tool(page, server, tool)
    fill(tool, page, "Zoë keeps her work")
    before = snapshot(page, tool)
    for name, raw in _bad_files(tool.kind).items():
        path = tmp_path / name
        path.write_bytes(raw)
        expected = documents.open_document(raw, tool.kind)
        assert not expected["valid"], name
        choose_file(page, path)
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(f"“{name}” cannot be opened")
        for error in expected["errors"]:
            expect(alert).to_contain_text(error["message"])
        assert snapshot(page, tool) == before, name
    # Python is alive after all of them.
    before_check = drawn(page, tool)
    tool.name(page).fill("Zoë, still checked")
    wait_redrawn(page, tool, before_check)


def _odd_files() -> dict[str, bytes]:
    """Files the browser and the CLI must read alike: encodings, and JSON that only Python would accept."""
    doc = {**documents.new_document("plan"), "person": {"name": "Zoë Hélène"}}
    text = json.dumps(doc, ensure_ascii=False)
    budget = {**doc, "personal_health_budget": {"has_budget": True, "amount": 1}}
    number = json.dumps(budget)
    return {
        "utf-8.json": text.encode("utf-8"),
        "utf-8-bom.json": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16.json": text.encode("utf-16"),
        "utf-16-be.json": text.encode("utf-16-be"),
        "latin-1.json": text.encode("latin-1"),
        "cp1252.json": text.encode("cp1252"),
        "mac-roman.json": text.encode("mac-roman"),
        "nan.json": number.replace('"amount": 1', '"amount": NaN').encode(),
        "infinity.json": number.replace('"amount": 1', '"amount": -Infinity').encode(),
        "huge-number.json": number.replace('"amount": 1', '"amount": ' + "9" * 5000).encode(),
        "half-an-emoji.json": json.dumps(doc).replace("Zo\\u00eb", "Zo\\ud83d").encode(),
        "twice.json": text.replace('"kind": "plan"', '"kind": "plan", "kind": "plan"').encode(),
        "deep.json": ("[" * 5000 + "]" * 5000).encode(),
    }


def test_the_browser_and_the_cli_agree_on_odd_files(server, context, tmp_path):
    page = context.new_page()
    open_tool(page, server, PLAN)
    for name, raw in _odd_files().items():
        path = tmp_path / name
        path.write_bytes(raw)
        out = io.StringIO()
        run_cli(["check", "--format", "json", str(path)], out, io.StringIO())
        cli = json.loads(out.getvalue())["files"][0]
        page.evaluate("() => document.querySelector('[data-pcsp-messages]').replaceChildren()")
        choose_file(page, path)
        message = page.locator(".pcsp-message")
        expect(message).to_be_visible()
        if cli["valid"]:
            expect(message).to_contain_text(f"Opened “{name}”")
            expect(PLAN.name(page)).to_have_value("Zoë Hélène")
        else:
            expect(message).to_contain_text("cannot be opened")
            assert cli["errors"], name
            for error in cli["errors"]:
                expect(message).to_contain_text(error["message"])
            assert "�" not in PLAN.name(page).input_value()


# --- bringing files together: the same person counts once -----------------------------------


def _together(page: Page, server: Server) -> None:
    page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
    page.goto(server.url + "team/together/")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=together]')?.dataset.pcspMounted "
                           "&& window.__pcspRuntime?.state.state === 'ready'")


def test_the_same_file_chosen_twice_is_counted_once_with_a_note(server, context, tmp_path):
    page = context.new_page()
    _together(page, server)
    amira = EXAMPLES / "team-member-amira.json"
    copy = tmp_path / "amira-again.json"
    copy.write_text(json.dumps(json.loads(amira.read_text(encoding="utf-8")), indent=4), encoding="utf-8")
    page.get_by_label("Choose every member’s assessment file").set_input_files(
        [str(amira), str(EXAMPLES / "team-member-ben.json"), str(copy)])
    status = page.get_by_role("status").filter(has_text="Brought together 2 assessments")
    expect(status).to_contain_text("“amira-again.json” is the same as “team-member-amira.json”, so it is counted once.")
    assert page.locator("[data-pcsp-members] li").count() == 2
    assert page.locator(".pcsp-talk-about > li").count() == 2


def test_two_files_from_one_person_wait_for_the_lead_to_choose(server, context, tmp_path):
    page = context.new_page()
    _together(page, server)
    later = json.loads((EXAMPLES / "team-member-amira.json").read_text(encoding="utf-8"))
    later["date"] = "2026-04-02"
    later["enablers"]["trained-teams.d"]["level"] = 1
    (tmp_path / "amira-april.json").write_text(json.dumps(later), encoding="utf-8")
    files = [EXAMPLES / "team-member-amira.json", EXAMPLES / "team-member-ben.json", tmp_path / "amira-april.json"]
    page.get_by_label("Choose every member’s assessment file").set_input_files([str(f) for f in files])
    question = page.get_by_role("group", name="Which file counts for Amira Haddad?")
    expect(question).to_be_visible()
    assert page.locator("[data-pcsp-results]").is_hidden()  # nothing brought together yet
    assert drafts(page, "agreed-assessment") == []
    assert run_axe(page) == []
    question.get_by_label("team-member-amira.json, assessed 2026-03-12").check()
    page.get_by_role("button", name="Bring them together").click()
    status = page.get_by_role("status").filter(has_text="Brought together 2 assessments")
    expect(status).to_contain_text("“amira-april.json” is left out, as you chose.")
    members = page.locator("[data-pcsp-members] li").all_text_contents()
    assert any("team-member-amira.json" in m for m in members) and not any("amira-april" in m for m in members)


def test_saving_does_not_wait_for_the_checks(server, context, tmp_path):
    page = context.new_page()
    open_tool(page, server, PLAN)
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_role("status").filter(has_text="Opened “cecilia-plan.json”")).to_be_visible()
    # Python stops, and no new worker can load: the file is still written, byte for byte as Python would.
    page.route("**/assets/pcsp/worker.js", lambda route: route.abort())
    page.evaluate(CRASH)
    expect(page.get_by_role("alert").filter(has_text="stopped working")).to_be_visible()
    saved = save_download(page, tmp_path / "saved.json")
    assert saved.read_bytes() == (EXAMPLES / "cecilia-plan.json").read_bytes()


TOGETHER_SNAPSHOT = """() => [...document.querySelectorAll('[data-pcsp-widget=together] select[data-enabler]')]
    .map((s) => [s.dataset.enabler, s.value])"""


def test_the_agreed_assessment_survives_same_page_links_and_leaves_no_draft_once_saved(server, context, tmp_path):
    page = context.new_page()
    _together(page, server)
    page.get_by_role("button", name="Try it with two example files").click()
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=together]').dataset.merged")
    page.get_by_label("Agreed level for Trained Teams, enabler d").select_option(label="3 Maturing")
    wait_for_draft(page, "agreed-assessment", "(doc) => doc.enablers?.['trained-teams.d']?.level === 3")
    before = page.evaluate(TOGETHER_SNAPSHOT)
    page.evaluate("() => window.__pcspTestRoot = document.querySelector('[data-pcsp-widget=together]')")
    page.locator("a.md-skip").focus()
    page.keyboard.press("Enter")
    page.locator(".md-content a.headerlink").first.click()
    page.evaluate("() => { window.__pcspEmitted = 0; document$.subscribe(() => window.__pcspEmitted++); }")
    page.go_back()
    page.wait_for_function("() => window.__pcspEmitted > 1")
    assert page.evaluate("() => window.__pcspTestRoot === document.querySelector('[data-pcsp-widget=together]')")
    assert page.evaluate(TOGETHER_SNAPSHOT) == before
    assert page.locator(".pcsp-talk-about > li").count() == 2
    saved = save_download(page, tmp_path / "agreed.json", button="Save the agreed assessment")
    assert json.loads(saved.read_text(encoding="utf-8"))["enablers"]["trained-teams.d"]["level"] == 3
    assert drafts(page, "agreed-assessment") == []
