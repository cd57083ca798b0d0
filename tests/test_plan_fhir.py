"""The plan as a FHIR R4 Bundle: valid as fhir.resources' R4B models read it, only the shared
parts, every reference inside the Bundle, and the person's words and contacts all there to read back."""

from __future__ import annotations

import copy
import json
import re

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given, settings
from hypothesis import strategies as st

from pcsp_core import resources, sharing
from pcsp_core.documents import open_document, validate
from pcsp_core.plan_fhir import CARRIED, CONTACT_SEPARATOR, PLAN_CATEGORY, field_title, plan_fhir
from pcsp_core.schema_walk import resolve

from conftest import EXAMPLES, ROOT
from test_sharing import export

TODAY = "2026-11-28"
ALL = {"scope": "all"}
CECILIA = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))


def opened(path) -> dict:
    result = open_document(path.read_bytes())
    assert result["valid"], path
    return result["document"]


# Every example plan, and the calibration set's 40 realistic ones, opened as the tool opens them
# (an older format migrates).
PLAN_FILES = [p for p in sorted(EXAMPLES.glob("*.json"))
              if json.loads(p.read_text(encoding="utf-8")).get("kind") == "plan"]
PLAN_FILES += sorted(p for p in (ROOT / "tests" / "calibration").glob("*.json")
                     if not p.name.endswith(".expected.json"))

# The codes each element may hold, as the R4 specification lists them: a second source, so a typo
# in the module's tables fails here (fhir.resources checks a code's form, not its value set).
# http://hl7.org/fhir/R4/valueset-request-status.html
REQUEST_STATUS = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
# http://hl7.org/fhir/R4/valueset-care-plan-intent.html
CARE_PLAN_INTENT = {"proposal", "plan", "order", "option"}
# http://hl7.org/fhir/R4/valueset-care-plan-activity-status.html
ACTIVITY_STATUS = {"not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled", "stopped",
                   "unknown", "entered-in-error"}
# http://hl7.org/fhir/R4/valueset-goal-status.html
GOAL_STATUS = {"proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled",
               "entered-in-error", "rejected"}
# http://hl7.org/fhir/R4/codesystem-goal-achievement.html
GOAL_ACHIEVEMENT = {"in-progress", "improving", "worsening", "no-change", "achieved", "sustaining",
                    "not-achieved", "no-progress", "not-attainable"}
# The contract: our action status → the activity's.
ACTION_STATUS = {"to-do": "not-started", "doing": "in-progress", "done": "completed", "stopped": "stopped"}


def walk(value, path=""):
    """Every (path, value) in parsed JSON."""
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from walk(child, f"{path}/{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk(child, f"{path}/{index}")


def checked(text: str) -> dict:
    """The Bundle, after every check a care record system's validator would make that the models do not."""
    model = Bundle.model_validate_json(text)
    bundle = json.loads(text)
    assert model.type == "collection" and len(model.entry) == len(bundle["entry"])
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    for entry, parsed in zip(bundle["entry"], model.entry):
        resource = entry["resource"]
        cls = get_fhir_model_class(resource["resourceType"])
        cls.model_validate(resource)
        assert isinstance(parsed.resource, cls)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    for path, value in walk(bundle):
        assert value not in ({}, [], "", None), f"ele-1: {path} is empty"
        if path.endswith("/reference"):
            assert value in urls, f"{path}: {value} is not in the Bundle"
        assert not path.endswith("/telecom"), "cpt-2: a ContactPoint needs a system our words do not have"
    for resource in (entry["resource"] for entry in bundle["entry"]):
        kind = resource["resourceType"]
        if kind == "CarePlan":
            assert resource["status"] in REQUEST_STATUS and resource["intent"] in CARE_PLAN_INTENT
            for activity in resource.get("activity", []):
                assert activity["detail"]["status"] in ACTIVITY_STATUS and "reference" not in activity  # cpl-3
            period = resource.get("period", {})
            assert period.get("start", "") <= period.get("end", "9999")  # per-1
        if kind == "Goal":
            assert resource["lifecycleStatus"] in GOAL_STATUS
            for coding in resource.get("achievementStatus", {}).get("coding", []):
                assert coding["code"] in GOAL_ACHIEVEMENT
            assert all(set(target) == {"dueDate"} for target in resource.get("target", []))  # gol-1
    return bundle


def resources_of(bundle: dict, kind: str) -> list[dict]:
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.stem for p in PLAN_FILES])
@pytest.mark.parametrize("choice", [None, ALL], ids=["summary", "all"])
def test_every_plan_is_a_valid_bundle_whose_references_all_resolve_inside_it(path, choice):
    bundle = checked(plan_fhir(opened(path), TODAY, choice))
    assert bundle["resourceType"] == "Bundle" and bundle["timestamp"] == f"{TODAY}T00:00:00Z"
    [care_plan] = resources_of(bundle, "CarePlan")
    [patient] = resources_of(bundle, "Patient")
    # UK Core CarePlan's must-support elements.
    assert care_plan["status"] == "active" and care_plan["intent"] == "plan"
    assert care_plan["category"] == [PLAN_CATEGORY]
    assert care_plan["subject"]["reference"] == f"urn:uuid:{patient['id']}"
    goals = {f"urn:uuid:{goal['id']}" for goal in resources_of(bundle, "Goal")}
    assert {ref["reference"] for ref in care_plan.get("goal", [])} == goals
    assert [ref["reference"] for ref in care_plan.get("careTeam", [])] == [
        f"urn:uuid:{team['id']}" for team in resources_of(bundle, "CareTeam")]


