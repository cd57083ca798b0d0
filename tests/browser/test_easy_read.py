"""Easy read in Chromium: the person's own plan (and a plan shared as a link) one idea per line, big
text, a picture on the left of each heading, printable, by keyboard, on a phone, and offline."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from pcsp_core.easy_read import easy_read
from pcsp_core.sharing import shared

from .conftest import ROOT, Server, Watched, offline_after_visiting, run_axe
from .test_phone_first import press
from .test_plan_editor import checked, open_editor, wait_checked
from .test_protected import make_link

CECILIA = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))
FOURTEEN_POINT_PX = 14 * 96 / 72  # 18.67 px

# What each shown heading and its picture are, as the page has them.
HEADINGS = """(view) => [...view.querySelectorAll('.pcsp-easy-read__heading')].map((h) => {
  const img = h.querySelector('img'); const title = h.querySelector('h3');
  const picture = img && img.getBoundingClientRect(); const words = title.getBoundingClientRect();
  return {heading: title.textContent, src: img && img.src, alt: img && img.getAttribute('alt'),
          loaded: Boolean(img && img.complete && img.naturalWidth > 0),
          width: picture ? picture.width : 0, height: picture ? picture.height : 0,
          left_of_heading: Boolean(picture && picture.right <= words.left)};
})"""

# The smallest font size, line height (as a multiple) and the styles of every piece of text in the view.
TEXT_STYLES = """(view) => [...view.querySelectorAll('p, li, span, h2, h3')].filter((e) => e.textContent.trim()
    && e.getClientRects().length).map((e) => {
  const s = getComputedStyle(e);
  return {text: e.textContent.slice(0, 40), size: parseFloat(s.fontSize),
          spacing: s.lineHeight === 'normal' ? 1.2 : parseFloat(s.lineHeight) / parseFloat(s.fontSize),
          align: s.textAlign, style: s.fontStyle};
})"""


def cecilia_on_screen(page: Page, server: Server) -> None:
    open_editor(page, server)
    before = checked(page)
    press(page, "See an example")
    wait_checked(page, before)
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")


def view_of(page: Page):
    return page.get_by_role("region", name="Easy read")


def show(page: Page, button: str = "Show my plan in easy read") -> None:
    """Open easy read with its button, and wait until it is drawn."""
    drawn = page.evaluate("() => document.querySelector('[data-pcsp-easy-read]').dataset.drawn || ''")
    press(page, button)
    page.wait_for_function("(before) => (document.querySelector('[data-pcsp-easy-read]').dataset.drawn || '') "
                           "!== before", arg=drawn)


def form_values(page: Page) -> list:
    return page.locator("form [data-path]").evaluate_all(
        "els => els.map(e => [e.dataset.path, e.type === 'radio' || e.type === 'checkbox' ? e.checked : e.value])")


def test_my_plan_in_easy_read_each_heading_with_its_picture_big_text_and_the_person_s_words(server, watched: Watched):
    page = watched.page
    cecilia_on_screen(page, server)
    show(page)
    view = view_of(page)
    expect(view).to_be_visible()
    expect(view.get_by_role("heading", name="Easy read")).to_be_focused()  # the cursor went to it
    expect(view).to_contain_text("Cecilia’s care and support plan")

    wanted = easy_read(CECILIA)
    headings = view.evaluate(HEADINGS)
    assert [h["heading"] for h in headings] == [s["heading"] for s in wanted["sections"]]
    for shown, section in zip(headings, wanted["sections"]):
        assert shown["src"] == f"{server.url}assets/icons/tabler/{section['icon']}.svg", shown
        assert shown["loaded"] and shown["width"] > 0 and shown["height"] > 0, shown  # a real picture
        assert shown["alt"] == "" and shown["left_of_heading"], shown  # decorative, on the left
    for section in wanted["sections"]:
        expect(view.get_by_role("heading", name=section["heading"], exact=True)).to_be_visible()

    # The person's words, exactly as they wrote them, each on its own line.
    for item in CECILIA["about_me"]["what_is_important_to_me"]:
        expect(view.get_by_role("listitem").filter(has_text=item["text"]).first).to_have_text(item["text"])
    expect(view.get_by_text("What I want: " + CECILIA["outcomes"][0]["in_my_words"], exact=True)).to_be_visible()
    expect(view.get_by_text("Who helps: District nursing team", exact=True)).to_be_visible()

    styles = view.evaluate(TEXT_STYLES)
    assert len(styles) > 100
    for style in styles:
        assert style["size"] >= FOURTEEN_POINT_PX, style
        assert style["spacing"] >= 1.3 or style["size"] >= 24, style  # headings may sit closer
        assert style["align"] in ("left", "start") and style["style"] == "normal", style

    # Nothing came from anywhere but the site itself, the pictures included.
    assert [url for url in watched.requests if not url.startswith((server.url, "data:", "blob:"))] == []
    assert any(url.endswith("/assets/icons/tabler/target.svg") for url in watched.requests)
    assert run_axe(page) == []
    for box in view.get_by_role("button").evaluate_all("els => els.map(e => e.getBoundingClientRect())"):
        assert box["width"] >= 24 and box["height"] >= 24
    assert watched.errors == []


def test_by_keyboard_alone_it_opens_and_closes_and_the_cursor_goes_back(server, watched: Watched):
    page = watched.page
    cecilia_on_screen(page, server)
    opener = page.get_by_role("button", name="Show my plan in easy read")
    opener.focus()
    drawn = page.evaluate("() => document.querySelector('[data-pcsp-easy-read]').dataset.drawn || ''")
    page.keyboard.press("Enter")
    page.wait_for_function("(b) => (document.querySelector('[data-pcsp-easy-read]').dataset.drawn || '') !== b",
                           arg=drawn)
    view = view_of(page)
    expect(view.get_by_role("heading", name="Easy read")).to_be_focused()
    page.keyboard.press("Tab")
    expect(view.get_by_role("button", name="Print this easy-read plan")).to_be_focused()
    page.keyboard.press("Tab")
    expect(view.get_by_role("button", name="Close easy read")).to_be_focused()
    page.keyboard.press("Enter")
    expect(view).to_be_hidden()
    expect(opener).to_be_focused()
    # Escape closes it too, from anywhere in the view.
    page.keyboard.press("Enter")
    expect(view.get_by_role("heading", name="Easy read")).to_be_focused()
    page.keyboard.press("Escape")
    expect(view).to_be_hidden()
    expect(opener).to_be_focused()


def test_unsaved_typing_shows_in_easy_read_and_the_view_changes_nothing(server, watched: Watched):
    page = watched.page
    cecilia_on_screen(page, server)
    outcome = page.locator('[data-path="/outcomes/0/in_my_words"]')
    outcome.fill("I have lunch with my friends from school\nevery month, at the café")
    page.get_by_role("button", name="Add another worry").click()
    page.locator('[data-path="/worries/2"]').fill("Being <b>alone</b> & lonely")
    before = form_values(page)
    show(page)
    view = view_of(page)
    # Not saved, still shown; the person's own line break starts a new line; markup stays words.
    expect(view.get_by_role("listitem").filter(has_text="I have lunch with my friends from school")).to_have_count(1)
    expect(view.get_by_role("listitem").filter(has_text="every month, at the café")).to_have_count(1)
    expect(view.get_by_role("listitem").filter(has_text="Being <b>alone</b> & lonely")).to_have_count(1)
    # While it is open, it follows the typing.
    page.locator('[data-path="/worries/2"]').fill("Being on my own at night")
    expect(view.get_by_role("listitem").filter(has_text="Being on my own at night")).to_have_count(1)
    page.get_by_role("button", name="Close easy read").click()
    # The view changed nothing: every field holds what was typed, and only what was typed.
    assert form_values(page) == [[path, "Being on my own at night" if path == "/worries/2" else value]
                                 for path, value in before]


def test_with_easy_read_open_printing_gives_the_easy_read_pages_only(server, watched: Watched):
    page = watched.page
    cecilia_on_screen(page, server)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; "
                  "dispatchEvent(new Event('beforeprint')); }; }")
    show(page)
    view = view_of(page)
    view.get_by_role("button", name="Print this easy-read plan").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(view).to_be_visible()
    expect(view).to_contain_text(CECILIA["outcomes"][0]["in_my_words"])
    expect(view.get_by_role("heading", name="What I want to happen")).to_be_visible()
    assert all(h["loaded"] and h["width"] > 0 for h in view.evaluate(HEADINGS))  # the pictures print
    assert min(s["size"] for s in view.evaluate(TEXT_STYLES)) >= FOURTEEN_POINT_PX
    for hidden in ("form.pcsp-form", "[data-pcsp-criteria]", ".pcsp-toolbar", "[data-pcsp-print-area]", ".md-header",
                   ".md-sidebar--primary", "[data-pcsp-share]"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.get_by_role("button").filter(visible=True).count() == 0
    page.screenshot(path="/tmp/easy-read-print.png", full_page=True)

    # "Print my plan" still prints the whole plan, easy read open or not.
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Print my plan").click()
    page.emulate_media(media="print")
    area = page.locator("[data-pcsp-print-area]")
    expect(area.get_by_role("heading", name="About me and what matters to me")).to_be_visible()
    expect(view).to_be_hidden()
    page.evaluate("() => dispatchEvent(new Event('afterprint'))")
    expect(view).to_be_visible()  # and after that print, easy read is what prints again
    expect(area).to_be_hidden()
    assert watched.errors == []


def test_on_a_360px_phone_nothing_scrolls_sideways_and_it_passes_axe(server, watched: Watched, tmp_path):
    page = watched.page
    page.set_viewport_size({"width": 360, "height": 800})
    cecilia_on_screen(page, server)
    show(page)
    view = view_of(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert all(h["left_of_heading"] for h in view.evaluate(HEADINGS))
    assert run_axe(page) == []
    view.screenshot(path=str(tmp_path / "easy-read-360.png"))
    view.locator(".pcsp-easy-read__section").filter(
        has=page.get_by_role("heading", name="What I want to happen")).screenshot(path=str(tmp_path / "easy-read-360-outcomes.png"))


def test_a_plan_shared_as_a_link_can_be_shown_in_easy_read_too(server, watched: Watched):
    page = watched.page
    cecilia_on_screen(page, server)
    link = make_link(page)  # Cecilia's choice: the summary for the people who support her
    reader = watched.context.new_page()
    reader.set_viewport_size({"width": 360, "height": 800})
    reader.add_init_script("delete window.showOpenFilePicker; delete window.showSaveFilePicker;")
    reader.goto(link)
    shared_view = reader.get_by_role("region", name="A plan shared with you")
    expect(shared_view).to_be_visible()
    show(reader, "Show this plan in easy read")
    view = view_of(reader)
    wanted = easy_read(shared(CECILIA))
    assert [h["heading"] for h in view.evaluate(HEADINGS)] == [s["heading"] for s in wanted["sections"]]
    assert all(h["loaded"] for h in view.evaluate(HEADINGS))
    expect(view).to_contain_text(CECILIA["outcomes"][1]["in_my_words"])
    expect(view).not_to_contain_text(CECILIA["worries"][0])  # private: not in what she shares
    expect(reader.get_by_label("My name", exact=True)).to_have_value("")  # the reader's own editor: untouched
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360
    assert run_axe(reader) == []
    view.screenshot(path="/tmp/easy-read-shared-360.png")
    view.get_by_role("button", name="Close easy read").click()
    expect(shared_view.get_by_role("button", name="Show this plan in easy read")).to_be_focused()
    # Closing the shared plan closes its easy read too.
    show(reader, "Show this plan in easy read")
    shared_view.get_by_role("button", name="Close it").click()
    expect(view).to_be_hidden()
    expect(shared_view).to_be_hidden()


def test_when_python_cannot_run_easy_read_says_so_and_nothing_is_lost(server, watched: Watched):
    page = watched.page
    page.route("**/assets/pcsp/worker.js", lambda route: route.abort())
    page.add_init_script("delete window.showOpenFilePicker; delete window.showSaveFilePicker;")
    page.goto(server.url + "my-plan/")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=plan]').dataset.pcspMounted")
    page.get_by_label("My name", exact=True).fill("Zoë, typed while the checks are down")
    before = form_values(page)
    page.get_by_role("button", name="Show my plan in easy read").click()
    view = view_of(page)
    expect(view).to_be_visible()
    expect(view.get_by_role("status")).to_contain_text("Easy read could not be made just now", timeout=60_000)
    expect(view.get_by_role("status")).to_contain_text("Nothing in the plan has changed")
    assert form_values(page) == before
    view.get_by_role("button", name="Close easy read").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Zoë, typed while the checks are down")


def test_easy_read_works_offline_its_pictures_kept_by_the_service_worker(site, browser):
    ready = "() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked"
    with offline_after_visiting(site, browser, "my-plan/", ready) as (page, url):
        kept = page.evaluate("""async () => {
            const urls = [];
            for (const name of await caches.keys()) {
              if (!name.startsWith('pcsp-site-')) continue;
              for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
            }
            return urls.filter((u) => u.includes('/assets/icons/tabler/'));
        }""")
        expected = {f"{url}assets/icons/tabler/{s['icon']}.svg" for s in easy_read(CECILIA)["sections"]}
        assert expected <= set(kept)
        page.reload()
        page.wait_for_function(ready)
        before = checked(page)
        page.get_by_role("button", name="See an example").click()
        wait_checked(page, before)
        show(page)
        headings = view_of(page).evaluate(HEADINGS)
        assert len(headings) == len(easy_read(CECILIA)["sections"])
        assert all(h["loaded"] and h["width"] > 0 for h in headings), headings
