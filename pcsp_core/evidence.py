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

from . import documents, resources
from .checker import Report, check, plan_reports, totals
from .criteria import MAY_ASK
from .documents import REPORT, current_version, upload_raw, with_article, wrong_kind
from .errors import PcspError

OVERDUE = "review-overdue"  # criteria.py's reminder that the next formal review has passed (one of MAY_ASK)


def check_for_evidence(upload: dict[str, Any], today: str) -> Report:
    """One file as the browser sends it ({"name", "text" | "base64"}), checked as `pcsp check` would,
    and kept only as what the figures need: verdicts and finding codes, never messages or words.
    A file that cannot be used keeps its name and the first reason, for the page's list."""
    return _kept(check(upload.get("name") or "", upload_raw(upload), today=today))


def _kept(report: Report) -> Report:
    """What the figures keep of one file's report (the checker's, or one read from a report file)."""
    kept: Report = {"path": report["path"], "kind": report["kind"], "valid": report["valid"]}
    if not report["valid"] or report["kind"] != "plan":
        # The reason in the words opening it as a plan would give ("This file is a self-assessment, not a plan.").
        kept["reason"] = (report["errors"] or [wrong_kind(report["kind"], "plan")])[0]["message"]
        return kept
    kept["counts_as_pcsp"] = report["counts_as_pcsp"]
    kept["criteria"] = [{"id": c["id"], "verdict": c["verdict"], "findings": [{"code": f["code"]} for f in c["findings"]]}
                        for c in report["criteria"]]
    return kept


def element_words(element: str) -> str:
    """A criterion element in the framework's own words (frameworks/criteria.json)."""
    return next(item["text"] for c in resources.framework("criteria")["criteria"]
                for item in c["should_see"] + c["could_not_count"] if item["id"] == element)


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
    plans = plan_reports(reports)
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
        "gaps": [{"criterion": element.split(".")[0], "element": element, "words": element_words(element), "plans": n,
                  "codes": dict(sorted(codes[element].items()))}
                 for element, n in sorted(gaps.items(), key=lambda item: (-item[1], item[0]))],
        "overdue": overdue,
        "not_used": summary["files"] - summary["plans"],
        "meeting": meeting,
    }


# --- a report from pcsp check, opened for its figures ---------------------------------

def evidence_from_report(upload: dict[str, Any]) -> dict[str, Any]:
    """The figures of a report `pcsp check --format json` wrote, as the browser sends the file
    ({"name", "text" | "base64"}): exactly plan_evidence of check_for_evidence of the same files,
    on the report's date, so a lead handed the report sees what checking the plans would show.

    Answers {"ok": True, "evidence", "unused": [{"path", "reason"}]} (the files that could not be
    used, each with its first reason), or {"ok": False, "message"} saying what is wrong with the file.
    """
    try:
        raw = upload_raw(upload)
    except PcspError as exc:
        return {"ok": False, "message": str(exc)}
    doc, errors = documents.parse(raw, REPORT)
    if errors:
        return {"ok": False, "message": errors[0]["message"]}
    problem = _not_a_report(doc) or _layout(doc) or _files_do_not_add_up(doc["files"])
    if problem is not None:
        return {"ok": False, "message": problem}
    kept = [_kept(report) for report in doc["files"]]
    if doc["summary"] != totals(kept):
        words = _report_words()
        return {"ok": False, "message": words["does_not_add_up"].format(problem=words["totals"])}
    return {"ok": True, "evidence": plan_evidence(kept, doc["date"]),
            "unused": [{"path": k["path"], "reason": k["reason"]} for k in kept if "reason" in k]}


def _report_words() -> dict[str, str]:
    return resources.wording("evidence")["report"]


def _not_a_report(doc: Any) -> str | None:
    """What the file is instead of a report this version reads, if it is not one."""
    words = _report_words()
    if not isinstance(doc, dict):
        found = {list: "a list", str: "a piece of text", bool: "true or false", type(None): "null"}.get(
            type(doc), "a number")
        return words["not_an_object"].format(found=found)
    kind = doc.get("kind")
    if kind is None:
        # Reports printed before they had a kind were these two keys alone, and no date.
        return words["older"] if {"files", "summary"} <= doc.keys() else words["no_kind"]
    if kind in documents.KINDS:
        return words["document"].format(what=with_article(kind))
    if kind == documents.PROTECTED:
        return words["document"].format(what="a protected copy")
    if kind != REPORT:
        return words["other_kind"].format(kind=str(kind)[:40])
    version, current = doc.get("schema_version"), current_version(REPORT)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return words["no_version"]
    if version > current:
        return words["newer"].format(version=version, current=current)
    return None