def test_the_category_is_the_care_plan_concept_named_in_words():
    # SNOMED CT 734163000 |Care plan (record artifact)|, the root of R4's care-plan-category value set.
    assert PLAN_CATEGORY["coding"] == [{"system": "http://snomed.info/sct", "code": "734163000",
                                        "display": "Care plan"}]
    assert PLAN_CATEGORY["text"] == "Personalised care and support plan"


# --- reading the plan back from the Bundle alone --------------------------------------------------

def words(value):
    return value.strip() or None if isinstance(value, str) else None


def kept(entry: dict) -> dict:
    return {key: value for key, value in entry.items() if value is not None}


def read_back(text: str) -> dict:
    """What someone with only the Bundle can read of the plan, by the mapping the module documents."""
    bundle = json.loads(text)
    by_url = {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}
    [care_plan] = resources_of(bundle, "CarePlan")
    [patient] = resources_of(bundle, "Patient")
    patient_url = f"urn:uuid:{patient['id']}"
    outcome_id = {url: goal["identifier"][0]["value"] for url, goal in by_url.items() if goal["resourceType"] == "Goal"}
    back: dict = {"person": {}, "outcomes": [], "actions": [], "people_involved": [], "important_people": [],
                  "conditions": []}
    for name in patient.get("name", []):
        back["person"]["preferred_name" if name.get("use") == "usual" else "name"] = name["text"]
    for identifier in patient.get("identifier", []):
        assert identifier["system"] == "https://fhir.nhs.uk/Id/nhs-number"
        back["person"]["nhs_number"] = identifier["value"]
    for ref in care_plan.get("goal", []):
        goal = by_url[ref["reference"]]
        back["outcomes"].append(kept({"id": goal["identifier"][0]["value"], "in_my_words": goal["description"]["text"],
                                      "by_when": goal.get("target", [{}])[0].get("dueDate")}))
    statuses = {fhir: ours for ours, fhir in ACTION_STATUS.items()}
    for activity in care_plan.get("activity", []):
        detail = activity["detail"]
        performer = detail.get("performer", [{}])[0]
        who = ("me" if performer.get("reference") == patient_url
               else "family-and-friends" if performer.get("type") == "RelatedPerson" else None)
        back["actions"].append(kept({
            "what": detail.get("description"), "who": who, "who_exactly": performer.get("display"),
            "when": detail.get("scheduledString"), "status": statuses.get(detail["status"]),
            "outcome": outcome_id[detail["goal"][0]["reference"]] if "goal" in detail else None}))
    coordinator_role = field_title("coordinator")
    for team in resources_of(bundle, "CareTeam"):
        notes = [note["text"] for note in team.get("note", [])]
        contact_title = f"{field_title('people_involved', 'contact')}: "
        for participant in team.get("participant", []):
            name = participant.get("member", {}).get("display")
            roles = [role["text"] for role in participant.get("role", [])]
            label = f"{name} ({', '.join(roles)})" if name and roles else name or ", ".join(roles)
            prefix = f"{label}{CONTACT_SEPARATOR}{contact_title}"
            contact = next((note for note in notes if note.startswith(prefix)), None)
            if contact is not None:
                notes.remove(contact)
                contact = contact[len(prefix):]
            if roles[:1] == [coordinator_role]:
                back["coordinator"] = kept({"name": name, "role": roles[1] if len(roles) > 1 else None,
                                            "contact": contact})
            else:
                back["people_involved"].append(kept({"name": name, "role": roles[0] if roles else None,
                                                     "contact": contact}))
        # Someone with a contact and no name or role has no participant: only their note.
        back["people_involved"] += [{"contact": note.removeprefix(contact_title)} for note in notes]
    for related in resources_of(bundle, "RelatedPerson"):
        back["important_people"].append(kept({"name": related.get("name", [{}])[0].get("text"),
                                              "relationship": related.get("relationship", [{}])[0].get("text")}))
    affects = f"{field_title('conditions', 'how_it_affects_me')}: "
    for condition in resources_of(bundle, "Condition"):
        back["conditions"].append(kept({"name": condition["code"]["text"],
                                        "how_it_affects_me": next((n["text"].removeprefix(affects)
                                                                   for n in condition.get("note", [])), None)}))
    return back


