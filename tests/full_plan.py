"""A plan with every field the schema has filled in, made from the schema itself (so a new field
is filled without a word here): for round trips that must carry everything."""

from __future__ import annotations

from typing import Any

from pcsp_core import resources
from pcsp_core.schema_walk import resolve

# Words that catch what careless handling breaks: markup, quotes, an ampersand, non-ASCII, a line break.
WORDS = 'Zoë’s “plan” <b>&amp;</b> 10 > 9 & 1 < 2 —\nsecond line 🌱'


def _value(root: dict[str, Any], spec: dict[str, Any], path: str) -> Any:
    spec = resolve(root, spec)
    if "const" in spec:
        return spec["const"]
    if "enum" in spec:
        return spec["enum"][-1]
    if "oneOf" in spec and all("const" in branch for branch in spec["oneOf"]):
        return spec["oneOf"][-1]["const"]
    kind = spec.get("type")
    if kind == "object":
        return {key: _value(root, child, f"{path}/{key}") for key, child in spec.get("properties", {}).items()}
    if kind == "array":
        return [_value(root, spec["items"], f"{path}/{n}") for n in range(2)]
    if kind == "boolean":
        return True
    if kind in ("number", "integer"):
        return 1250
    if spec.get("format") == "date":
        return "2027-03-31"
    if spec.get("pattern", "").startswith("^[A-Za-z0-9_-]"):  # an id
        return "x1"
    if spec.get("pattern", "").startswith("^[0-9]{3}"):
        return "943 476 5919"
    return f"{path.strip('/')}: {WORDS}" if spec.get("maxLength", 0) > 2000 else f"{path.strip('/')} {WORDS[:40]}"


def full_plan() -> dict[str, Any]:
    root = resources.schema("plan")
    plan = _value(root, root, "")
    # Links between items must point at items that exist, and the share choice must name real parts.
    for n, item in enumerate(plan["about_me"]["what_is_important_to_me"]):
        item["id"] = f"m{n}"
    for n, item in enumerate(plan["not_working"] + plan["working"]):
        item["id"] = f"w{n}"
    for n, outcome in enumerate(plan["outcomes"]):
        outcome["id"], outcome["answers"] = f"o{n}", ["m0"]
    for n, action in enumerate(plan["actions"]):
        action["id"], action["outcome"] = f"a{n}", "o0"
    for line in plan["personal_health_budget"]["lines"]:
        line["outcome"] = "o0"
    for review in plan["review"]["history"]:
        for progress in review["outcome_progress"]:
            progress["outcome"] = "o0"
    plan["share_choice"] = {"scope": "all"}
    return plan
