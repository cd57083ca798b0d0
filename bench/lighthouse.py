"""Lighthouse performance (mobile, simulated throttling) of the built guide's tool pages.

    npm ci --prefix bench/lighthouse     (once: Lighthouse 12.2.3, pinned there, never in CI)
    python bench/lighthouse.py [--runs 3]

Builds the site, serves it as build.py serve does (gzip, the _headers), and prints each
page's median performance score, first contentful paint and total blocking time.
Aim: every tool page ≥ 0.95 with TBT under 200 ms. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import threading
from pathlib import Path

from built import OUT, ROOT, build_site
from pcsp_guide.serve import serve

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ["", "my-plan/", "check-an-outcome/", "team/self-assessment/", "team/together/", "team/over-time/",
         "team/implementation-checklist/", "trainers/"]


def audit(url: str) -> dict:
    run = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", "--output-path=stdout",
         "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": shutil.which("chromium") or ""})
    if run.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{run.stderr[-2000:]}")
    report = json.loads(run.stdout)
    audits = report["audits"]
    return {"score": report["categories"]["performance"]["score"],
            "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: npm ci --prefix bench/lighthouse")
    httpd = serve(OUT, 0, quiet=True)
    port = httpd.server_address[1]
    build_site("--site-url", f"http://127.0.0.1:{port}/")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"Lighthouse {json.loads((LIGHTHOUSE.parents[1] / 'package.json').read_text())['version']}, mobile, "
          f"median of {runs} runs")
    print(f"  {'page':<32} {'score':>5} {'FCP s':>6} {'TBT ms':>7}")
    for page in PAGES:
        results = [audit(f"http://127.0.0.1:{port}/{page}") for _ in range(runs)]
        median = {key: statistics.median(r[key] for r in results) for key in ("score", "fcp", "tbt")}
        print(f"  {page or '(home)':<32} {median['score']:5.2f} {median['fcp']:6.2f} {median['tbt']:7.0f}")
    httpd.shutdown()


if __name__ == "__main__":
    main()
