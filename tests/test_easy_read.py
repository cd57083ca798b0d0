"""Easy read (pcsp_core.easy_read): the person's own plan, one idea per line, their words framed, never rewritten."""

from __future__ import annotations

import copy
import importlib
import json
from pathlib import Path

import pytest

from pcsp_core import resources
from pcsp_core.bridge import call
from pcsp_core.easy_read import easy_read, icon_names
from pcsp_core.schema_walk import resolve

from full_plan import full_plan

ROOT = Path(__file__).resolve().parents[1]
module = importlib.import_module("pcsp_core.easy_read")  # the module; pcsp_core.easy_read is the function
WORDING = json.loads((ROOT / "pcsp_core" / "wording" / "easy_read.json").read_text(encoding="utf-8"))
TABLER = ROOT / "guide" / "node_modules" / "@tabler" / "icons"
SCHEMA = resources.schema("plan")
PLAN = {"$schema": SCHEMA["properties"]["$schema"]["const"], "kind": "plan", "schema_version": 4}


def section(result: dict, key: str) -> dict:
    found = [s for s in result["sections"] if s["key"] == key]
    assert len(found) == 1, [s["key"] for s in result["sections"]]
    return found[0]


def lines(result: dict, key: str) -> list[dict]:
    return [line for block in section(result, key)["blocks"] for line in block["lines"]]


def shown(result: dict) -> list[str]:
    """Every piece of the person's words the view shows, a line each."""
    return [text for s in result["sections"] for b in s["blocks"] for line in b["lines"]
            for text in ([line["words"]] if line["words"] is not None else []) + line["items"]]


def ours(result: dict) -> list[str]:
    """Every word of ours the view shows: headings, lead-ins, sentences, the intro."""
    return [result["intro"][0], *result["intro"][1:], *(s["heading"] for s in result["sections"]),
            *(line["lead"] for s in result["sections"] for b in s["blocks"] for line in b["lines"] if line["lead"])]


def strings_in(value, skip: frozenset[str] = frozenset()) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in skip for s in strings_in(v, skip)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v, skip)]
    return []


# --- what each section shows ----------------------------------------------------------------------


def test_every_section_with_content_gets_its_heading_its_picture_and_lines(cecilia):
    result = easy_read(cecilia)
    wanted = {s["key"]: s for s in WORDING["sections"]}
    keys = [s["key"] for s in result["sections"]]
    assert keys == [k for k in wanted if k in keys]  # in the wording's order
    # Cecilia's plan has all of these; it has no medicines, budget, legal plans or options tried.
    assert set(keys) == {"about_me", "worries", "important_people", "routines", "possessions", "working",
                         "not_working", "future_aspirations", "strengths", "conditions",
                         "health_and_wellbeing_needs", "outcomes", "support", "contingency", "risks",
                         "treatment_escalation", "people_involved", "coordinator", "sharing", "my_copy",
                         "review", "agreement"}
    for part in result["sections"]:
        assert part["heading"] == wanted[part["key"]]["heading"]
        assert part["icon"] == wanted[part["key"]]["icon"]
        assert part["blocks"] and all(block["lines"] for block in part["blocks"])
    assert result["title"] == "Cecilia’s care and support plan"
    assert result["empty"] is None


def a_plan_with_every_field() -> dict:
    plan = full_plan()
    plan["actions"][1]["outcome"] = "o-none"  # so one action is for no outcome, and has its own section
    return plan


def test_a_plan_with_every_field_shows_every_section():
    result = easy_read(a_plan_with_every_field())
    assert [s["key"] for s in result["sections"]] == [s["key"] for s in WORDING["sections"]]


def test_the_person_s_words_appear_verbatim_and_none_are_lost():
    """Every string the plan holds in a shown field is on screen as typed, a line of it per line;
    only dates are put into words (and they are shown too)."""
    plan = a_plan_with_every_field()
    on_screen = shown(easy_read(plan))
    dates = {"2027-03-31": "31 March 2027"}
    # ids link items inside the file; the choices from a list become sentences of ours (tested below).
    internal = frozenset({"id", "answers", "outcome", "who", "status", "view"})
    for part in WORDING["sections"]:
        texts = strings_in(plan[part["key"]], internal | set(part.get("left_out", {})))
        assert texts, part["key"]
        for text in texts:
            for line in text.splitlines():
                if line.strip():
                    assert dates.get(line, line.strip()) in on_screen, (part["key"], line)


def test_cecilia_s_own_words_are_framed_not_changed(cecilia):
    result = easy_read(cecilia)
    about = lines(result, "about_me")
    matters = next(line for line in about if line["lead"] == "What matters to me:")
    assert matters["words"] is None
    assert matters["items"] == [item["text"] for item in cecilia["about_me"]["what_is_important_to_me"]]
    outcome = section(result, "outcomes")["blocks"][0]["lines"]
    assert outcome[0] == {"lead": "What I want:", "words": cecilia["outcomes"][0]["in_my_words"], "items": []}
    assert {"lead": "When by:", "words": "31 March 2027", "items": []} in outcome


