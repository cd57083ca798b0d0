"""The one door the browser uses: a function name and JSON in, JSON out.

The Web Worker calls `call(name, args_json)` and gets a JSON string back, so no
Python object ever crosses into JavaScript (None would become undefined there).
Only the functions listed here can be called.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import criteria, documents, maturity, outcomes, review

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "check_outcome": outcomes.check_outcome,
    "evaluate_plan": criteria.evaluate_plan,
    "open_document": documents.open_document,
    "validate": documents.validate,
    "new_document": documents.new_document,
    "dump_document": documents.dump_document,
    "summarise": maturity.summarise,
    "merge": maturity.merge,
    "compare": maturity.compare,
    "review_status": review.review_status,
}


def call(name: str, args_json: str = "[]") -> str:
    """Run FUNCTIONS[name](*args) and answer {"ok": true, "result": ...} or
    {"ok": false, "error": message} — as a JSON string, never an exception."""
    from .errors import PcspError

    function = FUNCTIONS.get(name)
    if function is None:
        return json.dumps({"ok": False, "error": f"pcsp_core has no function “{name}”."})
    try:
        args = json.loads(args_json)
        if not isinstance(args, list):
            raise TypeError("arguments must be a JSON list")
        return json.dumps({"ok": True, "result": function(*args)}, ensure_ascii=False)
    except PcspError as exc:
        return json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False)
    except Exception as exc:  # a bug, not bad input: say so rather than hang the page
        return json.dumps({"ok": False, "error": f"Internal error in {name}: {type(exc).__name__}: {exc}"},
                          ensure_ascii=False)
