"""The trainers' fences on a page, in Chromium: a worked example of a whole plan, and
the framework quoted by id."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from .conftest import Watched, run_axe

EXAMPLE = "#pcsp-plan-example-1"


def test_a_worked_example_reads_without_python_then_changes_live_and_downloads(server, watched: Watched, tmp_path):
    page = watched.page
    page.add_init_script("delete window.showOpenFilePicker; delete window.showSaveFilePicker;")
    # No Python at first: the card and its verdict are already on the page.
    page.route("**/assets/pcsp/worker.js", lambda route: route.abort(), times=1)
    page.goto(server.url + "trainers/")
    card = page.locator(EXAMPLE)
    expect(card.get_by_text("This plan counts as a personalised care and support plan.")).to_be_visible()
    assert card.locator("[data-verdict-of=met]").count() == 5
    page.wait_for_function("() => window.__pcspRuntime?.state.state === 'ready'", timeout=120_000)

    card.get_by_role("button", name="Try changing it").click()
    expect(card.get_by_label("What matters 1")).to_be_focused()  # the first text box takes the cursor
    for n in (1, 2, 3):
        card.get_by_label(f"Outcome {n}").fill("The patient will attend the day centre")
    page.wait_for_function(f"() => document.querySelector('{EXAMPLE}').dataset.checked")
    expect(card.locator("[data-criterion='3'] [data-verdict]")).to_have_text("Not met")
    expect(card.get_by_role("status")).to_have_text("This plan does not count yet.")
    assert run_axe(page) == []

    with page.expect_download() as saved:
        card.get_by_role("button", name="Download this example").click()
    path = tmp_path / saved.value.suggested_filename
    saved.value.save_as(path)
    plan = json.loads(path.read_text(encoding="utf-8"))
    assert plan["outcomes"][0]["in_my_words"] == "The patient will attend the day centre"
    # ...and My plan opens it.
    page.goto(server.url + "my-plan/")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=plan]').dataset.checked")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(path))
    expect(page.get_by_role("status").filter(has_text=f"Opened “{path.name}”")).to_be_visible()
    elsewhere = [url for url in watched.requests if not url.startswith((server.url, "blob:"))]
    assert watched.requests and elsewhere == []  # the worker's one-line blob module is this page's own


def test_the_framework_quoted_by_id_is_on_the_page(server, watched: Watched):
    page = watched.page
    page.goto(server.url + "trainers/")
    quote = page.locator(".pcsp-quote").first
    expect(quote).to_contain_text("Criterion 3. People agree the health and wellbeing outcomes")
    expect(quote).to_contain_text("The plan is not written from the person's perspective")
    assert run_axe(page) == []
