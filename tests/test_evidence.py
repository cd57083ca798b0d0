"""What a team's own plans show, as counts: the figures beside the self-assessment (issue 17, core)."""

import copy
import json

from pcsp_core import resources
from pcsp_core.checker import check, totals
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
    for gap in evidence["gaps"]:
        having = [r for r in found if any(f["code"] == gap["code"] for c in r["criteria"] if c["id"] == gap["criterion"]
                                          for f in c["findings"])]
        assert gap["plans"] == len(having) > 0
    counts = [g["plans"] for g in evidence["gaps"]]
    assert counts == sorted(counts, reverse=True)  # most common first


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
    assert all(g["code"] != "review-overdue" for g in evidence["gaps"])
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
