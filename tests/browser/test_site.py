"""The guide site in real Chromium: pages, the outcome check, offline, privacy, accessibility."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlparse

import pytest

from pcsp_core import check_outcome

from .conftest import Server, Watched, offline_after_visiting, pages, run_axe

PHRASES = [
    "Increasing mobilisation at home",
    "3 homecare visits a day for medication administration",
    "Support to go to the day centre",
    "I am confident walking from the lounge to the kitchen and bathroom every day",
    "I will spend time at least twice a week with people who share my interests. I like gardening, chess and old movies",
    "The patient will be compliant with medication",
    "Café – “quotes” and <script>alert(1)</script>",
    "10 PA hours per week",
]
READY = "Checks are ready"


def outcome_findings(page, text: str) -> list[dict]:
    """Type `text` into the first outcome box and read the findings shown for it."""
    field = page.get_by_label("Your outcome, in your own words")
    field.fill(text)
    page.wait_for_function("t => document.querySelector('[data-pcsp-findings]').dataset.for === t", arg=text)
    return page.evaluate("""() => [...document.querySelectorAll('.pcsp-finding')].map(li => ({
        code: [...li.classList].find(c => c.startsWith('pcsp-finding--')).slice('pcsp-finding--'.length),
        message: li.querySelector('.pcsp-finding__message').textContent,
        suggestion: li.querySelector('.pcsp-finding__suggestion').textContent.replace(/^Ask yourself: /, '')}))""")


def open_outcome_page(page, server: Server) -> None:
    page.goto(server.url + "check-an-outcome/")
    page.get_by_role("status").filter(has_text=READY).wait_for(timeout=120_000)


def test_every_page_loads_without_console_errors(site, server, watched: Watched):
    assert len(pages(site)) >= 8
    for path in pages(site):
        watched.page.goto(server.url + path)
        watched.page.wait_for_load_state("networkidle")
        assert watched.page.locator("h1").count() >= 1, path
    assert watched.errors == []


def test_the_outcome_check_gives_exactly_what_cpython_gives(server, watched: Watched):
    open_outcome_page(watched.page, server)
    for phrase in PHRASES:
        assert outcome_findings(watched.page, phrase) == check_outcome(phrase)["findings"], phrase
    assert watched.errors == []


def test_text_is_shown_as_text_and_runs_nothing(server, watched: Watched):
    open_outcome_page(watched.page, server)
    watched.page.evaluate("window.__ran = false")
    outcome_findings(watched.page, "<img src=x onerror=\"window.__ran = true\"> my <b>day</b> centre")
    assert watched.page.evaluate("window.__ran") is False
    assert watched.page.locator(".pcsp-findings img, .pcsp-findings b").count() == 0


def test_the_field_takes_typing_before_python_is_ready(server, watched: Watched):
    watched.page.goto(server.url + "check-an-outcome/")
    field = watched.page.get_by_label("Your outcome, in your own words")
    field.press_sequentially("I walk")
    status = watched.page.locator("[data-pcsp-status]").text_content()
    assert field.input_value() == "I walk"
    assert "ready" in status.lower()
    watched.page.get_by_role("status").filter(has_text=READY).wait_for(timeout=120_000)
    watched.page.wait_for_function("() => document.querySelector('[data-pcsp-findings]').dataset.for === 'I walk'")


def test_no_request_leaves_the_site(site, server, watched: Watched):
    for path in pages(site):
        watched.page.goto(server.url + path)
        watched.page.wait_for_load_state("networkidle")
    open_outcome_page(watched.page, server)
    outcome_findings(watched.page, "Support to go to the day centre")
    origin = urlparse(server.url).netloc
    foreign = [url for url in watched.requests if urlparse(url).netloc != origin and not url.startswith(("data:", "blob:"))]
    assert watched.requests and foreign == []


def test_axe_finds_nothing_on_any_page(site, server, watched: Watched):
    for width in (1280, 360):
        watched.page.set_viewport_size({"width": width, "height": 800})
        for path in pages(site):
            watched.page.goto(server.url + path)
            assert run_axe(watched.page) == [], f"{path} at {width}px"


def test_axe_finds_nothing_with_findings_showing(server, watched: Watched):
    open_outcome_page(watched.page, server)
    outcome_findings(watched.page, "Support to go to the day centre")
    watched.page.get_by_text("Examples: instead of this, write this").click()
    assert run_axe(watched.page) == []


def test_no_page_scrolls_sideways_at_360px(site, server, watched: Watched):
    watched.page.set_viewport_size({"width": 360, "height": 740})
    for path in pages(site):
        watched.page.goto(server.url + path)
        width = watched.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"


def test_instant_navigation_keeps_the_page_and_starts_the_widget(server, watched: Watched):
    page = watched.page
    page.goto(server.url)
    page.wait_for_load_state("networkidle")  # Material sets up instant navigation once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.locator("a[href$='check-an-outcome/']:visible").first.click()
    page.wait_for_url("**/check-an-outcome/")
    page.get_by_role("status").filter(has_text=READY).wait_for(timeout=120_000)
    assert page.evaluate("window.__sameDocument") is True, "the click reloaded the page"
    assert [f["code"] for f in outcome_findings(page, "Support to go to the day centre")][0] == "solution-embedded"
    # Away and back: the one interpreter is reused and the new widget works at once.
    page.locator("a[href$='about-your-data/']:visible").first.click()
    page.wait_for_url("**/about-your-data/")
    page.go_back()
    page.get_by_role("status").filter(has_text=READY).wait_for()
    assert page.evaluate("document.querySelectorAll('[data-pcsp-widget]').length") == 1
    assert outcome_findings(page, "I see my daughter at least once a month") == []
    assert watched.errors == []


def test_it_works_offline_after_the_first_visit(site, browser):
    with offline_after_visiting(site, browser) as (page, url):
        page.reload()
        for path in ("pcsp/", "framework/criteria/"):
            page.goto(url + path)
            assert page.locator("h1").count() >= 1, path
        page.goto(url + "check-an-outcome/")
        page.get_by_role("status").filter(has_text=READY).wait_for(timeout=120_000)
        assert [f["code"] for f in outcome_findings(page, "Support to go to the day centre")][0] == "solution-embedded"


def test_a_new_version_waits_until_the_person_chooses_to_reload(site, browser, tmp_path):
    deployed = tmp_path / "site"
    shutil.copytree(site, deployed)
    server = Server(deployed)
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(server.url + "check-an-outcome/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        old = page.evaluate("caches.keys()")
        page.get_by_label("Your outcome, in your own words").fill("I am half way through writing this")
        page.evaluate("window.__sameDocument = true")

        # A new build is deployed: its service worker carries a new version.
        worker = deployed / "sw.js"
        text = worker.read_text(encoding="utf-8")
        version = re.search(r'"version": "([0-9a-f]+)"', text).group(1)
        worker.write_text(text.replace(version, "0123456789ab"), encoding="utf-8")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")

        notice = page.get_by_role("status").filter(has_text="A new version of this guide is ready")
        notice.wait_for()
        assert page.evaluate("window.__sameDocument") is True, "the page reloaded without being asked"
        assert page.get_by_label("Your outcome, in your own words").input_value() == "I am half way through writing this"
        assert run_axe(page) == []

        page.get_by_role("button", name="Reload to update").click()
        page.wait_for_function("() => window.__sameDocument === undefined")
        # The new worker deleted the old cache before taking over, and the reload came after that.
        site_caches = "async () => (await caches.keys()).filter((name) => name.startsWith('pcsp-site-'))"
        assert [name for name in old if name.startswith("pcsp-site-")] == [f"pcsp-site-{version}"]
        assert page.evaluate(site_caches) == ["pcsp-site-0123456789ab"]
    finally:
        context.close()
        server.stop()
