"""The team tools in Chromium: the self-assessment, bringing members' files
together, what changed over time, and the action plan taken away.

Expected answers are worked out by hand from the levels tabled here (and, for
the over-time test, in tests/test_maturity.py), never read back from the page's
own sums.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from pcsp_core import open_document, resources
from pcsp_core.exports import action_plan_file_name, actions_csv, actions_markdown

from .conftest import ROOT, Server, Watched, dialogs_on_leaving, offline_after_visiting, run_axe, wait_for_draft

EXAMPLES = ROOT / "examples"
WITHOUT_FILE_SYSTEM_ACCESS = "delete window.showOpenFilePicker; delete window.showSaveFilePicker;"
ENABLERS = ["prepared-people.a", "prepared-people.b", "prepared-people.c",
            "supportive-systems.a", "supportive-systems.b", "supportive-systems.c", "supportive-systems.e",
            "supportive-systems.f", "supportive-systems.g", "supportive-systems.h",
            "trained-teams.a", "trained-teams.b", "trained-teams.c", "trained-teams.d"]
NA = "not-assessed"
# Three members of one team. None = left blank.
#            pp.a pp.b pp.c ss.a ss.b ss.c ss.e ss.f ss.g ss.h tt.a tt.b tt.c tt.d
MEMBERS = {
    "Asha": [1, 2, 2, 3, 2, 2, 1, 2, 2, 1, 2, 3, 2, 1],
    "Bilal": [2, 2, 4, 3, 2, 3, 1, 2, 2, 4, 2, 3, 3, 2],
    "Cara": [1, 3, 3, 3, NA, 2, 2, 2, 4, 2, 2, 4, 2, None],
}
# Apart by 2 or more: ss.h (1 to 4, by 3) first, then pp.c (2 to 4) and ss.g (2 to 4), in the matrix's order.
TALK_ABOUT = ["supportive-systems.h", "prepared-people.c", "supportive-systems.g"]
SCOPE = "Frailty pathway, Eastgate PCN"


def html_id(enabler: str) -> str:
    return "assessment-enablers-" + enabler.replace(".", "_")


def ready(page: Page, widget: str) -> None:
    page.wait_for_function("w => document.querySelector(`[data-pcsp-widget=${w}]`)?.dataset.pcspMounted "
                           "&& window.__pcspRuntime?.state.state === 'ready'", arg=widget)


def open_assessment(page: Page, server: Server) -> None:
    page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
    page.goto(server.url + "team/self-assessment/")
    ready(page, "assessment")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=assessment]').dataset.summarised")


def summarised(page: Page) -> str:
    return page.evaluate("() => document.querySelector('[data-pcsp-widget=assessment]').dataset.summarised")


def wait_summarised(page: Page, before: str) -> None:
    page.wait_for_function("b => document.querySelector('[data-pcsp-widget=assessment]').dataset.summarised !== b",
                           arg=before)


def open_file(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(path))


def save(page: Page, button: str, to: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    download.value.save_as(to)
    return to


def choose(page: Page, input_id: str) -> None:
    """Tick a radio or box as people do: by clicking its label (the whole tile answers the click)."""
    page.locator(f'label[for="{input_id}"]').click()


def fill_member(page: Page, name: str, levels: list, by_keyboard: bool = False) -> None:
    """What a member does: say what is assessed and by whom, then choose a level for each enabler."""
    choose(page, "assessment-scope-type-clinical-pathway")
    page.get_by_label("Its name").fill(SCOPE)
    page.get_by_role("button", name="Add a person").click()
    page.locator("#assessment-assessed_by-0-name").fill(name)
    page.get_by_label("Date of the assessment").fill("2026-11-20")
    for enabler, level in zip(ENABLERS, levels):
        if level is None:
            continue
        if by_keyboard and level == 3:
            # Focus the first level, take it with Space, then move down with the arrow keys as a keyboard user would.
            page.locator(f"#{html_id(enabler)}-level-1").focus()
            page.keyboard.press("Space")
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
        else:
            choose(page, f"{html_id(enabler)}-level-{level}")


def test_three_members_fill_in_and_the_lead_brings_them_together(server, browser, tmp_path):
    files = []
    for name, levels in MEMBERS.items():
        context = browser.new_context(service_workers="block", accept_downloads=True)
        try:
            page = context.new_page()
            open_assessment(page, server)
            fill_member(page, name, levels, by_keyboard=name == "Cara")
            if name == "Asha":
                choose(page, "assessment-statements-prepared-people_i_1")
            expect(page.locator("#assessment-progress")).to_have_attribute(
                "value", str(4 + sum(level is not None for level in levels)))
            path = save(page, "Save", tmp_path / f"{name.lower()}.json")
        finally:
            context.close()
        opened = open_document(path.read_bytes(), "self-assessment")
        assert opened["valid"], opened["errors"]
        saved = {e: r.get("level") for e, r in opened["document"].get("enablers", {}).items()}
        assert saved == {e: lv for e, lv in zip(ENABLERS, levels) if lv is not None}
        files.append(path)
    assert json.loads(files[0].read_text())["statements"] == {"prepared-people.i.1": True}

    context = browser.new_context(service_workers="block", accept_downloads=True)
    try:
        page = context.new_page()
        page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)  # Save downloads, as in browsers without the picker
        page.goto(server.url + "team/together/")
        ready(page, "together")
        page.get_by_label("Choose every member’s assessment file").set_input_files([str(f) for f in files])
        page.wait_for_function("() => document.querySelector('[data-pcsp-widget=together]').dataset.merged")
        talk = page.locator(".pcsp-talk-about > li").evaluate_all("items => items.map(li => li.dataset.enabler)")
        assert talk == TALK_ABOUT
        row = page.locator("tr", has=page.get_by_label("Agreed level for Supportive Systems and Processes, enabler h"))
        assert row.locator("td").all_inner_texts()[:5] == ["1", "4", "2", "2", "1 to 4"]
        chart = page.get_by_role("img", name="Supportive Systems and Processes: the team's median level for each "
                                 "enabler, and how far members spread")
        assert "Enabler h: 2 (from 1 to 4)" in chart.locator("desc").text_content()
        highlighted = page.locator("tr.pcsp-disagreement select").evaluate_all("s => s.map(x => x.dataset.enabler)")
        assert sorted(highlighted) == sorted(TALK_ABOUT)
        assert run_axe(page) == []

        # The lead records what the team agreed, and saves the agreed assessment.
        page.get_by_label("Agreed level for Supportive Systems and Processes, enabler h").select_option(label="2 Developing")
        page.get_by_label("Agreed level for Prepared People and Patients, enabler c").select_option(label="3 Maturing")
        agreed_path = save(page, "Save the agreed assessment", tmp_path / "agreed.json")

        # A file about another pathway is refused, and the screen keeps the three members.
        other = json.loads(files[0].read_text())
        other["scope"]["name"] = "Diabetes pathway"
        (tmp_path / "diabetes.json").write_text(json.dumps(other), encoding="utf-8")
        merged_before = page.evaluate("() => document.querySelector('[data-pcsp-widget=together]').dataset.merged")
        page.get_by_label("Choose every member’s assessment file").set_input_files(
            [str(files[1]), str(tmp_path / "diabetes.json")])
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("diabetes.json")
        expect(alert).to_contain_text("Nothing on this page has changed")
        assert page.evaluate("() => document.querySelector('[data-pcsp-widget=together]').dataset.merged") == merged_before
        assert page.locator(".pcsp-talk-about > li").count() == 3
        assert page.get_by_label("Agreed level for Supportive Systems and Processes, enabler h").input_value() == "2"
        assert run_axe(page) == []
    finally:
        context.close()

    agreed = open_document(agreed_path.read_bytes(), "self-assessment")
    assert agreed["valid"], agreed["errors"]
    doc = agreed["document"]
    assert [m["file"] for m in doc["agreed_from"]] == ["asha.json", "bilal.json", "cara.json"]
    assert [m["assessed_by"] for m in doc["agreed_from"]] == ["Asha", "Bilal", "Cara"]
    levels = {e: r.get("level") for e, r in doc["enablers"].items()}
    assert levels["supportive-systems.h"] == 2 and levels["prepared-people.c"] == 3  # recorded by the lead
    assert levels["supportive-systems.a"] == 3 and levels["trained-teams.a"] == 2  # all three chose it
    assert levels.get("supportive-systems.g") is None  # apart by 2, not agreed yet
    assert levels["supportive-systems.b"] == 2  # Cara did not assess it; the two who did agree
    assert doc["scope"]["name"] == SCOPE and "statements" not in doc  # 1 of 3 is not more than half


def moved(page: Page, title: str) -> set[str]:
    """The enablers listed under one heading of "What moved"."""
    heading = page.locator("[data-pcsp-moved] h3", has_text=title)
    return set(heading.locator("xpath=following-sibling::ul[1]/li").evaluate_all("l => l.map(x => x.dataset.enabler)"))


def foundation_rows(page: Page) -> list[list[str]]:
    table = page.get_by_role("table", name="Average level of each foundation")
    return [r.locator("th, td").all_inner_texts() for r in table.locator("tbody tr").all()]


def assert_the_example_pair_compared(page: Page) -> None:
    """On screen: team-baseline.json as the baseline, team-follow-up.json as the follow-up."""
    # From the table in tests/test_maturity.py, baseline → follow-up.
    assert moved(page, "Went up") == {"prepared-people.a", "prepared-people.c", "supportive-systems.b",
                                      "supportive-systems.c", "supportive-systems.e", "supportive-systems.f",
                                      "trained-teams.a", "trained-teams.c", "trained-teams.d"}
    assert moved(page, "Went down") == {"trained-teams.b"}
    assert moved(page, "Rated for the first time") == {"supportive-systems.h"}
    # (2+2+1)/3 → (3+2+3)/3; (3+2+3+1+2+2)/6 → (3+3+4+2+3+2+2)/7; (2+3+2+2)/4 → (3+2+3+3)/4
    assert foundation_rows(page) == [["Prepared People and Patients", "1.67", "2.67", "+1"],
                                     ["Supportive Systems and Processes", "2.17", "2.71", "+0.54"],
                                     ["Trained Teams", "2.25", "2.75", "+0.5"]]
    expect(page.locator("[data-pcsp-period]")).to_have_text(
        "Frailty pathway, Northbridge PCN: from 2026-03-19 (“team-baseline.json”) to 2027-03-18 "
        "(“team-follow-up.json”).")


def compared(page: Page) -> str | None:
    return page.evaluate("() => document.querySelector('[data-pcsp-widget=over-time]').dataset.compared")


def drop(page: Page, widget: str, paths: list[Path]) -> None:
    """Drop files on a tool, as a person dragging them from their file manager."""
    files = [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]
    page.evaluate("""([widget, files]) => {
        const data = new DataTransfer();
        for (const f of files) data.items.add(new File([f.text], f.name, {type: "application/json"}));
        const root = document.querySelector(`[data-pcsp-widget=${widget}]`);
        root.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true, cancelable: true}));
        root.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", [widget, files])


