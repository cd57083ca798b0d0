"""The person's own plan in easy read: short lines, one idea each, under plain headings with a picture.

Many people who keep a plan have a learning disability, aphasia, low literacy or sight loss.
Easy read puts one idea on each line, frames each of the person's answers with a few words of
our own ("What matters to me:", "Who helps:"), and puts a picture beside each heading.

The person's words are never rewritten, shortened or split into sentences: a guess at where a
sentence ends ("Dr. Shah") would change what they said. Only the line breaks they typed start
new lines, and each item of a list is its own line. Every word of ours (headings, lead-ins, the
few sentences) and each heading's picture live in pcsp_core/wording/easy_read.json, so they can
be changed without touching this code; a picture is a name from the Tabler icon set, which the
guide copies into the site (only the ones named there).

It takes whatever the editor holds, saved or not, valid or not, and never fails on an odd
shape: what it cannot read as words is left out, and so is a section with nothing in it.

    {"title": str, "intro": [str], "empty": str | None,
     "sections": [{"key": str, "heading": str, "icon": str, "blocks": [Block]}]}
    Block: {"sub": bool, "lines": [Line]}    one thing: a person, an outcome, a risk...
    Line:  {"lead": str | None, "words": str | None, "items": [str]}

A line is a lead-in of ours with the person's words after it ("Who helps:" "Ann"), a lead-in
with their words listed beneath it, one per line, or a sentence of ours alone ("I have started
this."). "sub" marks an action under the outcome it is for (the block before it).
"""

from __future__ import annotations

from typing import Any

from . import resources
from .plan_tree import long_date, plan_title
from .schema_walk import resolve

Line = dict[str, Any]
Block = dict[str, Any]


def _wording() -> dict[str, Any]:
    return resources.wording("easy_read")


def icon_names() -> list[str]:
    """Every picture easy read can show, once each, sorted: what the guide copies into the site."""
    return sorted({section["icon"] for section in _wording()["sections"]})


def _lines(value: Any) -> list[str]:
    """The person's words, a line each as they typed them (blank lines and spaces at the ends left out)."""
    if not isinstance(value, str):
        return []
    return [line.strip() for line in value.splitlines() if line.strip()]


def _line(lead: str | None, words: str | None = None, items: list[str] | None = None) -> Line:
    return {"lead": lead, "words": words, "items": items or []}


def _led(lead: str, words: list[str], listed: bool = False) -> Line:
    """The words after their lead-in: on its line when they are one line (and not a list), else beneath it."""
    return _line(lead, None, words) if listed or len(words) > 1 else _line(lead, words[0])


def _spec(root: dict[str, Any], parent: dict[str, Any], key: str) -> dict[str, Any]:
    """The schema of a field ({} when the schema has none by that name, or is not an object's)."""
    child = (parent.get("properties") or {}).get(key)
    return resolve(root, child) if isinstance(child, dict) else {}


