"""Markdown fences that put live tools into guide pages.

A trainer writes

    ```pcsp-outcome
    Support to go to the day centre
    ```

and the page gets a complete, accessible form (it works as a plain text box
before Python has started); pcsp_guide/static/assets/pcsp/outcome-checker.js brings it
to life. The fence body is the starting text. The examples under the box are read
from pcsp_core's quoted data, never typed here.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from pcsp_core import resources
from pcsp_guide.widget import TEXT, Context, Fence, button, document_tool, form

FORMS = Path(__file__).resolve().parent / "forms"


def _examples_table(field: str | None) -> str:
    data = resources.framework("outcome_examples")
    rows = "".join(
        f"<tr><td>{escape(e['instead_of'])}</td><td>{escape(e['write_this'])}</td>"
        f"<td>{escape(e['because'])}</td></tr>" for e in data["examples"])
    anchor = f' id="{field}-examples"' if field else ""  # the plan editor's copies are cloned, so no id
    return (
        f'<details class="pcsp-examples"{anchor}>'
        '<summary>Examples: instead of this, write this</summary>'
        '<table><thead><tr><th scope="col">Instead of this</th>'
        '<th scope="col">Write this</th><th scope="col">Why the first is not well written</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f'<p class="pcsp-source">Quoted from {escape(data["source"]["document"])}.</p></details>')


def _outcome_checker(source: str, options: dict[str, Any], ctx: Context) -> str:
    """A text box, a status line, the findings, the examples."""
    field = ctx.next_id("pcsp-outcome")
    text = source.strip("\n")
    return (
        f'<div class="{ctx.css_class}" data-pcsp-widget="outcome">'
        f'<label class="pcsp-label" for="{field}">Your outcome, in your own words</label>'
        f'<p class="pcsp-hint" id="{field}-hint">Write something you want to achieve or change. '
        "Start with “I”, say what, and how you will know it has happened.</p>"
        f'<textarea id="{field}" name="outcome" rows="3" spellcheck="true" autocomplete="off" '
        f'aria-describedby="{field}-hint {field}-status">{escape(text)}</textarea>'
        f'<p class="pcsp-status" id="{field}-status" role="status" data-pcsp-status>'
        "Checks are getting ready. You can type now.</p>"
        f'<div class="pcsp-findings" data-pcsp-findings aria-live="polite"></div>'
        f"{_examples_table(field)}</div>")


OUTCOME = Fence("pcsp-outcome", _outcome_checker, takes=TEXT)


def _framework_words(criterion: dict[str, Any], document: str) -> str:
    """The criterion in the framework's own words, one click away from what the panel says."""
    def items(key: str) -> str:
        return "".join(f"<li>{escape(item['text'])}</li>" for item in criterion[key])
    return ('<details class="pcsp-criterion__source"><summary>The framework’s words</summary>'
            f'<p>Criterion {criterion["number"]}: {escape(criterion["title"])}.</p>'
            f'<p>To count we should see:</p><ul>{items("should_see")}</ul>'
            f'<p>It could not count if:</p><ul>{items("could_not_count")}</ul>'
            f'<p class="pcsp-source">Quoted from {escape(document)}.</p></details>')


def _criteria_panel() -> str:
    framework = resources.framework("criteria")
    mine = resources.wording("panel")["criteria"]  # each criterion as the person would say it
    rows = "".join(
        f'<li class="pcsp-criterion" data-criterion="{c["number"]}">'
        f'<h3 class="pcsp-criterion__title">{c["number"]}. {escape(mine[str(c["number"])])}</h3>'
        '<p class="pcsp-criterion__verdict" data-verdict>Not checked yet</p>'
        '<ul class="pcsp-criterion__findings" data-findings></ul>'
        f'{_framework_words(c, framework["source"]["document"])}</li>'
        for c in framework["criteria"])
    # tabindex: on wide screens the panel scrolls on its own, so keyboards must be able to reach it.
    return ('<aside class="pcsp-criteria" data-pcsp-criteria aria-labelledby="pcsp-criteria-title" tabindex="0">'
            '<h2 id="pcsp-criteria-title">Does my plan count?</h2>'
            f'{button("data-pcsp-count-back hidden", "Back to where I was")}'
            '<p class="pcsp-status" role="status" data-pcsp-criteria-status>'
            "Checks are getting ready. You can start writing now.</p>"
            f'<ol class="pcsp-criteria__list">{rows}</ol></aside>')


