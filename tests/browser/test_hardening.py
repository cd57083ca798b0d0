"""The worker that holds every plan runs under the page's Content-Security-Policy, on
any static host, and the local server sends the policy's header form."""

from __future__ import annotations

import json

from playwright.sync_api import Route

from pcsp_core import documents

from .conftest import Server, Watched

# Added to the real worker.js for these tests only: answers a "__probe" call with what
# happened when it tried what the policy must forbid.
PROBE = """
const __pcspServe = onmessage;
onmessage = async (event) => {
  if (event.data.name !== "__probe") return __pcspServe(event);
  const [elsewhere] = JSON.parse(event.data.args);
  const tried = { refusedBy: [] };
  const refused = (violation) => tried.refusedBy.push(violation.effectiveDirective);
  self.addEventListener("securitypolicyviolation", refused);
  try { eval("1 + 1"); tried.eval = "ran"; } catch (error) { tried.eval = error.name; }
  try { new Function("return 1")(); tried.newFunction = "ran"; } catch (error) { tried.newFunction = error.name; }
  try { importScripts(elsewhere + "assets/pcsp/latest.js"); tried.importScripts = "ran"; }
  catch (error) { tried.importScripts = error.name; }
  // An image, which a no-cors fetch from another origin may read (the browser blocks opaque HTML itself).
  try { await fetch(elsewhere + "assets/icons/icon-192.png", { mode: "no-cors" }); tried.fetchElsewhere = "ran"; }
  catch (error) { tried.fetchElsewhere = error.name; }
  try { await fetch(new URL("../../", import.meta.url)); tried.fetchOwnSite = "ran"; }
  catch (error) { tried.fetchOwnSite = error.name; }
  await new Promise((resolve) => setTimeout(resolve, 0)); // violation events are queued as tasks
  self.removeEventListener("securitypolicyviolation", refused);
  postMessage({ type: "reply", id: event.data.id, json: JSON.stringify({ ok: true, result: tried }) });
};
"""


def as_a_static_host(route: Route) -> None:
    """Serve the site as a host that sends no policy header: only the pages' <meta> policy applies."""
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
    body = response.body()
    if route.request.url.endswith("/assets/pcsp/worker.js"):
        body = body + PROBE.encode()
    route.fulfill(response=response, headers=headers, body=body)


# The same probe, in a worker started straight from its URL (no blob): what the tools' worker
# would be without the blob shim. On a host that sends no headers, nothing stops it.
UNGUARDED = """(elsewhere) => new Promise((resolve) => {
  const worker = new Worker("/assets/pcsp/worker.js", { type: "module" });
  worker.addEventListener("message", ({ data }) => {
    if (data.type === "reply") { resolve(JSON.parse(data.json).result); worker.terminate(); }
  });
  worker.postMessage({ id: 1, name: "__probe", args: JSON.stringify([elsewhere]) });
})"""


def test_the_worker_cannot_eval_or_reach_another_origin_and_every_check_still_works(server, watched: Watched, site):
    elsewhere = Server(site, port=0)  # a second origin: the same files on another port
    try:
        page = watched.page
        page.route(f"{server.url}**", as_a_static_host)
        page.goto(server.url + "check-an-outcome/")
        page.wait_for_function("() => window.__pcspRuntime?.state.state === 'ready'", timeout=120_000)
        tried = page.evaluate("(elsewhere) => window.__pcspRuntime.call('__probe', elsewhere)", elsewhere.url)
        assert tried["eval"] == "EvalError" and tried["newFunction"] == "EvalError"
        assert tried["importScripts"] == "TypeError"
        assert tried["fetchElsewhere"] == "TypeError"
        assert tried["fetchOwnSite"] == "ran"
        assert tried["refusedBy"] == ["script-src", "script-src", "connect-src"]  # eval, Function, the fetch
        # The probe can tell: a worker from a URL, on this header-less host, is under no policy.
        bare = page.evaluate(UNGUARDED, elsewhere.url)
        assert bare["eval"] == "ran" and bare["newFunction"] == "ran" and bare["refusedBy"] == []
        # ...and the checks work under the policy.
        result = page.evaluate("() => window.__pcspRuntime.call('check_outcome', 'Support to go to the day centre')")
        assert [f["code"] for f in result["findings"]]
        opened = page.evaluate("(text) => window.__pcspRuntime.call('open_document', text)",
                               json.dumps(documents.new_document("plan")))
        assert opened["valid"] is True
    finally:
        watched.page.unroute_all(behavior="ignoreErrors")  # a late request must not outlive the test
        elsewhere.stop()


def test_the_server_sends_the_policy_as_a_header_that_also_forbids_framing(server, watched: Watched):
    response = watched.page.goto(server.url + "my-plan/")
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "worker-src 'self' blob:" in policy
    meta = watched.page.evaluate("() => document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
    # The same policy as the page's, with every page's inline-script hashes, plus framing.
    for directive in meta.split("; "):
        if directive.startswith("script-src"):
            assert all(source in policy for source in directive.split()[1:])
        else:
            assert directive in policy.split("; ")
    assert response.headers["x-content-type-options"] == "nosniff"