def _items_spec(root: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    items = spec.get("items")
    return resolve(root, items) if isinstance(items, dict) else {}


def _field_words(value: Any, spec: dict[str, Any], item: str | None = None) -> tuple[list[str], bool]:
    """(the field's words as lines, whether it is a list). A date reads as people write one;
    a list's items are its strings, or each item's "text" (or `item`, when given)."""
    if isinstance(value, list):
        key = item or "text"
        return [line for element in value
                for line in _lines(element.get(key) if isinstance(element, dict) else element)], True
    if spec.get("format") == "date" and isinstance(value, str):
        try:
            return [long_date(value)], False
        except ValueError:
            pass  # half typed: the words as they are
    return _lines(value), False


def _field_line(lead: str, value: Any, spec: dict[str, Any], item: str | None = None) -> Line | None:
    """One field under its lead-in: on the same line when it is one line of words, else listed beneath."""
    words, is_list = _field_words(value, spec, item)
    return _led(lead, words, is_list) if words else None


def _record(fields: dict[str, Any], value: Any, spec: dict[str, Any], root: dict[str, Any]) -> list[Line]:
    """An object's fields, in the order the wording lists them, each under its lead-in.

    A field's wording is its lead-in; {"lead", "item"} for a list of objects shown by one field
    of each; or the name of a set of our own sentences, one per value ("outcome_status")."""
    if not isinstance(value, dict):
        return []
    words = _wording()
    out = []
    for key, how in fields.items():
        if key not in value:
            continue
        if isinstance(how, dict):
            line = _field_line(how["lead"], value[key], _spec(root, spec, key), how["item"])
        elif isinstance(words.get(how), dict):
            sentence = words[how].get(value[key]) if isinstance(value[key], str) else None
            line = _line(sentence) if sentence else None
        else:
            line = _field_line(how, value[key], _spec(root, spec, key))
        if line is not None:
            out.append(line)
    return out


def _listed(section: dict[str, Any], value: Any) -> list[Line]:
    """A list of the person's words under the section's lead-in. Items someone else said (a "view"
    of family or staff) come after the person's own, each group under words saying whose they are."""
    if isinstance(value, str):
        line = _field_line(section["lead"], value, {})
        return [line] if line else []
    if not isinstance(value, list):
        return []
    views = _wording()["views"]
    groups: dict[str | None, list[str]] = {}
    for element in value:
        view = element.get("view") if isinstance(element, dict) else None
        view = view if isinstance(view, str) and view in views else None
        groups.setdefault(view, []).extend(_field_words([element], {})[0])
    order = [None, *views]
    return [_line(section["lead"] if view is None else views[view], None, groups[view])
            for view in order if groups.get(view)]


def _action(action: Any) -> list[Line]:
    """Who helps, what they do, and when, a line each; "I will:" when it is the person's own."""
    if not isinstance(action, dict):
        return []
    words = _wording()["action"]
    what, who, named = _lines(action.get("what")), action.get("who"), _lines(action.get("who_exactly"))
    out = []
    who = who if isinstance(who, str) else None
    helper = named or ([words["who"][who]] if who in words["who"] else [])
    if helper and who != "me":
        out.append(_led(words["helper"], helper))
    if what:
        out.append(_led(words["me"] if who == "me" else words["they"] if helper else words["nobody"], what))
    if who == "me" and named:  # "me", with someone named as well: both are shown
        out.append(_led(words["helper"], named))
    if when := _lines(action.get("when")):
        out.append(_led(words["when"], when))
    status = action.get("status")
    if out and isinstance(status, str) and status in words["status"]:
        out.append(_line(words["status"][status]))
    return out


def _block(lines: list[Line], sub: bool = False) -> Block:
    return {"sub": sub, "lines": lines}


def _outcomes(section: dict[str, Any], plan: dict[str, Any], root: dict[str, Any]) -> tuple[list[Block], set[int]]:
    """Each outcome as a block, each of its actions as a block beneath it; and which actions those were."""
    spec = _items_spec(root, _spec(root, root, "outcomes"))
    outcomes = plan.get("outcomes")
    actions = plan.get("actions") if isinstance(plan.get("actions"), list) else []
    blocks: list[Block] = []
    held: set[int] = set()
    for outcome in outcomes if isinstance(outcomes, list) else []:
        lines = _record(section["fields"], outcome, spec, root)
        if not lines:
            continue  # no words of its own: its actions are shown with the others
        blocks.append(_block(lines))
        oid = outcome.get("id")
        for k, action in enumerate(actions):
            if oid and isinstance(action, dict) and action.get("outcome") == oid and (said := _action(action)):
                blocks.append(_block(said, sub=True))
                held.add(k)
    return blocks, held


def easy_read(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan in easy read, section by section, in the order of the wording file.

    Every part the plan holds words in is shown: the person's own plan, or the parts someone
    chose to share with them. Empty sections are left out; a plan with nothing in it says so."""
    words = _wording()
    root = resources.schema("plan")
    plan = plan if isinstance(plan, dict) else {}
    by_key = {section["key"]: section for section in words["sections"]}
    outcome_blocks, held = _outcomes(by_key["outcomes"], plan, root) if "outcomes" in by_key else ([], set())
    sections = []
    for section in words["sections"]:
        key = section["key"]
        value = plan.get(key)
        spec = _spec(root, root, key)
        if key == "outcomes":
            blocks = outcome_blocks
        elif key == "actions":
            actions = value if isinstance(value, list) else []
            blocks = [_block(said) for k, action in enumerate(actions) if k not in held and (said := _action(action))]
        elif "lead" in section:
            blocks = [_block(lines)] if (lines := _listed(section, value)) else []
        elif isinstance(value, list):
            item_spec = _items_spec(root, spec)
            blocks = [_block(lines) for element in value if (lines := _record(section["fields"], element, item_spec, root))]
        else:
            blocks = [_block(lines)] if (lines := _record(section["fields"], value, spec, root)) else []
        if blocks:
            sections.append({"key": key, "heading": section["heading"], "icon": section["icon"], "blocks": blocks})
    return {"title": plan_title(plan), "intro": list(words["intro"]), "sections": sections,
            "empty": None if sections else words["empty"]}