def test_one_idea_per_line():
    plan = {**PLAN, "worries": ["Falling", "Being alone", "Money"],
            "about_me": {"how_i_communicate": "I point at pictures.\n\nGive me time to answer."},
            "treatment_escalation": "Hospital, with my sister"}
    result = easy_read(plan)
    assert lines(result, "worries") == [{"lead": "I worry about:", "words": None,
                                         "items": ["Falling", "Being alone", "Money"]}]
    # The person's own line breaks start new lines; their sentences are never split for them.
    assert lines(result, "about_me") == [{"lead": "How I talk and make choices:", "words": None,
                                          "items": ["I point at pictures.", "Give me time to answer."]}]
    assert lines(result, "treatment_escalation") == [{"lead": "What I want to happen:",
                                                      "words": "Hospital, with my sister", "items": []}]
    one = easy_read({**PLAN, "about_me": {"how_i_communicate": "Dr. Shah knows. Ask him."}})
    assert lines(one, "about_me")[0]["words"] == "Dr. Shah knows. Ask him."


def test_empty_sections_are_left_out():
    plan = {**PLAN, "worries": [], "routines": ["   ", ""], "about_me": {"what_people_like_about_me": [],
                                                                       "how_i_communicate": "  \n "},
            "important_people": [{}, {"name": ""}], "coordinator": {"name": "", "role": "  "},
            "outcomes": [{"id": "o1", "in_my_words": ""}], "review": {"next_formal_review": ""},
            "treatment_escalation": ""}
    result = easy_read(plan)
    assert result["sections"] == []
    assert result["empty"] == WORDING["empty"]
    plan["routines"].append("Tea at four")
    assert [s["key"] for s in easy_read(plan)["sections"]] == ["routines"]


def test_what_someone_else_said_comes_after_the_person_s_own_words_and_says_whose_it_is():
    plan = {**PLAN, "not_working": [{"id": "n1", "text": "Staff change too often", "view": "staff"},
                                    {"id": "n2", "text": "The bus is late", "view": "me"},
                                    {"id": "n3", "text": "She is lonely", "view": "family"},
                                    {"id": "n4", "text": "Nobody says whose"}]}
    assert lines(easy_read(plan), "not_working") == [
        {"lead": "These things are not going well:", "words": None, "items": ["The bus is late", "Nobody says whose"]},
        {"lead": "My family or friends say:", "words": None, "items": ["She is lonely"]},
        {"lead": "The people who support me say:", "words": None, "items": ["Staff change too often"]},
    ]


def test_actions_sit_under_their_outcome_and_the_rest_have_their_own_section():
    plan = {**PLAN,
            "outcomes": [{"id": "o1", "in_my_words": "I go swimming every week", "status": "achieved"},
                         {"id": "o2", "in_my_words": ""}],
            "actions": [{"id": "a1", "what": "Book the pool", "who": "me", "when": "Mondays", "outcome": "o1"},
                        {"id": "a2", "what": "Drive me there", "who": "family-and-friends", "who_exactly": "Sam",
                         "outcome": "o1", "status": "done"},
                        {"id": "a3", "what": "Find a grant", "who": "services", "outcome": "o2"},
                        {"id": "a4", "what": "Ask about transport", "outcome": "o9", "status": "stopped"}]}
    result = easy_read(plan)
    blocks = section(result, "outcomes")["blocks"]
    assert [b["sub"] for b in blocks] == [False, True, True]
    assert blocks[0]["lines"] == [{"lead": "What I want:", "words": "I go swimming every week", "items": []},
                                  {"lead": "I have done this.", "words": None, "items": []}]
    assert blocks[1]["lines"] == [{"lead": "I will:", "words": "Book the pool", "items": []},
                                  {"lead": "When:", "words": "Mondays", "items": []}]
    assert blocks[2]["lines"] == [{"lead": "Who helps:", "words": "Sam", "items": []},
                                  {"lead": "They will:", "words": "Drive me there", "items": []},
                                  {"lead": "This is done.", "words": None, "items": []}]
    # An outcome with no words shows nothing, so its action joins the others; so does one for no outcome.
    assert [b["lines"] for b in section(result, "actions")["blocks"]] == [
        [{"lead": "Who helps:", "words": "A service", "items": []},
         {"lead": "They will:", "words": "Find a grant", "items": []}],
        [{"lead": "What will happen:", "words": "Ask about transport", "items": []},
         {"lead": "This has stopped.", "words": None, "items": []}],
    ]


def test_a_half_typed_date_is_shown_as_typed():
    result = easy_read({**PLAN, "review": {"next_formal_review": "2027-13"}})
    assert lines(result, "review") == [{"lead": "My next review is by:", "words": "2027-13", "items": []}]


