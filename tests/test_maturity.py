"""The maturity matrix: summarise, merge and compare self-assessments.

Every expected number here was worked out by hand (in the comments), never by
calling the code under test. The example files are examples/team-*.json; their
levels are tabled below so the sums can be checked by eye.

    enabler                 amira  ben   baseline  follow-up
    prepared-people.a         2     2       2         3
    prepared-people.b         3     1       2         2
    prepared-people.c         1     2       1         3
    supportive-systems.a      3     3       3         3
    supportive-systems.b      2     2       2         3
    supportive-systems.c      3     4       3         4
    supportive-systems.e      1     1       1         2
    supportive-systems.f      2     3       2         3
    supportive-systems.g      2     2       2         2
    supportive-systems.h      n/a   1       n/a       2
    trained-teams.a           2     1       2         3
    trained-teams.b           3     3       3         2
    trained-teams.c           2     -       2         3
    trained-teams.d           1     4       2         3

(n/a = "not-assessed", - = no rating at all.)
"""

from __future__ import annotations

import json

import pytest

from pcsp_core import PcspError, about_assessment, compare, dump_document, merge, open_document, summarise

from conftest import EXAMPLES, ROOT, load_example

HEAD = {"$schema": "https://pcsp.invalid/schemas/self-assessment.schema.json",
        "kind": "self-assessment", "schema_version": 1}
SCOPE = {"type": "clinical-pathway", "name": "Frailty pathway, Northbridge PCN"}
MEMBER_FILES = ["team-member-amira.json", "team-member-ben.json"]
SELF_ASSESSMENTS = [*MEMBER_FILES, "team-baseline.json", "team-follow-up.json"]

# Read straight from the framework file, not through pcsp_core.
LEVELS = {lv["level"]: lv for lv in
          json.loads((ROOT / "pcsp_core" / "frameworks" / "maturity.json").read_text(encoding="utf-8"))["levels"]}


def assessment(levels: dict[str, object], scope: dict | None = None, **extra) -> dict:
    """A small self-assessment: {enabler id: level} plus any other fields."""
    return {**HEAD, "scope": scope or SCOPE, "date": "2026-03-12",
            "enablers": {e: {"level": lv} for e, lv in levels.items()}, **extra}


def by_id(rows: list[dict], key: str = "id") -> dict[str, dict]:
    return {row[key]: row for row in rows}


def next_level(n: int) -> dict:
    return {"level": n, "name": LEVELS[n]["name"], "description": LEVELS[n]["description"]}


# --------------------------------------------------------------------------- summarise, hand-built

SMALL = assessment(
    {"prepared-people.a": 3, "prepared-people.b": 1, "prepared-people.c": 1,
     "supportive-systems.a": "not-assessed", "supportive-systems.b": 2,
     "trained-teams.a": 4, "trained-teams.b": 4, "trained-teams.c": 4},
    statements={"prepared-people.i.1": True, "prepared-people.we.6": True, "prepared-people.i.2": False,
                "supportive-systems.we.8": True, "trained-teams.i.5": False})
SMALL["enablers"]["prepared-people.b"]["actions"] = [
    {"what": "Write an easy-read leaflet", "owner": "Amira", "due": "2026-06-30", "status": "not-started"},
    {"what": "Ask the PPG to review it", "owner": "Ben", "status": "in-progress"}]
SMALL["enablers"]["supportive-systems.a"]["actions"] = [{"what": "Find the PCN strategy", "status": "done"}]
SMALL["enablers"]["supportive-systems.b"]["actions"] = [{"what": "Meet the hospice team"}]
SMALL["enablers"]["trained-teams.d"] = {"evidence": "No idea yet"}  # a rating with no level


def test_summarise_foundation_counts_and_means():
    result = summarise(SMALL)
    f = by_id(result["foundations"])
    assert [x["id"] for x in result["foundations"]] == ["prepared-people", "supportive-systems", "trained-teams"]
    # prepared-people: 3 + 1 + 1 = 5 over 3 = 1.666… → 1.67
    assert (f["prepared-people"]["rated"], f["prepared-people"]["of"], f["prepared-people"]["mean"]) == (3, 3, 1.67)
    # supportive-systems: a is "not-assessed", c–h missing → only b (2) counts: 1 of 7, mean 2
    assert (f["supportive-systems"]["rated"], f["supportive-systems"]["of"],
            f["supportive-systems"]["mean"]) == (1, 7, 2.0)
    # trained-teams: a, b, c are 4; d has evidence but no level → 3 of 4, mean 4
    assert (f["trained-teams"]["rated"], f["trained-teams"]["of"], f["trained-teams"]["mean"]) == (3, 4, 4.0)
    # overall: 3 + 1 + 3 = 7 rated of 3 + 7 + 4 = 14; (5 + 2 + 12) / 7 = 19 / 7 = 2.714… → 2.71
    assert result["overall"] == {"rated": 7, "of": 14, "mean": 2.71}


