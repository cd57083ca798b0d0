"""How many bytes a report from `pcsp check --format json` takes per plan, and how long
its figures take to make (pcsp_core.evidence.evidence_from_report), for the report size
limit (documents.MAX_REPORT_BYTES).

Runs `pcsp check --format json` in-process over the calibration plans (real plans with
their findings, in folders named as a data team's might be) and over the examples, prints
the bytes per file, the smallest and largest file report, then builds a report of N plans
by repeating the calibration reports and times evidence_from_report on it in CPython.
On the page in Chromium, a 28 MB report of 10,000 plans took 2.5 s to open (measured once,
by hand, with the calibration reports repeated as here).

    python bench/report_size.py [N]
"""

from __future__ import annotations

import argparse
import io
import json
import time
from pathlib import Path

from pcsp_core.checker import totals
from pcsp_core.cli import run
from pcsp_core.documents import MAX_REPORT_BYTES
from pcsp_core.evidence import evidence_from_report

ROOT = Path(__file__).resolve().parents[1]


def report(paths: list[Path]) -> str:
    out = io.StringIO()
    run(["check", "--format", "json", "--today", "2026-12-07", *map(str, paths)], out, io.StringIO())
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    n = parser.parse_args().n
    calibration = sorted(p for p in (ROOT / "tests" / "calibration").glob("*.json")
                         if not p.name.endswith(".expected.json"))
    for name, paths in (("calibration plans", calibration), ("examples", sorted((ROOT / "examples").glob("*.json")))):
        text = report(paths)
        sizes = sorted(len(json.dumps(f)) for f in json.loads(text)["files"])
        print(f"{name}: {len(paths)} files, {len(text.encode()):,} bytes, {len(text.encode()) // len(paths):,} per file "
              f"(one file's report: {sizes[0]:,} to {sizes[-1]:,})")
    doc = json.loads(report(calibration))
    files = [{**f, "path": f"plans/{k:05d}-{f['path'].rsplit('/', 1)[-1]}"}
             for k in range(n) for f in [doc["files"][k % len(doc["files"])]]]
    big = json.dumps({**doc, "files": files, "summary": totals(files)})
    size = len(big.encode())
    start = time.perf_counter()
    result = evidence_from_report({"name": "report.json", "text": big})
    took = time.perf_counter() - start
    print(f"a report of {n:,} plans: {size / 1024 / 1024:.1f} MB ({size // n:,} bytes per plan; the limit, "
          f"{MAX_REPORT_BYTES // 1024 // 1024} MB, is {MAX_REPORT_BYTES * n // size:,} such plans); "
          f"its figures in {took:.2f} s (CPython), ok={result['ok']}")


if __name__ == "__main__":
    main()
