"""The person's journeys through "My plan", in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import ROOT, Server, Watched, dialogs_on_leaving, offline_after_visiting, run_axe, wait_for_draft

CECILIA = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))


# Chromium has the File System Access API, whose pickers Playwright cannot drive; most
# tests take the path every other browser takes (file input and download) by removing it.
# test_save_writes_back_to_the_file_it_opened covers the API with a stand-in handle.
WITHOUT_FILE_SYSTEM_ACCESS = "delete window.showOpenFilePicker; delete window.showSaveFilePicker;"


def open_editor(page: Page, server: Server, file_system_access: bool = False) -> None:
    if not file_system_access:
        page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
    page.goto(server.url + "my-plan/")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked")


def verdicts(page: Page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-criterion]')]
        .map(li => [li.dataset.criterion, li.dataset.verdict]))""")


def wait_checked(page: Page, before: str | None) -> None:
    page.wait_for_function("b => document.querySelector('[data-pcsp-widget=plan]').dataset.checked !== b",
                           arg=before)


def checked(page: Page) -> str:
    return page.evaluate("() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked")


def pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def type_in(page: Page, value, parts=()) -> None:
    """Enter a document through the form as a person would: add list items with the
    'Add another' buttons, type text, pick radios, tick choices."""
    path = pointer(parts)
    form = page.locator("form")
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("$schema", "kind", "schema_version", "id"):
                continue  # the envelope comes with the new plan, and item ids are minted by the page
            type_in(page, child, (*parts, key))
    elif isinstance(value, list):
        group = form.locator(f'[data-path="{path}"][data-type="id-list"]')
        if group.count():
            for ref in value:
                group.locator(f'input[value="{ref}"]').check()
            return
        for index, child in enumerate(value):
            form.locator(f'[data-list="{path}"] > * [data-list-add], [data-list="{path}"] [data-list-add]').last.click()
            type_in(page, child, (*parts, index))
    else:
        control = form.locator(f'[data-path="{path}"]')
        first = control.first
        kind = first.get_attribute("type")
        if kind == "radio":
            wanted = str(value).lower() if isinstance(value, bool) else value
            radio = form.locator(f'[data-path="{path}"][value="{wanted}"]')
            form.locator(f'label[for="{radio.get_attribute("id")}"]').click()  # people click the label
        elif first.evaluate("el => el.tagName") == "SELECT":
            first.select_option(str(value))
        else:
            first.fill(str(value))


