"""Evidence, not only opinion: what a team's own plans show, as counts, for its self-assessment.

The figures are made from the per-file reports `pcsp check --format json` prints
(checker.check), so a folder checked by the CLI and files checked in the browser give the
same figures by construction. They are counts only: no plan's words, names or file
contents, so they can sit in a self-assessment file and be shared with the team.

Which enablers the figures speak to is data (frameworks/maturity.json, criteria_evidence),
quoting the enabler and the criteria, with the reason.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import resources
from .checker import Report, check, totals
from .documents import open_document, upload_raw
from .criteria import MAY_ASK

OVERDUE = "review-overdue"  # criteria.py's reminder that the next formal review has passed (one of MAY_ASK)


def check_for_evidence(upload: dict[str, Any], today: str) -> Report:
    """One file as the browser sends it ({"name", "text" | "base64"}), checked as `pcsp check` would,
    and kept only as what the figures need: verdicts and finding codes, never messages or words.
    A file that cannot be used keeps its name and the first reason, for the page's list."""
    raw = upload_raw(upload)
    report = check(upload.get("name") or "", raw, today=today)
    kept: Report = {"path": report["path"], "kind": report["kind"], "valid": report["valid"]}
    if not report["valid"] or report["kind"] != "plan":
        # The reason in the words opening it as a plan would give ("This file is a self-assessment, not a plan.").
        kept["reason"] = (report["errors"] or open_document(raw, "plan")["errors"])[0]["message"]
        return kept
    kept["counts_as_pcsp"] = report["counts_as_pcsp"]
    kept["criteria"] = [{"id": c["id"], "verdict": c["verdict"], "findings": [{"code": f["code"]} for f in c["findings"]]}
                        for c in report["criteria"]]
    return kept


def _words(element: str) -> str:
    """A criterion element in the framework's own words (frameworks/criteria.json)."""
    return next(item["text"] for c in resources.framework("criteria")["criteria"]
                for item in c["should_see"] + c["could_not_count"] if item["id"] == element)


def _plans(reports: list[Report]) -> list[Report]:
    return [r for r in reports if r["valid"] and r["kind"] == "plan"]


def plan_evidence(reports: list[Report], today: str) -> dict[str, Any]:
    """The figures for a set of checked files: counts only.

    Returns {"date", "files", "plans", "counting", "criteria": {n: {"met", "partly", "not-met"}},
    "gaps": [{"criterion", "element", "words", "plans", "codes": {code: plans}}] most common first,
    "overdue", "not_used": n,
    "meeting": {enabler: plans meeting the criteria it is linked to}}.
    A gap is a criterion element in the framework's words (wording/criteria_elements.json says
    which element each finding is about); it counts each plan once, however often the plan shows it.
    """
    summary = totals(reports)
    plans = _plans(reports)
    elements = resources.wording("criteria_elements")
    gaps: Counter[str] = Counter()  # element id → plans with a finding about it
    codes: dict[str, Counter[str]] = {}
    for report in plans:
        # A gap is what keeps a criterion from being met: not a question a met criterion still asks.
        found = {(elements[c["id"]][f["code"]], f["code"]) for c in report["criteria"] if c["verdict"] != "met"
                 for f in c["findings"] if f["code"] not in MAY_ASK}
        gaps.update({element for element, _ in found})
        for element, code in found:
            codes.setdefault(element, Counter())[code] += 1
    overdue = sum(any(f["code"] == OVERDUE for c in r["criteria"] for f in c["findings"]) for r in plans)
    # Per enabler: the plans none of whose linked criteria is "not met" (the rule for counting, on those).
    meeting = {}
    for link in enabler_links():
        numbers = {str(n) for n in link["criterion_numbers"]}
        meeting[link["enabler"]] = sum(all(c["verdict"] != "not-met" for c in r["criteria"] if c["id"] in numbers)
                                       for r in plans)
    return {
        "date": today, "files": summary["files"], "plans": summary["plans"], "counting": summary["counting"],
        "criteria": summary["criteria"],
        "gaps": [{"criterion": element.split(".")[0], "element": element, "words": _words(element), "plans": n,
                  "codes": dict(sorted(codes[element].items()))}
                 for element, n in sorted(gaps.items(), key=lambda item: (-item[1], item[0]))],
        "overdue": overdue,
        "not_used": summary["files"] - summary["plans"],
        "meeting": meeting,
    }


def enabler_links() -> list[dict[str, Any]]:
    """The enablers the criteria figures speak to (frameworks/maturity.json, criteria_evidence)."""
    return resources.framework("maturity")["criteria_evidence"]


def for_enabler(evidence: dict[str, Any], enabler: str) -> dict[str, Any] | None:
    """The figures that speak to one enabler, or None when none do: how many plans meet the
    criteria it names (all of them, for the criteria as a whole), and its most common gap there."""
    link = next((entry for entry in enabler_links() if entry["enabler"] == enabler), None)
    if link is None:
        return None
    numbers = [str(n) for n in link["criterion_numbers"]]
    gap = next((g for g in evidence["gaps"] if g["criterion"] in numbers), None)
    return {"enabler": enabler, "criteria": numbers, "plans": evidence["plans"],
            "meeting": evidence["meeting"][enabler], "gap": gap,
            "overdue": evidence["overdue"] if "5" in numbers else None}
