// Reading the files people choose and writing the files they save. What a file
// may contain (JSON, kind, version, nesting, schema) is for pcsp_core to say; the
// browser only does what must happen before Python sees a byte: refuse a file over
// the size limit unread, and hand over text only when it is real UTF-8 (anything
// else goes as base64, so pcsp_core names the problem in the CLI's own words).

/** Today's date where the person is (not UTC), as YYYY-MM-DD. */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The size rule the build wrote on a tool (data-file-rules, from pcsp_core.documents.file_rules). */
export function fileRules(root) {
  return JSON.parse(root.dataset.fileRules);
}

export function tooLargeMessage(rules, size) {
  return rules.too_large.replace("{size}", (size / 1024 / 1024).toFixed(1));
}

function base64(bytes) {
  let binary = "";
  for (let k = 0; k < bytes.length; k += 0x8000) binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(binary);
}

/** Bytes as pcsp_core's open_upload takes them: {text} when they are UTF-8, else {base64}. */
export function upload(name, bytes) {
  try {
    // fatal: a byte that is not UTF-8 is refused, never shown as �; the byte-order mark is dropped, as in the CLI.
    return { name, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch (error) {
    return { name, base64: base64(bytes) };
  }
}

/** One chosen File as an upload, or {name, problem} when it is too large or cannot be read. */
export async function readUpload(file, rules) {
  if (file.size > rules.max_bytes) return { name: file.name, problem: tooLargeMessage(rules, file.size) };
  try {
    return upload(file.name, new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    return { name: file.name, problem: "It could not be read: it may have been moved, or the browser was not " +
      "allowed to open it. Choose it again." };
  }
}

/** Several chosen Files: {uploads, problems} where problems are [{file, errors: [{message}]}]. */
export async function readUploads(fileList, rules) {
  const uploads = [];
  const problems = [];
  for (const file of fileList) {
    const read = await readUpload(file, rules);
    if (read.problem) problems.push({ file: read.name, errors: [{ message: read.problem }] });
    else uploads.push(read);
  }
  return { uploads, problems };
}

/** Every file under the dropped items, folders opened (only .json inside them), in name order. */
async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return [...dataTransfer.files];
  const files = [];
  async function walk(entry, top) {
    if (entry.isFile) {
      if (top || entry.name.toLowerCase().endsWith(".json")) files.push(await new Promise((ok, no) => entry.file(ok, no)));
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, no) => reader.readEntries(ok, no));
      if (!batch.length) break;
      for (const child of batch) await walk(child, false);
    }
  }
  for (const entry of entries) await walk(entry, true);
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** Let files be dropped anywhere on `element`: `onFiles(FileList)` gets them. A drop on a file
 * input inside is left to the input, which takes the files itself and says so with "change".
 * With `folders`, a dropped folder is opened: onFiles gets an array of every .json file in it. */
export function whenFilesDropped(element, onFiles, { folders = false } = {}) {
  element.addEventListener("dragover", (event) => {
    if ([...event.dataTransfer.types].includes("Files")) event.preventDefault();
  });
  element.addEventListener("drop", async (event) => {
    if (!event.dataTransfer.files.length || event.target.closest?.('input[type="file"]')) return;
    event.preventDefault();
    // The entries must be asked for now, during the event: droppedFiles does that before it awaits.
    onFiles(folders ? await droppedFiles(event.dataTransfer) : event.dataTransfer.files);
  });
}

/** Offer `text` as a file download named `name`. */
export function download(name, text, type = "application/json") {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** Write `text` through a File System Access handle; throws when the browser or the disk refuses. */
export async function writeToHandle(handle, text) {
  const writable = await handle.createWritable();
  try {
    await writable.write(text);
    await writable.close();
  } catch (error) {
    await writable.abort?.().catch(() => {});
    throw error;
  }
}

/** Ask where to save (File System Access), or null when this browser cannot ask. Throws AbortError on cancel. */
export async function chooseSaveHandle(suggestedName) {
  if (!window.showSaveFilePicker) return null;
  return window.showSaveFilePicker({ suggestedName,
    types: [{ description: "Plan or assessment (JSON)", accept: { "application/json": [".json"] } }] });
}

/** Ask which file to open (File System Access where there is one): [File, handle or null], or null if cancelled. */
export async function chooseFile() {
  if (window.showOpenFilePicker) {
    try {
      const [picked] = await window.showOpenFilePicker({
        types: [{ description: "Plan or assessment (JSON)", accept: { "application/json": [".json"] } }] });
      return [await picked.getFile(), picked];
    } catch (error) {
      if (error.name === "AbortError") return null;
      // otherwise fall back to the plain file input
    }
  }
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".json,application/json";
  return new Promise((resolve) => {
    input.addEventListener("change", () => resolve(input.files[0] ? [input.files[0], null] : null), { once: true });
    input.addEventListener("cancel", () => resolve(null), { once: true });
    input.click();
  });
}

/** Why a save failed, in words a person can act on. */
export function saveProblem(error) {
  if (error?.name === "NotAllowedError" || error?.name === "SecurityError") {
    return "the browser is no longer allowed to write to that file";
  }
  if (error?.name === "QuotaExceededError") return "the disk is full";
  if (error?.name === "NotFoundError") return "the file has been moved or deleted";
  return error?.message ? `the browser said: ${error.message}` : "the browser refused";
}
