"""Markdown fences that put live tools into guide pages.

A trainer writes

    ```pcsp-outcome
    Support to go to the day centre
    ```

and the page gets a complete, accessible form (it works as a plain text box
before Python has started); site/assets/pcsp/outcome-checker.js brings it to
life. The fence body is the starting text. The examples under the box are read
from pcsp_core's quoted data, never typed here.
"""

from __future__ import annotations

from html import escape
from typing import Any

from pcsp_core import resources


class FenceError(ValueError):
    """A fence written wrongly; the build stops with this message."""


# SuperFences swallows a formatter's exceptions (the fence would quietly become a
# code block), so problems are collected here and guide/fence_hooks.py fails the
# build with the page and line once the page is rendered.
PROBLEMS: list[tuple[str, int, str]] = []  # (fence name, nth fence of that name on the page, message)


def _guarded(name: str, render: Any) -> Any:
    def fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
        nth = getattr(md, "_pcsp_seen", {}).get(name, 0) + 1
        md._pcsp_seen = {**getattr(md, "_pcsp_seen", {}), name: nth}
        try:
            return render(source, css_class, options, md)
        except FenceError as exc:
            PROBLEMS.append((name, nth, str(exc)))
            return f'<p class="pcsp-fence-error">{escape(str(exc))}</p>'
    return fence


def _next_id(md: Any, prefix: str) -> str:
    # MkDocs renders each page with its own Markdown instance, so ids restart per page.
    count = getattr(md, "_pcsp_fence_count", 0) + 1
    md._pcsp_fence_count = count
    return f"{prefix}-{count}"


def _examples_table(field: str) -> str:
    data = resources.framework("outcome_examples")
    rows = "".join(
        f"<tr><td>{escape(e['instead_of'])}</td><td>{escape(e['write_this'])}</td>"
        f"<td>{escape(e['because'])}</td></tr>" for e in data["examples"])
    return (
        f'<details class="pcsp-examples" id="{field}-examples"><summary>Examples: instead of this, write this</summary>'
        '<table><thead><tr><th scope="col">Instead of this</th>'
        '<th scope="col">Write this</th><th scope="col">Why the first is not well written</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f'<p class="pcsp-source">Quoted from {escape(data["source"]["document"])}.</p></details>')


def _outcome_checker(source: str, css_class: str, options: dict[str, Any], md: Any) -> str:
    """The `pcsp-outcome` fence: a text box, a status line, the findings, the examples."""
    if options:
        raise FenceError(f"the pcsp-outcome fence takes no options, but was given {sorted(options)}")
    field = _next_id(md, "pcsp-outcome")
    text = source.strip("\n")
    return (
        f'<div class="{css_class}" data-pcsp-widget="outcome">'
        f'<label class="pcsp-label" for="{field}">Your outcome, in your own words</label>'
        f'<p class="pcsp-hint" id="{field}-hint">Write something you want to achieve or change. '
        "Start with “I”, say what, and how you will know it has happened.</p>"
        f'<textarea id="{field}" name="outcome" rows="3" spellcheck="true" autocomplete="off" '
        f'aria-describedby="{field}-hint {field}-status">{escape(text)}</textarea>'
        f'<p class="pcsp-status" id="{field}-status" role="status" data-pcsp-status>'
        "Checks are getting ready. You can type now.</p>"
        f'<div class="pcsp-findings" data-pcsp-findings aria-live="polite"></div>'
        f"{_examples_table(field)}</div>")


outcome_checker = _guarded("pcsp-outcome", _outcome_checker)
