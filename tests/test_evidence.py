"""What a team's own plans show, as counts: the figures beside the self-assessment (issue 17, core)."""

import copy
import json

from pcsp_core import resources
from pcsp_core.checker import check, totals
from pcsp_core.criteria import MAY_ASK
from pcsp_core.evidence import enabler_links, for_enabler, plan_evidence

from conftest import ROOT

TODAY = "2026-12-07"
CALIBRATION = sorted(p for p in (ROOT / "tests" / "calibration").glob("*.json") if not p.name.endswith(".expected.json"))


def reports(paths=CALIBRATION, extra=()):
    return [check(p.name, p.read_bytes(), today=TODAY) for p in paths] + list(extra)


def test_the_figures_are_the_checker_s_totals_and_its_findings_counted_per_plan():
    found = reports()
    evidence = plan_evidence(found, TODAY)
    summary = totals(found)
    assert (evidence["files"], evidence["plans"], evidence["counting"]) == (len(CALIBRATION), len(CALIBRATION),
                                                                            summary["counting"])
    assert evidence["criteria"] == summary["criteria"]
    elements = resources.wording("criteria_elements")
    for gap in evidence["gaps"]:
        having = [r for r in found if any(elements[c["id"]][f["code"]] == gap["element"] for c in r["criteria"]
                                          if c["verdict"] != "met" for f in c["findings"] if f["code"] not in MAY_ASK)]
        assert gap["plans"] == len(having) > 0
        assert gap["words"] in json.dumps(resources.framework("criteria"), ensure_ascii=False)
        assert max(gap["codes"].values()) <= gap["plans"]
    counts = [g["plans"] for g in evidence["gaps"]]
    assert counts == sorted(counts, reverse=True)  # most common first
    # A question a met criterion still asks (worries, my copy) is not a gap.
    assert not {code for g in evidence["gaps"] for code in g["codes"]} & MAY_ASK


def test_a_gap_counts_each_plan_once_and_an_overdue_review_is_its_own_figure():
    plan = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))
    late = copy.deepcopy(plan)
    late["review"]["next_formal_review"] = "2026-01-01"
    late["outcomes"] += [{"id": "o9", "in_my_words": "Physiotherapy twice a week"},
                         {"id": "o10", "in_my_words": "Attend the day centre"}]  # the same gap, twice
    found = [check("a.json", json.dumps(plan).encode(), today=TODAY),
             check("b.json", json.dumps(late).encode(), today=TODAY)]
    evidence = plan_evidence(found, TODAY)
    assert evidence["overdue"] == 1
    assert all("review-overdue" not in g["codes"] for g in evidence["gaps"])
    assert all(g["plans"] <= 1 for g in evidence["gaps"])


def test_files_that_are_not_plans_are_counted_as_not_used_by_number_only():
    bad = check("notes.json", b"not json", today=TODAY)
    team = check("team.json", (ROOT / "examples" / "team-baseline.json").read_bytes(), today=TODAY)
    evidence = plan_evidence(reports(CALIBRATION[:3], [bad, team]), TODAY)
    assert (evidence["files"], evidence["plans"], evidence["not_used"]) == (5, 3, 2)


def test_no_plan_s_words_reach_the_figures():
    marker = "Zqxmarker"
    plan = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))
    plan["person"]["name"] = marker
    plan["important_people"][0]["name"] = marker  # a finding's message names the person
    plan["important_people"][0].pop("how_we_stay_connected", None)
    found = [check(f"{marker}.json", json.dumps(plan).encode(), today=TODAY)]
    assert marker in json.dumps(found)  # the report holds it ...
    assert marker not in json.dumps(plan_evidence(found, TODAY))  # ... the figures never do


def test_each_linked_enabler_gets_the_plans_meeting_its_criteria():
    found = reports()
    evidence = plan_evidence(found, TODAY)
    for link in enabler_links():
        figure = for_enabler(evidence, link["enabler"])
        numbers = {str(n) for n in link["criterion_numbers"]}
        meeting = sum(all(c["verdict"] != "not-met" for c in r["criteria"] if c["id"] in numbers) for r in found)
        assert figure["meeting"] == meeting and figure["plans"] == len(found)
        if figure["gap"] is not None:
            assert figure["gap"]["criterion"] in numbers
        assert (figure["overdue"] is None) == ("5" not in numbers)
    assert for_enabler(evidence, "supportive-systems.g")["meeting"] == evidence["counting"]  # all 5: counting
    assert for_enabler(evidence, "supportive-systems.a") is None  # a strategy: no plan shows it


def test_every_linked_enabler_is_a_real_one():
    enablers = {e["id"] for f in resources.framework("maturity")["foundations"] for e in f["enablers"]}
    assert {link["enabler"] for link in enabler_links()} <= enablers


def test_each_finding_the_rules_yield_is_listed_under_the_element_whose_rule_yielded_it():
    """wording/criteria_elements.json against the rules themselves, over every test plan there is."""
    import datetime

    from pcsp_core.criteria import RULES, _context
    from pcsp_core.documents import open_document

    elements = resources.wording("criteria_elements")
    listed = {code for criterion, codes in elements.items() if criterion != "about" for code in codes}
    assert listed == set(resources.wording("criteria"))  # every message's code, no other
    paths = CALIBRATION + sorted((ROOT / "examples").glob("*.json"))
    seen = set()
    for path in paths:
        opened = open_document(path.read_bytes())
        if opened["kind"] != "plan":
            continue
        plan = opened["document"]
        for variant in (plan, {"kind": "plan", "schema_version": plan["schema_version"]}):
            ctx = _context(variant, datetime.date(2026, 12, 7))
            for rule_id, rule in RULES.items():
                for problem in rule(variant, ctx):
                    assert elements[rule_id.split(".")[0]][problem.code] == rule_id, (path.name, problem.code)
                    seen.add(problem.code)
    assert len(seen) > 40  # the corpus exercises most of the rules


def test_a_file_checked_for_evidence_keeps_verdicts_and_codes_only_and_gives_the_same_figures():
    from pcsp_core.evidence import check_for_evidence as checked

    marker = "Zqxmarker"
    plan = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))
    plan["important_people"][0]["name"] = marker
    plan["important_people"][0].pop("how_we_stay_connected", None)
    upload = {"name": "a.json", "text": json.dumps(plan)}
    kept = checked(upload, TODAY)
    assert marker not in json.dumps(kept)
    full = check("a.json", json.dumps(plan).encode(), today=TODAY)
    assert plan_evidence([kept], TODAY) == plan_evidence([full], TODAY)
    for path in CALIBRATION[:10]:
        assert plan_evidence([checked({"name": path.name, "text": path.read_text(encoding="utf-8")}, TODAY)],
                             TODAY) == plan_evidence([check(path.name, path.read_bytes(), today=TODAY)], TODAY)
    bad = checked({"name": "notes.json", "text": "not json"}, TODAY)
    assert bad["valid"] is False and "JSON" in bad["reason"]
    team = checked({"name": "t.json", "text": (ROOT / "examples" / "team-baseline.json").read_text()}, TODAY)
    assert team["kind"] == "self-assessment" and team["reason"].startswith("This file is a self-assessment, not a plan.")