def picked(page: Page, label: str) -> str | None:
    """The name of the file a picker shows, or None when it shows none."""
    return page.get_by_label(label).evaluate("input => input.files[0]?.name ?? null")


def test_baseline_and_follow_up_chosen_together_are_told_apart_by_follows(server, watched: Watched, tmp_path):
    page = watched.page
    page.goto(server.url + "team/over-time/")
    ready(page, "over-time")
    both = page.get_by_label("Choose both files at once")
    baseline, follow_up = EXAMPLES / "team-baseline.json", EXAMPLES / "team-follow-up.json"
    said = ("“team-follow-up.json” follows “team-baseline.json”, so “team-baseline.json” is the baseline and "
            "“team-follow-up.json” the follow-up.")

    # The follow-up first: the page still makes the other one the baseline, and fills both pickers.
    both.set_input_files([str(follow_up), str(baseline)])
    expect(page.get_by_role("status")).to_have_text(said)
    assert_the_example_pair_compared(page)
    assert picked(page, "The baseline") == "team-baseline.json"
    assert picked(page, "The follow-up") == "team-follow-up.json"
    assert run_axe(page) == []

    # Two files that do not say which follows which: the page says why, and what is on screen stays.
    before = compared(page)
    both.set_input_files([str(EXAMPLES / "team-member-amira.json"), str(EXAMPLES / "team-member-ben.json")])
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("None of these files names the baseline it follows")
    expect(alert).to_contain_text("Choose the baseline and the follow-up one at a time. Nothing on this page has changed.")
    assert compared(page) == before
    assert_the_example_pair_compared(page)
    assert run_axe(page) == []

    # Two files claiming the same baseline: the page will not guess.
    twin = json.loads(follow_up.read_text(encoding="utf-8"))
    twin["date"] = "2027-09-01"
    (tmp_path / "another-follow-up.json").write_text(json.dumps(twin), encoding="utf-8")
    both.set_input_files([str(baseline), str(follow_up), str(tmp_path / "another-follow-up.json")])
    expect(page.get_by_role("alert")).to_contain_text("“team-follow-up.json” and “another-follow-up.json” both follow "
                                                      "“team-baseline.json”.")
    assert compared(page) == before

    # The follow-up alone: the page says which baseline to add, and waits for it ...
    both.set_input_files([str(follow_up)])
    expect(page.get_by_role("status")).to_have_text("“team-follow-up.json” follows “team-baseline.json”, assessed on "
                                                    "2026-03-19. Add that file as the baseline.")
    expect(page.locator("[data-pcsp-results]")).to_be_hidden()
    assert (picked(page, "The baseline"), picked(page, "The follow-up")) == (None, "team-follow-up.json")
    assert run_axe(page) == []
    # ... which, dropped on the page, makes the pair.
    drop(page, "over-time", [baseline])
    expect(page.get_by_role("status")).to_have_text(said)
    assert_the_example_pair_compared(page)

    # Both dropped at once, the baseline first this time.
    before = compared(page)
    drop(page, "over-time", [baseline, follow_up])
    page.wait_for_function("b => document.querySelector('[data-pcsp-widget=over-time]').dataset.compared !== b",
                           arg=before)
    assert_the_example_pair_compared(page)
    assert run_axe(page) == []
    assert watched.errors == []


