"""The browser's door into pcsp_core: JSON string in, JSON string out, never an exception."""

import json

import pcsp_core
from pcsp_core.bridge import FUNCTIONS, call

from conftest import EXAMPLES


def answer(name, *args):
    return json.loads(call(name, json.dumps(list(args))))


def test_calls_return_what_the_python_function_returns():
    text = "Support to go to the day centre"
    assert answer("check_outcome", text) == {"ok": True, "result": pcsp_core.check_outcome(text)}
    raw = (EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8")
    opened = answer("open_document", raw)["result"]
    assert opened["valid"] and opened["document"]["kind"] == "plan"
    assert answer("evaluate_plan", opened["document"], "2026-11-24")["result"]["counts_as_pcsp"] is True


def test_none_crosses_as_null():
    result = call("review_status", json.dumps([{"kind": "plan"}, "2026-11-24"]))
    assert '"due": null' in result


def test_unusable_input_comes_back_as_an_error_message():
    assert answer("merge", []) == {"ok": False, "error": "Choose at least one assessment to bring together."}
    assert answer("new_document", "letter")["error"].startswith("There is no document kind")


def test_unknown_functions_and_bad_arguments_are_refused_plainly():
    assert answer("eval", "1+1") == {"ok": False, "error": "pcsp_core has no function “eval”."}
    assert json.loads(call("check_outcome", "{not json"))["ok"] is False
    assert json.loads(call("check_outcome", '{"text": 1}'))["error"].endswith("arguments must be a JSON list")
    assert answer("check_outcome")["error"].startswith("Internal error in check_outcome: TypeError")


def test_every_function_the_browser_may_call_is_public_and_resolves():
    assert set(FUNCTIONS) <= set(pcsp_core.__all__)
    for name in pcsp_core.__all__:
        assert getattr(pcsp_core, name) is not None, name


def test_the_outcome_check_and_a_valid_plan_never_import_jsonschema():
    # In the browser, importing jsonschema costs about half a second; it is only
    # needed to explain an invalid file.
    import subprocess
    import sys

    script = f"""
import json, sys
from pcsp_core import bridge
bridge.call("check_outcome", json.dumps(["I walk to the shop"]))
raw = open({str(EXAMPLES / "cecilia-plan.json")!r}, encoding="utf-8").read()
doc = json.loads(bridge.call("open_document", json.dumps([raw])))["result"]["document"]
bridge.call("evaluate_plan", json.dumps([doc]))
print("jsonschema" in sys.modules)
bridge.call("open_document", json.dumps(['{{"kind": "plan", "schema_version": 2, "x": 1}}']))
print("jsonschema" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
