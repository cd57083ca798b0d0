"""How fast `pcsp check` gets through a folder of plans, in one process.

Generates N realistic plans (variations on the worked example, some failing a
criterion, a third with a personal health budget), writes them to a temporary
folder, then times, as medians over several rounds:
  - json.loads of every file (the floor: reading and parsing only);
  - `pcsp check --format json` over the folder, through cli.run in-process.
Prints plans per second and the ratio check / json.loads. Aim: ≥ 2,000 plans/s.

    python bench/check_throughput.py [N] [--rounds R]
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from pcsp_core import dump_document
from pcsp_core.cli import run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cecilia-plan.json"
WORDS = ["I walk to the shop on my own twice a week", "I sleep through the night most nights",
         "Support to go to the day centre", "I am confident using the bus to see my sister every Sunday",
         "Increasing mobilisation at home", "I cook a meal for my grandchildren once a month",
         "The patient will attend the falls clinic", "I garden for an hour on dry mornings"]


def make_plan(rng: random.Random, base: dict) -> dict:
    plan = copy.deepcopy(base)
    number = rng.randrange(10**6)
    plan["person"]["name"] = f"Person {number}"
    # Every plan's outcomes in words of its own, as in a real folder (and so
    # check_outcome's memory of recent texts cannot flatter the figure).
    for outcome in plan["outcomes"]:
        outcome["in_my_words"] += f" (plan {number})"
    extra = rng.randrange(0, 6)
    for i in range(extra):
        oid = f"x{i}"
        plan["outcomes"].append({"id": oid, "in_my_words": f"{rng.choice(WORDS)} ({number}.{i})", "answers": ["n1"],
                                 "agreed_with": ["GP"], "status": "not-started"})
        plan["actions"].append({"id": f"ax{i}", "what": "Talk it through", "who": "me", "outcome": oid})
    roll = rng.random()
    if roll < 0.1:
        plan["conversation"]["written_by"] = "professional"
    elif roll < 0.2:
        plan["review"] = {}
    if rng.random() < 0.33:
        plan["personal_health_budget"] = {"has_budget": True, "type": "direct-payment", "amount": 6000,
                                          "period": "year",
                                          "lines": [{"what": "Taxi to lunch", "amount": 600, "outcome": "o1"}]}
    return plan


def median_seconds(work, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2026)
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for i in range(args.n):
            path = Path(folder) / f"plan-{i:05d}.json"
            path.write_text(dump_document(make_plan(rng, base)), encoding="utf-8")
            files.append(path)
        size = sum(p.stat().st_size for p in files)

        def parse_only() -> None:
            for path in files:
                json.loads(path.read_bytes())

        def check() -> None:
            code = run(["check", "--format", "json", "--today", "2026-11-24", folder], io.StringIO(), io.StringIO())
            assert code in (0, 1), code

        check()  # warm: caches, compiled patterns, validators
        parse = median_seconds(parse_only, args.rounds)
        checking = median_seconds(check, args.rounds)
    print(f"{args.n} plans, {size / args.n / 1024:.1f} KiB each, median of {args.rounds} rounds")
    print(f"json.loads only:  {parse:.3f} s  ({args.n / parse:,.0f} plans/s)")
    print(f"pcsp check:       {checking:.3f} s  ({args.n / checking:,.0f} plans/s)")
    print(f"ratio check / json.loads: {checking / parse:.1f}x")
    print(f"aim ≥ 2,000 plans/s: {'met' if args.n / checking >= 2000 else 'NOT met'}")


if __name__ == "__main__":
    main()
