"""Fails the build, with file and line, when a pcsp fence on a page was written wrongly;
and lets pages link to the ids inside fence output (MkDocs only sees ids it parsed itself)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from pcsp_guide import fences

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Worked examples the tools open with "See an example"; served from the site, so offline too.
PUBLISHED_EXAMPLES = ("cecilia-plan.json", "team-member-amira.json", "team-member-ben.json",
                      "team-baseline.json", "team-follow-up.json", "implementation-checklist-example.json")


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    for name in PUBLISHED_EXAMPLES:
        files.append(File.generated(config, f"examples/{name}", abs_src_path=str(EXAMPLES / name)))
    return files


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    fences.PROBLEMS.clear()
    return markdown


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    if fences.PROBLEMS:
        name, nth, message = fences.PROBLEMS[0]
        # [ \t]*, not \s*: a blank line before the fence must not count as its start.
        starts = [m.start() for m in re.finditer(rf"^[ \t]*(`{{3,}}|~{{3,}}){re.escape(name)}\b", page.markdown,
                                                 re.MULTILINE)]
        line = page.markdown.count("\n", 0, starts[nth - 1]) + 1 if nth <= len(starts) else "?"
        raise PluginError(f"{page.file.src_uri}, line {line}: {name}: {message}")
    if "data-pcsp-widget" in html:
        page.meta["pcsp_python"] = True  # main.html then starts Python from <head>, see start.js
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= set(re.findall(r'\bid="([^"]+)"', html))
    return html
