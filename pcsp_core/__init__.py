"""pcsp_core: NHS England's personalised care and support planning framework as
data, and the logic that answers questions about plans, self-assessments and
implementation checklists.

Pure functions over plain dicts, the same in CPython and in the browser (Pyodide).

The public names are imported on first use (PEP 562), not at `import pcsp_core`:
in the browser, importing jsonschema alone takes half a second, and the outcome
check never needs it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .bridge import FUNCTIONS

# Every function the browser may call is public, from where bridge.FUNCTIONS says it lives
# (one registry); then the few names only Python callers use.
_WHERE = {
    **FUNCTIONS,
    "KINDS": "documents", "MAX_BYTES": "documents", "PcspError": "errors", "card_html": "reader_html",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'pcsp_core' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
