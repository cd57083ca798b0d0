"""Every file a person can make from their plan to share, made the same way everywhere.

`pcsp export` and the page's "Share my plan" both call export_plan, so the file a browser
downloads and the file the CLI writes are the same bytes for the same plan, day and choice.
Each format's label, file-name ending and media type are data (wording/sharing.json,
"formats"); which function makes it is here. A format's module is imported when it is first
asked for: the page's Python starts without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from . import resources
from .documents import suggested_file_name
from .errors import PcspError

# format → (module, function, what it takes besides the plan). The calendar carries no word of the
# plan, so no choice; the Markdown carries no date, so no day.
MAKERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "html": ("reader_html", "reader_html", ("today", "choice")),
    "card": ("reader_html", "card_html", ("today", "choice")),
    "markdown": ("plan_markdown", "plan_markdown", ("choice",)),
    "fhir": ("plan_fhir", "plan_fhir", ("today", "choice")),
    "ics": ("review_calendar", "review_ics", ("today",)),
}


def formats() -> list[dict[str, str]]:
    """The formats in the order the page offers them: {"id", "label", "ending", "type"}."""
    data = resources.wording("sharing")["formats"]
    return [{"id": key, **data[key]} for key in MAKERS]


def export_plan(plan: dict[str, Any], format: str, today: str,
                choice: dict[str, Any] | None = None) -> dict[str, str]:
    """The file `format` makes from `plan` on `today` (YYYY-MM-DD): {"name", "type", "text"}.

    No choice means the plan's own (share_choice), else the summary."""
    if format not in MAKERS:
        raise PcspError(f"There is no “{format}” export: choose one of {', '.join(MAKERS)}.")
    module, function, takes = MAKERS[format]
    given = {"today": today, "choice": choice}
    text = getattr(import_module(f"pcsp_core.{module}"), function)(plan, **{key: given[key] for key in takes})
    spec = resources.wording("sharing")["formats"][format]
    stem = suggested_file_name(plan, today).removesuffix(".json")
    return {"name": stem + spec["ending"], "type": spec["type"], "text": text}
