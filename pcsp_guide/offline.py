"""Offline use: the service worker's list of files to keep, and its version.

The service worker (static/sw.js) holds one placeholder line; after the site is
built it is replaced by the build's version and every file to precache.
"""
from __future__ import annotations

import hashlib
import json
import urllib.parse
from pathlib import Path

from pcsp_guide.digests import sha256_file

SW_FILE = "sw.js"
SW_PLACEHOLDER = 'const BUILD = {"version": "dev", "files": []};'
# Not worth a place in the offline cache: the gzip twin of sitemap.xml,
# and the headers file, which is for the host, not the browser.
PRECACHE_SKIP = frozenset({SW_FILE, "sitemap.xml.gz", "_headers"})


def precache(out_dir: Path) -> dict:
    """{"version", "files"} for the service worker.

    files: every file under out_dir (bar PRECACHE_SKIP) as a root-relative URL,
    plus "x/" for each "x/index.html" ("./" for the root) so navigations hit
    the cache too. version: the first 12 hex of a sha256 over each file's path
    and content hash, so it changes when any byte does, and only then.
    """
    out_dir = Path(out_dir)
    paths = sorted(
        p.relative_to(out_dir).as_posix()
        for p in out_dir.rglob("*")
        if p.is_file() and p.relative_to(out_dir).as_posix() not in PRECACHE_SKIP
    )
    digest = hashlib.sha256()
    for rel in paths:
        digest.update(f"{rel} {sha256_file(out_dir / rel)}\n".encode("utf-8"))
    # Source maps are for debugging; nobody needs them offline (1.3 MB of Material's).
    urls = {rel for rel in paths if not rel.endswith(".map")}
    for rel in paths:
        if rel == "index.html":
            urls.add("./")
        elif rel.endswith("/index.html"):
            urls.add(rel[: -len("index.html")])
    files = sorted(urllib.parse.quote(u) for u in urls)  # URLs: escape spaces etc.
    return {"version": digest.hexdigest()[:12], "files": files}


def inject_build(sw_text: str, build: dict) -> str:
    """Replace sw.js's one placeholder line with the real BUILD."""
    lines = sw_text.splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.strip() == SW_PLACEHOLDER]
    if len(hits) != 1:
        raise ValueError(f"sw.js must hold the line {SW_PLACEHOLDER!r} exactly once "
                         f"(found {len(hits)})")
    i = hits[0]
    line = lines[i]
    indent = line[: len(line) - len(line.lstrip())]
    ending = line[len(line.rstrip("\r\n")):]
    value = json.dumps({"version": build["version"], "files": list(build["files"])})
    lines[i] = f"{indent}const BUILD = {value};{ending}"
    return "".join(lines)


def write_precache(out_dir: Path) -> dict:
    """The file list and version into out_dir/sw.js (ValueError if sw.js is not ours)."""
    sw = Path(out_dir) / SW_FILE
    build = precache(out_dir)
    sw.write_text(inject_build(sw.read_text(encoding="utf-8"), build), encoding="utf-8")
    return build
