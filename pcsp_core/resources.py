"""The package's own data files, read once through importlib.resources.

importlib.resources works the same from a source tree, an installed wheel and
Pyodide's in-memory file system, which is why nothing here looks at __file__.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

_ROOT = files(__package__)


def _read(*parts: str) -> Any:
    node = _ROOT
    for part in parts:
        node = node / part
    return json.loads(node.read_text(encoding="utf-8"))


@cache
def framework(name: str) -> dict[str, Any]:
    """One framework file from pcsp_core/frameworks/, e.g. framework("criteria")."""
    return _read("frameworks", f"{name}.json")


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for a document kind or for framework data, from schemas/."""
    return _read("schemas", f"{kind}.schema.json")


@cache
def wording(name: str) -> dict[str, Any]:
    """Word lists and messages the rules use, from pcsp_core/wording/."""
    return _read("wording", f"{name}.json")
