"""The `pcsp-plan-example` fence: a worked example of a whole plan, judged at build time.

    ```pcsp-plan-example
    file: examples/cecilia-plan.json
    expect: counts
    ```

The body is a plan (JSON, or YAML), or options: `file` (a plan file, relative to the
folder the site is built from) or `plan` (the plan itself), and optionally `expect`,
what the example should show: `counts`, `does-not-count`, or
`{counts: false, criteria: {"4": not-met}}`.

At build time the plan is opened and judged by pcsp_core. A file that cannot be opened,
or a verdict other than the one expected, stops the build with the page and the line, so
a rules change that turns a good example bad never teaches learners something false.

On the page the example is a card that reads without Python: who it is, what matters,
the outcomes and actions, and the verdict on each criterion. plan-example.js adds
"Try changing it" (the texts become editable and the verdict follows) and "Download
this example" (a plan file that My plan opens).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from pcsp_core import documents, evaluate_plan, resources
from pcsp_guide.widget import OPTIONS as TAKES_OPTIONS, Context, Fence, FenceError, tool_data, yaml_body

OPTIONS = {"file", "plan", "expect"}
VERDICTS = ("met", "partly", "not-met")


def _read_body(source: str, options: dict[str, Any]) -> dict[str, Any]:
    body = yaml_body(source, "the example is neither JSON nor YAML")
    if not isinstance(body, dict):
        raise FenceError("the example's text should be a plan, or options such as “file: examples/plan.json”")
    if "kind" in body:  # the body is the plan itself
        body = {"plan": body}
    asked = {**body, **options}
    unknown = set(asked) - OPTIONS
    if unknown:
        raise FenceError(f"unknown option {sorted(unknown)}: the pcsp-plan-example fence takes "
                         f"{', '.join(sorted(OPTIONS))}")
    if ("file" in asked) == ("plan" in asked):
        raise FenceError("give the plan, or “file:” with the path of a plan file, but not both")
    return asked


def _raw(asked: dict[str, Any]) -> tuple[bytes, str]:
    if "plan" in asked:
        return json.dumps(asked["plan"], ensure_ascii=False).encode("utf-8"), "the plan in the fence"
    path = Path(str(asked["file"]))
    if not path.is_file():
        raise FenceError(f"there is no plan file “{asked['file']}” (paths are from the folder the site is "
                         f"built from, {Path.cwd()})")
    return path.read_bytes(), f"“{asked['file']}”"


def _expected(value: Any) -> dict[str, Any]:
    """expect, as {"counts": bool or None, "criteria": {"1": verdict, ...}}."""
    if value is None:
        return {"counts": None, "criteria": {}}
    if value in ("counts", "does-not-count"):
        return {"counts": value == "counts", "criteria": {}}
    if isinstance(value, dict) and set(value) <= {"counts", "criteria"}:
        criteria = {str(k): v for k, v in (value.get("criteria") or {}).items()}
        if value.get("counts") not in (None, True, False) or set(criteria) - set("12345") or \
                any(v not in VERDICTS for v in criteria.values()):
            raise FenceError(f"“expect: {value}” should give counts (true or false) and criteria 1 to 5 as "
                             f"{', '.join(VERDICTS)}")
        return {"counts": value.get("counts"), "criteria": criteria}
    raise FenceError(f"“expect: {value}” should be “counts”, “does-not-count”, or "
                     "{counts: false, criteria: {\"4\": not-met}}")


def judge(source: str, options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The example's plan and pcsp_core's verdict on it; FenceError when it cannot be used
    or differs from what it should show."""
    asked = _read_body(source, options)
    raw, where = _raw(asked)
    expect = _expected(asked.get("expect"))
    opened = documents.open_document(raw, "plan")
    if not opened["valid"]:
        problems = "; ".join(f"{e['path'] or 'the file'}: {e['message']}" for e in opened["errors"][:3])
        raise FenceError(f"{where} cannot be opened as a plan: {problems}")
    result = evaluate_plan(opened["document"])
    differs = []
    if expect["counts"] is not None and result["counts_as_pcsp"] != expect["counts"]:
        differs.append(f"it should {'count' if expect['counts'] else 'not count'} as a PCSP, but it "
                       f"{'does' if result['counts_as_pcsp'] else 'does not'}")
    for criterion in result["criteria"]:
        wanted = expect["criteria"].get(criterion["id"])
        if wanted is not None and wanted != criterion["verdict"]:
            codes = ", ".join(f["code"] for f in criterion["findings"][:4]) or "no findings"
            differs.append(f"criterion {criterion['id']} should be {wanted}, but is {criterion['verdict']} ({codes})")
    if differs:
        raise FenceError(f"{where} does not show what it should: " + "; ".join(differs))
    return opened["document"], result


