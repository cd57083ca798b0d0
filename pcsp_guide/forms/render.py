"""Render a form's accessible HTML from a JSON Schema plus a small hints file.

Runs at build time under CPython. The schema is the single source of what a
document may hold; the hints (pcsp_guide/forms/<form>.json) only say how to ask for
it: the sections and their order, plain person-facing labels, help text, the
widget when the default is not right, and the words for "add another" lists.

The HTML is made for a small generic JS binder:

* every control carries ``data-path``, the JSON Pointer (RFC 6901) of the value
  it edits. Inside a list item template each enclosing list's item index is
  written ``{i}`` (``/outcomes/{i}/agreed_with/{i}``: outermost first, the way
  pcsp_guide/static/assets/pcsp/binder.js fills them), and the item's 1-based number ``{n}``
  in text. Ids, ``for``, ``name`` and ``aria-describedby`` carry the same
  placeholders.
* ``data-type`` says how to turn a control's value into JSON: ``boolean``
  (radios worth ``true`` / ``false`` / ``""`` = leave the key out),
  ``number``, ``enum`` (``""`` = leave out), ``id`` (a select of ids),
  ``id-list`` (a fieldset of checkboxes the JS fills). No ``data-type`` means
  a string (an empty string means leave the key out).
* lists: ``[data-list]`` holds ``ol[data-list-items]``, a
  ``template[data-list-template]`` with one ``li[data-list-item]`` and the
  buttons ``[data-list-add]`` and ``[data-list-action="up"|"down"|"remove"]``. ``input[type=hidden][data-id-prefix]`` asks the JS to
  mint an id for a new item.
* ``data-choices-from`` names the lists (space-separated pointers) whose item
  ids fill a select or a checkbox group (the checkboxes go in ``[data-choices]``;
  ``data-empty-text`` on it is what to say while there is nothing to choose).
* ``data-pcsp-show-if`` on a field's wrapper: show it only while the boolean at
  that pointer is true.
* an object whose keys are named by ``propertyNames`` (an enum) and whose values
  follow ``additionalProperties`` is a map: each allowed key is a property to
  place, like a fixed one (``/enablers/prepared-people.a/level``).
* a section's ``fields`` may hold ``{"legend": ..., "fields": [...]}``: those
  fields in a fieldset of their own (a checklist, say).

Anything the renderer cannot place or does not understand raises ValueError
naming the property, so a schema change fails the build instead of silently
dropping a question.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from pcsp_core.schema_walk import resolve, resolve_chain

__all__ = ["render_form", "sections", "placement_units", "schema_node"]

INDEX = "{i}"    # the item index, in every enclosing list (the binder fills the first one, outermost first)
NUMBER = "{n}"   # the item's 1-based number, in text
MAX_DEPTH = 2    # a list inside a list item, and no deeper
PLACEHOLDER = re.compile(r"^\{[a-z]\}$")

ROOT_KEYS = {"form", "title", "exclude", "boolean_options", "sections", "fields"}
SECTION_KEYS = {"id", "title", "intro", "fields"}
SUBGROUP_KEYS = {"legend", "help", "fields"}
FIELD_KEYS = {
    "label", "help", "widget", "options", "option_help", "inline", "rows", "autocomplete", "item", "add_label",
    "id_prefix", "order", "group", "show_if", "choices_from", "placeholder", "empty", "coach", "each",
}
WIDGETS = {"input", "textarea", "date", "number", "radios", "checkbox", "select", "id-select", "id-list",
           "list", "group"}


# --- JSON Pointer helpers ---------------------------------------------------

def _seg(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _join(pointer: str, key: str) -> str:
    return f"{pointer}/{_seg(key)}"


def _split(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"{pointer!r} is not a JSON Pointer (it must start with '/')")
    return [s.replace("~1", "/").replace("~0", "~") for s in pointer[1:].split("/")]


def map_keys(schema: dict, node: dict) -> list[str] | None:
    """The keys a map object allows (its propertyNames enum), or None if it is not such a map."""
    resolved = resolve(schema, node)
    if resolved.get("type") != "object" or not isinstance(resolved.get("additionalProperties"), dict):
        return None
    names = resolve(schema, resolved.get("propertyNames") or {})
    return list(names["enum"]) if "enum" in names else None


def schema_node(schema: dict, pointer: str) -> dict | None:
    """The (unresolved) schema of the value at a templated pointer, or None if there is none.

    A placeholder segment such as {i} (or a number) steps into an array's items;
    a key a map allows steps into its additionalProperties.
    """
    node: dict = schema
    for part in _split(pointer):
        node = resolve(schema, node)
        if node.get("type") == "array" and (PLACEHOLDER.match(part) or part.isdigit()):
            node = node.get("items") or {}
        elif node.get("type") == "object" and part in node.get("properties", {}):
            node = node["properties"][part]
        elif part in (map_keys(schema, node) or ()):
            node = node["additionalProperties"]
        else:
            return None
    return node


def _kind(schema: dict, node: dict) -> str:
    n = resolve(schema, node)
    return n.get("type", "enum" if "enum" in n else "const" if "const" in n else "?")


def placement_units(schema: dict, pointer: str, excluded: set[str]) -> list[str]:
    """The pointers a placed pointer stands for: an object stands for its properties, recursively;
    anything else (a list, a single value) is one unit."""
    if pointer in excluded:
        return []
    node = schema_node(schema, pointer)
    if node is None:
        raise ValueError(f"{pointer} is not a property in the schema")
    resolved = resolve(schema, node)
    if resolved.get("type") == "object":
        units: list[str] = []
        for key in [*resolved.get("properties", {}), *(map_keys(schema, resolved) or ())]:
            units += placement_units(schema, _join(pointer, key), excluded)
        return units
    return [pointer]


def _placed(fields: list) -> list[str]:
    """The pointers a section's fields place, looking inside its sub-groups."""
    out: list[str] = []
    for entry in fields:
        out += _placed(entry["fields"]) if isinstance(entry, dict) else [entry]
    return out


