"""Time a trainer's site built with the kit: MkDocs with the pcsp plugin against Zensical plus
add-runtime, and the part of each build that makes the browser's pcsp_core wheel.

    python bench/trainer_build.py [--runs 5]

Prints medians and ratios; nothing is asserted.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pcsp_core
from pcsp_guide import runtime

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def median(work, runs: int) -> float:
    return statistics.median(work() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    sys.path.insert(0, str(ROOT / "tests"))  # the trainer's project the tests use
    from trainer_site import make_project

    with tempfile.TemporaryDirectory() as tmp:
        mkdocs_project = make_project(Path(tmp) / "mkdocs")
        zensical_project = make_project(Path(tmp) / "zensical", zensical=True)
        mkdocs = median(lambda: timed([str(BIN / "mkdocs"), "build", "--strict"], mkdocs_project), runs)
        zensical = median(lambda: timed([str(BIN / "zensical"), "build", "--clean"], zensical_project)
                          + timed([sys.executable, "-m", "pcsp_guide", "add-runtime", "site"], zensical_project), runs)
        package = Path(pcsp_core.__file__).parent
        in_process = median(lambda: _timed_call(lambda: runtime.core_wheel(Path(tmp), package, "0.1.0")), runs)
    print(f"trainer's site, MkDocs + pcsp plugin:        {mkdocs * 1000:7.0f} ms")
    print(f"trainer's site, Zensical + add-runtime:      {zensical * 1000:7.0f} ms  (ratio to MkDocs {zensical / mkdocs:.2f})")
    print(f"of which the browser's pcsp_core wheel:      {in_process * 1000:7.0f} ms  "
          f"({in_process / mkdocs:.0%} of the MkDocs build)")


def _timed_call(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
