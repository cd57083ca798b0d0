"""MkDocs hooks: the framework pages are generated from pcsp_core's data.

Every statement on the generated pages comes from pcsp_core/frameworks/*.json
(which quotes the source documents word for word). The only words written here
are our own headings and one-line introductions.

- on_config: validate every framework file against the "framework" schema and
  fail the build, naming the file and the problem, if one is invalid.
- on_files: add framework/criteria.md, maturity.md, year-of-care.md and
  what-good-looks-like.md as generated pages.
- on_page_content: check that every quoted statement came out of Markdown
  unchanged (escaping worked), so a stray "*" or "1." cannot alter the words.

Anchors: each item gets its data id with dots turned into dashes, prefixed
with "c" when the id starts with a digit: "1.see.2" -> "c1-see-2",
"supportive-systems.e" -> "supportive-systems-e", "tlap.3" -> "tlap-3".
Criteria headings are "criterion-1" ... "criterion-5". Use anchor() to link.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import jsonschema
import markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from pcsp_core import resources

FRAMEWORK_DIR = "pcsp_core/frameworks"

# Characters Python-Markdown treats as backslash-escapable. on_config replaces
# this with the configured Markdown's own list (extensions add to it).
_escaped_chars: set[str] = set("\\`*_{}[]()>#+-.!|")

# src_uri -> the quoted strings that must appear unchanged in the page's HTML.
_quoted: dict[str, list[str]] = {}


# --------------------------------------------------------------------------
# helpers


def anchor(data_id: str) -> str:
    """The HTML id for a framework item's data id ("1.see.2" -> "c1-see-2")."""
    slug = data_id.replace(".", "-")
    return f"c{slug}" if slug[:1].isdigit() else slug


def _one_line(text: str) -> str:
    return " ".join(text.split())


def md_escape(text: str) -> str:
    """Quoted text as Markdown that renders to exactly these words."""
    out = []
    for ch in _one_line(text):
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch in _escaped_chars:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


