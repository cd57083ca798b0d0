"""Forms rendered at build time from a JSON Schema plus a hints file (see render.py).

`plan.json` shapes the "My plan" editor: `load_hints("plan")` reads it.
"""

from __future__ import annotations

import json
from pathlib import Path

from pcsp_guide.forms.render import placement_units, render_form, schema_node, sections

HERE = Path(__file__).resolve().parent

__all__ = ["load_hints", "placement_units", "render_form", "schema_node", "sections"]


def load_hints(name: str) -> dict:
    """The hints file pcsp_guide/forms/<name>.json."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
