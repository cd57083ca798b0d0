"""A site's third-party files, each checked against a pinned sha256.

Pyodide's runtime (npm checked the tarball, but a later edit would not be seen),
the theme's scripts and styles (from the pip package) and easy read's Tabler icons
(pcsp_guide/icons.py) ship as they are; the
plugin's `third_party_pins` option names a file of "sha256  path" lines, and a
build that would ship any other bytes stops.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from pcsp_guide.digests import sha256_file
from pcsp_guide.pages import ASSETS
from pcsp_guide.runtime import PYODIDE_RUNTIME, SITE_FOLDER


def third_party_files(site_dir: Path, ours: Iterable[str] = ()) -> list[str]:
    """The shipped files that are not ours, as paths in the site: Pyodide's runtime and
    everything under assets/ but our own assets/pcsp/ and the site's own files (ours)."""
    own = set(ours)
    found = [f"{SITE_FOLDER}/{name}" for name in PYODIDE_RUNTIME]
    assets = Path(site_dir) / "assets"
    for path in assets.rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and not rel.startswith(ASSETS) and rel not in own:
            found.append(rel)
    return sorted(found)


def read_pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, path = line.split(None, 1)
            pins[path.strip()] = digest
    return pins


def pins_text(site_dir: Path, ours: Iterable[str] = ()) -> str:
    lines = [f"{sha256_file(Path(site_dir) / path)}  {path}" for path in third_party_files(site_dir, ours)]
    return ("# sha256 of every third-party file the site ships (paths in the built site), checked on every build.\n"
            "# Renew only on purpose, after upgrading Pyodide, Material or the Tabler icons, or choosing another\n"
            "# easy-read picture (pcsp_core/wording/easy_read.json): python build.py pin\n"
            + "\n".join(lines) + "\n")


def pin_problems(site_dir: Path, pins: dict[str, str], ours: Iterable[str] = ()) -> tuple[int, list[str]]:
    """(how many third-party files ship, what does not match the pins)."""
    shipped = third_party_files(site_dir, ours)
    problems = []
    for path in shipped:
        if path not in pins:
            problems.append(f"{path} ships but is not pinned")
        elif sha256_file(Path(site_dir) / path) != pins[path]:
            problems.append(f"{path} is not the pinned file (its sha256 differs)")
    problems += [f"{path} is pinned but does not ship" for path in pins if path not in shipped]
    return len(shipped), problems