def as_written(plan: dict) -> dict:
    """The same, from the plan: the person's words trimmed at the ends, blanks left out."""
    person = plan.get("person", {})
    number = words(person.get("nhs_number"))
    want: dict = {"person": kept({"name": words(person.get("name")),
                                  "preferred_name": words(person.get("preferred_name")),
                                  "nhs_number": number.replace(" ", "") if number else None})}
    want["outcomes"] = [kept({"id": o["id"], "in_my_words": words(o.get("in_my_words")), "by_when": o.get("by_when")})
                        for o in plan.get("outcomes", []) if words(o.get("in_my_words"))]
    goals = {o["id"] for o in want["outcomes"]}
    want["actions"] = [kept({"what": words(a.get("what")),
                             "who": a.get("who") if a.get("who") in ("me", "family-and-friends") else None,
                             "who_exactly": words(a.get("who_exactly")), "when": words(a.get("when")),
                             "status": a.get("status"),
                             "outcome": a.get("outcome") if a.get("outcome") in goals else None})
                       for a in plan.get("actions", [])]
    contact = lambda p: kept({k: words(p.get(k)) for k in ("name", "role", "contact")})  # noqa: E731
    want["people_involved"] = [c for c in map(contact, plan.get("people_involved", [])) if c]
    if coordinator := contact(plan.get("coordinator", {})):
        want["coordinator"] = coordinator
    want["important_people"] = [c for c in (kept({k: words(p.get(k)) for k in ("name", "relationship")})
                                            for p in plan.get("important_people", [])) if c]
    want["conditions"] = [kept({k: words(c.get(k)) for k in ("name", "how_it_affects_me")})
                          for c in plan.get("conditions", []) if words(c.get("name"))]
    return want


def same(back: dict, want: dict) -> None:
    for key in ("people_involved",):  # a contact without a name or role has no place in the order
        back, want = {**back, key: sorted(back[key], key=json.dumps)}, {**want, key: sorted(want[key], key=json.dumps)}
    assert back == want


@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.stem for p in PLAN_FILES])
def test_every_outcome_action_and_contact_reads_back_from_the_bundle_alone(path):
    plan = opened(path)
    same(read_back(plan_fhir(plan, TODAY, ALL)), as_written(plan))


def test_cecilia_reads_back_in_full():
    back = read_back(plan_fhir(CECILIA, TODAY, ALL))
    assert [o["in_my_words"] for o in back["outcomes"]] == [o["in_my_words"] for o in CECILIA["outcomes"]]
    assert back["actions"][0] == {"what": CECILIA["actions"][0]["what"], "who_exactly": "District nursing team",
                                  "when": "By the end of December", "status": "doing", "outcome": "o1"}
    assert back["actions"][3]["who"] == "family-and-friends" and back["actions"][1]["who"] == "me"
    assert back["coordinator"] == CECILIA["coordinator"]
    assert {"name": "Ann", "role": "Care coordinator", "contact": "Through the GP practice"} in back["people_involved"]
    assert back["important_people"][0] == {"name": "My husband",
                                           "relationship": "Husband – we have been married for 36 years"}