def _layout(doc: dict[str, Any]) -> str | None:
    """The first way the report differs from its schema, in words, if it does."""
    said = documents.first_schema_error(doc, REPORT)
    if said is None:
        return None
    where = f" (at {said['path']})" if said["path"] else ""
    return _report_words()["layout"].format(problem=f"{said['message'].rstrip('.')}{where}.")


def _files_do_not_add_up(files: list[Report]) -> str | None:
    """What in the files of a report its schema accepts cannot all be true, or a finding this
    version does not know (plan_evidence names each finding's element, so it must know them all)."""
    words = _report_words()
    elements = resources.wording("criteria_elements")
    numbers = sorted(str(c["number"]) for c in resources.framework("criteria")["criteria"])
    for report in files:
        path, problem = str(report["path"])[:200], None
        if not report["valid"] and not report["errors"]:
            problem = words["no_reason"].format(path=path)
        elif report["valid"] and report["kind"] not in documents.KINDS:
            problem = words["usable_unknown"].format(path=path)
        elif report["valid"] and report["kind"] == "plan":
            criteria = report.get("criteria")
            if (not isinstance(report.get("counts_as_pcsp"), bool) or criteria is None
                    or sorted(c["id"] for c in criteria) != numbers):
                problem = words["not_a_plan_verdict"].format(path=path)
            elif unknown := next((f["code"] for c in criteria for f in c["findings"]
                                  if f["code"] not in elements[c["id"]]), None):
                return words["unknown_code"].format(code=unknown[:60], path=path)
        if problem:
            return words["does_not_add_up"].format(problem=problem)
    return None


def enabler_links() -> list[dict[str, Any]]:
    """The enablers the criteria figures speak to (frameworks/maturity.json, criteria_evidence)."""
    return resources.framework("maturity")["criteria_evidence"]


# --- the figures in a self-assessment ------------------------------------------------

def stored(evidence: dict[str, Any]) -> dict[str, Any]:
    """The figures as a self-assessment keeps them (its `plan_evidence`): counts only, and each
    gap by its element's id, since the framework's words are the framework's to hold."""
    return {"date": evidence["date"], "files": evidence["files"], "plans": evidence["plans"],
            "counting": evidence["counting"], "criteria": evidence["criteria"],
            "gaps": [{"element": g["element"], "plans": g["plans"]} for g in evidence["gaps"]],
            "overdue": evidence["overdue"], "not_used": evidence["not_used"], "meeting": evidence["meeting"]}


def _plural(key: str, n: int) -> str:
    one, many = resources.wording("evidence")[key]
    return one if n == 1 else many


