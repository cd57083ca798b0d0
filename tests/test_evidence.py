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


# --- a report from pcsp check, opened for its figures ---------------------------------

def cli_report(paths, today=TODAY):
    import io

    from pcsp_core.cli import run

    out = io.StringIO()
    run(["check", "--format", "json", "--today", today, *map(str, paths)], out, io.StringIO())
    return out.getvalue()


def report_files(tmp_path):
    """The calibration plans, a file that is not JSON, and a self-assessment, as a data team's folder."""
    notes = tmp_path / "notes.json"
    notes.write_text("not json", encoding="utf-8")
    return [*CALIBRATION, notes, ROOT / "examples" / "team-baseline.json"]


def test_a_report_gives_the_figures_checking_the_same_files_gives_on_its_date(tmp_path):
    from pcsp_core.evidence import check_for_evidence, evidence_from_report

    paths = report_files(tmp_path)
    text = cli_report(paths, "2026-03-01")  # not today: the figures are dated by the report
    opened = evidence_from_report({"name": "report.json", "text": text})
    kept = [check_for_evidence({"name": str(p), "text": p.read_text(encoding="utf-8")}, "2026-03-01") for p in paths]
    assert opened["ok"] and opened["evidence"] == plan_evidence(kept, "2026-03-01")
    assert opened["evidence"]["date"] == "2026-03-01" and opened["evidence"]["files"] == len(paths)
    assert opened["unused"] == [{"path": k["path"], "reason": k["reason"]} for k in kept if not k.get("criteria")]
    assert [u["path"] for u in opened["unused"]] == [str(p) for p in paths[-2:]]
    assert opened["unused"][1]["reason"].startswith("This file is a self-assessment, not a plan.")
    # As bytes (what the browser sends when a file is not UTF-8 text) it reads the same.
    import base64
    assert evidence_from_report({"name": "r.json", "base64": base64.b64encode(text.encode()).decode()}) == opened


def test_a_report_s_messages_never_reach_its_figures():
    from pcsp_core.evidence import evidence_from_report

    marker = "Zqxmarker"
    plan = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))
    plan["important_people"][0]["name"] = marker
    plan["important_people"][0].pop("how_we_stay_connected", None)
    report = json.loads(cli_report([ROOT / "examples" / "cecilia-plan.json"]))
    report["files"] = [check("a.json", json.dumps(plan).encode(), today=TODAY)]
    report["summary"] = totals(report["files"])
    assert marker in json.dumps(report)
    opened = evidence_from_report({"name": "r.json", "text": json.dumps(report)})
    assert opened["ok"] and marker not in json.dumps(opened)


def test_a_file_that_is_not_a_report_this_version_reads_is_named_for_what_it_is():
    from pcsp_core.documents import MAX_REPORT_BYTES
    from pcsp_core.evidence import evidence_from_report

    good = json.loads(cli_report(CALIBRATION[:3]))

    def said(text):
        opened = evidence_from_report({"name": "r.json", "text": text if isinstance(text, str) else json.dumps(text)})
        assert opened["ok"] is False and set(opened) == {"ok", "message"}
        return opened["message"]

    assert said('{"kind": "check-report", ').startswith("The file is not valid JSON")
    assert said([good]).startswith("The file holds a list, not a report from pcsp check.")
    assert said((ROOT / "examples" / "cecilia-plan.json").read_text()).startswith(
        "This file is a plan, not a report from pcsp check. To check plan files here, choose them with")
    assert said((ROOT / "examples" / "team-baseline.json").read_text()).startswith("This file is a self-assessment, not")
    assert said({"files": good["files"], "summary": good["summary"]}).startswith(
        "This looks like a report from an older pcsp check")
    assert said({"hello": 1}).startswith("The file does not say what it is")
    assert said({**good, "kind": "invoice"}).startswith("The file is a “invoice”, not a report from pcsp check.")
    assert said({**good, "schema_version": "1"}).startswith("The report does not say which version")
    assert said({**good, "schema_version": 2}) == ("This report was made by a newer version of pcsp check (format "
                                                   "version 2; this page reads up to 1). Update the tool, then open "
                                                   "it again.")
    huge = json.dumps({**good, "padding": " " * MAX_REPORT_BYTES})
    assert said(huge).startswith("The report is 32.0 MB; reports from pcsp check open here up to 32 MB")
    assert "more than 64 levels deep, but a report from pcsp check never goes deeper than 10" in said(
        '{"kind": "check-report", "files": ' + "[" * 70 + "]" * 70 + "}")
    assert said({**good, "date": "yesterday"}).startswith("The report is not laid out as pcsp check writes it: ")
    spoilt = copy.deepcopy(good)
    spoilt["files"][0]["criteria"][0]["verdict"] = "excellent"
    message = said(spoilt)
    assert message.startswith("The report is not laid out as pcsp check writes it: ") and "/files/0/criteria/0" in message
    assert evidence_from_report({"name": "r.json", "base64": "%%%"})["message"].startswith("The file could not be passed")