def test_summarise_lists_enablers_with_their_levels():
    f = by_id(summarise(SMALL)["foundations"])
    assert f["supportive-systems"]["enablers"][:2] == [
        {"enabler": "supportive-systems.a", "letter": "a", "level": None},
        {"enabler": "supportive-systems.b", "letter": "b", "level": 2}]
    assert f["trained-teams"]["enablers"][3] == {"enabler": "trained-teams.d", "letter": "d", "level": None}


def test_summarise_priorities_are_every_enabler_at_the_lowest_level():
    f = by_id(summarise(SMALL)["foundations"])
    # prepared-people: b and c are both at 1, the lowest; the next level is 2 Developing
    assert f["prepared-people"]["priorities"] == [
        {"enabler": "prepared-people.b", "letter": "b", "level": 1, "next_level": next_level(2)},
        {"enabler": "prepared-people.c", "letter": "c", "level": 1, "next_level": next_level(2)}]
    assert f["prepared-people"]["priorities"][0]["next_level"]["name"] == "Developing"
    # supportive-systems: only b is rated (2) → next is 3 Maturing
    assert f["supportive-systems"]["priorities"] == [
        {"enabler": "supportive-systems.b", "letter": "b", "level": 2, "next_level": next_level(3)}]
    assert f["supportive-systems"]["priorities"][0]["next_level"]["name"] == "Maturing"
    # trained-teams: everything rated is 4 Embedded → nothing left to prioritise
    assert f["trained-teams"]["priorities"] == []


def test_summarise_level_three_points_to_embedded():
    f = by_id(summarise(assessment({"trained-teams.a": 3, "trained-teams.b": 4}))["foundations"])
    assert f["trained-teams"]["priorities"] == [
        {"enabler": "trained-teams.a", "letter": "a", "level": 3, "next_level": next_level(4)}]
    assert f["trained-teams"]["priorities"][0]["next_level"]["name"] == "Embedded"


def test_summarise_counts_only_true_statements():
    f = by_id(summarise(SMALL)["foundations"])
    # prepared-people: i.1 and we.6 true, i.2 false → 2 of 7 I + 6 We = 13
    assert (f["prepared-people"]["statements_holding"], f["prepared-people"]["statements"]) == (2, 13)
    # supportive-systems: we.8 true → 1 of 8 + 8 = 16
    assert (f["supportive-systems"]["statements_holding"], f["supportive-systems"]["statements"]) == (1, 16)
    # trained-teams: i.5 false → 0 of 5 + 6 = 11
    assert (f["trained-teams"]["statements_holding"], f["trained-teams"]["statements"]) == (0, 11)


def test_summarise_gathers_actions_with_their_enabler_in_framework_order():
    assert summarise(SMALL)["actions"] == [
        {"enabler": "prepared-people.b", "what": "Write an easy-read leaflet", "owner": "Amira",
         "due": "2026-06-30", "status": "not-started"},
        {"enabler": "prepared-people.b", "what": "Ask the PPG to review it", "owner": "Ben", "status": "in-progress"},
        {"enabler": "supportive-systems.a", "what": "Find the PCN strategy", "status": "done"},
        {"enabler": "supportive-systems.b", "what": "Meet the hospice team"}]


def test_summarise_with_nothing_rated():
    result = summarise({**HEAD, "enablers": {"prepared-people.a": {"level": "not-assessed"}}})
    for foundation in result["foundations"]:
        assert foundation["rated"] == 0
        assert foundation["mean"] is None
        assert foundation["priorities"] == []
        assert foundation["statements_holding"] == 0
    assert result["overall"] == {"rated": 0, "of": 14, "mean": None}
    assert result["actions"] == []
    assert summarise(dict(HEAD))["overall"] == {"rated": 0, "of": 14, "mean": None}


def test_summarise_with_everything_embedded_has_no_priorities():
    everything = [f"prepared-people.{x}" for x in "abc"] + [f"supportive-systems.{x}" for x in "abcefgh"] + \
                 [f"trained-teams.{x}" for x in "abcd"]
    result = summarise(assessment({e: 4 for e in everything}))
    assert all(f["priorities"] == [] for f in result["foundations"])
    assert result["overall"] == {"rated": 14, "of": 14, "mean": 4.0}


# --------------------------------------------------------------------------- summarise, the member files

