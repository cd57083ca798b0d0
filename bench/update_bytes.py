"""How much an update downloads: the guide built twice, the second time with one page's text
changed, and the bytes of the files whose hashes differ (what the service worker fetches).

    python bench/update_bytes.py        (after python build.py fetch)

Prints the bytes against the whole precached site; nothing is asserted.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import urllib.parse
from pathlib import Path

from mkdocs.commands import build
from mkdocs.config import load_config

from pcsp_guide.offline import precache
from pcsp_guide.plugin import search_languages

ROOT = Path(__file__).resolve().parents[1]
PAGE = "pcsp.md"  # "What is PCSP?": a page of text


def built(docs: Path, out: Path) -> dict:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build.build(config)
    finally:
        config.plugins.on_shutdown()
    return precache(out, search_languages(config))


def size(out: Path, url: str) -> int:
    path = urllib.parse.unquote(url)
    path = "index.html" if path == "./" else path + "index.html" if path.endswith("/") else path
    return (out / path).stat().st_size


def main() -> None:
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        shutil.copytree(ROOT / "site", docs)
        before = built(docs, Path(tmp) / "before")
        page = docs / PAGE
        page.write_text(page.read_text(encoding="utf-8").replace("care", "care and support", 1), encoding="utf-8")
        after_out = Path(tmp) / "after"
        after = built(docs, after_out)
        changed = [url for url in after["files"] if before["hashes"].get(url) != after["hashes"][url]]
        fetched = sum(size(after_out, url) for url in changed)
        whole = sum(size(after_out, url) for url in after["files"])
    print(f"one page's text changed ({PAGE}): {len(changed)} of {len(after['files'])} URLs change")
    for url in changed:
        print(f"  {url}")
    print(f"an update fetches {fetched / 1000:.0f} KB, against {whole / 1e6:.1f} MB for the whole site "
          f"(ratio {fetched / whole:.3f})")


if __name__ == "__main__":
    main()