def test_baseline_and_follow_up_show_what_moved(server, watched: Watched, tmp_path):
    page = watched.page
    page.goto(server.url + "team/over-time/")
    ready(page, "over-time")
    page.get_by_label("The baseline").set_input_files(str(EXAMPLES / "team-baseline.json"))
    expect(page.get_by_role("status")).to_contain_text("Now choose the follow-up")
    page.get_by_label("The follow-up").set_input_files(str(EXAMPLES / "team-follow-up.json"))
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=over-time]').dataset.compared")
    assert_the_example_pair_compared(page)
    rows = foundation_rows(page)
    chart = page.get_by_role("img", name="Average level of each foundation, baseline and follow-up")
    assert "Baseline 1.67, Follow-up 2.67" in chart.locator("desc").text_content()
    assert run_axe(page) == []

    # A follow-up of another scope is refused; what is on screen stays.
    other = json.loads((EXAMPLES / "team-follow-up.json").read_text())
    other["scope"]["type"] = "service"
    (tmp_path / "other.json").write_text(json.dumps(other), encoding="utf-8")
    page.get_by_label("The follow-up").set_input_files(str(tmp_path / "other.json"))
    expect(page.get_by_role("alert")).to_contain_text("cannot be brought together")
    assert foundation_rows(page) == rows
    assert run_axe(page) == []


