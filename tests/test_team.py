"""A team's files brought together, the action plan exported, and how much is filled in.

Expected values are worked out by hand from examples/team-member-{amira,ben}.json
(levels tabled in test_maturity.py) and from the small documents written here.
"""

from __future__ import annotations

import base64
import copy
import csv
import io
import json

import pytest

from pcsp_core import documents
from pcsp_core.exports import action_plan_file_name, actions_csv, actions_markdown, neutralise
from pcsp_core.maturity import progress
from pcsp_core.team import bring_together

from conftest import EXAMPLES, load_example

TODAY = "2026-11-24"
MEMBERS = ["team-member-amira.json", "team-member-ben.json"]
HEAD = {"$schema": "https://pcsp.invalid/schemas/self-assessment.schema.json",
        "kind": "self-assessment", "schema_version": 1}


def as_file(name: str, doc: dict | None = None) -> dict[str, str]:
    text = json.dumps(doc) if doc is not None else (EXAMPLES / name).read_text(encoding="utf-8")
    return {"name": name, "text": text}


# --- bringing files together -------------------------------------------------------

def test_two_members_give_the_known_talk_about_list_and_a_valid_agreed_draft():
    result = bring_together([as_file(n) for n in MEMBERS], TODAY)
    assert result["ok"]
    assert result["merged"]["talk_about"] == ["trained-teams.d", "prepared-people.b"]
    assert [m["name"] for m in result["members"]] == ["Amira Haddad", "Ben Whitlock"]
    agreed = result["agreed"]
    assert documents.validate(agreed) == []
    assert agreed["date"] == TODAY and agreed["scope"] == load_example(MEMBERS[0])["scope"]
    assert agreed["agreed_from"] == [
        {"file": "team-member-amira.json", "date": "2026-03-12", "assessed_by": "Amira Haddad"},
        {"file": "team-member-ben.json", "date": "2026-03-12", "assessed_by": "Ben Whitlock"}]
    levels = {e: r.get("level") for e, r in agreed["enablers"].items()}
    # Same level from both: kept. Different (by 1 or more), or only one rated: left for the lead.
    assert levels["prepared-people.a"] == 2 and levels["supportive-systems.a"] == 3
    assert levels["prepared-people.b"] is None and levels["trained-teams.d"] is None
    assert levels["prepared-people.c"] is None  # 1 against 2
    assert levels["trained-teams.c"] == 2  # Ben left it unrated; Amira's is the only level
    # Evidence says whose it is; every member's actions are kept.
    assert agreed["enablers"]["prepared-people.a"]["evidence"].startswith("Amira Haddad: ")
    assert "\n\nBen Whitlock: " in agreed["enablers"]["prepared-people.a"]["evidence"]
    member_actions = sum(len(r.get("actions") or []) for n in MEMBERS for r in load_example(n)["enablers"].values())
    assert sum(len(r.get("actions") or []) for r in agreed["enablers"].values()) == member_actions == 6
    # Held by both (more than half of 2): prepared-people.we.2 and supportive-systems.we.2 only.
    assert agreed["statements"] == {"prepared-people.we.2": True, "supportive-systems.we.2": True}
    assert result["statements"]["prepared-people.we.3"] == 1


def test_the_same_file_chosen_twice_counts_once_with_a_note_naming_both():
    amira = as_file(MEMBERS[0])
    renamed = {"name": "amira (copy).json", "text": json.dumps(json.loads(amira["text"]), indent=4)}
    result = bring_together([amira, as_file(MEMBERS[1]), renamed], TODAY)
    assert result["ok"]
    assert [m["file"] for m in result["members"]] == MEMBERS
    assert len(result["agreed"]["agreed_from"]) == 2
    assert result["notes"] == [{"file": "amira (copy).json", "message":
                                "“amira (copy).json” is the same as “team-member-amira.json”, so it is counted once."}]
    assert result["merged"] == bring_together([as_file(n) for n in MEMBERS], TODAY)["merged"]


