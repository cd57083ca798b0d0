"""The trainers' kit as a trainer gets it: the wheel from `python build.py dist`, installed into a
fresh venv with no node or npm, used by a site outside this repo, then in Chromium.

MkDocs with the `pcsp` plugin (offline on), and the same pages under Zensical with the
documented `python -m pcsp_guide add-runtime site/`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from trainer_site import GOOD_OUTCOME, kit_requirements, make_project

from .conftest import ROOT, Server, Watched, _free_port, run_build

EXAMPLE = "#pcsp-plan-example-1"


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    """A fresh venv holding only the wheel and the locked packages it and its extras need."""
    run_build("dist")
    wheel = next((ROOT / "dist").glob("pcsp_core-*.whl"))
    venv = tmp_path_factory.mktemp("kit") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    requirements = venv.parent / "requirements.txt"
    requirements.write_text(kit_requirements("mkdocs") + kit_requirements("zensical"), encoding="utf-8")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "--require-hashes", "-r", str(requirements)], check=True)
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True)
    return venv / "bin"


def in_kit(kit: Path, args: list[str], project: Path) -> subprocess.CompletedProcess:
    """A command in the trainer's venv, with nothing else on PATH: no node, no npm, no repo."""
    env = {"PATH": str(kit), "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("npm", path=env["PATH"]) is None
    run = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def served(site: Path, port: int) -> Iterator[Server]:
    server = Server(site, port)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def mkdocs_site(kit, tmp_path_factory) -> Iterator[Server]:
    port = _free_port()
    project = make_project(tmp_path_factory.mktemp("trainer-mkdocs"), f"http://127.0.0.1:{port}/", offline=True)
    in_kit(kit, [str(kit / "mkdocs"), "build", "--strict"], project)
    # The kit's pcsp_guide, not this repo's, made the site.
    assert "site-packages/pcsp_guide" in in_kit(kit, [str(kit / "python"), "-c",
                                                       "import pcsp_guide; print(pcsp_guide.__file__)"], project).stdout
    yield from served(project / "site", port)


@pytest.fixture(scope="module")
def zensical_site(kit, tmp_path_factory) -> Iterator[Server]:
    project = make_project(tmp_path_factory.mktemp("trainer-zensical"), zensical=True)
    in_kit(kit, [str(kit / "zensical"), "build", "--clean"], project)
    in_kit(kit, [str(kit / "python"), "-m", "pcsp_guide", "add-runtime", "site"], project)
    yield from served(project / "site", _free_port())


def check_outcome(page: Page) -> None:
    box = page.get_by_label("Your outcome, in your own words")
    box.fill(GOOD_OUTCOME)
    findings = page.locator("[data-pcsp-findings]")
    expect(findings).not_to_be_empty(timeout=120_000)
    box.fill("Help with swimming")
    expect(findings).to_contain_text("I", timeout=30_000)


def verdict_before_python(page: Page, url: str) -> None:
    page.route("**/assets/pcsp/worker.js", lambda route: route.abort(), times=1)
    page.goto(url)
    card = page.locator(EXAMPLE)
    expect(card.get_by_text("This plan counts as a personalised care and support plan.")).to_be_visible()
    assert card.locator("[data-verdict-of=met]").count() == 5
    expect(card).to_contain_text("Ravi’s plan")


def change_the_example(page: Page) -> None:
    card = page.locator(EXAMPLE)
    card.get_by_role("button", name="Try changing it").click()
    for n in (1, 2, 3):
        card.get_by_label(f"Outcome {n}").fill("The patient will attend the day centre")
    page.wait_for_function(f"() => document.querySelector('{EXAMPLE}').dataset.checked", timeout=120_000)
    expect(card.locator("[data-criterion='3'] [data-verdict]")).to_have_text("Not met")


def test_in_a_trainer_s_mkdocs_site_the_fences_work_live_and_a_download_opens_in_my_plan(
        mkdocs_site, watched: Watched, tmp_path):
    page = watched.page
    page.add_init_script("delete window.showOpenFilePicker; delete window.showSaveFilePicker;")
    verdict_before_python(page, mkdocs_site.url)
    expect(page.locator(".pcsp-quote")).to_contain_text("Criterion 3. People agree the health and wellbeing")
    page.wait_for_function("() => window.__pcspRuntime?.state.state === 'ready'", timeout=120_000)
    check_outcome(page)
    change_the_example(page)

    with page.expect_download() as saved:
        page.locator(EXAMPLE).get_by_role("button", name="Download this example").click()
    path = tmp_path / saved.value.suggested_filename
    saved.value.save_as(path)
    page.goto(mkdocs_site.url + "my-plan/")
    page.wait_for_function("() => document.querySelector('[data-pcsp-widget=plan]')?.dataset.checked",
                           timeout=120_000)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(path))
    expect(page.get_by_role("status").filter(has_text=f"Opened “{path.name}”")).to_be_visible()
    assert json.loads(path.read_text(encoding="utf-8"))["person"]["name"] == "Ravi"
    elsewhere = [url for url in watched.requests if not url.startswith((mkdocs_site.url, "blob:"))]
    assert watched.requests and elsewhere == []
    assert watched.errors == [] or all("Failed to load resource" in e or "worker" in e.lower()
                                       for e in watched.errors), watched.errors


def test_in_a_trainer_s_site_with_offline_on_the_tools_work_with_the_network_off(mkdocs_site, browser: Browser):
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(mkdocs_site.url)
        page.wait_for_function("() => window.__pcspRuntime?.state.state === 'ready'", timeout=120_000)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        page.evaluate("() => navigator.serviceWorker.ready")
        page.wait_for_function("""async () => (await caches.keys()).length > 0 &&
            !!(await caches.match('pyodide/pyodide.asm.wasm'))""", timeout=120_000)
        context.set_offline(True)
        page.reload()
        check_outcome(page)
    finally:
        context.close()


def test_in_a_zensical_site_after_add_runtime_the_fences_work_live(zensical_site, watched: Watched):
    page = watched.page
    verdict_before_python(page, zensical_site.url)
    page.wait_for_function("() => window.__pcspRuntime?.state.state === 'ready'", timeout=120_000)
    check_outcome(page)
    change_the_example(page)
    elsewhere = [url for url in watched.requests if not url.startswith((zensical_site.url, "blob:"))]
    assert watched.requests and elsewhere == []
