"""The figures from a team's own plans beside its self-assessment, in Chromium (issue 17)."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from pcsp_core.checker import check
from pcsp_core.documents import open_document
from pcsp_core.evidence import plan_evidence, sentence, stored

from .conftest import ROOT, Watched, run_axe
from .test_team import WITHOUT_FILE_SYSTEM_ACCESS, open_assessment, open_file, save

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
    summary = page.locator("#summary")  # where the summary prints, the figures print with it
    for enabler in ("supportive-systems.g", "prepared-people.a"):
        expect(summary).to_contain_text(sentence(block, enabler))
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert run_axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})

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

    saved_path = save(page, "Save", tmp_path / "ours.json")
    saved = open_document(saved_path.read_bytes())
    assert saved["valid"], saved["errors"]
    assert saved["document"]["plan_evidence"] == block
    # Opened again, with its keys in another order, they are still the figures kept here: nothing to offer.
    reordered = json.loads(saved_path.read_text(encoding="utf-8"))
    reordered["plan_evidence"] = dict(reversed(list(reordered["plan_evidence"].items())))
    reordered["scope"] = {"type": "service", "name": "Reopened"}
    (tmp_path / "reordered.json").write_text(json.dumps(reordered), encoding="utf-8")
    open_file(page, tmp_path / "reordered.json")
    expect(page.locator("#assessment-scope-name")).to_have_value("Reopened")
    expect(panel).to_contain_text(f"This assessment carries the figures from 12 plans")
    expect(panel.locator("[data-pcsp-add-figures]")).to_be_hidden()  # by its place: hidden, it has no role
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
    use = page.get_by_role("button", name=f"Use the figures from Check our plans instead ({TODAY}, 20 plans; "
                                          f"this assessment's are of {baseline['date']})")
    use.click()
    expect(box(page, "supportive-systems.g")).to_contain_text(sentence(newer, "supportive-systems.g"))
    expect(use).to_be_hidden()


def test_together_shows_the_newest_figures_beside_the_levels_and_the_agreed_file_keeps_them(
        server, watched: Watched, tmp_path):
    from .test_team import ready

    page = watched.page
    older, newer = figures(5), stored(plan_evidence([check(p.name, p.read_bytes(), today="2026-12-08")
                                                     for p in CALIBRATION[5:25]], "2026-12-08"))
    paths = []
    for name, block in (("amira", older), ("ben", newer)):
        doc = json.loads((ROOT / "examples" / f"team-member-{name}.json").read_text(encoding="utf-8"))
        doc["plan_evidence"] = block
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
    page.goto(server.url + "team/together/")
    ready(page, "together")
    page.locator("[data-pcsp-files]").set_input_files([str(p) for p in paths])
    expect(page.get_by_text("from the newest figures in the members' files (20 plans checked on 2026-12-08)")).to_be_visible()
    for enabler in ("supportive-systems.g", "trained-teams.b", "prepared-people.a"):
        expect(page.locator(f"li[data-enabler='{enabler}']")).to_contain_text(sentence(newer, enabler))
    assert run_axe(page) == []
    agreed = open_document(save(page, "Save the agreed assessment", tmp_path / "agreed.json").read_bytes())
    assert agreed["valid"] and agreed["document"]["plan_evidence"] == newer


def test_what_changed_compares_the_figures_of_the_baseline_and_the_follow_up(server, watched: Watched):
    from pcsp_core.evidence import compare_evidence

    from .test_team import ready

    page = watched.page
    page.goto(server.url + "team/over-time/")
    ready(page, "over-time")
    page.get_by_role("button", name="Try it with the example baseline and follow-up").click()
    table = page.get_by_role("table", name="What our plans show, baseline and follow-up")
    expect(table).to_be_visible()
    before, after = (json.loads((ROOT / "examples" / f"team-{n}.json").read_text(encoding="utf-8"))["plan_evidence"]
                     for n in ("baseline", "follow-up"))
    rows = compare_evidence(before, after)["rows"]
    first = rows[0]
    change = first["change"]
    expect(table.get_by_role("row").nth(1)).to_have_text(re.compile(
        rf"Plans that count.*{before['counting']} of {before['plans']} \({first['baseline']['percent']}%\)"
        rf"\s*{after['counting']} of {after['plans']} \({first['follow_up']['percent']}%\)"
        rf"\s*{'Up' if change > 0 else 'Down'} {abs(change)} points"))
    expect(table.get_by_role("row")).to_have_count(len(rows) + 1)
    assert run_axe(page) == []
    page.set_viewport_size({"width": 360, "height": 800})  # a phone: the table scrolls in its own box, the page not
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert run_axe(page) == []


def test_from_the_team_s_plans_to_the_saved_assessment_no_plan_word_travels(server, watched: Watched, tmp_path):
    """The whole way: plans with a marker in every one, checked on Check our plans, kept, added to the
    self-assessment and saved. The marker is in no figure, no stored byte, no saved file and no request."""
    from .test_check_our_plans import MARKER, open_page, plans_in

    page = watched.page
    page.add_init_script("delete window.showOpenFilePicker; delete window.showSaveFilePicker;")
    paths = plans_in(tmp_path / "plans", count=12)
    open_page(page, server)
    page.get_by_label("Choose the plan files").set_input_files([str(p) for p in paths])
    page.get_by_role("button", name="Use these figures in our self-assessment").click()
    page.get_by_role("link", name="Open the self-assessment").click()
    page.wait_for_function("() => window.__pcspRuntime?.state.state === 'ready' && "
                           "document.querySelector('[data-pcsp-widget=assessment]')?.dataset.summarised")
    page.get_by_role("button", name="Add the figures from Check our plans").click()
    box(page, "supportive-systems.g").get_by_role("button", name="Add this to the evidence").click()
    saved = save(page, "Save", tmp_path / "ours.json").read_text(encoding="utf-8")
    document = open_document(saved)["document"]
    assert document["plan_evidence"]["plans"] == 12 and document["plan_evidence"]["files"] == 14
    stored_here = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert MARKER in (tmp_path / "plans" / CALIBRATION[0].name).read_text(encoding="utf-8")  # the plans hold it ...
    for where in (saved, stored_here, page.content(), "\n".join(watched.requests)):
        assert MARKER not in where  # ... nothing the page made does
    assert watched.errors == []
