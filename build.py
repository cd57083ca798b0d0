#!/usr/bin/env python3
"""Fetch what the guide needs, build it, serve it, and make the trainers' wheel.

    python build.py                  fetch (when needed), then build the site into out/
    python build.py serve [--port N] build, then serve out/ on http://127.0.0.1:N/
    python build.py fetch            only fetch: Pyodide (npm) and the pinned wheels (pip)
    python build.py dist             fetch, then write the one wheel a trainer installs into dist/
    python build.py pin              build, renewing guide/third-party.sha256 (after an upgrade)

The site itself is made by MkDocs with the `pcsp` plugin (pcsp_guide/plugin.py): the
fences, Python for the browser, the CSP and the service worker all happen inside
`mkdocs build`. What MkDocs cannot do is fetch, so this file does that:
  1. Pyodide, the Tabler icons (and axe-core, for the browser tests) from the npm lock, with npm ci.
  2. The pinned pure wheels in guide/wheels.txt, with pip download --require-hashes.
  3. Both assembled into pcsp_guide/static/pyodide/ (git-ignored) with a lock naming only
     those wheels; the plugin adds a pcsp_core wheel made at build time. The icons easy read
     names (only those) are copied into pcsp_guide/static/icons/ (git-ignored).

The only network use is npm ci and pip download, and both are skipped when
what they would fetch is already here and checks out.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

from pcsp_guide import icons
from pcsp_guide.digests import sha256_file
from pcsp_guide.runtime import (BROWSER_PACKAGES, CORE, LOCK_FILE, PYODIDE_RUNTIME, RUNTIME_DIR,
                                check_lock_format, make_lock, normalize_name)
from pcsp_guide.serve import serve

REPO = Path(__file__).resolve().parent
GUIDE = REPO / "guide"
NODE_MODULES = GUIDE / "node_modules"
WHEELS_TXT = GUIDE / "wheels.txt"
WHEEL_CACHE = REPO / ".cache" / "wheels"
MKDOCS_YML = REPO / "mkdocs.yml"
OUT = REPO / "out"  # mkdocs.yml: site_dir: out
DIST = REPO / "dist"

# pip download's target: any platform, Pyodide's Python, pure wheels only.
PIP_BROWSER_TARGET = ("--no-deps", "--only-binary=:all:", "--platform", "any",
                      "--python-version", "3.14", "--implementation", "py", "--abi", "none")


class BuildFailed(Exception):
    """A step failed for a reason the person running the build can act on."""


def say(message: str) -> None:
    print(message, flush=True)


def read_wheel_pins(text: str) -> dict[str, dict]:
    """name==version lines with --hash options, as pip --require-hashes reads them.

    Returns {normalised name: {"version", "hashes", "file_name"}}.
    """
    pins = {}
    logical = re.sub(r"\\\n", " ", text)  # pip joins backslash continuations
    for line in logical.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()  # pip's comment rule
        if not line:
            continue
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)((?:\s+--hash[= ]sha256:[0-9a-f]{64})+)\s*$", line)
        if not match:
            raise BuildFailed(f"guide/wheels.txt: cannot read {line!r} (want name==version --hash=sha256:...)")
        name, version, hash_part = match.groups()
        wheel_dist = re.sub(r"[-_.]+", "_", name).lower()
        pins[normalize_name(name)] = {
            "version": version,
            "hashes": set(re.findall(r"sha256:([0-9a-f]{64})", hash_part)),
            "file_name": f"{wheel_dist}-{version}-py3-none-any.whl",
        }
    return pins


# --------------------------------------------------------------------------
# Steps with side effects


def run(command: list[str], what: str, fix: str, cwd: Path = REPO) -> None:
    """Run a tool quietly; on failure show its output and what to do."""
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        raise BuildFailed(f"{what}: {command[0]} not found. {fix}") from None
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        tail = "\n".join(output.splitlines()[-40:])
        raise BuildFailed(f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
                          f"{tail}\n{fix}")


def check_python_tools() -> None:
    # Metadata, not imports: this file is itself called build.py and would
    # shadow the `build` package in an import check.
    missing = []
    for dist in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        try:
            importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            missing.append(dist)
    if missing:
        raise BuildFailed(
            f"missing Python packages: {', '.join(missing)}. Install them into this "
            f"environment with: {sys.executable} -m pip install --require-hashes -r requirements.lock "
            + " ".join(missing))


def set_source_date() -> None:
    """Pin build dates (sitemap lastmod, wheel timestamps) to the last commit.

    The same tree then builds the same bytes, so the service worker's version
    changes only when content does, and nobody re-downloads 15 MB for nothing.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        result = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True)
    except FileNotFoundError:
        return
    stamp = result.stdout.strip()
    if result.returncode == 0 and stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp


def wanted_npm_versions() -> dict[str, str]:
    manifest = json.loads((GUIDE / "package.json").read_text())
    return {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}


def installed_npm_version(package: str) -> str | None:
    try:
        return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure_pyodide() -> None:
    """Step 1: npm ci from guide/package-lock.json (npm checks its integrity)."""
    wanted = wanted_npm_versions()
    if all(installed_npm_version(p) == v for p, v in wanted.items()):
        say(f"[1/3] npm packages: {', '.join(f'{p} {v}' for p, v in wanted.items())} "
            "already in guide/node_modules")
        return
    say("[1/3] npm packages: npm ci (fetching Pyodide and the Tabler icons, about 20 MB)...")
    started = time.monotonic()
    run(["npm", "ci", "--prefix", str(GUIDE), "--ignore-scripts", "--no-audit", "--no-fund"],
        "npm ci",
        "Pyodide and the icons come from the npm registry: install Node.js 18+ and npm "
        "(Debian: apt-get install -y nodejs npm) and check that the registry is reachable.")
    for package, version in wanted.items():
        if installed_npm_version(package) != version:
            raise BuildFailed(f"npm ci left {package} {installed_npm_version(package)}, "
                              f"want {version}: run npm install --package-lock-only in guide/")
    say(f"      done in {time.monotonic() - started:.1f} s")


def cached_pins_ok(pins: dict[str, dict]) -> bool:
    for pin in pins.values():
        path = WHEEL_CACHE / pin["file_name"]
        if not path.is_file() or sha256_file(path) not in pin["hashes"]:
            return False
    return True


def fetch_pinned_wheels() -> list[Path]:
    """Step 2b: jsonschema, attrs, pyrsistent, hash-checked by pip and again here."""
    pins = read_wheel_pins(WHEELS_TXT.read_text())
    if set(pins) != set(BROWSER_PACKAGES) - {CORE}:
        raise BuildFailed(f"guide/wheels.txt pins {sorted(pins)}; "
                          f"the browser needs {sorted(set(BROWSER_PACKAGES) - {CORE})}")
    if cached_pins_ok(pins):
        say("      pinned wheels already in .cache/wheels (hashes match)")
    else:
        say("      pip download (pinned wheels, --require-hashes)...")
        run([sys.executable, "-m", "pip", "download", "--require-hashes", *PIP_BROWSER_TARGET,
             "-r", str(WHEELS_TXT), "-d", str(WHEEL_CACHE)],
            "pip download", "The wheels come from PyPI: check that it is reachable.")
        if not cached_pins_ok(pins):
            raise BuildFailed("pip download finished but the wheels in .cache/wheels do not "
                              "match guide/wheels.txt (name or hash)")
    return [WHEEL_CACHE / pin["file_name"] for pin in pins.values()]


def assemble_runtime() -> Path:
    """Step 3: Pyodide's runtime files and the pinned wheels into pcsp_guide/static/pyodide/,
    with a lock naming only those wheels. Files already there and identical are left alone."""
    source = NODE_MODULES / "pyodide"
    npm_lock = json.loads((source / LOCK_FILE).read_text())
    try:
        check_lock_format(npm_lock)
        wheels = fetch_pinned_wheels()
        lock = make_lock(npm_lock, wheels)
    except ValueError as error:
        raise BuildFailed(str(error)) from None
    RUNTIME_DIR.mkdir(parents=True, exist_ok=True)
    wanted = {name: source / name for name in PYODIDE_RUNTIME} | {w.name: w for w in wheels}
    for old in RUNTIME_DIR.iterdir():
        if old.name not in wanted and old.name != LOCK_FILE:
            old.unlink()
    for name, path in wanted.items():
        target = RUNTIME_DIR / name
        if not target.is_file() or sha256_file(target) != sha256_file(path):
            shutil.copy2(path, target)
    (RUNTIME_DIR / LOCK_FILE).write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")
    return RUNTIME_DIR


def assemble_icons() -> list[Path]:
    """Easy read's pictures: only the icons pcsp_core names, from the npm package, into pcsp_guide/static/icons/."""
    try:
        return icons.assemble(NODE_MODULES / icons.PACKAGE)
    except ValueError as error:
        raise BuildFailed(str(error)) from None


def fetch() -> Path:
    check_python_tools()
    ensure_pyodide()
    say("[2/3] pinned wheels (jsonschema, attrs, pyrsistent)")
    runtime = assemble_runtime()
    pictures = assemble_icons()
    say(f"[3/3] runtime assembled in {runtime.relative_to(REPO)}, "
        f"{len(pictures)} easy-read pictures in {icons.ICON_DIR.relative_to(REPO)}")
    return runtime