def test_two_different_files_from_one_assessor_ask_the_lead_which_counts():
    first = load_example(MEMBERS[0])
    later = copy.deepcopy(first)
    later["date"] = "2026-04-01"
    later["enablers"]["prepared-people.a"]["level"] = 4
    later["assessed_by"] = [{"name": "  amira   HADDAD "}]     # the same person, typed differently
    files = [as_file("amira-march.json", first), as_file(MEMBERS[1]), as_file("amira-april.json", later)]
    asked = bring_together(files, TODAY)
    assert asked["ok"] is False and "agreed" not in asked
    assert asked["questions"] == [{"assessor": "Amira Haddad", "files": [
        {"index": 0, "file": "amira-march.json", "date": "2026-03-12"},
        {"index": 2, "file": "amira-april.json", "date": "2026-04-01"}]}]
    assert "nothing is brought together until you do" in asked["message"]
    answered = bring_together(files, TODAY, None, [0])
    assert answered["ok"]
    assert [m["file"] for m in answered["members"]] == ["team-member-ben.json", "amira-april.json"]
    assert answered["notes"] == [{"file": "amira-march.json", "message": "“amira-march.json” is left out, as you chose."}]
    levels = next(r for r in answered["merged"]["enablers"] if r["enabler"] == "prepared-people.a")["levels"]
    assert levels == [load_example(MEMBERS[1])["enablers"]["prepared-people.a"]["level"], 4]


def test_files_without_names_are_never_taken_for_the_same_assessor():
    docs = [{**HEAD, "scope": {"type": "service", "name": "S"}, "enablers": {"trained-teams.a": {"level": k}}}
            for k in (1, 2)]
    result = bring_together([as_file("a.json", docs[0]), as_file("b.json", docs[1])], TODAY)
    assert result["ok"] and [m["name"] for m in result["members"]] == ["a.json", "b.json"]


def test_leaving_out_every_file_brings_nothing_together():
    result = bring_together([as_file(n) for n in MEMBERS], TODAY, None, [0, 1])
    assert result["ok"] is False and "left out every file" in result["message"]


def test_a_file_that_is_not_utf8_gets_the_same_words_as_opening_it_alone():
    raw = (EXAMPLES / MEMBERS[0]).read_text(encoding="utf-8").replace("Amira", "Amíra").encode("latin-1")
    result = bring_together([{"name": "latin.json", "base64": base64.b64encode(raw).decode()},
                             as_file(MEMBERS[1])], TODAY)
    assert result["ok"] is False
    assert result["problems"] == [{"file": "latin.json", "errors": documents.open_document(raw)["errors"]}]


def test_a_statement_holds_for_the_team_when_more_than_half_tick_it():
    docs = [{**HEAD, "scope": {"type": "service", "name": "S"}, "assessed_by": [{"name": f"Member {k}"}],
             "statements": {"trained-teams.i.1": True, "trained-teams.i.2": k < 1}} for k in range(3)]
    result = bring_together([as_file(f"m{k}.json", d) for k, d in enumerate(docs)], TODAY)
    assert result["agreed"]["statements"] == {"trained-teams.i.1": True}  # 3 of 3, not 1 of 3
    assert result["statements"] == {"trained-teams.i.1": 3, "trained-teams.i.2": 1}


def test_the_same_action_from_two_members_is_kept_once():
    action = {"what": "Train  two coaches", "owner": "A"}
    docs = [{**HEAD, "enablers": {"trained-teams.d": {"level": 2, "actions": [dict(action, what=w)]}}}
            for w in ("Train two coaches", "train two   coaches")]
    agreed = bring_together([as_file("a.json", docs[0]), as_file("b.json", docs[1])], TODAY)["agreed"]
    assert agreed["enablers"]["trained-teams.d"]["actions"] == [{"what": "Train two coaches", "owner": "A"}]


