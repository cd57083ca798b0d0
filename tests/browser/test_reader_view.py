"""The reader view file, opened as a person would open it from an email: in Chromium, from disk."""

from __future__ import annotations

import copy
import json
import re

from playwright.sync_api import expect

from pcsp_core.reader_html import reader_html

from .conftest import ROOT, Watched, run_axe

CECILIA = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))


def test_the_reader_view_opens_from_a_file_asks_for_nothing_passes_axe_and_prints(watched: Watched, tmp_path):
    plan = copy.deepcopy(CECILIA)
    plan["person"]["preferred_name"] = 'Ann <b>& "Bo"</b>'
    path = tmp_path / "for-the-people-who-support-me.html"
    path.write_text(reader_html(plan, "2026-11-28"), encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    assert page.locator("h1").inner_text() == 'Ann <b>& "Bo"</b>’s care and support plan'
    assert watched.requests == [path.as_uri()]  # nothing else asked for
    assert run_axe(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 360")  # no sideways scrolling on a phone
    pdf = page.pdf(format="A4")  # the browser's own print, with the file's @page rules
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 2  # Cecilia's summary runs over pages, each numbered by @page


def test_an_empty_if_things_change_card_says_what_would_fill_it(server, watched: Watched):
    from .test_plan_editor import open_editor

    page = watched.page
    # Printing, as far as the page can tell: the browser's beforeprint, without a print dialog.
    page.add_init_script("window.print = () => { dispatchEvent(new Event('beforeprint')); "
                         "dispatchEvent(new Event('afterprint')); };")
    open_editor(page, server)
    area = page.locator("[data-pcsp-print-area]")
    page.get_by_role("button", name="Print my “if things change” card").click()
    expect(area.locator("h1")).to_have_text("If things change")
    expect(area).to_contain_text("Nothing is written for this card yet. In My plan, under “If things change”")
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    page.get_by_role("button", name="Print my “if things change” card").click()
    expect(area.locator("h1")).to_have_text("If things change: Cecilia")
    expect(area).not_to_contain_text("Nothing is written for this card yet")


def test_the_card_file_opens_from_disk_asks_for_nothing_and_passes_axe(watched: Watched, tmp_path):
    from pcsp_core.reader_html import card_html

    plan = copy.deepcopy(CECILIA)
    plan["contingency"][0]["who_to_contact"] = 'Bo <b>& "Ann"</b>'
    path = tmp_path / "if-things-change.html"
    path.write_text(card_html(plan, "2026-11-28"), encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    assert page.locator("h1").inner_text() == "If things change: Cecilia"
    expect(page.get_by_text('Who to contact: Bo <b>& "Ann"</b>')).to_be_visible()
    assert watched.requests == [path.as_uri()]
    assert run_axe(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    assert page.pdf(format="A4").startswith(b"%PDF")
