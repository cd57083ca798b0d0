"""The files the package puts into a built site, besides the pages and the Python runtime."""

from __future__ import annotations

from pathlib import Path

from pcsp_guide.icons import site_icons
from pcsp_guide.offline import SW_FILE
from pcsp_guide.pages import ASSETS, BUNDLE, STYLESHEETS

STATIC = Path(__file__).resolve().parent / "static"
# Worked examples the tools open with "See an example"; served from the site, so offline too.
PUBLISHED_EXAMPLES = ("cecilia-plan.json", "team-member-amira.json", "team-member-ben.json",
                      "team-baseline.json", "team-follow-up.json", "implementation-checklist-example.json")
# Tells Node's test runner (tests/js) that the browser modules are ES modules; no use to a site.
NOT_SHIPPED = frozenset({"package.json"})


def site_files(offline: bool) -> list[tuple[str, Path]]:
    """(path in the built site, source file), sorted by path; the stylesheets go as one (stylesheet()).
    Easy read's pictures come too (pcsp_guide/icons.py): RuntimeMissing when they were never fetched."""
    assets = STATIC / ASSETS
    found = [(f"{ASSETS}{p.relative_to(assets).as_posix()}", p) for p in assets.rglob("*")
             if p.is_file() and p.name not in NOT_SHIPPED and p.name not in STYLESHEETS]
    found += [(f"examples/{name}", STATIC / "examples" / name) for name in PUBLISHED_EXAMPLES]
    found += site_icons()
    if offline:
        found.append((SW_FILE, STATIC / SW_FILE))
    return sorted(found)


STYLESHEET = f"{ASSETS}{BUNDLE}"


def stylesheet() -> str:
    """The tools' stylesheets as the one file pages link to, each part named where it starts."""
    return "".join(f"/* --- {name} --- */\n{(STATIC / ASSETS / name).read_text(encoding='utf-8')}\n"
                   for name in STYLESHEETS)
