"""A plan as one FHIR R4 Bundle (type "collection"), for a care record system.

It carries only the parts the person chose to share (sharing.shared: no choice means the
plan's own, else the summary), and their words exactly as typed (trimmed at the ends, as
plan_tree trims them). No code is made up: the only codes are the few FHIR and SNOMED CT
codes below, each with where it is defined; everything the person wrote goes as text.

    Patient        person: name (preferred_name as a second name, use "usual"), the NHS
                   number (only when its check digit is right), birthDate.
    CarePlan       status "active", intent "plan", category, title (plan_title), subject,
                   period (agreed or conversation date → next formal review), careTeam,
                   addresses (the Conditions), goal (every Goal), one activity per action,
                   and a note per "If things change" entry and for treatment escalation.
    activity       detail.description = what, detail.scheduledString = when, detail.status
                   from the action's status, detail.goal = the outcome's Goal, and
                   detail.performer: the Patient for "me"; for "family and friends" the
                   RelatedPerson of the important person with that name, or else a
                   Reference of type RelatedPerson; for "services" a Reference by name only.
                   The performer's display is always who_exactly.
    Goal           one per outcome that has words: description.text = in_my_words,
                   identifier.value = the outcome's id, target.dueDate = by_when,
                   expressedBy = the Patient (an outcome is the person's own words),
                   lifecycleStatus and achievementStatus from its status, and a note each
                   for where I am starting from, how I will know, each "agreed with", progress.
    CareTeam       one participant per person involved (member.display = name,
                   role[].text = role; member references the RelatedPerson of an important
                   person with the same name), then the named coordinator (first role "My
                   named coordinator", then their role). A participant has no place for a
                   contact in words, so each contact is a CareTeam note, in participant order:
                   "<name> (<roles>) — How to contact them: <contact>" (contact_note).
    RelatedPerson  one per important person: name, relationship.text, patient.
    Condition      one per recorded condition: code.text = the person's words, category
                   problem-list-item, subject, and how it affects them as a note.

README.md ("What the FHIR export carries and what it does not") lists what is left out.
The same plan, day and choice give the same bytes: every id is a name-based UUID made from
a hash of the shared parts (so it says nothing of the plan), and Bundle.timestamp is `today`
at midnight UTC.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

from . import resources
from .errors import PcspError
from .nhs_number import nhs_number_problem
from .plan_tree import plan_title
from .review import as_date
from .schema_walk import resolve
from .sharing import shared

SNOMED = "http://snomed.info/sct"
NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"  # NHS England's identifier system for the NHS number
# Every id is a UUID named inside this namespace (RFC 9562 name-based, SHA-1): made once from our URL.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pcsp.invalid/fhir")

# http://hl7.org/fhir/R4/valueset-request-status.html (CarePlan.status, required binding)
PLAN_STATUS = "active"
# http://hl7.org/fhir/R4/valueset-care-plan-intent.html (codes from http://hl7.org/fhir/request-intent)
PLAN_INTENT = "plan"
# SNOMED CT 734163000 |Care plan (record artifact)|: the root of CarePlan.category's value set,
# http://hl7.org/fhir/R4/valueset-care-plan-category.html ("is-a 734163000"). Nothing narrower:
# no concept for a personalised care and support plan could be confirmed, and a code is never guessed.
PLAN_CATEGORY = {"coding": [{"system": SNOMED, "code": "734163000", "display": "Care plan"}],
                 "text": "Personalised care and support plan"}

# Our action status → http://hl7.org/fhir/care-plan-activity-status
# (http://hl7.org/fhir/R4/valueset-care-plan-activity-status.html, required binding). An action
# with no status is "unknown": one of the others applies, but the plan does not say which.
ACTIVITY_STATUS = {"to-do": "not-started", "doing": "in-progress", "done": "completed", "stopped": "stopped"}
ACTIVITY_STATUS_UNKNOWN = "unknown"

# Our outcome status → Goal.lifecycleStatus, http://hl7.org/fhir/goal-status
# (http://hl7.org/fhir/R4/codesystem-goal-status.html): planned "A goal is planned for this
# patient", active "being sought actively", completed "no longer being sought", cancelled "The
# goal has been abandoned" (no longer needed). An outcome with no status is in the person's
# current plan: active.
GOAL_LIFECYCLE = {"not-started": "planned", "in-progress": "active", "achieved": "completed",
                  "no-longer-needed": "cancelled"}
GOAL_LIFECYCLE_DEFAULT = "active"
# … and → Goal.achievementStatus, http://terminology.hl7.org/CodeSystem/goal-achievement
# (http://hl7.org/fhir/R4/codesystem-goal-achievement.html), only where a code says the same:
# "not started" and "no longer needed" have none, so they carry no achievementStatus.
GOAL_ACHIEVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement"
GOAL_ACHIEVEMENT = {"in-progress": ("in-progress", "In Progress"), "achieved": ("achieved", "Achieved")}

# http://terminology.hl7.org/CodeSystem/condition-category (http://hl7.org/fhir/R4/codesystem-condition-category.html):
# "An item on a problem list that can be managed over time and can be expressed by a practitioner
# (e.g. physician, nurse), patient, or related person." No clinicalStatus: the plan does not say.
CONDITION_CATEGORY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                  "code": "problem-list-item", "display": "Problem List Item"}]}

# The plan's top-level parts this export carries (wholly or in part); README.md names the rest.
CARRIED = ("person", "outcomes", "actions", "contingency", "treatment_escalation", "coordinator",
           "people_involved", "important_people", "review", "conditions", "agreement", "conversation")
CONTACT_SEPARATOR = " — "  # between a participant's name and their contact, in a CareTeam note


def _text(value: Any) -> str | None:
    """The person's words, trimmed at the ends as plan_tree trims them; None when blank or not words."""
    return value.strip() or None if isinstance(value, str) else None


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def field_title(*path: str) -> str:
    """A field's title in the plan schema, e.g. field_title("contingency", "trigger"): the labels
    written beside the person's words are the ones the plan itself shows."""
    root = resources.schema("plan")
    spec: dict[str, Any] = root
    for key in path:
        spec = resolve(root, spec)
        if "items" in spec:
            spec = resolve(root, spec["items"])
        spec = resolve(root, spec["properties"][key])
    return spec["title"]