def test_the_action_plan_exports_as_csv_and_markdown(server, watched: Watched, tmp_path):
    page = watched.page
    open_assessment(page, server)
    before = summarised(page)
    page.get_by_role("button", name="See an example").click()
    wait_summarised(page, before)
    group = page.locator(f"#{html_id('trained-teams.a')}")
    group.get_by_role("button", name="Add an improvement action").click()
    hyperlink = '=HYPERLINK("http://evil.invalid/","Click")'
    group.get_by_label("What we will do").last.fill(hyperlink)
    group.get_by_label("Who owns it").last.fill("Zoë, lead nurse")
    group.get_by_label("Due by").last.fill("2027-02-01")
    choose(page, f"{html_id('trained-teams.a')}-actions-0-status-in-progress")
    doc = json.loads(save(page, "Save", tmp_path / "with-action.json").read_text(encoding="utf-8"))

    csv_path = save(page, "Download the action plan (CSV, for spreadsheets)", tmp_path / "plan.csv")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf\"Foundation\",")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    # The actions, as the saved file holds them, in the matrix's order.
    matrix = resources.framework("maturity")["foundations"]
    status = {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}
    expected = [[f["title"], f"{e['letter']}. {e['text']}", a.get("what", ""), a.get("owner", ""), a.get("due", ""),
                 status.get(a.get("status"), "")]
                for f in matrix for e in f["enablers"] for a in doc["enablers"].get(e["id"], {}).get("actions", [])]
    expected = [[("'" + c) if c[:1] in "=+-@" else c for c in row] for row in expected]
    assert rows[0] == ["Foundation", "Enabler", "What we will do", "Who owns it", "Due by", "Status"]
    assert rows[1:] == expected and len(expected) == 4
    assert ["'" + hyperlink, "Zoë, lead nurse", "2027-02-01", "In progress"] in [r[2:] for r in rows]

    markdown = save(page, "Download the action plan (Markdown)", tmp_path / "plan.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Action plan: Frailty pathway, Northbridge PCN\n")
    assert "| Zoë, lead nurse | 2027-02-01 | In progress |" in markdown

    # The page's own action table lists the same four.
    expect(page.locator("[data-pcsp-actions] tbody tr")).to_have_count(4)


