"""What a team's own plans show, as counts: the figures beside the self-assessment (issue 17, core)."""

import copy
import json

from pcsp_core import resources
from pcsp_core.checker import check, totals
from pcsp_core.criteria import MAY_ASK
from pcsp_core.documents import open_document, validate
from pcsp_core.evidence import (compare_evidence, enabler_links, for_assessment, newest, plan_evidence, sentence,
                                stored)

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


def test_each_linked_enabler_gets_the_plans_meeting_its_criteria_in_a_sentence():
    found = reports()
    evidence = plan_evidence(found, TODAY)
    block = stored(evidence)
    criteria = resources.framework("criteria")["criteria"]
    for link in enabler_links():
        numbers = {str(n) for n in link["criterion_numbers"]}
        meeting = sum(all(c["verdict"] != "not-met" for c in r["criteria"] if c["id"] in numbers) for r in found)
        assert evidence["meeting"][link["enabler"]] == meeting
        said = sentence(block, link["enabler"])
        assert said.startswith(f"Our plans, checked on {TODAY}: ") and said.endswith(".")
        if len(numbers) == len(criteria):  # all 5: the plans that count
            assert f"{evidence['counting']} of {len(found)} plans count as personalised care and support plans" in said
        else:
            assert f"{meeting} of {len(found)} plans meet criteri" in said
        gap = next((g for g in evidence["gaps"] if g["criterion"] in numbers), None)
        if gap:  # the most common gap among its own criteria, in the framework's words
            assert f"{gap['element']} “{gap['words']}” ({gap['plans']} plan" in said
        assert ("past the next formal review" in said) == ("5" in numbers)
    assert sentence(block, "supportive-systems.a") is None  # a strategy: no plan shows it


def test_a_sentence_says_so_when_no_file_was_a_plan():
    bad = check("notes.json", b"not json", today=TODAY)
    block = stored(plan_evidence([bad], TODAY))
    assert sentence(block, "supportive-systems.g") == (f"Our plans, checked on {TODAY}: none of the 1 files was a plan "
                                                      "that could be checked.")


