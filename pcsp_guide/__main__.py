"""`python -m pcsp_guide add-runtime SITE_DIR`: the pcsp tools for a site built without the MkDocs plugin.

Zensical renders the fences (markdown_extensions: pcsp_guide.extension) but runs no MkDocs
plugins, so after `zensical build` this adds what the plugin would have: the scripts and
styles, the tags in each page, Python for the browser, and optionally the
Content-Security-Policy (--csp) and the offline service worker (--offline).
Run it after every build; running it twice gives the same site.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from pcsp_guide import csp, offline, runtime
from pcsp_guide.pages import add_tools, root_from
from pcsp_guide.static_files import STYLESHEET, site_files, stylesheet


def add_runtime(site: Path, use_csp: bool = False, use_offline: bool = False) -> int:
    """Everything the tools need into the built site at `site`; returns how many pages got the tags."""
    if not (site / "index.html").is_file():
        raise ValueError(f"{site} has no index.html: give the folder your site was built into")
    for dest, source in site_files(use_offline):
        (site / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / dest)
    (site / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
    ours = site / runtime.SITE_FOLDER
    if (ours / runtime.LOCK_FILE).is_file():
        shutil.rmtree(ours)  # ours from an earlier run over the same build: made afresh
    runtime.install_runtime(site)
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        page.write_text(add_tools(html, root_from(page.relative_to(site).as_posix()), use_offline), encoding="utf-8")
    if use_csp:
        csp.apply_csp(site)
    if use_offline:
        offline.write_precache(site)
    return len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pcsp_guide", description=__doc__.splitlines()[0].strip("`"))
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-runtime", help="add the pcsp tools' runtime to a built site")
    add.add_argument("site", type=Path, help="the folder the site was built into (Zensical: site/)")
    add.add_argument("--csp", action="store_true", help="add a Content-Security-Policy to every page "
                     "(own origin only: scripts from other sites would stop working)")
    add.add_argument("--offline", action="store_true", help="add the service worker that keeps the whole "
                     "site for use offline (a site can have only one service worker)")
    args = parser.parse_args(argv)
    try:
        pages = add_runtime(args.site, args.csp, args.offline)
    except (ValueError, OSError, runtime.RuntimeMissing) as error:
        print(f"pcsp_guide add-runtime: {error}", file=sys.stderr)
        return 1
    print(f"Added the pcsp tools to {pages} pages in {args.site}"
          + (", with a Content-Security-Policy" if args.csp else "")
          + (", for use offline" if args.offline else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
