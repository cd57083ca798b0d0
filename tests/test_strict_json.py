"""One strict reading of JSON (pcsp_core.strict_json): what the browser would read
differently, or not at all, is refused once, with the field named, and nothing crashes."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcsp_core import bridge, documents
from pcsp_core.cli import run
from pcsp_core.strict_json import MAX_SAFE_INTEGER, loads

from conftest import EXAMPLES

PLAN = (EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8")


def with_budget_amount(amount_text: str) -> str:
    doc = json.loads(PLAN)
    doc["personal_health_budget"] = {"has_budget": True, "type": "direct-payment", "amount": 1, "period": "year",
                                     "lines": [{"what": "A carer", "amount": 2}]}
    return json.dumps(doc, indent=2).replace('"amount": 2', f'"amount": {amount_text}')


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
def test_a_number_that_is_not_finite_is_refused_with_its_field(number):
    opened = documents.open_document(with_budget_amount(number).encode())
    assert opened["valid"] is False and opened["document"] is None
    [error] = opened["errors"]
    assert error["path"] == "/personal_health_budget/lines/0/amount"
    assert error["message"].startswith(f"“amount” is {number}, which is not a number a file can hold")


@pytest.mark.parametrize("digits", [17, 400, 5_000, 100_000])
def test_a_whole_number_too_long_for_the_browser_is_refused_without_a_traceback(digits):
    opened = documents.open_document(with_budget_amount("9" * digits).encode())
    [error] = opened["errors"]
    assert error["path"] == "/personal_health_budget/lines/0/amount"
    assert f"{digits:,} digits long" in error["message"]


def test_the_largest_whole_number_a_browser_keeps_exactly_is_read_and_one_more_is_not():
    assert loads(f"[{MAX_SAFE_INTEGER}, -{MAX_SAFE_INTEGER}]") == ([MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER], [])
    doc, errors = loads(f"[{MAX_SAFE_INTEGER + 1}]")
    assert doc is None and errors[0]["path"] == "/0"


@pytest.mark.parametrize("text, path", [
    ('{"person": {"name": "Zo\\ud800"}}', "/person/name"),
    ('{"person": {"name": "\\udc00 at the start"}}', "/person/name"),
    ('{"list": ["fine", "half \\ud83d"]}', "/list/1"),
    ('{"\\ud800": 1}', "/\\ud800"),
])
def test_half_of_a_utf16_pair_is_refused_with_its_field(text, path):
    doc, errors = loads(text)
    assert doc is None
    assert [e["path"] for e in errors] == [path]
    assert "broken character" in errors[0]["message"]
    json.dumps(errors).encode("utf-8")  # the message itself can always be written out


def test_a_whole_emoji_is_fine():
    assert loads('{"a": "\\ud83d\\ude00 and 😀"}') == ({"a": "😀 and 😀"}, [])


def test_a_key_given_twice_is_refused_once_wherever_it_is():
    doc, errors = loads('{"person": {"name": "A", "name": "B", "name": "C"}, "x": [{"k": 1, "k": 1}], "kind": "plan"}')
    assert doc is None
    assert [e["path"] for e in errors] == ["/person/name", "/x/0/k"]
    assert "written more than once" in errors[0]["message"]


def test_every_problem_is_reported_at_once_in_pointer_order():
    _, errors = loads('{"b": NaN, "a": [Infinity, 1e999], "c": "\\ud800", "c": 1}')
    assert [e["path"] for e in errors] == ["/a/0", "/a/1", "/b", "/c"]


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.text() |
                    st.integers(min_value=-MAX_SAFE_INTEGER, max_value=MAX_SAFE_INTEGER) |
                    st.floats(allow_nan=False, allow_infinity=False),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=20))
def test_any_json_both_runtimes_read_alike_is_read_exactly_as_json_loads_reads_it(value):
    text = json.dumps(value, ensure_ascii=False)
    strict, errors = loads(text)
    surrogates = any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    if surrogates:
        assert errors
    else:
        assert errors == [] and strict == json.loads(text)


@pytest.mark.parametrize("raw", [
    with_budget_amount("NaN"), with_budget_amount("9" * 5000), '{"person": {"name": "\\ud800"}}',
    '{"kind": "plan", "kind": "plan"}',
])
def test_the_cli_refuses_each_with_exit_2_and_prints_no_traceback(raw, tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(raw, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["check", str(path)], out, err) == 2
    assert "cannot be used" in out.getvalue() and "Traceback" not in out.getvalue() + err.getvalue()
    out = io.StringIO()
    assert run(["check", "--format", "json", str(path)], out, io.StringIO()) == 2
    report = json.loads(out.getvalue(), parse_constant=lambda name: pytest.fail(f"{name} in the JSON output"))
    assert report["files"][0]["valid"] is False


def test_the_bridge_never_answers_with_anything_but_json():
    def strict(text):
        return json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in a bridge reply"))

    answer = strict(bridge.call("open_document", json.dumps([with_budget_amount("NaN")])))
    assert answer["ok"] and answer["result"]["valid"] is False
    answer = strict(bridge.call("open_document", json.dumps(['{"a": "\\ud800"}'])))
    assert answer["ok"] and "broken character" in answer["result"]["errors"][0]["message"]


@pytest.mark.parametrize("text, outside", [
    ('{"a\\"b": ["x\\\\", "[["], "c": 1}', b'{"": ["", ""], "": 1}'),
    ('"\\\\\\"["', b'""'),
    ('[1, "]", 2, "caf\\u00e9 ☕ {"]', b'[1, "", 2, ""]'),
    ('{"ü": "ß:[", "k": {"x": 1}}', b'{"": "", "": {"": 1}}'),
])
def test_outside_strings_keeps_structure_and_numbers_only(text, outside):
    from pcsp_core.strict_json import outside_strings

    assert outside_strings(text) == outside == outside_strings(text.encode("utf-8"))


ODD = st.sampled_from(["NaN", "-Infinity", "1e999", "9" * 20, "9007199254740993", '"\\ud800"', '"\\udfff x"'])


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.text() | st.integers(-10**6, 10**6) |
                    st.floats(allow_nan=False, allow_infinity=False),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                    max_leaves=15),
       st.data())
def test_the_quick_reading_and_the_careful_one_always_agree(value, data):
    from pcsp_core.strict_json import _careful

    text = json.dumps(value, ensure_ascii=data.draw(st.booleans()))
    # Now and then, something only the careful reading should catch: an odd value, or a key twice.
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = json.dumps(next(iter(value)))
        text = text[:-1] + f", {key}: {data.draw(ODD)}" + "}"
    elif isinstance(value, list) and data.draw(st.booleans()):
        text = text[:-1] + (", " if value else "") + data.draw(ODD) + "]"
    assert loads(text) == _careful(text)
