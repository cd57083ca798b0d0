"""Fences rendered as a page renders them: real Python-Markdown with SuperFences and our extension."""

from __future__ import annotations

import markdown


def render_page(text: str) -> str:
    """A page's Markdown to HTML; a fence written wrongly raises FenceFailed."""
    return markdown.Markdown(extensions=["pymdownx.superfences", "pcsp_guide.extension"]).convert(text)


def fence(name: str, body: str = "", header: str = "") -> str:
    """One fence alone on a page (at line 1)."""
    first = f"```{name} {header}".rstrip()
    return render_page(f"{first}\n{body.rstrip(chr(10))}\n```\n" if body else f"{first}\n```\n")
