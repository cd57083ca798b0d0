"""Check our plans, in Chromium: many plan files checked on the device, figures equal to pcsp check's."""

from __future__ import annotations

import datetime
import json
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
