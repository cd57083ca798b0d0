"""The "My plan" form, rendered at build time from the plan schema plus guide/forms/plan.json.

The HTML is parsed with the standard library's html.parser; the checks walk the schema on
their own (not through the renderer's helpers, only pcsp_core.schema_walk's $ref resolution,
tested in test_schema_walk.py), so a renderer bug cannot hide itself.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pcsp_core import schema_walk
from pcsp_guide.forms import load_hints, render_form

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
# What the file is, the review history (kept by "Keep this review") and what the person shares
# (kept by "Share my plan"): none of them are fields of the form.
EXCLUDED = {"/$schema", "/kind", "/schema_version", "/review/history", "/share_choice"}
PLACEHOLDER = re.compile(r"\{[a-z]\}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CONTROLS = {"input", "select", "textarea"}


# --- a tiny DOM -------------------------------------------------------------

class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None") -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.text: list[str] = []

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()

    def all_text(self) -> str:
        return "".join(self.text) + "".join(c.all_text() for c in self.children)


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.text.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> is never closed"
    return builder.root


# --- the schema, walked independently --------------------------------------

def resolve(node: dict) -> dict:
    return schema_walk.resolve(SCHEMA, node)


def unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def at(pointer: str) -> dict | None:
    """The resolved schema at a pointer ({i}-style placeholders step into items), or None."""
    node = resolve(SCHEMA)
    for raw in pointer.split("/")[1:]:
        part = unescape(raw)
        if node.get("type") == "array" and PLACEHOLDER.fullmatch(part):
            node = resolve(node["items"])
        elif node.get("type") == "object" and part in node.get("properties", {}):
            node = resolve(node["properties"][part])
        else:
            return None
    return node


def expected_paths(pointer: str = "", node: dict | None = None, in_item: bool = False) -> list[str]:
    """The editable values of a plan, as normalised data-paths ({i} for every list index).

    A list of strings is edited item by item (/routines/{i}); a list of ids as one control
    (/outcomes/{i}/answers); item ids are minted by the JS, not edited, so they are left out.
    """
    node = resolve(node if node is not None else SCHEMA)
    if pointer in EXCLUDED:
        return []
    kind = node.get("type")
    if kind == "object":
        out = []
        for key, child in node.get("properties", {}).items():
            if in_item and key == "id":
                continue
            out += expected_paths(f"{pointer}/{key}", child, in_item=False)
        return out
    if kind == "array":
        items = node["items"]
        if items.get("$ref") == "#/$defs/id":
            return [pointer]
        item = resolve(items)
        if item.get("type") == "object":
            return expected_paths(f"{pointer}/{{i}}", item, in_item=True)
        return [f"{pointer}/{{i}}"]
    return [pointer]


def normalise(path: str) -> str:
    return PLACEHOLDER.sub("{i}", path)


# --- fixtures ---------------------------------------------------------------

@pytest.fixture(scope="module")
def hints() -> dict:
    return load_hints("plan")


@pytest.fixture(scope="module")
def html(hints) -> str:
    return render_form(SCHEMA, hints, "plan")


@pytest.fixture(scope="module")
def dom(html) -> Node:
    return parse(html)


def with_path(dom: Node) -> list[Node]:
    return [n for n in dom.walk() if "data-path" in n.attrs]


def placements(dom: Node) -> Counter:
    """How many controls edit each (normalised) path: a radio group counts once."""
    count: Counter = Counter()
    radio_groups: set[tuple[str, str]] = set()
    for node in with_path(dom):
        path = normalise(node.attrs["data-path"])
        if node.tag == "input" and node.attrs.get("type") == "radio":
            key = (path, node.attrs["name"])
            if key in radio_groups:
                continue
            radio_groups.add(key)
        if node.tag == "input" and node.attrs.get("type") == "hidden":
            continue
        count[path] += 1
    return count


# --- the tests --------------------------------------------------------------

def test_every_schema_property_is_placed_exactly_once(dom):
    count = placements(dom)
    expected = expected_paths()
    assert len(expected) > 70  # the walk really walked
    missing = [p for p in expected if count[p] == 0]
    twice = {p: n for p, n in count.items() if n > 1}
    extra = sorted(set(count) - set(expected))
    assert not missing, f"not in the form: {missing}"
    assert not twice, f"placed more than once: {twice}"
    assert not extra, f"in the form but not editable values of the schema: {extra}"


def test_excluded_properties_are_absent(dom):
    paths = {normalise(n.attrs["data-path"]) for n in with_path(dom)}
    for excluded in EXCLUDED:
        assert not any(p == excluded or p.startswith(excluded + "/") for p in paths), excluded


def test_every_data_path_and_pointer_attribute_is_in_the_schema(dom):
    pointers = []
    for node in dom.walk():
        for attr in ("data-path", "data-list", "data-pcsp-show-if"):
            if attr in node.attrs:
                pointers.append(node.attrs[attr])
        pointers += (node.attrs.get("data-choices-from") or "").split()
    assert len(pointers) > 100
    for pointer in pointers:
        assert pointer.startswith("/"), pointer
        assert at(pointer) is not None, f"{pointer} is not a pointer into the plan schema"


def test_list_placeholders_match_the_nesting(dom):
    # One {i} for each enclosing list item (the binder fills them outermost first), none outside.
    nested = 0
    for node in with_path(dom):
        depth = sum(1 for a in node.ancestors() if a.tag == "template")
        found = re.findall(r"\{[a-z]+\}", node.attrs["data-path"])
        assert found == ["{i}"] * depth, (node.attrs["data-path"], depth)
        nested += depth == 2
    assert nested == 1  # who I agreed an outcome with
    for node in dom.walk():
        if "data-list" in node.attrs:
            depth = sum(1 for a in node.ancestors() if a.tag == "template")
            assert node.attrs["data-list"].count("{i}") == depth


def test_item_ids_are_minted_with_the_right_prefix(dom):
    hidden = {n.attrs["data-path"]: n.attrs.get("data-id-prefix")
              for n in with_path(dom) if n.attrs.get("type") == "hidden"}
    assert hidden == {
        "/about_me/what_is_important_to_me/{i}/id": "m",
        "/working/{i}/id": "w",
        "/not_working/{i}/id": "n",
        "/outcomes/{i}/id": "o",
        "/actions/{i}/id": "a",
    }


def test_ids_are_unique_and_derived_from_the_pointer(dom):
    ids = [n.attrs["id"] for n in dom.walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    for node in with_path(dom):
        if node.attrs.get("type") in ("hidden", "radio"):
            continue
        # An id keeps the pointer's letters, digits, '_' and '-' ("tlap.4" becomes "tlap_4").
        expected = "plan" + re.sub(r"[^A-Za-z0-9_{}/-]", "_", node.attrs["data-path"]).replace("/", "-")
        assert node.attrs["id"] == expected
    assert any(n.attrs.get("id") == "plan-about_me-how_i_communicate" for n in dom.walk())


def test_every_control_has_a_label(dom):
    labels = {n.attrs["for"]: n for n in dom.walk() if n.tag == "label" and "for" in n.attrs}
    ids = {n.attrs["id"] for n in dom.walk() if "id" in n.attrs}
    assert set(labels) <= ids, f"labels for nothing: {sorted(set(labels) - ids)}"
    for node in dom.walk():
        if node.tag not in CONTROLS or node.attrs.get("type") == "hidden":
            continue
        assert node.attrs.get("id") in labels, f"no <label for> for {node.attrs}"
        assert labels[node.attrs["id"]].all_text().strip()
        if node.attrs.get("type") in ("radio", "checkbox"):
            group = next(a for a in node.ancestors() if a.tag == "fieldset")
            legend = next(c for c in group.children if c.tag == "legend")
            assert legend.all_text().strip()


def test_every_fieldset_has_a_legend_first(dom):
    for node in dom.walk():
        if node.tag == "fieldset":
            assert node.children and node.children[0].tag == "legend", node.attrs
            assert node.children[0].all_text().strip()


def test_help_text_is_linked(dom):
    ids = {n.attrs["id"]: n for n in dom.walk() if "id" in n.attrs}
    described = 0
    for node in dom.walk():
        for ref in (node.attrs.get("aria-describedby") or "").split():
            assert ref in ids, ref
            described += 1
    hints = [n for n in dom.walk() if "pcsp-hint" in (n.attrs.get("class") or "") and "id" in n.attrs]
    assert len(hints) > 20
    referenced = {r for n in dom.walk() for r in (n.attrs.get("aria-describedby") or "").split()}
    for hint in hints:
        assert hint.attrs["id"] in referenced, f"help text {hint.attrs['id']} is linked to nothing"


def test_radios_booleans_and_enums(dom):
    radios = [n for n in dom.walk() if n.tag == "input" and n.attrs.get("type") == "radio"]
    groups: dict[str, list[Node]] = {}
    for radio in radios:
        groups.setdefault(radio.attrs["name"], []).append(radio)
    for name, group in groups.items():
        path = group[0].attrs["data-path"]
        assert {r.attrs["data-path"] for r in group} == {path}
        schema = at(path)
        if schema.get("type") == "boolean":
            assert [r.attrs["value"] for r in group] == ["true", "false", ""]
            assert all(r.attrs["data-type"] == "boolean" for r in group)
            assert [r for r in group if "checked" in r.attrs] == [group[2]]  # absent until answered
        else:
            values = schema.get("enum") or [branch["const"] for branch in schema["oneOf"]]
            assert set(values) <= {r.attrs["value"] for r in group}
            assert all(r.attrs["data-type"] == "enum" for r in group)
    labels = {n.attrs["for"]: n.all_text() for n in dom.walk() if n.tag == "label" and "for" in n.attrs}
    yes_no = [labels[r.attrs["id"]] for r in groups["plan-conversation-i_felt_listened_to"]]
    assert yes_no == ["Yes", "No", "Not sure yet"]
    felt = [labels[r.attrs["id"]] for r in groups["plan-experience-tlap_4-answer"]]
    assert felt == ["Yes", "Partly", "No", "Not sure"]  # the schema's own titles for its answers
    view = [labels[r.attrs["id"]] for r in groups["plan-working-{i}-view"]]
    assert view == ["Mine", "My family's or friends'", "My practitioners'"]
    for node in with_path(dom):
        if at(node.attrs["data-path"]).get("type") == "number":
            assert node.attrs["type"] == "number" and node.attrs["data-type"] == "number"
            assert node.attrs["step"] == "0.01"


def test_widgets_follow_the_schema_types(dom):
    for node in with_path(dom):
        path = node.attrs["data-path"]
        raw = SCHEMA
        for part in path.split("/")[1:]:
            raw = resolve(raw)
            raw = raw["items"] if PLACEHOLDER.fullmatch(part) else raw["properties"][part]
        ref = raw.get("$ref", "")
        if ref == "#/$defs/text":
            assert node.tag == "textarea", path
        elif ref == "#/$defs/line":
            assert (node.tag, node.attrs.get("type")) == ("input", "text"), path
        elif ref == "#/$defs/date":
            assert (node.tag, node.attrs.get("type")) == ("input", "date"), path


def test_links_between_items(dom):
    by_path = {n.attrs["data-path"]: n for n in with_path(dom) if n.tag != "input" or n.attrs.get("type") != "radio"}
    answers = by_path["/outcomes/{i}/answers"]
    assert answers.tag == "fieldset"
    assert answers.attrs["data-type"] == "id-list"
    assert answers.attrs["data-choices-from"] == "/about_me/what_is_important_to_me /working /not_working"
    box = [c for c in answers.walk() if "data-choices" in c.attrs]
    assert len(box) == 1 and not box[0].children and box[0].attrs["data-empty-text"]
    for path in ("/actions/{i}/outcome", "/personal_health_budget/lines/{i}/outcome"):
        select = by_path[path]
        assert select.tag == "select"
        assert select.attrs["data-type"] == "id"
        assert select.attrs["data-choices-from"] == "/outcomes"
        first = select.children[0]
        assert first.tag == "option" and first.attrs["value"] == "" and first.all_text() == "Choose an outcome"
    for path in ("/outcomes/{i}/agreed_with/{i}", "/conversation/who_was_there/{i}", "/agreement/agreed_by/{i}",
                 "/sharing/who_can_see/{i}", "/sharing/formats_i_need/{i}", "/preparation/information_received/{i}"):
        assert by_path[path].tag == "input", path


def test_outcome_coach_follows_the_outcome_text(dom):
    box = next(n for n in with_path(dom) if n.attrs["data-path"] == "/outcomes/{i}/in_my_words")
    siblings = box.parent.children
    coach = siblings[siblings.index(box) + 1]
    assert "data-pcsp-outcome-coach" in coach.attrs
    assert coach.attrs["aria-live"] == "polite"
    assert not coach.children and not coach.all_text()
    assert sum("data-pcsp-outcome-coach" in n.attrs for n in dom.walk()) == 1


def test_list_templates(dom):
    lists = [n for n in dom.walk() if "data-list" in n.attrs]
    assert len(lists) > 25
    for lst in lists:
        kids = [c for c in lst.children]
        ol = [c for c in kids if c.tag == "ol" and "data-list-items" in c.attrs]
        templates = [c for c in kids if c.tag == "template" and "data-list-template" in c.attrs]
        adds = [c for c in kids if c.tag == "button" and "data-list-add" in c.attrs]
        assert len(ol) == 1 and not ol[0].children, lst.attrs
        assert len(templates) == 1 and len(adds) == 1, lst.attrs
        assert adds[0].all_text().startswith("Add another ")
        items = templates[0].children
        assert len(items) == 1 and items[0].tag == "li" and "data-list-item" in items[0].attrs
        number = "{n}"
        own = [b for b in items[0].walk() if b.tag == "button" and "data-list-add" not in b.attrs
               and next(a for a in b.ancestors() if "data-list-item" in a.attrs) is items[0]]
        names = [b.all_text() for b in own]
        assert [n.split(" ")[0] for n in names] == ["Move", "Move", "Remove"], names
        assert [b.attrs.get("data-list-action") for b in own] == ["up", "down", "remove"]
        noun = names[2][len("Remove "):-len(number) - 1]
        assert noun and all(n.endswith(f" {noun} {number}") for n in names), names
        assert adds[0].all_text() == f"Add another {noun}"


def test_object_items_have_a_numbered_legend(dom):
    template = next(n for n in dom.walk() if n.tag == "template" and n.parent.attrs.get("data-list") == "/outcomes")
    fieldset = template.children[0].children[0]
    assert fieldset.tag == "fieldset"
    assert fieldset.children[0].all_text() == "Outcome {n}"


def test_every_button_is_type_button(dom):
    buttons = [n for n in dom.walk() if n.tag == "button"]
    assert buttons
    assert all(b.attrs.get("type") == "button" for b in buttons)


def test_sections_in_the_hinted_order(dom, hints):
    sections = [n for n in dom.walk() if "pcsp-form-section" in (n.attrs.get("class") or "")]
    assert [s.attrs["id"] for s in sections] == [f"section-{s['id']}" for s in hints["sections"]]
    assert [s.attrs["id"] for s in sections][:2] == ["section-getting-ready", "section-about-me"]
    for section, hinted in zip(sections, hints["sections"]):
        h2 = [n for n in section.walk() if n.tag == "h2"]
        assert len(h2) == 1 and h2[0].all_text() == hinted["title"]
        assert h2[0].parent.tag == "legend" and h2[0].parent.parent.tag == "fieldset"


def test_review_history_is_left_for_the_review_form(dom):
    section = next(n for n in dom.walk() if n.attrs.get("id") == "section-review")
    paths = {n.attrs["data-path"] for n in section.walk() if "data-path" in n.attrs}
    assert paths == {"/review/next_formal_review", "/review/how_to_ask_for_review", "/review/how_i_review_informally",
                     "/review/i_take_part", "/review/who_takes_part/{i}"}


def test_budget_fields_show_only_with_a_budget(dom):
    seen = 0
    for node in with_path(dom):
        path = node.attrs["data-path"]
        if not path.startswith("/personal_health_budget/"):
            continue
        chain = [node, *node.ancestors()]
        shown_if = [a.attrs.get("data-pcsp-show-if") for a in chain if "data-pcsp-show-if" in a.attrs]
        if path == "/personal_health_budget/has_budget":
            assert not shown_if
        else:
            assert shown_if == ["/personal_health_budget/has_budget"], path
            seen += 1
    assert seen >= 6


def test_no_inline_script_style_or_handlers(html):
    assert "<script" not in html.lower()
    assert not re.search(r"\sstyle\s*=", html, re.I)
    assert not re.search(r"\son[a-z]+\s*=", html, re.I)
    assert "javascript:" not in html.lower()


def test_rendering_is_stable(hints, html):
    assert render_form(SCHEMA, copy.deepcopy(hints), "plan") == html


def test_text_is_escaped():
    hints = copy.deepcopy(load_hints("plan"))
    hints["fields"]["/person/name"]["label"] = 'My <b>name</b> & "more"'
    hints["sections"][0]["title"] = "<script>alert(1)</script>"
    out = render_form(SCHEMA, hints, "plan")
    assert "My &lt;b&gt;name&lt;/b&gt; &amp; &quot;more&quot;" in out
    assert "<script" not in out and "<b>" not in out


# --- loud failures ------------------------------------------------------------

def fails(hints: dict, *words: str, schema: dict = SCHEMA) -> None:
    with pytest.raises(ValueError) as caught:
        render_form(schema, hints, "plan")
    for word in words:
        assert word in str(caught.value), (word, str(caught.value))


def test_unknown_hint_property_fails(hints):
    broken = copy.deepcopy(hints)
    broken["fields"]["/about_me/favourite_colour"] = {"label": "My favourite colour"}
    fails(broken, "/about_me/favourite_colour")


def test_unknown_placed_property_fails(hints):
    broken = copy.deepcopy(hints)
    broken["sections"][0]["fields"].append("/shoe_size")
    fails(broken, "/shoe_size")


def test_schema_property_missing_from_hints_fails(hints):
    broken = copy.deepcopy(hints)
    broken["sections"] = [s for s in broken["sections"] if s["id"] != "strengths"]
    fails(broken, "/strengths")
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["about_me"]["properties"]["pets"] = {"title": "My pets", "$ref": "#/$defs/line"}
    # /about_me is placed whole, so a new property inside it is placed too...
    assert 'data-path="/about_me/pets"' in render_form(schema, hints, "plan")
    schema["properties"]["pets"] = {"title": "My pets", "$ref": "#/$defs/line"}
    fails(hints, "/pets", schema=schema)  # ...but a new top-level one is not.


def test_property_placed_twice_fails(hints):
    broken = copy.deepcopy(hints)
    broken["sections"][-1]["fields"].append("/person/name")
    fails(broken, "/person/name", "2 times")


def test_unhandled_type_fails(hints):
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["person"]["properties"]["shoe"] = {"title": "Shoe", "type": "null"}
    fails(hints, "/person/shoe", "null", schema=schema)
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["person"]["properties"]["grid"] = {
        "title": "Grid", "type": "array", "items": {"type": "array", "items": {"type": "string"}}}
    fails(hints, "/person/grid", schema=schema)


def test_missing_label_or_option_words_fail(hints):
    broken = copy.deepcopy(hints)
    del broken["fields"]["/person/date_of_birth"]
    fails(broken, "/person/date_of_birth", "label")
    broken = copy.deepcopy(hints)
    del broken["fields"]["/actions/{i}/who"]["options"]["services"]
    fails(broken, "/actions/{i}/who", "services")
    broken = copy.deepcopy(hints)
    broken["fields"]["/actions/{i}/who"]["options"]["aliens"] = "Aliens"
    fails(broken, "/actions/{i}/who", "aliens")


def test_list_and_link_hints_are_required(hints):
    for pointer, key, word in (("/routines", "item", "item"), ("/outcomes", "id_prefix", "id_prefix"),
                               ("/actions/{i}/outcome", "choices_from", "choices_from"),
                               ("/actions/{i}/outcome", "widget", "id-select")):
        broken = copy.deepcopy(hints)
        del broken["fields"][pointer][key]
        fails(broken, pointer, word)


def test_bad_hint_keys_and_widgets_fail(hints):
    broken = copy.deepcopy(hints)
    broken["fields"]["/person/name"]["lable"] = "typo"
    fails(broken, "/person/name", "lable")
    broken = copy.deepcopy(hints)
    broken["fields"]["/person/name"]["widget"] = "number"
    fails(broken, "/person/name", "number")
    broken = copy.deepcopy(hints)
    broken["fields"]["/outcomes/0/status"] = {"label": "a number, not the placeholder"}
    fails(broken, "/outcomes/0/status", "not used")
    broken = copy.deepcopy(hints)
    broken["fields"]["/outcomes"]["order"] = ["in_my_words"]
    fails(broken, "/outcomes", "order")


def test_select_for_long_enums():
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["person"]["properties"]["colour"] = {
        "title": "My favourite colour", "enum": ["red", "orange", "yellow", "green", "blue"]}
    hints = copy.deepcopy(load_hints("plan"))
    hints["fields"]["/person/colour"] = {"options": {v: v.title() for v in
                                                     ["red", "orange", "yellow", "green", "blue"]}}
    dom = parse(render_form(schema, hints, "plan"))
    select = next(n for n in with_path(dom) if n.attrs["data-path"] == "/person/colour")
    assert select.tag == "select" and select.attrs["data-type"] == "enum"
    assert [o.attrs["value"] for o in select.children] == ["", "red", "orange", "yellow", "green", "blue"]