def test_summarise_amira():
    result = summarise(load_example("team-member-amira.json"))
    f = by_id(result["foundations"])
    # prepared-people: 2 + 3 + 1 = 6 / 3 = 2.0; lowest is c at 1
    assert (f["prepared-people"]["rated"], f["prepared-people"]["mean"]) == (3, 2.0)
    assert [p["enabler"] for p in f["prepared-people"]["priorities"]] == ["prepared-people.c"]
    # supportive-systems: h not assessed; 3 + 2 + 3 + 1 + 2 + 2 = 13 / 6 = 2.166… → 2.17; lowest e at 1
    assert (f["supportive-systems"]["rated"], f["supportive-systems"]["of"], f["supportive-systems"]["mean"]) == \
        (6, 7, 2.17)
    assert [p["enabler"] for p in f["supportive-systems"]["priorities"]] == ["supportive-systems.e"]
    # trained-teams: 2 + 3 + 2 + 1 = 8 / 4 = 2.0; lowest d at 1
    assert (f["trained-teams"]["rated"], f["trained-teams"]["mean"]) == (4, 2.0)
    assert [p["enabler"] for p in f["trained-teams"]["priorities"]] == ["trained-teams.d"]
    # overall: 3 + 6 + 4 = 13 rated; (6 + 13 + 8) / 13 = 27 / 13 = 2.0769… → 2.08
    assert result["overall"] == {"rated": 13, "of": 14, "mean": 2.08}
    # statements: PP i.7, we.2 true (we.3, we.6 false); SS we.2 true; TT we.3 true
    assert [x["statements_holding"] for x in result["foundations"]] == [2, 1, 1]
    # actions: one on prepared-people.c, two on supportive-systems.e
    assert [a["enabler"] for a in result["actions"]] == \
        ["prepared-people.c", "supportive-systems.e", "supportive-systems.e"]


def test_summarise_ben():
    result = summarise(load_example("team-member-ben.json"))
    f = by_id(result["foundations"])
    # prepared-people: 2 + 1 + 2 = 5 / 3 = 1.666… → 1.67; lowest b at 1
    assert (f["prepared-people"]["rated"], f["prepared-people"]["mean"]) == (3, 1.67)
    assert [p["enabler"] for p in f["prepared-people"]["priorities"]] == ["prepared-people.b"]
    # supportive-systems: 3 + 2 + 4 + 1 + 3 + 2 + 1 = 16 / 7 = 2.2857… → 2.29; e and h both at 1
    assert (f["supportive-systems"]["rated"], f["supportive-systems"]["mean"]) == (7, 2.29)
    assert [p["enabler"] for p in f["supportive-systems"]["priorities"]] == \
        ["supportive-systems.e", "supportive-systems.h"]
    # trained-teams: c has no rating; 1 + 3 + 4 = 8 / 3 = 2.666… → 2.67; lowest a at 1
    assert (f["trained-teams"]["rated"], f["trained-teams"]["of"], f["trained-teams"]["mean"]) == (3, 4, 2.67)
    assert [p["enabler"] for p in f["trained-teams"]["priorities"]] == ["trained-teams.a"]
    # overall: 3 + 7 + 3 = 13 rated; (5 + 16 + 8) / 13 = 29 / 13 = 2.2307… → 2.23
    assert result["overall"] == {"rated": 13, "of": 14, "mean": 2.23}
    # statements: PP we.2, we.3; SS we.2, we.5 (we.1 false); TT i.1 (we.3 false)
    assert [x["statements_holding"] for x in result["foundations"]] == [2, 2, 1]
    assert [a["enabler"] for a in result["actions"]] == \
        ["prepared-people.b", "supportive-systems.h", "trained-teams.a"]


# --------------------------------------------------------------------------- merge

# (levels, n, median, min, max, disagreement) for amira + ben, from the table at the top
AMIRA_BEN = {
    "prepared-people.a": ([2, 2], 2, 2, 2, 2, False),
    "prepared-people.b": ([3, 1], 2, 2, 1, 3, True),        # 3 − 1 = 2
    "prepared-people.c": ([1, 2], 2, 1.5, 1, 2, False),
    "supportive-systems.a": ([3, 3], 2, 3, 3, 3, False),
    "supportive-systems.b": ([2, 2], 2, 2, 2, 2, False),
    "supportive-systems.c": ([3, 4], 2, 3.5, 3, 4, False),
    "supportive-systems.e": ([1, 1], 2, 1, 1, 1, False),
    "supportive-systems.f": ([2, 3], 2, 2.5, 2, 3, False),
    "supportive-systems.g": ([2, 2], 2, 2, 2, 2, False),
    "supportive-systems.h": ([None, 1], 1, 1, 1, 1, False),  # amira: not-assessed
    "trained-teams.a": ([2, 1], 2, 1.5, 1, 2, False),
    "trained-teams.b": ([3, 3], 2, 3, 3, 3, False),
    "trained-teams.c": ([2, None], 1, 2, 2, 2, False),       # ben: no rating
    "trained-teams.d": ([1, 4], 2, 2.5, 1, 4, True),        # 4 − 1 = 3
}


def members() -> list[dict]:
    return [load_example(name) for name in MEMBER_FILES]