def test_levels_the_lead_recorded_stay_when_the_files_are_chosen_again():
    first = bring_together([as_file(n) for n in MEMBERS], TODAY)["agreed"]
    first["enablers"]["trained-teams.d"]["level"] = 3  # members said 1 and 4; the team agreed 3
    first["enablers"]["prepared-people.a"]["level"] = 1  # the lead overrode a level both had chosen
    again = bring_together([as_file(n) for n in MEMBERS], TODAY, keep=first)
    levels = {e: r.get("level") for e, r in again["agreed"]["enablers"].items()}
    assert levels["trained-teams.d"] == 3 and levels["prepared-people.a"] == 1
    assert levels.get("prepared-people.b") is None  # nothing recorded for it yet
    assert again["kept"] == sum(r.get("level") is not None for r in first["enablers"].values())
    other = dict(first, scope={"type": "service", "name": "Somewhere else"})
    fresh = bring_together([as_file(n) for n in MEMBERS], TODAY, keep=other)
    assert fresh["kept"] == 0 and fresh["agreed"]["enablers"]["prepared-people.a"]["level"] == 2


def test_files_of_different_scopes_are_refused_by_name():
    other = load_example(MEMBERS[1])
    other["scope"]["name"] = "Diabetes pathway"
    result = bring_together([as_file(MEMBERS[0]), as_file("ben-diabetes.json", other)], TODAY)
    assert not result["ok"] and "merged" not in result
    assert "ben-diabetes.json" in result["message"] and "Diabetes pathway" in result["message"]
    assert "same system, service or pathway" in result["message"]


def test_a_scope_written_with_other_spacing_or_capitals_is_the_same_scope():
    other = load_example(MEMBERS[1])
    other["scope"]["name"] = "  frailty pathway,   NORTHBRIDGE pcn "
    assert bring_together([as_file(MEMBERS[0]), as_file("b.json", other)], TODAY)["ok"]


@pytest.mark.parametrize("text, words", [
    ("{not json", "not valid JSON"),
    (json.dumps(load_example("cecilia-plan.json")), "not a self-assessment"),
    (json.dumps({**HEAD, "schema_version": 99}), "newer version"),
])
def test_any_unusable_file_stops_the_whole_set_and_is_named(text, words):
    result = bring_together([as_file(MEMBERS[0]), {"name": "odd.json", "text": text}], TODAY)
    assert not result["ok"] and "merged" not in result
    assert [p["file"] for p in result["problems"]] == ["odd.json"]
    assert words in " ".join(e["message"] for e in result["problems"][0]["errors"])
    assert result["message"].startswith("1 of the 2 files cannot be used")


def test_one_file_is_its_own_team():
    result = bring_together([as_file(MEMBERS[0])], TODAY)
    assert result["ok"] and result["merged"]["talk_about"] == []


# --- the action plan, taken away ------------------------------------------------------

