"""Markdown fences for the team tools: the self-assessment, bringing members'
files together, and comparing a baseline with a follow-up.

Each fence gives a page the complete markup of its tool; the JS in
pcsp_guide/static/assets/pcsp/ (assessment.js, together.js, over-time.js, and action-plan.js for
the action plan's downloads on the first two) brings it to life.
The maturity matrix travels with the markup (data-matrix), read from
pcsp_core's quoted data, so the browser never retypes a level or an enabler.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from pcsp_core import resources
from pcsp_guide.widget import MESSAGES, Context, Fence, button, document_tool, draft_offer, form, tool_data

EXAMPLES = "examples/"  # from the site root; the page resolves them against the site's address


def _matrix() -> str:
    maturity = resources.framework("maturity")
    return json.dumps({
        "levels": maturity["levels"],
        "foundations": [{"id": f["id"], "title": f["title"],
                         "enablers": [{"id": e["id"], "letter": e["letter"], "text": e["text"]}
                                      for e in f["enablers"]]} for f in maturity["foundations"]]})


def _action_plan_downloads() -> str:
    """The action plan's two downloads (action-plan.js), worded the same wherever they are offered."""
    return ('<div class="pcsp-toolbar" role="group" aria-label="Take the action plan away">'
            + button("data-pcsp-csv", "Download the action plan (CSV, for spreadsheets)")
            + button("data-pcsp-markdown", "Download the action plan (Markdown)") + "</div>")


def _plan_figures() -> str:
    """Where the figures from "Check our plans" join the assessment (plan-figures.js fills it in)."""
    return ('<section class="pcsp-plan-figures" aria-labelledby="plan-figures-title" data-pcsp-plan-figures>'
            '<h2 id="plan-figures-title">What our plans show</h2>'
            '<p tabindex="-1" data-pcsp-plan-figures-words>Your ratings are your opinion. <a href="../check-our-plans/">Check our '
            "plans</a> shows what your team's own plans show; its figures can then sit here, beside the enablers "
            "they speak to.</p>"
            '<p class="pcsp-status" role="status" data-pcsp-plan-figures-status></p>'
            '<div class="pcsp-toolbar" role="group" aria-label="The figures from our plans">'
            + button("data-pcsp-add-figures", "Add the figures from Check our plans")
            + button("data-pcsp-remove-figures", "Remove the figures from this assessment")
            + "</div></section>")


def _self_assessment(source: str, options: dict[str, Any], ctx: Context) -> str:
    from pcsp_guide.forms.assessment import hints

    return document_tool(
        ctx, "assessment", "self-assessment", "assessment", [
            button("data-pcsp-print", "Print the summary"),
            button("data-pcsp-follow-up", "Start a follow-up from this assessment"),
            '<a class="md-button" href="#summary">Go to the summary</a>'],
        '<div class="pcsp-assessment-progress">'
        '<label class="pcsp-label" for="assessment-progress">How much is filled in</label>'
        '<progress id="assessment-progress" max="18" value="0" aria-describedby="assessment-progress-words"></progress>'
        '<p class="pcsp-hint" id="assessment-progress-words" data-pcsp-progress-words>Nothing filled in yet.</p></div>'
        '<p class="pcsp-provenance" data-pcsp-provenance hidden></p>'
        f"{_plan_figures()}"
        f'{form("self-assessment", hints(), "assessment", "self-assessment.json")}'
        '<section class="pcsp-summary" id="summary" aria-labelledby="summary-title">'
        '<h2 id="summary-title">Summary</h2>'
        '<p class="pcsp-summary__about" data-pcsp-summary-about></p>'
        '<p class="pcsp-status" role="status" data-pcsp-summary-status>'
        "The summary will show here once the checks are ready.</p>"
        '<div data-pcsp-summary></div>'
        '<h3 id="action-plan">Action plan</h3>'
        '<p class="pcsp-hint">Every improvement action from every enabler, in the order of the matrix.</p>'
        '<div data-pcsp-actions></div>'
        f"{_action_plan_downloads()}</section>",
        data={"data-example": f"{EXAMPLES}team-baseline.json", "data-matrix": _matrix()})


