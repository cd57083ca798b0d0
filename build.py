#!/usr/bin/env python3
"""Build the offline guide site into out/ (or build it and serve it on localhost).

    python build.py                  build out/
    python build.py serve [--port N] build, then serve out/ on http://127.0.0.1:N/
    python build.py pin              build, renewing guide/third-party.sha256 (after an upgrade)

Steps, each a small function below:
  1. Pyodide (and axe-core, for the browser tests) from the npm lock, with npm ci.
  2. Wheels: our pcsp_core wheel, built fresh, plus the pinned pure wheels
     in guide/wheels.txt, fetched by pip with --require-hashes.
  3. MkDocs build, strict: any warning (a broken link, a bad example) fails.
  4. The Pyodide runtime and the four wheels into out/pyodide/, with our own
     pyodide-lock.json naming only those wheels (no CDN is reachable); then every
     third-party file about to ship is checked against guide/third-party.sha256.
  5. A Content-Security-Policy meta in every page: own origin only.
  6. The service worker's precache list and version, written into out/sw.js.

The only network use is npm ci and pip download, and both are skipped when
what they would fetch is already here and checks out.
"""
from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent
GUIDE = REPO / "guide"
NODE_MODULES = GUIDE / "node_modules"
WHEELS_TXT = GUIDE / "wheels.txt"
# sha256 of every third-party file the site ships that no lock already checks: Pyodide's
# runtime (npm ci checks the tarball, but a skipped npm ci or a later edit would not be
# seen) and Material's scripts and styles (from the pip package). "sha256  path in out/".
THIRD_PARTY_PINS = GUIDE / "third-party.sha256"
WHEEL_CACHE = REPO / ".cache" / "wheels"
MKDOCS_YML = REPO / "mkdocs.yml"
OUT = REPO / "out"  # mkdocs.yml: site_dir: out

# Only what the site loads: the console pages fetch from a CDN, and the
# typings, source maps and classic-script build are dead weight offline.
PYODIDE_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

# The browser's packages, keyed by normalised name as Pyodide's lock keys them.
# imports/depends cannot be read from a wheel cheaply, and they change only
# when pyproject.toml's dependencies do.
BROWSER_PACKAGES = {
    "pcsp-core": {"imports": ["pcsp_core"], "depends": ["jsonschema", "attrs", "pyrsistent"]},
    "jsonschema": {"imports": ["jsonschema"], "depends": ["attrs", "pyrsistent"]},
    "attrs": {"imports": ["attr", "attrs"], "depends": []},
    "pyrsistent": {"imports": ["pyrsistent"], "depends": []},
}
# The field set of a package entry in the lock npm's pyodide 314.0.7 ships;
# checked against that lock on every build so a Pyodide bump cannot drift.
LOCK_ENTRY_FIELDS = frozenset(
    {"name", "version", "file_name", "install_dir", "sha256", "package_type",
     "imports", "depends", "unvendored_tests", "tool"}
)

# pip download's target: any platform, Pyodide's Python, pure wheels only.
PIP_BROWSER_TARGET = ("--no-deps", "--only-binary=:all:", "--platform", "any",
                      "--python-version", "3.14", "--implementation", "py", "--abi", "none")

SW_PLACEHOLDER = 'const BUILD = {"version": "dev", "files": []};'
# Not worth a place in the offline cache: the gzip twin of sitemap.xml.
# and the headers file, which is for the host, not the browser.
PRECACHE_SKIP = frozenset({"sw.js", "sitemap.xml.gz", "_headers"})
# The header form of the policy and its companions, for hosts that send headers. The
# file is in the format Netlify and Cloudflare Pages read; build.py serve sends it too.
HEADERS_FILE = "_headers"


class BuildFailed(Exception):
    """A step failed for a reason the person running the build can act on."""


