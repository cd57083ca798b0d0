"""The site build's pure helpers (pcsp_guide: CSP, precache list, lock file, pins) and
build.py's own (wheel pins, the local server).

Fast and offline: nothing here runs npm, pip or MkDocs.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
import sys
import threading
import tomllib
import urllib.error
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Loaded by path under another name: `import build` would find the PyPA
# build package (or this file, depending on sys.path order).
_spec = importlib.util.spec_from_file_location("pcsp_build", REPO / "build.py")
b = importlib.util.module_from_spec(_spec)
sys.modules["pcsp_build"] = b
_spec.loader.exec_module(b)

from pcsp_core.easy_read import icon_names  # noqa: E402
from pcsp_guide import csp, digests, icons, offline, pins, runtime  # noqa: E402
from pcsp_guide.serve import serve  # noqa: E402


def csp_hash(script_text: str) -> str:
    digest = hashlib.sha256(script_text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy_of(html: str) -> dict[str, list[str]]:
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(metas) == 1, metas
    directives = {}
    for part in metas[0].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# --------------------------------------------------------------------------
# add_csp

PAGE = (
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n'
    "    <title>Test</title>\n"
    "    <script>var a = 1;</script>\n"
    '    <script id="__config" type="application/json">{"base": "."}</script>\n'
    '    <script src="assets/x.js"></script>\n'
    '    <script type="module" data-note="a>b">import "./y.js";</script>\n'
    "  </head>\n  <body><header>h</header>\n"
    '    <script>\nconsole.log("é — ü")\n</script>\n'
    "    <script>var a = 1;</script>\n"
    "  </body>\n</html>\n"
)


def test_csp_hashes_each_executable_inline_script():
    out = csp.add_csp(PAGE)
    script_src = policy_of(out)["script-src"]
    assert script_src == [
        "'self'", "'wasm-unsafe-eval'",
        csp_hash("var a = 1;"),
        csp_hash('import "./y.js";'),
        csp_hash('\nconsole.log("é — ü")\n'),  # hashed over the UTF-8 bytes, newlines kept
    ]  # the repeated script is listed once


def test_csp_does_not_hash_json_or_external_scripts():
    out = csp.add_csp(PAGE)
    script_src = policy_of(out)["script-src"]
    assert csp_hash('{"base": "."}') not in script_src
    assert len(script_src) == 5


def test_csp_policy_allows_only_own_origin():
    directives = policy_of(csp.add_csp(PAGE))
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    for name in ("font-src", "connect-src", "manifest-src", "base-uri", "form-action"):
        assert directives[name] == ["'self'"], name
    # blob: only so the worker can start from a one-line blob module and inherit this policy.
    assert directives["worker-src"] == ["'self'", "blob:"]


def test_the_header_form_is_the_page_policy_with_every_hash_and_no_framing():
    policy = csp.header_policy(["'sha256-a'", "'sha256-b'"])
    assert policy == csp.csp_policy(["'sha256-a'", "'sha256-b'"]) + "; frame-ancestors 'none'"
    text = csp.headers_file(policy)
    assert csp.read_headers_file(text) == [("Content-Security-Policy", policy), ("X-Content-Type-Options", "nosniff"),
                                         ("Referrer-Policy", "no-referrer")]
    assert csp.read_headers_file("/other\n  X-A: 1\n/*\n  X-B: 2\n") == [("X-B", "2")]
    assert csp.HEADERS_FILE in offline.PRECACHE_SKIP  # for the host, not the offline copy


def test_csp_meta_opens_head_after_charset_and_before_any_script():
    out = csp.add_csp(PAGE)
    head = out[out.index("<head>") + len("<head>"):]
    children = re.findall(r"<(\w+)[^>]*>", head)
    assert children[:2] == ["meta", "meta"]
    assert head.lstrip().startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    assert out.index("Content-Security-Policy") < out.index("<script")
    assert out.index('<meta charset="utf-8">') < 1024


def test_csp_meta_is_first_child_without_charset():
    out = csp.add_csp('<html><head lang="en"><title>t</title></head><body></body></html>')
    assert out.startswith('<html><head lang="en"><meta http-equiv="Content-Security-Policy" '
                          "content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval';")


def test_csp_is_idempotent():
    once = csp.add_csp(PAGE)
    assert csp.add_csp(once) == once
    assert once.count("Content-Security-Policy") == 1


def test_csp_leaves_the_rest_of_the_page_alone():
    out = csp.add_csp(PAGE)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', out).group(0)
    assert out.replace(meta, "", 1) == PAGE


def test_csp_refuses_a_second_policy():
    page = ('<html><head><meta http-equiv="content-security-policy" content="default-src *">'
            "</head></html>")
    with pytest.raises(ValueError, match="already has"):
        csp.add_csp(page)


def test_csp_needs_a_head():
    with pytest.raises(ValueError, match="head"):
        csp.add_csp("<p>fragment</p><header>not a head</header>")


# --------------------------------------------------------------------------
# precache and inject_build

SW = (
    "// service worker\n"
    'const BUILD = {"version": "dev", "files": []};\n'
    "self.addEventListener('install', () => {});\n"
)


def make_site(root: Path) -> Path:
    files = {
        "index.html": "<p>home</p>",
        "404.html": "<p>lost</p>",
        "guide/index.html": "<p>guide</p>",
        "guide/deep/index.html": "<p>deep</p>",
        "assets/app.js": "console.log(1)",
        "pyodide/pyodide.asm.wasm": "\0asm",
        "has space.txt": "x",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "gz",
        "sw.js": SW,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_precache_lists_files_and_directory_urls(tmp_path):
    build = offline.precache(make_site(tmp_path))
    assert build["files"] == sorted([
        "./", "404.html", "assets/app.js", "guide/", "guide/deep/", "guide/deep/index.html",
        "guide/index.html", "has%20space.txt", "index.html", "pyodide/pyodide.asm.wasm",
        "sitemap.xml",
    ])
    assert "sw.js" not in build["files"] and "sitemap.xml.gz" not in build["files"]
    assert re.fullmatch(r"[0-9a-f]{12}", build["version"])


def test_precache_gives_each_url_its_file_s_content_hash(tmp_path):
    site = make_site(tmp_path)
    build = offline.precache(site)
    assert set(build["hashes"]) == set(build["files"])
    index = hashlib.sha256((site / "guide/index.html").read_bytes()).hexdigest()[:12]
    assert build["hashes"]["guide/"] == build["hashes"]["guide/index.html"] == index
    (site / "guide/index.html").write_text("<p>guide, changed</p>")
    after = offline.precache(site)
    changed = {url for url in after["files"] if after["hashes"][url] != build["hashes"][url]}
    assert changed == {"guide/", "guide/index.html"}  # an update fetches these two, and nothing else


def test_precache_leaves_out_search_languages_the_site_does_not_use(tmp_path):
    site = make_site(tmp_path)
    for rel in ("lunr/min/lunr.fr.min.js", "lunr/min/lunr.de.min.js", "lunr/min/lunr.stemmer.support.min.js",
                "lunr/min/lunr.multi.min.js", "lunr/tinyseg.js", "lunr/wordcut.js"):
        (site / "assets/javascripts" / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / "assets/javascripts" / rel).write_text("lunr")
    english = offline.precache(site)["files"]
    assert not any("lunr" in url for url in english)
    french = [url for url in offline.precache(site, ["en", "fr"])["files"] if "lunr" in url]
    assert french == ["assets/javascripts/lunr/min/lunr.fr.min.js", "assets/javascripts/lunr/min/lunr.multi.min.js",
                      "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"]


def test_precache_version_is_over_paths_and_contents(tmp_path):
    site = make_site(tmp_path)
    files = sorted(["404.html", "assets/app.js", "guide/deep/index.html", "guide/index.html",
                    "has space.txt", "index.html", "pyodide/pyodide.asm.wasm", "sitemap.xml"])
    lines = "".join(f"{f} {hashlib.sha256((site / f).read_bytes()).hexdigest()}\n" for f in files)
    assert offline.precache(site)["version"] == hashlib.sha256(lines.encode()).hexdigest()[:12]


def test_precache_version_changes_with_any_byte_and_only_then(tmp_path):
    site = make_site(tmp_path)
    first = offline.precache(site)["version"]
    assert offline.precache(site)["version"] == first
    (site / "sw.js").write_text(SW + "// edited\n")  # sw.js is not in its own list
    (site / "sitemap.xml.gz").write_text("other")
    assert offline.precache(site)["version"] == first
    wasm = site / "pyodide/pyodide.asm.wasm"
    wasm.write_bytes(wasm.read_bytes()[:-1] + b"n")
    second = offline.precache(site)["version"]
    assert second != first
    (site / "assets/app.js").rename(site / "assets/app2.js")  # same bytes, new name
    assert offline.precache(site)["version"] != second


def test_inject_build_replaces_the_placeholder_line():
    build = {"version": "0123456789ab", "files": ["./", "index.html", "a/"]}
    out = offline.inject_build(SW, build)
    lines = out.splitlines()
    assert lines[0] == "// service worker" and lines[2] == SW.splitlines()[2]
    assert lines[1] == 'const BUILD = {"version": "0123456789ab", "files": ["./", "index.html", "a/"], "hashes": {}};'
    assert json.loads(lines[1][len("const BUILD = "):-1]) == {**build, "hashes": {}}
    assert out.endswith("\n")


def test_inject_build_needs_exactly_one_placeholder():
    build = {"version": "x", "files": []}
    with pytest.raises(ValueError, match="exactly once"):
        offline.inject_build("const BUILD = {};\n", build)
    with pytest.raises(ValueError, match="found 2"):
        offline.inject_build(SW + SW, build)
    done = offline.inject_build(SW, {"version": "abc", "files": []})
    with pytest.raises(ValueError):  # an already-built sw.js is not rebuilt silently
        offline.inject_build(done, build)


# --------------------------------------------------------------------------
# pyodide-lock.json

NPM_LOCK = {
    "info": {"abi_version": "2026_0", "arch": "wasm32", "platform": "emscripten_5_0_3",
             "python": "3.14.2"},
    "packages": {"affine": {
        "depends": [], "file_name": "affine-2.4.0-py3-none-any.whl", "imports": ["affine"],
        "install_dir": "site", "name": "affine", "package_type": "package",
        "sha256": "0" * 64, "tool": {}, "unvendored_tests": True, "version": "2.4.0"}},
    "tool": {},
}
WHEEL_NAMES = ["pcsp_core-0.1.0-py3-none-any.whl", "jsonschema-4.17.3-py3-none-any.whl",
               "attrs-26.1.0-py3-none-any.whl", "pyrsistent-0.20.0-py3-none-any.whl",
               "segno-1.6.6-py3-none-any.whl"]


def fake_wheels(root: Path) -> list[Path]:
    paths = []
    for name in WHEEL_NAMES:
        (root / name).write_bytes(f"not really {name}".encode())
        paths.append(root / name)
    return paths


def test_lock_has_our_four_packages_with_real_hashes(tmp_path):
    lock = runtime.make_lock(NPM_LOCK, fake_wheels(tmp_path))
    assert lock["info"] == NPM_LOCK["info"]
    assert set(lock) == {"info", "packages", "tool"}
    packages = lock["packages"]
    assert list(packages) == ["pcsp-core", "jsonschema", "attrs", "pyrsistent", "segno"]
    for key, entry in packages.items():
        assert set(entry) == set(NPM_LOCK["packages"]["affine"])  # the runtime's field set
        wheel = tmp_path / entry["file_name"]
        assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
        assert entry["install_dir"] == "site" and entry["package_type"] == "package"
        assert entry["unvendored_tests"] is False
    assert packages["pcsp-core"]["name"] == "pcsp_core"
    assert packages["pcsp-core"]["version"] == "0.1.0"
    assert packages["pcsp-core"]["depends"] == ["jsonschema", "attrs", "pyrsistent", "segno"]
    assert packages["jsonschema"]["depends"] == ["attrs", "pyrsistent"]
    assert packages["attrs"]["depends"] == [] and packages["pyrsistent"]["depends"] == []
    assert packages["attrs"]["imports"] == ["attr", "attrs"]
    assert packages["pcsp-core"]["imports"] == ["pcsp_core"]
    json.dumps(lock)  # plain JSON


def test_lock_refuses_unknown_doubled_or_compiled_wheels(tmp_path):
    wheels = fake_wheels(tmp_path)
    # The stored runtime's lock has the three pinned wheels; the plugin adds pcsp_core's.
    assert list(runtime.make_lock(NPM_LOCK, wheels[1:])["packages"]) == ["jsonschema", "attrs", "pyrsistent", "segno"]
    other = tmp_path / "requests-2.0.0-py3-none-any.whl"
    other.write_bytes(b"x")
    with pytest.raises(ValueError, match="does not load requests"):
        runtime.make_lock(NPM_LOCK, wheels + [other])
    with pytest.raises(ValueError, match="two wheels"):
        runtime.make_lock(NPM_LOCK, wheels + [wheels[0]])
    compiled = tmp_path / "pyrsistent-0.20.0-cp314-cp314-linux_x86_64.whl"
    compiled.write_bytes(b"x")
    with pytest.raises(ValueError, match="py3-none-any"):
        runtime.make_lock(NPM_LOCK, wheels[:3] + [compiled])


def test_lock_format_check():
    runtime.check_lock_format(NPM_LOCK)
    changed = json.loads(json.dumps(NPM_LOCK))
    changed["packages"]["affine"]["shared_library"] = False
    with pytest.raises(ValueError, match="update lock_entry"):
        runtime.check_lock_format(changed)


def test_lock_format_matches_installed_pyodide():
    npm_lock = REPO / "guide/node_modules/pyodide/pyodide-lock.json"
    if not npm_lock.is_file():
        pytest.skip("Pyodide not installed yet (python build.py installs it)")
    runtime.check_lock_format(json.loads(npm_lock.read_text()))


# --------------------------------------------------------------------------
# Pins: wheels.txt, pyproject.toml and the npm manifest agree


def test_wheel_pins_match_pyproject():
    pins = b.read_wheel_pins((REPO / "guide/wheels.txt").read_text())
    assert set(pins) == {"jsonschema", "attrs", "pyrsistent", "segno"}
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = dict(dep.split("==") for dep in project["dependencies"])
    for name, pin in pins.items():
        assert declared[name] == pin["version"], name
        assert pin["file_name"] == f"{name}-{pin['version']}-py3-none-any.whl"
        assert len(pin["hashes"]) == 1
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in pin["hashes"])


def test_wheel_pins_reader_rejects_unpinned_lines():
    with pytest.raises(b.BuildFailed, match="cannot read"):
        b.read_wheel_pins("jsonschema>=4\n")
    with pytest.raises(b.BuildFailed, match="cannot read"):
        b.read_wheel_pins("jsonschema==4.17.3\n")  # no hash


def test_npm_manifest_pins_exact_versions_with_integrity():
    manifest = json.loads((REPO / "guide/package.json").read_text())
    lock = json.loads((REPO / "guide/package-lock.json").read_text())
    assert manifest["dependencies"] == {"pyodide": "314.0.7", "@tabler/icons": "3.51.0"}
    assert set(manifest["devDependencies"]) == {"axe-core"}
    for name, version in {**manifest["dependencies"], **manifest["devDependencies"]}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be an exact version"
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version
        assert entry["integrity"].startswith("sha512-")


def _tabler(tmp_path, names) -> Path:
    package = tmp_path / "tabler"
    (package / "icons" / "outline").mkdir(parents=True)
    for name in names:
        (package / "icons" / "outline" / f"{name}.svg").write_text(f"<svg><!-- {name} --></svg>")
    (package / "LICENSE").write_text("MIT License")
    return package


def test_only_the_icons_easy_read_names_are_copied_and_one_no_longer_named_goes(tmp_path):
    package = _tabler(tmp_path, [*icon_names(), "unused-icon"])
    into = tmp_path / "icons"
    into.mkdir()
    (into / "dropped-since.svg").write_text("<svg/>")
    copied = icons.assemble(package, into)
    assert sorted(p.name for p in into.iterdir()) == sorted([*(f"{name}.svg" for name in icon_names()), "LICENSE.txt"])
    assert copied[0].read_text() == f"<svg><!-- {icon_names()[0]} --></svg>"
    assert (into / "LICENSE.txt").read_text() == "MIT License"  # the licence goes with the icons
    assert [dest for dest, _ in icons.site_icons(into)] == [
        *(f"assets/icons/tabler/{n}.svg" for n in icon_names()), "assets/icons/tabler/LICENSE.txt"]


def test_an_icon_the_package_lacks_or_that_was_never_fetched_stops_the_build(tmp_path):
    package = _tabler(tmp_path, icon_names()[1:])
    with pytest.raises(ValueError, match=f"no outline icon named {icon_names()[0]}"):
        icons.assemble(package, tmp_path / "icons")
    with pytest.raises(runtime.RuntimeMissing, match="python build.py fetch"):
        icons.site_icons(tmp_path / "nothing-here")


# --------------------------------------------------------------------------
# The local server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("out")
    for name in ("pyodide.asm.wasm", "pyodide.mjs", "app.js", "index.html",
                 "manifest.webmanifest", "pcsp.whl", "python_stdlib.zip"):
        (tmp_path / name).write_bytes(b"content")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/index.html").write_text("<p>sub</p>")
    httpd = serve(tmp_path, 0, quiet=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("name, content_type", [
    ("pyodide.asm.wasm", "application/wasm"),
    ("pyodide.mjs", "text/javascript"),
    ("app.js", "text/javascript"),
    ("manifest.webmanifest", "application/manifest+json"),
    ("pcsp.whl", "application/octet-stream"),
    ("python_stdlib.zip", "application/octet-stream"),
    ("index.html", "text/html; charset=utf-8"),
])
def test_server_types(server, name, content_type):
    headers, body = fetch(server + name)
    assert headers["Content-Type"] == content_type
    assert headers["Cache-Control"] == "no-cache"
    assert body == b"content"


def test_server_serves_directory_index_on_loopback(server):
    assert server.startswith("http://127.0.0.1:")
    headers, body = fetch(server + "sub/")
    assert body == b"<p>sub</p>"
    assert headers["Cache-Control"] == "no-cache"


# --- third-party files shipped, checked against their pinned sha256 -----------------------

def _shipped(tmp_path):
    out = tmp_path / "out"
    for name in runtime.PYODIDE_RUNTIME:
        (out / "pyodide").mkdir(parents=True, exist_ok=True)
        (out / "pyodide" / name).write_bytes(f"runtime {name}".encode())
    (out / "assets" / "javascripts").mkdir(parents=True)
    (out / "assets" / "javascripts" / "bundle.min.js").write_text("material")
    (out / "assets" / "pcsp").mkdir()
    (out / "assets" / "pcsp" / "app.js").write_text("ours, not pinned")
    return out


def test_third_party_files_that_match_their_pins_pass(tmp_path):
    out = _shipped(tmp_path)
    pinned = pins.read_pins(pins.pins_text(out))
    assert set(pinned) == {*(f"pyodide/{n}" for n in runtime.PYODIDE_RUNTIME), "assets/javascripts/bundle.min.js"}
    assert pins.pin_problems(out, pinned) == (5, [])


@pytest.mark.parametrize("change, words", [
    (lambda out: (out / "pyodide" / "pyodide.asm.wasm").write_bytes(b"tampered"),
     "pyodide/pyodide.asm.wasm is not the pinned file"),
    (lambda out: (out / "assets" / "javascripts" / "bundle.min.js").write_text("material, changed by one byte!"),
     "assets/javascripts/bundle.min.js is not the pinned file"),
    (lambda out: (out / "assets" / "javascripts" / "extra.js").write_text("new"),
     "assets/javascripts/extra.js ships but is not pinned"),
    (lambda out: (out / "assets" / "javascripts" / "bundle.min.js").unlink(),
     "assets/javascripts/bundle.min.js is pinned but does not ship"),
])
def test_a_shipped_third_party_file_that_differs_from_its_pin_fails_the_build(tmp_path, change, words):
    out = _shipped(tmp_path)
    pinned = pins.read_pins(pins.pins_text(out))
    change(out)
    count, problems = pins.pin_problems(out, pinned)
    assert any(words in problem for problem in problems), problems


def test_the_pins_are_the_files_npm_and_pip_installed():
    """What the build will ship, read at the source: Pyodide from node_modules (npm ci checked
    its tarball), Material's assets from its package (pip installed it by hash)."""
    import material

    pinned = pins.read_pins((REPO / "guide/third-party.sha256").read_text(encoding="utf-8"))
    theme_assets = Path(material.__file__).parent / "templates" / "assets"
    assert {p for p in pinned if p.startswith(icons.SITE_FOLDER)} == {
        f"{icons.SITE_FOLDER}{name}.svg" for name in icon_names()} | {f"{icons.SITE_FOLDER}{icons.LICENSE}"}, \
        "every easy-read picture is pinned, and only those"
    for path, digest in pinned.items():
        if path.startswith("pyodide/"):
            source = b.NODE_MODULES / "pyodide" / path.removeprefix("pyodide/")
        elif path == f"{icons.SITE_FOLDER}{icons.LICENSE}":
            source = b.NODE_MODULES / icons.PACKAGE / "LICENSE"
        elif path.startswith(icons.SITE_FOLDER):
            source = icons.source(b.NODE_MODULES / icons.PACKAGE, path.removeprefix(icons.SITE_FOLDER)[:-len(".svg")])
        else:
            source = theme_assets / path.removeprefix("assets/")
        assert source.is_file(), path
        assert digests.sha256_file(source) == digest, path


