"""Opening files: every kind of bad input gets one clear message, never an exception."""

import base64
import json

import pytest

from pcsp_core import KINDS, MAX_BYTES, PcspError, dump_document, new_document, open_document, open_upload, validate
from pcsp_core.documents import MAX_RAW_DEPTH, depth_of, max_depth, raw_depth

from conftest import EXAMPLES


def only_error(result):
    assert result["valid"] is False and result["document"] is None
    assert len(result["errors"]) == 1, result["errors"]
    return result["errors"][0]


def test_every_example_opens_valid_and_round_trips_byte_for_byte():
    for path in sorted(EXAMPLES.glob("*.json")):
        raw = path.read_bytes()
        result = open_document(raw)
        assert result["valid"], (path.name, result["errors"])
        if result["migrated_from"] is None:
            assert dump_document(result["document"]).encode() == raw, path.name


def test_save_open_save_is_identical_for_unicode_and_markup():
    doc = new_document("plan")
    doc["about_me"] = {"how_i_communicate": "Café – “quotes” 😊 <script>alert(1)</script>\n\ttabs"}
    first = dump_document(doc)
    assert dump_document(open_document(first.encode())["document"]) == first


@pytest.mark.parametrize("kind", KINDS)
def test_new_documents_are_valid(kind):
    doc = new_document(kind)
    assert validate(doc) == []
    assert doc == {"$schema": f"https://pcsp.invalid/schemas/{kind}.schema.json", "kind": kind,
                   "schema_version": doc["schema_version"]}


def test_new_document_of_unknown_kind_raises_a_clear_error():
    with pytest.raises(PcspError, match="“care-home”"):
        new_document("care-home")


@pytest.mark.parametrize("raw, words", [
    (b"", "not valid JSON: Expecting value at line 1, column 1"),
    (b'{"kind": "plan",', "not valid JSON"),
    (b'{"kind": "plan"}\n}', "line 2, column 1"),
    (b"\xff\xfe\x00plan", "not UTF-8 text (byte 1 is not valid UTF-8)"),
    (b"[1, 2, 3]", "holds a list, not a plan or assessment"),
    (b'"a plan"', "holds a piece of text"),
    (b"42", "holds a number"),
    (b"null", "holds null"),
    (b"{}", "does not say what it is"),
    (b'{"kind": "recipe", "schema_version": 1}', "“recipe”, which this tool does not open"),
    (b'{"kind": "plan"}', "does not say which version"),
    (b'{"kind": "plan", "schema_version": "2"}', "does not say which version"),
    (b'{"kind": "plan", "schema_version": true}', "does not say which version"),
    (b'{"kind": "plan", "schema_version": 99}', "made by a newer version of this tool"),
    (b'{"kind": "plan", "schema_version": 0}', "does not say which version"),
])
def test_unusable_files_get_one_plain_message(raw, words):
    assert words in only_error(open_document(raw))["message"]


def test_a_file_over_5_mb_is_refused_before_parsing():
    raw = b'{"kind": "plan", "pad": "' + b"x" * MAX_BYTES + b'"}'
    error = only_error(open_document(raw))
    assert "5.0 MB" in error["message"] and "never larger than 5 MB" in error["message"]


def test_a_file_of_exactly_5_mb_is_read():
    head = b'{"kind": "plan", "schema_version": 2, "pad": "'
    raw = head + b"x" * (MAX_BYTES - len(head) - 2) + b'"}'
    assert len(raw) == MAX_BYTES
    messages = [e["message"] for e in open_document(raw)["errors"]]
    assert "“pad” is not a field this tool knows here: check the spelling or remove it." in messages


def test_nesting_deeper_than_the_schema_allows_is_refused():
    deep = {"kind": "plan", "schema_version": 2, "about_me": {}}
    node = deep["about_me"]
    for _ in range(40):
        node["x"] = {}
        node = node["x"]
    error = only_error(open_document(json.dumps(deep)))
    assert f"never goes deeper than {max_depth('plan')}" in error["message"]
    assert "nested 42 levels deep" in error["message"]


@pytest.mark.parametrize("raw", ["[" * 200_000, "[" * 5_000 + "]" * 5_000, '{"a":' * 5_000 + "1" + "}" * 5_000,
                                 '{"kind": "plan", "x": ' + "[" * 65 + "]" * 65 + "}"])
