"""A plan's chosen parts as a plain tree of labelled words, for every format that shows them.

Headings and labels are the plan schema's titles, so every field a plan can hold is shown
without a word written for it here; values are the person's words, untouched (each format
escapes them its own way). The Markdown (plan_markdown.py) and the reader view
(reader_html.py) both render this tree, so they show the same things in the same order.

    [{"title": "About me", "items": [Node, ...]}, ...]
    Node: {"label": str | None, "text": str | None, "children": [Node, ...]}
"""

from __future__ import annotations

import datetime
from typing import Any

from . import resources
from .schema_walk import resolve
from .sharing import choice_for, chosen_parts

INTERNAL = frozenset({"id", "answers", "outcome"})  # ids that link items inside the file, not words


def words(key: str, spec: dict[str, Any]) -> str:
    return spec.get("title") or key.replace("_", " ").capitalize()


def value_text(value: Any, spec: dict[str, Any]) -> str | None:
    """A single value in words, or None when it is not one (or is empty)."""
    if "enum" in spec and isinstance(value, str):
        return value.replace("-", " ").capitalize()  # "family-and-friends" -> "Family and friends"
    titled = {b["const"]: b["title"] for b in spec.get("oneOf", ()) if "const" in b and "title" in b}
    if isinstance(value, str) and value in titled:  # a choice the schema words itself ("not-sure" -> "Not sure")
        return titled[value]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _node(label: str | None, text: str | None = None, children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"label": label, "text": text, "children": children or []}


def _only_words(value: dict[str, Any]) -> str | None:
    """The item's words when it holds nothing else worth a label ({"id", "text"})."""
    shown = {key: v for key, v in value.items() if key not in INTERNAL}
    return shown["text"].strip() or None if list(shown) == ["text"] and isinstance(shown["text"], str) else None


def nodes(root: dict[str, Any], spec: dict[str, Any], value: Any) -> list[dict[str, Any]]:
    """The value as nodes: an object's fields labelled, a list's items one node each."""
    spec = resolve(root, spec)
    if isinstance(value, dict):
        out = []
        for key, child in (spec.get("properties") or {}).items():
            if key in INTERNAL or key not in value:
                continue
            child_spec = resolve(root, child)
            text = value_text(value[key], child_spec)
            if text is not None:
                out.append(_node(words(key, child_spec), text))
            elif isinstance(value[key], (dict, list)) and (inner := nodes(root, child_spec, value[key])):
                out.append(_node(words(key, child_spec), None, inner))
        return out
    if isinstance(value, list):
        items = resolve(root, spec.get("items") or {})
        out = []
        for element in value:
            text = value_text(element, items)
            if text is None and isinstance(element, dict):
                text = _only_words(element)
            if text is not None:
                out.append(_node(None, text))
            elif isinstance(element, dict) and (inner := nodes(root, items, element)):
                # One node per item: its first field leads, the rest beneath it.
                out.append({**inner[0], "children": [*inner[0]["children"], *inner[1:]]})
        return out
    text = value_text(value, spec)
    return [_node(None, text)] if text is not None else []


def _element_node(root: dict[str, Any], part: str, element: Any) -> dict[str, Any] | None:
    """One list item of a part as its node (None when it says nothing)."""
    spec = resolve(root, root["properties"][part])
    found = nodes(root, spec, [element])
    return found[0] if found else None


def _outcomes_with_actions(root: dict[str, Any], plan: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Any]]:
    """Each outcome's node with its actions beneath it ("who does what"), and the actions no shown
    outcome holds. Readers ask of an outcome who does what, so the answer sits with it."""
    words = resources.wording("sharing")["who_does_what"]
    actions = [a for a in plan.get("actions") or [] if isinstance(a, dict)]
    held: set[int] = set()
    out = []
    for outcome in plan.get("outcomes") or []:
        node = _element_node(root, "outcomes", outcome)
        if node is None:
            continue
        oid = outcome.get("id") if isinstance(outcome, dict) else None
        mine = [(k, _element_node(root, "actions", a)) for k, a in enumerate(actions) if oid and a.get("outcome") == oid]
        mine = [(k, n) for k, n in mine if n is not None]
        if mine:
            held.update(k for k, _ in mine)
            node = {**node, "children": [*node["children"], _node(words, None, [n for _, n in mine])]}
        out.append(node)
    return out, [a for k, a in enumerate(actions) if k not in held]


def plan_tree(plan: dict[str, Any], choice: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The chosen parts (no choice: the plan's own, else the summary) that say something, in schema order.

    When both outcomes and actions are shared, an outcome's actions are shown beneath it, and the
    actions part keeps only those no outcome holds."""
    root = resources.schema("plan")
    chosen = chosen_parts(choice_for(plan, choice))
    values = {key: plan[key] for key in chosen if key in plan}
    nested: list[dict[str, Any]] | None = None
    if "outcomes" in values and "actions" in values and isinstance(values["outcomes"], list):
        nested, values["actions"] = _outcomes_with_actions(root, plan)
    parts = []
    for key, value in values.items():
        spec = resolve(root, root["properties"][key])
        items = nested if key == "outcomes" and nested is not None else nodes(root, spec, value)
        if items:
            parts.append({"key": key, "title": words(key, spec), "items": items})
    return parts


def plan_title(plan: dict[str, Any]) -> str:
    """The plan's title ("Cecilia’s care and support plan"), by the name the person likes to be called."""
    person = plan.get("person") if isinstance(plan.get("person"), dict) else {}
    name = next((person[k].strip() for k in ("preferred_name", "name")
                 if isinstance(person.get(k), str) and person[k].strip()), None)
    return f"{name}’s care and support plan" if name else "My care and support plan"


def long_date(value: str) -> str:
    """A YYYY-MM-DD date as people write it ("31 March 2027"), for every view that shows one.
    ValueError when it is not a date."""
    day = datetime.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"