def test_the_python_lock_pins_every_package_with_a_hash_and_agrees_with_pyproject():
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", text, re.M)
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9._-]+==", text, re.M)) > 40  # every pin has hashes
    locked = {runtime.normalize_name(name): version for name, version, _ in entries}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    for requirement in direct:
        name, version = requirement.split("==")
        assert locked.get(runtime.normalize_name(name)) == version, requirement
    assert "--index-url" not in text and "--find-links" not in text and "--extra-index-url" not in text


def test_the_server_compresses_text_as_a_static_host_would_and_still_answers_not_modified(tmp_path):
    import gzip

    (tmp_path / "page.html").write_text("<p>" + "words " * 2000 + "</p>")
    (tmp_path / "lib.whl").write_bytes(b"zip already" * 200)
    httpd = serve(tmp_path, 0, quiet=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        asked = urllib.request.Request(url + "page.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked, timeout=5) as response:
            assert response.headers["Content-Encoding"] == "gzip" and response.headers["Vary"] == "Accept-Encoding"
            body = response.read()
            modified = response.headers["Last-Modified"]
        assert gzip.decompress(body) == (tmp_path / "page.html").read_bytes() and len(body) < 200
        headers, plain = fetch(url + "page.html")  # a client that does not accept gzip gets the file as it is
        assert "Content-Encoding" not in headers and plain == (tmp_path / "page.html").read_bytes()
        wheel = urllib.request.Request(url + "lib.whl", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(wheel, timeout=5) as response:
            assert "Content-Encoding" not in response.headers  # zip files are compressed already
        again = urllib.request.Request(url + "page.html", headers={"Accept-Encoding": "gzip",
                                                                   "If-Modified-Since": modified})
        with pytest.raises(urllib.error.HTTPError) as unchanged:
            urllib.request.urlopen(again, timeout=5)
        assert unchanged.value.code == 304
    finally:
        httpd.shutdown()
        httpd.server_close()