def _review_panel(status_words: dict[str, str]) -> str:
    words = escape(json.dumps(status_words))
    return (
        f'<section class="pcsp-review" data-pcsp-review data-status-words="{words}" '
        'aria-labelledby="pcsp-review-title">'
        '<h2 id="pcsp-review-title">Reviews</h2>'
        '<p class="pcsp-review__due" data-pcsp-review-due>When your next formal review is due will show here.</p>'
        '<button type="button" class="md-button" data-pcsp-record-review>Record a review</button>'
        '<fieldset class="pcsp-review__form" data-pcsp-review-form hidden>'
        "<legend>A review of my plan</legend>"
        '<label class="pcsp-label" for="pcsp-review-date">Date of the review</label>'
        '<input type="date" id="pcsp-review-date" data-pcsp-review-date>'
        '<fieldset class="pcsp-review__type"><legend>What kind of review</legend>'
        '<label><input type="radio" name="pcsp-review-type" value="informal" checked> '
        "Informal: I looked at my plan myself or with people who support me</label>"
        '<label><input type="radio" name="pcsp-review-type" value="formal"> '
        "Formal: a review meeting with my practitioner</label></fieldset>"
        '<label class="pcsp-label" for="pcsp-review-changed">What changed</label>'
        '<p class="pcsp-hint" id="pcsp-review-changed-hint">What is working and not working now is kept '
        "with the review, and so is how each outcome is going.</p>"
        '<textarea id="pcsp-review-changed" rows="3" aria-describedby="pcsp-review-changed-hint" '
        "data-pcsp-review-changed></textarea>"
        '<button type="button" class="md-button md-button--primary" data-pcsp-review-save>Keep this review</button>'
        '<button type="button" class="md-button" data-pcsp-review-cancel>Cancel</button></fieldset>'
        '<details class="pcsp-review__changes" data-pcsp-changes><summary>What changed since my last review</summary>'
        '<div data-pcsp-changes-body></div></details>'
        '<h3>Reviews so far</h3><ol class="pcsp-review__history" data-pcsp-review-history></ol></section>')


