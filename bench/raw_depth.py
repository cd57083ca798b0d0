"""What measuring nesting on the raw text costs before a file is parsed (CPython).

pcsp_core.documents.parse runs raw_depth on every file before json.loads, so a
hostile file cannot overflow a parser. Prints, for a real plan and for a 5 MB
file of the same plan's words, the median time of json.loads alone and of
raw_depth + json.loads, and the ratio. Nothing is asserted.

    python bench/raw_depth.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from check_throughput import median_seconds  # noqa: E402  (a sibling in bench/)
from pcsp_core.documents import MAX_BYTES, raw_depth  # noqa: E402


def median_ms(work, runs: int) -> float:
    return median_seconds(work, runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    plan = (ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8")
    doc = json.loads(plan)
    outcomes = doc["outcomes"]
    big = dict(doc, outcomes=[])
    while len(json.dumps(big, ensure_ascii=False, indent=2).encode()) < MAX_BYTES - 50_000:
        big["outcomes"].extend(outcomes)  # many brackets and strings, as a long plan has
    texts = {"cecilia-plan.json": plan, "a 5 MB plan": json.dumps(big, ensure_ascii=False, indent=2)}
    for name, text in texts.items():
        parse = median_ms(lambda: json.loads(text), runs)
        both = median_ms(lambda: (raw_depth(text), json.loads(text)), runs)
        print(f"{name} ({len(text.encode()) / 1024:,.0f} KB): json.loads {parse:.2f} ms, "
              f"raw_depth + json.loads {both:.2f} ms, ratio {both / parse:.2f}")


if __name__ == "__main__":
    main()