def _criteria_words(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return f"criterion {numbers[0]}"
    return f"criteria {', '.join(numbers[:-1])} and {numbers[-1]}"


def sentence(block: dict[str, Any], enabler: str) -> str | None:
    """What a self-assessment's figures say of one enabler, as a sentence for its evidence
    field: "Our plans, checked on 2026-12-07: 12 of 40 plans count as personalised care and
    support plans; the most common gap there is 4.see.4 “A clear record of contingency plan…”
    (19 plans)." None when no criterion speaks to the enabler."""
    link = next((entry for entry in enabler_links() if entry["enabler"] == enabler), None)
    if link is None:
        return None
    words = resources.wording("evidence")
    if not block["plans"]:
        return words["no_plans"].format(date=block["date"], files=block["files"])
    numbers = [str(n) for n in link["criterion_numbers"]]
    if len(numbers) == len(resources.framework("criteria")["criteria"]):
        parts = [words["counting"].format(n=block["counting"], plans=block["plans"])]
    else:
        parts = [words["meeting"].format(n=block["meeting"].get(enabler, 0), plans=block["plans"],
                                         criteria=_criteria_words(numbers))]
    gap = next((g for g in block["gaps"] if g["element"].split(".")[0] in numbers), None)
    if gap:
        parts.append(words["gap"].format(element=gap["element"], words=element_words(gap["element"]), n=gap["plans"],
                                         plan_word=_plural("plan", gap["plans"])))
    if "5" in numbers:
        parts.append(words["overdue"].format(n=block["overdue"], plan_word=_plural("plan_is", block["overdue"])))
    return words["checked"].format(date=block["date"], figures="; ".join(parts))


def _does_not_add_up(block: dict[str, Any]) -> str | None:
    """What is wrong when figures that the schema accepts cannot all be true (edited by hand, or damaged)."""
    plans = block["plans"]
    if plans > block["files"] or block["not_used"] != block["files"] - plans:
        return "the files, the plans and the files not used"
    if block["counting"] > plans or block["overdue"] > plans:
        return "the plans that count or are overdue"
    if any(sum(counts.values()) != plans for counts in block["criteria"].values()):
        return "the verdicts of each criterion"
    if any(g["plans"] > plans for g in block["gaps"]) or any(n > plans for n in block["meeting"].values()):
        return "the gaps or the plans meeting an enabler's criteria"
    return None


def for_assessment(assessment: dict[str, Any]) -> dict[str, Any] | None:
    """The figures a self-assessment carries, for the page: when they were made, from how many
    files and plans, and the sentence for each enabler they speak to. None when it carries none;
    {"date", "problem"} when they cannot all be true, so no sentence repeats them."""
    block = assessment.get("plan_evidence")
    if not isinstance(block, dict):
        return None
    if problem := _does_not_add_up(block):
        return {"date": block["date"], "problem": resources.wording("evidence")["does_not_add_up"].format(problem=problem)}
    return {"date": block["date"], "files": block["files"], "plans": block["plans"], "counting": block["counting"],
            "enablers": {link["enabler"]: sentence(block, link["enabler"]) for link in enabler_links()}}


def newest(assessments: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Of several assessments' figures, the newest (the most plans, among those of one date);
    figures that cannot all be true are passed over."""
    blocks = [a["plan_evidence"] for a in assessments
              if isinstance(a.get("plan_evidence"), dict) and not _does_not_add_up(a["plan_evidence"])]
    return max(blocks, key=lambda b: (b["date"], b["plans"]), default=None)


def compare_evidence(baseline: dict[str, Any] | None, follow_up: dict[str, Any] | None) -> dict[str, Any] | None:
    """The figures of a baseline and its follow-up side by side, or None when neither has any.

    Each row is a figure as {"label", "baseline", "follow_up", "change"}, each side {"n", "of",
    "percent"} (None where that assessment has no figures) and the change in percentage points
    (None unless both have plans): plans that count, each criterion met, then reviews overdue.
    "baseline" and "follow_up" say {"date", "files", "plans"} of each side's figures, {"problem"}
    when they cannot all be true (and are left out), or None when it has none.
    """
    if baseline is None and follow_up is None:
        return None
    # Figures that cannot all be true are not compared: the side says why instead.
    problems = [resources.wording("evidence")["does_not_add_up"].format(problem=problem)
                if b is not None and (problem := _does_not_add_up(b)) else None for b in (baseline, follow_up)]
    baseline, follow_up = (None if problem else b for b, problem in zip((baseline, follow_up), problems))

    def side(block: dict[str, Any] | None, n: Any) -> dict[str, Any] | None:
        if block is None:
            return None
        count = n(block)
        return {"n": count, "of": block["plans"],
                "percent": round(100 * count / block["plans"]) if block["plans"] else None}

    def row(label: str, n: Any) -> dict[str, Any]:
        before, after = side(baseline, n), side(follow_up, n)
        # Shares, not counts, are compared: a follow-up rarely checks as many plans as its baseline.
        points = (after["percent"] - before["percent"] if before and after and None not in
                  (before["percent"], after["percent"]) else None)
        return {"label": label, "baseline": before, "follow_up": after, "change": points}

    words = resources.wording("evidence")["compare"]
    rows = [row(words["counting"], lambda b: b["counting"])]
    for c in resources.framework("criteria")["criteria"]:
        key = str(c["number"])
        rows.append(row(words["criterion"].format(n=key, title=c["title"]), lambda b, key=key: b["criteria"][key]["met"]))
    rows.append(row(words["overdue"], lambda b: b["overdue"]))
    about = [{"date": b["date"], "files": b["files"], "plans": b["plans"]} if b else
             {"problem": problem} if problem else None for b, problem in zip((baseline, follow_up), problems)]
    return {"baseline": about[0], "follow_up": about[1], "rows": rows}
