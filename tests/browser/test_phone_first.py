"""Every tool page on a phone, on a wide screen and zoomed to 200%; and the toolbar's "More" menu.

A page zoomed to 200% on a 1280 px screen lays out as a 640 px one, so that width stands for it.
axe-core's WCAG 2.2 AA rules include target size (2.5.8); small_targets checks it again here for
every control a person taps, so a failure names the control.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import Watched, run_axe
from .test_plan_editor import WITHOUT_FILE_SYSTEM_ACCESS, checked, wait_checked

TOOL_PAGES = ["my-plan/", "check-an-outcome/", "team/self-assessment/", "team/together/", "team/over-time/",
              "team/check-our-plans/", "team/implementation-checklist/", "trainers/"]
WIDTHS = {"phone": 360, "zoomed-200%": 640, "wide": 1280}

SMALL_TARGETS = """() => {
    const controls = document.querySelectorAll(
        'button, input:not([type=hidden]), select, textarea, summary, [role=menuitem], a[href]');
    const small = [];
    for (const control of controls) {
        const box = control.getBoundingClientRect();
        // Only what can be seen and tapped: Material keeps its search box's Clear button drawn
        // but transparent until there is something to clear.
        if (!box.width || !box.height || !control.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        // A link in a sentence is exempt (2.5.8 "Inline"): its words are the sentence's.
        if (control.tagName === 'A' && control.parentElement.textContent.trim() !== control.textContent.trim()) continue;
        if (box.width < 24 || box.height < 24) small.push(`${control.outerHTML.slice(0, 90)} ${box.width}x${box.height}`);
    }
    return small;
}"""


def open_tool(page: Page, server, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(WITHOUT_FILE_SYSTEM_ACCESS)
    page.goto(server.url + path)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-pcsp-widget]')]
        .every(w => w.dataset.pcspMounted)""")


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
@pytest.mark.parametrize("path", TOOL_PAGES)
def test_every_tool_page_fits_and_passes_axe(server, watched: Watched, path, width):
    page = watched.page
    open_tool(page, server, path, width)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "sideways scroll"
    assert page.evaluate(SMALL_TARGETS) == []
    assert run_axe(page) == []


def more(page: Page):
    return page.get_by_role("button", name="More", exact=True)


def press(page: Page, name: str) -> None:
    """A button by its name; on a phone, a toolbar button is pressed through the "More" menu."""
    button = page.get_by_role("button", name=name, exact=True)
    if button.is_visible() or not more(page).is_visible():
        button.click()
    else:
        from_the_menu(page, name)


def from_the_menu(page: Page, name: str) -> None:
    """On a phone, a toolbar button other than Save is pressed through the "More" menu."""
    more(page).click()
    page.get_by_role("menu", name="More").get_by_role("menuitem", name=name, exact=True).click()


def test_on_a_phone_the_toolbar_is_save_and_a_menu_that_follows_the_menu_button_pattern(server, watched: Watched):
    page = watched.page
    open_tool(page, server, "my-plan/", 360)
    toolbar = page.get_by_role("group", name="Your plan file")
    names = [b.inner_text() for b in toolbar.get_by_role("button").all()]
    assert names == ["Save", "More"]  # one row: the rest are in the menu
    boxes = [b.bounding_box() for b in toolbar.get_by_role("button").all()]
    assert boxes[0]["y"] == boxes[1]["y"]
    expect(more(page)).to_have_attribute("aria-haspopup", "menu")
    expect(more(page)).to_have_attribute("aria-expanded", "false")

    more(page).focus()
    page.keyboard.press("ArrowDown")
    menu = page.get_by_role("menu", name="More")
    expect(menu).to_be_visible()
    expect(more(page)).to_have_attribute("aria-expanded", "true")
    items = menu.get_by_role("menuitem")
    assert items.all_inner_texts() == ["New plan", "Open a file", "Make a protected copy", "See an example",
                                       "Print my plan", "Show my plan in easy read",
                                       "Print my “if things change” card", "Share my plan", "Clear this device"]
    expect(items.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(items.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(items.last).to_be_focused()
    page.keyboard.press("ArrowDown")  # wraps to the first
    expect(items.first).to_be_focused()
    assert run_axe(page) == []  # the open menu too
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(more(page)).to_be_focused()
    expect(more(page)).to_have_attribute("aria-expanded", "false")

    # Enter opens it; a letter finds an item; Enter does what the toolbar button does.
    page.keyboard.press("Enter")
    page.keyboard.press("s")
    expect(items.filter(has_text="See an example")).to_be_focused()
    before = checked(page)
    page.keyboard.press("Enter")
    wait_checked(page, before)
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    expect(menu).to_be_hidden()

    more(page).click()
    with page.expect_file_chooser():
        menu.get_by_role("menuitem", name="Open a file").click()
    more(page).click()
    menu.get_by_role("menuitem", name="Share my plan").click()
    expect(page.get_by_role("heading", name="Share my plan")).to_be_focused()
    more(page).click()
    page.mouse.click(350, 850)  # a tap elsewhere closes it
    expect(menu).to_be_hidden()


def test_on_a_wide_screen_every_button_is_in_the_row_and_there_is_no_menu(server, watched: Watched):
    page = watched.page
    open_tool(page, server, "my-plan/", 1280)
    expect(more(page)).to_be_hidden()
    toolbar = page.get_by_role("group", name="Your plan file")
    assert "Open a file" in toolbar.get_by_role("button").all_inner_texts()


def test_the_team_tools_keep_their_buttons_on_a_phone(server, watched: Watched):
    """Only My plan, which a person keeps on their phone, trades its row of buttons for the menu."""
    page = watched.page
    open_tool(page, server, "team/self-assessment/", 360)
    expect(more(page)).to_have_count(0)
    expect(page.get_by_role("button", name="Open a file")).to_be_visible()
