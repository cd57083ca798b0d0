"""pcsp_core: NHS England's personalised care and support planning framework as
data, and the logic that answers questions about plans and self-assessments.

Pure functions over plain dicts, the same in CPython and in the browser (Pyodide).
"""

from .criteria import evaluate_plan
from .documents import KINDS, MAX_BYTES, dump_document, new_document, open_document, validate
from .errors import PcspError
from .maturity import compare, merge, summarise
from .outcomes import check_outcome
from .review import review_status

__all__ = [
    "KINDS", "MAX_BYTES", "PcspError", "check_outcome", "compare", "dump_document", "evaluate_plan",
    "merge", "new_document", "open_document", "review_status", "summarise", "validate",
]
