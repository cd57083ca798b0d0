"""The browser's pure JavaScript helpers, tested with Node's own test runner (tests/js/).

No test framework from npm: `node --test` is built in. This wrapper makes them part
of the one test command, so `.ci/run` runs them too.
"""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT

JS_TESTS = ROOT / "tests" / "js"


def test_the_javascript_unit_tests_pass():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed for the JavaScript unit tests (apt-get install -y nodejs)"
    files = sorted(JS_TESTS.glob("*.test.mjs"))
    assert files, "no JavaScript tests found in tests/js/"
    run = subprocess.run([node, "--test", *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    # Every file ran: node prints one summary for them all.
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
