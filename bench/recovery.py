"""How long the checks take to come back after Python dies, against starting them, in Chromium.

Opens "My plan" (warm HTTP cache after the first run), waits for the checks, then
causes a real fatal error in Pyodide (a 5,000-deep argument overflows its stack)
and times until the page's checks are ready again. Prints the medians and the
ratio restart / first start. Nothing is asserted.

    python bench/recovery.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import threading

from playwright.sync_api import sync_playwright

from built import OUT, build_site  # noqa: E402
from pcsp_guide.serve import serve  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
READY = "() => window.__pcspRuntime?.state.state === 'ready'"
CRASH = """async () => {
  let deep = [];
  for (let i = 0; i < 5000; i++) deep = [deep];
  const start = performance.now();
  await window.__pcspRuntime.call("evaluate_plan", deep, "2026-01-01").catch(() => {});
  await new Promise((resolve) => {
    const stop = window.__pcspRuntime.onState(({ state }) => {
      if (state === "ready") { queueMicrotask(() => stop()); resolve(); }
    });
  });
  return performance.now() - start;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    httpd = serve(OUT, 0, quiet=True)
    port = httpd.server_address[1]
    build_site("--site-url", f"http://127.0.0.1:{port}/")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    first, again = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                             args=ARGS)
        context = browser.new_context(service_workers="block")
        for _ in range(runs):
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/my-plan/")
            page.wait_for_function(READY, timeout=120_000)
            first.append(page.evaluate("() => window.__pcspStartup.find((s) => s.state === 'ready').at"))
            again.append(page.evaluate(CRASH))
            page.close()
        browser.close()
    httpd.shutdown()
    start, restart = statistics.median(first), statistics.median(again)
    print(f"first start (navigation → checks ready): median {start / 1000:.2f} s over {runs} runs")
    print(f"after a fatal error (crash → checks ready again): median {restart / 1000:.2f} s")
    print(f"ratio restart / first start: {restart / start:.2f}")


if __name__ == "__main__":
    main()