def test_merge_amira_and_ben_per_enabler():
    result = merge(members(), MEMBER_FILES)
    assert result["members"] == 2
    assert result["scope"] == SCOPE
    rows = by_id(result["enablers"], "enabler")
    assert list(rows) == list(AMIRA_BEN)
    for enabler, (levels, n, median, low, high, disagreement) in AMIRA_BEN.items():
        row = rows[enabler]
        assert (row["levels"], row["n"], row["median"], row["min"], row["max"], row["disagreement"]) == \
            (levels, n, median, low, high, disagreement), enabler
        assert row["foundation"] == enabler.split(".")[0]
        assert row["letter"] == enabler.split(".")[1]


def test_merge_amira_and_ben_talk_about_the_two_disagreements_widest_first():
    result = merge(members())
    assert [e["enabler"] for e in result["enablers"] if e["disagreement"]] == \
        ["prepared-people.b", "trained-teams.d"]
    # trained-teams.d is 3 apart, prepared-people.b 2 apart
    assert result["talk_about"] == ["trained-teams.d", "prepared-people.b"]


def test_merge_with_three_members():
    one = assessment({"prepared-people.a": 1, "prepared-people.b": 2, "trained-teams.a": 2})
    two = assessment({"prepared-people.a": 2, "prepared-people.b": 3, "trained-teams.a": 3})
    three = assessment({"prepared-people.a": 3, "prepared-people.b": 3})
    result = merge([one, two, three])
    rows = by_id(result["enablers"], "enabler")
    assert result["members"] == 3
    # 1, 2, 3: median 2, spread 3 − 1 = 2 → talk
    a = rows["prepared-people.a"]
    assert (a["levels"], a["n"], a["median"], a["min"], a["max"], a["disagreement"]) == ([1, 2, 3], 3, 2, 1, 3, True)
    # 2, 3, 3: median 3, spread 1 → no
    b = rows["prepared-people.b"]
    assert (b["levels"], b["n"], b["median"], b["min"], b["max"], b["disagreement"]) == ([2, 3, 3], 3, 3, 2, 3, False)
    # 2, 3 and one unrated: the median of an even count is the mean of the middle two, (2 + 3) / 2 = 2.5
    t = rows["trained-teams.a"]
    assert (t["levels"], t["n"], t["median"], t["min"], t["max"]) == ([2, 3, None], 2, 2.5, 2, 3)
    # nobody rated it
    c = rows["prepared-people.c"]
    assert (c["levels"], c["n"], c["median"], c["min"], c["max"], c["disagreement"]) == \
        ([None, None, None], 0, None, None, None, False)
    assert result["talk_about"] == ["prepared-people.a"]


def test_merge_one_assessment():
    result = merge([load_example("team-member-amira.json")])
    assert result["members"] == 1
    assert result["talk_about"] == []
    assert by_id(result["enablers"], "enabler")["prepared-people.b"]["median"] == 3


def test_merge_nothing_raises():
    with pytest.raises(PcspError):
        merge([])


def test_merge_different_scope_raises_naming_both_scopes():
    other = assessment({"prepared-people.a": 2}, scope={"type": "service", "name": "Northbridge community nursing"})
    with pytest.raises(PcspError) as raised:
        merge([*members(), other])
    message = str(raised.value)
    assert "Frailty pathway, Northbridge PCN" in message
    assert "Northbridge community nursing" in message


def test_merge_mismatch_names_the_file_when_given():
    other = assessment({}, scope={"type": "clinical-pathway", "name": "Falls pathway, Northbridge PCN"})
    with pytest.raises(PcspError) as raised:
        merge([*members(), other], [*MEMBER_FILES, "falls-carol.json"])
    assert "falls-carol.json" in str(raised.value)
    assert "Falls pathway, Northbridge PCN" in str(raised.value)


def test_merge_same_name_different_type_is_a_different_scope():
    other = assessment({}, scope={"type": "service", "name": "Frailty pathway, Northbridge PCN"})
    with pytest.raises(PcspError):
        merge([*members(), other])


def test_merge_scope_names_ignore_case_and_extra_spaces():
    other = assessment({"prepared-people.a": 3},
                       scope={"type": "clinical-pathway", "name": "  frailty PATHWAY,   northbridge pcn "})
    result = merge([*members(), other])
    assert result["members"] == 3
    assert by_id(result["enablers"], "enabler")["prepared-people.a"]["levels"] == [2, 2, 3]


# --------------------------------------------------------------------------- compare

# baseline → follow-up, from the table at the top
CHANGES = {
    "prepared-people.a": (2, 3, 1), "prepared-people.b": (2, 2, 0), "prepared-people.c": (1, 3, 2),
    "supportive-systems.a": (3, 3, 0), "supportive-systems.b": (2, 3, 1), "supportive-systems.c": (3, 4, 1),
    "supportive-systems.e": (1, 2, 1), "supportive-systems.f": (2, 3, 1), "supportive-systems.g": (2, 2, 0),
    "supportive-systems.h": (None, 2, None),   # not assessed at baseline
    "trained-teams.a": (2, 3, 1), "trained-teams.b": (3, 2, -1), "trained-teams.c": (2, 3, 1),
    "trained-teams.d": (2, 3, 1),
}


