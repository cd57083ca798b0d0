"""The plan for the people who support the person, and the "if things change" card, each as one
self-contained .html file.

It opens anywhere, an email attachment included: no script, nothing fetched from anywhere
(its own Content-Security-Policy says so), its styles inside it. It is plain and prints
cleanly, with the date it was made on the page and page numbers in the margin. The
person's words are shown exactly as typed: every one is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .emergency_card import card
from .plan_tree import long_date, plan_title, plan_tree
from .review import review_status
from .sharing import choice_for, chosen_parts

# Nothing may load or run: no default source, styles only from the <style> below.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
CALL = ' class="call"'  # who to contact, which stands out
STYLE = """
body { font: 1.05rem/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #212b32;
       max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; padding-top: .5rem; border-top: 2px solid #005eb8; }
ul { padding-left: 1.25rem; margin: .25rem 0; }
li { margin: .2rem 0; }
.made, .next { color: #4c6272; }
.label, .call { font-weight: 600; }
@page { margin: 16mm 14mm 18mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; } }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } li { break-inside: avoid; } }
"""


def _words(text: str) -> str:
    return "<br>".join(escape(line, quote=True) for line in text.splitlines() if line.strip())


def _item(node: dict[str, Any]) -> str:
    parts = []
    if node["label"]:
        parts.append(f'<span class="label">{escape(node["label"])}</span>' + (": " if node["text"] else ""))
    if node["text"] is not None:
        parts.append(_words(node["text"]))
    children = "".join(_item(child) for child in node["children"])
    return f"<li>{''.join(parts)}{f'<ul>{children}</ul>' if children else ''}</li>"


def _page(title: str, heading: str, lines: list[str], body: list[str]) -> str:
    """A whole self-contained page: `title` and `heading` are plain text; `lines` and `body` are HTML."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(heading)}</h1>\n"
        + "".join(f"{line}\n" for line in lines)
        + "\n".join(body) +
        "\n</main>\n</body>\n</html>\n")


def reader_html(plan: dict[str, Any], today: str, choice: dict[str, Any] | None = None) -> str:
    """The chosen parts (no choice: the plan's own, else the summary), made on `today` (YYYY-MM-DD)."""
    title = plan_title(plan)
    sections = []
    for part in plan_tree(plan, choice):
        heading = f"part-{part['key']}"
        items = "".join(_item(node) for node in part["items"])
        sections.append(f'<section aria-labelledby="{heading}"><h2 id="{heading}">{escape(part["title"])}</h2>'
                        f"<ul>{items}</ul></section>")
    lines = [f'<p class="made">For the people who support me. Made on {long_date(today)}, from my own plan, '
             "in my own words.</p>"]
    if "review" in chosen_parts(choice_for(plan, choice)):
        due = review_status(plan, today)["due"]
        lines.append(f'<p class="next">My plan is next reviewed by {long_date(due)}.</p>' if due
                     else '<p class="next">My plan does not say yet when it is next reviewed.</p>')
    return _page(f"{title}: for the people who support me", title, lines, sections)


def card_html(plan: dict[str, Any], today: str, choice: dict[str, Any] | None = None) -> str:
    """The "if things change" card (emergency_card.card) as its own page, made on `today`."""
    made = card(plan, choice)
    body = []
    for block in made["blocks"]:
        heading = f"<h2>{escape(block['heading'])}</h2>" if block["heading"] else ""
        lines = "".join(f"<p{CALL if line['call'] else ''}>{_words(line['text'])}</p>" for line in block["lines"])
        body.append(f"<section>{heading}{lines}</section>")
    if made["empty"]:
        body.append(f'<p class="made">{escape(made["empty"])}</p>')
    return _page(made["title"], made["title"], [f'<p class="made">Made on {long_date(today)}, from my own plan.</p>'], body)