def read_back(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize("name, extension, expected", [
    ("team-baseline.json", ".csv", "frailty-pathway-northbridge-pcn-agreed-action-plan-2026-11-24.csv"),
    ("team-member-amira.json", ".md", "frailty-pathway-northbridge-pcn-amira-haddad-action-plan-2026-11-24.md"),
])
def test_the_action_plan_is_named_after_its_assessment(name, extension, expected):
    assert action_plan_file_name(load_example(name), TODAY, extension) == expected


def test_the_action_plan_is_only_csv_or_markdown():
    with pytest.raises(documents.PcspError):
        action_plan_file_name(load_example("team-baseline.json"), TODAY, ".exe")


def test_csv_reads_back_as_the_actions_in_framework_order():
    baseline = load_example("team-baseline.json")
    rows = read_back(actions_csv(baseline))
    assert rows[0] == ["Foundation", "Enabler", "What we will do", "Who owns it", "Due by", "Status"]
    expected = [(e, a) for e, r in baseline["enablers"].items() for a in r.get("actions") or []]
    assert len(rows) - 1 == len(expected) == 3
    by_what = {r[2]: r for r in rows[1:]}
    for enabler, action in expected:
        row = by_what[action["what"]]
        assert row[1].startswith(enabler.rsplit(".", 1)[1] + ". ")
        assert row[3:5] == [action.get("owner", ""), action.get("due", "")]
    assert [r[0] for r in rows[1:]] == sorted((r[0] for r in rows[1:]), key=["Prepared People and Patients",
        "Supportive Systems and Processes", "Trained Teams"].index)


def test_csv_quotes_every_field_uses_crlf_and_neutralises_formulas():
    doc = {**HEAD, "enablers": {"supportive-systems.e": {"actions": [
        {"what": '=HYPERLINK("http://x.invalid","click")', "owner": "@boss", "due": "2027-01-01", "status": "done"},
        {"what": "Line one\nline two, with \"quotes\"", "owner": "-1+2"},
        {"what": "Plain £ and ü"}]}}}
    text = actions_csv(doc)
    assert text.startswith('\ufeff"Foundation","Enabler",') and text.count("\r\n") == 4
    rows = read_back(text)
    assert rows[1][2] == "'=HYPERLINK(\"http://x.invalid\",\"click\")" and rows[1][3] == "'@boss"
    assert rows[1][4:] == ["2027-01-01", "Done"]
    assert rows[2][2] == "Line one\nline two, with \"quotes\"" and rows[2][3] == "'-1+2"
    assert rows[3][2] == "Plain £ and ü" and rows[3][5] == ""
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("field, shown", [
    ("=1+1", "'=1+1"), ("+44 7700", "'+44 7700"), ("-x", "'-x"), ("@sum", "'@sum"), ("\t=1", "'\t=1"),
    ("  =1", "'  =1"), ("a=1", "a=1"), ("2027-01-01", "2027-01-01"), ("", "")])
def test_neutralise(field, shown):
    assert neutralise(field) == shown


def test_markdown_has_a_table_per_foundation_and_escapes_markup():
    doc = {**HEAD, "scope": {"type": "service", "name": "Team | <b>A</b>"}, "date": "2026-11-01",
           "assessed_by": [{"name": "Jo"}],
           "enablers": {"trained-teams.a": {"actions": [{"what": "Fix *this* | that\nnow", "status": "in-progress"}]},
                        "prepared-people.a": {"actions": [{"what": "<script>alert(1)</script>"}]}}}
    text = actions_markdown(doc)
    assert text.startswith("# Action plan: Team \\| \\<b\\>A\\</b\\>\n\nAssessed on 2026-11-01 by Jo.\n")
    assert text.index("## Prepared People and Patients") < text.index("## Trained Teams")
    assert "| Fix \\*this\\* \\| that now |  |  | In progress |" in text
    assert "<script>" not in text
    assert actions_markdown({**HEAD}).endswith("No improvement actions yet.\n")


# --- how much is filled in ---------------------------------------------------------------

def test_progress_counts_what_is_answered():
    assert progress({**HEAD})["answered"] == 0 and progress({**HEAD})["questions"] == 18
    doc = {**HEAD, "scope": {"type": "service", "name": "  "}, "date": "2026-11-24",
           "assessed_by": [{"role": "lead"}],
           "enablers": {"prepared-people.a": {"level": 2, "evidence": "seen", "actions": [{}, {}]},
                        "prepared-people.b": {"level": "not-assessed"},
                        "prepared-people.c": {"evidence": " "}},
           "statements": {"prepared-people.i.1": True, "prepared-people.i.2": False}}
    assert progress(doc) == {
        "answered": 4, "questions": 18,  # type and date; 2 levels (a blank name and nameless person do not count)
        "enablers_chosen": 2, "enablers": 14, "not_assessed": 1, "with_evidence": 1,
        "statements_holding": 1, "statements": 40, "actions": 2}


def test_everything_here_crosses_the_bridge():
    from pcsp_core.bridge import call

    answer = json.loads(call("bring_together", json.dumps([[as_file(n) for n in MEMBERS], TODAY])))
    assert answer["ok"] and answer["result"]["merged"]["talk_about"] == ["trained-teams.d", "prepared-people.b"]
    baseline = load_example("team-baseline.json")
    for name in ("actions_csv", "actions_markdown", "progress"):
        assert json.loads(call(name, json.dumps([baseline])))["ok"]