def say(message: str) -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------
# Small pure helpers


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def normalize_name(name: str) -> str:
    """PEP 503 normalisation, which is also how Pyodide keys its lock."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_wheel_name(file_name: str) -> tuple[str, str]:
    """(distribution as spelt in the file name, version) of a pure wheel."""
    if not file_name.endswith("-py3-none-any.whl"):
        raise BuildFailed(f"{file_name}: the browser can only use pure py3-none-any wheels")
    parts = file_name[: -len(".whl")].split("-")
    if len(parts) not in (5, 6):  # name-version[-build]-py-abi-platform
        raise BuildFailed(f"{file_name}: not a wheel file name")
    return parts[0], parts[1]


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


def lock_entry(wheel: Path, imports: list[str], depends: list[str]) -> dict:
    name, version = parse_wheel_name(wheel.name)
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,  # resolved against the lock's own URL
        "install_dir": "site",
        "sha256": sha256_file(wheel),  # Pyodide checks each download against it
        "package_type": "package",
        "imports": list(imports),
        "depends": list(depends),
        "unvendored_tests": False,
        "tool": {},
    }


def make_lock(npm_lock: dict, wheels: list[Path]) -> dict:
    """Our pyodide-lock.json: the runtime's own info, and only our four wheels.

    The npm lock lists 357 packages that would all be fetched from a CDN;
    ours lists only what the site ships, so nothing can reach outside.
    """
    by_name = {}
    for wheel in wheels:
        key = normalize_name(parse_wheel_name(wheel.name)[0])
        if key in by_name:
            raise BuildFailed(f"two wheels for {key}: {by_name[key].name} and {wheel.name}")
        by_name[key] = wheel
    if set(by_name) != set(BROWSER_PACKAGES):
        raise BuildFailed(
            f"browser wheels: want {sorted(BROWSER_PACKAGES)}, have {sorted(by_name)}")
    packages = {
        key: lock_entry(by_name[key], spec["imports"], spec["depends"])
        for key, spec in BROWSER_PACKAGES.items()
    }
    lock = {k: v for k, v in npm_lock.items() if k != "packages"}  # info, tool
    lock["info"] = dict(npm_lock["info"])  # abi_version, arch, platform, python
    lock["packages"] = packages
    return lock


def check_lock_format(npm_lock: dict) -> None:
    """Fail if the runtime's lock entries no longer look like ours."""
    sample = next(iter(npm_lock.get("packages", {}).values()), None)
    if sample is None or set(sample) != LOCK_ENTRY_FIELDS:
        have = sorted(sample) if sample else "no entries"
        raise BuildFailed(
            "node_modules/pyodide/pyodide-lock.json entries have fields "
            f"{have}; build.py writes {sorted(LOCK_ENTRY_FIELDS)}: update lock_entry()")


# Content-Security-Policy ---------------------------------------------------

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


# Service worker ------------------------------------------------------------


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


# Local server --------------------------------------------------------------


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Static files with the types module scripts, wasm and the manifest need."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",  # matches the pages' <meta charset>
        ".js": "text/javascript",  # module scripts are refused under other types
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",  # WebAssembly.instantiateStreaming needs it
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".whl": "application/octet-stream",
        ".zip": "application/octet-stream",
    }
    quiet = False

    def end_headers(self) -> None:
        # Revalidate every time, so a rebuild is seen at once (304 when unchanged).
        self.send_header("Cache-Control", "no-cache")
        # The headers a real host would send (read each time: serve starts before the build).
        headers = Path(self.directory) / HEADERS_FILE
        if headers.is_file():
            for name, value in read_headers_file(headers.read_text(encoding="utf-8")):
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def serve(directory: Path, port: int = 8000, quiet: bool = False) -> ThreadingHTTPServer:
    """An HTTP server for directory on 127.0.0.1:port (0 picks a free port).

    Call serve_forever() on it (or run that in a thread), then shutdown().
    """
    handler_class = type("Handler", (SiteRequestHandler,), {"quiet": quiet})
    handler = functools.partial(handler_class, directory=str(directory))
    return _SiteServer(("127.0.0.1", port), handler)