def _labelled(label: str, text: str) -> dict[str, str]:
    return {"text": f"{label}: {text}"}


def _ids(plan: dict[str, Any]) -> Callable[[str], str]:
    """Resource ids for this plan: the same shared parts give the same ids, other parts other ids."""
    canonical = json.dumps(plan, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return lambda key: str(uuid.uuid5(NAMESPACE, f"{digest}/{key}"))


def _reference(url: str, display: str | None = None) -> dict[str, str]:
    return {"reference": url, **({"display": display} if display else {})}


def _patient(plan: dict[str, Any]) -> dict[str, Any]:
    person = _object(plan.get("person"))
    patient: dict[str, Any] = {"resourceType": "Patient"}
    number = _text(person.get("nhs_number"))
    # A number whose check digit is wrong is no one's NHS number: a record system must not match on it.
    if number and nhs_number_problem(number) is None:
        patient["identifier"] = [{"system": NHS_NUMBER, "value": "".join(c for c in number if c.isdigit())}]
    names = []
    if name := _text(person.get("name")):
        names.append({"text": name})
    if preferred := _text(person.get("preferred_name")):
        names.append({"use": "usual", "text": preferred})
    if names:
        patient["name"] = names
    if born := as_date(person.get("date_of_birth")):
        patient["birthDate"] = born.isoformat()
    return patient


def _goal(outcome: dict[str, Any], words: str, patient: str) -> dict[str, Any]:
    status = outcome.get("status")
    goal: dict[str, Any] = {"resourceType": "Goal"}
    if outcome_id := _text(outcome.get("id")):
        goal["identifier"] = [{"value": outcome_id}]
    goal["lifecycleStatus"] = GOAL_LIFECYCLE.get(status, GOAL_LIFECYCLE_DEFAULT)
    if status in GOAL_ACHIEVEMENT:
        code, display = GOAL_ACHIEVEMENT[status]
        goal["achievementStatus"] = {"coding": [{"system": GOAL_ACHIEVEMENT_SYSTEM, "code": code, "display": display}]}
    goal["description"] = {"text": words}
    goal["subject"] = _reference(patient)
    # Only a due date: a target with a detail would need a coded measure (invariant gol-1).
    if due := as_date(outcome.get("by_when")):
        goal["target"] = [{"dueDate": due.isoformat()}]
    goal["expressedBy"] = _reference(patient)
    notes = []
    for key in ("starting_point", "how_i_will_know", "agreed_with", "progress"):
        values = outcome.get(key) if isinstance(outcome.get(key), list) else [outcome.get(key)]
        notes += [_labelled(field_title("outcomes", key), text) for text in map(_text, values) if text]
    if notes:
        goal["note"] = notes
    return goal


def _activity(action: dict[str, Any], patient: str, goals: dict[str, str],
              family: dict[str, str]) -> dict[str, Any]:
    detail: dict[str, Any] = {}
    if (outcome := _text(action.get("outcome"))) in goals:
        detail["goal"] = [_reference(goals[outcome])]
    detail["status"] = ACTIVITY_STATUS.get(action.get("status"), ACTIVITY_STATUS_UNKNOWN)
    if when := _text(action.get("when")):
        detail["scheduledString"] = when
    who, named = action.get("who"), _text(action.get("who_exactly"))
    performer: dict[str, str] = {}
    if who == "me":
        performer = _reference(patient)
    elif who == "family-and-friends":
        performer = {**({"reference": family[named]} if named in family else {}), "type": "RelatedPerson"}
    if named:
        performer["display"] = named
    if performer:
        detail["performer"] = [performer]
    if what := _text(action.get("what")):
        detail["description"] = what
    return {"detail": detail}


def _plan_notes(plan: dict[str, Any]) -> list[dict[str, str]]:
    """"If things change" and treatment escalation: FHIR R4's CarePlan has no place for a plan
    that only applies if something happens, so each goes as a note, labelled as the plan labels it."""
    notes = []
    for change in _items(plan.get("contingency")):
        lines = [f"{field_title('contingency', key)}: {text}"
                 for key in ("trigger", "what_should_happen", "who_to_contact") if (text := _text(change.get(key)))]
        if lines:
            notes.append({"text": "\n".join([field_title("contingency"), *lines])})
    if worse := _text(plan.get("treatment_escalation")):
        notes.append(_labelled(field_title("treatment_escalation"), worse))
    return notes


def _person(entry: Any) -> dict[str, str]:
    """A person involved or the coordinator, as their words: {"name", "role", "contact"}, blanks left out."""
    entry = _object(entry)
    return {key: text for key in ("name", "role", "contact") if (text := _text(entry.get(key)))}


def _care_team(plan: dict[str, Any], patient: str, family: dict[str, str]) -> dict[str, Any] | None:
    people = [(person, [person["role"]] if "role" in person else [])
              for person in map(_person, _items(plan.get("people_involved"))) if person]
    # The coordinator is a participant of their own, even when the plan lists them among the people
    # involved too, as it often does: the plan says it twice, and the Bundle says what the plan says.
    if coordinator := _person(plan.get("coordinator")):
        roles = [field_title("coordinator"), *([coordinator["role"]] if "role" in coordinator else [])]
        people.append((coordinator, roles))
    participants, notes = [], []
    for person, roles in people:
        participant: dict[str, Any] = {}
        if roles:
            participant["role"] = [{"text": role} for role in roles]
        if "name" in person:
            name = person["name"]
            participant["member"] = ({"reference": family[name], "type": "RelatedPerson", "display": name}
                                     if name in family else {"display": name})
        if participant:
            participants.append(participant)
        if "contact" in person:
            notes.append({"text": contact_note(person.get("name"), roles, person["contact"])})
    if not participants and not notes:
        return None
    team: dict[str, Any] = {"resourceType": "CareTeam", "name": field_title("people_involved"),
                            "subject": _reference(patient)}
    if participants:
        team["participant"] = participants
    if notes:
        team["note"] = notes
    return team


def contact_note(name: str | None, roles: list[str], contact: str) -> str:
    """A CareTeam note with one participant's contact: a participant has no place for a contact in
    words, and a ContactPoint needs a system (phone, email…) that words like "Through the GP
    practice" do not have. It names the participant as the team lists them:
    "Ann (Care coordinator) — How to contact them: Through the GP practice"."""
    label = f"{name} ({', '.join(roles)})" if name and roles else name or ", ".join(roles)
    said = f"{field_title('people_involved', 'contact')}: {contact}"
    return f"{label}{CONTACT_SEPARATOR}{said}" if label else said


def _related_person(person: dict[str, Any], patient: str) -> dict[str, Any] | None:
    name, relationship = _text(person.get("name")), _text(person.get("relationship"))
    if not name and not relationship:
        return None
    related: dict[str, Any] = {"resourceType": "RelatedPerson", "patient": _reference(patient)}
    if relationship:
        related["relationship"] = [{"text": relationship}]
    if name:
        related["name"] = [{"text": name}]
    return related


def _condition(condition: dict[str, Any], patient: str) -> dict[str, Any] | None:
    name, affects = _text(condition.get("name")), _text(condition.get("how_it_affects_me"))
    if not name:
        return None  # a Condition must say what it is; the person's words are its only code
    resource: dict[str, Any] = {"resourceType": "Condition", "category": [CONDITION_CATEGORY],
                                "code": {"text": name}, "subject": _reference(patient)}
    if affects:
        resource["note"] = [_labelled(field_title("conditions", "how_it_affects_me"), affects)]
    return resource


def _period(plan: dict[str, Any]) -> dict[str, str]:
    start = as_date(_object(plan.get("agreement")).get("date_agreed")) or as_date(
        _object(plan.get("conversation")).get("date"))
    end = as_date(_object(plan.get("review")).get("next_formal_review"))
    period = {}
    if start:
        period["start"] = start.isoformat()
    if end and (start is None or end >= start):  # per-1: a period cannot end before it starts
        period["end"] = end.isoformat()
    return period


def _care_plan(plan: dict[str, Any], patient: str, goals: list[str], team: str | None, conditions: list[str],
               activities: list[dict[str, Any]]) -> dict[str, Any]:
    care_plan: dict[str, Any] = {"resourceType": "CarePlan", "status": PLAN_STATUS, "intent": PLAN_INTENT,
                                 "category": [PLAN_CATEGORY], "title": plan_title(plan),
                                 "subject": _reference(patient)}
    if period := _period(plan):
        care_plan["period"] = period
    if team:
        care_plan["careTeam"] = [_reference(team)]
    if conditions:
        care_plan["addresses"] = [_reference(url) for url in conditions]
    if goals:
        care_plan["goal"] = [_reference(url) for url in goals]
    if activities:
        care_plan["activity"] = activities
    if notes := _plan_notes(plan):
        care_plan["note"] = notes
    return care_plan


def plan_fhir(plan: dict[str, Any], today: str, choice: dict[str, Any] | None = None) -> str:
    """The chosen parts of `plan` (no choice: the plan's own, else the summary) as a FHIR R4
    Bundle of type collection, in JSON, made on `today` (YYYY-MM-DD)."""
    try:
        made = datetime.date.fromisoformat(today)
    except (TypeError, ValueError):
        raise PcspError(f"The date to make the file on should be written as YYYY-MM-DD, not “{today}”.") from None
    plan = shared(plan, choice)
    new_id = _ids(plan)
    made_resources: list[tuple[str, dict[str, Any]]] = []  # (key, resource), in the Bundle's order

    def url(key: str) -> str:
        return f"urn:uuid:{new_id(key)}"

    patient = url("Patient")
    goals: dict[str, str] = {}  # outcome id → its Goal
    goal_urls = []
    for index, outcome in enumerate(_items(plan.get("outcomes"))):
        if words := _text(outcome.get("in_my_words")):  # a Goal must say what it is
            made_resources.append((key := f"Goal/{index}", _goal(outcome, words, patient)))
            goal_urls.append(url(key))
            if outcome_id := _text(outcome.get("id")):
                goals.setdefault(outcome_id, url(key))
    family: dict[str, str] = {}  # an important person's name → their RelatedPerson
    for index, person in enumerate(_items(plan.get("important_people"))):
        if related := _related_person(person, patient):
            made_resources.append((key := f"RelatedPerson/{index}", related))
            if name := _text(person.get("name")):
                family.setdefault(name, url(key))
    if team := _care_team(plan, patient, family):
        made_resources.append(("CareTeam", team))
    condition_urls = []
    for index, condition in enumerate(_items(plan.get("conditions"))):
        if resource := _condition(condition, patient):
            made_resources.append((key := f"Condition/{index}", resource))
            condition_urls.append(url(key))
    activities = [_activity(action, patient, goals, family) for action in _items(plan.get("actions"))]
    care_plan = _care_plan(plan, patient, goal_urls, url("CareTeam") if team else None, condition_urls, activities)

    entries = []
    for key, resource in [("Patient", _patient(plan)), ("CarePlan", care_plan), *made_resources]:
        resource_id = new_id(key)
        entries.append({"fullUrl": f"urn:uuid:{resource_id}",
                        "resource": {"resourceType": resource.pop("resourceType"), "id": resource_id, **resource}})
    bundle = {"resourceType": "Bundle", "id": new_id("Bundle"), "type": "collection",
              "timestamp": f"{made.isoformat()}T00:00:00Z", "entry": entries}
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