def _choice_values(resolved: dict) -> list[Any] | None:
    """The values a single choice may take: an enum, or a oneOf of consts and small whole-number ranges."""
    if "enum" in resolved:
        return list(resolved["enum"])
    if "oneOf" not in resolved:
        return None
    values: list[Any] = []
    for branch in resolved["oneOf"]:
        if "const" in branch:
            values.append(branch["const"])
        elif branch.get("type") == "integer" and {"minimum", "maximum"} <= set(branch) \
                and branch["maximum"] - branch["minimum"] <= 10:
            values += range(branch["minimum"], branch["maximum"] + 1)
        else:
            return None
    return values


def sections(hints: dict) -> list[tuple[str, str]]:
    """(element id, title) of each section, in order: for a table of contents."""
    return [(f"section-{s['id']}", s["title"]) for s in hints["sections"]]


# --- the renderer -----------------------------------------------------------

class _Renderer:
    def __init__(self, schema: dict, hints: dict, form_id: str) -> None:
        self.schema = schema
        self.hints = hints
        self.form_id = form_id
        self.fields: dict[str, dict] = hints.get("fields", {})
        self.used: set[str] = set()
        self.excluded = set(hints.get("exclude", []))
        self.boolean_options: dict[str, str] = hints.get("boolean_options", {})

    # -- checks --

    def check_hints(self) -> None:
        unknown = set(self.hints) - ROOT_KEYS
        if unknown:
            raise ValueError(f"unknown key(s) in the form hints: {sorted(unknown)}")
        for pointer in self.excluded:
            if schema_node(self.schema, pointer) is None:
                raise ValueError(f"excluded property {pointer} is not in the schema")
        for pointer, hint in self.fields.items():
            if schema_node(self.schema, pointer) is None:
                raise ValueError(f"hints name {pointer}, which is not a property in the schema")
            bad = set(hint).union(*hint.get("each", {}).values()) - FIELD_KEYS
            if bad:
                raise ValueError(f"hints for {pointer}: unknown key(s) {sorted(bad)}")
            if "widget" in hint and hint["widget"] not in WIDGETS:
                raise ValueError(f"hints for {pointer}: unknown widget {hint['widget']!r}")
            for other in (hint.get("show_if"), *str(hint.get("choices_from", "")).split()):
                if other and schema_node(self.schema, other) is None:
                    raise ValueError(f"hints for {pointer} point at {other}, which is not in the schema")
        if set(self.boolean_options) - {"true", "false", ""}:
            raise ValueError("boolean_options may only name 'true', 'false' and ''")

        placed: dict[str, int] = {}
        seen_sections: set[str] = set()
        for section in self.hints.get("sections", []):
            bad = set(section) - SECTION_KEYS
            if bad:
                raise ValueError(f"section {section.get('id')!r}: unknown key(s) {sorted(bad)}")
            if not re.fullmatch(r"[a-z0-9-]+", section.get("id", "")):
                raise ValueError(f"section id {section.get('id')!r} must be lower-case letters, digits and '-'")
            if section["id"] in seen_sections:
                raise ValueError(f"section id {section['id']!r} is used twice")
            seen_sections.add(section["id"])
            for entry in section["fields"]:
                if isinstance(entry, dict) and (set(entry) - SUBGROUP_KEYS or not entry.get("legend")):
                    raise ValueError(f"section {section['id']!r}: a sub-group needs a 'legend' and 'fields', "
                                     f"and may have 'help'; it has {sorted(entry)}")
            for pointer in _placed(section["fields"]):
                if schema_node(self.schema, pointer) is None:
                    raise ValueError(f"section {section['id']!r} places {pointer}, which is not a property in the schema")
                for unit in placement_units(self.schema, pointer, self.excluded):
                    placed[unit] = placed.get(unit, 0) + 1
        wanted = placement_units(self.schema, "", self.excluded)
        missing = [unit for unit in wanted if unit not in placed]
        if missing:
            raise ValueError(f"the schema propert{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)} "
                             f"{'is' if len(missing) == 1 else 'are'} not placed in any section of the form hints")
        for unit, count in placed.items():
            if count > 1:
                raise ValueError(f"the schema property {unit} is placed {count} times in the form hints")

    def check_all_hints_used(self) -> None:
        unused = set(self.fields) - self.used
        if unused:
            raise ValueError(f"hints for {sorted(unused)[0]} were not used (is the list placeholder right? "
                             "each enclosing list item is written {i})")

    # -- helpers --

    def hint(self, pointer: str) -> dict:
        if pointer in self.fields:
            self.used.add(pointer)
            return self.fields[pointer]
        # A group's "each" hints every one of its properties alike (twelve statements, one look),
        # keyed by the pointer inside the property: "" for the property itself, "/answer" below it.
        parts = _split(pointer)
        for depth in range(len(parts) - 1, 0, -1):
            each = self.fields.get("/" + "/".join(_seg(p) for p in parts[:depth]), {}).get("each")
            if each is not None:
                inside = "".join(f"/{_seg(p)}" for p in parts[depth + 1:])
                return each.get(inside, {})
        return {}

    def html_id(self, pointer: str) -> str:
        parts = [re.sub(r"[^A-Za-z0-9_{}-]", "_", p) for p in _split(pointer)]
        return "-".join([self.form_id, *parts])

    def label(self, pointer: str, node: dict, hint: dict) -> str:
        if hint.get("label"):
            return hint["label"]
        resolved = resolve(self.schema, node)
        title = node.get("title") or resolved.get("title")
        if not title:
            raise ValueError(f"{pointer} has no title in the schema and no label in the form hints")
        return title

    @staticmethod
    def help_text(node: dict, hint: dict) -> str | None:
        if "help" in hint:
            return hint["help"] or None
        return node.get("description")

    def default_widget(self, pointer: str, node: dict) -> str:
        resolved, defs = resolve_chain(self.schema, node)
        kind = resolved.get("type")
        if "const" in resolved:
            raise ValueError(f"{pointer} is a constant: exclude it in the form hints")
        if "enum" in resolved:
            return "radios" if len(resolved["enum"]) <= 4 else "select"
        if kind == "boolean":
            return "radios"
        if _choice_values(resolved) is not None:
            return "radios"
        if kind in ("number", "integer"):
            return "number"
        if kind == "string":
            if "id" in defs:
                raise ValueError(f"{pointer} holds an id: give it widget 'id-select' and choices_from in the form hints")
            if "date" in defs or resolved.get("format") == "date":
                return "date"
            if "text" in defs or resolved.get("maxLength", 0) > 2000:
                return "textarea"
            return "input"
        if kind == "array":
            items, item_defs = resolve_chain(self.schema, resolved.get("items", {}))
            if items.get("type") == "string" and "id" in item_defs:
                raise ValueError(f"{pointer} is a list of ids: give it widget 'id-list' and choices_from in the form hints")
            return "list"
        if kind == "object":
            return "group"
        raise ValueError(f"{pointer}: the form renderer does not handle type {kind!r}")

    def check_widget(self, pointer: str, node: dict, widget: str) -> None:
        resolved, defs = resolve_chain(self.schema, node)
        kind = resolved.get("type")
        ok = {
            "input": kind == "string", "textarea": kind == "string", "date": kind == "string",
            "number": kind in ("number", "integer"),
            "radios": kind == "boolean" or _choice_values(resolved) is not None,
            "checkbox": kind == "boolean",
            "select": "enum" in resolved,
            "id-select": kind == "string" and "id" in defs,
            "id-list": kind == "array" and "id" in resolve_chain(self.schema, resolved.get("items", {}))[1],
            "list": kind == "array", "group": kind == "object",
        }[widget]
        if not ok:
            raise ValueError(f"{pointer}: widget {widget!r} does not fit a value of type {kind or 'enum'!r}")

    @staticmethod
    def attrs(**values: Any) -> str:
        out = []
        for name, value in values.items():
            if value is None or value is False:
                continue
            name = name.rstrip("_").replace("_", "-")
            out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
        return "".join(out)

    def help_html(self, html_id: str, text: str | None) -> tuple[str, str | None]:
        if not text:
            return "", None
        return f'<p class="pcsp-hint" id="{escape(html_id)}-hint">{escape(text)}</p>', f"{html_id}-hint"

    # -- rendering --

    def render(self) -> str:
        self.check_hints()
        parts = []
        for section in self.hints["sections"]:
            sid = f"section-{section['id']}"
            intro = (f'<p class="pcsp-section-intro">{escape(section["intro"])}</p>'
                     if section.get("intro") else "")
            body = "".join(self.subgroup(f"{sid}-{k}", entry) if isinstance(entry, dict) else self.node(entry, depth=0)
                           for k, entry in enumerate(section["fields"], start=1))
            parts.append(
                f'<div class="pcsp-form-section" id="{escape(sid)}">'
                f'<fieldset class="pcsp-section"><legend class="pcsp-section-legend">'
                f'<h2 class="pcsp-section-title" id="{escape(sid)}-title">{escape(section["title"])}</h2>'
                f"</legend>{intro}{body}</fieldset></div>")
        self.check_all_hints_used()
        title = self.hints.get("title")
        return (f'<form class="pcsp-form"{self.attrs(id=self.form_id, data_pcsp_form=self.hints.get("form", self.form_id), aria_label=title)}>'
                + "".join(parts) + "</form>")

    def subgroup(self, html_id: str, entry: dict) -> str:
        help_html, described = self.help_html(html_id, entry.get("help"))
        body = "".join(self.node(p, depth=0) for p in entry["fields"])
        return (f'<fieldset class="pcsp-group pcsp-subgroup"{self.attrs(id=html_id, aria_describedby=described)}>'
                f'<legend class="pcsp-legend">{escape(entry["legend"])}</legend>{help_html}{body}</fieldset>')

    def node(self, pointer: str, depth: int, label: str | None = None) -> str:
        """One placed property (and everything under it)."""
        if pointer in self.excluded:
            return ""
        node = schema_node(self.schema, pointer)
        if node is None:
            raise ValueError(f"{pointer} is not a property in the schema")
        hint = self.hint(pointer)
        widget = hint.get("widget") or self.default_widget(pointer, node)
        self.check_widget(pointer, node, widget)
        wrapper = {"data_pcsp_show_if": hint.get("show_if")}
        if widget == "group":
            return self.group(pointer, node, hint, depth, wrapper)
        if widget == "list":
            return self.list_(pointer, node, hint, depth, wrapper)
        if widget == "radios":
            return self.radios(pointer, node, hint, wrapper, label)
        if widget == "checkbox":
            return self.checkbox(pointer, node, hint, wrapper, label)
        if widget == "id-list":
            return self.id_list(pointer, node, hint, wrapper, label)
        return self.single(pointer, node, hint, widget, wrapper, label)

    def group(self, pointer: str, node: dict, hint: dict, depth: int, wrapper: dict) -> str:
        resolved = resolve(self.schema, node)
        keys = list(resolved.get("properties", {}))
        keys += map_keys(self.schema, resolved) or []
        body = "".join(self.node(_join(pointer, k), depth) for k in self.ordered(pointer, keys, hint))
        if not hint.get("group"):
            if wrapper["data_pcsp_show_if"]:
                return f'<div class="pcsp-group-plain"{self.attrs(**wrapper)}>{body}</div>'
            return body
        hid = self.html_id(pointer)
        help_html, described = self.help_html(hid, self.help_text(node, hint))
        return (f'<fieldset class="pcsp-group"{self.attrs(id=hid, aria_describedby=described, **wrapper)}>'
                f'<legend class="pcsp-legend">{escape(self.label(pointer, node, hint))}</legend>'
                f"{help_html}{body}</fieldset>")

    def ordered(self, pointer: str, keys: list[str], hint: dict, skip: tuple[str, ...] = ()) -> list[str]:
        keys = [k for k in keys if k not in skip]
        if "order" not in hint:
            return keys
        order = hint["order"]
        if sorted(order) != sorted(keys):
            missing = sorted(set(keys) - set(order))
            extra = sorted(set(order) - set(keys))
            raise ValueError(f"hints for {pointer}: 'order' must name each property once; "
                             f"missing {missing}, not in the schema {extra}")
        return list(order)

    def single(self, pointer: str, node: dict, hint: dict, widget: str, wrapper: dict, label: str | None) -> str:
        resolved = resolve(self.schema, node)
        hid = self.html_id(pointer)
        help_html, described = self.help_html(hid, self.help_text(node, hint))
        coach = ""
        if hint.get("coach"):
            coach = (f'<div class="pcsp-coach" id="{escape(hid)}-coach" data-pcsp-outcome-coach '
                     f'aria-live="polite"></div>')
            described = " ".join(x for x in (described, f"{hid}-coach") if x)
        common = dict(id=hid, name=hid, data_path=pointer, aria_describedby=described)
        if widget == "textarea":
            control = (f'<textarea class="pcsp-textarea"{self.attrs(**common, rows=hint.get("rows", 4), spellcheck="true", maxlength=resolved.get("maxLength"))}>'
                       "</textarea>")
        elif widget == "input":
            control = (f'<input class="pcsp-input" type="text"'
                       f'{self.attrs(**common, autocomplete=hint.get("autocomplete"), spellcheck="true", maxlength=resolved.get("maxLength"))}>')
        elif widget == "date":
            control = f'<input class="pcsp-input pcsp-input--date" type="date"{self.attrs(**common)}>'
        elif widget == "number":
            step = "1" if resolved.get("type") == "integer" else "0.01"
            control = (f'<input class="pcsp-input pcsp-input--number" type="number"'
                       f'{self.attrs(**common, data_type="number", inputmode="decimal", step=step, min=resolved.get("minimum"), max=resolved.get("maximum"))}>')
        elif widget == "select":
            options = self.enum_options(pointer, resolved, hint)
            first = hint.get("placeholder", "Choose one")
            opts = f'<option value="">{escape(first)}</option>' + "".join(
                f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options if v != "")
            control = f'<select class="pcsp-select"{self.attrs(**common, data_type="enum")}>{opts}</select>'
        elif widget == "id-select":
            source = self.choices_from(pointer, hint)
            first = hint.get("placeholder")
            if not first:
                raise ValueError(f"{pointer}: an id-select needs a 'placeholder' (its first, empty option) in the form hints")
            control = (f'<select class="pcsp-select"{self.attrs(**common, data_type="id", data_choices_from=source)}>'
                       f'<option value="">{escape(first)}</option></select>')
        else:  # pragma: no cover - WIDGETS and check_widget keep this out
            raise ValueError(f"{pointer}: widget {widget!r} not handled")
        text = label or self.label(pointer, node, hint)
        return (f'<div class="pcsp-field"{self.attrs(**wrapper)}>'
                f'<label class="pcsp-label" for="{escape(hid)}">{escape(text)}</label>'
                f"{help_html}{control}{coach}</div>")

    def enum_options(self, pointer: str, resolved: dict, hint: dict) -> list[tuple[str, str]]:
        if resolved.get("type") == "boolean":
            labels = {**self.boolean_options, **hint.get("options", {})}
            values = ["true", "false", ""]
        else:
            # A oneOf of titled consts labels itself; hints may still reword an option.
            titled = {str(b["const"]): b["title"] for b in resolved.get("oneOf", ()) if "const" in b and "title" in b}
            labels = {**titled, **hint.get("options", {})}
            values = [str(v) for v in _choice_values(resolved) or ()]
            if "" in labels:
                values.append("")
        missing = [v for v in values if v not in labels]
        if missing:
            raise ValueError(f"{pointer}: the form hints give no plain-word label for option(s) {missing}")
        extra = sorted(set(labels) - set(values))
        if extra:
            raise ValueError(f"{pointer}: the form hints label option(s) {extra} that the schema does not have")
        return [(v, labels[v]) for v in values]

    def radios(self, pointer: str, node: dict, hint: dict, wrapper: dict, label: str | None) -> str:
        resolved = resolve(self.schema, node)
        hid = self.html_id(pointer)
        help_html, described = self.help_html(hid, self.help_text(node, hint))
        is_bool = resolved.get("type") == "boolean"
        numbers = any(isinstance(v, int) and not isinstance(v, bool) for v in _choice_values(resolved) or ())
        data_type = "boolean" if is_bool else "number" if numbers else "enum"
        inline = hint.get("inline", is_bool)
        option_help = hint.get("option_help", {})
        options = self.enum_options(pointer, resolved, hint)
        if set(option_help) - {v for v, _ in options}:
            raise ValueError(f"{pointer}: option_help names option(s) {sorted(set(option_help) - {v for v, _ in options})} "
                             "that the schema does not have")
        items = []
        for value, text in options:
            rid = f"{hid}-{re.sub(r'[^A-Za-z0-9_-]', '_', value) or 'unset'}"
            checked = is_bool and value == ""
            more = (f'<span class="pcsp-option-help">{escape(option_help[value])}</span>'
                    if option_help.get(value) else "")
            items.append(
                f'<div class="pcsp-radio"><input class="pcsp-radio__input" type="radio"'
                f'{self.attrs(id=rid, name=hid, value=value, data_path=pointer, data_type=data_type, checked=checked)}>'
                f'<label class="pcsp-radio__label" for="{escape(rid)}">{escape(text)}{more}</label></div>')
        cls = "pcsp-radios pcsp-radios--inline" if inline else "pcsp-radios"
        return (f'<fieldset class="pcsp-field pcsp-choice-group"{self.attrs(id=hid, aria_describedby=described, **wrapper)}>'
                f'<legend class="pcsp-legend">{escape(label or self.label(pointer, node, hint))}</legend>'
                f'{help_html}<div class="{cls}">{"".join(items)}</div></fieldset>')

    def checkbox(self, pointer: str, node: dict, hint: dict, wrapper: dict, label: str | None) -> str:
        """One yes-or-nothing box: ticked is true, unticked leaves the key out."""
        hid = self.html_id(pointer)
        help_html, described = self.help_html(hid, self.help_text(node, hint))
        return (f'<div class="pcsp-field pcsp-checkbox"{self.attrs(**wrapper)}>'
                f'<input class="pcsp-checkbox__input" type="checkbox"'
                f'{self.attrs(id=hid, name=hid, data_path=pointer, data_type="boolean", aria_describedby=described)}>'
                f'<label class="pcsp-checkbox__label" for="{escape(hid)}">{escape(label or self.label(pointer, node, hint))}</label>'
                f"{help_html}</div>")

    def choices_from(self, pointer: str, hint: dict) -> str:
        source = hint.get("choices_from")
        if not source:
            raise ValueError(f"{pointer}: the form hints must say where its choices come from ('choices_from')")
        for list_pointer in source.split():
            listed = resolve(self.schema, schema_node(self.schema, list_pointer) or {})
            items = resolve(self.schema, listed.get("items", {}))
            if listed.get("type") != "array" or "id" not in items.get("properties", {}):
                raise ValueError(f"{pointer}: choices_from {list_pointer} is not a list of items with ids")
        return source

    def id_list(self, pointer: str, node: dict, hint: dict, wrapper: dict, label: str | None) -> str:
        source = self.choices_from(pointer, hint)
        hid = self.html_id(pointer)
        help_html, described = self.help_html(hid, self.help_text(node, hint))
        return (f'<fieldset class="pcsp-field pcsp-choice-group"'
                f'{self.attrs(id=hid, data_path=pointer, data_type="id-list", data_choices_from=source, aria_describedby=described, **wrapper)}>'
                f'<legend class="pcsp-legend">{escape(label or self.label(pointer, node, hint))}</legend>'
                f'{help_html}<div class="pcsp-checkboxes"{self.attrs(data_choices=True, data_empty_text=hint.get("empty"))}></div></fieldset>')

    def list_(self, pointer: str, node: dict, hint: dict, depth: int, wrapper: dict) -> str:
        if depth >= MAX_DEPTH:
            raise ValueError(f"{pointer}: lists nested more than {MAX_DEPTH} deep are not handled")
        resolved = resolve(self.schema, node)
        item_node = resolved.get("items")
        if not item_node:
            raise ValueError(f"{pointer}: a list without 'items' is not handled")
        noun = hint.get("item")
        if not noun:
            raise ValueError(f"{pointer}: the form hints must name one item of this list ('item', e.g. \"outcome\")")
        number = NUMBER
        item_pointer = _join(pointer, INDEX)
        hid = self.html_id(pointer)
        help_html, described = self.help_html(hid, self.help_text(node, hint))
        heading = f"{noun[:1].upper()}{noun[1:]} {number}"
        buttons = (
            '<div class="pcsp-item-actions">'
            f'<button type="button" class="pcsp-button pcsp-button--secondary" data-list-action="up">'
            f'Move up<span class="pcsp-visually-hidden"> {escape(noun)} {number}</span></button>'
            f'<button type="button" class="pcsp-button pcsp-button--secondary" data-list-action="down">'
            f'Move down<span class="pcsp-visually-hidden"> {escape(noun)} {number}</span></button>'
            f'<button type="button" class="pcsp-button pcsp-button--warning" data-list-action="remove">'
            f'Remove<span class="pcsp-visually-hidden"> {escape(noun)} {number}</span></button>'
            "</div>")
        item_resolved = resolve(self.schema, item_node)
        if item_resolved.get("type") == "object":
            props = list(item_resolved.get("properties", {}))
            id_html = ""
            if "id" in props:
                prefix = hint.get("id_prefix")
                if not prefix:
                    raise ValueError(f"{pointer}: its items have ids; the form hints must give 'id_prefix'")
                id_html = (f'<input type="hidden"'
                           f'{self.attrs(data_path=_join(item_pointer, "id"), data_id_prefix=prefix)}>')
            fields = "".join(self.node(_join(item_pointer, k), depth + 1)
                             for k in self.ordered(pointer, props, hint, skip=("id",)))
            item = (f'<li class="pcsp-list-item" data-list-item><fieldset class="pcsp-item">'
                    f'<legend class="pcsp-item-title">{escape(heading)}</legend>'
                    f"{id_html}{fields}{buttons}</fieldset></li>")
        else:
            if "order" in hint or "id_prefix" in hint:
                raise ValueError(f"{pointer}: 'order' and 'id_prefix' are only for lists of objects")
            field = self.node(item_pointer, depth + 1, label=heading)
            item = f'<li class="pcsp-list-item pcsp-list-item--single" data-list-item>{field}{buttons}</li>'
        add = hint.get("add_label") or f"Add another {noun}"
        return (f'<fieldset class="pcsp-list"{self.attrs(id=hid, data_list=pointer, aria_describedby=described, **wrapper)}>'
                f'<legend class="pcsp-legend">{escape(self.label(pointer, node, hint))}</legend>{help_html}'
                f'<ol class="pcsp-list-items" data-list-items></ol>'
                f'<template data-list-template>{item}</template>'
                f'<button type="button" class="pcsp-button pcsp-button--secondary pcsp-list-add" data-list-add>'
                f"{escape(add)}</button></fieldset>")


def render_form(schema: dict, hints: dict, form_id: str) -> str:
    """The complete HTML of a form for documents of `schema`, shaped by `hints`.

    Raises ValueError (naming the property) when the hints and the schema do not agree.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", form_id):
        raise ValueError(f"form id {form_id!r} must be a letter then letters, digits, '_' or '-'")
    return _Renderer(schema, hints, form_id).render()