def test_a_report_that_cannot_all_be_true_is_refused_saying_what_does_not_add_up():
    from pcsp_core.evidence import evidence_from_report

    good = json.loads(cli_report(CALIBRATION[:3]))
    name = good["files"][1]["path"]

    def said(change):
        report = copy.deepcopy(good)
        change(report)
        opened = evidence_from_report({"name": "r.json", "text": json.dumps(report)})
        assert opened["ok"] is False
        return opened["message"]

    assert said(lambda r: r["summary"].update(plans=4)) == (
        "The report does not add up: its totals are not those of the files it lists. It may have been edited by "
        "hand or cut short; run pcsp check --format json again, and open the new report.")
    assert said(lambda r: r["files"].pop()).startswith("The report does not add up: its totals")  # cut short
    assert f"it says “{name}” is a plan that can be used, but does not give one verdict on each criterion" in said(
        lambda r: r["files"][1]["criteria"].pop())
    assert "does not give one verdict" in said(lambda r: r["files"][1].update(counts_as_pcsp=None))
    assert f"it says “{name}” cannot be used, but not why" in said(lambda r: r["files"][1].update(valid=False))
    assert f"it says “{name}” can be used, but not what it is" in said(lambda r: r["files"][1].update(kind=None))
    assert said(lambda r: r["files"][1]["criteria"][0]["findings"].append({"code": "new-rule"})) == (
        f"The report names a finding this version of the tool does not know (“new-rule”, for “{name}”), so it was "
        "probably made by a newer pcsp check. Update the tool, then open it again.")


def test_figures_that_cannot_all_be_true_are_neither_compared_nor_chosen_as_newest():
    good = stored(plan_evidence(reports(CALIBRATION[:6]), "2026-03-01"))
    bad = {**good, "date": "2026-09-01", "counting": 9}
    assert newest([{"plan_evidence": good}, {"plan_evidence": bad}]) == good
    compared = compare_evidence(good, bad)
    assert compared["follow_up"]["problem"].startswith("The figures from your plans in this assessment do not add up")
    assert all(r["follow_up"] is None and r["change"] is None for r in compared["rows"])
    assert compared["rows"][0]["baseline"]["n"] == good["counting"]


def test_the_schemas_criteria_and_verdicts_are_the_frameworks_and_the_checker_s():
    """Both files that hold figures name the criteria by number and the verdicts by word: from one source each."""
    from pcsp_core.checker import VERDICTS

    numbers = [str(c["number"]) for c in resources.framework("criteria")["criteria"]]
    report = resources.schema("check-report")["$defs"]
    assert report["criterion_id"]["enum"] == numbers and report["verdict"]["enum"] == list(VERDICTS)
    for schema, criteria in ((report, report["summary"]["properties"]["criteria"]),
                             (resources.schema("self-assessment")["$defs"],
                              resources.schema("self-assessment")["$defs"]["plan_evidence"]["properties"]["criteria"])):
        assert list(criteria["properties"]) == criteria["required"] == numbers
        assert schema["verdict_counts"]["required"] == list(schema["verdict_counts"]["properties"]) == list(VERDICTS)


def test_the_figures_as_csv_are_counts_a_spreadsheet_reads_in_the_framework_s_words():
    import csv
    import io

    from pcsp_core.exports import figures_csv, figures_file_name

    evidence = plan_evidence(reports(CALIBRATION[:12]), TODAY)
    text = figures_csv(evidence)
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["Figure", "Criterion or gap", "In the framework's words", "Plans", "Of plans"]
    by_figure = {(r[0], r[1]): r for r in rows[1:]}
    assert by_figure[("Checked on", "")][2] == TODAY
    assert by_figure[("Plans that count as personalised care and support plans", "")][3:] == [
        str(evidence["counting"]), "12"]
    for n, counts in evidence["criteria"].items():
        assert by_figure[("Criterion not met", n)][3] == str(counts["not-met"])
    gaps = [r for r in rows if r[0] == "A common gap"]
    assert [(r[1], int(r[3])) for r in gaps] == [(g["element"], g["plans"]) for g in evidence["gaps"]]
    assert all(r[2] == g["words"] for r, g in zip(gaps, evidence["gaps"]))
    assert figures_file_name(evidence) == f"our-plans-figures-{TODAY}.csv"


def test_large_counts_read_with_thousands_separators():
    block = stored(plan_evidence(reports(CALIBRATION[:4]), TODAY))
    big = {**block, "files": 12000, "plans": 12000, "counting": 4500, "overdue": 1200,
           "gaps": [{"element": "4.see.4", "plans": 2500}], "meeting": {k: 3000 for k in block["meeting"]}}
    assert "4,500 of 12,000 plans count" in sentence(big, "supportive-systems.g")
    assert "(2,500 plans); 1,200 plans are past" in sentence(big, "supportive-systems.g")
    assert "3,000 of 12,000 plans meet criterion 4" in sentence(big, "supportive-systems.b")
