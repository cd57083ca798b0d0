// "Read my plan aloud" and "Read … aloud" for each section, with speechSynthesis. Off until asked;
// shown only when this device has a voice of its own (speech.js), because a network voice would
// send the plan's words to a server. The words read are the printed plan's (print-view.js), so
// what is heard is what is on paper; the sentence being read is highlighted.

import { readable } from "./print-view.js";
import { chooseVoice, sentences } from "./speech.js";
import { el } from "./ui.js";

/** The sentences of one printed section: its heading, then "label: answer." for each answer. */
function spokenSection(section) {
  const lines = [section.querySelector("h2")?.textContent || ""];
  const terms = section.querySelectorAll("dt");
  for (const term of terms) lines.push(`${term.textContent}: ${term.nextElementSibling?.textContent || ""}`);
  return lines.flatMap((line) => sentences(/[.!?]$/.test(line) ? line : `${line}.`));
}

export function mountReadAloud(panel, form) {
  const synth = globalThis.speechSynthesis;
  const now = panel.querySelector("[data-pcsp-read-now]");
  const pause = panel.querySelector("[data-pcsp-read-pause]");
  const rate = panel.querySelector("[data-pcsp-read-rate]");
  const sectionButtons = [];
  let voice = null;

  function read(spoken) {
    synth.cancel();
    now.replaceChildren(...spoken.map((text) => el("span", "pcsp-read-aloud__sentence", `${text} `)));
    now.hidden = !spoken.length;
    pause.textContent = "Pause";
    spoken.forEach((text, index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = Number(rate.value);
      utterance.onstart = () => {
        for (const [k, span] of [...now.children].entries()) span.classList.toggle("pcsp-read-aloud__current", k === index);
      };
      utterance.onend = () => {
        if (index === spoken.length - 1) now.querySelector(".pcsp-read-aloud__current")?.classList.remove("pcsp-read-aloud__current");
      };
      synth.speak(utterance);
    });
  }

  const printed = () => [...readable(form).querySelectorAll("section")];

  function addSectionButtons() {
    for (const section of form.querySelectorAll(".pcsp-form-section")) {
      const title = section.querySelector("legend").textContent.trim();
      const button = el("button", "md-button pcsp-read-aloud__section", `Read “${title}” aloud`);
      button.type = "button";
      button.addEventListener("click", () => {
        const match = printed().find((s) => s.querySelector("h2")?.textContent.trim() === title);
        read(match ? spokenSection(match) : sentences(`${title}. Nothing is written here yet.`));
      });
      section.querySelector("legend").after(button);
      sectionButtons.push(button);
    }
  }

  function offer() {
    voice = chooseVoice(synth.getVoices());
    panel.hidden = voice === null;
    if (voice && !sectionButtons.length) addSectionButtons();
    for (const button of sectionButtons) button.hidden = voice === null;
  }

  if (!synth || typeof SpeechSynthesisUtterance === "undefined") return { dispose() {} };
  panel.querySelector("[data-pcsp-read-all]").addEventListener("click", () => {
    const all = printed().flatMap(spokenSection);
    read(all.length ? all : sentences("Your plan is empty so far."));
  });
  pause.addEventListener("click", () => {
    if (synth.paused) {
      synth.resume();
      pause.textContent = "Pause";
    } else {
      synth.pause();
      pause.textContent = "Carry on";
    }
  });
  panel.querySelector("[data-pcsp-read-stop]").addEventListener("click", () => {
    synth.cancel();
    now.hidden = true;
  });
  synth.addEventListener?.("voiceschanged", offer);
  offer();
  return {
    dispose() {
      synth.cancel();
      synth.removeEventListener?.("voiceschanged", offer);
    },
  };
}
