// The action plan taken away: CSV for spreadsheets, Markdown for documents. Every page
// that offers it (the self-assessment, the agreed team assessment) wires its buttons
// here, so each gives the very bytes `pcsp actions` writes for the same assessment: the
// text and its file name both come from pcsp_core.exports, and this module only saves them.

import { download } from "./files.js";

const FORMATS = {
  csv: { make: "actions_csv", extension: ".csv", type: "text/csv;charset=utf-8" },
  markdown: { make: "actions_markdown", extension: ".md", type: "text/markdown;charset=utf-8" },
};

/**
 * Make the [data-pcsp-csv] and [data-pcsp-markdown] buttons in `root` download the action plan of
 * assessment(), the document on screen now.
 *   page   the document page (document-page.js): its checks, its messages and today's date
 *   none   what to say when the assessment has no improvement actions: an action plan with no
 *          actions is an empty file, so nothing is downloaded and the person is told what to do
 */
export function offerActionPlan(root, page, assessment, { none }) {
  async function take(format) {
    const { python, say } = page;
    if (python.state.state !== "ready") {
      say("error", "The checks are still getting ready; try again in a moment.");
      return;
    }
    const doc = assessment();
    const { make, extension, type } = FORMATS[format];
    try {
      const [counts, text, fileName] = await Promise.all([python.call("progress", doc), python.call(make, doc),
        python.call("action_plan_file_name", doc, page.today(), extension)]);
      if (!counts.actions) {
        say("error", none);
        return;
      }
      download(fileName, text, type);
      say("ok", `The action plan is saved as “${fileName}” in your downloads.`);
    } catch (error) {
      say("error", `The action plan could not be made just now (${error.message}). Try again in a moment.`);
    }
  }

  root.querySelector("[data-pcsp-csv]").addEventListener("click", () => take("csv"));
  root.querySelector("[data-pcsp-markdown]").addEventListener("click", () => take("markdown"));
}
