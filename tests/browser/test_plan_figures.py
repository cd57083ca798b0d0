"""The figures from a team's own plans beside its self-assessment, in Chromium (issue 17)."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from pcsp_core.checker import check
from pcsp_core.documents import open_document
from pcsp_core.evidence import plan_evidence, sentence, stored

from .conftest import ROOT, Watched, run_axe
from .test_team import open_assessment, open_file, save

CALIBRATION = sorted(p for p in (ROOT / "tests" / "calibration").glob("*.json") if not p.name.endswith(".expected.json"))
KEY = "pcsp-plan-figures"  # kept-figures.js
TODAY = "2026-12-07"


def figures(count: int = 12) -> dict:
    return stored(plan_evidence([check(p.name, p.read_bytes(), today=TODAY) for p in CALIBRATION[:count]], TODAY))


def keep(page: Page, block) -> None:
    """As Check our plans leaves them: set before the page's scripts run, on every load."""
    page.add_init_script(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(block))})")


def box(page: Page, enabler: str):
    return page.locator(f"[data-pcsp-enabler-figures='{enabler}']")


def evidence_field(page: Page, enabler: str):
    return page.locator(f"#assessment-enablers-{enabler.replace('.', '_')}-evidence")


def test_figures_kept_on_the_device_are_added_and_their_sentence_lands_in_the_evidence_by_keyboard(
        server, watched: Watched, tmp_path):
    page = watched.page
    block = figures()
    keep(page, block)
    open_assessment(page, server)
    panel = page.get_by_role("region", name="What our plans show")
    expect(box(page, "supportive-systems.g")).to_have_count(0)
    add = panel.get_by_role("button", name="Add the figures from Check our plans")
    add.focus()
    page.keyboard.press("Enter")
    expect(panel).to_contain_text(f"Added the figures of {TODAY} (12 plans)")
    expect(panel).to_contain_text(f"{block['counting']} of 12 count as personalised care and support plans")
    for enabler in ("supportive-systems.g", "supportive-systems.b", "supportive-systems.f", "trained-teams.b",
                    "prepared-people.a"):
        expect(box(page, enabler)).to_contain_text(sentence(block, enabler))
    expect(page.locator("[data-pcsp-enabler-figures]")).to_have_count(5)  # no other enabler has a plan figure

    # The sentence for g joins what was typed there, by keyboard, and typing carries on after it.
    field = evidence_field(page, "supportive-systems.g")
    field.fill("Audit of March.")
    button = box(page, "supportive-systems.g").get_by_role("button", name="Add this to the evidence")
    button.focus()
    page.keyboard.press("Enter")
    expect(field).to_be_focused()
    said = sentence(block, "supportive-systems.g")
    expect(field).to_have_value(f"Audit of March.\n\n{said}")
    page.keyboard.type(" We will audit again.")
    expect(field).to_have_value(f"Audit of March.\n\n{said} We will audit again.")
    button.focus()
    page.keyboard.press("Space")
    expect(page.get_by_text("That sentence is already in the evidence.")).to_be_visible()
    expect(field).to_have_value(f"Audit of March.\n\n{said} We will audit again.")
    assert run_axe(page) == []

    saved = open_document(save(page, "Save", tmp_path / "ours.json").read_bytes())
    assert saved["valid"], saved["errors"]
    assert saved["document"]["plan_evidence"] == block
    assert saved["document"]["enablers"]["supportive-systems.g"]["evidence"].startswith(f"Audit of March.\n\n{said}")

    # Removing the figures takes away the boxes, and what was typed stays.
    panel.get_by_role("button", name="Remove the figures from this assessment").click()
    expect(page.locator("[data-pcsp-enabler-figures]")).to_have_count(0)
    expect(add).to_be_focused()
    expect(field).to_have_value(f"Audit of March.\n\n{said} We will audit again.")
    again = open_document(save(page, "Save", tmp_path / "ours-2.json").read_bytes())
    assert "plan_evidence" not in again["document"]
    assert watched.errors == []


def test_damaged_figures_on_the_device_are_refused_and_nothing_changes(server, watched: Watched):
    page = watched.page
    block = figures(4)
    keep(page, {**block, "gaps": [{"element": "Mrs Smith's flat", "plans": 1}]})
    open_assessment(page, server)
    page.locator("#assessment-scope-name").fill("Frailty pathway")
    page.get_by_role("button", name="Add the figures from Check our plans").click()
    expect(page.get_by_text("The figures kept on this device cannot be used")).to_be_visible()
    expect(page.locator("[data-pcsp-enabler-figures]")).to_have_count(0)
    expect(page.locator("#assessment-scope-name")).to_have_value("Frailty pathway")


def test_an_assessment_that_carries_figures_shows_them_and_offers_newer_ones(server, watched: Watched):
    page = watched.page
    newer = figures(20)
    keep(page, newer)
    open_assessment(page, server)
    open_file(page, ROOT / "examples" / "team-baseline.json")
    baseline = json.loads((ROOT / "examples" / "team-baseline.json").read_text(encoding="utf-8"))["plan_evidence"]
    expect(box(page, "supportive-systems.g")).to_contain_text(sentence(baseline, "supportive-systems.g"))
    use = page.get_by_role("button", name=f"Use the newer figures from Check our plans ({TODAY})")
    use.click()
    expect(box(page, "supportive-systems.g")).to_contain_text(sentence(newer, "supportive-systems.g"))
    expect(use).to_be_hidden()
