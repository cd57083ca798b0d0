"""The implementation checklist: its schema follows the Year of Care data, and progress is counted right."""

import json

import pytest

from pcsp_core import checklist_progress, new_document, open_document, resources, validate
from pcsp_core.bridge import call
from pcsp_core.implementation import STATUSES

from conftest import EXAMPLES

YOC = resources.framework("year_of_care")
ACTIVITIES = [a["id"] for stage in YOC["stages"] for a in stage["activities"]]
COMPONENTS = [c["id"] for part in YOC["house"] for c in part["components"]]
SCHEMA = resources.schema("implementation-checklist")


def test_the_schema_names_exactly_the_framework_items_in_their_order():
    assert SCHEMA["$defs"]["activity_id"]["enum"] == ACTIVITIES
    assert SCHEMA["$defs"]["component_id"]["enum"] == COMPONENTS
    assert (len(ACTIVITIES), len(COMPONENTS)) == (17, 15)


def test_the_schema_statuses_are_the_ones_counted():
    assert SCHEMA["$defs"]["item"]["properties"]["status"]["enum"] == list(STATUSES)


def test_an_item_of_another_list_is_refused_with_a_plain_message():
    doc = new_document("implementation-checklist")
    doc["activities"] = {"left-wall.1": {"status": "done"}}
    doc["house"] = {"roof.1": {"status": "finished"}}
    assert validate(doc) == [
        {"path": "/activities", "message": "“left-wall.1” is not one of the framework's items: check the spelling "
                                           "or remove it."},
        {"path": "/house/roof.1/status", "message": "“Status” is “finished”; it should be one of “not-started”, "
                                                    "“in-progress”, “done”, “not-applicable”."},
    ]


def test_an_empty_checklist_has_everything_still_to_do():
    result = checklist_progress(new_document("implementation-checklist"))
    assert result["overall"] == {"counts": {"not-started": 32, "in-progress": 0, "done": 0, "not-applicable": 0},
                                 "done": 0, "applicable": 32, "total": 32}
    assert [(s["id"], s["number"], s["total"]) for s in result["stages"]] == [
        ("set-up", 1, 3), ("implementation", 2, 6), ("maintenance", 3, 8)]
    assert [(p["id"], p["part"], p["total"]) for p in result["house"]] == [
        ("left-wall", "Left wall", 3), ("right-wall", "Right wall", 4), ("roof", "Roof", 5), ("floor", "Floor", 3)]
    assert [s["id"] for s in result["next_steps"]] == ["set-up.a", "set-up.b", "set-up.c", "implementation.1",
                                                       "implementation.2"]
    assert result["next_steps"][0] == {"id": "set-up.a", "text": "Set up a steering group",
                                       "where": "Stage 1: Set up", "status": "not-started", "owner": None,
                                       "due": None}


def test_counts_worked_by_hand():
    doc = new_document("implementation-checklist")
    doc["activities"] = {
        "set-up.a": {"status": "done"}, "set-up.b": {"status": "not-applicable"}, "set-up.c": {"status": "done"},
        "implementation.1": {"status": "in-progress", "owner": "Priya", "due": "2027-01-31"},
        "implementation.2": {"owner": "Tom"},  # no status yet: not started
        "maintenance.8": {"status": "not-applicable"},
    }
    doc["house"] = {"roof.2": {"status": "done"}, "floor.3": {"status": "in-progress"},
                    "left-wall.1": {"status": "not-started"}}
    result = checklist_progress(doc)
    # 32 items: 3 done, 2 in progress, 2 not applicable, so 25 not started and 30 apply.
    assert result["overall"] == {"counts": {"not-started": 25, "in-progress": 2, "done": 3, "not-applicable": 2},
                                 "done": 3, "applicable": 30, "total": 32}
    stages = {s["id"]: s for s in result["stages"]}
    assert stages["set-up"]["counts"] == {"not-started": 0, "in-progress": 0, "done": 2, "not-applicable": 1}
    assert (stages["set-up"]["done"], stages["set-up"]["applicable"]) == (2, 2)
    assert stages["implementation"]["counts"] == {"not-started": 5, "in-progress": 1, "done": 0, "not-applicable": 0}
    assert (stages["maintenance"]["done"], stages["maintenance"]["applicable"], stages["maintenance"]["total"]) == (0, 7, 8)
    parts = {p["id"]: p for p in result["house"]}
    assert (parts["roof"]["done"], parts["roof"]["applicable"]) == (1, 5)
    assert parts["floor"]["counts"]["in-progress"] == 1
    assert parts["left-wall"]["counts"]["not-started"] == 3
    # Stage 1 is finished or does not apply, so the next steps start in stage 2.
    assert [(s["id"], s["status"], s["owner"]) for s in result["next_steps"]] == [
        ("implementation.1", "in-progress", "Priya"), ("implementation.2", "not-started", "Tom"),
        ("implementation.3", "not-started", None), ("implementation.4", "not-started", None),
        ("implementation.5", "not-started", None)]
    assert result["next_steps"][0]["due"] == "2027-01-31"


def test_next_steps_run_on_into_the_house_and_stop_when_all_is_done():
    doc = new_document("implementation-checklist")
    doc["activities"] = {i: {"status": "done"} for i in ACTIVITIES}
    doc["house"] = {i: {"status": "done"} for i in COMPONENTS[:-2]}
    steps = checklist_progress(doc, limit=3)["next_steps"]
    assert [s["id"] for s in steps] == ["floor.2", "floor.3"]
    assert steps[0]["where"] == ("The House, floor: Responsive commissioning (activities across the locality "
                                 "including more than medicine)")
    doc["house"] |= {"floor.2": {"status": "done"}, "floor.3": {"status": "not-applicable"}}
    result = checklist_progress(doc)
    assert result["next_steps"] == []
    assert (result["overall"]["done"], result["overall"]["applicable"]) == (31, 31)


def test_the_example_opens_and_is_part_way_through():
    raw = (EXAMPLES / "implementation-checklist-example.json").read_bytes()
    opened = open_document(raw, expect="implementation-checklist")
    assert opened["valid"], opened["errors"]
    overall = checklist_progress(opened["document"])["overall"]
    assert (overall["done"], overall["applicable"], overall["counts"]["in-progress"]) == (6, 31, 8)


def test_progress_crosses_the_bridge_as_plain_json():
    doc = json.loads((EXAMPLES / "implementation-checklist-example.json").read_text(encoding="utf-8"))
    answer = json.loads(call("checklist_progress", json.dumps([doc])))
    assert answer == {"ok": True, "result": json.loads(json.dumps(checklist_progress(doc)))}


@pytest.mark.parametrize("doc", [{}, {"activities": []}, {"activities": {"set-up.a": "done"}},
                                 {"house": {"roof.1": {"status": 3}}}])
def test_odd_shapes_count_as_not_started_rather_than_raise(doc):
    assert checklist_progress(doc)["overall"]["counts"]["not-started"] == 32
