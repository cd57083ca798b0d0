"""The pages' Content-Security-Policy: own origin only, with a hash for each inline script.

The policy goes into every page as a meta (any host), and as a header in `_headers`
for hosts that read that file (Netlify, Cloudflare Pages; `build.py serve` too),
where it can also forbid framing.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# The header form of the policy and its companions, for hosts that send headers.
HEADERS_FILE = "_headers"

_ATTRS = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""  # a tag's attributes, quotes may hold '>'
_HEAD_RE = re.compile(r"<head\b" + _ATTRS + ">", re.I)
_SCRIPT_RE = re.compile(r"<script\b" + _ATTRS + r">(.*?)</script\s*>", re.I | re.S)
_ATTR_RE = re.compile(r"""([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_CHARSET_RE = re.compile(r"""\s*<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*/?>""", re.I)
_ANY_CSP_RE = re.compile(r"""<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy""", re.I)
_OUR_CSP_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

# Script types a browser runs (and so checks against script-src); any other
# type, e.g. application/json config, is a data block and needs no hash.
_JS_TYPES = frozenset({
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript",
})


def _attributes(text: str) -> dict[str, str]:
    found = {}
    for m in _ATTR_RE.finditer(text):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        found.setdefault(m.group(1).lower(), value)
    return found


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for each executable inline script, in page order."""
    hashes = []
    for m in _SCRIPT_RE.finditer(html):
        attrs = _attributes(m.group(1))
        if "src" in attrs:
            continue
        if attrs.get("type", "").split(";")[0].strip().lower() not in _JS_TYPES:
            continue
        digest = hashlib.sha256(m.group(2).encode("utf-8")).digest()
        source = "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def csp_policy(script_hashes: list[str]) -> str:
    # 'wasm-unsafe-eval' lets WebAssembly compile; nothing else from outside.
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes])
    return "; ".join([
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        # blob: only for runtime.js's one-line module that imports worker.js, so that the
        # worker holding every plan inherits this policy (a worker from a URL would not).
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_csp(html: str) -> str:
    """Put our CSP meta at the top of <head>, hashing the page's inline scripts.

    Running it again replaces its own meta (so it is idempotent); a CSP meta
    someone else wrote is an error, since two policies would both apply.
    The meta goes first in <head>, except that a leading <meta charset> stays
    first: the charset must sit in the document's first 1024 bytes, and a
    policy with many hashes would push it out. Only scripts need to come after
    the policy, and none can come before a <meta charset>.
    """
    html = _OUR_CSP_RE.sub("", html, count=1)
    if _ANY_CSP_RE.search(html):
        raise ValueError("the page already has its own Content-Security-Policy meta")
    head = _HEAD_RE.search(html)
    if head is None:
        raise ValueError("no <head> to put the Content-Security-Policy in")
    at = head.end()
    charset = _CHARSET_RE.match(html, at)
    if charset:
        at = charset.end()
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            + csp_policy(inline_script_hashes(html)) + '">')
    return html[:at] + meta + html[at:]


def header_policy(script_hashes: list[str]) -> str:
    """The pages' policy as a header: every page's inline-script hashes, and what only a
    header can say: that no other site may put these pages in a frame."""
    return csp_policy(script_hashes) + "; frame-ancestors 'none'"


def headers_file(policy: str) -> str:
    return (
        "# Where the host sends headers (Netlify and Cloudflare Pages read this file), every\n"
        "# response carries the pages' policy as a header, which can also forbid framing.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n")


def read_headers_file(text: str) -> list[tuple[str, str]]:
    """The headers for "/*" in a _headers file, in order."""
    found, in_all = [], False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_all = line.strip() == "/*"
        elif in_all and ":" in line:
            name, value = line.strip().split(":", 1)
            found.append((name.strip(), value.strip()))
    return found


def apply_csp(out_dir: Path) -> int:
    """The CSP meta in every page under out_dir, and the same policy as a header in _headers.

    Raises ValueError naming the page when one cannot take the policy.
    """
    pages = sorted(Path(out_dir).rglob("*.html"))
    hashes: list[str] = []
    for page in pages:
        try:
            html = add_csp(page.read_text(encoding="utf-8"))
        except ValueError as error:
            raise ValueError(f"{page.relative_to(out_dir).as_posix()}: {error}") from None
        page.write_text(html, encoding="utf-8")
        hashes += [h for h in inline_script_hashes(html) if h not in hashes]
    (Path(out_dir) / HEADERS_FILE).write_text(headers_file(header_policy(hashes)), encoding="utf-8")
    return len(pages)