def test_the_agreed_action_plan_downloads_from_the_together_page(server, browser, tmp_path):
    """The same bytes as pcsp_core.exports and `pcsp actions` make for the agreed file, and as the
    self-assessment page downloads for it."""
    context = browser.new_context(service_workers="block", accept_downloads=True)
    try:
        page = context.new_page()
        page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)  # Save downloads, as in browsers without the picker
        downloads: list = []
        page.on("download", lambda download: downloads.append(download))
        page.goto(server.url + "team/together/")
        ready(page, "together")

        # Members who wrote no actions: there is no action plan, and the page says so instead of an empty file.
        for name in ("team-member-amira.json", "team-member-ben.json"):
            doc = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
            for rating in doc["enablers"].values():
                rating.pop("actions", None)
            (tmp_path / name).write_text(json.dumps(doc), encoding="utf-8")
        page.get_by_label("Choose every member’s assessment file").set_input_files(
            [str(tmp_path / "team-member-amira.json"), str(tmp_path / "team-member-ben.json")])
        expect(page.get_by_role("status").filter(has_text="Brought together 2")).to_be_visible()
        page.get_by_role("button", name="Download the action plan (CSV, for spreadsheets)").click()
        expect(page.get_by_role("alert")).to_have_text(
            "The agreed assessment has no improvement actions yet (none of the members' files has one), so there is "
            "no action plan to download. Save it, then add actions on the self-assessment page.")
        expect(page.get_by_role("alert")).to_be_focused()  # it answers the click, wherever the page is scrolled
        page.get_by_role("button", name="Download the action plan (Markdown)").click()
        expect(page.get_by_role("alert")).to_contain_text("no action plan to download")
        page.wait_for_timeout(300)  # a download would have started by now (no assertion on time)
        assert downloads == []
        assert run_axe(page) == []

        # The example members wrote three actions each: the agreed assessment gathers all six.
        page.get_by_role("button", name="Try it with two example files").click()
        expect(page.get_by_role("status").filter(has_text="Brought together 2")).to_be_visible()
        agreed_path = save(page, "Save the agreed assessment", tmp_path / "agreed.json")
        agreed = open_document(agreed_path.read_bytes(), "self-assessment")["document"]
        taken = {}
        for extension, button in ((".csv", "Download the action plan (CSV, for spreadsheets)"),
                                  (".md", "Download the action plan (Markdown)")):
            with page.expect_download() as download:
                page.get_by_role("button", name=button).click()
            name = download.value.suggested_filename
            taken[extension] = (name, download.value.path().read_bytes())
            expect(page.locator("[data-pcsp-messages]")).to_have_text(
                f"The action plan is saved as “{name}” in your downloads.")
        # Material fades a button's colours for 125 ms as it loses focus; axe measures the colours it ends with.
        page.wait_for_timeout(300)
        assert run_axe(page) == []

        # Byte for byte what pcsp_core makes of the agreed file, under the name it gives.
        made = {".csv": actions_csv(agreed), ".md": actions_markdown(agreed)}
        for extension, (name, raw) in taken.items():
            assert name == action_plan_file_name(agreed, agreed["date"], extension)
            assert raw == made[extension].encode("utf-8")
        assert taken[".csv"][1].startswith(b"\xef\xbb\xbf") and taken[".csv"][1].count(b"\r\n") == 7  # 6 actions
        # ... and what `pcsp actions` writes for it.
        for extension, fmt in ((".csv", "csv"), (".md", "markdown")):
            out = tmp_path / f"cli{extension}"
            run = subprocess.run([sys.executable, "-m", "pcsp_core", "actions", "--format", fmt, "-o", str(out),
                                  str(agreed_path)], capture_output=True, text=True)
            assert run.returncode == 0, run.stderr
            assert out.read_bytes() == taken[extension][1]

        # The self-assessment page, given the agreed file, downloads the very same files.
        open_assessment(page, server)
        open_file(page, agreed_path)
        expect(page.get_by_role("status").filter(has_text="Opened “agreed.json”")).to_be_visible()
        for extension, button in ((".csv", "Download the action plan (CSV, for spreadsheets)"),
                                  (".md", "Download the action plan (Markdown)")):
            with page.expect_download() as download:
                page.get_by_role("button", name=button).click()
            assert (download.value.suggested_filename, download.value.path().read_bytes()) == taken[extension]
        # With no actions it says so, in the same way.
        page.get_by_role("button", name="New assessment").click()
        page.get_by_role("button", name="Download the action plan (CSV, for spreadsheets)").click()
        expect(page.get_by_role("alert")).to_have_text("There are no improvement actions yet, so there is no action "
                                                       "plan to download. Add them under each enabler first.")
        page.wait_for_timeout(300)  # a download would have started by now (no assertion on time)
        # The agreed assessment, then its action plan twice from each page: never an empty one.
        assert [d.suggested_filename for d in downloads][1:] == [taken[".csv"][0], taken[".md"][0]] * 2
    finally:
        context.close()


