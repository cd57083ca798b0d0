// Choices for reading a plan aloud, kept apart from the page so they can be tested on their own.
// A plan is health data, and some browsers' voices are network services that send the text to a
// server: only voices that say they run on this device (localService) are ever used.

/** The voice to read with: a local one only, best matching `lang` ("en-GB", then any "en"), or null. */
export function chooseVoice(voices, lang = "en-GB") {
  const local = [...voices].filter((voice) => voice.localService === true);
  const base = lang.split("-")[0];
  return local.find((v) => v.lang === lang) ?? local.find((v) => v.lang?.split(/[-_]/)[0] === base) ?? local[0] ?? null;
}

/** Text as sentences, each read (and highlighted) in turn. */
export function sentences(text) {
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  return [...segmenter.segment(text.replace(/\s+/g, " "))].map((s) => s.segment.trim()).filter(Boolean);
}