class _Page:
    """Collects the Markdown of one generated page and the strings it quotes."""

    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri
        self.lines: list[str] = []
        self.quotes: list[str] = []
        self.ids: set[str] = set()

    def q(self, text: str) -> str:
        """Quote: remember the text for the after-render check, return it escaped."""
        self.quotes.append(_one_line(text))
        return md_escape(text)

    def id(self, html_id: str) -> str:
        if html_id in self.ids:
            raise PluginError(
                f"{self.src_uri}: two items would share the anchor '#{html_id}'. "
                f"Give them different ids in {FRAMEWORK_DIR}/."
            )
        self.ids.add(html_id)
        return html_id

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, level: int, text: str, html_id: str) -> None:
        self.add(f"{'#' * level} {text} {{#{self.id(html_id)}}}", "")

    def item(self, marker: str, text: str, html_id: str | None = None, indent: int = 0) -> None:
        pad = " " * indent
        self.add(f"{pad}{marker} {text}")
        if html_id:
            # attr_list reads a list item's attributes from its last line.
            self.add(f"{pad}{' ' * (len(marker) + 1)}{{: #{self.id(html_id)} }}")

    def source(self, data: dict[str, Any], intro: str) -> None:
        src = data["source"]
        where = f"Source: *{self.q(src['document'])}*"
        stop = "" if src["document"].rstrip()[-1:] in "?!." else "."
        if _one_line(data["title"]) not in _one_line(src["document"]):
            # The title names a part of the document, not the document itself.
            where += f", the part called “{self.q(data['title'])}”"
            stop = "."
        self.add(
            intro,
            "",
            f"{where}{stop} The statements on this page are quoted word for word from it. "
            "The headings and short introductions are ours.",
            "{: .pcsp-source }",
            "",
        )

    def markdown(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"


def _letter_gaps(letters: list[str]) -> list[str]:
    if not letters:
        return []
    have = set(letters)
    last = max(letters)
    return [chr(c) for c in range(ord("a"), ord(last) + 1) if chr(c) not in have]


def _say_list(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


# --------------------------------------------------------------------------
# the four pages


def criteria_page(data: dict[str, Any]) -> _Page:
    p = _Page("framework/criteria.md")
    criteria = sorted(data["criteria"], key=lambda c: c["number"])
    p.add(f"# The {len(criteria)} criteria", "")
    p.source(
        data,
        f"A plan counts as personalised care and support planning (PCSP) when it meets "
        f"these {len(criteria)} criteria. Each one says what good practice looks like, "
        "what we should see, and what would stop a plan from counting.",
    )
    for c in criteria:
        p.item("-", f"[Criterion {c['number']}: {p.q(c['title'])}](#criterion-{c['number']})")
    p.add("")
    for c in criteria:
        n = c["number"]
        p.heading(2, f"Criterion {n}: {p.q(c['title'])}", f"criterion-{n}")
        p.add(f"**Care Act reference:** {p.q(c['care_act'])}", "{: .pcsp-law }", "")
        p.heading(3, "What good practice looks like", f"criterion-{n}-best-practice")
        for text in c["best_practice"]:
            p.item("-", p.q(text))
        p.add("")
        p.heading(3, "To count this element, we should see", f"criterion-{n}-see")
        for i, item in enumerate(c["should_see"], 1):
            p.item(f"{i}.", p.q(item["text"]), anchor(item["id"]))
        p.add("")
        p.heading(3, "You could not count it as a PCSP if", f"criterion-{n}-not")
        for i, item in enumerate(c["could_not_count"], 1):
            p.item(f"{i}.", p.q(item["text"]), anchor(item["id"]))
        p.add("")
    return p


def maturity_page(data: dict[str, Any]) -> _Page:
    p = _Page("framework/maturity.md")
    foundations = data["foundations"]
    p.add("# Maturity matrix", "")
    p.source(
        data,
        "A team or system can use this to see how far it has come with PCSP, "
        f"and what to work on next. It has {len(data['levels'])} levels and "
        f"{len(foundations)} foundations.",
    )
    p.add("To rate your own team, fill it in on the [self-assessment](../team/self-assessment.md) page.", "")
    p.heading(2, "The levels", "levels")
    p.add("Rate each enabler below at one of these levels.", "")
    p.add("| Level | Name | What it means |", "| --- | --- | --- |")
    for lv in sorted(data["levels"], key=lambda lv: lv["level"]):
        p.add(f"| {lv['level']} | {p.q(lv['name'])} | {p.q(lv['description'])} |")
    p.add("")
    p.add("The foundations:", "")
    for f in foundations:
        p.item("-", f"[{p.q(f['title'])}](#{f['id']})")
    p.add("")
    for f in foundations:
        fid = f["id"]
        p.heading(2, p.q(f["title"]), fid)
        p.heading(3, "“I” statements", f"{fid}-i")
        p.add("What people say when this foundation is in place.", "")
        for item in f["i_statements"]:
            p.item("-", p.q(item["text"]), anchor(item["id"]))
        p.add("")
        p.heading(3, "“We” statements", f"{fid}-we")
        p.add("What staff and organisations say when this foundation is in place.", "")
        for item in f["we_statements"]:
            p.item("-", p.q(item["text"]), anchor(item["id"]))
        p.add("")
        p.heading(3, "Enablers", f"{fid}-enablers")
        p.add("The things that help. Each keeps the letter it has in the source.", "")
        for e in f["enablers"]:
            p.item("-", f"**Enabler {md_escape(e['letter'])}:** {p.q(e['text'])}", anchor(e["id"]))
        p.add("")
        gaps = _letter_gaps([e["letter"] for e in f["enablers"]])
        if gaps:
            missing = _say_list(gaps)
            one = len(gaps) == 1
            letters = ", ".join(e["letter"] for e in f["enablers"])
            p.add(
                f"!!! note \"Why there is no enabler{'' if one else 's'} {missing}\"",
                f"    The letters here run {letters}. The source document has no "
                f"enabler{'' if one else 's'} {missing} in this list, and we keep its "
                "letters as they are so that they match the printed framework.",
                "",
            )
    return p


def year_of_care_page(data: dict[str, Any]) -> _Page:
    p = _Page("framework/year-of-care.md")
    stages = sorted(data["stages"], key=lambda s: s["number"])
    p.add("# Year of Care checklist", "")
    p.source(
        data,
        f"Use this as a checklist when you put PCSP in place: {len(stages)} stages "
        "of work, then the parts of the Year of Care House that need to be there.",
    )
    p.add("To keep track of your own progress, use the "
          "[implementation checklist](../team/implementation-checklist.md) tool.", "")
    p.heading(2, "The stages", "stages")
    for s in stages:
        p.heading(3, f"Stage {s['number']}: {p.q(s['title'])}", s["id"])
        _checklist(p, s["activities"])
    p.heading(2, "The Year of Care House", "house")
    p.add(
        "The House shows what has to be in place for PCSP to work. "
        "Each part holds up the rest.",
        "",
    )
    for part in data["house"]:
        p.heading(3, f"{p.q(part['part'])}: {p.q(part['title'])}", part["id"])
        _checklist(p, part["components"])
    return p


def _checklist(p: _Page, items: list[dict[str, Any]]) -> None:
    for item in items:
        p.item("-", p.q(item["text"]), anchor(item["id"]))
        for detail in item.get("details", []):
            p.item("-", p.q(detail), indent=4)
    p.add("")


def tlap_page(data: dict[str, Any]) -> _Page:
    p = _Page("framework/what-good-looks-like.md")
    statements = data["statements"]
    steps = sorted(data["steps"], key=lambda s: s["number"])
    stages = sorted(data["support_plan_stages"], key=lambda s: s["number"])
    p.add("# What good looks like", "")
    p.source(
        data,
        "How good care and support planning feels to the person, the steps it "
        "takes, and the stages of writing a support plan.",
    )
    p.heading(2, f"{len(statements)} statements from the person", "statements")
    p.add("When planning is done well, a person can say:", "")
    for i, item in enumerate(statements, 1):
        p.item(f"{i}.", p.q(item["text"]), anchor(item["id"]))
    p.add("")
    p.add("In [My plan](../my-plan.md#section-how-planning-felt), “How planning felt” asks you each of "
          "these, in these words: yes, partly, no or not sure, with your own words if you want. Where a "
          "statement asks what one of the 5 criteria asks, “Does my plan count?” reads your answer there "
          "and says which statement it used, so you answer it once.", "")
    p.heading(2, f"The {len(steps)} steps", "steps")
    for s in steps:
        p.heading(3, f"Step {s['number']}: {p.q(s['title'])}", f"step-{s['id']}")
        for point in s["points"]:
            p.item("-", p.q(point))
        p.add("")
    p.heading(2, f"The {len(stages)} stages of a support plan", "support-plan-stages")
    for s in stages:
        p.item(
            f"{s['number']}.",
            f"**{p.q(s['title'])}** — {p.q(s['text'])}",
            f"support-plan-stage-{s['number']}",
        )
    p.add("")
    return p


# file stem in pcsp_core/frameworks/ -> page builder
PAGES: dict[str, Callable[[dict[str, Any]], _Page]] = {
    "criteria": criteria_page,
    "maturity": maturity_page,
    "year_of_care": year_of_care_page,
    "tlap": tlap_page,
}


# --------------------------------------------------------------------------
# validation


def _framework_stems() -> list[str]:
    folder = resources.files("pcsp_core") / "frameworks"
    return sorted(n.name[: -len(".json")] for n in folder.iterdir() if n.name.endswith(".json"))


def validate_frameworks() -> None:
    """Raise PluginError listing every problem in every framework file."""
    problems: list[str] = []
    schema = resources.schema("framework")
    validator = jsonschema.Draft202012Validator(schema)
    stems = _framework_stems()
    for stem in PAGES:
        if stem not in stems:
            problems.append(f"{FRAMEWORK_DIR}/{stem}.json: the file is missing.")
    for stem in stems:
        where = f"{FRAMEWORK_DIR}/{stem}.json"
        try:
            data = resources.framework(stem)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.")
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{where}: cannot be read: {exc}.")
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        for err in errors:
            pointer = "/" + "/".join(str(part) for part in err.absolute_path)
            problems.append(f"{where}: at {pointer}: {err.message}")
    if problems:
        raise PluginError(
            "The framework data does not match schemas/framework.schema.json:\n  "
            + "\n  ".join(problems)
        )


# --------------------------------------------------------------------------
# after render: every quoted statement must appear unchanged


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _page_text(page_html: str) -> str:
    parser = _Text()
    parser.feed(page_html)
    return _one_line("".join(parser.parts))


# --------------------------------------------------------------------------
# MkDocs events


def on_config(config, **kwargs):
    global _escaped_chars
    # Re-read the data on every build, so `mkdocs serve` shows edits to it.
    resources.framework.cache_clear()
    resources.schema.cache_clear()
    validate_frameworks()
    md = markdown.Markdown(
        extensions=config["markdown_extensions"],
        extension_configs=config["mdx_configs"],
    )
    _escaped_chars = set(md.ESCAPED_CHARS)
    return config


def on_files(files: Files, config, **kwargs) -> Files:
    _quoted.clear()
    for stem, build in PAGES.items():
        page = build(resources.framework(stem))
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(
                f"{config['docs_dir']}/{page.src_uri} exists, but this page is generated "
                f"from {FRAMEWORK_DIR}/{stem}.json by guide/hooks.py. Delete the file "
                "and change the data instead."
            )
        _quoted[page.src_uri] = page.quotes
        files.append(File.generated(config, page.src_uri, content=page.markdown()))
    return files


def on_page_content(page_html: str, page, config, files, **kwargs):
    quotes = _quoted.get(page.file.src_uri)
    if quotes:
        text = _page_text(page_html)
        lost = [q for q in quotes if q not in text]
        if lost:
            raise PluginError(
                f"{page.file.src_uri}: these quoted words did not come out of Markdown "
                "unchanged (an escaping problem in guide/hooks.py): "
                + "; ".join(repr(q) for q in lost[:5])
            )
    return page_html


def on_serve(server, config, builder, **kwargs):
    folder = Path(str(resources.files("pcsp_core") / "frameworks"))
    if folder.is_dir():
        server.watch(str(folder))
    return server
