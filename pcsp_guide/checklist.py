"""The `pcsp-implementation-checklist` fence: the Year of Care implementation checklist
as a form a team fills in, keeps as a file, and prints.

The form's questions are the framework's own items, so its hints are built here
from pcsp_core/frameworks/year_of_care.json (one section per stage, one for the
House with a sub-group per part, each item a group whose help is the item's
details) plus pcsp_guide/forms/implementation-checklist.json (the labels, and the
fields asked of every item). pcsp_guide/static/assets/pcsp/checklist.js brings it to life.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from pcsp_core import resources
from pcsp_guide.fences import FORMS
from pcsp_guide.widget import Context, Fence, button, document_tool, form

KIND = "implementation-checklist"
FORM_ID = "checklist"
EXAMPLE = "implementation-checklist-example.json"


def _details(item: dict[str, Any]) -> str:
    # Plain text, one detail a line (the page shows the line breaks), as the source lists them.
    return "\n".join(f"• {detail}" for detail in item.get("details", []))


def checklist_hints() -> dict[str, Any]:
    """The render_form hints for the checklist: the hints file, filled in from the framework."""
    base = json.loads((FORMS / f"{KIND}.json").read_text(encoding="utf-8"))
    data = resources.framework("year_of_care")
    fields = dict(base["fields"])

    def place(key: str, item: dict[str, Any]) -> str:
        pointer = f"/{key}/{item['id']}"
        fields[pointer] = {"group": True, "label": item["text"], "help": _details(item), "order": base["item_order"]}
        for name, hint in base["item"].items():
            fields[f"{pointer}/{name}"] = hint
        return pointer

    sections = [base["about"]]
    for stage in data["stages"]:
        sections.append({"id": f"stage-{stage['number']}", "title": f"Stage {stage['number']}: {stage['title']}",
                         "fields": [place("activities", a) for a in stage["activities"]]})
    sections.append({**base["house_section"], "fields": [
        {"legend": f"{part['part']}: {part['title']}", "fields": [place("house", c) for c in part["components"]]}
        for part in data["house"]]})
    return {"form": base["form"], "title": base["title"], "exclude": base["exclude"], "sections": sections,
            "fields": fields}


def _progress_panel(hints: dict[str, Any]) -> str:
    data = resources.framework("year_of_care")

    def rows(parts: list[tuple[str, str, str]]) -> str:
        return "".join(f'<li><a href="#{escape(anchor)}">{escape(name)}</a>: '
                       f'<span data-pcsp-count="{escape(key)}">not counted yet</span></li>'
                       for key, name, anchor in parts)

    stages = [(f"stage:{s['id']}", f"Stage {s['number']}: {s['title']}", f"section-stage-{s['number']}")
              for s in data["stages"]]
    house_id = hints["sections"][-1]["id"]
    parts = [(f"house:{p['id']}", f"{p['part']}: {p['title']}", f"section-{house_id}-{k}")
             for k, p in enumerate(data["house"], start=1)]
    items = sum(len(s["activities"]) for s in data["stages"]) + sum(len(p["components"]) for p in data["house"])
    # tabindex: on wide screens the panel scrolls on its own, so keyboards must be able to reach it.
    # The next steps come before the counts: they are what a team acts on.
    return (
        '<aside class="pcsp-progress" data-pcsp-progress aria-labelledby="pcsp-progress-title" tabindex="0">'
        '<h2 id="pcsp-progress-title">Where you are</h2>'
        f'<progress class="pcsp-progress__bar" data-pcsp-progress-bar max="{items}" value="0" '
        'aria-labelledby="pcsp-progress-title" aria-describedby="pcsp-progress-words"></progress>'
        '<p class="pcsp-status" id="pcsp-progress-words" role="status" data-pcsp-progress-words>'
        "Progress will show here when the checks are ready. You can start filling in the checklist now.</p>"
        '<h3>Next steps</h3><ol class="pcsp-progress__next" data-pcsp-next-steps></ol>'
        f'<h3>The stages</h3><ul class="pcsp-progress__list">{rows(stages)}</ul>'
        f'<h3>The Year of Care House</h3><ul class="pcsp-progress__list">{rows(parts)}</ul></aside>')


def _implementation_checklist(source: str, options: dict[str, Any], ctx: Context) -> str:
    """Toolbar, draft offer, messages, the progress panel and the checklist form."""
    hints = checklist_hints()
    return document_tool(
        ctx, "checklist", KIND, "checklist", [button("data-pcsp-print", "Print the checklist")],
        f'<div class="pcsp-editor pcsp-checklist">{_progress_panel(hints)}'
        f'<div class="pcsp-editor__main">{form(KIND, hints, FORM_ID, f"{KIND}.json")}</div></div>'
        '<div class="pcsp-print-area" data-pcsp-print-area></div>',
        data={"data-example": f"examples/{EXAMPLE}"})


IMPLEMENTATION_CHECKLIST = Fence("pcsp-implementation-checklist", _implementation_checklist)
