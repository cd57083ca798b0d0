"""How long the lead waits to see 50 members' assessments brought together, in real Chromium.

Builds the site (python build.py), serves out/, and opens team/together/ in
Chromium. For each run it reloads the page, waits until Python is ready, then
chooses N generated member files at once in the page's file input (as the lead
would with a multi-select). The time is measured inside the page: from the
input's change event (a capture-phase listener on document) to the moment the
merged view is drawn (a MutationObserver on the widget's data-merged). That
covers reading the files, opening and validating each one in Python, merging,
drafting the agreed assessment, and drawing every table.

Three figures, as medians over the runs:

  N members      open → merged view shown, for --members files (default 50)
  2 members      the same for 2 files: the floor every merge pays
  Python alone   pcsp_core.team.bring_together on the same N files, called
                 through the worker with the texts already read

and the ratios N/2 (how it grows with the team) and Python/N (where the time goes).

    python bench/merge_files.py [--members 50] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
from built import build_site  # noqa: E402
import pcsp_core  # noqa: E402
from pcsp_core import resources  # noqa: E402
from startup import ARGS, Site  # noqa: E402

WIDGET = "[data-pcsp-widget=together]"
READY = f"() => document.querySelector('{WIDGET}')?.dataset.pcspMounted && window.__pcspRuntime?.state.state === 'ready'"
ARM = """(selector) => {
  delete window.__merge;
  const root = document.querySelector(selector);
  let chosen;
  document.addEventListener("change", () => { chosen = performance.now(); }, { capture: true, once: true });
  new MutationObserver((_, observer) => {
    if (chosen !== undefined) { window.__merge = performance.now() - chosen; observer.disconnect(); }
  }).observe(root, { attributes: true, attributeFilter: ["data-merged"] });
}"""
PYTHON_ONLY = """async (files) => {
  const started = performance.now();
  const answer = await window.__pcspRuntime.call("bring_together", files, "2026-11-24");
  if (!answer.ok) throw new Error(answer.message);
  return performance.now() - started;
}"""
WORDS = ("people", "plans", "reviews", "coaches", "leaflets", "practices", "feedback", "training", "records",
         "carers", "templates", "pathways", "referrals", "clinics", "teams", "data")


def member(k: int, rng: random.Random) -> dict:
    """One member's full assessment: every enabler rated with evidence, some statements, an action or two."""
    doc = pcsp_core.new_document("self-assessment")
    doc["scope"] = {"type": "clinical-pathway", "name": "Frailty pathway, Benchmark PCN"}
    doc["assessed_by"] = [{"name": f"Member {k + 1}", "role": rng.choice(["GP", "Nurse", "Care coordinator"])}]
    doc["date"] = "2026-11-20"
    matrix = resources.framework("maturity")["foundations"]
    doc["enablers"] = {}
    for foundation in matrix:
        for enabler in foundation["enablers"]:
            rating = {"level": rng.choice([1, 2, 2, 3, 3, 4, "not-assessed"]),
                      "evidence": " ".join(rng.choice(WORDS) for _ in range(40))}
            if rng.random() < 0.3:
                rating["actions"] = [{"what": " ".join(rng.choice(WORDS) for _ in range(12)), "owner": f"Member {k + 1}",
                                      "due": "2027-03-31", "status": "not-started"}]
            doc["enablers"][enabler["id"]] = rating
    doc["statements"] = {s["id"]: rng.random() < 0.5 for f in matrix for s in f["i_statements"] + f["we_statements"]}
    assert pcsp_core.open_document(json.dumps(doc), "self-assessment")["valid"]
    return doc


def timed_merge(page, url: str, files: list[Path]) -> float:
    page.goto(url + "team/together/")
    page.wait_for_function(READY, timeout=180_000)
    page.evaluate(ARM, WIDGET)
    page.get_by_label("Choose every member’s assessment file").set_input_files([str(f) for f in files])
    page.wait_for_function("() => window.__merge !== undefined", timeout=120_000)
    shown = page.locator(f"{WIDGET} [data-pcsp-members] li").count()
    assert shown == len(files), f"the page shows {shown} members, expected {len(files)}"
    return page.evaluate("window.__merge")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    build_site()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(args.members):
            path = Path(tmp) / f"member-{k + 1:02d}.json"
            path.write_text(pcsp_core.dump_document(member(k, rng)), encoding="utf-8")
            files.append(path)
        size = sum(f.stat().st_size for f in files)
        texts = [{"name": f.name, "text": f.read_text(encoding="utf-8")} for f in files]
        site = Site(ROOT / "out")
        many, two, python = [], [], []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                timed_merge(page, site.url, files)  # warm-up: the browser's caches, not Python's (it restarts)
                for _ in range(args.runs):
                    many.append(timed_merge(page, site.url, files))
                    two.append(timed_merge(page, site.url, files[:2]))
                    python.append(page.evaluate(PYTHON_ONLY, texts))
                browser.close()
        finally:
            site.stop()
    n, m2, py = statistics.median(many), statistics.median(two), statistics.median(python)
    print(f"Bring assessments together, in Chromium: medians of {args.runs} runs, each on a freshly loaded page")
    print(f"  {args.members} member files, {size / 1024:.0f} KiB in all ({size / args.members / 1024:.1f} KiB each)")
    print(f"  {args.members} members: open → merged view shown   median {n:7.1f} ms"
          f"   (min {min(many):.1f}, max {max(many):.1f})")
    print(f"   2 members: open → merged view shown   median {m2:7.1f} ms   (min {min(two):.1f}, max {max(two):.1f})")
    print(f"  Python alone, bring_together on the {args.members}   median {py:7.1f} ms")
    print(f"  ratio {args.members} / 2 members: {n / m2:.1f}×;  Python's share of the {args.members}-member time: "
          f"{py / n:.0%}")


if __name__ == "__main__":
    main()