def test_bad_files_leave_the_assessment_on_screen_as_it_was(server, watched: Watched, tmp_path):
    page = watched.page
    open_assessment(page, server)
    page.get_by_label("Its name").fill("Our service")
    newer = {"kind": "self-assessment", "schema_version": 99}
    files = {
        "notes.json": ("{ not json", "not valid JSON"),
        "plan.json": ((EXAMPLES / "cecilia-plan.json").read_text(), "not a self-assessment"),
        "future.json": (json.dumps(newer), "newer version"),
        "broken.json": (json.dumps({"$schema": "https://pcsp.invalid/schemas/self-assessment.schema.json",
                                    "kind": "self-assessment", "schema_version": 1,
                                    "enablers": {"prepared-people.a": {"level": 7}}}), "/enablers/prepared-people.a/level"),
    }
    for name, (text, words) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        open_file(page, tmp_path / name)
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(words)
        expect(alert).to_contain_text("Nothing on this page has changed")
        assert page.get_by_label("Its name").input_value() == "Our service"
    assert run_axe(page) == []
    # Script in a file is shown as text and runs nothing.
    hostile = json.loads((EXAMPLES / "team-baseline.json").read_text())
    hostile["scope"]["name"] = "<img src=x onerror=\"window.__ran=1\">"
    hostile["enablers"]["trained-teams.a"]["actions"] = [{"what": "<script>window.__ran=2</script>"}]
    (tmp_path / "hostile.json").write_text(json.dumps(hostile), encoding="utf-8")
    before = summarised(page)
    page.once("dialog", lambda dialog: dialog.accept())  # "your unsaved changes will be lost"
    open_file(page, tmp_path / "hostile.json")
    wait_summarised(page, before)
    expect(page.locator("[data-pcsp-actions]")).to_contain_text("<script>window.__ran=2</script>")
    assert page.evaluate("window.__ran") is None


def test_save_open_save_is_byte_identical_and_the_draft_comes_back(server, browser, tmp_path):
    context = browser.new_context(service_workers="block", accept_downloads=True)
    try:
        page = context.new_page()
        open_assessment(page, server)
        open_file(page, EXAMPLES / "team-baseline.json")
        expect(page.get_by_role("status").filter(has_text="Opened")).to_be_visible()
        expect(page.locator("[data-pcsp-provenance]")).to_contain_text("team-member-amira.json")
        first = save(page, "Save", tmp_path / "first.json")
        assert first.read_bytes() == (EXAMPLES / "team-baseline.json").read_bytes()
        # A change is kept as a draft; a new tab offers it back.
        page.get_by_label("Its name").fill("Frailty pathway, renamed")
        wait_for_draft(page, "self-assessment", "(doc) => doc.scope?.name === 'Frailty pathway, renamed'")
        page.close()
        page = context.new_page()
        open_assessment(page, server)
        page.get_by_role("button", name="Restore it").click()
        expect(page.get_by_label("Its name")).to_have_value("Frailty pathway, renamed")
        expect(page.locator(f"#{html_id('prepared-people.b')}-level-2")).to_be_checked()
        # Leaving with unsaved changes asks first.
        page.get_by_label("Its name").fill("Frailty pathway, renamed again")
        assert dialogs_on_leaving(page) == ["beforeunload"]
    finally:
        context.close()


