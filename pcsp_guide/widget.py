"""What every pcsp fence shares: how it is declared, how it fails, and a document tool's frame.

A fence is declared once, as a `Fence`: its name, what it takes (nothing, starting
text, or options), and a function from (body, options, context) to HTML. The Markdown
extension (markdown.py) registers every declared fence with SuperFences; nothing
else needs to know a fence's name.

A fence written wrongly raises FenceError; the extension turns it into FenceFailed,
which names the line and which SuperFences passes on rather than swallowing (it
would otherwise quietly render the fence as a code block). FenceFailed is also
MkDocs' PluginError, so `mkdocs build` stops with the page's name and our message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any, Callable

import yaml
from pymdownx.superfences import SuperFencesException

from pcsp_core import documents, resources

try:
    from mkdocs.exceptions import PluginError
    _BUILD_STOPS: tuple[type[Exception], ...] = (PluginError, SuperFencesException)
except ImportError:  # a Zensical site need not have MkDocs
    _BUILD_STOPS = (SuperFencesException,)

NOTHING, TEXT, OPTIONS = "nothing", "text", "options"


class FenceError(ValueError):
    """A fence written wrongly; the build stops with this message and the fence's line."""


class FenceFailed(*_BUILD_STOPS):  # type: ignore[misc]
    """A FenceError with the fence's line: the exception SuperFences re-raises."""


@dataclass
class Context:
    """What a fence's render function may use besides its body and options."""

    css_class: str
    md: Any

    def next_id(self, prefix: str) -> str:
        # Each page is converted on its own (the extension resets the counts per page); each kind of
        # widget counts its own, so the second example is "-2" whatever came before.
        counts = self.md._pcsp_ids
        counts[prefix] = counts.get(prefix, 0) + 1
        return f"{prefix}-{counts[prefix]}"


@dataclass(frozen=True)
class Fence:
    """One Markdown fence. takes: NOTHING, TEXT (the body is starting text) or OPTIONS
    (the body, and the first line's key=value pairs, are options the render reads)."""

    name: str
    render: Callable[[str, dict[str, Any], Context], str]
    takes: str = NOTHING

    @property
    def css_class(self) -> str:
        return self.name

    def html(self, source: str, options: dict[str, Any], md: Any) -> str:
        """The fence's HTML; FenceError when it was written wrongly."""
        if self.takes == NOTHING and (options or source.strip()):
            raise FenceError(f"the {self.name} fence takes no options and no text")
        if self.takes == TEXT and options:
            raise FenceError(f"the {self.name} fence takes no options, but was given {sorted(options)}")
        return self.render(source, dict(options), Context(self.css_class, md))


# --------------------------------------------------------------------------
# The frame every document tool shares: toolbar, the offer of a draft, messages


MESSAGES = '<div class="pcsp-messages" data-pcsp-messages></div>'


def draft_offer() -> str:
    """The offer to restore unsaved work left in this browser (document-page.js lists each draft)."""
    return ('<div class="pcsp-draft" data-pcsp-draft hidden role="region" aria-label="Unsaved work">'
            "<p>This browser kept unsaved work from an earlier visit. It stays here until you restore it "
            "or discard it.</p><ul class=\"pcsp-draft__list\" data-pcsp-draft-list></ul></div>")


def button(attribute: str, words: str, primary: bool = False) -> str:
    kind = "md-button md-button--primary" if primary else "md-button"
    return f'<button type="button" class="{kind}" {attribute}>{escape(words)}</button>'


def toolbar(label: str, buttons: list[str], menu: bool = False) -> str:
    """A tool's toolbar: its own buttons, then "Clear this device" (for shared computers), which every tool has.
    With `menu`, a phone shows Save and a "More" menu of the rest instead (toolbar-menu.js)."""
    kind = "pcsp-toolbar pcsp-toolbar--menu" if menu else "pcsp-toolbar"
    return (f'<div class="{kind}" role="group" aria-label="{escape(label)}" data-pcsp-toolbar>{"".join(buttons)}'
            f'{button("data-pcsp-clear-device", "Clear this device")}</div>')


def tool_data() -> str:
    """Attributes every tool that opens files carries: the size rule (checked before a file is
    read) and the words for the values files hold, both from pcsp_core, so no JS retypes them."""
    words = {k: v for k, v in resources.wording("words").items() if k != "about"}
    return (f' data-file-rules="{escape(json.dumps(documents.file_rules()))}"'
            f' data-protection="{escape(json.dumps(documents.protection()))}"'
            f' data-words="{escape(json.dumps(words))}"')


def attributes(values: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in values.items())


def yaml_body(source: str, what: str) -> Any:
    """The fence's text read as YAML (JSON is YAML too); `what` says what it should have been."""
    try:
        return yaml.safe_load(source) if source.strip() else {}
    except yaml.YAMLError as exc:
        raise FenceError(f"{what} ({exc.problem})") from None


def form(kind: str, hints: dict[str, Any], form_id: str, hints_file: str) -> str:
    """A document's form, rendered from its schema and the hints; a hints mistake fails the build."""
    from pcsp_guide.forms.render import render_form

    try:
        return render_form(resources.schema(kind), hints, form_id)
    except ValueError as exc:
        raise FenceError(f"pcsp_guide/forms/{hints_file}: {exc}") from None


def document_tool(ctx: Context, widget: str, kind: str, noun: str, more_buttons: list[str], body: str,
                  data: dict[str, str] | None = None, menu: bool = False) -> str:
    """A tool that keeps one document (a plan, an assessment, a checklist) as a file the person owns:
    the toolbar (New, Open, Save, Make a protected copy, See an example, then its own), the offer of a draft and the
    messages, which document-page.js runs, then its body.

    Example files are named from the site root (`examples/x.json`); the page resolves them
    against the site's own address, so a page at any depth finds them.
    """
    empty = json.dumps(documents.new_document(kind))
    buttons = [button("data-pcsp-new", f"New {noun}"), button("data-pcsp-open", "Open a file"),
               # Not "Save a protected copy": a control found by the name "Save" must stay the one Save button.
               button("data-pcsp-save", "Save", primary=True), button("data-pcsp-protect", "Make a protected copy"),
               button("data-pcsp-example", "See an example"),
               *more_buttons]
    return (f'<div class="{ctx.css_class}" data-pcsp-widget="{widget}"'
            f'{attributes({"data-empty": empty, **(data or {})})}{tool_data()}>'
            f"{toolbar(f'Your {noun} file', buttons, menu)}{draft_offer()}{MESSAGES}{body}</div>")
