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


LUNR = "assets/javascripts/lunr/"  # Material's search languages


def lunr_files(languages: list[str]) -> set[str]:
    """The files under LUNR that Material's search worker loads for these languages (none for English)."""
    others = [lang for lang in languages if lang != "en"]
    needed = {f"{LUNR}min/lunr.{lang}.min.js" for lang in others}
    if others:
        needed.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    if len(languages) > 1:
        needed.add(f"{LUNR}min/lunr.multi.min.js")
    needed |= {f"{LUNR}tinyseg.js" for lang in others if lang == "ja"}
    needed |= {f"{LUNR}wordcut.js" for lang in others if lang == "th"}
    return needed


def precache(out_dir: Path, search_languages: list[str] | tuple[str, ...] = ("en",)) -> dict:
    """{"version", "files", "hashes"} for the service worker.

    files: every file under out_dir (bar PRECACHE_SKIP, source maps, and search languages the
    site does not use) as a root-relative URL, plus "x/" for each "x/index.html" ("./" for the
    root) so navigations hit the cache too. hashes: each URL's file's content hash (12 hex), so
    an update fetches only the files that changed. version: the first 12 hex of a sha256 over
    each file's path and content hash, so it changes when any byte does, and only then.
    """
    out_dir = Path(out_dir)
    paths = sorted(
        p.relative_to(out_dir).as_posix()
        for p in out_dir.rglob("*")
        if p.is_file() and p.relative_to(out_dir).as_posix() not in PRECACHE_SKIP
    )
    contents = {rel: sha256_file(out_dir / rel) for rel in paths}
    digest = hashlib.sha256()
    for rel in paths:
        digest.update(f"{rel} {contents[rel]}\n".encode("utf-8"))
    unused_search = {rel for rel in paths if rel.startswith(LUNR)} - lunr_files(list(search_languages))
    # Source maps are for debugging; nobody needs them offline (1.3 MB of Material's).
    kept = [rel for rel in paths if not rel.endswith(".map") and rel not in unused_search]
    hashes = {rel: contents[rel][:12] for rel in kept}
    for rel in kept:
        if rel == "index.html":
            hashes["./"] = contents[rel][:12]
        elif rel.endswith("/index.html"):
            hashes[rel[: -len("index.html")]] = contents[rel][:12]
    quoted = {urllib.parse.quote(url): value for url, value in hashes.items()}  # URLs: escape spaces etc.
    return {"version": digest.hexdigest()[:12], "files": sorted(quoted), "hashes": dict(sorted(quoted.items()))}


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
    value = json.dumps({"version": build["version"], "files": list(build["files"]),
                        "hashes": dict(build.get("hashes", {}))})
    lines[i] = f"{indent}const BUILD = {value};{ending}"
    return "".join(lines)


def write_precache(out_dir: Path, search_languages: list[str] | tuple[str, ...] = ("en",)) -> dict:
    """The file list and version into out_dir/sw.js (ValueError if sw.js is not ours)."""
    sw = Path(out_dir) / SW_FILE
    build = precache(out_dir, search_languages)
    sw.write_text(inject_build(sw.read_text(encoding="utf-8"), build), encoding="utf-8")
    return build