def _texts(plan: dict[str, Any], field: str, pointer_of: Any, label_of: Any, items: list[Any]) -> str:
    rows = []
    for k, item in enumerate(items):
        text = item.get(field) if isinstance(item, dict) else None
        if isinstance(text, str) and text.strip():
            rows.append(f'<li class="pcsp-example-field" data-path="{escape(pointer_of(k))}" '
                        f'data-label="{escape(label_of(k))}"><span class="pcsp-example-text">{escape(text)}</span></li>')
    return "".join(rows)


def _card(plan: dict[str, Any]) -> str:
    person = plan.get("person") or {}
    who = person.get("preferred_name") or person.get("name") or "Someone"
    matters = (plan.get("about_me") or {}).get("what_is_important_to_me") or []
    parts = [f'<p class="pcsp-plan-example__who"><strong>{escape(who)}’s plan</strong></p>']
    for title, field, path, label, items in (
        ("What matters to me", "text", "/about_me/what_is_important_to_me/{k}/text", "What matters {n}", matters),
        ("My outcomes", "in_my_words", "/outcomes/{k}/in_my_words", "Outcome {n}", plan.get("outcomes") or []),
        ("Actions", "what", "/actions/{k}/what", "Action {n}", plan.get("actions") or []),
    ):
        rows = _texts(plan, field, lambda k, p=path: p.format(k=k), lambda k, lb=label: lb.format(n=k + 1), items)
        if rows:
            parts.append(f'<p class="pcsp-plan-example__heading">{escape(title)}</p><ul>{rows}</ul>')
    return "".join(parts)


def verdict_html(result: dict[str, Any]) -> str:
    """The verdict as the page shows it before Python starts (plan-example.js redraws the same parts)."""
    words = resources.wording("words")["verdict"]
    titles = {str(c["number"]): c["title"] for c in resources.framework("criteria")["criteria"]}
    rows = []
    for criterion in result["criteria"]:
        findings = "".join(f"<li>{escape(f['message'])}</li>" for f in criterion["findings"])
        rows.append(f'<li data-criterion="{criterion["id"]}" data-verdict-of="{criterion["verdict"]}">'
                    f'<span class="pcsp-plan-example__criterion">{criterion["id"]}. {escape(titles[criterion["id"]])}'
                    f'</span>: <strong data-verdict>{escape(words[criterion["verdict"]])}</strong>'
                    f'<ul data-findings>{findings}</ul></li>')
    counts = "This plan counts as a personalised care and support plan." if result["counts_as_pcsp"] \
        else "This plan does not count yet."
    return (f'<p class="pcsp-plan-example__overall" data-pcsp-example-overall>{counts}</p>'
            f'<ol class="pcsp-plan-example__criteria">{"".join(rows)}</ol>')


def _plan_example(source: str, options: dict[str, Any], ctx: Context) -> str:
    plan, result = judge(source, options)
    element_id = ctx.next_id("pcsp-plan-example")
    return (
        f'<div class="{ctx.css_class}" id="{element_id}" data-pcsp-widget="plan-example"{tool_data()} '
        f'data-plan="{escape(json.dumps(plan, ensure_ascii=False))}">'
        f'<div class="pcsp-plan-example__card">{_card(plan)}</div>'
        f'<div class="pcsp-plan-example__verdict" data-pcsp-example-verdict role="region" '
        f'aria-label="Does this plan count?">{verdict_html(result)}</div>'
        '<div class="pcsp-toolbar" role="group" aria-label="This example">'
        '<button type="button" class="md-button" data-pcsp-example-edit aria-pressed="false">Try changing it</button>'
        '<button type="button" class="md-button" data-pcsp-example-download>Download this example</button></div>'
        '<p class="pcsp-status" role="status" data-pcsp-example-status></p></div>')


PLAN_EXAMPLE = Fence("pcsp-plan-example", _plan_example, takes=TAKES_OPTIONS)
