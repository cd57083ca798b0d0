"""The `pcsp` MkDocs plugin: live PCSP tools and build-checked worked examples in any Material site.

    plugins:
      - search
      - pcsp:
          csp: false       # a Content-Security-Policy in every page (own origin only)
          offline: false   # a service worker keeping the whole site for use offline

It adds the fences (through pcsp_guide.extension, merged with the site's own
SuperFences fences), the scripts and styles, and after the build Python for the
browser (Pyodide, the wheels, and a pcsp_core wheel made from the pcsp_core that
judged the pages). Both options default to off so that a host site's own scripts
and service worker keep working: a policy would block scripts from other sites, and
a site can have only one service worker. Our guide turns both on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from pcsp_guide import csp, offline, pins, runtime
from pcsp_guide.pages import add_tools, has_tool, root_from
from pcsp_guide.static_files import STATIC, STYLESHEET, site_files, stylesheet

EXTENSION = "pcsp_guide.extension"
SUPERFENCES = "pymdownx.superfences"


def search_languages(config: Any) -> list[str]:
    """The languages the site's search indexes (Material loads a lunr file for each but English)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    languages = search.config.get("lang") if search is not None else None
    if not languages:
        languages = [config.theme.get("language") or "en"]
    return [languages] if isinstance(languages, str) else list(languages)


class PcspConfig(base.Config):
    csp = c.Type(bool, default=False)
    offline = c.Type(bool, default=False)
    # A file of "sha256  path" lines: the build stops if a third-party file that ships differs.
    third_party_pins = c.Optional(c.File(exists=True))


class PcspPlugin(BasePlugin[PcspConfig]):
    def __init__(self) -> None:
        self.site_own: set[str] = set()  # files from docs_dir, which a pin check leaves alone
        self.repin = False  # build.py pin: write the pins instead of checking them

    def on_config(self, config: Any) -> Any:
        if config.theme.name != "material":
            raise PluginError(f"the pcsp plugin needs theme: material (this site uses {config.theme.name})")
        extensions = [e for e in config.markdown_extensions if e != EXTENSION]
        if SUPERFENCES not in extensions:
            extensions.append(SUPERFENCES)
        # After SuperFences, so the fences join the site's own rather than being replaced by them.
        config.markdown_extensions = [*extensions, EXTENSION]
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        self.site_own = {f.dest_uri for f in files if f.src_dir == config.docs_dir}
        try:
            shipped = site_files(self.config.offline)
        except runtime.RuntimeMissing as error:
            raise PluginError(f"pcsp: {error}") from None
        ours = [File.generated(config, dest, abs_src_path=str(source)) for dest, source in shipped]
        ours.append(File.generated(config, STYLESHEET, content=stylesheet()))
        for file in ours:
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{file.src_uri} would be replaced by the pcsp plugin's own "
                                  "file: rename or remove yours")
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        # Blank lines where the front matter was, so a fence's line number is the file's own.
        raw = page.file.content_string
        body, _ = get_data(raw)
        if raw.endswith(body) and body:
            return "\n" * raw[: len(raw) - len(body)].count("\n") + markdown
        return markdown

    def on_page_content(self, html: str, page: Any, **kwargs: Any) -> str:
        # MkDocs checks links only against ids it parsed itself; the tools' markup has its own.
        if has_tool(html) and page.present_anchor_ids is not None:
            page.present_anchor_ids |= set(re.findall(r'\bid="([^"]+)"', html))
        return html

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return add_tools(output, root_from(page.file.dest_uri), self.config.offline)

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        if template_name != "404.html":
            return output
        # The 404 page is served at any address, so it reaches the assets from the site's own path.
        root = urlsplit(config.site_url or "/").path or "/"
        return add_tools(output, root if root.endswith("/") else root + "/", self.config.offline)

    def on_post_build(self, config: Any) -> None:
        site = Path(config.site_dir)
        try:
            runtime.install_runtime(site)
        except (runtime.RuntimeMissing, ValueError) as error:
            raise PluginError(f"pcsp: {error}") from None
        self._check_pins(site)
        if self.config.csp:
            try:
                csp.apply_csp(site)
            except ValueError as error:
                raise PluginError(f"pcsp: cannot add the Content-Security-Policy: {error}") from None
        if self.config.offline:
            offline.write_precache(site, search_languages(config))

    def _check_pins(self, site: Path) -> None:
        pinned = self.config.third_party_pins
        if not pinned:
            return
        if self.repin:
            Path(pinned).write_text(pins.pins_text(site, self.site_own), encoding="utf-8")
            return
        _, problems = pins.pin_problems(site, pins.read_pins(Path(pinned).read_text(encoding="utf-8")),
                                        self.site_own)
        if problems:
            raise PluginError(f"third-party files do not match {pinned}:\n  " + "\n  ".join(problems)
                              + "\nIf Pyodide or Material was upgraded on purpose, run `python build.py pin`; "
                              "otherwise reinstall them from their locks.")

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(STATIC / "assets"))
        return server