def test_nesting_that_would_overflow_a_parser_is_refused_before_parsing(raw, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("json.loads must not see a file this deep")

    monkeypatch.setattr(json, "loads", no_parsing)
    message = only_error(open_document(raw))["message"]
    assert message.startswith(f"The file is nested more than {MAX_RAW_DEPTH} levels deep")
    assert f"never go deeper than {max(max_depth(k) for k in KINDS)}" in message


@pytest.mark.parametrize("text, depth", [
    ("1", 0), ("[]", 1), ('{"a": [1, {"b": []}]}', 4),
    ('["[[[[{{{", "\\", "\"[["]', 1),     # brackets inside strings, escaped quotes and backslashes
    ('[[[', 3), (']]][[', 2),              # broken text still gets a number (the parser then refuses it)
])
def test_raw_depth_counts_brackets_outside_strings(text, depth):
    assert raw_depth(text) == depth


def test_raw_depth_stops_counting_past_the_cap():
    assert raw_depth("[" * 1_000_000, cap=10) == 11


@pytest.mark.parametrize("encode, opens", [
    (lambda t: t.encode("utf-8"), True),
    (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), True),   # UTF-8 with a byte-order mark
    (lambda t: t.encode("utf-16"), False),
    (lambda t: t.encode("utf-16-le"), False),
    (lambda t: t.encode("latin-1"), False),
    (lambda t: t.encode("cp1252"), False),
])
def test_only_utf8_opens_and_the_refusal_says_what_to_do(encode, opens):
    text = json.dumps({**new_document("plan"), "person": {"name": "Zoë Hélène"}}, ensure_ascii=False)
    opened = open_document(encode(text))
    assert opened["valid"] is opens
    if opens:
        assert opened["document"]["person"]["name"] == "Zoë Hélène"
    else:
        message = only_error(opened)["message"]
        assert "not UTF-8 text" in message and "save it again as UTF-8" in message


def test_an_upload_is_text_or_the_base64_of_bytes_that_are_not_utf8():
    raw = json.dumps({**new_document("plan"), "person": {"name": "Zoë"}}, ensure_ascii=False)
    assert open_upload({"name": "a.json", "text": raw}) == open_document(raw.encode("utf-8"))
    latin = base64.b64encode(raw.encode("latin-1")).decode()
    assert open_upload({"name": "a.json", "base64": latin}) == open_document(raw.encode("latin-1"))
    with pytest.raises(PcspError, match="damaged on the way"):
        open_upload({"name": "a.json", "base64": "not base64!"})


def test_depth_is_measured_without_recursion():
    value = []
    for _ in range(100_000):
        value = [value]
    assert depth_of(value) == 100_001


def test_max_depth_is_what_the_schemas_allow():
    # plan → review → history[] → entry → outcome_progress[] → entry
    assert max_depth("plan") == 6
    # assessment → enablers → rating → actions[] → action
    assert max_depth("self-assessment") == 5
    # checklist → activities → item
    assert max_depth("implementation-checklist") == 3


def test_the_expected_kind_is_enforced():
    raw = (EXAMPLES / "cecilia-plan.json").read_bytes()
    error = only_error(open_document(raw, expect="self-assessment"))
    assert error == {"path": "/kind", "message": "This file is a plan, not a self-assessment. "
                                                 "Open it on the plan page."}
    error = only_error(open_document(raw, expect="implementation-checklist"))
    assert error["message"] == "This file is a plan, not an implementation checklist. Open it on the plan page."
    raw = (EXAMPLES / "implementation-checklist-example.json").read_bytes()
    error = only_error(open_document(raw, expect="plan"))
    assert error["message"] == ("This file is an implementation checklist, not a plan. "
                                "Open it on the implementation checklist page.")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_refuses_a_newer_version_and_too_deep_nesting(kind):
    newer = {"kind": kind, "schema_version": 99}
    assert "made by a newer version of this tool" in only_error(open_document(json.dumps(newer)))["message"]
    deep = {**new_document(kind), "x": {}}
    node = deep["x"]
    for _ in range(10):
        node["y"] = {}
        node = node["y"]
    assert f"never goes deeper than {max_depth(kind)}" in only_error(open_document(json.dumps(deep)))["message"]


def test_every_schema_problem_is_reported_at_once_with_its_pointer():
    doc = new_document("plan")
    doc["outcomes"] = [{"in_my_words": "x", "by_when": "next spring", "status": "done!"}]
    doc["conversation"] = {"written_by": "nurse", "i_felt_listened_to": "yes"}
    doc["surprise"] = 1
    errors = open_document(json.dumps(doc))["errors"]
    assert errors == [
        {"path": "/conversation/i_felt_listened_to",
         "message": "“I felt listened to and understood” should be yes or no (true or false), not “yes”."},
        {"path": "/conversation/written_by",
         "message": "“Who wrote the plan” is “nurse”; it should be one of “me”, “me-with-support”, "
                    "“together”, “professional”."},
        {"path": "/outcomes/0/by_when",
         "message": "“By when” should be a real date written as YYYY-MM-DD (e.g. 2026-03-01), not “next spring”."},
        {"path": "/outcomes/0/id", "message": "“id” is missing: add it."},
        {"path": "/outcomes/0/status",
         "message": "“status” is “done!”; it should be one of “not-started”, “in-progress”, “achieved”, "
                    "“no-longer-needed”."},
        {"path": "/surprise", "message": "“surprise” is not a field this tool knows here: check the spelling "
                                         "or remove it."},
    ]


