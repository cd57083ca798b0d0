import copy
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def load_example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def cecilia() -> dict:
    """A fresh copy of the worked example plan, free to change."""
    return copy.deepcopy(load_example("cecilia-plan.json"))