def _share_panel() -> str:
    """"Share my plan": what to share (kept in the plan as share_choice), and the files to make from it.

    The parts, the choices and the formats are pcsp_core's data; share.js writes the choice into
    the plan and asks pcsp_core.plan_exports for each file."""
    from pcsp_core import sharing
    from pcsp_core.plan_exports import formats

    words = resources.wording("sharing")
    link = words["link"]
    scopes = "".join(
        f'<label><input type="radio" name="pcsp-share-scope" value="{key}"{" checked" if key == "summary" else ""}> '
        f"{escape(text)}</label>" for key, text in words["scopes"].items())
    left_out = "; ".join(words["private"].values())
    parts = "".join(
        f'<li><label><input type="checkbox" value="{p["id"]}" data-summary="{str(p["summary"]).lower()}" '
        f'data-private="{str(p["private"]).lower()}"> {escape(p["title"])}'
        f'{" <span class=pcsp-hint>(private)</span>" if p["private"] else ""}</label></li>'
        for p in sharing.parts())
    buttons = "".join(button(f'data-pcsp-share-format="{f["id"]}"', f["label"]) for f in formats())
    return (
        '<section class="pcsp-share" data-pcsp-share aria-labelledby="pcsp-share-title">'
        '<h2 id="pcsp-share-title" tabindex="-1">Share my plan</h2>'
        "<p>Make a copy of your plan for the people who support you, your calendar or a care record. "
        "You choose what goes in; your choice is kept in your plan file. The copy is made on this device "
        "and saved in your downloads: nothing is sent anywhere.</p>"
        f'<fieldset class="pcsp-share__scope"><legend>What to share</legend>{scopes}</fieldset>'
        f'<p class="pcsp-hint" data-pcsp-share-private>The summary leaves out what you may want to keep '
        f"private: {escape(left_out)}.</p>"
        # The boxes are put in only while "part by part" is chosen: their labels are the plan's own
        # titles, and the form's fields should be the only controls on the page named like them.
        f'<fieldset class="pcsp-share__parts" data-pcsp-share-parts hidden><legend>The parts I share</legend>'
        f'<template data-pcsp-share-boxes><ul class="pcsp-share__list">{parts}</ul></template></fieldset>'
        f'<h3>Make a copy</h3><div class="pcsp-share__formats">{buttons}</div>'
        '<h3>Send it safely</h3>'
        "<p>A protected copy is a file only its passphrase opens. A link holds your plan itself, locked: "
        "it is never sent to this site or anyone else, but whoever has the whole link can read it, unless you "
        "lock it with a passphrase. Tell the passphrase separately, in person or by phone.</p>"
        '<div class="pcsp-share__formats">'
        f'{button("data-pcsp-share-protect", "A protected copy of what I share")}</div>'
        '<p><label><input type="checkbox" data-pcsp-link-passphrase> Lock the link with a passphrase</label></p>'
        f'<div class="pcsp-share__formats">{button("data-pcsp-share-link", "Make a link to what I share")}</div>'
        f'<div class="pcsp-share__link" data-pcsp-link data-reliable-length="{link["reliable_length"]}" hidden>'
        '<label class="pcsp-label" for="pcsp-share-link-text">The link</label>'
        '<textarea id="pcsp-share-link-text" rows="3" readonly data-pcsp-link-text '
        'aria-describedby="pcsp-share-link-length"></textarea>'
        '<p class="pcsp-hint" id="pcsp-share-link-length" data-pcsp-link-length></p>'
        f'{button("data-pcsp-link-copy", "Copy the link")}</div>'
        "<p>A QR code holds such a link for a phone to scan: for the “if things change” card, or for what "
        "you share when it is short enough.</p>"
        '<div class="pcsp-share__formats">'
        f'{button("data-pcsp-qr-card", "A QR code of my “if things change” card")}'
        f'{button("data-pcsp-qr-shared", "A QR code of what I share")}</div>'
        '<figure class="pcsp-share__qr" data-pcsp-qr hidden><div data-pcsp-qr-code></div>'
        "<figcaption data-pcsp-qr-caption></figcaption></figure>"
        '<p class="pcsp-status" role="status" data-pcsp-share-status></p></section>')


def _read_aloud() -> str:
    """Read my plan aloud (read-aloud.js): hidden until a voice on this device is found."""
    return ('<section class="pcsp-read-aloud" data-pcsp-read-aloud aria-labelledby="pcsp-read-aloud-title" hidden>'
            '<h2 id="pcsp-read-aloud-title">Read aloud</h2>'
            "<p>A voice on this device reads your plan, or one section of it: the words are not sent anywhere.</p>"
            '<div class="pcsp-read-aloud__controls">'
            f'{button("data-pcsp-read-all", "Read my plan aloud")}{button("data-pcsp-read-pause", "Pause")}'
            f'{button("data-pcsp-read-stop", "Stop")}'
            '<label class="pcsp-label" for="pcsp-read-rate">Speed</label>'
            '<select id="pcsp-read-rate" data-pcsp-read-rate><option value="0.75">Slower</option>'
            '<option value="1" selected>Normal</option><option value="1.25">Faster</option></select></div>'
            '<p class="pcsp-read-aloud__now" data-pcsp-read-now hidden></p></section>')