def _file_choice(input_id: str, label: str, hint: str, data: str, multiple: bool = True, after: str = "") -> str:
    """A labelled file input with its hint (the input's description), as every team tool asks for files.
    `hint` and `after` are the build's own markup."""
    return ('<div class="pcsp-file-choice">'
            f'<label class="pcsp-label" for="{input_id}">{escape(label)}</label>'
            f'<p class="pcsp-hint" id="{input_id}-hint">{hint}</p>'
            f'<input type="file" id="{input_id}"{" multiple" if multiple else ""} accept=".json,application/json" '
            f'aria-describedby="{input_id}-hint" {data}>{after}</div>')


def _together(source: str, options: dict[str, Any], ctx: Context) -> str:
    return (
        f'<div class="{ctx.css_class}" data-pcsp-widget="together" data-matrix="{escape(_matrix())}"{tool_data()} '
        f'data-examples="{EXAMPLES}team-member-amira.json {EXAMPLES}team-member-ben.json">'
        + _file_choice("together-files", "Choose every member’s assessment file",
                       "Choose several files at once (hold Ctrl or ⌘ while you click), or drop them on this page. "
                       "They must all be about the same system, service or pathway. The files are read on this "
                       "device and never sent anywhere.", "data-pcsp-files",
                       after=button("data-pcsp-example", "Try it with two example files")
                       + button("data-pcsp-clear-device", "Clear this device"))
        + f"{draft_offer()}{MESSAGES}"
        '<div class="pcsp-questions" data-pcsp-questions hidden role="group" aria-label="Which files count"></div>'
        '<div class="pcsp-together" data-pcsp-results hidden>'
        '<h2 id="members">Whose assessments</h2><ul data-pcsp-members></ul>'
        '<h2 id="talk-about">Talk about these</h2>'
        '<p class="pcsp-hint">Enablers where members are two or more levels apart, widest first.</p>'
        '<div data-pcsp-talk-about></div>'
        '<h2 id="side-by-side">Side by side, and the level you agree</h2>'
        '<p class="pcsp-hint">For each enabler: each member’s level, the median and the range. Where '
        "everyone who rated it chose the same level, that level is filled in as agreed; choose the agreed "
        "level for the rest after you have talked.</p>"
        '<div data-pcsp-side-by-side></div>'
        '<h2 id="agreed">Save the agreed team assessment</h2>'
        '<p class="pcsp-status" data-pcsp-agreed-status role="status"></p>'
        '<p class="pcsp-hint">It is a new self-assessment file that names the member files it came from. '
        "Open it on the self-assessment page to add evidence and actions.</p>"
        + button("data-pcsp-save", "Save the agreed assessment", primary=True)
        + '<h2 id="agreed-action-plan">The agreed action plan</h2>'
        '<p class="pcsp-hint">Every improvement action from the members’ files, in the order of the matrix: '
        "the same files the self-assessment page gives for the agreed assessment.</p>"
        f"{_action_plan_downloads()}</div></div>")


def _over_time(source: str, options: dict[str, Any], ctx: Context) -> str:
    pickers = "".join(
        '<div class="pcsp-file-choice">'
        f'<label class="pcsp-label" for="over-time-{key}">{escape(label)}</label>'
        f'<input type="file" id="over-time-{key}" accept=".json,application/json" data-pcsp-file="{key}"></div>'
        for key, label in (("baseline", "The baseline: your first assessment"),
                           ("follow-up", "The follow-up: a later assessment of the same scope")))
    return (
        f'<div class="{ctx.css_class}" data-pcsp-widget="over-time" data-matrix="{escape(_matrix())}"{tool_data()} '
        f'data-examples="{EXAMPLES}team-baseline.json {EXAMPLES}team-follow-up.json">'
        + _file_choice("over-time-files", "Choose both files at once",
                       "Your baseline and its follow-up: hold Ctrl or ⌘ while you click to choose both, or drop them "
                       "on this page. A follow-up started from the self-assessment page names the baseline it "
                       "follows, so the page finds which is which, or says why it cannot. The files are read on "
                       "this device and never sent anywhere.", "data-pcsp-files")
        + f'<fieldset class="pcsp-file-pair"><legend>Or choose them one at a time</legend>{pickers}</fieldset>'
        f'<p>{button("data-pcsp-example", "Try it with the example baseline and follow-up")}</p>'
        f"{MESSAGES}"
        '<div class="pcsp-over-time" data-pcsp-results hidden>'
        '<p data-pcsp-period></p>'
        '<h2 id="by-foundation">By foundation</h2><div data-pcsp-foundations></div>'
        '<div data-pcsp-plan-figures hidden><h2 id="plan-figures">What our plans show</h2>'
        '<div data-pcsp-plan-figures-body></div></div>'
        '<h2 id="what-moved">What moved</h2><div data-pcsp-moved></div>'
        '<h2 id="by-enabler">Every enabler</h2><div data-pcsp-enablers></div></div></div>')


