"""A self-assessment's action plan, to take away: CSV for spreadsheets, Markdown for documents;
and the figures from a team's own plans as CSV.

The CSV is written for Excel and LibreOffice as they open a file by double-click:
UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252),
every field quoted, CRLF line ends. A field a spreadsheet would run as a formula
(starting =, +, -, @, tab or carriage return) gets a leading apostrophe, so
`=HYPERLINK(...)` typed into an action arrives as text, never as a live link.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from . import resources
from .errors import PcspError
from .maturity import actions

COLUMNS = ("Foundation", "Enabler", "What we will do", "Who owns it", "Due by", "Status")
STATUS_WORDS: dict[str, str] = resources.wording("words")["action_status"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _enablers() -> dict[str, tuple[str, str]]:
    return {e["id"]: (f["title"], f"{e['letter']}. {e['text']}")
            for f in resources.framework("maturity")["foundations"] for e in f["enablers"]}


def action_rows(assessment: dict[str, Any]) -> list[dict[str, str]]:
    """Every improvement action, in framework order, as plain words keyed by COLUMNS."""
    names = _enablers()
    rows = []
    for action in actions(assessment):
        foundation, enabler = names[action["enabler"]]
        rows.append(dict(zip(COLUMNS, (
            foundation, enabler, action.get("what") or "", action.get("owner") or "", action.get("due") or "",
            STATUS_WORDS.get(action.get("status") or "", "")))))
    return rows


def neutralise(field: str) -> str:
    """The field as a spreadsheet will show it as text, never run it."""
    return f"'{field}" if field.lstrip(" ").startswith(FORMULA_STARTS) else field


def actions_csv(assessment: dict[str, Any]) -> str:
    """The action plan as CSV text, starting with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in action_rows(assessment):
        writer.writerow(neutralise(row[c]) for c in COLUMNS)
    return BOM + out.getvalue()


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, and nothing read as markup or HTML."""
    text = " ".join(text.split())
    for char in "\\`*_[]<>|#":
        text = text.replace(char, f"\\{char}")
    return text


def actions_markdown(assessment: dict[str, Any]) -> str:
    """The action plan as a Markdown document: a heading, what was assessed, then a table per foundation."""
    scope = assessment.get("scope") or {}
    lines = [f"# Action plan: {_md(scope.get('name') or 'our self-assessment')}", ""]
    who = ", ".join(p.get("name") or "" for p in assessment.get("assessed_by") or [] if p.get("name"))
    about = [f"Assessed on {assessment['date']}" if assessment.get("date") else "", f"by {_md(who)}" if who else ""]
    if any(about):
        lines += [" ".join(a for a in about if a) + ".", ""]
    rows = action_rows(assessment)
    if not rows:
        return "\n".join(lines + ["No improvement actions yet.", ""])
    for foundation in dict.fromkeys(r["Foundation"] for r in rows):
        lines += [f"## {_md(foundation)}", "", "| " + " | ".join(COLUMNS[1:]) + " |",
                  "|" + " --- |" * (len(COLUMNS) - 1)]
        lines += ["| " + " | ".join(_md(r[c]) for c in COLUMNS[1:]) + " |" for r in rows if r["Foundation"] == foundation]
        lines.append("")
    return "\n".join(lines)


def action_plan_file_name(assessment: dict[str, Any], today: str, extension: str) -> str:
    """The name the action plan is saved under: the assessment's own file name with
    "action-plan" for "self-assessment", e.g. "frailty-pathway-action-plan-2026-03-19.csv"."""
    from .documents import suggested_file_name

    if extension not in (".csv", ".md"):
        raise PcspError(f"The action plan is made as .csv or .md, not “{extension}”.")
    name = suggested_file_name(assessment, today)
    return name.replace("-self-assessment-", "-action-plan-").removesuffix(".json") + extension


def figures_csv(evidence: dict[str, Any]) -> str:
    """The figures from a team's plans (evidence.plan_evidence) as CSV text for a spreadsheet: one
    row per figure, counts only, each criterion and gap named in the framework's words."""
    from .evidence import element_words  # evidence reads the checker, which reads maturity: not at import

    words = resources.wording("evidence")
    table = words["csv"]
    plans = evidence["plans"]
    titles = {str(c["number"]): c["title"] for c in resources.framework("criteria")["criteria"]}
    rows: list[tuple[Any, ...]] = [(table["date"], "", evidence["date"], "", ""),
                                   (table["files"], "", "", evidence["files"], ""),
                                   (table["not_used"], "", "", evidence["not_used"], evidence["files"]),
                                   (words["compare"]["counting"], "", "", evidence["counting"], plans)]
    rows += [(table["verdicts"][verdict], n, titles[n], counts[verdict], plans)
             for n, counts in evidence["criteria"].items() for verdict in table["verdicts"]]
    rows += [(table["gap"], g["element"], element_words(g["element"]), g["plans"], plans) for g in evidence["gaps"]]
    rows.append((words["compare"]["overdue"], "", "", evidence["overdue"], plans))
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(table["columns"])
    for row in rows:
        writer.writerow(neutralise(str(field)) for field in row)
    return BOM + out.getvalue()


def figures_file_name(evidence: dict[str, Any]) -> str:
    """our-plans-figures-2026-12-07.csv: the day the plans were checked."""
    return resources.wording("evidence")["csv"]["file_name"].format(date=evidence["date"])