def test_family_named_in_an_action_or_the_team_is_the_related_person_they_are():
    bundle = json.loads(plan_fhir(CECILIA, TODAY, ALL))
    [husband] = [f"urn:uuid:{r['id']}" for r in resources_of(bundle, "RelatedPerson")
                 if r["name"][0]["text"] == "My husband"]
    [care_plan] = resources_of(bundle, "CarePlan")
    [team] = resources_of(bundle, "CareTeam")
    assert {"reference": husband, "type": "RelatedPerson", "display": "My husband"} in [
        p for a in care_plan["activity"] for p in a["detail"].get("performer", [])]
    assert team["participant"][0]["member"] == {"reference": husband, "type": "RelatedPerson", "display": "My husband"}


def test_statuses_map_to_real_codes_and_only_honest_ones():
    plan = copy.deepcopy(CECILIA)
    for outcome, status in zip(plan["outcomes"], ["not-started", "in-progress", "achieved", "no-longer-needed"]):
        outcome["status"] = status
    del plan["outcomes"][4]["status"]
    for action, status in zip(plan["actions"], [*ACTION_STATUS, None]):
        action["status"] = status
    del plan["actions"][4]["status"]
    bundle = checked(plan_fhir(plan, TODAY, ALL))
    goals = resources_of(bundle, "Goal")
    assert [g["lifecycleStatus"] for g in goals] == ["planned", "active", "completed", "cancelled", "active"]
    assert [g.get("achievementStatus", {}).get("coding", [{}])[0].get("code") for g in goals] == [
        None, "in-progress", "achieved", None, None]
    [care_plan] = resources_of(bundle, "CarePlan")
    assert [a["detail"]["status"] for a in care_plan["activity"][:5]] == [*ACTION_STATUS.values(), "unknown"]


# --- only what the person chose --------------------------------------------------------------------

def holding(root: dict, spec: dict, marker: str):
    """The smallest value the schema accepts with `marker` as its words, or None when it holds no words."""
    spec = resolve(root, spec)
    if spec.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(spec):
        return marker
    if spec.get("type") == "array":
        inner = holding(root, spec["items"], marker)
        return None if inner is None else [inner]
    for key, child in (spec.get("properties") or {}).items():
        if (inner := holding(root, child, marker)) is not None:
            return {key: inner, **{name: filler(root, spec["properties"][name]) for name in spec.get("required", [])
                                   if name != key}}
    return None


def filler(root: dict, spec: dict):
    spec = resolve(root, spec)
    if "enum" in spec:
        return spec["enum"][0]
    return "2026-01-01" if spec.get("format") == "date" else "x1"


NOT_IN_SUMMARY = [p["id"] for p in sharing.parts() if not p["summary"] or p["private"]]


def marked() -> tuple[dict, dict[str, str]]:
    """Cecilia's plan with a word nobody writes in every part the summary leaves out."""
    root = resources.schema("plan")
    plan, markers = copy.deepcopy(CECILIA), {}
    for part in NOT_IN_SUMMARY:
        markers[part] = f"Zqx{part.replace('_', '')}"
        plan[part] = holding(root, root["properties"][part], markers[part])
        assert plan[part] is not None, part
    assert validate(plan, "plan") == []
    return plan, markers


def test_the_summary_leaves_out_every_part_it_does_not_take():
    plan, markers = marked()
    summary = plan_fhir(plan, TODAY)
    assert summary == plan_fhir(plan, TODAY, {"scope": "summary"})
    for part, marker in markers.items():
        assert marker not in summary, part
    assert resources_of(json.loads(summary), "Condition") == []  # conditions are not in the summary
    everything = plan_fhir(plan, TODAY, ALL)
    assert markers["conditions"] in everything
    [condition] = resources_of(checked(everything), "Condition")
    assert condition["code"] == {"text": markers["conditions"]}


def test_a_part_left_out_leaves_out_what_points_to_it():
    # Actions without their outcomes: no Goal, so no activity points to one.
    bundle = checked(plan_fhir(CECILIA, TODAY, {"scope": "sections", "sections": ["actions"]}))
    assert resources_of(bundle, "Goal") == [] and resources_of(bundle, "Patient")[0].keys() == {"resourceType", "id"}
    [care_plan] = resources_of(bundle, "CarePlan")
    assert len(care_plan["activity"]) == len(CECILIA["actions"]) and "goal" not in json.dumps(care_plan["activity"])
    assert care_plan["title"] == "My care and support plan"