SELF_ASSESSMENT = Fence("pcsp-self-assessment", _self_assessment)
TOGETHER = Fence("pcsp-team-together", _together)
OVER_TIME = Fence("pcsp-team-over-time", _over_time)


def _criteria_titles() -> dict[str, str]:
    return {str(c["number"]): c["title"] for c in resources.framework("criteria")["criteria"]}


def _check_our_plans(source: str, options: dict[str, Any], ctx: Context) -> str:
    """Check our plans (check-plans.js): many plan files checked one at a time, or the report `pcsp check`
    wrote about them, figures as counts only, which can be kept for the self-assessment."""
    return (
        f'<div class="{ctx.css_class}" data-pcsp-widget="check-plans"{tool_data()} '
        f'data-criteria="{escape(json.dumps(_criteria_titles()))}">'
        '<p class="pcsp-privacy"><strong>The plans never leave this computer.</strong> Each file is read and '
        "checked here, one at a time, and only counts are kept: no plan’s words appear in the figures.</p>"
        + _file_choice("check-plans-files", "Choose the plan files",
                       "Choose many at once (hold Ctrl or ⌘ while you click), choose a folder, or drop files or "
                       "folders on this page.", "data-pcsp-files",
                       after='<label class="pcsp-label" for="check-plans-folder">Or choose a folder of plans</label>'
                       '<input type="file" id="check-plans-folder" webkitdirectory multiple data-pcsp-folder>')
        + _file_choice("check-plans-report", "Open a report from pcsp check",
                       "If your data team checked the plans with <code>pcsp check --format json</code>, open the "
                       "report it wrote instead of the plans: it shows the same figures, for the day the plans were "
                       "checked. You can also drop the report on this page.", "data-pcsp-report", multiple=False)
        + '<div class="pcsp-progress" data-pcsp-progress hidden>'
        '<label class="pcsp-label" for="check-plans-progress">Checking the plans</label>'
        '<progress id="check-plans-progress" data-pcsp-progress-bar value="0" max="1"></progress>'
        '<p class="pcsp-status" role="status" data-pcsp-progress-words></p>'
        + button("data-pcsp-cancel", "Cancel") + "</div>"
        f"{MESSAGES}"
        '<section class="pcsp-evidence" data-pcsp-figures aria-labelledby="check-plans-figures" hidden>'
        '<h2 id="check-plans-figures" tabindex="-1">What our plans show</h2>'
        '<p class="pcsp-status" data-pcsp-figures-status></p>'
        '<div data-pcsp-figures-body></div>'
        '<div class="pcsp-toolbar" role="group" aria-label="Take the figures away">'
        + button("data-pcsp-figures-csv", "Download the figures (CSV, for spreadsheets)") + "</div>"
        '<h3>Beside the self-assessment</h3>'
        '<p class="pcsp-hint">Keeps these counts in this browser, so the self-assessment page can add them beside '
        "its enablers as evidence. Only the counts are kept, never a plan’s words.</p>"
        + button("data-pcsp-keep", "Use these figures in our self-assessment")
        + '<p class="pcsp-status" role="status" data-pcsp-kept></p></section></div>')


CHECK_OUR_PLANS = Fence("pcsp-team-evidence", _check_our_plans)
