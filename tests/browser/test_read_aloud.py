"""Reading a plan aloud, with a stand-in speechSynthesis that records what would be said, and by
which voice: a voice that sends the words to a server is never used, even as the default."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import Watched, run_axe
from .test_plan_editor import open_editor

# voices: [name, lang, localService, default]. Speaking "starts" each utterance in turn, at once.
STUB = """
(() => {
  const voices = %s.map(([name, lang, localService, isDefault]) => ({ name, lang, localService, default: isDefault,
    voiceURI: name }));
  window.__spoken = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  const synth = new EventTarget();
  Object.assign(synth, {
    paused: false, speaking: false,
    getVoices: () => voices,
    speak(u) {
      window.__spoken.push({ text: u.text, voice: u.voice?.name ?? null, rate: u.rate });
      setTimeout(() => { u.onstart?.(); u.onend?.(); }, 0);
    },
    pause() { this.paused = true; window.__spoken.push({ paused: true }); },
    resume() { this.paused = false; },
    cancel() { window.__spoken.push({ cancelled: true }); },
  });
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
})();
"""
REMOTE_DEFAULT = '["Google UK English Female", "en-GB", false, true]'


def with_voices(page: Page, *voices: str) -> None:
    page.add_init_script(STUB % f"[{', '.join(voices)}]")


def spoken(page: Page) -> list[dict]:
    return page.evaluate("window.__spoken")


def test_the_plan_is_read_by_a_voice_on_this_device_never_the_network_default(server, watched: Watched):
    page = watched.page
    with_voices(page, REMOTE_DEFAULT, '["Local US", "en-US", true, false]', '["Local GB", "en-GB", true, false]')
    open_editor(page, server)
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    panel = page.get_by_role("region", name="Read aloud")
    expect(panel).to_be_visible()
    assert spoken(page) == []  # off until asked
    panel.get_by_label("Speed").select_option(label="Slower")
    panel.get_by_role("button", name="Read my plan aloud").click()
    page.wait_for_function("window.__spoken.some((s) => s.text)")
    said = [s for s in spoken(page) if "text" in s]
    assert {s["voice"] for s in said} == {"Local GB"} and {s["rate"] for s in said} == {0.75}
    assert "My name: Cecilia." in [s["text"] for s in said]
    expect(panel.locator(".pcsp-read-aloud__sentence").first).to_be_visible()
    assert run_axe(page) == []

    page.evaluate("window.__spoken = []")
    page.get_by_role("button", name="Read “If things change” aloud").click()
    page.wait_for_function("window.__spoken.some((s) => s.text)")
    texts = [s["text"] for s in spoken(page) if "text" in s]
    assert texts[0] == "If things change." and any("Call 999 straight away." in t for t in texts)
    assert not any("Cecilia" == t for t in texts)
    panel.get_by_role("button", name="Pause").click()
    expect(panel.get_by_role("button", name="Carry on")).to_be_visible()
    panel.get_by_role("button", name="Stop").click()
    assert spoken(page)[-1] == {"cancelled": True}


def test_with_only_network_voices_there_is_nothing_to_press(server, watched: Watched):
    page = watched.page
    with_voices(page, REMOTE_DEFAULT, '["Microsoft Online", "en-GB", false, false]')
    open_editor(page, server)
    expect(page.get_by_role("region", name="Read aloud")).to_be_hidden()
    expect(page.get_by_role("button", name="Read my plan aloud")).to_have_count(0)
    expect(page.get_by_role("button", name="Read “Getting ready” aloud")).to_have_count(0)
    assert spoken(page) == []
