"""A trainer's own site, outside this repo: its mkdocs.yml, two pages, and an example plan file.

Used by tests/test_plugin.py (builds that should stop) and tests/browser/test_trainer_kit.py
(the kit installed from the wheel into a fresh venv, then used in Chromium).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

GOOD_OUTCOME = "I go swimming at the leisure centre every Tuesday with my neighbour, so I keep fit and see people."

PAGES = {
    "index.md": """---
title: Writing outcomes
---
# Writing outcomes with the people we support

An outcome says what the person wants, in their words.

```pcsp-outcome
Help with swimming
```

The framework asks for this:

```pcsp-framework
criterion: 3
```

## A worked example

```pcsp-plan-example
file: examples/ravi.json
expect: counts
```
""",
    "my-plan.md": """# Keep your own plan

```pcsp-plan-editor
```
""",
}

MKDOCS_YML = """site_name: Trainer's guide
site_url: {site_url}
theme:
  name: material
  font: false
  features:
    - navigation.instant
nav:
  - index.md
  - my-plan.md
plugins:
  - search
  - pcsp:
      offline: {offline}
markdown_extensions:
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: diagram
          class: diagram
          format: !!python/name:pymdownx.superfences.fence_div_format
"""

# The same pages under Zensical: the fences as a Markdown extension, no plugin.
ZENSICAL_YML = """site_name: Trainer's guide
theme:
  name: material
  font: false
nav:
  - index.md
  - my-plan.md
markdown_extensions:
  - pymdownx.superfences
  - pcsp_guide.extension
"""


def make_project(folder: Path, site_url: str = "http://127.0.0.1:8000/", offline: bool = False,
                 zensical: bool = False) -> Path:
    """The trainer's project in folder; returns it. The example is Cecilia's plan, renamed Ravi."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "examples").mkdir(exist_ok=True)
    plan = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
    plan["person"]["name"] = plan["person"]["preferred_name"] = "Ravi"
    (folder / "examples" / "ravi.json").write_text(json.dumps(plan, indent=2), encoding="utf-8")
    for name, text in PAGES.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    config = ZENSICAL_YML if zensical else MKDOCS_YML.format(site_url=site_url, offline=str(offline).lower())
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def mkdocs_build(project: Path, python: str = sys.executable, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                          text=True, timeout=300, env=env)


# --------------------------------------------------------------------------
# A fresh venv with the kit installed from the wheel, and nothing from this repo


def lock_blocks() -> dict[str, str]:
    """requirements.lock, one pinned block (name==version and its hashes) per package."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = {}
    for match in re.finditer(r"^([A-Za-z0-9._-]+)==\S+(?:[ \t]*\\\n[ \t]+--hash=sha256:[0-9a-f]{64})+", text, re.M):
        blocks[canonicalize_name(match.group(1))] = match.group(0)
    return blocks


def closure(roots: list[str]) -> set[str]:
    """The packages roots need, read from the installed distributions (which the lock installed)."""
    seen: set[str] = set()
    todo = [canonicalize_name(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return seen


def kit_requirements(extra: str) -> str:
    """The locked, hashed requirements of the wheel's dependencies and one of its extras."""
    roots = [Requirement(r).name for r in metadata.requires("pcsp-core") or []
             if Requirement(r).marker is None or Requirement(r).marker.evaluate({"extra": extra})]
    blocks = lock_blocks()
    return "\n".join(blocks[name] for name in sorted(closure(roots))) + "\n"