def _link_view() -> str:
    """Where a plan sent as a link is shown, read-only, before anyone chooses to keep it (link-view.js)."""
    return ('<section class="pcsp-link-view" data-pcsp-link-view aria-labelledby="pcsp-link-view-title" hidden>'
            '<h2 id="pcsp-link-view-title" tabindex="-1">A plan shared with you</h2>'
            "<p>This is a copy of a plan, sent to you as a link. It is shown here only: nothing has been saved, "
            "and your own plan below has not changed.</p>"
            '<div class="pcsp-link-view__plan" data-pcsp-link-body></div>'
            f'<div class="pcsp-share__formats">{button("data-pcsp-link-keep", "Save my own copy", primary=True)}'
            f'{button("data-pcsp-link-easy-read", "Show this plan in easy read")}'
            f'{button("data-pcsp-link-close", "Close it")}</div></section>')


def _easy_read_view() -> str:
    """Where easy read shows the plan (easy-read.js; every line of it from pcsp_core.easy_read), with
    the folder of its pictures (pcsp_guide/icons.py). It prints on its own while it is open."""
    from pcsp_guide.icons import SITE_FOLDER

    return (f'<section class="pcsp-easy-read" data-pcsp-easy-read data-icons="{escape(SITE_FOLDER)}" '
            'aria-labelledby="pcsp-easy-read-title" hidden>'
            '<h2 id="pcsp-easy-read-title" tabindex="-1">Easy read</h2>'
            '<div class="pcsp-easy-read__buttons">'
            f'{button("data-pcsp-easy-read-print", "Print this easy-read plan", primary=True)}'
            f'{button("data-pcsp-easy-read-close", "Close easy read")}</div>'
            '<p class="pcsp-easy-read__status" role="status" data-pcsp-easy-read-status></p>'
            '<div class="pcsp-easy-read__plan" data-pcsp-easy-read-body></div></section>')


def _plan_editor(source: str, options: dict[str, Any], ctx: Context) -> str:
    """Toolbar, draft offer, messages, the plan form, the criteria panel."""
    hints = json.loads((FORMS / "plan.json").read_text(encoding="utf-8"))
    return document_tool(
        ctx, "plan", "plan", "plan", [
            button("data-pcsp-print", "Print my plan"),
            button("data-pcsp-easy-read-open", "Show my plan in easy read"),
            button("data-pcsp-print-card", "Print my “if things change” card"),
            button("data-pcsp-share-jump", "Share my plan")],
        f"{_read_aloud()}{_link_view()}{_easy_read_view()}"
        # On a phone the panel is below the whole form: this bar keeps its answer in sight.
        '<div class="pcsp-count-bar" data-pcsp-count-bar>'
        '<button type="button" class="pcsp-count-bar__button" data-pcsp-count-jump>Does my plan count? '
        '<strong data-pcsp-count>checks getting ready</strong></button></div>'
        f'<div class="pcsp-editor"><div class="pcsp-editor__main">{form("plan", hints, "plan", "plan.json")}'
        f'{_review_panel(hints["fields"]["/outcomes/{i}/status"]["options"])}{_share_panel()}</div>'
        f"{_criteria_panel()}</div>"
        '<div class="pcsp-print-area" data-pcsp-print-area></div>'
        # Cloned beside each outcome's coaching, so the seed's examples are one click away.
        f"<template data-pcsp-examples>{_examples_table(None)}</template>",
        data={"data-example": "examples/cecilia-plan.json"}, menu=True)


PLAN_EDITOR = Fence("pcsp-plan-editor", _plan_editor)


def _clear_device(source: str, options: dict[str, Any], ctx: Context) -> str:
    """"Clear this device" for shared computers (clear-device.js)."""
    return (f'<div class="{ctx.css_class}" data-pcsp-widget="clear-device">'
            f'{button("data-pcsp-clear-device", "Clear this device", primary=True)}'
            '<p class="pcsp-status" role="status" data-pcsp-clear-status></p></div>')


CLEAR_DEVICE = Fence("pcsp-clear-device", _clear_device)
