"""A plan as Markdown, in the person's own words, with only the parts they chose to share.

Headings and labels are the plan schema's titles, so every field a plan can hold is shown
without a word written here for it. The person's words are escaped so that they read exactly
as typed, whatever Markdown renders them: a "*", "<b>" or "1." stays text.
"""

from __future__ import annotations

import re
from typing import Any

from . import resources
from .schema_walk import resolve
from .sharing import chosen_parts

INTERNAL = frozenset({"id", "answers", "outcome"})  # ids that link items inside the file, not words
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


def _words(key: str, spec: dict[str, Any]) -> str:
    return spec.get("title") or key.replace("_", " ").capitalize()


def _value(value: Any) -> str | None:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip():
        return md_text(value)
    return None


def _enum(value: Any, spec: dict[str, Any]) -> str | None:
    if "enum" in spec and isinstance(value, str):
        return value.replace("-", " ").capitalize()  # "family-and-friends" -> "Family and friends"
    return _value(value)


def _lines(root: dict[str, Any], spec: dict[str, Any], value: Any, depth: int) -> list[str]:
    """The value as list items, indented by depth."""
    spec = resolve(root, spec)
    pad = "  " * depth
    if isinstance(value, dict):
        out = []
        for key, child in (spec.get("properties") or {}).items():
            if key in INTERNAL or key not in value:
                continue
            child_spec = resolve(root, child)
            label = _words(key, child_spec)
            item = _enum(value[key], child_spec)
            if item is not None:
                out.append(f"{pad}- **{md_text(label)}:** {_indent(item, pad)}")
            elif isinstance(value[key], (dict, list)):
                inner = _lines(root, child_spec, value[key], depth + 1)
                if inner:
                    out += [f"{pad}- **{md_text(label)}**", *inner]
        return out
    if isinstance(value, list):
        out = []
        items = spec.get("items") or {}
        for element in value:
            item = _enum(element, resolve(root, items))
            if item is not None:
                out.append(f"{pad}- {_indent(item, pad)}")
            elif isinstance(element, dict) and (alone := _only_words(root, items, element)) is not None:
                out.append(f"{pad}- {_indent(alone, pad)}")  # an item that is just words: no label
            elif isinstance(element, dict):
                inner = _lines(root, items, element, depth + 1)
                if inner:  # one bullet per item, its fields beneath it
                    first = inner[0].lstrip()
                    out += [f"{pad}{first}", *inner[1:]]
        return out
    item = _enum(value, spec)
    return [f"{pad}- {_indent(item, pad)}"] if item is not None else []


def _only_words(root: dict[str, Any], spec: dict[str, Any], value: dict[str, Any]) -> str | None:
    """The item's text when an item holds nothing else worth a label ({"id", "text"})."""
    shown = {key: v for key, v in value.items() if key not in INTERNAL}
    if list(shown) != ["text"]:
        return None
    return _value(shown["text"])


def _indent(text: str, pad: str) -> str:
    # A line break's next line stays inside its list item.
    return text.replace(BREAK, BREAK + pad + "  ")


def _title(plan: dict[str, Any]) -> str:
    person = plan.get("person") if isinstance(plan.get("person"), dict) else {}
    name = next((person.get(k) for k in ("preferred_name", "name")
                 if isinstance(person.get(k), str) and person.get(k).strip()), None)
    return f"{md_text(name)}’s care and support plan" if name else "My care and support plan"


def plan_markdown(plan: dict[str, Any], choice: dict[str, Any] | None = None) -> str:
    """The plan's chosen parts (the summary when no choice is given) as a Markdown document."""
    root = resources.schema("plan")
    properties = root["properties"]
    out = [f"# {_title(plan)}", ""]
    for key in chosen_parts(choice):
        if key not in plan:
            continue
        spec = resolve(root, properties[key])
        body = _lines(root, spec, plan[key], 0)
        if body:
            out += [f"## {md_text(_words(key, spec))}", "", *body, ""]
    return "\n".join(out).rstrip("\n") + "\n"
