"""What a built page needs to run the pcsp tools, added to its HTML.

Both the MkDocs plugin (after each page is rendered) and `python -m pcsp_guide
add-runtime` (over a site Zensical built) use add_tools, so a page gets the same
tags either way: the stylesheets, app.js on every page (instant navigation can
bring a tool onto a page without reloading it), start.js on pages with a tool (it
starts Python while the rest of the page loads), and, when offline use is on, the
meta that tells app.js to register the service worker.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePosixPath

ASSETS = "assets/pcsp/"
# The tools' stylesheets, kept apart to read, shipped as one (one request that blocks painting, not four).
STYLESHEETS = ("pcsp.css", "plan-form.css", "team.css", "checklist.css")
BUNDLE = "tools.css"
OFFLINE_META = "pcsp-offline"
WIDGET_MARK = "data-pcsp-widget="
_MARK = "<!-- pcsp tools -->"  # makes add_tools idempotent
_HEAD_END = re.compile(r"</head\s*>", re.I)


def root_from(dest_path: str) -> str:
    """The relative URL from a built file to the site root: "team/x/index.html" -> "../../"."""
    depth = len(PurePosixPath(dest_path).parts) - 1
    return "../" * depth or "./"


def has_tool(html: str) -> bool:
    return WIDGET_MARK in html


def add_tools(html: str, root: str, offline: bool) -> str:
    """The page with our tags just before </head> (after the theme's own stylesheets)."""
    if _MARK in html:
        return html
    end = _HEAD_END.search(html)
    if end is None:
        return html  # not a page (a fragment or a redirect stub): nothing to run here
    base = escape(root + ASSETS)
    tags = [_MARK]
    tags.append(f'<link rel="stylesheet" href="{base}{BUNDLE}">')
    if offline:
        tags.append(f'<meta name="{OFFLINE_META}" content="on">')
    if has_tool(html):
        tags.append(f'<script type="module" async src="{base}start.js"></script>')
    tags.append(f'<script type="module" src="{base}app.js"></script>')
    return html[: end.start()] + "".join(tags) + html[end.start():]
