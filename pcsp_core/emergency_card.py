"""The "if things change" card: what might happen, what should happen then, and who to call.

One page a person can keep by the phone, in a wallet or on the fridge, for whoever is with
them when things go wrong. It is built here once, as plain blocks of the person's words,
and drawn twice: printed from My plan (print-view.js) and saved as its own .html file
(reader_html.card_html). Its words are in pcsp_core/wording/sharing.json ("card"). It shows
only what the person chose to share (the summary, unless they chose otherwise).

    {"title": str, "blocks": [{"heading": str | None, "lines": [{"text": str, "call": bool}]}],
     "empty": str | None}

"call" marks who to contact, which both drawings make stand out. "empty" is set when the card
would say nothing: a blank card is no use to whoever finds it, so it says what would fill it.
"""

from __future__ import annotations

from typing import Any

from . import resources
from .sharing import NOT_PARTS, shared


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def card(plan: dict[str, Any], choice: dict[str, Any] | None = None) -> dict[str, Any]:
    """The card's title and blocks, from the parts of `plan` the choice shares."""
    words = resources.wording("sharing")["card"]
    plan = shared(plan, choice)
    person = plan.get("person") if isinstance(plan.get("person"), dict) else {}
    name = _text(person.get("preferred_name")) or _text(person.get("name"))
    blocks = []
    for change in plan.get("contingency") or []:
        if not isinstance(change, dict):
            continue
        lines = [{"text": _text(change.get("what_should_happen")), "call": False}]
        if who := _text(change.get("who_to_contact")):
            lines.append({"text": words["contact"].format(who=who), "call": True})
        lines = [line for line in lines if line["text"]]
        heading = _text(change.get("trigger"))
        if heading or lines:
            blocks.append({"heading": heading or words["untitled_change"], "lines": lines})
    coordinator = plan.get("coordinator") if isinstance(plan.get("coordinator"), dict) else {}
    if _text(coordinator.get("name")):
        who = ", ".join(t for t in (_text(coordinator.get(k)) for k in ("name", "role", "contact")) if t)
        blocks.append({"heading": None, "lines": [{"text": words["coordinator"].format(who=who), "call": True}]})
    if worse := _text(plan.get("treatment_escalation")):
        blocks.append({"heading": words["worse"], "lines": [{"text": worse, "call": False}]})
    return {"title": words["title_named"].format(name=name) if name else words["title"],
            "blocks": blocks, "empty": None if blocks else words["empty"]}


def card_document(plan: dict[str, Any], choice: dict[str, Any] | None = None) -> dict[str, Any]:
    """A plan holding only the card's parts that the person shares: what the card's QR code links to.
    It never holds more than they chose."""
    keep = set(resources.wording("sharing")["card"]["parts"]) | NOT_PARTS
    return {key: value for key, value in shared(plan, choice).items() if key in keep}