def test_the_figures_a_self_assessment_keeps_are_counts_the_schema_accepts():
    evidence = plan_evidence(reports(), TODAY)
    block = stored(evidence)
    assessment = json.loads((ROOT / "examples" / "team-member-amira.json").read_text(encoding="utf-8"))
    assessment["plan_evidence"] = block
    assert validate(assessment, "self-assessment") == []
    assert all(set(g) == {"element", "plans"} for g in block["gaps"])  # the framework's words stay in the framework
    # Only numbers, dates and ids: nothing a plan could have put there.
    def leaves(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from leaves(v)
        elif isinstance(value, list):
            for v in value:
                yield from leaves(v)
        else:
            yield value
    assert all(isinstance(v, int) for v in leaves({k: v for k, v in block.items() if k not in ("date", "gaps")}))
    shown = for_assessment(assessment)
    assert (shown["plans"], shown["counting"]) == (evidence["plans"], evidence["counting"])
    assert set(shown["enablers"]) == {link["enabler"] for link in enabler_links()}
    assert for_assessment({"kind": "self-assessment"}) is None


def test_a_plan_evidence_block_that_is_not_counts_is_refused():
    assessment = json.loads((ROOT / "examples" / "team-member-amira.json").read_text(encoding="utf-8"))
    block = stored(plan_evidence(reports(CALIBRATION[:3]), TODAY))
    for spoil in ({"gaps": [{"element": "4.see.4", "plans": 1, "words": "Cecilia's flat"}]},
                  {"counting": "twelve"}, {"note": "from Cecilia's plan"}, {"gaps": [{"element": "Cecilia", "plans": 1}]},
                  {"meeting": {"Cecilia": 2}}, {"criteria": {**block["criteria"], "6": {"met": 1, "partly": 0,
                                                                                         "not-met": 0}}}):
        assessment["plan_evidence"] = {**block, **spoil}
        assert validate(assessment, "self-assessment"), spoil


def test_an_assessment_of_version_1_opens_as_version_2_unchanged():
    old = json.loads((ROOT / "examples" / "team-member-amira.json").read_text(encoding="utf-8"))
    old["schema_version"] = 1
    opened = open_document(json.dumps(old))
    assert opened["valid"] and opened["migrated_from"] == 1
    assert opened["document"] == {**old, "schema_version": 2}


def test_newest_figures_win_and_a_comparison_shows_both_sides():
    before = stored(plan_evidence(reports(CALIBRATION[:10]), "2026-03-01"))
    after = stored(plan_evidence(reports(CALIBRATION[10:]), "2026-09-01"))
    assert newest([{"plan_evidence": before}, {"plan_evidence": after}, {}]) == after
    assert newest([{}]) is None
    compared = compare_evidence(before, after)
    assert compared["baseline"] == {"date": "2026-03-01", "files": 10, "plans": 10}
    first = compared["rows"][0]
    assert first["baseline"]["n"] == before["counting"] and first["follow_up"]["n"] == after["counting"]
    assert first["follow_up"]["of"] == len(CALIBRATION) - 10
    assert first["baseline"]["percent"] == round(100 * before["counting"] / 10)
    assert first["change"] == first["follow_up"]["percent"] - first["baseline"]["percent"]
    assert [r["baseline"]["n"] for r in compared["rows"][1:6]] == [before["criteria"][str(n)]["met"] for n in range(1, 6)]
    one_sided = compare_evidence(None, after)
    assert one_sided["baseline"] is None and all(r["baseline"] is None for r in one_sided["rows"])
    assert all(r["change"] is None for r in one_sided["rows"])
    assert compare_evidence(None, None) is None


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


def test_the_self_assessment_schema_lists_exactly_the_frameworks_ids():
    """The schema names enablers, statements and criterion elements by id; the frameworks hold them."""
    defs = resources.schema("self-assessment")["$defs"]
    matrix = resources.framework("maturity")["foundations"]
    assert defs["enabler_id"]["enum"] == [e["id"] for f in matrix for e in f["enablers"]]
    assert defs["statement_id"]["enum"] == [s["id"] for f in matrix for s in f["i_statements"] + f["we_statements"]]
    assert defs["element_id"]["enum"] == [item["id"] for c in resources.framework("criteria")["criteria"]
                                          for item in c["should_see"] + c["could_not_count"]]


def test_figures_that_cannot_all_be_true_are_named_not_repeated():
    block = stored(plan_evidence(reports(CALIBRATION[:6]), TODAY))
    for spoil in ({"counting": 7}, {"plans": 7}, {"not_used": 3}, {"overdue": 9},
                  {"criteria": {**block["criteria"], "2": {"met": 6, "partly": 6, "not-met": 0}}},
                  {"gaps": [{"element": "4.see.4", "plans": 8}]}, {"meeting": {"supportive-systems.b": 9}}):
        shown = for_assessment({"plan_evidence": {**block, **spoil}})
        assert "enablers" not in shown and shown["problem"].startswith("The figures from your plans in this "
                                                                       "assessment do not add up ("), spoil
    assert "problem" not in for_assessment({"plan_evidence": block})


def test_bringing_together_keeps_the_newest_figures_and_says_them_beside_the_enablers():
    from pcsp_core.team import bring_together

    older = stored(plan_evidence(reports(CALIBRATION[:5]), "2026-03-01"))
    newer = stored(plan_evidence(reports(CALIBRATION[5:12]), "2026-03-10"))
    files = []
    for name, block in (("amira", older), ("ben", newer)):
        doc = json.loads((ROOT / "examples" / f"team-member-{name}.json").read_text(encoding="utf-8"))
        doc["plan_evidence"] = block
        files.append({"name": f"{name}.json", "text": json.dumps(doc)})
    together = bring_together(files, "2026-03-19")
    assert together["ok"] and together["agreed"]["plan_evidence"] == newer
    assert together["evidence"]["plans"] == 7
    assert together["evidence"]["enablers"]["supportive-systems.g"] == sentence(newer, "supportive-systems.g")
    assert validate(together["agreed"], "self-assessment") == []
    plain = bring_together([{"name": f"{n}.json", "text": (ROOT / "examples" / f"team-member-{n}.json").read_text()}
                            for n in ("amira", "ben")], "2026-03-19")
    assert plain["evidence"] is None and "plan_evidence" not in plain["agreed"]


def test_what_changed_compares_the_figures_of_the_example_baseline_and_follow_up():
    from pcsp_core.maturity import compare

    baseline, follow_up = (open_document((ROOT / "examples" / f"team-{n}.json").read_bytes())["document"]
                           for n in ("baseline", "follow-up"))
    compared = compare(baseline, follow_up)["evidence"]
    counting = compared["rows"][0]
    assert (counting["baseline"]["n"], counting["baseline"]["of"]) == (baseline["plan_evidence"]["counting"],
                                                                       baseline["plan_evidence"]["plans"])
    assert (counting["follow_up"]["n"], counting["follow_up"]["of"]) == (follow_up["plan_evidence"]["counting"],
                                                                         follow_up["plan_evidence"]["plans"])
    baseline.pop("plan_evidence")
    follow_up.pop("plan_evidence")
    assert compare(baseline, follow_up)["evidence"] is None