def test_compare_baseline_and_follow_up_per_enabler():
    result = compare(load_example("team-baseline.json"), load_example("team-follow-up.json"))
    rows = by_id(result["enablers"], "enabler")
    assert list(rows) == list(CHANGES)
    for enabler, (before, after, change) in CHANGES.items():
        assert (rows[enabler]["baseline"], rows[enabler]["follow_up"], rows[enabler]["change"]) == \
            (before, after, change), enabler
        assert rows[enabler]["foundation"] == enabler.split(".")[0]
    assert result["baseline_date"] == "2026-03-19"
    assert result["follow_up_date"] == "2027-03-18"
    assert result["scope"] == SCOPE


def test_compare_foundation_means():
    f = by_id(compare(load_example("team-baseline.json"), load_example("team-follow-up.json"))["foundations"])
    # prepared-people: (2 + 2 + 1) / 3 = 1.67 → (3 + 2 + 3) / 3 = 2.67; change 2.67 − 1.67 = 1.00
    assert (f["prepared-people"]["baseline_mean"], f["prepared-people"]["follow_up_mean"]) == (1.67, 2.67)
    assert f["prepared-people"]["change"] == pytest.approx(1.0)
    # supportive-systems: h unrated at baseline, so 13 / 6 = 2.17 → 19 / 7 = 2.71 (all seven);
    # change is between the means as shown: 2.71 − 2.17 = 0.54
    assert (f["supportive-systems"]["baseline_mean"], f["supportive-systems"]["follow_up_mean"]) == (2.17, 2.71)
    assert f["supportive-systems"]["change"] == pytest.approx(0.54)
    # trained-teams: (2 + 3 + 2 + 2) / 4 = 2.25 → (3 + 2 + 3 + 3) / 4 = 2.75; change 0.5
    assert (f["trained-teams"]["baseline_mean"], f["trained-teams"]["follow_up_mean"]) == (2.25, 2.75)
    assert f["trained-teams"]["change"] == pytest.approx(0.5)
    assert f["trained-teams"]["title"] == "Trained Teams"


def test_compare_foundation_with_nothing_rated_on_one_side():
    before = assessment({"prepared-people.a": 2})
    after = assessment({"prepared-people.a": 3, "trained-teams.a": 3})
    f = by_id(compare(before, after)["foundations"])
    assert (f["prepared-people"]["baseline_mean"], f["prepared-people"]["follow_up_mean"],
            f["prepared-people"]["change"]) == (2.0, 3.0, 1.0)
    assert (f["trained-teams"]["baseline_mean"], f["trained-teams"]["follow_up_mean"],
            f["trained-teams"]["change"]) == (None, 3.0, None)
    assert (f["supportive-systems"]["baseline_mean"], f["supportive-systems"]["change"]) == (None, None)


def test_compare_groups_what_moved_from_the_table_above():
    moved = compare(load_example("team-baseline.json"), load_example("team-follow-up.json"))["moved"]
    expected = {
        "up": [e for e, (_, _, change) in CHANGES.items() if change is not None and change > 0],
        "down": ["trained-teams.b"],
        "first-rated": ["supportive-systems.h"],
    }
    assert {g["id"]: g["enablers"] for g in moved} == expected
    assert [g["title"] for g in moved] == ["Went up", "Went down", "Rated for the first time"]


def test_compare_says_what_is_no_longer_rated_and_leaves_out_empty_groups():
    moved = compare(assessment({"prepared-people.a": 2}), assessment({"trained-teams.a": 1}))["moved"]
    assert moved == [
        {"id": "first-rated", "title": "Rated for the first time", "enablers": ["trained-teams.a"]},
        {"id": "no-longer-rated", "title": "No longer rated", "enablers": ["prepared-people.a"]}]
    assert compare(assessment({}), assessment({}))["moved"] == []


@pytest.mark.parametrize("doc, words", [
    ({"scope": {"type": "clinical-pathway", "name": "Frailty"}, "date": "2026-03-19",
      "assessed_by": [{"name": "Amira"}, {"name": "Ben"}, {"name": "Cai"}]},
     "Frailty (a clinical pathway), assessed on 2026-03-19 by Amira, Ben and Cai."),
    ({"scope": {"name": "  Odd   spacing "}, "assessed_by": [{"name": "Amira"}]},
     "  Odd   spacing , assessed by Amira."),        # people's words are never rewritten
    ({"date": "2026-03-19"}, "Not named yet, assessed on 2026-03-19."),
    ({}, "Not named yet."),
])
def test_about_assessment_says_what_when_and_who_in_one_sentence(doc, words):
    assert about_assessment(doc) == words


