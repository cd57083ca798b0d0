"""Return visits start Python from a memory snapshot: made before any person's words reach
Python, keyed to this build, and never trusted when it is cut short or from another build."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from .conftest import Watched

OUTCOME = "check-an-outcome/"
SNAPSHOTS = "pcsp-python-snapshot"
READY = "() => window.__pcspRuntime?.state.state === 'ready'"
STORED = "() => (window.__pcspStartup || []).some((entry) => entry.stored === true)"
# This visit's Python is from a snapshot, or has kept the one it made (the next visit can use it).
SETTLED = "() => (window.__pcspStartup || []).some((entry) => entry.snapshot === 'used' || entry.stored === true)"
MARKER = "Zqxjv-7731-Kestrelwood"  # a word no program holds

# The kept snapshot, as {url, bytes (latin-1 string), sha256 header}.
READ_SNAPSHOT = """async () => {
  const cache = await caches.open('%s');
  const [request] = await cache.keys();
  if (!request) return null;
  const response = await cache.match(request);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 65536) text += String.fromCharCode(...bytes.subarray(i, i + 65536));
  return {url: request.url, size: bytes.length, text, sha256: response.headers.get('x-pcsp-sha256')};
}""" % SNAPSHOTS


def started_from(page: Page) -> str:
    """How this visit's Python started: "used" (from the snapshot), "made" (fresh, snapshot made) or "none"."""
    page.wait_for_function(READY, timeout=120_000)
    return page.evaluate("() => window.__pcspStartup.find((entry) => entry.state === 'ready').snapshot")


def check_outcome(page: Page, text: str) -> None:
    page.get_by_label("Your outcome, in your own words").fill(text)
    expect(page.locator("[data-pcsp-findings]")).not_to_be_empty(timeout=60_000)


def first_visit(page: Page, url: str) -> None:
    page.goto(url + OUTCOME)
    assert started_from(page) == "made", ("no snapshot was made: Pyodide's snapshot API changed, or the warm-up in "
                                          "worker.js grew memory past Pyodide's initial 30 MiB")
    page.wait_for_function(STORED, timeout=60_000)


PLAN_CHECKED = "() => document.querySelector('[data-pcsp-widget=plan]')?.dataset.checked"


def test_a_return_visit_starts_from_the_snapshot_which_holds_none_of_the_person_s_words(server, watched: Watched):
    page = watched.page
    page.add_init_script("delete window.showOpenFilePicker; delete window.showSaveFilePicker;")
    page.goto(server.url + "my-plan/")
    assert started_from(page) == "made", ("no snapshot was made: Pyodide's snapshot API changed, or the warm-up in "
                                          "worker.js grew memory past Pyodide's initial 30 MiB")
    page.wait_for_function(STORED, timeout=60_000)
    # A plan holding a word nobody else writes, checked by Python (and an outcome, on its own page).
    checked = page.evaluate(PLAN_CHECKED)
    page.get_by_label("My name", exact=True).fill(f"Ada {MARKER}")
    page.wait_for_function(f"() => ({PLAN_CHECKED})() !== {json.dumps(checked)}", timeout=60_000)
    page.goto(server.url + OUTCOME)
    check_outcome(page, f"I want to walk to {MARKER} every Sunday with my sister")
    page.wait_for_function(SETTLED, timeout=60_000)
    page.reload()
    assert started_from(page) == "used", "the snapshot did not restore: Pyodide's snapshot API (_loadSnapshot) changed"
    check_outcome(page, "I go swimming every Tuesday with my neighbour")  # the checks work from it
    snapshot = page.evaluate(READ_SNAPSHOT)
    assert snapshot["size"] > 10_000_000
    # The search can find words: the framework, read before the snapshot, is in it...
    assert "I am trusted to write my own care and support plan" in snapshot["text"]
    # ...and the person's words, checked before the reload, are not.
    assert MARKER not in snapshot["text"]
    assert watched.errors == [] or all("Service Worker" in e for e in watched.errors), watched.errors


def test_a_snapshot_cut_short_is_not_used_and_is_made_again(server, watched: Watched):
    page = watched.page
    first_visit(page, server.url)
    whole = page.evaluate(READ_SNAPSHOT)
    page.evaluate("""async () => {
      const cache = await caches.open('%s');
      const [request] = await cache.keys();
      const response = await cache.match(request);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await cache.put(request, new Response(bytes.slice(0, bytes.length / 2), {headers: response.headers}));
    }""" % SNAPSHOTS)
    page.reload()
    assert started_from(page) == "made"  # a normal start, with nothing said beyond "getting ready"
    check_outcome(page, "I go swimming every Tuesday with my neighbour")
    page.wait_for_function(STORED, timeout=60_000)
    again = page.evaluate(READ_SNAPSHOT)
    assert again["size"] == whole["size"] and again["url"] == whole["url"]


