"""Check our plans at scale: 1,000 plans of about 12 KB, checked in Chromium, against `pcsp check`.

Issue 17: "1,000 plans of about 12 KB each, checked in the browser on this 2-core machine with
time to result under 10 s, and the page responsive throughout (keyboard and scrolling still work)."

Generates N plans (default 1,000) from the real ones (tests/calibration/*.json and
examples/cecilia-plan.json): each a different person (name, dates shifted, days and counts
in the wording changed, some outcomes put in a professional's words, some parts of the
process not done, so the verdicts vary), lengthened to about 12 KB with lines from plans of
the same kind, most saved in the current format (as the tool saves them), a tenth left in their
source's older one. Every one opens as a valid plan. Then, on the same files:

  CLI       `python -m pcsp_core check --format json <folder>`, wall clock (a new process,
            as a lead would run it; the same with the interpreter's start-up and imports
            subtracted: `python -c "import pcsp_core.cli"` timed alike)
  browser   the built site's team/check-our-plans/ in headless Chromium: the checks ready,
            the N files chosen in its file input; time from the input's change event to
            the figures shown (a MutationObserver on the figures' hidden attribute), on the
            page's first choice (cold: the worker imports what checking needs) and on a second
            choice of the same files (warm)
  Python    check_for_evidence of every file through the worker with the texts already read
            (window.__pcspRuntime.call, as the page calls it), and the same in CPython: how much
            of the browser's time is Python, and how much is the page's own round trips

The page's figures (plans that count, each criterion's verdicts, the most common gaps, reviews
overdue) are compared with pcsp_core.evidence.plan_evidence of the CLI's reports.

Responsiveness while the files are checked: every long task (PerformanceObserver 'longtask',
main thread busy > 50 ms) and the longest gap between animation frames; and, part-way through,
a Tab key press (keydown's timestamp → focus moved) and a mouse-wheel scroll (wheel → the
page's scroll event).

Prints figures and ratios; asserts nothing about time (only that the run did what it says).

    python bench/evidence.py [--plans 1000] [--size-kb 12] [--older 0.1] [--warm 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import datetime
import io
import json
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from built import build_site  # noqa: E402  (bench/built.py)
from pcsp_core.documents import dump_document, open_document  # noqa: E402
from pcsp_core.evidence import check_for_evidence, plan_evidence  # noqa: E402

SOURCES = sorted([*(p for p in (ROOT / "tests" / "calibration").glob("*.json")
                    if not p.name.endswith(".expected.json")), ROOT / "examples" / "cecilia-plan.json"])
FIRST = ["Amira", "Ben", "Chloe", "Dev", "Eilidh", "Femi", "Grace", "Hamza", "Ioana", "Jack", "Kiran", "Leon",
         "Maryam", "Niall", "Olu", "Priya", "Quentin", "Rosa", "Sanjay", "Tomasz", "Una", "Vikram", "Wendy",
         "Xin", "Yusuf", "Zara", "Aled", "Bronwen", "Callum", "Dolores", "Esther", "Faisal", "Gwen", "Hollie"]
LAST = ["Adeyemi", "Begum", "Campbell", "Davies", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones",
        "Kowalski", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Taylor",
        "Uddin", "Vaughan", "Williams", "Xu", "Young", "Zielinski", "Ahmed", "Brennan", "Chowdhury", "Doyle"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
COUNTS = ["once", "twice", "three times", "four times"]
# Outcomes as a professional would write them: check_outcome finds these, so criterion 3 may fall.
PROFESSIONAL = ["Increasing mobilisation at home", "The patient will attend the falls clinic",
                "Support to go to the day centre", "Improve compliance with medication",
                "Reduce HbA1c to target", "Patient to engage with talking therapies",
                "Maintain safety at home with a care package"]
# Lines a plan is lengthened with, from plans of the same kind: (path to a list of strings).
LISTS = [("about_me", "what_people_like_about_me"), ("about_me", "how_best_to_support_me"), ("routines",),
         ("strengths",), ("future_aspirations",), ("options_tried",), ("health_and_wellbeing_needs",),
         ("support", "what_i_do_for_myself"), ("support", "what_family_and_friends_do"), ("support", "other_support"),
         ("possessions",)]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
HELPERS = ["my daughter", "my son", "my neighbour", "my friend", "my key worker", "my partner", "my sister",
           "my brother", "the nurse", "my carer"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _get(doc: dict, path: tuple[str, ...]) -> Any:
    for key in path:
        doc = doc.get(key) if isinstance(doc, dict) else None
    return doc


def _strings(value: Any, change) -> Any:
    """Every string in value, through change (dates, names, days, counts), keys kept."""
    if isinstance(value, dict):
        return {k: _strings(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings(v, change) for v in value]
    return change(value) if isinstance(value, str) else value


class Plans:
    """N varied plans from the real ones, written as files of about size_kb each."""

    def __init__(self, seed: int = 17, older: float = 0.1) -> None:
        self.rng = random.Random(seed)
        self.older = older  # the share left in their source's older format (calibration plans are version 2)
        self.bases = [json.loads(p.read_text(encoding="utf-8")) for p in SOURCES]
        self.pools: dict[str, dict[tuple, list[str]]] = {}  # kind of plan (ltc, mind, older, young) → lines
        for path, base in zip(SOURCES, self.bases):
            pool = self.pools.setdefault(path.stem.split("-")[0], {})
            for where in LISTS:
                lines = _get(base, where)
                if isinstance(lines, list):
                    pool.setdefault(where, []).extend(s for s in lines if isinstance(s, str))

    def plan(self, k: int, size: int) -> str:
        rng = self.rng
        which = k % len(self.bases)
        plan = copy.deepcopy(self.bases[which])
        old = plan.get("person", {}).get("preferred_name") or plan.get("person", {}).get("name", "").split(" ")[0]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        shift = datetime.timedelta(days=rng.randrange(-420, 240))
        days = dict(zip(DAYS, rng.sample(DAYS, len(DAYS))))
        counts = dict(zip(COUNTS, rng.sample(COUNTS, len(COUNTS))))
        words = re.compile(r"\b(" + "|".join(map(re.escape, [*DAYS, *COUNTS] + ([old] if old else []))) + r")\b")

        def change(text: str) -> str:
            if DATE.match(text):
                return (datetime.date.fromisoformat(text) + shift).isoformat()
            return words.sub(lambda m: first if m[0] == old else days.get(m[0]) or counts[m[0]], text)

        plan = _strings(plan, change)
        plan.setdefault("person", {})["name"] = f"{first} {last}"
        plan["person"]["preferred_name"] = first
        outcomes = plan.get("outcomes") or []
        for outcome in outcomes:
            if "in_my_words" not in outcome:
                continue
            if rng.random() < 0.12:
                outcome["in_my_words"] = rng.choice(PROFESSIONAL)
            else:  # every outcome in words of its own, as no two people say it alike (and so
                # check_outcome's memory of recent texts cannot flatter the figures)
                said = outcome["in_my_words"].rstrip(". ")
                month = rng.choice(MONTHS)
                outcome["in_my_words"] = rng.choice([
                    f"{said}, starting on {rng.randrange(1, 29)} {month}",
                    f"{said}, and I will talk it over with {rng.choice(HELPERS)} in {month}",
                    f"{said}; I will know by {month} whether it is working"])
            if rng.random() < 0.5 and outcome.get("how_i_will_know"):
                outcome["how_i_will_know"] += rng.choice([" I will tell the nurse at my next review.",
                                                          f" {first} will keep a note on the calendar.",
                                                          " We will look at it together each month."])
        conversation = plan.get("conversation")
        if isinstance(conversation, dict):  # parts of the process not done, for some
            for field, value, chance in (("written_by", "professional", 0.08),
                                         ("started_with_what_matters", False, 0.08),
                                         ("i_felt_listened_to", False, 0.05)):
                if field in conversation and rng.random() < chance:
                    conversation[field] = value
        if rng.random() < 0.08 and "had_information_before" in (plan.get("preparation") or {}):
            plan["preparation"]["had_information_before"] = False
        if rng.random() < 0.06:
            plan.pop("contingency", None)
        if rng.random() < 0.06 and isinstance(plan.get("review"), dict):
            plan["review"].pop("how_to_ask_for_review", None)
        if rng.random() >= self.older:  # saved by the tool as it is now: the current format, as most would be
            plan = open_document(dump_document(plan))["document"]
        # To about `size` bytes: a long plan says less (lines dropped, one of each kind kept), a short one
        # more (lines from plans of the same kind).
        text = dump_document(plan)
        while len(text.encode()) > size:
            longer = [lines for w in LISTS if isinstance(lines := _get(plan, w), list) and len(lines) > 1]
            if not longer:
                break
            lines = rng.choice(longer)
            lines.pop(rng.randrange(len(lines)))
            text = dump_document(plan)
        pool = self.pools[SOURCES[which].stem.split("-")[0]]
        while len(text.encode()) < size:
            where = rng.choice([w for w in LISTS if pool.get(w)])
            parent = plan
            for key in where[:-1]:
                parent = parent.setdefault(key, {})
            parent.setdefault(where[-1], []).append(words.sub(lambda m: first if m[0] == old else m[0],
                                                              rng.choice(pool[where])))
            text = dump_document(plan)
        return text

    def write(self, folder: Path, n: int, size_kb: float) -> list[Path]:
        paths, total = [], 0
        for k in range(n):
            # Some plans cannot be cut to size (their outcomes and actions alone are longer): the next
            # ones aim a little lower, so the mean is size_kb, with plans from about 0.75 to 1.4 times it.
            aim = min(max(size_kb * 1024 * (k + 1) - total, 0.75 * size_kb * 1024), 1.25 * size_kb * 1024)
            text = self.plan(k, int(aim * self.rng.uniform(0.92, 1.08)))
            total += len(text.encode())
            opened = open_document(text)
            assert opened["valid"] and opened["kind"] == "plan", (k, opened["errors"][:2])
            path = folder / f"plan-{k:04d}.json"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths



# --- the CLI ----------------------------------------------------------------------------

def cli(folder: Path, today: str, rounds: int) -> tuple[float, float, dict[str, Any]]:
    """`pcsp check --format json` on the folder in a new process: median wall seconds, the median of the
    same process doing nothing but its imports, and its report."""
    command = [sys.executable, "-m", "pcsp_core", "check", "--format", "json", "--today", today, str(folder)]
    times, floor = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        assert run.returncode in (0, 1), run.stderr
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import pcsp_core.cli, pcsp_core.checker"], check=True, cwd=ROOT)
        floor.append(time.perf_counter() - start)
    return statistics.median(times), statistics.median(floor), json.loads(run.stdout)


# --- the page ---------------------------------------------------------------------------

WIDGET = "[data-pcsp-widget=check-plans]"
READY = (f"() => document.querySelector('{WIDGET}')?.dataset.pcspMounted"
         " && window.__pcspRuntime?.state.state === 'ready'")
# Before the page's own scripts: every long task, and the input the probes send.
WATCH = """
window.__bench = { longtasks: [], keys: [], focus: [], wheels: [], scrolls: [] };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__bench.longtasks.push([entry.startTime, entry.duration]);
}).observe({ type: "longtask", buffered: true });
addEventListener("keydown", (e) => window.__bench.keys.push([e.timeStamp, performance.now()]), true);
addEventListener("focusin", () => window.__bench.focus.push(performance.now()), true);
const quietly = { capture: true, passive: true };
addEventListener("wheel", (e) => window.__bench.wheels.push([e.timeStamp, performance.now()]), quietly);
addEventListener("scroll", () => window.__bench.scrolls.push(performance.now()), quietly);
"""
# Armed before each choice: the change event starts the clock and a loop of animation frames (the longest
# gap between two is how long the page could not draw); the figures shown stop both.
ARM = """(widget) => {
  const root = document.querySelector(widget);
  const figures = root.querySelector("[data-pcsp-figures]");
  const run = window.__bench.run = {};
  document.addEventListener("change", () => {
    run.chosen = performance.now();
    let last = run.chosen;
    run.frames = 0; run.longestFrameGap = 0;
    const frame = (now) => {
      run.longestFrameGap = Math.max(run.longestFrameGap, now - last);
      last = now; run.frames += 1;
      if (run.shown === undefined) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, { capture: true, once: true });
  new MutationObserver((_, observer) => {
    if (run.chosen === undefined) return;
    run.drawn = performance.now();  // the figures are in the page (draw() has returned)
    observer.disconnect();
    requestAnimationFrame(() => { run.shown = performance.now(); });  // and in the next frame
  }).observe(figures, { attributes: true, attributeFilter: ["hidden"], childList: true, subtree: true });
  figures.hidden = true;  // so a second choice is seen the same way as the first
}"""
FIGURES = """(widget) => {
  const figures = document.querySelector(widget + " [data-pcsp-figures]");
  const cells = (table) => [...table.tBodies[0].rows].map((row) => [...row.cells].map((c) => c.textContent));
  const tables = Object.fromEntries([...figures.querySelectorAll("table")].map((t) =>
    [t.caption.textContent, cells(t)]));
  return { status: figures.querySelector("[data-pcsp-figures-status]").textContent, text: figures.innerText, tables };
}"""
PYTHON_ONLY = """async ([texts, today, name]) => {
  const python = window.__pcspRuntime;
  const started = performance.now();
  const reports = [];
  const checking = name === "check_for_evidence";  // else a call that does next to nothing: the round trip
  for (const upload of texts) reports.push(await python.call(name, ...(checking ? [upload, today] : ["0"])));
  return [performance.now() - started, checking ? reports : null];
}"""
READ_ONLY = """async (widget) => {
  const files = [...document.querySelector(widget + " [data-pcsp-files]").files];
  const started = performance.now();
  let chars = 0;
  for (const file of files) {  // as files.js's readUpload does
    chars += new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(await file.arrayBuffer())).length;
  }
  return [performance.now() - started, files.length, chars];
}"""


def choose(page, paths: list[Path], probe: bool) -> dict[str, Any]:
    """Choose the files in the page's input; the run's times, and (probe) a scroll and a Tab part-way."""
    page.evaluate(ARM, WIDGET)
    page.locator(f"{WIDGET} [data-pcsp-files]").evaluate("(input) => { input.value = ''; }")
    page.get_by_label("Choose the plan files").set_input_files([str(p) for p in paths])
    probes: dict[str, Any] = {}
    total = len(paths)
    if probe:
        words = f"{WIDGET} [data-pcsp-progress-words]"

        def at(fraction: float) -> str:
            return f"() => parseInt(document.querySelector('{words}').textContent) >= {int(total * fraction)}"

        page.wait_for_function(at(0.25), timeout=120_000)
        page.mouse.move(640, 360)
        page.evaluate("() => { window.__bench.scrolls = []; }")
        page.mouse.wheel(0, 240)
        page.wait_for_function("() => window.__bench.scrolls.length > 0", timeout=60_000)
        page.wait_for_function(at(0.5), timeout=120_000)
        before = page.evaluate("() => [document.activeElement?.outerHTML.slice(0, 60), window.__bench.focus.length]")
        page.keyboard.press("Tab")
        page.wait_for_function(f"() => window.__bench.focus.length > {before[1]}", timeout=60_000)
        probes.update(page.evaluate("""(focusBefore) => {
          const b = window.__bench, key = b.keys.at(-1), wheel = b.wheels.at(-1);
          return { keyToFocus: b.focus.at(-1) - key[0], keyQueued: key[1] - key[0], focusAt: b.focus.at(-1),
                   wheelToScroll: b.scrolls[0] - wheel[0], wheelQueued: wheel[1] - wheel[0], scrollAt: b.scrolls[0],
                   scrolled: scrollY, progress: document.querySelector("[data-pcsp-progress-words]").textContent,
                   focusMoved: document.activeElement?.outerHTML.slice(0, 60) !== focusBefore };
        }""", before[0]))
    page.wait_for_function("() => window.__bench.run.shown !== undefined", timeout=300_000)
    run = page.evaluate("() => ({ ...window.__bench.run, longtasks: window.__bench.longtasks.filter(([start]) => "
                        "start >= window.__bench.run.chosen && start < window.__bench.run.shown) })")
    page.evaluate("() => { window.__bench.scrolls = []; window.scrollTo(0, 0); }")
    return {**run, **probes}


def compare(page_figures: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Where the page's figures differ from plan_evidence of the CLI's reports (none: they match)."""
    differ = []
    text = page_figures["text"]
    if f"{want['counting']} of {want['plans']} plans count" not in text:
        differ.append(f"plans that count: want {want['counting']} of {want['plans']}")
    rows = page_figures["tables"]["Plans that meet each criterion"]
    for (n, counts), row in zip(want["criteria"].items(), rows, strict=True):
        if not row[0].startswith(f"{n}. ") or row[1:] != [str(counts[v]) for v in ("met", "partly", "not-met")]:
            differ.append(f"criterion {n}: page {row[1:]}, want {counts}")
    gaps = page_figures["tables"]["The most common gaps, in the framework’s words"]
    if [(g[0].split(":")[0], int(g[1])) for g in gaps] != [(g["element"], g["plans"]) for g in want["gaps"][:10]]:
        differ.append("the most common gaps")
    if f"{want['overdue']} of {want['plans']} plans are past their next formal review" not in text:
        differ.append(f"reviews overdue: want {want['overdue']}")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--size-kb", type=float, default=12)
    parser.add_argument("--warm", type=int, default=2, help="choices of the same files after the first")
    parser.add_argument("--rounds", type=int, default=3, help="runs of the CLI (median)")
    parser.add_argument("--older", type=float, default=0.1,
                        help="the share of plans in an older format (opened through a migration), default 0.1")
    parser.add_argument("--keep", type=Path, help="write the plans here and keep them")
    parser.add_argument("--profile", action="store_true",
                        help="also print where check_for_evidence spends its time in CPython "
                             "(cProfile, a proxy for Pyodide)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from startup import ARGS, Site  # bench/startup.py: Chromium's flags, the site served in a thread

    load = os.getloadavg()
    build_site()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = Plans(older=args.older).write(folder, args.plans, args.size_kb)
        sizes = [p.stat().st_size for p in paths]
        today = datetime.date.today().isoformat()  # the page's today(): this machine's local date
        cli_s, floor_s, report = cli(folder, today, args.rounds)
        texts = [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]
        cpython = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            cpython_reports = [check_for_evidence(t, today) for t in texts]
            cpython.append(time.perf_counter() - started)
        cpython_s = statistics.median(cpython)
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(lambda: [check_for_evidence(t, today) for t in texts])
            pstats.Stats(profile, stream=(where := io.StringIO())).sort_stats("cumulative").print_stats(20)

        site = Site(ROOT / "out")
        runs = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
                context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 720})
                context.add_init_script(WATCH)
                page = context.new_page()
                page.goto(site.url + "team/check-our-plans/")
                page.wait_for_function(READY, timeout=180_000)
                for k in range(1 + args.warm):
                    runs.append(choose(page, paths, probe=True))
                    shown = page.evaluate(FIGURES, WIDGET)
                    if k == 0:
                        first_figures = shown
                read_ms = page.evaluate(READ_ONLY, WIDGET)
                python_ms, worker_reports = page.evaluate(PYTHON_ONLY, [texts, today, "check_for_evidence"])
                trip_ms, _ = page.evaluate(PYTHON_ONLY, [texts, today, "nhs_number_problem"])
                browser.close()
        finally:
            site.stop()
        n = len(paths)
        date = re.search(r"checked on (\d{4}-\d{2}-\d{2})", first_figures["status"])
        assert date and first_figures["status"].startswith(f"All {n} files chosen were checked"), first_figures
        if date[1] != today:  # midnight passed: compare with the CLI on the page's date
            report = cli(folder, date[1], 1)[2]

    want = plan_evidence(report["files"], date[1])
    differ = compare(first_figures, want)
    cold, warm = runs[0], runs[1:]
    browser_s = (cold["shown"] - cold["chosen"]) / 1000
    warm_s = statistics.median((r["shown"] - r["chosen"]) / 1000 for r in warm) if warm else None

    print(f"Check our plans at scale: {n} plans, mean {statistics.mean(sizes) / 1024:.1f} KB "
          f"(from {min(sizes) / 1024:.1f} to {max(sizes) / 1024:.1f} KB), {sum(sizes) / 1024 / 1024:.1f} MB in all")
    print(f"  {os.cpu_count()} cores; load average {load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
          "(other work on the machine slows every figure)")
    print(f"  {sum(f.get('migrated_from') is not None for f in report['files'])} of them in an older format "
          "(opened through a migration, as a plan not saved since an upgrade)")
    print(f"  verdicts: {want['counting']} of {want['plans']} count; criteria "
          + ", ".join(f"{k}: {v['met']}/{v['partly']}/{v['not-met']}" for k, v in want["criteria"].items())
          + f" (met/partly/not met); {want['overdue']} overdue")
    print(f"  pcsp check --format json, new process   {cli_s:6.2f} s   {cli_s / n * 1000:5.2f} ms/file"
          f"   (median of {args.rounds}; start-up and imports alone {floor_s:.2f} s)")
    print(f"  check_for_evidence in CPython, in-process {cpython_s:6.2f} s   {cpython_s / n * 1000:5.2f} ms/file"
          f"   (median of {args.rounds})")
    print(f"  browser, cold (first choice)             {browser_s:6.2f} s   {browser_s / n * 1000:5.2f} ms/file"
          f"   (change → figures drawn {(cold['drawn'] - cold['chosen']) / 1000:.2f} s, shown in the next frame)")
    if warm_s is not None:
        print(f"  browser, warm (same files again)         {warm_s:6.2f} s   {warm_s / n * 1000:5.2f} ms/file"
              f"   (median of {len(warm)}: "
              + ", ".join(f"{(r['shown'] - r['chosen']) / 1000:.2f}" for r in warm) + ")")
    print(f"  ratio browser / CLI: cold {browser_s / cli_s:.1f}x" + (f", warm {warm_s / cli_s:.1f}x" if warm else ""))
    print("  where the browser's time goes (warm page, texts already read):")
    print(f"    reading the {read_ms[1]} files (arrayBuffer + UTF-8 decode)   {read_ms[0] / 1000:6.2f} s")
    print(f"    check_for_evidence × {n} through the worker   {python_ms / 1000:6.2f} s   "
          f"{python_ms / n:5.2f} ms/file   ({python_ms / 1000 / cpython_s:.1f}x CPython)")
    print(f"    a trivial call × {n} (the round trip alone)   {trip_ms / 1000:6.2f} s   {trip_ms / n:5.2f} ms/call")
    if args.profile:
        print("  check_for_evidence in CPython, by cumulative time (cProfile):")
        print("\n".join("    " + line for line in where.getvalue().splitlines() if line.strip()))
    print(f"  figures equal pcsp check's on the same files: {'yes' if not differ else 'NO: ' + '; '.join(differ)}"
          f"  (worker's reports equal CPython's: {'yes' if worker_reports == cpython_reports else 'NO'})")
    print("  responsiveness while checking (cold run; warm in brackets):")
    for label, key in (("long tasks (main thread > 50 ms)", None), ("longest gap between frames", "longestFrameGap"),
                       ("Tab → focus moved", "keyToFocus"), ("wheel → page scrolled", "wheelToScroll")):
        def one(r: dict[str, Any]) -> str:
            if key is None:
                tasks = [d for _, d in r["longtasks"]]
                return f"{len(tasks)}, longest {max(tasks, default=0):.0f} ms"
            return f"{r[key]:.0f} ms"
        print(f"    {label:<34} {one(cold)}" + (f"   [{'; '.join(one(r) for r in warm)}]" if warm else ""))
    for name, r in (("cold", cold), *((f"warm {k + 1}", w) for k, w in enumerate(warm))):
        if r["longtasks"]:
            print(f"    long tasks, {name}: " + ", ".join(f"{d:.0f} ms at {(start - r['chosen']) / 1000:.2f} s"
                                                       for start, d in r["longtasks"]))
    during = all(r["focusAt"] < r["drawn"] and r["scrollAt"] < r["drawn"] for r in runs)
    print(f"    focus moved: {cold['focusMoved']} (Tab pressed at {cold['progress']}, its keydown handled "
          f"{cold['keyQueued']:.0f} ms after it was sent); scrolled to {cold['scrolled']:.0f} px (wheel handled "
          f"{cold['wheelQueued']:.0f} ms after it was sent); both while checking, in every run: "
          f"{'yes' if during else 'NO'}; {cold['frames']} frames drawn in {browser_s:.1f} s")
    print(f"  time to result under 10 s: {'yes' if browser_s < 10 else 'NO'} (cold, {browser_s:.1f} s)"
          + (f"; {'yes' if warm_s < 10 else 'NO'} (warm, {warm_s:.1f} s)" if warm else ""))


if __name__ == "__main__":
    main()