@pytest.mark.parametrize("plan", [
    None, [], "a plan", {"about_me": "words", "outcomes": [1, None, {"in_my_words": 3}], "actions": "no"},
    {"important_people": [None, 3, ["x"]], "not_working": [{"view": ["odd"], "text": "Odd view"}],
     "actions": [{"who": ["me"], "what": 5}, {"what": "x", "status": ["done"]}], "outcomes": {"o1": "x"}, "review": {"next_formal_review": 20270101},
     "personal_health_budget": {"lines": "none"}, "worries": {"a": 1}},
])
def test_whatever_the_editor_holds_it_answers_and_never_fails(plan):
    result = easy_read(plan)
    assert isinstance(result["sections"], list)
    json.dumps(result, allow_nan=False)


# --- the words are ours, and they live in the data file -------------------------------------------


def test_every_word_of_ours_comes_from_the_wording_file():
    result = easy_read(a_plan_with_every_field())
    written = set(strings_in(WORDING))
    for text in ours(result):
        assert text in written, text


def test_changing_the_wording_file_changes_what_is_shown(monkeypatch, cecilia):
    changed = copy.deepcopy(WORDING)
    changed["sections"][0]["heading"] = "All about me"
    changed["sections"][0]["icon"] = "mood-smile"
    changed["sections"][0]["fields"]["what_is_important_to_me"] = "Things I love:"
    changed["action"]["me"] = "I am going to:"
    real = resources.wording
    monkeypatch.setattr(module.resources, "wording", lambda name: changed if name == "easy_read" else real(name))
    result = easy_read(cecilia)
    about = section(result, "about_me")
    assert (about["heading"], about["icon"]) == ("All about me", "mood-smile")
    assert any(line["lead"] == "Things I love:" for line in about["blocks"][0]["lines"])
    assert any(line["lead"] == "I am going to:" for b in section(result, "outcomes")["blocks"] for line in b["lines"])


# --- the data file agrees with the plan schema and the icon set -----------------------------------


def _object_fields(spec: dict) -> dict:
    spec = resolve(SCHEMA, spec)
    if spec.get("type") == "array":
        spec = resolve(SCHEMA, spec["items"])
    return spec.get("properties") or {}


def test_every_part_of_the_plan_is_shown_or_left_out_for_a_reason():
    parts = set(SCHEMA["properties"])
    sections = [s["key"] for s in WORDING["sections"]]
    left_out = set(WORDING["left_out"])
    assert len(sections) == len(set(sections))
    assert not set(sections) & left_out
    assert set(sections) | left_out == parts, "a plan part is neither in easy read nor named as left out"
    assert all(reason.strip() for reason in WORDING["left_out"].values())


def test_every_field_of_a_shown_part_is_framed_or_left_out_and_exists_in_the_schema():
    for part in WORDING["sections"]:
        fields = _object_fields(SCHEMA["properties"][part["key"]])
        if "lead" in part:
            assert "fields" not in part
            assert set(fields) <= {"id", "text", "view"}, part["key"]  # a list of the person's words
            continue
        framed, left_out = set(part["fields"]), set(part.get("left_out", {}))
        assert not framed & left_out, part["key"]
        assert framed | left_out == set(fields), part["key"]
        for key, how in part["fields"].items():
            if isinstance(how, dict):
                assert how["item"] in _object_fields(fields[key]), (part["key"], key)
            elif how in WORDING:
                assert isinstance(WORDING[how], dict), (part["key"], key)
            else:
                assert how.endswith(":"), (part["key"], key)  # a lead-in, with the words after it


def test_every_word_the_plan_can_hold_for_an_enum_has_a_sentence():
    outcome_status = resolve(SCHEMA, SCHEMA["$defs"]["outcome_status"])["enum"]
    assert set(WORDING["outcome_status"]) == set(outcome_status)
    action = _object_fields(SCHEMA["properties"]["actions"])
    assert set(WORDING["action"]["who"]) == set(action["who"]["enum"]) - {"me"}
    assert set(WORDING["action"]["status"]) <= set(action["status"]["enum"])
    assert set(WORDING["views"]) == set(resolve(SCHEMA, SCHEMA["$defs"]["view"])["enum"]) - {"me"}


def test_every_picture_named_is_in_the_vendored_icon_set():
    names = icon_names()
    assert names == sorted({s["icon"] for s in WORDING["sections"]})
    assert len(names) == len(WORDING["sections"]), "each section has a picture of its own"
    if not TABLER.is_dir():
        pytest.skip("@tabler/icons not installed yet (python build.py fetch installs it)")
    manifest = json.loads((TABLER / "package.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "@tabler/icons" and manifest["license"] == "MIT"
    missing = [name for name in names if not (TABLER / "icons" / "outline" / f"{name}.svg").is_file()]
    assert missing == []


def test_the_browser_calls_it_through_the_bridge(cecilia):
    answer = json.loads(call("easy_read", json.dumps([cecilia])))
    assert answer == {"ok": True, "result": easy_read(cecilia)}