def test_the_summary_shows_levels_priorities_and_next_levels(server, watched: Watched):
    page = watched.page
    open_assessment(page, server)
    before = summarised(page)
    page.get_by_role("button", name="See an example").click()
    wait_summarised(page, before)
    expect(page.locator("[data-pcsp-summary-about]")).to_have_text(
        "Frailty pathway, Northbridge PCN (a clinical pathway), assessed on 2026-03-19 by Amira Haddad and Ben Whitlock.")
    # team-baseline.json: Prepared People a 2, b 2, c 1 → the priority is c, and the next level is 2 Developing.
    first = page.locator(".pcsp-summary__foundation").first
    expect(first).to_contain_text("3 of 3 enablers rated; average level 1.67")
    expect(first.locator(".pcsp-priorities > li")).to_have_count(1)
    expect(first.locator(".pcsp-priorities > li")).to_contain_text("Now 1 Emerging. The next level, 2 Developing:")
    levels = first.get_by_role("table", name="Prepared People and Patients: levels")
    assert levels.locator("td").all_inner_texts() == ["2 Developing", "2 Developing", "1 Emerging"]
    chart = first.get_by_role("img", name="Prepared People and Patients: the level of each enabler")
    assert chart.locator("desc").text_content() == "Enabler a: 2; Enabler b: 2; Enabler c: 1."
    # Changing a level in the form changes the summary.
    before = summarised(page)
    choose(page, f"{html_id('prepared-people.c')}-level-4")
    wait_summarised(page, before)
    assert levels.locator("td").all_inner_texts() == ["2 Developing", "2 Developing", "4 Embedded"]
    expect(first.locator(".pcsp-priorities > li")).to_have_count(2)  # a and b, both at 2
    assert run_axe(page) == []
    # Printing shows the summary and the action plan, not the form.
    page.emulate_media(media="print")
    assert not page.locator("form.pcsp-form").is_visible()
    assert page.locator("#summary").is_visible() and page.locator("[data-pcsp-actions] table").is_visible()
    page.emulate_media(media="screen")


def test_the_team_pages_at_360px(server, watched: Watched):
    page = watched.page
    page.set_viewport_size({"width": 360, "height": 800})
    for path, widget in (("team/self-assessment/", "assessment"), ("team/together/", "together"),
                         ("team/over-time/", "over-time")):
        page.goto(server.url + path)
        ready(page, widget)
        page.get_by_role("button", name="example").first.click()
        page.wait_for_selector(".pcsp-summary__foundation, [data-pcsp-results]:not([hidden])")
        page.wait_for_timeout(300)  # let the drawing finish before measuring (no assertion on time)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, path
        assert run_axe(page) == [], path
    assert watched.errors == []


def test_the_team_tools_work_offline_after_the_first_visit(site, browser):
    python_ready = "() => window.__pcspRuntime?.state.state === 'ready'"
    with offline_after_visiting(site, browser, "team/self-assessment/", python_ready) as (page, url):
        page.goto(url + "team/together/")
        ready(page, "together")
        page.get_by_role("button", name="Try it with two example files").click()
        page.wait_for_function("() => document.querySelector('[data-pcsp-widget=together]').dataset.merged")
        talk = page.locator(".pcsp-talk-about > li").evaluate_all("items => items.map(li => li.dataset.enabler)")
        assert talk == ["trained-teams.d", "prepared-people.b"]