def test_compare_different_scopes_raises():
    other = assessment({"prepared-people.a": 3}, scope={"type": "service", "name": "Northbridge community nursing"})
    with pytest.raises(PcspError) as raised:
        compare(load_example("team-baseline.json"), other)
    assert "Northbridge community nursing" in str(raised.value)
    assert "Frailty pathway, Northbridge PCN" in str(raised.value)
    assert str(raised.value).startswith("These cannot be brought together: the follow-up is about the service")


# --------------------------------------------------------------------------- the example files

def test_examples_are_the_self_assessments_here():
    found = sorted(p.name for p in EXAMPLES.glob("*.json")
                   if json.loads(p.read_text(encoding="utf-8")).get("kind") == "self-assessment")
    assert set(SELF_ASSESSMENTS) <= set(found)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")
                                        if json.loads(p.read_text(encoding="utf-8")).get("kind")
                                        == "self-assessment"))
def test_example_self_assessment_opens_and_round_trips(name):
    raw = (EXAMPLES / name).read_bytes()
    result = open_document(raw)
    assert result["valid"], result["errors"]
    assert result["kind"] == "self-assessment"
    assert result["migrated_from"] is None
    assert dump_document(result["document"]) == raw.decode("utf-8")


def test_members_disagree_by_two_or_more_on_exactly_two_enablers():
    # checks the example data itself (independent of merge): the rest are at most one apart
    amira, ben = members()
    gaps = {}
    for enabler in AMIRA_BEN:
        a = amira["enablers"].get(enabler, {}).get("level")
        b = ben["enablers"].get(enabler, {}).get("level")
        if isinstance(a, int) and isinstance(b, int):
            gaps[enabler] = abs(a - b)
    assert {e for e, gap in gaps.items() if gap >= 2} == {"prepared-people.b", "trained-teams.d"}
    assert amira["scope"] == ben["scope"] and amira["date"] == ben["date"]


def test_follow_up_follows_the_baseline():
    baseline, follow_up = load_example("team-baseline.json"), load_example("team-follow-up.json")
    assert "follows" not in baseline
    assert follow_up["follows"] == {"file": "team-baseline.json", "date": baseline["date"]}


# --------------------------------------------------------------------------- JSON out

def test_results_are_json():
    amira, ben = members()
    baseline, follow_up = load_example("team-baseline.json"), load_example("team-follow-up.json")
    for result in (summarise(amira), summarise(SMALL), summarise(dict(HEAD)),
                   merge([amira, ben]), merge([amira]), compare(baseline, follow_up)):
        assert json.loads(json.dumps(result)) == result


def test_a_level_written_as_a_decimal_whole_number_counts():
    # "level": 2.0 passes the schema (JSON Schema counts it as an integer), so it must count as level 2.
    doc = {"kind": "self-assessment", "schema_version": 1, "enablers": {"prepared-people.a": {"level": 2.0}}}
    foundation = summarise(doc)["foundations"][0]
    assert (foundation["rated"], foundation["mean"]) == (1, 2.0)


def test_a_follow_up_keeps_the_scope_and_names_its_baseline_and_says_what_it_needs():
    import pytest as _pytest

    from pcsp_core import follow_up, validate
    from pcsp_core.errors import PcspError

    baseline = json.loads((EXAMPLES / "team-baseline.json").read_text(encoding="utf-8"))
    baseline["assessed_by"] = ["Amira", "Ben"]
    made = follow_up(baseline, "team-baseline.json", "2027-06-01")
    assert validate(made, "self-assessment") == []
    assert made["scope"] == baseline["scope"] and made["date"] == "2027-06-01"
    assert made["follows"] == {"file": "team-baseline.json", "date": baseline["date"], "assessed_by": "Amira, Ben"}
    assert not made.get("enablers")  # a fresh assessment: the levels are chosen anew
    with _pytest.raises(PcspError, match="Save this assessment first"):
        follow_up({"kind": "self-assessment", "schema_version": 1}, "", "2027-06-01")


def test_a_follow_up_names_the_baseline_s_assessors_as_the_file_holds_them():
    # assessed_by in a file is [{name, role}] (the schema); the follow-up names them in one line.
    from pcsp_core import follow_up, validate

    baseline = load_example("team-baseline.json")
    made = follow_up(baseline, "team-baseline.json", "2027-06-01")
    assert validate(made, "self-assessment") == []
    assert made["follows"] == {"file": "team-baseline.json", "date": "2026-03-19",
                               "assessed_by": "Amira Haddad, Ben Whitlock"}


# --------------------------------------------------------------------------- pair_by_follows

def opened(name: str, doc: dict | None = None) -> dict:
    return {"name": name, "document": doc if doc is not None else load_example(name)}


def follows(file: str | None = None, date: str | None = None, assessed_by: str | None = None, **extra) -> dict:
    """A small follow-up whose `follows` gives only the parts named."""
    given = {k: v for k, v in (("file", file), ("date", date), ("assessed_by", assessed_by)) if v is not None}
    return assessment({}, follows=given, **extra)