def test_a_damaged_snapshot_of_the_right_length_is_dropped_before_any_call_and_made_again(server, watched: Watched):
    page = watched.page
    first_visit(page, server.url)
    page.evaluate("""async () => {
      const cache = await caches.open('%s');
      const [request] = await cache.keys();
      const response = await cache.match(request);
      const bytes = new Uint8Array(await response.arrayBuffer());
      for (let i = 1000; i < bytes.length; i += 4096) bytes[i] ^= 0xff;  // damaged, but all there
      await cache.put(request, new Response(bytes, {headers: response.headers}));
    }""" % SNAPSHOTS)
    page.reload()
    assert started_from(page) == "made"
    check_outcome(page, "I go swimming every Tuesday with my neighbour")


def test_a_snapshot_from_another_build_is_never_used_and_is_removed(server, watched: Watched):
    page = watched.page
    first_visit(page, server.url)
    ours = page.evaluate(READ_SNAPSHOT)["url"]
    other = ours.rsplit("-", 1)[0] + "-0123456789abcdef"  # the same Pyodide, another build's lock
    page.evaluate("""async ([ours, other]) => {
      const cache = await caches.open('%s');
      const response = await cache.match(ours);
      await cache.put(other, response);  // a snapshot that would work, were it ours
      await cache.delete(ours);
    }""" % SNAPSHOTS, [ours, other])
    page.reload()
    assert started_from(page) == "made"
    page.wait_for_function(STORED, timeout=60_000)
    urls = page.evaluate("async () => (await (await caches.open('%s').then((c) => c.keys()))).map((r) => r.url)"
                         % SNAPSHOTS)
    assert urls == [ours]


def test_when_storage_refuses_python_starts_as_normal(server, watched: Watched):
    page = watched.page

    def refusing(route):
        # The worker's Cache Storage refuses everything (a full disk, a private window's quota).
        original = route.fetch().text()
        refuse = ("for (const name of ['open', 'match', 'keys', 'delete', 'has']) caches[name] = () => "
                  "Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));\n")
        route.fulfill(body=refuse + original, headers={"content-type": "text/javascript"})

    page.route("**/assets/pcsp/python-snapshot.js", refusing)
    page.goto(server.url + OUTCOME)
    assert started_from(page) == "made"
    check_outcome(page, "I go swimming every Tuesday with my neighbour")
    page.wait_for_function("() => (window.__pcspStartup || []).some((entry) => entry.stored === false)")
    expect(page.locator("[data-pcsp-status]")).not_to_contain_text("could not")


def test_an_update_fetches_only_the_files_that_changed_and_still_asks_before_reloading(site, browser, tmp_path):
    import re
    import shutil

    from pcsp_guide.offline import precache

    from .conftest import PORT, Server

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    online = Server(copy, PORT)
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(online.url + "pcsp/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        page.wait_for_function("async () => (await caches.keys()).some((name) => name.startsWith('pcsp-site-'))")
        # A new build in which one page's text changed.
        changed = copy / "pcsp" / "index.html"
        changed.write_text(changed.read_text(encoding="utf-8").replace("</h1>", " (updated)</h1>", 1), encoding="utf-8")
        sw = copy / "sw.js"
        build = json.dumps(precache(copy))
        sw.write_text(re.sub(r"^const BUILD = .*;$", lambda _: f"const BUILD = {build};", sw.read_text(), count=1,
                             flags=re.MULTILINE))
        fetched: list[str] = []
        context.on("requestfinished", lambda request: fetched.append(request.url))
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        expect(page.get_by_text("A new version of this guide is ready.")).to_be_visible(timeout=120_000)
        # The worker script's own update check is not always reported to the context, so it is left out:
        # what matters is that of the site's files only the changed page was fetched again.
        paths = sorted({url.removeprefix(online.url) for url in fetched} - {"sw.js"})
        assert paths == ["pcsp/", "pcsp/index.html"], paths
        size = sum((copy / (p + "index.html" if p.endswith("/") else p)).stat().st_size for p in paths)
        assert size < 300_000
    finally:
        context.close()
        online.stop()