def test_impossible_dates_are_caught():
    doc = new_document("plan")
    doc["agreement"] = {"date_agreed": "2026-02-30"}
    assert validate(doc) == [{"path": "/agreement/date_agreed",
                              "message": "“date_agreed” should be a real date written as YYYY-MM-DD "
                                         "(e.g. 2026-03-01), not “2026-02-30”."}]


def test_assessment_levels_and_ids_are_checked():
    doc = new_document("self-assessment")
    doc["enablers"] = {"prepared-people.a": {"level": 5}, "supportive-systems.d": {"level": 2}}
    messages = {e["path"]: e["message"] for e in validate(doc)}
    assert "a level from 1 to 4, or “not-assessed”" in messages["/enablers/prepared-people.a/level"]
    assert "“supportive-systems.d” is not one of the framework's items" in messages["/enablers"]


def test_text_that_looks_like_script_is_just_text():
    doc = new_document("plan")
    doc["about_me"] = {"what_is_important_to_me": [{"id": "m1", "text": "<img src=x onerror=alert(1)>"}]}
    result = open_document(dump_document(doc))
    assert result["valid"]
    assert result["document"]["about_me"]["what_is_important_to_me"][0]["text"] == "<img src=x onerror=alert(1)>"


def test_too_many_list_entries_and_too_long_text_are_reported():
    doc = new_document("plan")
    doc["routines"] = ["tea"] * 501
    doc["treatment_escalation"] = "x" * 20_001
    messages = {e["path"]: e["message"] for e in validate(doc)}
    assert messages["/routines"] == "“Important routines and rituals” has too many entries (501; at most 500)."
    assert messages["/treatment_escalation"] == "“Treatment escalation” is too long (20,001 characters; at most 20,000)."


def test_a_byte_order_mark_is_accepted():
    raw = b"\xef\xbb\xbf" + (EXAMPLES / "cecilia-plan.json").read_bytes()
    assert open_document(raw)["valid"]


@pytest.mark.parametrize("doc, name", [
    ({"kind": "plan", "person": {"name": "Cecilia"}}, "cecilia-plan-2026-11-24.json"),
    ({"kind": "plan", "person": {"name": "Cecilia Jones", "preferred_name": "Cissy"}}, "cissy-plan-2026-11-24.json"),
    ({"kind": "plan", "person": {"name": "Zoë O’Brien-Smith"}}, "zoe-obrien-smith-plan-2026-11-24.json"),
    ({"kind": "plan", "person": {"name": "../../etc/passwd <script>"}}, "etc-passwd-script-plan-2026-11-24.json"),
    ({"kind": "plan", "person": {"name": "李雷"}}, "my-plan-2026-11-24.json"),
    ({"kind": "plan"}, "my-plan-2026-11-24.json"),
    ({"kind": "self-assessment", "scope": {"name": "Frailty pathway, Northbridge PCN"}},
     "frailty-pathway-northbridge-pcn-self-assessment-2026-11-24.json"),
    ({"kind": "self-assessment"}, "team-self-assessment-2026-11-24.json"),
    # One member's own: their name too, so a lead's folder holds one file per member.
    ({"kind": "self-assessment", "scope": {"name": "Frailty"}, "assessed_by": [{"name": "Amira Haddad"}]},
     "frailty-amira-haddad-self-assessment-2026-11-24.json"),
    ({"kind": "self-assessment", "scope": {"name": "Frailty"}, "assessed_by": [{"name": "A"}, {"name": "B"}]},
     "frailty-self-assessment-2026-11-24.json"),
    ({"kind": "self-assessment", "scope": {"name": "Frailty"}, "assessed_by": [{"name": "A"}, {"name": "B"}],
      "agreed_from": [{"file": "a.json"}]}, "frailty-agreed-self-assessment-2026-11-24.json"),
    ({"kind": "implementation-checklist", "team": "Northbridge PCN — Elm Road"},
     "northbridge-pcn-elm-road-implementation-checklist-2026-11-24.json"),
    ({"kind": "implementation-checklist", "team": "  ***  "}, "team-implementation-checklist-2026-11-24.json"),
    ({"kind": "implementation-checklist"}, "team-implementation-checklist-2026-11-24.json"),
])
def test_suggested_file_names_are_safe_and_say_whose(doc, name):
    from pcsp_core import suggested_file_name

    assert suggested_file_name(doc, "2026-11-24") == name


def test_the_every_field_plan_the_browser_tests_round_trip_is_a_valid_plan():
    """tests/full_plan.py fills every field from the schema; a schema it cannot fill breaks it here first."""
    from full_plan import full_plan

    assert validate(full_plan(), "plan") == []