class _WarningLog(logging.Handler):
    """Keeps MkDocs' warnings so a failed build can list them at the end."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def run_mkdocs(site_url: str | None = None, repin: bool = False) -> None:
    """mkdocs build in this process, strict, quiet unless something is wrong.

    site_url overrides mkdocs.yml's. Material's instant navigation only follows
    links whose sitemap URL matches the page's port, so a site served on another
    port is built with that port in its site_url.
    """
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.utils import DuplicateFilter

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    stream = logging.StreamHandler(sys.stdout)
    stream.setFormatter(logging.Formatter("      %(levelname)s - %(message)s"))
    collected = _WarningLog()
    logger.addHandler(stream)
    logger.addHandler(collected)
    mkdocs_build.log.addFilter(DuplicateFilter())  # as `mkdocs build` does
    try:
        # Config warnings are logged before mkdocs' own strict counter starts,
        # so they are counted here too.
        overrides = {"site_url": site_url} if site_url else {}
        config = load_config(config_file=str(MKDOCS_YML), strict=True, **overrides)
        config.plugins["pcsp"].repin = repin
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        raise BuildFailed(_mkdocs_report(error.format_message(), collected.messages)) from None
    finally:
        logger.removeHandler(stream)
        logger.removeHandler(collected)
    if collected.messages:
        raise BuildFailed(_mkdocs_report("MkDocs warned (strict mode)", collected.messages))


def _mkdocs_report(headline: str, messages: list[str]) -> str:
    listed = "\n".join(f"  - {m}" for m in messages) or "  (no warnings were logged)"
    return f"mkdocs build failed: {headline}\n{listed}"


def build_site(site_url: str | None = None, repin: bool = False) -> None:
    started = time.monotonic()
    set_source_date()
    fetch()
    say("mkdocs build (strict, with the pcsp plugin)...")
    run_mkdocs(site_url, repin=repin)
    if repin:
        say("      pinned the third-party files anew in guide/third-party.sha256")
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    pages = sum(1 for _ in OUT.rglob("*.html"))
    say(f"Built out/ in {time.monotonic() - started:.1f} s: {pages} pages, {size / 1e6:.1f} MB")


def make_dist() -> Path:
    """The one wheel a trainer installs: pcsp_core, pcsp_guide and the assembled runtime."""
    set_source_date()
    fetch()
    DIST.mkdir(exist_ok=True)
    for old in DIST.glob(f"{CORE.replace('-', '_')}-*.whl"):
        old.unlink()
    # cwd is dist/, not the repo: `python -m build` run from the repo root
    # would import this build.py instead of the build package.
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(DIST), str(REPO)],
        "building the wheel",
        "Install the build tools: pip install --require-hashes -r requirements.lock", cwd=DIST)
    made = sorted(DIST.glob("*.whl"))
    if len(made) != 1:
        raise BuildFailed(f"expected one wheel in dist/, found {len(made)}")
    say(f"Wrote {made[0].relative_to(REPO)} ({made[0].stat().st_size / 1e6:.1f} MB)")
    return made[0]


def listen(port: int) -> ThreadingHTTPServer:
    try:
        return serve(OUT, port)
    except OSError as error:
        raise BuildFailed(f"cannot listen on 127.0.0.1:{port} ({error.strerror}): "
                          "try another --port") from None


def serve_forever(server: ThreadingHTTPServer) -> None:
    port = server.server_address[1]
    say(f"Serving out/ at http://127.0.0.1:{port}/  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("\nStopped.")
    finally:
        server.server_close()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Fetch Pyodide and the wheels, build the offline PCSP guide into out/ "
                    "with MkDocs and the pcsp plugin, serve it, or make the trainers' wheel.")
    parser.add_argument("command", nargs="?", choices=("build", "serve", "fetch", "dist", "pin"), default="build",
                        help="build (the default); serve: build, then serve out/ on 127.0.0.1; "
                             "fetch: only fetch Pyodide and the wheels; dist: the wheel trainers install, "
                             "into dist/; pin: build, taking today's Pyodide and Material files as the "
                             "pinned ones (only after upgrading them on purpose)")
    parser.add_argument("--port", type=int, default=8000,
                        help="port for serve (default 8000; 0 picks a free one). The site is "
                             "built for that address, so instant navigation works there")
    parser.add_argument("--site-url", metavar="URL",
                        help="build for this address instead of mkdocs.yml's site_url")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.chdir(REPO)  # mkdocs and its hooks see the repo as the working directory
    try:
        if args.command == "serve":
            # Listen first, so the build knows the port it will be served on.
            server = listen(args.port)
            build_site(args.site_url or f"http://127.0.0.1:{server.server_address[1]}/")
            serve_forever(server)
        elif args.command == "fetch":
            fetch()
        elif args.command == "dist":
            make_dist()
        else:
            build_site(args.site_url, repin=args.command == "pin")
    except BuildFailed as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
