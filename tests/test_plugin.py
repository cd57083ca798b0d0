"""The `pcsp` MkDocs plugin and `python -m pcsp_guide add-runtime`, in a trainer's own project.

These build real sites with this environment's MkDocs and Zensical; the browser checks of
the same pages, with the kit installed from the wheel, are in tests/browser/test_trainer_kit.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pcsp_guide import runtime
from pcsp_guide.__main__ import add_runtime
from pcsp_guide.digests import sha256_file

from trainer_site import make_project, mkdocs_build


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("trainer"))
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stdout + run.stderr
    return project / "site"


def test_the_site_gets_python_with_a_lock_naming_only_the_wheels_it_ships(built):
    lock = json.loads((built / "pyodide" / "pyodide-lock.json").read_text())
    assert sorted(lock["packages"]) == ["attrs", "jsonschema", "pcsp-core", "pyrsistent", "segno"]
    for entry in lock["packages"].values():
        assert sha256_file(built / "pyodide" / entry["file_name"]) == entry["sha256"]
    for name in runtime.PYODIDE_RUNTIME:
        assert (built / "pyodide" / name).is_file()


def test_every_page_gets_the_scripts_and_only_tool_pages_start_python(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    plan = (built / "my-plan" / "index.html").read_text(encoding="utf-8")
    assert '<script type="module" src="../assets/pcsp/app.js">' in plan
    assert '<script type="module" src="./assets/pcsp/app.js">' in home
    assert 'src="./assets/pcsp/start.js"' in home and 'src="../assets/pcsp/start.js"' in plan
    assert (built / "assets" / "pcsp" / "app.js").is_file() and (built / "examples" / "cecilia-plan.json").is_file()
    # One stylesheet of the tools' own, holding every part, after the theme's.
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', plan)
    assert [link for link in links if "pcsp" in link] == ["../assets/pcsp/tools.css"] and links[-1].endswith("tools.css")
    bundle = (built / "assets" / "pcsp" / "tools.css").read_text(encoding="utf-8")
    assert all(f"/* --- {name} --- */" in bundle for name in ("pcsp.css", "plan-form.css", "team.css", "checklist.css"))
    assert not (built / "assets" / "pcsp" / "team.css").exists()


def test_by_default_the_host_site_keeps_its_own_policy_and_service_worker(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in home and 'name="pcsp-offline"' not in home
    assert not (built / "sw.js").exists() and not (built / "_headers").exists()


def test_the_site_s_own_superfences_fences_still_work(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "index.md").write_text("# Flow\n\n```diagram\nA -> B\n```\n", encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert '<div class="diagram">A -&gt; B</div>' in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_with_both_options_on_every_page_has_the_policy_and_the_site_is_precached(tmp_path):
    project = make_project(tmp_path, offline=True)
    config = (project / "mkdocs.yml").read_text().replace("offline: true", "offline: true\n      csp: true")
    (project / "mkdocs.yml").write_text(config)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    for page in site.rglob("*.html"):
        assert 'http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8"), page
    build = json.loads(re.search(r"const BUILD = (.*);", (site / "sw.js").read_text()).group(1))
    assert "pyodide/pyodide.asm.wasm" in build["files"] and "my-plan/" in build["files"]
    assert "Content-Security-Policy" in (site / "_headers").read_text()


# --- builds that must stop, naming the file and the line ------------------------------------

BAD_PLAN = '{"kind": "plan", "schema_version": 3, "outcomes": "many"}'


@pytest.mark.parametrize("fence, message", [
    ("```pcsp-plan-example\n" + BAD_PLAN + "\n```", "line 5: pcsp-plan-example: the plan in the fence cannot be opened"),
    ("```pcsp-plan-example\nfile: examples/ravi.json\nexpect: does-not-count\n```",
     "line 5: pcsp-plan-example: “examples/ravi.json” does not show what it should: it should not count"),
    ("```pcsp-plan-example\nfile: examples/ravi.json\nshow: all\n```", "line 5: pcsp-plan-example: unknown option ['show']"),
    ('```pcsp-outcome colour="red"\nHelp\n```', "line 5: pcsp-outcome: the pcsp-outcome fence takes no options"),
    ("```pcsp-framework\nenabler: trained-teams.z\n```", "line 5: pcsp-framework: there is no enabler “trained-teams.z”"),
])
def test_a_fence_written_wrongly_stops_the_build_with_the_file_and_line(tmp_path, fence, message):
    project = make_project(tmp_path)
    (project / "docs" / "index.md").write_text(f"---\ntitle: T\n---\n\n{fence}\n", encoding="utf-8")
    run = mkdocs_build(project)
    said = run.stdout + run.stderr
    assert run.returncode == 1, said
    assert "Error reading page 'index.md'" in said and message in said, said
    assert "Traceback" not in said


def test_a_site_that_defines_a_pcsp_fence_itself_is_told_so(tmp_path):
    project = make_project(tmp_path)
    config = (project / "mkdocs.yml").read_text().replace("- name: diagram", "- name: pcsp-outcome")
    (project / "mkdocs.yml").write_text(config)
    run = mkdocs_build(project)
    assert run.returncode == 1 and "already have a fence called pcsp-outcome" in run.stdout + run.stderr


def test_a_theme_other_than_material_is_refused(tmp_path):
    project = make_project(tmp_path)
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace("name: material", "name: mkdocs"))
    run = mkdocs_build(project)
    assert run.returncode == 1 and "needs theme: material" in run.stdout + run.stderr


# --- the browser's pcsp_core wheel -----------------------------------------------------------

def test_the_core_wheel_is_the_same_bytes_from_the_same_files_and_imports(tmp_path, monkeypatch):
    import pcsp_core

    package = Path(pcsp_core.__file__).parent
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = runtime.core_wheel(tmp_path / "a", package, "1.2.3")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # another commit's date: the same wheel
    second = runtime.core_wheel(tmp_path / "b", package, "1.2.3")
    assert first.name == "pcsp_core-1.2.3-py3-none-any.whl"
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert "pcsp_core/schemas/plan.schema.json" in names  # through the symlink in a checkout
    assert not any("__pycache__" in n for n in names)
    # A Python that has only the wheel (no site-packages) reads the framework from it.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pcsp_core import resources; "
            "print(resources.__file__); print(len(resources.framework('criteria')['criteria']))")
    run = subprocess.run([sys.executable, "-S", "-c", code, str(first)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert str(first) in run.stdout and run.stdout.strip().endswith("5")


# --- Zensical: the fences as a Markdown extension, then add-runtime ----------------------------

def zensical(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--clean"], cwd=project,
                          capture_output=True, text=True, timeout=300)


def test_a_real_zensical_build_renders_the_fences_and_add_runtime_completes_it(tmp_path):
    project = make_project(tmp_path, zensical=True)
    run = zensical(project)
    assert run.returncode == 0, run.stdout + run.stderr
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-pcsp-widget="outcome"' in home and 'data-pcsp-widget="plan-example"' in home
    assert "This plan counts as a personalised care and support plan." in home
    assert add_runtime(site, use_offline=True) >= 2
    again = add_runtime(site, use_offline=True)  # after every build; twice is the same as once
    assert again >= 2 and (site / "index.html").read_text(encoding="utf-8").count("<!-- pcsp tools -->") == 1
    assert (site / "pyodide" / "pyodide-lock.json").is_file() and "const BUILD = {\"version\"" in (site / "sw.js").read_text()


def test_a_fence_written_wrongly_stops_a_zensical_build_with_its_line(tmp_path):
    project = make_project(tmp_path, zensical=True)
    (project / "docs" / "index.md").write_text("# T\n\n```pcsp-framework\ncriterion: 7\n```\n", encoding="utf-8")
    run = zensical(project)
    assert run.returncode != 0
    assert "line 3: pcsp-framework: there is no criterion “7”" in run.stdout + run.stderr


def test_add_runtime_says_what_is_wrong_with_a_folder_that_is_not_a_built_site(tmp_path, capsys):
    from pcsp_guide.__main__ import main

    assert main(["add-runtime", str(tmp_path)]) == 1
    assert "has no index.html" in capsys.readouterr().err
