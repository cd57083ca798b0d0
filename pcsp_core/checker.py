"""What `pcsp check` reports for each file, and the totals a team reports.

Pure: it takes a file's bytes (or the reason it could not be read) and returns
plain dicts in the shape of the checker's JSON output.
"""

from __future__ import annotations

from typing import Any

from . import maturity, resources
from .criteria import evaluate_plan
from .documents import REPORT, current_version, open_document
from .implementation import checklist_progress

Report = dict[str, Any]
VERDICTS = ("met", "partly", "not-met")


def check(path: str, raw: bytes | None, read_error: dict[str, str] | None = None,
          today: str | None = None) -> Report:
    """One file's report. `read_error` stands in for `raw` when the file could not be read."""
    opened = open_document(raw) if read_error is None else {
        "valid": False, "kind": None, "document": None, "errors": [read_error]}
    report: Report = {"path": path, "kind": opened["kind"], "valid": opened["valid"],
                      "errors": opened["errors"]}
    if opened.get("migrated_from") is not None:
        report["migrated_from"] = opened["migrated_from"]
    doc = opened["document"]
    if opened["kind"] == "self-assessment":
        report["summary"] = maturity.summarise(doc) if doc else None
    elif opened["kind"] == "implementation-checklist":
        report["progress"] = checklist_progress(doc) if doc else None
    else:
        result = evaluate_plan(doc, today) if doc else {"counts_as_pcsp": None, "criteria": [], "outcomes": []}
        report.update(result)
    return report


def plan_reports(reports: list[Report]) -> list[Report]:
    """The reports of files that are plans and could be checked."""
    return [r for r in reports if r["valid"] and r["kind"] == "plan"]


def totals(reports: list[Report]) -> dict[str, Any]:
    """The counts over every file: how many valid, how many plans count, and
    each criterion's verdicts ("for data purposes")."""
    plans = plan_reports(reports)
    criteria = {str(c["number"]): dict.fromkeys(VERDICTS, 0) for c in resources.framework("criteria")["criteria"]}
    for report in plans:
        for criterion in report["criteria"]:
            criteria[criterion["id"]][criterion["verdict"]] += 1
    valid = sum(r["valid"] for r in reports)
    return {"files": len(reports), "valid": valid, "invalid": len(reports) - valid, "plans": len(plans),
            "counting": sum(r["counts_as_pcsp"] is True for r in plans),
            "criteria": criteria}


def report_file(reports: list[Report], summary: dict[str, Any], today: str) -> dict[str, Any]:
    """What `pcsp check --format json` prints (schemas/check-report.schema.json): each file's report and
    the totals, as they always were, under a kind and version that let the guide recognise the file,
    and the date overdue reviews were checked against, which the figures made from it carry."""
    return {"kind": REPORT, "schema_version": current_version(REPORT), "date": today,
            "files": reports, "summary": summary}


def exit_code(summary: dict[str, Any]) -> int:
    """0 all valid and every plan counts; 1 all valid but a plan does not count; 2 anything invalid."""
    if summary["invalid"]:
        return 2
    return 1 if summary["counting"] < summary["plans"] else 0
