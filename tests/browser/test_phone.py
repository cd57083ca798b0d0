"""My plan on a phone (360 px): the "Does my plan count?" bar keeps the answer in sight, goes to the
panel and brings the cursor back."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import Watched, run_axe
from .test_phone_first import from_the_menu
from .test_plan_editor import open_editor


def test_the_count_bar_follows_the_plan_and_its_jump_keeps_focus_sensible(server, watched: Watched, tmp_path):
    page = watched.page
    page.set_viewport_size({"width": 360, "height": 740})
    open_editor(page, server)
    bar = page.get_by_role("button", name="Does my plan count?")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("Not yet: 0 of 5 met")
    from_the_menu(page, "See an example")
    expect(bar).to_contain_text("Yes: 5 of 5 met")
    page.screenshot(path=str(tmp_path / "top.png"))

    # Written down the page, the bar is still in sight, and changes as the plan does.
    field = page.get_by_label("Date my plan was agreed")
    field.scroll_into_view_if_needed()
    expect(bar).to_be_in_viewport()
    page.get_by_text("A practitioner wrote it", exact=True).click()
    expect(bar).to_contain_text("Not yet: 4 of 5 met")
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    assert run_axe(page) == []

    chosen = page.get_by_role("radio", name="A practitioner wrote it")
    chosen.focus()
    bar.click()
    panel = page.locator("[data-pcsp-criteria]")
    expect(panel).to_be_focused()
    expect(panel).to_be_in_viewport()
    panel.get_by_role("button", name="Back to where I was").click()
    expect(chosen).to_be_focused()
    expect(panel.get_by_role("button", name="Back to where I was")).to_be_hidden()


def test_the_bar_is_not_there_beside_the_panel_on_a_wide_screen(server, watched: Watched):
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 800})
    open_editor(page, server)
    expect(page.get_by_role("button", name="Does my plan count?")).to_be_hidden()
