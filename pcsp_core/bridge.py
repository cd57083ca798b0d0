"""The one door the browser uses: a function name and JSON in, JSON out.

The Web Worker calls `call(name, args_json)` and gets a JSON string back, so no
Python object ever crosses into JavaScript (None would become undefined there).
Only the functions listed here can be called.
"""

from __future__ import annotations

import json
from importlib import import_module

# name → module holding it. Modules are imported on the first call, so the
# outcome check is ready without paying for jsonschema's import (≈0.5 s in Pyodide).
FUNCTIONS: dict[str, str] = {
    "check_outcome": "outcomes",
    "evaluate_plan": "criteria",
    "open_document": "documents",
    "open_upload": "documents",
    "validate": "documents",
    "new_document": "documents",
    "dump_document": "documents",
    "summarise": "maturity",
    "merge": "maturity",
    "compare": "maturity",
    "progress": "maturity",
    "about_assessment": "maturity",
    "follow_up": "maturity",
    "pair_by_follows": "maturity",
    "bring_together": "team",
    "actions_csv": "exports",
    "actions_markdown": "exports",
    "action_plan_file_name": "exports",
    "figures_csv": "exports",
    "figures_file_name": "exports",
    "review_status": "review",
    "snapshot": "review",
    "changes_since_last_review": "review",
    "review_ics": "review_calendar",
    "plan_markdown": "plan_markdown",
    "reader_html": "reader_html",
    "plan_fhir": "plan_fhir",
    "export_plan": "plan_exports",
    "shared": "sharing",
    "qr_code": "qr",
    "card_document": "emergency_card",
    "plan_tree": "plan_tree",
    "plan_title": "plan_tree",
    "easy_read": "easy_read",
    "icon_names": "easy_read",
    "card": "emergency_card",
    "suggested_file_name": "documents",
    "checklist_progress": "implementation",
    "nhs_number_problem": "nhs_number",
    "experience_counts": "experience",
    "check_for_evidence": "evidence",
    "plan_evidence": "evidence",
    "stored": "evidence",
    "evidence_from_report": "evidence",
    "for_assessment": "evidence",
}


def call(name: str, args_json: str = "[]") -> str:
    """Run FUNCTIONS[name](*args) and answer {"ok": true, "result": ...} or
    {"ok": false, "error": message} — as a JSON string, never an exception."""
    from .errors import PcspError

    if name not in FUNCTIONS:
        return json.dumps({"ok": False, "error": f"pcsp_core has no function “{name}”."})
    try:
        function = getattr(import_module(f"pcsp_core.{FUNCTIONS[name]}"), name)
        args = json.loads(args_json)
        if not isinstance(args, list):
            raise TypeError("arguments must be a JSON list")
        # allow_nan=False: the page's JSON.parse would refuse NaN. ensure_ascii: text holding half of
        # a UTF-16 pair crosses as an escape, never as a string the worker cannot hand over.
        return json.dumps({"ok": True, "result": function(*args)}, allow_nan=False)
    except PcspError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
    except Exception as exc:  # a bug, not bad input: say so rather than hang the page
        return json.dumps({"ok": False, "error": f"Internal error in {name}: {type(exc).__name__}: {exc}"})
