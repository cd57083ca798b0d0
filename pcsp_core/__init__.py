"""pcsp_core: NHS England's personalised care and support planning framework as
data, and the logic that answers questions about plans, self-assessments and
implementation checklists.

Pure functions over plain dicts, the same in CPython and in the browser (Pyodide).

The public names are imported on first use (PEP 562), not at `import pcsp_core`:
in the browser, importing jsonschema alone takes half a second, and the outcome
check never needs it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "evaluate_plan": "criteria",
    "KINDS": "documents", "MAX_BYTES": "documents", "dump_document": "documents",
    "new_document": "documents", "open_document": "documents", "open_upload": "documents",
    "validate": "documents",
    "PcspError": "errors",
    "compare": "maturity", "merge": "maturity", "summarise": "maturity", "progress": "maturity",
    "about_assessment": "maturity", "follow_up": "maturity", "pair_by_follows": "maturity",
    "bring_together": "team", "actions_csv": "exports", "actions_markdown": "exports",
    "action_plan_file_name": "exports",
    "check_outcome": "outcomes",
    "review_status": "review", "snapshot": "review", "changes_since_last_review": "review",
    "suggested_file_name": "documents",
    "checklist_progress": "implementation",
    "nhs_number_problem": "nhs_number",
    "plan_markdown": "plan_markdown", "review_ics": "review_calendar", "reader_html": "reader_html",
    "card_html": "reader_html", "card": "emergency_card", "export_plan": "plan_exports",
    "shared": "sharing", "plan_tree": "plan_tree", "plan_title": "plan_tree",
    "qr_code": "qr", "card_document": "emergency_card",
    "plan_fhir": "plan_fhir",
    "experience_counts": "experience",
    "check_for_evidence": "evidence", "plan_evidence": "evidence", "stored": "evidence",
    "for_assessment": "evidence", "evidence_from_report": "evidence",
    "easy_read": "easy_read", "icon_names": "easy_read",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'pcsp_core' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