def pair_names(files: list[dict]) -> tuple[str, str]:
    from pcsp_core import pair_by_follows

    result = pair_by_follows(files)
    assert result["ok"], result["message"]
    return files[result["baseline"]]["name"], files[result["follow_up"]]["name"]


def test_pair_the_example_follow_up_with_its_baseline_in_either_order():
    from pcsp_core import pair_by_follows

    both = [opened("team-baseline.json"), opened("team-follow-up.json")]
    assert pair_names(both) == pair_names(both[::-1]) == ("team-baseline.json", "team-follow-up.json")
    result = pair_by_follows(both[::-1])
    assert (result["baseline"], result["follow_up"], result["notes"]) == (1, 0, [])
    assert result["message"] == ("“team-follow-up.json” follows “team-baseline.json”, so “team-baseline.json” is "
                                 "the baseline and “team-follow-up.json” the follow-up.")


def test_pair_a_follow_up_made_by_follow_up_even_after_the_baseline_was_renamed():
    from pcsp_core import follow_up, pair_by_follows

    baseline = load_example("team-baseline.json")
    made = follow_up(baseline, "team-baseline.json", "2027-06-01")
    # A browser saving a second copy calls it "team-baseline (1).json": the date and assessors still find it.
    files = [opened("mine.json", made), opened("team-baseline (1).json", baseline)]
    result = pair_by_follows(files)
    assert (result["ok"], result["baseline"], result["follow_up"]) == (True, 1, 0)
    assert result["message"] == ("“mine.json” follows “team-baseline.json”. No file here has that name, but "
                                 "“team-baseline (1).json” has the scope and the date and assessors it gives, so it "
                                 "is the baseline.")
    # The name is matched whatever its case: Windows and macOS do not tell them apart.
    assert pair_names([opened("TEAM-Baseline.JSON", baseline), opened("mine.json", made)])[0] == "TEAM-Baseline.JSON"


def test_a_renamed_file_of_another_scope_or_date_is_never_taken_for_the_baseline():
    from pcsp_core import pair_by_follows

    other_scope = assessment({}, scope={"type": "service", "name": "Frailty pathway, Northbridge PCN"})
    follow = follows("gone.json", date="2026-03-12")
    assert pair_by_follows([opened("f.json", follow), opened("b.json", other_scope)])["reason"] == "missing-baseline"
    assert pair_by_follows([opened("f.json", follow), opened("b.json", assessment({}, date="2026-03-13"))]
                           )["reason"] == "missing-baseline"
    # Named by file only, and no file has that name: nothing else to go on.
    assert pair_by_follows([opened("f.json", follows("gone.json")), opened("b.json", assessment({}))]
                           )["reason"] == "missing-baseline"


def test_no_file_follows_another():
    from pcsp_core import pair_by_follows

    result = pair_by_follows([opened(n) for n in MEMBER_FILES])
    assert (result["ok"], result["reason"], result["baseline"], result["follow_up"]) == (False, "no-follows", None, None)
    assert result["message"].startswith("None of these files names the baseline it follows")
    assert result["message"].endswith("Choose the baseline and the follow-up one at a time.")
    # An empty `follows`, or one of blank words, names nothing.
    blank = assessment({}, follows={"file": " "})
    assert pair_by_follows([opened("a.json", blank), opened("b.json", assessment({}, follows={}))]
                           )["reason"] == "no-follows"


def test_one_file_says_which_baseline_to_add_or_that_it_can_be_the_baseline():
    from pcsp_core import pair_by_follows

    result = pair_by_follows([opened("team-follow-up.json")])
    assert (result["ok"], result["reason"], result["follow_up"], result["baseline"]) == \
        (False, "missing-baseline", 0, None)
    assert result["message"] == ("“team-follow-up.json” follows “team-baseline.json”, assessed on 2026-03-19. "
                                 "Add that file as the baseline.")
    result = pair_by_follows([opened("team-baseline.json")])
    assert (result["reason"], result["baseline"], result["follow_up"]) == ("one-file", 0, None)
    assert result["message"] == ("“team-baseline.json” does not name a baseline it follows, so it can be the "
                                 "baseline. Add its follow-up.")


def test_follows_naming_a_file_that_is_not_here():
    from pcsp_core import pair_by_follows

    result = pair_by_follows([opened("team-follow-up.json"), opened("team-member-amira.json")])
    assert (result["ok"], result["reason"], result["follow_up"]) == (False, "missing-baseline", 0)
    assert result["message"] == ("“team-follow-up.json” follows “team-baseline.json”, assessed on 2026-03-19, "
                                 "which is not among these files. Add that file too.")
    # Two follow-ups, neither baseline here.
    result = pair_by_follows([opened("a.json", follows("x.json")), opened("b.json", follows(assessed_by="Jo"))])
    assert (result["reason"], result["follow_up"]) == ("missing-baseline", None)
    assert result["message"] == ("None of these files is the baseline another follows: “a.json” follows “x.json”; "
                                 "“b.json” follows an assessment, assessed by Jo. Add the baseline you want to "
                                 "compare with.")


