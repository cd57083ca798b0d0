"""What a person chooses to share: everything, a summary, or part by part.

A plan's parts are its top-level fields, in the plan schema's order and with its titles, so
a new field is a new part without a word written here. Which parts make the summary, and
which are private (left out of the summary, and off until chosen), is data in
pcsp_core/wording/sharing.json. Every export takes the same choice, so "summary" means the
same in Markdown, the reader views, FHIR and the calendar.

The person's choice is remembered in the plan itself ("share_choice"), so an export given no
choice uses theirs, and the summary when they have not chosen.
"""

from __future__ import annotations

from typing import Any

from . import resources
from .errors import PcspError

SCOPES = ("summary", "all", "sections")
# What the file is, and what the person chose to share: not what the plan says.
NOT_PARTS = frozenset({"$schema", "kind", "schema_version", "share_choice"})
SUMMARY = {"scope": "summary"}


def parts() -> list[dict[str, Any]]:
    """Every part of a plan a person can share: {"id", "title", "summary", "private"}, in schema order."""
    data = resources.wording("sharing")
    properties = resources.schema("plan")["properties"]
    return [{"id": key, "title": spec.get("title") or key, "summary": key in data["summary"],
             "private": key in data["private"]}
            for key, spec in properties.items() if key not in NOT_PARTS]


def choice_for(plan: dict[str, Any], choice: dict[str, Any] | None) -> dict[str, Any]:
    """The choice to use: the one given, else the one remembered in the plan, else the summary."""
    if choice:
        return choice
    remembered = plan.get("share_choice")
    return remembered if isinstance(remembered, dict) and remembered.get("scope") else SUMMARY


def chosen_parts(choice: dict[str, Any] | None) -> list[str]:
    """The part ids a choice shares, in schema order. None means the summary.

    choice: {"scope": "summary"} | {"scope": "all"} | {"scope": "sections", "sections": [ids]}.
    """
    choice = choice or SUMMARY
    scope = choice.get("scope")
    known = [p["id"] for p in parts()]
    if scope == "all":
        return known
    if scope == "summary":
        return [p["id"] for p in parts() if p["summary"] and not p["private"]]
    if scope == "sections":
        asked = choice.get("sections")
        if not isinstance(asked, list) or not all(isinstance(a, str) for a in asked):
            raise PcspError("Choose the parts to share as a list of their names.")
        unknown = [a for a in asked if a not in known]
        if unknown:
            raise PcspError(f"A plan has no part called “{unknown[0]}”.")
        return [k for k in known if k in asked]
    raise PcspError(f"Choose what to share: {', '.join(SCOPES)}; not “{scope}”.")


def shared(plan: dict[str, Any], choice: dict[str, Any] | None = None) -> dict[str, Any]:
    """The plan with only the chosen parts (and what kind of file it is). No choice: the plan's own."""
    keep = set(chosen_parts(choice_for(plan, choice))) | NOT_PARTS
    return {key: value for key, value in plan.items() if key in keep}