def test_fill_a_plan_from_empty_and_watch_it_come_to_count(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    assert set(verdicts(page).values()) == {"not-met"}
    plan = {k: v for k, v in CECILIA.items() if k != "review"} | {"review": {
        k: v for k, v in CECILIA["review"].items() if k != "history"}}
    type_in(page, plan)
    page.wait_for_function("() => [...document.querySelectorAll('[data-criterion]')].every(li => li.dataset.verdict === 'met')")
    expect(page.get_by_role("status").filter(has_text="Your plan counts")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Save").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert download.value.suggested_filename.startswith("cecilia-plan-")
    # What an outcome answers is a set of ticks; the page lists them in the order they are offered.
    def ticks_as_sets(doc):
        for outcome in doc.get("outcomes", []):
            outcome["answers"] = sorted(outcome.get("answers", []))
        return doc
    assert ticks_as_sets(json.loads(saved.read_text(encoding="utf-8"))) == ticks_as_sets(plan)
    assert watched.errors == []


def test_the_example_opens_and_counts(server, watched: Watched):
    page = watched.page
    open_editor(page, server)
    before = checked(page)
    page.get_by_role("button", name="See an example").click()
    wait_checked(page, before)
    page.wait_for_function("() => [...document.querySelectorAll('[data-criterion]')].every(li => li.dataset.verdict === 'met')")
    assert page.get_by_label("My name").input_value() == "Cecilia"
    assert run_axe(page) == []


def test_bad_files_leave_the_plan_on_screen_as_it_was(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    page.get_by_label("My name").fill("Ann")
    files = {
        "notes.json": ("not json at all", "not valid JSON"),
        "assessment.json": (json.dumps({"kind": "self-assessment", "schema_version": 1}), "not a plan"),
        "future.json": (json.dumps({"kind": "plan", "schema_version": 99}), "newer version"),
        "broken.json": (json.dumps({"kind": "plan", "schema_version": 2, "outcomes": [{"id": "o1", "by_when": "soon"}]}),
                        "By when"),
    }
    for name, (text, words) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        page.locator("[data-pcsp-open]").evaluate("b => b.dataset.test = 'yes'")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Open a file").click()
        chooser.value.set_files(str(tmp_path / name))
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(words)
        expect(alert).to_contain_text("Nothing on this page has changed")
        assert page.get_by_label("My name").input_value() == "Ann"
    assert run_axe(page) == []


def test_script_in_a_file_runs_nothing(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    hostile = dict(CECILIA, person={"name": "<img src=x onerror=\"window.__ran=1\">"},
                   about_me={"how_i_communicate": "<script>window.__ran=2</script>"})
    (tmp_path / "hostile.json").write_text(json.dumps(hostile), encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(tmp_path / "hostile.json"))
    expect(page.get_by_role("status").filter(has_text="Opened")).to_be_visible()
    assert page.get_by_label("My name").input_value() == hostile["person"]["name"]
    assert page.evaluate("window.__ran") is None


def test_save_open_save_is_byte_identical_and_an_older_file_is_migrated(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    older = ROOT / "examples" / "older-format-plan.json"
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(older))
    expect(page.get_by_role("status").filter(has_text="brought up to date")).to_be_visible()
    with page.expect_download() as first:
        page.get_by_role("button", name="Save").click()
    first_path = tmp_path / "first.json"
    first.value.save_as(first_path)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(first_path))
    with page.expect_download() as second:
        page.get_by_role("button", name="Save").click()
    second_path = tmp_path / "second.json"
    second.value.save_as(second_path)
    assert first_path.read_bytes() == second_path.read_bytes()
    from pcsp_core.documents import current_version

    assert json.loads(first_path.read_text())["schema_version"] == current_version("plan")


def test_a_closed_tab_comes_back_with_its_draft(server, browser):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        open_editor(page, server)
        page.get_by_label("My name").fill("Bea")
        wait_for_draft(page, "plan", "(doc) => doc.person?.name === 'Bea'")
        page.close()
        page = context.new_page()
        open_editor(page, server)
        page.get_by_role("button", name="Restore it").click()
        expect(page.get_by_label("My name")).to_have_value("Bea")
        # Leaving with unsaved changes asks first.
        page.get_by_label("My name").fill("Bea Smith")
        assert dialogs_on_leaving(page) == ["beforeunload"]
    finally:
        context.close()


def test_lists_by_keyboard_alone(server, watched: Watched):
    page = watched.page
    open_editor(page, server)
    add = page.get_by_role("button", name="Add another routine")
    add.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Tea first thing")
    add.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Call my sisters")
    # Move the second up, by keyboard.
    page.get_by_role("button", name="Move up").nth(1).focus()
    page.keyboard.press("Enter")
    values = page.locator('[data-path^="/routines/"]').evaluate_all("els => els.map(e => e.value)")
    assert values == ["Call my sisters", "Tea first thing"]
    page.get_by_role("button", name="Remove").first.focus()
    page.keyboard.press("Enter")
    values = page.locator('[data-path^="/routines/"]').evaluate_all("els => els.map(e => e.value)")
    assert values == ["Tea first thing"]
    assert run_axe(page) == []


def test_the_editor_at_360px(server, watched: Watched):
    page = watched.page
    page.set_viewport_size({"width": 360, "height": 740})
    open_editor(page, server)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert run_axe(page) == []


def test_save_writes_back_to_the_file_it_opened(server, watched: Watched):
    page = watched.page
    open_editor(page, server, file_system_access=True)
    raw = (ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8")
    # A stand-in for the browser's file handle: what Open reads and what Save writes.
    page.evaluate("""raw => {
        window.__written = [];
        const handle = {
            name: "cecilia-plan.json",
            getFile: async () => new File([raw], "cecilia-plan.json", {type: "application/json"}),
            createWritable: async () => ({
                write: async (text) => window.__written.push(text), close: async () => {}}),
        };
        window.showOpenFilePicker = async () => [handle];
    }""", raw)
    page.get_by_role("button", name="Open a file").click()
    expect(page.get_by_label("My name")).to_have_value("Cecilia")
    page.get_by_label("My name").fill("Cecilia Jones")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved to “cecilia-plan.json”")).to_be_visible()
    written = page.evaluate("window.__written")
    assert len(written) == 1 and downloads == []
    assert json.loads(written[0])["person"]["name"] == "Cecilia Jones"
    assert written[0] == raw.replace('"name": "Cecilia"', '"name": "Cecilia Jones"', 1)


def test_record_a_review_and_see_what_changed(server, watched: Watched):
    page = watched.page
    open_editor(page, server)
    before = checked(page)
    page.get_by_role("button", name="See an example").click()
    wait_checked(page, before)
    # Cecilia's next formal review is set for 2027-05-10.
    expect(page.locator("[data-pcsp-review-due]")).to_contain_text("due by 2027-05-10")
    page.get_by_role("button", name="Record a review").click()
    page.get_by_label("Date of the review").fill("2027-02-01")
    page.get_by_label("Formal: a review meeting with my practitioner").check()
    page.get_by_label("What changed").fill("Lunches are back on.")
    page.get_by_role("button", name="Keep this review").click()
    expect(page.locator("[data-pcsp-review-history] li")).to_have_text(["2027-02-01, formal: Lunches are back on."])
    # After the review, lunch with friends is achieved.
    page.locator('label[for="plan-outcomes-0-status-achieved"]').click()
    page.get_by_text("What changed since my last review").click()
    expect(page.locator("[data-pcsp-changes-body]")).to_contain_text("Since your formal review on 2027-02-01")
    expect(page.locator("[data-pcsp-changes-body]")).to_contain_text(
        "I have lunch with my high school friends once a month: Under way → Achieved")
    assert run_axe(page) == []


def test_an_overdue_review_is_clearly_flagged(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    late = json.loads(json.dumps(CECILIA))
    late["agreement"]["date_agreed"] = "2020-01-10"
    late["review"]["next_formal_review"] = "2020-06-01"
    (tmp_path / "late.json").write_text(json.dumps(late), encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(tmp_path / "late.json"))
    due = page.locator("[data-pcsp-review-due]")
    expect(due).to_contain_text("Your formal review was due on 2020-06-01. Ask for one: Call Ann")
    assert page.locator("[data-pcsp-review]").get_attribute("data-overdue") == "true"


def test_printing_shows_the_plan_and_the_card_without_site_chrome(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    before = checked(page)
    page.get_by_role("button", name="See an example").click()
    wait_checked(page, before)
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")  # what the browser fires before printing
    page.emulate_media(media="print")
    area = page.locator("[data-pcsp-print-area]")
    expect(area).to_contain_text("Cecilia")
    expect(area).to_contain_text("I have lunch with my high school friends once a month")
    for chrome in (".md-header", ".md-sidebar--primary", "[data-pcsp-criteria]", ".pcsp-toolbar", "form.pcsp-form"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.get_by_role("button").filter(visible=True).count() == 0
    page.screenshot(path=str(tmp_path / "print.png"), full_page=True)

    page.emulate_media(media="screen")
    # The card's button, with the browser's print dialog standing in as its beforeprint (and no afterprint yet).
    page.evaluate("() => { window.print = () => dispatchEvent(new Event('beforeprint')); }")
    page.get_by_role("button", name="Print my “if things change” card").click()
    page.emulate_media(media="print")
    expect(area).to_contain_text("If things change: Cecilia")
    expect(area).to_contain_text("Call 999 straight away.")
    expect(area).to_contain_text("My coordinator: Ann, Care coordinator, Through the GP practice")
    assert not page.get_by_role("heading", name="My plan", exact=True).is_visible()
    assert watched.errors == []


def test_each_outcome_is_coached_with_the_examples_one_click_away(server, watched: Watched):
    page = watched.page
    open_editor(page, server)
    page.get_by_role("button", name="Add another outcome").click()
    field = page.locator('[data-path="/outcomes/0/in_my_words"]')
    field.fill("Support to go to the day centre")
    coach = page.locator("[data-pcsp-outcome-coach]").first
    expect(coach).to_contain_text("names a service or a way of doing things")
    coach.get_by_text("Examples: instead of this, write this").click()
    expect(coach).to_contain_text("I will spend time at least twice a week with people who share my interests")
    field.fill("I see my daughter at least once a month")
    expect(coach).to_be_empty()
    assert run_axe(page) == []


def test_the_editor_works_offline_after_the_first_visit(site, browser):
    with offline_after_visiting(site, browser, "my-plan/",
                                "() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked") as (page, _):
        page.reload()
        page.wait_for_function("() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked")
        before = checked(page)
        page.get_by_role("button", name="See an example").click()
        wait_checked(page, before)
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-criterion]')].every(li => li.dataset.verdict === 'met')")


def test_a_file_over_5_mb_is_refused_unread(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    page.get_by_label("My name").fill("Ann")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(huge))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("“huge.json” cannot be opened")
    expect(alert).to_contain_text("The file is 6.0 MB; plans and assessments are never larger than 5 MB")
    expect(alert).to_contain_text("Nothing on this page has changed")
    assert page.get_by_label("My name").input_value() == "Ann"


def test_a_plan_dropped_on_the_page_opens(server, watched: Watched):
    page = watched.page
    open_editor(page, server)
    raw = (ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8")
    page.evaluate("""raw => {
        const data = new DataTransfer();
        data.items.add(new File([raw], "dropped.json", {type: "application/json"}));
        const root = document.querySelector("[data-pcsp-widget=plan]");
        root.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true, cancelable: true}));
        root.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", raw)
    expect(page.get_by_role("status").filter(has_text="Opened “dropped.json”")).to_be_visible()
    expect(page.get_by_label("My name")).to_have_value("Cecilia")


def test_a_reason_in_the_panel_takes_the_cursor_to_its_field(server, watched: Watched):
    page = watched.page
    open_editor(page, server)
    link = page.locator('[data-criterion="5"] [data-findings] a').first
    target = link.get_attribute("href").lstrip("#")
    link.click()
    assert page.evaluate("() => document.activeElement.dataset.path") == target


def test_a_mistyped_nhs_number_is_pointed_out_beside_it_and_never_refused(server, watched: Watched, tmp_path):
    page = watched.page
    open_editor(page, server)
    field = page.get_by_label("My NHS number (if I want it here)")
    field.fill("943 476 5918")
    note = page.locator("#plan-person-nhs_number-check")
    expect(note).to_have_text("This is not a valid NHS number: a digit may be mistyped. "
                              "Check it against a letter from your GP.")
    assert "plan-person-nhs_number-check" in field.get_attribute("aria-describedby")
    # It is still saved as typed: a typo never costs the person their plan.
    with page.expect_download() as saved:
        page.get_by_role("button", name="Save", exact=True).click()
    saved.value.save_as(tmp_path / "plan.json")
    assert json.loads((tmp_path / "plan.json").read_text())["person"]["nhs_number"] == "943 476 5918"
    field.fill("943 476 5919")
    expect(note).to_have_text("")
    assert run_axe(page) == []


def test_what_is_typed_before_the_scripts_run_is_kept_and_saved(server, browser, tmp_path):
    """On a slow phone the form is there before its script: typing then must survive the script starting."""
    context = browser.new_context(service_workers="block")  # so the script's request can be held back
    try:
        page = context.new_page()
        page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
        held = []
        page.route("**/assets/pcsp/plan-editor.js", lambda route: held.append(route))
        page.goto(server.url + "my-plan/")
        page.wait_for_function("() => document.readyState === 'complete'")
        assert held, "the editor's script was asked for"
        page.get_by_label("My name", exact=True).fill("Ann, typed early")
        page.get_by_text("I wrote it with support", exact=True).click()
        held[0].continue_()
        page.wait_for_function("() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked")
        expect(page.get_by_label("My name", exact=True)).to_have_value("Ann, typed early")
        expect(page.get_by_role("radio", name="I wrote it with support")).to_be_checked()
        with page.expect_download() as saved:
            page.get_by_role("button", name="Save", exact=True).click()
        plan = json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))
        assert plan["person"]["name"] == "Ann, typed early"
        assert plan["conversation"]["written_by"] == "me-with-support"
    finally:
        context.close()
