"""Check our plans, in Chromium: many plan files checked on the device, figures equal to pcsp check's."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys

from playwright.sync_api import Page, expect

from pcsp_core.evidence import plan_evidence

from .conftest import ROOT, Watched, run_axe

CALIBRATION = sorted(p for p in (ROOT / "tests" / "calibration").glob("*.json") if not p.name.endswith(".expected.json"))
MARKER = "Zqxmarker"


def plans_in(folder, count=30):
    """`count` realistic plans with known verdicts, each carrying a marker word, and two files that are not plans."""
    folder.mkdir()
    paths = []
    for source in CALIBRATION[:count]:
        plan = json.loads(source.read_text(encoding="utf-8"))
        plan.setdefault("about_me", {})["how_i_communicate"] = f"{MARKER} speaks slowly"
        path = folder / source.name
        path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    (folder / "notes.json").write_text("not json at all", encoding="utf-8")
    (folder / "team.json").write_bytes((ROOT / "examples" / "team-baseline.json").read_bytes())
    return [*paths, folder / "notes.json", folder / "team.json"]


def cli_evidence(paths, today):
    out = subprocess.run([sys.executable, "-m", "pcsp_core", "check", "--format", "json", "--today", today,
                          *map(str, paths)], capture_output=True, text=True, check=False, cwd=ROOT)
    return plan_evidence(json.loads(out.stdout)["files"], today)


def open_page(page: Page, server) -> None:
    page.goto(server.url + "team/check-our-plans/")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=check-plans]')?.dataset.pcspMounted")


def test_the_figures_equal_pcsp_check_on_the_same_files_and_bad_files_are_listed(server, watched: Watched, tmp_path):
    page = watched.page
    paths = plans_in(tmp_path / "plans")
    open_page(page, server)
    expect(page.get_by_text("The plans never leave this computer.")).to_be_visible()
    page.get_by_label("Choose the plan files").set_input_files([str(p) for p in paths])
    figures = page.get_by_role("region", name="What our plans show")
    expect(figures).to_be_visible(timeout=60_000)
    today = datetime.date.today().isoformat()
    want = cli_evidence(paths, today)
    expect(figures).to_contain_text(f"{want['counting']} of {want['plans']} plans count")
    table = figures.get_by_role("table", name="Plans that meet each criterion")
    for n, counts in want["criteria"].items():
        row = table.get_by_role("row").filter(has_text=re.compile(rf"^{n}\. ")).first
        assert row.get_by_role("cell").all_inner_texts() == [str(counts["met"]), str(counts["partly"]),
                                                            str(counts["not-met"])]
    gaps = figures.get_by_role("table", name=re.compile("The most common gaps"))
    shown = gaps.get_by_role("row").all_inner_texts()[1:]
    assert [int(row.split("\t")[-1]) for row in shown] == [g["plans"] for g in want["gaps"][:10]]
    assert shown[0].startswith(f"{want['gaps'][0]['element']}: {want['gaps'][0]['words']}")
    expect(figures).to_contain_text(f"{want['overdue']} of {want['plans']} plans are past their next formal review")
    expect(figures).to_contain_text("notes.json: ")
    expect(figures).to_contain_text("team.json: This file is a self-assessment, not a plan.")
    assert MARKER not in figures.inner_text()
    for url in watched.requests:
        assert MARKER not in url
    assert run_axe(page) == []


def test_cancel_stops_and_says_how_many_files_the_figures_cover(server, watched: Watched, tmp_path):
    page = watched.page
    paths = plans_in(tmp_path / "plans", count=40)
    for copy in range(1, 8):  # 322 files: enough that Cancel lands while they are being checked
        for path in paths[:40]:
            twin = path.with_name(f"{path.stem}-{copy}.json")
            twin.write_bytes(path.read_bytes())
            paths.append(twin)
    total = len(paths)
    open_page(page, server)
    page.get_by_label("Choose the plan files").set_input_files([str(p) for p in paths])
    expect(page.get_by_role("status").filter(has_text=re.compile(rf"^[1-9]\d* of {total}$"))).to_be_visible(
        timeout=60_000)
    page.get_by_role("button", name="Cancel").click()
    figures = page.get_by_role("region", name="What our plans show")
    expect(figures).to_be_visible(timeout=60_000)
    status = figures.locator("[data-pcsp-figures-status]").inner_text()
    done = int(re.search(rf"first (\d+) of the {total} files", status).group(1))
    assert 0 < done < total
    today = datetime.date.today().isoformat()
    want = cli_evidence(paths[:done], today)  # the files are checked in the order chosen
    expect(figures).to_contain_text(f"{want['counting']} of {want['plans']} plans count")
    expect(page.locator("[data-pcsp-progress-words]")).to_have_text(f"{done} of {total}")


# --- a report from pcsp check, and keeping the figures for the self-assessment ----------

def cli_report(folder, names, today) -> str:
    """The report `pcsp check --format json` writes, run in the folder so its paths are the files' names."""
    out = subprocess.run([sys.executable, "-m", "pcsp_core", "check", "--format", "json", "--today", today, *names],
                         capture_output=True, text=True, check=False, cwd=folder,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return out.stdout


def figures_text(page: Page) -> str:
    return page.locator("[data-pcsp-figures-body]").inner_text()


def test_a_report_from_pcsp_check_shows_the_figures_the_files_show_and_a_bad_one_leaves_them(
        server, watched: Watched, tmp_path):
    page = watched.page
    paths = plans_in(tmp_path / "plans")
    today = datetime.date.today().isoformat()
    report = tmp_path / "report.json"
    report.write_text(cli_report(tmp_path / "plans", [p.name for p in paths], today), encoding="utf-8")
    open_page(page, server)
    page.get_by_label("Choose the plan files").set_input_files([str(p) for p in paths])
    figures = page.get_by_role("region", name="What our plans show")
    expect(figures.locator("[data-pcsp-figures-status]")).to_contain_text("were checked on", timeout=60_000)
    from_files = figures_text(page)
    expect(page.get_by_text("If your data team checked the plans with")).to_be_visible()
    page.get_by_label("Open a report from pcsp check").set_input_files(str(report))
    status = figures.locator("[data-pcsp-figures-status]")
    expect(status).to_have_text(f"These figures come from a report of pcsp check (report.json): the plans were "
                                f"checked on {today}, and it covers {len(paths)} files.", timeout=60_000)
    assert figures_text(page) == from_files  # the same counts, gaps, reviews and files not used
    expect(figures).to_contain_text("team.json: This file is a self-assessment, not a plan.")
    assert MARKER not in figures.inner_text()
    assert run_axe(page) == []

    # A plan opened as a report: its message, and the report's figures stay on screen.
    page.get_by_label("Open a report from pcsp check").set_input_files(str(paths[0]))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(f"{paths[0].name} could not be opened. This file is a plan, not a report from "
                                  "pcsp check.", timeout=30_000)
    expect(alert).to_contain_text("The figures on screen have not changed.")
    assert figures_text(page) == from_files
    expect(status).to_contain_text("come from a report of pcsp check (report.json)")
    cut = tmp_path / "cut.json"
    cut.write_text(report.read_text(encoding="utf-8")[:5000], encoding="utf-8")  # cut short
    page.get_by_label("Open a report from pcsp check").set_input_files(str(cut))
    expect(page.get_by_role("alert")).to_contain_text("cut.json could not be opened. The file is not valid JSON",
                                                      timeout=30_000)
    assert figures_text(page) == from_files
    assert run_axe(page) == []
    for url in watched.requests:
        assert MARKER not in url


def test_a_dropped_report_is_opened_as_one_and_its_figures_kept_for_the_self_assessment(
        server, watched: Watched, tmp_path):
    from pcsp_core.evidence import evidence_from_report, stored

    page = watched.page
    paths = plans_in(tmp_path / "plans")
    text = cli_report(tmp_path / "plans", [p.name for p in paths], "2026-03-01")
    open_page(page, server)
    page.evaluate("""(text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], "from-the-data-team.json", {type: "application/json"}));
        document.querySelector("[data-pcsp-widget=check-plans]").dispatchEvent(
            new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", text)
    figures = page.get_by_role("region", name="What our plans show")
    expect(figures.locator("[data-pcsp-figures-status]")).to_contain_text(
        "(from-the-data-team.json): the plans were checked on 2026-03-01", timeout=60_000)
    want = evidence_from_report({"name": "r.json", "text": text})["evidence"]
    expect(figures).to_contain_text(f"{want['counting']} of {want['plans']} plans count")
    page.get_by_role("button", name="Use these figures in our self-assessment").click()
    kept_status = figures.locator("[data-pcsp-kept]")
    expect(kept_status).to_have_text(f"Kept on this device: the figures of 2026-03-01 ({want['plans']} plans). "
                                     "Open the self-assessment to add them beside its enablers.")
    link = kept_status.get_by_role("link", name="Open the self-assessment")
    assert link.evaluate("a => a.href") == server.url + "team/self-assessment/"
    storage = page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")
    assert json.loads(storage["pcsp-plan-figures"]) == stored(want)
    assert MARKER not in json.dumps(storage)
    assert run_axe(page) == []

    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    figures.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "report-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "report-1280.png"), full_page=True)
    shots = ROOT / ".cache" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name in ("report-360.png", "report-1280.png"):
        (shots / name).write_bytes((tmp_path / name).read_bytes())


def test_figures_that_cannot_be_kept_say_so_and_stay_on_screen(server, watched: Watched, tmp_path):
    page = watched.page
    paths = plans_in(tmp_path / "plans", count=3)
    # Storage full, or switched off for the site: every write refused.
    page.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };")
    open_page(page, server)
    page.get_by_label("Choose the plan files").set_input_files([str(p) for p in paths])
    figures = page.get_by_role("region", name="What our plans show")
    expect(figures).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Use these figures in our self-assessment").click()
    expect(figures.locator("[data-pcsp-kept]")).to_have_text(
        "The figures could not be kept: this browser is not keeping anything for this site (its storage may be "
        "full, or switched off for this site). The figures are still on screen.")
    expect(figures).to_contain_text("of 3 plans count")


def test_the_figures_download_as_the_csv_pcsp_core_makes_of_pcsp_check_s_figures(server, watched: Watched, tmp_path):
    from pcsp_core.exports import figures_csv

    page = watched.page
    paths = plans_in(tmp_path / "plans", count=10)
    open_page(page, server)
    page.get_by_label("Choose the plan files").set_input_files([str(p) for p in paths])
    expect(page.get_by_role("region", name="What our plans show")).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the figures (CSV, for spreadsheets)").click()
    today = datetime.date.today().isoformat()
    assert download.value.suggested_filename == f"our-plans-figures-{today}.csv"
    text = download.value.path().read_bytes().decode("utf-8")
    assert text == figures_csv(cli_evidence(paths, today))
    assert MARKER not in text
    expect(page.get_by_role("status").filter(has_text="The figures are saved as")).to_be_visible()
