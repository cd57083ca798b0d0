"""The pcsp fences as a Python-Markdown extension: `markdown_extensions: [pcsp_guide.extension]`.

MkDocs sites get it from the `pcsp` plugin; Zensical, which runs Markdown extensions but
not MkDocs plugins, lists it itself (after `pymdownx.superfences` when the site uses that).
It adds every fence in FENCES to SuperFences (starting SuperFences when the site does not),
alongside any custom fences the site already has, and records the line each pcsp fence
starts on, so a fence written wrongly stops the build at that line.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from pymdownx.superfences import SuperFencesCodeExtension

from pcsp_guide.registry import FENCES
from pcsp_guide.widget import Fence, FenceError, FenceFailed

_FENCE_START = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(pcsp-[\w-]+)")


class _FenceLines(Preprocessor):
    """Before SuperFences: where each pcsp fence starts, and fresh per-page counters."""

    def __init__(self, md: Markdown, superfences: SuperFencesCodeExtension) -> None:
        super().__init__(md)
        self.superfences = superfences

    def run(self, lines: list[str]) -> list[str]:
        fenced = self.md.preprocessors["fenced_code_block"] if "fenced_code_block" in self.md.preprocessors else None
        if getattr(fenced, "extension", None) is not self.superfences:
            raise FenceFailed("pymdownx.superfences was started again after the pcsp fences were added to it: "
                              "list pcsp_guide.extension after pymdownx.superfences in markdown_extensions")
        found: dict[str, list[int]] = {}
        for number, line in enumerate(lines, start=1):
            match = _FENCE_START.match(line)
            if match:
                found.setdefault(match.group(1), []).append(number)
        self.md._pcsp_lines = found
        self.md._pcsp_seen = {}
        self.md._pcsp_ids = {}
        return lines


def _formatter(fence: Fence) -> Any:
    def format(src: str = "", language: str = "", options: dict[str, Any] | None = None,
               md: Markdown | None = None, **kwargs: Any) -> str:
        seen = md._pcsp_seen
        seen[fence.name] = nth = seen.get(fence.name, 0) + 1
        try:
            return fence.html(src, options or {}, md)
        except FenceError as exc:
            lines = md._pcsp_lines.get(fence.name, [])
            where = f"line {lines[nth - 1]}" if nth <= len(lines) else "a fence"
            raise FenceFailed(f"{where}: {fence.name}: {exc}") from None
    return format


def _validator(language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, str],
               md: Markdown) -> bool:
    # Options on the fence's first line go to the fence, which refuses any it does not take
    # (SuperFences' default would make them HTML attributes and drop the fence to a code block).
    options.update(inputs)
    return True


def _reset(md: Markdown) -> None:
    pass


class PcspExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        superfences = next((e for e in md.registeredExtensions if isinstance(e, SuperFencesCodeExtension)), None)
        if superfences is None:
            superfences = SuperFencesCodeExtension()
            superfences.extendMarkdown(md)
        taken = {entry["name"] for entry in superfences.superfences}
        for fence in FENCES:
            if fence.name in taken:
                raise FenceFailed(f"the site's SuperFences settings already have a fence called {fence.name}: "
                                  "remove it from custom_fences, the pcsp extension adds its own")
            superfences.extend_super_fences(fence.name, _formatter(fence), _validator, _reset)
        # Above SuperFences' own (25) and Markdown's whitespace pass (30), so line numbers are the file's.
        md.preprocessors.register(_FenceLines(md, superfences), "pcsp_fence_lines", 40)


def makeExtension(**kwargs: Any) -> PcspExtension:
    return PcspExtension(**kwargs)