class _SiteServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        # A browser that goes away mid-download (a closed tab) is not an error worth a traceback.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


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
    for dist in ("mkdocs", "mkdocs-material", "build", "hatchling"):
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
        say(f"[1/6] npm packages: {', '.join(f'{p} {v}' for p, v in wanted.items())} "
            "already in guide/node_modules")
        return
    say("[1/6] npm packages: npm ci (fetching Pyodide, about 13 MB)...")
    started = time.monotonic()
    run(["npm", "ci", "--prefix", str(GUIDE), "--ignore-scripts", "--no-audit", "--no-fund"],
        "npm ci",
        "Pyodide comes from the npm registry: install Node.js 18+ and npm "
        "(Debian: apt-get install -y nodejs npm) and check that the registry is reachable.")
    for package, version in wanted.items():
        if installed_npm_version(package) != version:
            raise BuildFailed(f"npm ci left {package} {installed_npm_version(package)}, "
                              f"want {version}: run npm install --package-lock-only in guide/")
    say(f"      done in {time.monotonic() - started:.1f} s")


def build_core_wheel() -> Path:
    """Step 2a: our own wheel, always rebuilt (about a second) so it is never stale."""
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    for old in WHEEL_CACHE.glob("pcsp_core-*.whl"):
        old.unlink()
    # cwd is the cache, not the repo: `python -m build` run from the repo root
    # would import this build.py instead of the build package.
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
         "--outdir", str(WHEEL_CACHE), str(REPO)],
        "building the pcsp_core wheel",
        "Install the build tools: pip install --require-hashes -r requirements.lock",
        cwd=WHEEL_CACHE)
    built = sorted(WHEEL_CACHE.glob("pcsp_core-*.whl"))
    if len(built) != 1:
        raise BuildFailed(f"expected one pcsp_core wheel in .cache/wheels, found {len(built)}")
    parse_wheel_name(built[0].name)  # must be pure
    return built[0]


def cached_pins_ok(pins: dict[str, dict]) -> bool:
    for pin in pins.values():
        path = WHEEL_CACHE / pin["file_name"]
        if not path.is_file() or sha256_file(path) not in pin["hashes"]:
            return False
    return True


def fetch_pinned_wheels() -> list[Path]:
    """Step 2b: jsonschema, attrs, pyrsistent, hash-checked by pip and again here."""
    pins = read_wheel_pins(WHEELS_TXT.read_text())
    if set(pins) != set(BROWSER_PACKAGES) - {"pcsp-core"}:
        raise BuildFailed(f"guide/wheels.txt pins {sorted(pins)}; "
                          f"the browser needs {sorted(set(BROWSER_PACKAGES) - {'pcsp-core'})}")
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


class _WarningLog(logging.Handler):
    """Keeps MkDocs' warnings so a failed build can list them at the end."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def run_mkdocs(site_url: str | None = None) -> None:
    """Step 3: mkdocs build in this process, strict, quiet unless something is wrong.

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


def install_runtime(core_wheel: Path, pinned: list[Path]) -> list[Path]:
    """Step 4: runtime files, wheels and our own lock into out/pyodide/."""
    source = NODE_MODULES / "pyodide"
    npm_lock = json.loads((source / "pyodide-lock.json").read_text())
    check_lock_format(npm_lock)
    wheels = [core_wheel, *pinned]
    lock = make_lock(npm_lock, wheels)
    dest = OUT / "pyodide"
    if dest.exists():
        raise BuildFailed("out/pyodide/ came from the docs: site/pyodide/ would be overwritten")
    dest.mkdir(parents=True)
    for name in PYODIDE_RUNTIME:
        shutil.copy2(source / name, dest / name)
    for wheel in wheels:
        shutil.copy2(wheel, dest / wheel.name)
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=2) + "\n")
    return sorted(dest.iterdir())


def third_party_files(out_dir: Path) -> list[str]:
    """The shipped files that are not ours, as paths in out/: Pyodide's runtime and
    everything Material put under assets/ (our own files live in assets/pcsp/)."""
    found = [f"pyodide/{name}" for name in PYODIDE_RUNTIME]
    assets = out_dir / "assets"
    found += [p.relative_to(out_dir).as_posix() for p in assets.rglob("*")
              if p.is_file() and not p.relative_to(assets).as_posix().startswith("pcsp/")]
    return sorted(found)


def read_pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, path = line.split(None, 1)
            pins[path.strip()] = digest
    return pins


