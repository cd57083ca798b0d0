"""Share my plan, as a person uses it: choose what goes in, keep the choice in the plan file, and
download copies that are the very bytes `pcsp export` writes from that file."""

from __future__ import annotations

import io
import json
from pathlib import Path

from playwright.sync_api import Page, expect

from pcsp_core.cli import run
from pcsp_core.plan_exports import formats

from .conftest import Watched, run_axe
from .test_fault_journeys import save_download
from .test_plan_editor import open_editor


def share_panel(page: Page):
    return page.locator("[data-pcsp-share]")


def download_copy(page: Page, label: str, to: Path) -> Path:
    with page.expect_download() as download:
        share_panel(page).get_by_role("button", name=label).click()
    path = to / download.value.suggested_filename
    download.value.save_as(path)
    return path


def cli_export(plan: Path, format: str, today: str) -> bytes:
    out, err = io.StringIO(newline=""), io.StringIO()
    assert run(["export", "--format", format, "--today", today, str(plan)], out, err) == 0, err.getvalue()
    return out.getvalue().encode("utf-8")


def test_a_chosen_part_by_part_copy_is_kept_in_the_file_and_matches_the_cli_byte_for_byte(server, watched: Watched,
                                                                                          tmp_path):
    page = watched.page
    open_editor(page, server)
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    panel = share_panel(page)
    expect(panel.get_by_role("radio", name="A summary for the people who support me")).to_be_checked()
    expect(panel.get_by_role("group", name="The parts I share")).to_be_hidden()
    panel.get_by_role("radio", name="Part by part, as I choose").check()
    parts = panel.get_by_role("group", name="The parts I share")
    expect(parts).to_be_visible()
    # It starts as the summary: private parts off, the summary's parts on.
    expect(parts.get_by_role("checkbox", name="Medicines that matter to me")).not_to_be_checked()
    expect(parts.get_by_role("checkbox", name="If things change")).to_be_checked()
    parts.get_by_role("checkbox", name="Actions").uncheck()
    parts.get_by_role("checkbox", name="My health conditions").check()
    assert run_axe(page) == []

    saved = save_download(page, tmp_path / "plan.json")
    plan = json.loads(saved.read_text(encoding="utf-8"))
    assert plan["share_choice"]["scope"] == "sections"
    assert "actions" not in plan["share_choice"]["sections"] and "conditions" in plan["share_choice"]["sections"]

    today = page.evaluate("() => new Date().toLocaleDateString('en-CA')")  # YYYY-MM-DD where the browser is
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    for spec in formats():
        got = download_copy(page, spec["label"], downloads)
        assert got.name.endswith(spec["ending"]) and got.name.startswith("cecilia-plan-")
        assert got.read_bytes() == cli_export(saved, spec["id"], today), spec["id"]
        expect(panel.get_by_role("status")).to_contain_text(f"Saved “{got.name}”")
    markdown = next(downloads.glob("*.md")).read_text(encoding="utf-8")
    assert "## My health conditions" in markdown and "## Actions" not in markdown
    assert watched.errors == []


def test_a_plan_opened_from_a_file_shows_its_own_choice(server, watched: Watched, tmp_path):
    from .conftest import ROOT

    plan = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))
    plan["share_choice"] = {"scope": "all"}
    path = tmp_path / "everything.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    page = watched.page
    open_editor(page, server)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(path))
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    expect(share_panel(page).get_by_role("radio", name="Everything in my plan")).to_be_checked()
    expect(share_panel(page).get_by_text("The summary leaves out")).to_be_hidden()


def test_the_card_prints_what_pcsp_core_makes(server, watched: Watched):
    page = watched.page
    page.add_init_script("window.print = () => { dispatchEvent(new Event('beforeprint')); "
                         "dispatchEvent(new Event('afterprint')); };")
    open_editor(page, server)
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    page.get_by_role("button", name="Print my “if things change” card").click()
    area = page.locator("[data-pcsp-print-area]")
    expect(area.locator("h1")).to_have_text("If things change: Cecilia")
    expect(area).to_contain_text("If my health gets worse")
    expect(area.locator(".pcsp-print-card__call").first).to_contain_text("Who to contact:")