def test_a_file_is_never_its_own_baseline():
    # Saved over its baseline, or a baseline of the same name kept in another folder.
    from pcsp_core import pair_by_follows

    result = pair_by_follows([opened("assessment.json", follows("assessment.json")), opened("other.json", assessment({}))])
    assert result["reason"] == "missing-baseline"
    assert result["message"].startswith("“assessment.json” follows “assessment.json” (another file of that name, "
                                        "not this one), which is not among these files.")


def test_two_files_claiming_the_same_baseline():
    from pcsp_core import pair_by_follows

    files = [opened("team-baseline.json"), opened("team-follow-up.json"),
             opened("another-follow-up.json", follows("team-baseline.json", date="2026-03-19"))]
    result = pair_by_follows(files)
    assert (result["ok"], result["reason"], result["baseline"], result["follow_up"]) == \
        (False, "several-follow-ups", None, None)
    assert result["message"] == ("“team-follow-up.json” and “another-follow-up.json” both follow "
                                 "“team-baseline.json”. Choose “team-baseline.json” with only the follow-up you want "
                                 "to compare.")


def test_a_follow_up_that_could_mean_several_files():
    from pcsp_core import pair_by_follows

    # Two files of one name (from two folders): the date given picks the right one ...
    old, older = assessment({}, date="2026-03-19"), assessment({}, date="2025-03-19")
    follow = follows("baseline.json", date="2026-03-19")
    files = [opened("baseline.json", older), opened("baseline.json", old), opened("f.json", follow)]
    result = pair_by_follows(files)
    assert (result["ok"], result["baseline"], result["follow_up"]) == (True, 1, 2)
    assert result["notes"] == ["“baseline.json” is left out: it neither follows nor is followed by the others."]
    # ... and when nothing tells them apart, the page asks rather than guesses.
    result = pair_by_follows([opened("baseline.json", old), opened("baseline.json", dict(old)), opened("f.json", follow)])
    assert (result["ok"], result["reason"]) == (False, "several-baselines")
    assert result["message"] == ("“f.json” follows “baseline.json”, assessed on 2026-03-19, and more than one of "
                                 "these files fits: “baseline.json” and “baseline.json”. Choose the baseline and the "
                                 "follow-up one at a time.")


def test_files_that_follow_one_another_in_a_circle():
    from pcsp_core import pair_by_follows

    result = pair_by_follows([opened("a.json", follows("b.json")), opened("b.json", follows("a.json"))])
    assert (result["ok"], result["reason"], result["baseline"], result["follow_up"]) == (False, "cycle", None, None)
    assert result["message"] == ("“a.json” and “b.json” each say they follow the other, so none of them can be the "
                                 "baseline. Choose the baseline and the follow-up one at a time.")
    three = [opened("a.json", follows("b.json")), opened("b.json", follows("c.json")), opened("c.json", follows("a.json"))]
    result = pair_by_follows(three)
    assert result["reason"] == "cycle"
    assert result["message"].startswith("“a.json”, “b.json” and “c.json” each say they follow the next, in a circle")


def test_a_chain_of_three_is_more_than_one_pair():
    from pcsp_core import pair_by_follows

    files = [opened("2025.json", assessment({})), opened("2026.json", follows("2025.json")),
             opened("2027.json", follows("2026.json"))]
    result = pair_by_follows(files)
    assert (result["ok"], result["reason"]) == (False, "several-pairs")
    assert result["message"] == ("These files make more than one pair: “2026.json” follows “2025.json”; “2027.json” "
                                 "follows “2026.json”. Choose only the two you want to compare.")


def test_files_beside_the_pair_are_left_out_with_a_note():
    from pcsp_core import pair_by_follows

    files = [opened("team-member-ben.json"), opened("team-follow-up.json"), opened("stray.json", follows("gone.json")),
             opened("team-baseline.json")]
    result = pair_by_follows(files)
    assert (result["ok"], result["baseline"], result["follow_up"]) == (True, 3, 1)
    assert result["notes"] == [
        "“team-member-ben.json” is left out: it neither follows nor is followed by the others.",
        "“stray.json” follows “gone.json”, which is not among these files, so it is left out."]


def test_pairing_nothing_is_refused_and_the_answer_crosses_the_bridge():
    from pcsp_core import pair_by_follows
    from pcsp_core.bridge import call

    with pytest.raises(PcspError, match="Choose the baseline and the follow-up"):
        pair_by_follows([])
    files = [opened("team-follow-up.json"), opened("team-baseline.json")]
    answer = json.loads(call("pair_by_follows", json.dumps([files])))
    assert answer == {"ok": True, "result": pair_by_follows(files)}
    assert (answer["result"]["baseline"], answer["result"]["follow_up"]) == (1, 0)
