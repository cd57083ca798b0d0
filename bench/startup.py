"""How long until the checks are ready, against bare Pyodide, in real Chromium.

Builds the site (python build.py), serves a copy of it with two bench-only
files added (a page and a worker that only call loadPyodide on the same files),
and measures, as medians over several runs:

  bare      loadPyodide() in a module worker, from the site's own files
  ours      navigation → the outcome page shows the findings for a typed outcome
            (our worker: Pyodide, pcsp_core and its three wheels, every import; or its snapshot)
  typing    navigation → the outcome field has taken a keystroke

each cold (new browser context: empty HTTP cache, no snapshot), warm (a return visit: the
same context, files revalidated, Python from the snapshot the first visit kept) and offline
(served by the service worker, server stopped, from the snapshot). Prints each figure, the
ratio ours / bare, and how many bytes an update fetches after one page's text changes
(bench/update_bytes.py). Aims: return visit and offline ≤ 0.4 × bare; typing ≤ 0.3 s.

    python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
import update_bytes  # noqa: E402  (bench/update_bytes.py)
from built import build_site  # noqa: E402
from pcsp_guide.offline import precache  # noqa: E402
from pcsp_guide.serve import serve  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
BARE_WORKER = """
const t0 = performance.now();
const { loadPyodide } = await import("./pyodide/pyodide.mjs");
await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
postMessage(performance.now() - t0);
"""
BARE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body>
<script type="module" src="bench-bare.js"></script></body></html>"""
BARE_PAGE_SCRIPT = """
const start = performance.now();
const worker = new Worker(new URL("./bench-bare-worker.js", import.meta.url), { type: "module" });
worker.onmessage = () => { window.bareMs = performance.now(); };
"""
TYPING = """
window.addEventListener("input", () => { window.typedAt ??= performance.now(); }, true);
"""


class Site:
    def __init__(self, directory: Path) -> None:
        self.httpd = serve(directory, 0, quiet=True)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def bare(page, url: str) -> float:
    page.goto(url + "bench-bare.html")
    page.wait_for_function("() => window.bareMs !== undefined", timeout=180_000)
    return page.evaluate("window.bareMs")  # ms since navigation started


OUTCOME = "I go swimming at the leisure centre every Tuesday with my neighbour"
STORED = "() => (window.__pcspStartup || []).some((entry) => 'stored' in entry || entry.snapshot === 'used')"


def ours(page, url: str) -> tuple[float, float]:
    page.goto(url + "check-an-outcome/", wait_until="commit")
    field = page.get_by_label("Your outcome, in your own words")
    field.press_sequentially("I")
    field.fill(OUTCOME)
    page.wait_for_function("() => document.querySelector('[data-pcsp-findings]').textContent.includes('swimming') "
                           "|| document.querySelector('[data-pcsp-findings]').children.length > 0", timeout=180_000)
    shown = page.evaluate("performance.now()")
    STAGES.append(page.evaluate("window.__pcspStartup"))
    page.wait_for_function(STORED, timeout=180_000)  # the next visit may start from the snapshot
    return shown, page.evaluate("window.typedAt")


STAGES: list[list[dict]] = []  # the runtime's own record of each start-up


def median(values: list[float]) -> float:
    return statistics.median(values) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_site()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(ROOT / "out", copy)
        (copy / "bench-bare-worker.js").write_text(BARE_WORKER)
        (copy / "bench-bare.js").write_text(BARE_PAGE_SCRIPT)
        (copy / "bench-bare.html").write_text(BARE_PAGE)
        # The bench files go into the service worker's list too, so bare can be timed offline.
        sw = copy / "sw.js"
        listed = json.dumps(precache(copy))
        sw.write_text(re.sub(r"^const BUILD = .*;$", lambda _: f"const BUILD = {listed};", sw.read_text(),
                             count=1, flags=re.MULTILINE))
        figures: dict[str, list[float]] = {k: [] for k in (
            "bare cold", "bare warm", "ours cold", "ours warm", "typing cold", "typing warm", "bare offline",
            "ours offline")}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            site = Site(copy)
            for _ in range(args.runs):
                for name in ("bare", "ours"):
                    context = browser.new_context(service_workers="block")
                    context.add_init_script(TYPING)
                    page = context.new_page()
                    for when in ("cold", "warm"):
                        if name == "bare":
                            figures[f"bare {when}"].append(bare(page, site.url))
                        else:
                            ready, typed = ours(page, site.url)
                            figures[f"ours {when}"].append(ready)
                            figures[f"typing {when}"].append(typed)
                    context.close()
            # Offline: one context fills the service worker's cache, then the server goes away.
            context = browser.new_context(service_workers="allow")
            page = context.new_page()
            page.goto(site.url)
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=180_000)
            site.stop()
            context.set_offline(True)
            for _ in range(args.runs):
                figures["bare offline"].append(bare(page, site.url))
                ready, _typed = ours(page, site.url)
                figures["ours offline"].append(ready)
            context.close()
            browser.close()
    print(f"Startup in Chromium, median of {args.runs} runs (seconds from navigation)")
    for name, values in figures.items():
        if values:
            print(f"  {name:<13} {median(values):6.2f}")
    for when in ("cold", "warm", "offline"):
        ratio = median(figures[f"ours {when}"]) / median(figures[f"bare {when}"])
        aim = "" if when == "cold" else "  (aim ≤ 0.4)"
        print(f"  ratio ours / bare, {when}: {ratio:.2f}{aim}")
    print(f"  typing accepted, cold: {median(figures['typing cold']):.2f} s  (aim ≤ 0.3 s)")
    print("How Python started, per visit:", ", ".join(
        next((stage.get("snapshot") for stage in run if stage.get("state") == "ready"), None) or "?" for run in STAGES))
    update_bytes.main()


if __name__ == "__main__":
    main()
