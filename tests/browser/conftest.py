"""Browser tests: the built site, served from this machine, in Debian's Chromium.

The site is built once per test session (python build.py, offline after the
first run thanks to its caches); each test gets a fresh browser context.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"
AXE = ROOT / "guide" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

from pcsp_guide.serve import serve  # noqa: E402


def run_build(*args: str) -> None:
    """python build.py [args], as a program: importing build.py would clash with PyPA's build."""
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True)
    assert run.returncode == 0, f"python build.py {' '.join(args)} failed:\n{run.stdout}{run.stderr}"


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    pytest.fail("Chromium is not installed: apt-get install -y chromium")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# One port for the session: Material's instant navigation only works on the port
# the site was built for (its site_url), so the site is built for this one.
PORT = _free_port()


@pytest.fixture(scope="session")
def site() -> Path:
    run_build("--site-url", f"http://127.0.0.1:{PORT}/")
    return OUT


class Server:
    """The built site on 127.0.0.1:PORT in a background thread (one at a time; port=0 for
    another origin beside it)."""

    def __init__(self, directory: Path, port: int = PORT) -> None:
        self.httpd = serve(directory, port, quiet=True)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(site: Path) -> Iterator[Server]:
    running = Server(site)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with every request and console error recorded."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("weberror", lambda error: self.errors.append(f"page error: {error.error}"))
        self.page: Page = context.new_page()
        self.page.on("console", lambda msg: self.errors.append(f"console {msg.type}: {msg.text}")
                     if msg.type == "error" else None)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(service_workers="block")
    yield Watched(context)
    context.close()


def run_axe(page: Page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now (no rule switched off)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate, not add_script_tag: an injected <script> would be blocked by the site's CSP,
        # and the test should see the page with its real policy.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: {type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
    }""")


def pages(site: Path) -> list[str]:
    """Every page of the built site, as a path relative to the root ('' for the home page)."""
    found = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        if relative.startswith(("pyodide", "assets")):
            continue
        found.append("" if relative == "." else relative + "/")
    return found


def drafts(page: Page, slot: str) -> list[dict]:
    """The documents of every draft this browser keeps for a tool (document-page.js's drafts)."""
    return page.evaluate(DRAFTS_JS, slot)


# Every draft of one tool, as documents: keys are "pcsp-draft:<slot>:<id>".
DRAFTS_JS = """(slot) => Object.keys(localStorage).filter((k) => k.startsWith(`pcsp-draft:${slot}:`))
    .map((k) => JSON.parse(localStorage.getItem(k)).doc)"""


def wait_for_draft(page: Page, slot: str, predicate: str) -> None:
    """Wait until some draft of `slot` satisfies `predicate`, a JS arrow function of the document."""
    page.wait_for_function(f"() => ({DRAFTS_JS})({slot!r}).some({predicate})")


def answering(page: Page, accept: bool = False) -> list[str]:
    """Answer the next dialog the page opens, as it opens, and keep its message in the list returned
    (dialog_message waits for it).

    Registered before the click that opens it: a dialog left waiting for a `with expect_event`
    block to end can stall the click itself, depending on when the page opens it.
    """
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message),
                                        dialog.accept() if accept else dialog.dismiss()))
    return messages


def dialog_message(page: Page, messages: list[str]) -> str:
    """The message of the dialog `answering` is waiting for, once the page has opened it."""
    for _ in range(600):
        if messages:
            return messages[0]
        page.wait_for_timeout(50)
    raise AssertionError("the page did not ask")


def dialogs_on_leaving(page: Page) -> list[str]:
    """Close the page as a person closing the tab would, and return the dialogs it raised."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(200)  # let the dialog event reach the test (no assertion on time)
    return dialogs


@contextmanager
def offline_after_visiting(site: Path, browser: Browser, path: str = "", ready: str | None = None) -> Iterator[tuple[Page, str]]:
    """A page that visited `path` once with the service worker allowed (waiting for `ready`, a JS
    predicate, if given, and until the worker controls it), then lost both the server and the
    network. Yields the page and the site's address."""
    online = Server(site)
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(online.url + path)
        if ready:
            page.wait_for_function(ready)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        online.stop()
        context.set_offline(True)
        yield page, online.url
    finally:
        context.close()
