"""The guide as build.py builds it, for the benchmarks that time it in Chromium.

build.py is run as a program, not imported: a module called `build` would clash with
PyPA's build package.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out"


def build_site(*args: str) -> None:
    """python build.py [args]; exits with its output when the build fails."""
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"the build failed:\n{run.stdout}{run.stderr}")