def test_the_lead_s_agreed_levels_survive_a_closed_tab_and_choosing_the_files_again(server, browser):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(server.url + "team/together/")
        ready(page, "together")
        page.get_by_role("button", name="Try it with two example files").click()
        page.wait_for_function("() => document.querySelector('[data-pcsp-widget=together]').dataset.merged")
        agreed = page.get_by_label("Agreed level for Trained Teams, enabler d")
        agreed.select_option(label="3 Maturing")
        wait_for_draft(page, "agreed-assessment", "(doc) => doc.enablers?.['trained-teams.d']?.level === 3")
        page.close()
        page = context.new_page()
        page.goto(server.url + "team/together/")
        ready(page, "together")
        page.get_by_role("button", name="Restore it").click()
        expect(page.get_by_role("status").filter(has_text="Your agreed levels are back")).to_be_visible()
        expect(page.get_by_label("Agreed level for Trained Teams, enabler d")).to_have_value("3")
        # The members' files again: their levels come back beside the lead's, which stay.
        page.get_by_role("button", name="Try it with two example files").click()
        expect(page.get_by_role("status").filter(has_text="Brought together 2")).to_be_visible()
        expect(page.get_by_label("Agreed level for Trained Teams, enabler d")).to_have_value("3")
        assert page.locator(".pcsp-talk-about > li").count() == 2
        assert run_axe(page) == []
    finally:
        context.close()


def test_members_files_dropped_on_the_page_are_brought_together(server, watched: Watched):
    page = watched.page
    page.goto(server.url + "team/together/")
    ready(page, "together")
    files = [{"name": n, "text": (EXAMPLES / n).read_text(encoding="utf-8")}
             for n in ("team-member-amira.json", "team-member-ben.json")]
    page.evaluate("""files => {
        const data = new DataTransfer();
        for (const f of files) data.items.add(new File([f.text], f.name, {type: "application/json"}));
        const root = document.querySelector("[data-pcsp-widget=together]");
        root.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true, cancelable: true}));
        root.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", files)
    expect(page.get_by_role("status").filter(has_text="Brought together 2 assessments")).to_be_visible()
    members = page.locator("[data-pcsp-members] li").all_inner_texts()
    assert members == ["Amira Haddad (team-member-amira.json) assessed 2026-03-12",
                       "Ben Whitlock (team-member-ben.json) assessed 2026-03-12"]


def test_a_huge_file_among_the_members_is_refused_unread(server, watched: Watched, tmp_path):
    page = watched.page
    page.goto(server.url + "team/together/")
    ready(page, "together")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    page.get_by_label("Choose every member’s assessment file").set_input_files(
        [str(EXAMPLES / "team-member-amira.json"), str(huge)])
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("1 of the 2 files cannot be used")
    expect(alert).to_contain_text("huge.json: The file is 6.0 MB; plans and assessments are never larger than 5 MB")
    assert page.locator("[data-pcsp-results]").is_hidden()
    assert run_axe(page) == []


def test_a_follow_up_started_from_an_assessment_names_it_and_keeps_its_scope(server, watched: Watched, tmp_path):
    page = watched.page
    open_assessment(page, server)
    open_file(page, EXAMPLES / "team-baseline.json")
    expect(page.get_by_role("status").filter(has_text="Opened “team-baseline.json”")).to_be_visible()
    page.get_by_role("button", name="Start a follow-up from this assessment").click()
    expect(page.get_by_role("status").filter(has_text="Started a follow-up of “team-baseline.json”")).to_be_visible()
    assert page.get_by_label("Its name").input_value() == "Frailty pathway, Northbridge PCN"
    choose(page, f"{html_id('prepared-people.c')}-level-3")
    saved = json.loads(save(page, "Save", tmp_path / "follow-up.json").read_text(encoding="utf-8"))
    baseline = json.loads((EXAMPLES / "team-baseline.json").read_text(encoding="utf-8"))
    assert saved["follows"] == {"file": "team-baseline.json", "date": baseline["date"],
                                "assessed_by": "Amira Haddad, Ben Whitlock"}
    assert saved["scope"] == baseline["scope"] and saved["enablers"] == {"prepared-people.c": {"level": 3}}
    assert run_axe(page) == []

    # See what changed, given both files at once, finds which is the baseline by itself.
    page.goto(server.url + "team/over-time/")
    ready(page, "over-time")
    page.get_by_label("Choose both files at once").set_input_files([str(tmp_path / "follow-up.json"),
                                                                   str(EXAMPLES / "team-baseline.json")])
    expect(page.get_by_role("status")).to_have_text("“follow-up.json” follows “team-baseline.json”, so "
                                                    "“team-baseline.json” is the baseline and “follow-up.json” the "
                                                    "follow-up.")
    assert moved(page, "Went up") == {"prepared-people.c"}  # 1 in the baseline, 3 now
