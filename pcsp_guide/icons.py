"""The pictures easy read shows beside its headings: a few icons from the Tabler set, pinned.

pcsp_core/wording/easy_read.json names one icon per section (pcsp_core.easy_read.icon_names()).
`python build.py fetch` copies only those, from the npm package @tabler/icons (MIT; its exact
version is pinned in guide/package.json, and npm ci checks the tarball against
guide/package-lock.json), into static/icons/ here. That folder is git-ignored, like the Python
runtime beside it, and the trainers' wheel carries it. A site gets them at assets/icons/tabler/,
outside our own assets/pcsp/, so they count as third-party files: a site that pins its
third-party files (our guide does, in guide/third-party.sha256) stops building if one changes.
They are served from the site itself, so the service worker keeps them for use offline. The
package's MIT licence goes with them (LICENSE.txt beside them), as the licence asks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pcsp_core.easy_read import icon_names
from pcsp_guide.digests import sha256_file
from pcsp_guide.runtime import RuntimeMissing

PACKAGE = "@tabler/icons"
STYLE = "outline"  # Tabler's line drawings: one colour, clear at any size
ICON_DIR = Path(__file__).resolve().parent / "static" / "icons"
SITE_FOLDER = "assets/icons/tabler/"  # where a built site has them; the plan editor tells the page
LICENSE = "LICENSE.txt"  # the package's LICENSE, shipped beside the icons (.txt: any host serves it as text)


def source(package_dir: Path, name: str) -> Path:
    """An icon's file in the npm package."""
    return Path(package_dir) / "icons" / STYLE / f"{name}.svg"


def _wanted(package_dir: Path) -> dict[str, Path]:
    """{file name here: its source in the package}: each icon easy read names, and the licence."""
    return {**{f"{name}.svg": source(package_dir, name) for name in icon_names()},
            LICENSE: Path(package_dir) / "LICENSE"}


def assemble(package_dir: Path, icon_dir: Path = ICON_DIR) -> list[Path]:
    """Copy the icons easy read names, and the licence, from the npm package into icon_dir, and
    only those (an icon no longer named is removed). ValueError when the package lacks one."""
    wanted = _wanted(package_dir)
    missing = [name.removesuffix(".svg") for name, path in wanted.items() if not path.is_file()]
    if missing:
        raise ValueError(f"{PACKAGE} in {package_dir} has no {STYLE} icon named {', '.join(missing)} "
                         "(pcsp_core/wording/easy_read.json names them): choose icons the pinned version has")
    icon_dir.mkdir(parents=True, exist_ok=True)
    for old in icon_dir.iterdir():
        if old.name not in wanted:
            old.unlink()
    for name, path in wanted.items():
        target = icon_dir / name
        if not target.is_file() or sha256_file(target) != sha256_file(path):
            shutil.copyfile(path, target)
    return [icon_dir / name for name in wanted]


def site_icons(icon_dir: Path = ICON_DIR) -> list[tuple[str, Path]]:
    """(path in the built site, file) for every icon easy read names and the licence; RuntimeMissing
    when one is not here."""
    found = [(f"{SITE_FOLDER}{name}", Path(icon_dir) / name) for name in _wanted(Path())]
    missing = [path.name for _, path in found if not path.is_file()]
    if missing:
        raise RuntimeMissing(
            f"easy read's pictures are not in {icon_dir} (missing {', '.join(missing)}). In a source "
            "checkout run `python build.py fetch` first; otherwise reinstall the wheel `python build.py dist` "
            "makes, which carries them.")
    return found
