"""The `pcsp-framework` fence: quote the framework by id, from pcsp_core's data, so the
words on a trainer's page never drift from the source.

    ```pcsp-framework
    criterion: 3
    ```

One key: `criterion` (1 to 5), `enabler` (e.g. supportive-systems.g) or `tlap` (1 to 12).
An unknown key or id fails the build with the page and line.
"""

from __future__ import annotations

from html import escape
from typing import Any

from pcsp_core import resources
from pcsp_guide.widget import OPTIONS, Context, Fence, FenceError, yaml_body

KEYS = ("criterion", "enabler", "tlap")


def _which(source: str, options: dict[str, Any]) -> tuple[str, str]:
    body = yaml_body(source, "the pcsp-framework fence's text is not “key: value”")
    asked = {**(body if isinstance(body, dict) else {}), **options}
    if not isinstance(body, (dict, type(None))) or len(asked) != 1 or next(iter(asked)) not in KEYS:
        raise FenceError(f"the pcsp-framework fence takes exactly one of {', '.join(KEYS)}, "
                         f"e.g. “criterion: 3”; it was given {sorted(asked) or 'nothing'}")
    key, value = next(iter(asked.items()))
    return key, str(value).strip()


def _source(data: dict[str, Any]) -> str:
    return f'<p class="pcsp-source">Quoted from {escape(data["source"]["document"])}.</p>'


def _criterion(number: str) -> str:
    data = resources.framework("criteria")
    found = next((c for c in data["criteria"] if str(c["number"]) == number), None)
    if found is None:
        raise FenceError(f"there is no criterion “{number}”: the framework has criteria 1 to {len(data['criteria'])}")
    items = lambda key: "".join(f"<li>{escape(item['text'])}</li>" for item in found[key])  # noqa: E731
    return (f'<p class="pcsp-quote__title"><strong>Criterion {found["number"]}. {escape(found["title"])}</strong></p>'
            f'<p>To count we should see:</p><ul>{items("should_see")}</ul>'
            f'<p>It could not count if:</p><ul>{items("could_not_count")}</ul>{_source(data)}')


def _enabler(enabler_id: str) -> str:
    data = resources.framework("maturity")
    for foundation in data["foundations"]:
        for enabler in foundation["enablers"]:
            if enabler["id"] == enabler_id:
                return (f'<p class="pcsp-quote__title"><strong>{escape(foundation["title"])}, enabler '
                        f'{escape(enabler["letter"])}</strong></p><p>{escape(enabler["text"])}</p>{_source(data)}')
    known = ", ".join(e["id"] for f in data["foundations"] for e in f["enablers"])
    raise FenceError(f"there is no enabler “{enabler_id}”; the maturity matrix has {known}")


def _tlap(number: str) -> str:
    data = resources.framework("tlap")
    found = next((s for s in data["statements"] if s["id"] == f"tlap.{number}"), None)
    if found is None:
        raise FenceError(f"there is no TLAP statement “{number}”: there are statements 1 to {len(data['statements'])}")
    return f'<p class="pcsp-quote__title"><strong>TLAP “I” statement {escape(number)}</strong></p>' \
           f'<p>{escape(found["text"])}</p>{_source(data)}'


def _framework(source: str, options: dict[str, Any], ctx: Context) -> str:
    key, value = _which(source, options)
    quote = {"criterion": _criterion, "enabler": _enabler, "tlap": _tlap}[key](value)
    return f'<blockquote class="{ctx.css_class} pcsp-quote">{quote}</blockquote>'


FRAMEWORK = Fence("pcsp-framework", _framework, takes=OPTIONS)