def test_the_nhs_number_goes_as_its_identifier_only_when_its_check_digit_is_right():
    plan = copy.deepcopy(CECILIA)
    plan["person"].update(nhs_number="943 476 5919", date_of_birth="1948-02-14")
    [patient] = resources_of(checked(plan_fhir(plan, TODAY)), "Patient")
    assert patient["identifier"] == [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}]
    assert patient["birthDate"] == "1948-02-14"
    plan["person"]["nhs_number"] = "943 476 5918"
    [patient] = resources_of(checked(plan_fhir(plan, TODAY)), "Patient")
    assert "identifier" not in patient


def test_the_readme_names_every_part_the_export_does_not_carry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("What the FHIR export carries and what it does not", 1)[1].split("\n## ", 1)[0]
    section = " ".join(section.split())  # a title may wrap across lines
    ids = [p["id"] for p in sharing.parts()]
    assert set(CARRIED) <= set(ids)
    for part in sharing.parts():
        if part["id"] not in CARRIED:
            assert part["title"] in section, part["id"]


# --- the same bytes, everywhere, and the words exactly as typed ---------------------------------------

def test_the_same_plan_day_and_choice_give_the_same_bytes_and_ids_outlive_the_day():
    first = plan_fhir(CECILIA, TODAY, ALL)
    assert first == plan_fhir(copy.deepcopy(CECILIA), TODAY, ALL) and first.endswith("}\n")
    ids = lambda text: re.findall(r"urn:uuid:[0-9a-f-]{36}", text)  # noqa: E731
    assert ids(plan_fhir(CECILIA, "2027-01-01", ALL)) == ids(first)
    changed = copy.deepcopy(CECILIA)
    changed["outcomes"][0]["in_my_words"] += "!"
    assert not set(ids(plan_fhir(changed, TODAY, ALL))) & set(ids(first))


def test_pcsp_export_writes_what_plan_fhir_makes(tmp_path):
    path = str(EXAMPLES / "cecilia-plan.json")
    assert export("--format", "fhir", "--today", TODAY, path) == (0, plan_fhir(CECILIA, TODAY), "")
    target = tmp_path / "plan.fhir.json"
    assert export("--format", "fhir", "--sections", "all", "--today", TODAY, path, "-o", str(target))[0] == 0
    assert target.read_bytes() == plan_fhir(CECILIA, TODAY, ALL).encode("utf-8")


def test_the_browser_gets_the_same_text():
    from pcsp_core.bridge import call

    assert json.loads(call("plan_fhir", json.dumps([CECILIA, TODAY, ALL]))) == {
        "ok": True, "result": plan_fhir(CECILIA, TODAY, ALL)}
    assert json.loads(call("plan_fhir", json.dumps([CECILIA, "28/11/2026"])))["error"].startswith(
        "The date to make the file on should be written as YYYY-MM-DD")


TYPED = 'Ann <b>& "Bo"</b> \'O\'Neill\' Zoë 🌷 ünïcödé\nsecond line'


def test_markup_quotes_and_any_script_survive_exactly():
    plan = copy.deepcopy(CECILIA)
    plan["person"]["preferred_name"] = TYPED
    plan["outcomes"][0]["in_my_words"] = TYPED
    plan["actions"][0].update(what=TYPED, who_exactly=TYPED, when=TYPED)
    plan["people_involved"][1].update(name=TYPED, contact=TYPED)
    plan["important_people"][1]["relationship"] = TYPED
    plan["conditions"][0]["name"] = TYPED
    text = plan_fhir(plan, TODAY, ALL)
    assert "Zoë 🌷" in text  # UTF-8, not \u escapes
    same(read_back(text), as_written(plan))
    back = read_back(text)
    assert back["person"]["preferred_name"] == back["outcomes"][0]["in_my_words"] == back["actions"][0]["what"] == TYPED
    assert {"name": TYPED, "role": "GP", "contact": TYPED} in back["people_involved"]
    assert resources_of(checked(text), "CarePlan")[0]["title"] == f"{TYPED}’s care and support plan"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_words_make_a_valid_bundle_and_read_back(text):
    plan = copy.deepcopy(CECILIA)
    plan["outcomes"][1]["in_my_words"] = text
    plan["actions"][2].update(what=text, who_exactly=text, when=text)
    plan["coordinator"].update(name=text, contact=text)
    plan["important_people"][2]["name"] = text
    made = plan_fhir(plan, TODAY, ALL)
    checked(made)
    same(read_back(made), as_written(plan))
