"""The self-assessment form's hints, made from the maturity matrix itself.

pcsp_guide/forms/self-assessment.json holds what is not in the framework: labels for
the fields about the assessment, and one template of hints for an enabler's
fields (written with ``{enabler}``). This module adds a section per foundation,
with its "I" and "We" statements as checklists and each enabler as a group
whose level choices are the framework's 4 levels with their descriptions, all
read from pcsp_core's quoted data, so nothing is retyped here. An action's
status words come from pcsp_core's wording, as the CSV and the summary use them.
"""

from __future__ import annotations

import copy

from pcsp_guide.forms import load_hints
from pcsp_core import resources

ENABLER = "{enabler}"


def hints() -> dict:
    base = load_hints("self-assessment")
    words = base.pop("foundation")
    templates = base.pop("enabler_fields")
    matrix = resources.framework("maturity")
    levels = matrix["levels"]
    fields = base["fields"]
    for foundation in matrix["foundations"]:
        section_fields: list = []
        for key, legend in (("i_statements", words["i_legend"]), ("we_statements", words["we_legend"])):
            pointers = [f"/statements/{s['id']}" for s in foundation[key]]
            section_fields.append({"legend": legend, "help": words["statements_help"], "fields": pointers})
            for statement, pointer in zip(foundation[key], pointers):
                fields[pointer] = {"widget": "checkbox", "label": statement["text"]}
        for enabler in foundation["enablers"]:
            pointer = f"/enablers/{enabler['id']}"
            section_fields.append(pointer)
            fields[pointer] = {"group": True, "label": f"{enabler['letter']}. {enabler['text']}",
                               "help": words["enabler_help"], "order": ["level", "evidence", "actions"]}
            for template, hint in templates.items():
                hint = copy.deepcopy(hint)
                if template.endswith("/level"):
                    not_assessed = hint.pop("not_assessed")
                    hint["options"] = {**{str(lv["level"]): f"{lv['level']} {lv['name']}" for lv in levels},
                                       "not-assessed": not_assessed}
                    hint["option_help"] = {str(lv["level"]): lv["description"] for lv in levels}
                elif template.endswith("/actions/{i}/status"):
                    hint["options"] = dict(resources.wording("words")["action_status"])
                fields[template.replace(ENABLER, enabler["id"])] = hint
        base["sections"].append({"id": foundation["id"], "title": foundation["title"], "fields": section_fields})
    return base
