"""A plan as Markdown, in the person's own words, with only the parts they chose to share.

It renders plan_tree's tree. The person's words are escaped so that they read exactly as
typed, whatever Markdown renders them: a "*", "<b>" or "1." stays text.
"""

from __future__ import annotations

import re
from typing import Any

from .plan_tree import plan_title, plan_tree

# Markdown flavours agree on backslash escapes only for these (CommonMark, Python-Markdown, GitHub);
# "(" and "!" are markup only after a "[", which is escaped. HTML's own characters, and "|" and "~"
# (GitHub's tables and strikethrough), go as character references, which every flavour reads.
_ESCAPED = re.compile(r"([\\`*_{}\[\]#])")
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)  # a list or a heading, made by a line's start
BREAK = "  \n"  # a line break inside a paragraph: two spaces, which every flavour reads


def _line_start(mark: str) -> str:
    if mark == "=":  # no flavour escapes "=" with a backslash
        return "&#61;"
    if mark[0].isdigit():  # "1." -> "1\."
        return f"{mark[:-1]}\\{mark[-1]}"
    return f"\\{mark}"


def md_text(text: str) -> str:
    """The person's words as Markdown that renders to exactly these words; line breaks kept."""
    escaped = "".join(_REFERENCES.get(char, char) for char in _ESCAPED.sub(r"\\\1", text))
    escaped = _LINE_START.sub(lambda m: m.group(1) + _line_start(m.group(2)), escaped)
    lines = [line.strip() for line in escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return BREAK.join(line for line in lines if line)


def _item(node: dict[str, Any], pad: str) -> list[str]:
    label = f"**{md_text(node['label'])}**" if node["label"] else ""
    text = _indent(md_text(node["text"]), pad) if node["text"] is not None else ""
    head = f"{label}: {text}" if label and text else label or text
    lines = [f"{pad}- {head}"]
    for child in node["children"]:
        lines += _item(child, pad + "  ")
    return lines


def _indent(text: str, pad: str) -> str:
    # A line break's next line stays inside its list item.
    return text.replace(BREAK, BREAK + pad + "  ")


def plan_markdown(plan: dict[str, Any], choice: dict[str, Any] | None = None) -> str:
    """The plan's chosen parts (the summary when no choice is given) as a Markdown document."""
    out = [f"# {md_text(plan_title(plan))}", ""]
    for part in plan_tree(plan, choice):
        out += [f"## {md_text(part['title'])}", ""]
        for node in part["items"]:
            out += _item(node, "")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
