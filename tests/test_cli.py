"""The `pcsp` command, driven through run() with string buffers: output and exit codes exactly."""

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pcsp_core.cli import run
from pcsp_core.documents import current_version

from conftest import EXAMPLES


def pcsp(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def check_json(*paths):
    code, out, err = pcsp("check", "--format", "json", "--today", "2026-11-24", *map(str, paths))
    assert err == ""
    return code, json.loads(out)


FILE_KEYS = {"path", "kind", "valid", "errors", "counts_as_pcsp", "criteria", "outcomes"}


def test_a_plan_that_counts_exits_0_with_the_contracted_shape():
    code, result = check_json(EXAMPLES / "cecilia-plan.json")
    assert code == 0
    # The files and the summary, as they always were, in a recognisable envelope dated by --today.
    assert set(result) == {"kind", "schema_version", "date", "files", "summary"}
    assert (result["kind"], result["schema_version"], result["date"]) == ("check-report", 1, "2026-11-24")
    [report] = result["files"]
    assert set(report) == FILE_KEYS
    assert report["path"].endswith("cecilia-plan.json") and report["kind"] == "plan"
    assert report["valid"] is True and report["errors"] == [] and report["counts_as_pcsp"] is True
    assert [c["id"] for c in report["criteria"]] == ["1", "2", "3", "4", "5"]
    assert all(set(c) == {"id", "verdict", "findings"} for c in report["criteria"])
    assert all(set(o) == {"path", "findings"} for o in report["outcomes"])
    assert result["summary"] == {
        "files": 1, "valid": 1, "invalid": 0, "plans": 1, "counting": 1,
        "criteria": {n: {"met": 1, "partly": 0, "not-met": 0} for n in "12345"}}


def test_a_plan_that_does_not_count_exits_1():
    code, result = check_json(EXAMPLES / "fails-criterion-4.json")
    assert code == 1
    [report] = result["files"]
    assert report["counts_as_pcsp"] is False
    criterion = report["criteria"][3]
    assert criterion["verdict"] == "not-met"
    assert all(set(f) == {"code", "message", "path"} for f in criterion["findings"])
    assert {"code": "budget-lines-missing", "path": "/personal_health_budget/lines"} in [
        {k: f[k] for k in ("code", "path")} for f in criterion["findings"]]
    assert result["summary"]["criteria"]["4"] == {"met": 0, "partly": 0, "not-met": 1}


def test_a_folder_is_searched_recursively_and_totals_are_reported(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for i, name in enumerate(["cecilia-plan.json", "fails-criterion-1.json", "fails-criterion-5.json"]):
        shutil.copy(EXAMPLES / name, tmp_path / ("a" if i else "a/b") / name)
    (tmp_path / "notes.txt").write_text("not json, not looked at")
    code, result = check_json(tmp_path)
    assert code == 1
    assert [r["path"].replace(str(tmp_path), "") for r in result["files"]] == [
        "/a/b/cecilia-plan.json", "/a/fails-criterion-1.json", "/a/fails-criterion-5.json"]
    summary = result["summary"]
    assert (summary["files"], summary["valid"], summary["plans"], summary["counting"]) == (3, 3, 3, 1)
    assert summary["criteria"]["1"] == {"met": 2, "partly": 0, "not-met": 1}
    assert summary["criteria"]["5"] == {"met": 2, "partly": 0, "not-met": 1}


def test_an_invalid_file_exits_2_even_beside_good_ones(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "plan", "schema_version": 2,')
    code, result = check_json(EXAMPLES / "cecilia-plan.json", bad)
    assert code == 2
    report = result["files"][1]
    assert report["valid"] is False and report["counts_as_pcsp"] is None and report["criteria"] == []
    assert report["errors"][0]["message"].startswith("The file is not valid JSON")
    assert result["summary"]["invalid"] == 1 and result["summary"]["plans"] == 1


def test_a_missing_path_is_reported_as_unreadable():
    code, result = check_json("/no/such/plan.json")
    assert code == 2
    assert result["files"][0]["errors"] == [{"path": "", "message": "There is no such file or folder."}]


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate(6 * 1024 * 1024)
    code, result = check_json(huge)
    assert code == 2
    assert "6.0 MB" in result["files"][0]["errors"][0]["message"]


def test_an_assessment_carries_its_summary_instead_of_criteria():
    code, result = check_json(EXAMPLES / "team-member-amira.json")
    assert code == 0
    [report] = result["files"]
    assert report["kind"] == "self-assessment"
    assert set(report) == {"path", "kind", "valid", "errors", "summary"}
    assert [f["id"] for f in report["summary"]["foundations"]] == [
        "prepared-people", "supportive-systems", "trained-teams"]
    assert result["summary"]["plans"] == 0


def test_a_checklist_carries_its_progress():
    code, result = check_json(EXAMPLES / "implementation-checklist-example.json")
    assert code == 0
    [report] = result["files"]
    assert set(report) == {"path", "kind", "valid", "errors", "progress"}
    assert report["progress"]["overall"]["done"] == 6
    assert result["summary"]["plans"] == 0
    code, out, err = pcsp("check", str(EXAMPLES / "implementation-checklist-example.json"))
    assert out.splitlines()[:2] == [
        f"{EXAMPLES / 'implementation-checklist-example.json'}: implementation checklist: 6 of 31 done, 8 in progress",
        "  next: Delivering Year of Care training and facilitation to practice teams "
        "(Stage 2: Implementation and training)"]


def test_a_bad_checklist_is_named_as_one(tmp_path):
    (tmp_path / "c.json").write_text('{"$schema": "https://pcsp.invalid/schemas/implementation-checklist.schema.json", '
                                     '"kind": "implementation-checklist", "schema_version": 1, "house": []}')
    code, out, err = pcsp("check", str(tmp_path / "c.json"))
    assert code == 2
    assert out.splitlines()[:2] == [f"{tmp_path}/c.json: cannot be used as an implementation checklist",
                                    "  /house: “The Year of Care House” should be a group of fields, not []."]


def test_an_older_file_is_checked_after_migration():
    code, result = check_json(EXAMPLES / "older-format-plan.json")
    assert code == 0
    assert result["files"][0]["migrated_from"] == 1


@pytest.mark.parametrize("name, line", [
    ("cecilia-plan.json", "cecilia-plan.json: plan: counts as a PCSP"),
    ("fails-criterion-2.json", "fails-criterion-2.json: plan: does not count as a PCSP"),
])
def test_text_output_is_for_people(name, line):
    code, out, err = pcsp("check", str(EXAMPLES / name))
    assert line in out
    assert "1 file: 1 valid, 0 cannot be used; 1 plan" in out
    assert "Traceback" not in out + err


def test_text_output_names_each_bad_file_in_one_line_per_problem(tmp_path):
    (tmp_path / "list.json").write_text("[]")
    (tmp_path / "newer.json").write_text('{"kind": "plan", "schema_version": 7}')
    code, out, err = pcsp("check", str(tmp_path))
    assert code == 2
    assert out.splitlines() == [
        f"{tmp_path}/list.json: cannot be used",
        "  (whole file): The file holds a list, not a plan or assessment.",
        f"{tmp_path}/newer.json: cannot be used as a plan",
        "  /schema_version: This plan was made by a newer version of this tool (format version 7; this one "
        f"reads up to {current_version('plan')}). Update the tool, then open it again.",
        "2 files: 0 valid, 2 cannot be used; 0 plans, 0 counting as a PCSP",
    ]


def test_quiet_shows_only_problems_and_totals():
    code, out, err = pcsp("check", "-q", str(EXAMPLES / "cecilia-plan.json"), str(EXAMPLES / "fails-criterion-5.json"))
    assert "cecilia" not in out and "fails-criterion-5.json: plan: does not count" in out


def test_outcome_json_has_the_contracted_shape():
    code, out, err = pcsp("outcome", "Support to go to the day centre", "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"text", "findings"} and result["text"] == "Support to go to the day centre"
    assert "solution-embedded" in [f["code"] for f in result["findings"]]
    assert all(set(f) == {"code", "message", "suggestion"} for f in result["findings"])


def test_outcome_text_output():
    assert pcsp("outcome", "I see my daughter at least once a month") == (
        0, "No problems found with this outcome.\n", "")
    code, out, _ = pcsp("outcome", "Support to go to the day centre")
    assert out.startswith("solution-embedded: ") and "\n  Ask: " in out


@pytest.mark.parametrize("kind", ["plan", "self-assessment"])
def test_new_prints_a_valid_empty_document(kind, tmp_path):
    code, out, err = pcsp("new", kind)
    assert code == 0
    (tmp_path / "new.json").write_text(out)
    code, result = check_json(tmp_path / "new.json")
    assert result["files"][0]["valid"] is True and result["files"][0]["kind"] == kind


@pytest.mark.parametrize("argv, words", [
    ([], "the following arguments are required: command"),
    (["check"], "the following arguments are required: PATH"),
    (["new", "letter"], "invalid choice: 'letter'"),
    (["check", "--format", "xml", "x.json"], "invalid choice: 'xml'"),
    (["check", "--today", "tomorrow", "x.json"], "--today should be a date written as YYYY-MM-DD"),
])
def test_usage_errors_exit_2_with_a_message(argv, words):
    code, out, err = pcsp(*argv)
    assert code == 2 and out == "" and words in err


def test_python_dash_m_and_the_console_script_run_the_same_command():
    proc = subprocess.run([sys.executable, "-m", "pcsp_core", "check", str(EXAMPLES / "fails-criterion-1.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "does not count as a PCSP" in proc.stdout
    script = shutil.which("pcsp", path=str(Path(sys.executable).parent))
    assert script, "the pcsp console script is installed beside this Python (pip install -e .)"
    proc = subprocess.run([script, "new", "plan"], capture_output=True, text=True)
    assert proc.returncode == 0 and json.loads(proc.stdout)["kind"] == "plan"


def test_actions_prints_the_action_plan_as_csv_or_markdown(tmp_path):
    import csv

    code, out, _ = pcsp("actions", str(EXAMPLES / "team-baseline.json"))
    assert code == 0 and out.startswith('\ufeff"Foundation","Enabler","What we will do"')
    rows = list(csv.reader(io.StringIO(out[1:], newline="")))
    baseline = json.loads((EXAMPLES / "team-baseline.json").read_text(encoding="utf-8"))
    whats = [a["what"] for r in baseline["enablers"].values() for a in r.get("actions", [])]
    assert sorted(r[2] for r in rows[1:]) == sorted(whats)
    code, out, _ = pcsp("actions", "--format", "markdown", str(EXAMPLES / "team-baseline.json"))
    assert code == 0 and out.startswith("# Action plan: Frailty pathway, Northbridge PCN\n")
    target = tmp_path / "plan.csv"
    code, out, _ = pcsp("actions", "-o", str(target), str(EXAMPLES / "team-baseline.json"))
    assert code == 0 and out == ""
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == len(whats) + 1 and b"\r\r" not in raw


def test_actions_refuses_anything_but_a_usable_self_assessment(tmp_path):
    code, out, err = pcsp("actions", str(EXAMPLES / "cecilia-plan.json"))
    assert code == 2 and out == "" and "not a self-assessment" in err
    code, _, err = pcsp("actions", str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err


# --- safe to run on files you did not write ----------------------------------------

ESCAPES = ["\x1b]0;owned\x07", "\x1b[2J", "\x9b31m", "\x85", "\x7f", "line\nbreak\rreturn"]


@pytest.mark.parametrize("nasty", ESCAPES)
def test_text_from_a_file_reaches_the_terminal_as_escapes(nasty, tmp_path):
    plan = json.loads((EXAMPLES / "fails-criterion-3.json").read_text(encoding="utf-8"))
    plan["outcomes"][0]["in_my_words"] = f"Walk {nasty} to the shop"
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    (tmp_path / f"name{nasty.splitlines()[0]}.json").write_text(json.dumps({"kind": f"pl{nasty}an"}), encoding="utf-8")
    for argv in (["check", str(tmp_path)], ["check", "--quiet", str(tmp_path)]):
        code, out, err = pcsp(*argv)
        assert code == 2
        assert not any(0 <= ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in out + err), repr(out)
        assert "\\x" in out  # shown, not dropped: the person can see something odd is in the file
    code, out, err = pcsp("check", "--format", "json", str(tmp_path))
    assert not any(0 <= ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in out.rstrip("\n"))
    report = json.loads(out)  # the escapes are JSON's, so the values read back exactly
    assert any(f"pl{nasty}an" in e["message"] for f in report["files"] for e in f["errors"])


def test_actions_into_a_pipe_are_the_page_s_bytes_and_on_a_terminal_are_escaped(tmp_path):
    doc = json.loads((EXAMPLES / "team-baseline.json").read_text(encoding="utf-8"))
    first = next(r for r in doc["enablers"].values() if r.get("actions"))
    first["actions"][0]["what"] = "Clear \x1b[2J the screen"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, piped, _ = pcsp("actions", str(path))
    assert code == 0 and "\x1b[2J" in piped and piped.count("\r\n") > 1

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    assert run(["actions", str(path)], terminal, io.StringIO()) == 0
    shown = terminal.getvalue()
    assert "\x1b" not in shown and "\\x1b[2J" in shown and shown.count("\r\n") == piped.count("\r\n")


def test_a_folder_check_always_finishes_with_its_report(tmp_path, monkeypatch):
    from pcsp_core import checker

    for name in ("a.json", "b.json", "c.json"):
        shutil.copy(EXAMPLES / "cecilia-plan.json", tmp_path / name)
    real = checker.evaluate_plan

    def surprise(doc, today=None):
        if doc["person"].get("name") == "Surprise":
            raise KeyError("an unexpected shape")
        return real(doc, today)

    plan = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    plan["person"]["name"] = "Surprise"
    (tmp_path / "b.json").write_text(json.dumps(plan), encoding="utf-8")
    monkeypatch.setattr(checker, "evaluate_plan", surprise)
    code, result = check_json(tmp_path)
    assert code == 2
    assert [f["valid"] for f in result["files"]] == [True, False, True]
    assert "could not be checked" in result["files"][1]["errors"][0]["message"]
    assert result["summary"]["files"] == 3


def test_an_action_plan_that_cannot_be_written_is_reported_not_a_traceback(tmp_path):
    code, out, err = pcsp("actions", "-o", str(tmp_path / "no-such-folder" / "a.csv"),
                          str(EXAMPLES / "team-baseline.json"))
    assert code == 2 and "could not be written" in err


def test_the_json_report_meets_its_schema_and_nests_no_deeper_than_it_says(tmp_path):
    from jsonschema import Draft202012Validator, FormatChecker

    from pcsp_core import resources
    from pcsp_core.documents import REPORT_DEPTH, depth_of

    (tmp_path / "notes.json").write_text("not json", encoding="utf-8")
    code, result = check_json(EXAMPLES, tmp_path / "notes.json", tmp_path / "missing.json")
    assert code == 2
    schema = resources.schema("check-report")
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(result)) == []
    kinds = {r["kind"] for r in result["files"]}
    assert {"plan", "self-assessment", "implementation-checklist", None} <= kinds  # every shape a file's report takes
    assert depth_of(result) <= REPORT_DEPTH


def test_a_report_given_to_pcsp_check_is_named_for_what_it_is(tmp_path):
    _, out, _ = pcsp("check", "--format", "json", "--today", "2026-11-24", str(EXAMPLES / "cecilia-plan.json"))
    (tmp_path / "report.json").write_text(out, encoding="utf-8")
    code, out, err = pcsp("check", str(tmp_path / "report.json"))
    assert code == 2 and err == ""
    assert "This file is a report from pcsp check, not a plan or assessment." in out
    assert "Check our plans" in out
    code, result = check_json(tmp_path / "report.json")
    assert result["files"][0]["kind"] is None and result["files"][0]["errors"][0]["path"] == "/kind"