def pins_text(out_dir: Path) -> str:
    lines = [f"{sha256_file(out_dir / path)}  {path}" for path in third_party_files(out_dir)]
    return ("# sha256 of every third-party file the site ships (paths in out/), checked on every build.\n"
            "# Renew only on purpose, after upgrading Pyodide or Material: python build.py pin\n"
            + "\n".join(lines) + "\n")


def check_third_party(out_dir: Path, pins: dict[str, str]) -> int:
    """Step 4b: every third-party file about to ship is exactly the one pinned, and no other."""
    shipped = third_party_files(out_dir)
    problems = []
    for path in shipped:
        if path not in pins:
            problems.append(f"{path} ships but is not pinned")
        elif sha256_file(out_dir / path) != pins[path]:
            problems.append(f"{path} is not the pinned file (its sha256 differs)")
    problems += [f"{path} is pinned but does not ship" for path in pins if path not in shipped]
    if problems:
        raise BuildFailed(f"third-party files do not match {THIRD_PARTY_PINS.relative_to(REPO)}:\n  "
                          + "\n  ".join(problems) + "\nIf Pyodide or Material was upgraded on purpose, "
                          "run `python build.py pin`; otherwise reinstall them from their locks.")
    return len(shipped)


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
    """Step 5: the CSP meta in every page, and the same policy as a header in _headers."""
    pages = sorted(out_dir.rglob("*.html"))
    hashes: list[str] = []
    for page in pages:
        try:
            html = add_csp(page.read_text(encoding="utf-8"))
        except ValueError as error:
            raise BuildFailed(f"{page.relative_to(out_dir)}: {error}") from None
        page.write_text(html, encoding="utf-8")
        hashes += [h for h in inline_script_hashes(html) if h not in hashes]
    (out_dir / HEADERS_FILE).write_text(headers_file(header_policy(hashes)), encoding="utf-8")
    return len(pages)


def write_precache(out_dir: Path) -> dict:
    """Step 6: the file list and version into out/sw.js."""
    sw = out_dir / "sw.js"
    if not sw.is_file():
        raise BuildFailed("out/sw.js is missing: site/sw.js should be copied there by MkDocs")
    build = precache(out_dir)
    try:
        sw.write_text(inject_build(sw.read_text(encoding="utf-8"), build), encoding="utf-8")
    except ValueError as error:
        raise BuildFailed(f"site/sw.js: {error}") from None
    return build


def build_site(site_url: str | None = None, repin: bool = False) -> dict:
    started = time.monotonic()
    check_python_tools()
    set_source_date()
    ensure_pyodide()

    say("[2/6] wheels: building pcsp_core...")
    core_wheel = build_core_wheel()
    say(f"      {core_wheel.name}")
    pinned = fetch_pinned_wheels()

    say("[3/6] mkdocs build (strict)...")
    run_mkdocs(site_url)

    say("[4/6] Pyodide runtime and wheels into out/pyodide/")
    install_runtime(core_wheel, pinned)
    if repin:
        THIRD_PARTY_PINS.write_text(pins_text(OUT), encoding="utf-8")
        say(f"      pinned the third-party files anew in {THIRD_PARTY_PINS.relative_to(REPO)}")
    checked = check_third_party(OUT, read_pins(THIRD_PARTY_PINS.read_text(encoding="utf-8")))
    say(f"      {checked} third-party files match their pinned sha256")

    pages = apply_csp(OUT)
    say(f"[5/6] Content-Security-Policy added to {pages} pages")

    build = write_precache(OUT)
    say(f"[6/6] service worker: {len(build['files'])} URLs precached, version {build['version']}")

    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    say(f"Built out/ in {time.monotonic() - started:.1f} s: {pages} pages, "
        f"{len(build['files'])} files precached, {size / 1e6:.1f} MB, version {build['version']}")
    return build


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
        description="Build the offline PCSP guide into out/: Pyodide and wheels, "
                    "MkDocs pages (strict), CSP, and the service worker's file list.")
    parser.add_argument("command", nargs="?", choices=("build", "serve", "pin"), default="build",
                        help="build (the default); serve: build, then serve out/ on 127.0.0.1; "
                             "pin: build, taking today's Pyodide and Material files as the pinned ones "
                             "(only after upgrading them on purpose)")
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
