"""Sharing a plan without a server, in Chromium with its real WebCrypto: a protected file and a link.

Every request made while sharing and opening is recorded: the plan's words never appear in one."""

from __future__ import annotations

import base64
import copy
import os
import json
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pcsp_core.documents import dump_document
from pcsp_core.sharing import shared

from .conftest import ROOT, Watched, run_axe
from .test_phone_first import from_the_menu
from .test_plan_editor import open_editor

sys.path.insert(0, str(ROOT / "tests"))
from full_plan import full_plan  # noqa: E402

CECILIA = json.loads((ROOT / "examples" / "cecilia-plan.json").read_text(encoding="utf-8"))
PASSPHRASE = "purple elephants dance slowly"
PLANS = {"cecilia": CECILIA, "every-field": full_plan()}


def asking(page: Page):
    """The passphrase dialog now open (Material's search box is a dialog too, so not by role alone)."""
    return page.locator("dialog.pcsp-passphrase[open]")


def open_file(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file").click()
    chooser.value.set_files(str(path))


def editor_with(page: Page, server, plan: dict, path: Path) -> Path:
    """My plan with `plan` opened from a file at `path`, as a person would have it."""
    path.write_text(dump_document(plan), encoding="utf-8")
    open_editor(page, server)
    open_file(page, path)
    expect(page.get_by_role("status").filter(has_text="Opened")).to_be_visible()
    return path


def choose_passphrase(page: Page, passphrase: str = PASSPHRASE) -> None:
    dialog = asking(page)
    dialog.get_by_label("Passphrase", exact=True).fill(passphrase)
    dialog.get_by_label("Type the passphrase again").fill(passphrase)
    dialog.get_by_role("button", name="Make the protected copy").click()


def protected_example(page: Page, server, to: Path) -> Path:
    """My plan with Cecilia's example on screen, and a protected copy of it saved at `to`."""
    open_editor(page, server)
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    page.get_by_role("button", name="Make a protected copy").click()
    with page.expect_download() as download:
        choose_passphrase(page)
    download.value.save_as(to)
    return to


def unlocked(page: Page, envelope: dict, passphrase: str = PASSPHRASE) -> str:
    """What the file holds, opened with the site's own protect.js in the page."""
    return page.evaluate("""async ([envelope, passphrase]) => {
      const { unprotect } = await import(new URL('../assets/pcsp/protect.js', location.href).href);
      return (await unprotect(envelope, passphrase)).text;
    }""", [envelope, passphrase])


def words_in(plan: dict) -> list[str]:
    """Distinctive words of the plan, to look for where they must not be."""
    return [plan["person"]["name"], plan["outcomes"][0]["in_my_words"][:25]]


@pytest.mark.parametrize("which", list(PLANS))
def test_a_protected_copy_opens_with_its_passphrase_only_and_stays_protected(server, watched: Watched, tmp_path,
                                                                             which):
    plan = PLANS[which]
    page = watched.page
    original = editor_with(page, server, plan, tmp_path / "original.json")

    page.get_by_role("button", name="Make a protected copy").click()
    dialog = asking(page)
    expect(dialog).to_be_visible()
    dialog.get_by_label("Passphrase", exact=True).fill("cat")
    expect(dialog).to_contain_text("Too short")
    assert run_axe(page) == []
    dialog.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    dialog.get_by_label("Type the passphrase again").fill(PASSPHRASE + "x")
    dialog.get_by_role("button", name="Make the protected copy").click()
    expect(dialog.get_by_role("alert")).to_have_text("The two passphrases are not the same. Type them again.")
    dialog.get_by_label("Type the passphrase again").fill(PASSPHRASE)
    with page.expect_download() as download:
        dialog.get_by_role("button", name="Make the protected copy").click()
    locked = tmp_path / "locked.json"
    download.value.save_as(locked)
    assert download.value.suggested_filename.endswith("-protected.json")
    envelope = json.loads(locked.read_text(encoding="utf-8"))
    assert envelope["kind"] == "protected" and envelope["contains"] == "plan"
    assert envelope["kdf"]["iterations"] >= 600_000 and envelope["cipher"]["name"] == "AES-GCM"
    for words in words_in(plan):
        assert words not in locked.read_text(encoding="utf-8")
    assert unlocked(page, envelope) == original.read_text(encoding="utf-8")  # byte for byte

    # A new, empty plan; then the protected file, first with the wrong passphrase.
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="New plan").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("")
    open_file(page, locked)
    ask = asking(page)
    expect(ask.get_by_role("heading")).to_have_text("“locked.json” is protected")
    assert run_axe(page) == []
    ask.get_by_label("Passphrase", exact=True).fill("purple elephants dance quickly")
    ask.get_by_role("button", name="Open it").click()
    expect(ask.get_by_role("alert")).to_have_text("That passphrase does not open this file.")
    expect(page.get_by_label("My name", exact=True)).to_have_value("")  # nothing on screen changed
    ask.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    ask.get_by_role("button", name="Open it").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value(plan["person"]["name"])

    # Saved again, it stays protected, with the same passphrase, without being asked.
    with page.expect_download() as again:
        page.get_by_role("button", name="Save", exact=True).click()
    resaved = json.loads(Path(again.value.path()).read_text(encoding="utf-8"))
    assert resaved["kind"] == "protected" and resaved["cipher"]["iv"] != envelope["cipher"]["iv"]
    assert unlocked(page, resaved) == original.read_text(encoding="utf-8")
    for url in watched.requests:
        for words in words_in(plan):
            assert words not in url
    assert watched.errors == []


def test_a_damaged_protected_file_is_refused_and_nothing_changes(server, watched: Watched, tmp_path):
    page = watched.page
    envelope = json.loads(protected_example(page, server, tmp_path / "locked.json").read_text(encoding="utf-8"))
    cipher = bytearray(base64.b64decode(envelope["ciphertext"]))
    cipher[10] ^= 0x01  # one flipped bit
    damaged = copy.deepcopy(envelope)
    damaged["ciphertext"] = base64.b64encode(bytes(cipher)).decode()
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(damaged), encoding="utf-8")
    page.get_by_label("My name", exact=True).fill("Cecilia, still typing")
    open_file(page, path)
    ask = asking(page)
    ask.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    ask.get_by_role("button", name="Open it").click()
    expect(page.get_by_role("alert").filter(has_text="damaged")).to_contain_text("Nothing on this page has changed")
    expect(page.locator("dialog.pcsp-passphrase")).to_have_count(0)
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia, still typing")


def make_link(page: Page, passphrase: str | None = None) -> str:
    panel = page.locator("[data-pcsp-share]")
    if passphrase:
        panel.get_by_label("Lock the link with a passphrase").check()
    panel.get_by_role("button", name="Make a link to what I share").click()
    if passphrase:
        dialog = asking(page)
        dialog.get_by_label("Passphrase", exact=True).fill(passphrase)
        dialog.get_by_label("Type the passphrase again").fill(passphrase)
        dialog.get_by_role("button", name="Make the link").click()
    expect(panel.get_by_label("The link", exact=True)).not_to_have_value("")
    return panel.get_by_label("The link", exact=True).input_value()


@pytest.mark.parametrize("which", list(PLANS))
def test_a_link_shows_the_plan_read_only_then_it_can_be_kept(server, watched: Watched, tmp_path, which):
    plan = PLANS[which]
    page = watched.page
    original = editor_with(page, server, plan, tmp_path / "original.json")
    link = make_link(page)
    assert link.startswith(server.url + "my-plan/#pcsp=1.k.")
    for words in words_in(plan):
        assert words not in link
    expect(page.locator("[data-pcsp-link-length]")).to_contain_text(f"{len(link):,} characters")

    reader = watched.context.new_page()
    reader.add_init_script("delete window.showOpenFilePicker; delete window.showSaveFilePicker;")
    reader.goto(link)
    view = reader.get_by_role("region", name="A plan shared with you")
    expect(view).to_be_visible()
    expect(view).to_contain_text(plan["outcomes"][0]["in_my_words"].split("\n")[0])
    assert "#" not in reader.url  # gone from the address bar
    assert reader.evaluate("location.hash") == ""
    expect(reader.get_by_label("My name", exact=True)).to_have_value("")  # the editor is untouched
    assert run_axe(reader) == []
    reader.get_by_role("button", name="Save my own copy").click()
    expect(reader.get_by_label("My name", exact=True)).to_have_value(plan["person"]["name"])
    with reader.expect_download() as saved:
        reader.get_by_role("button", name="Save", exact=True).click()
    # What was shared came, byte for byte: all of the every-field plan (its choice is "all"), Cecilia's summary.
    assert Path(saved.value.path()).read_text(encoding="utf-8") == dump_document(shared(plan))
    for url in watched.requests:
        for words in words_in(plan):
            assert words not in url.split("#")[0]
    reader.close()


def test_a_locked_link_asks_for_its_passphrase_and_a_summary_link_holds_only_the_summary(server, watched: Watched,
                                                                                         tmp_path):
    plan = copy.deepcopy(CECILIA)
    plan["medicines_that_matter"] = [{"name": "Zqxmedicine"}]
    page = watched.page
    editor_with(page, server, plan, tmp_path / "summary.json")
    link = make_link(page, passphrase=PASSPHRASE)
    assert ".p.600000." in link
    reader = watched.context.new_page()
    reader.goto(link)
    ask = asking(reader)
    ask.get_by_label("Passphrase", exact=True).fill("wrong wrong wrong")
    ask.get_by_role("button", name="Open it").click()
    expect(ask.get_by_role("alert")).to_have_text("That passphrase does not open this link.")
    ask.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    ask.get_by_role("button", name="Open it").click()
    view = reader.get_by_role("region", name="A plan shared with you")
    expect(view).to_contain_text("I have lunch with my high school friends once a month")
    expect(view).not_to_contain_text("Zqxmedicine")  # the summary leaves medicines out
    reader.close()


def follow_again(page: Page, link: str) -> None:
    """What Material's instant navigation does after a fragment change (its bundle's `gn`): follows the
    same fragment again, through a link of its own that it keeps from its own click handling."""
    page.evaluate("""(hash) => {
        const a = document.createElement("a");
        a.href = hash;
        a.addEventListener("click", (event) => event.stopPropagation());
        a.click();
    }""", "#" + link.split("#", 1)[1])


def test_a_link_followed_again_while_it_opens_asks_once_and_shows_once(server, watched: Watched, tmp_path):
    page = watched.page
    editor_with(page, server, CECILIA, tmp_path / "cecilia.json")
    link = make_link(page, passphrase=PASSPHRASE)
    page.evaluate("(link) => { location.href = link; }", link)
    expect(asking(page).get_by_label("Passphrase", exact=True)).to_be_focused(timeout=30_000)
    follow_again(page, link)
    page.keyboard.type(PASSPHRASE)  # every key reaches the one dialog
    expect(page.locator("dialog.pcsp-passphrase")).to_have_count(1)
    page.keyboard.press("Enter")
    view = page.get_by_role("region", name="A plan shared with you")
    expect(view).to_be_visible(timeout=30_000)
    follow_again(page, link)  # on show already: not asked for again
    expect(view.get_by_role("heading", level=2)).to_be_focused()
    expect(page.locator("dialog.pcsp-passphrase")).to_have_count(0)
    view.get_by_role("button", name="Close it").click()
    page.evaluate("(link) => { location.href = link; }", link)  # closed, the same link opens again
    expect(asking(page).get_by_label("Passphrase", exact=True)).to_be_focused(timeout=30_000)


@pytest.mark.parametrize("change", ["cut", "altered", "newer"])
def test_a_broken_link_gets_a_message_never_a_half_filled_form(server, watched: Watched, change):
    page = watched.page
    open_editor(page, server)
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    link = make_link(page)
    broken = {"cut": link[:-30], "altered": link[:-10] + ("A" if link[-10] != "A" else "B") + link[-9:],
              "newer": link.replace("#pcsp=1.", "#pcsp=9.")}[change]
    reader = watched.context.new_page()
    reader.goto(broken)
    expect(reader.get_by_role("alert")).to_contain_text("This link cannot be opened.")
    if change == "newer":
        expect(reader.get_by_role("alert")).to_contain_text("newer version")
    expect(reader.get_by_role("region", name="A plan shared with you")).to_be_hidden()
    expect(reader.get_by_label("My name", exact=True)).to_have_value("")
    assert reader.evaluate("location.hash") == ""
    reader.close()


def scanned(png: Path) -> str:
    """What a QR code scanner reads from the image (Debian's zbarimg, as a phone's camera would)."""
    import shutil
    import subprocess

    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "the QR tests need zbarimg (apt-get install -y zbar-tools)"
    run = subprocess.run([zbarimg, "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_the_card_s_qr_code_scans_to_a_link_that_opens_only_the_card(server, browser, tmp_path):
    # Pixels as dense as a phone's screen or a printer's, so the picture is the code, not a blur of it.
    watched = Watched(browser.new_context(service_workers="block", device_scale_factor=3))
    page = watched.page
    page.add_init_script("window.print = () => dispatchEvent(new Event('beforeprint'));")
    open_editor(page, server)
    page.get_by_role("button", name="See an example").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    page.get_by_role("button", name="A QR code of my “if things change” card").click()
    code = page.get_by_role("img", name="QR code of my “if things change” card")
    expect(code).to_be_visible()
    assert run_axe(page) == []
    code.screenshot(path=str(tmp_path / "qr.png"))
    link = scanned(tmp_path / "qr.png")
    assert link.startswith(server.url + "my-plan/#pcsp=1.k.")

    reader = watched.context.new_page()
    reader.goto(link)
    view = reader.get_by_role("region", name="A plan shared with you")
    expect(view).to_contain_text("Call 999 straight away.")
    expect(view).not_to_contain_text("I have lunch with my high school friends")  # outcomes are not on the card
    reader.close()

    # Printed, the card carries its own code, which scans too.
    page.get_by_role("button", name="Print my “if things change” card").click()
    page.emulate_media(media="print")
    printed = page.locator("[data-pcsp-print-area] .pcsp-print-card__qr svg")
    expect(printed).to_be_visible()
    printed.screenshot(path=str(tmp_path / "printed.png"))
    assert scanned(tmp_path / "printed.png").startswith(server.url + "my-plan/#pcsp=1.k.")
    watched.context.close()


def test_a_protected_copy_of_what_i_share_holds_only_the_chosen_parts(server, watched: Watched, tmp_path):
    plan = copy.deepcopy(CECILIA)
    plan["medicines_that_matter"] = [{"name": "Zqxmedicine"}]
    page = watched.page
    editor_with(page, server, plan, tmp_path / "plan.json")
    page.locator("[data-pcsp-share]").get_by_role("button", name="A protected copy of what I share").click()
    with page.expect_download() as download:
        choose_passphrase(page)
    text = unlocked(page, json.loads(Path(download.value.path()).read_text(encoding="utf-8")))
    assert text == dump_document(shared(plan))
    assert "Zqxmedicine" not in text and "I have lunch with my high school friends" in text


def test_a_long_link_suggests_the_protected_file(server, watched: Watched, tmp_path):
    plan = copy.deepcopy(CECILIA)
    # Words that do not compress: a long link however deflate-raw tries.
    plan["about_me"]["how_i_communicate"] = base64.b64encode(os.urandom(9000)).decode()
    page = watched.page
    editor_with(page, server, plan, tmp_path / "long.json")
    link = make_link(page)
    assert len(link) > 8000
    expect(page.locator("[data-pcsp-link-length]")).to_contain_text("send a protected copy instead")


def test_a_protected_self_assessment_opens_on_its_own_page(server, watched: Watched, tmp_path):
    from .test_team import open_assessment

    page = watched.page
    open_assessment(page, server)
    page.get_by_role("button", name="See an example").click()
    expect(page.locator("[data-pcsp-summary-about]")).to_contain_text("Frailty pathway", timeout=60_000)
    page.get_by_role("button", name="Make a protected copy").click()
    with page.expect_download() as download:
        choose_passphrase(page)
    locked = tmp_path / "team-protected.json"
    download.value.save_as(locked)
    assert json.loads(locked.read_text(encoding="utf-8"))["contains"] == "self-assessment"
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="New assessment").click()
    open_file(page, locked)
    ask = asking(page)
    ask.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    ask.get_by_role("button", name="Open it").click()
    expect(page.get_by_role("status").filter(has_text="Opened “team-protected.json”")).to_be_visible(timeout=30_000)


def test_a_link_pasted_into_a_tab_already_on_my_plan_opens_by_keyboard_at_360px(server, watched: Watched):
    page = watched.page
    page.set_viewport_size({"width": 360, "height": 800})
    open_editor(page, server)
    from_the_menu(page, "See an example")
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia")
    panel = page.locator("[data-pcsp-share]")
    panel.get_by_label("Lock the link with a passphrase").check()
    panel.get_by_role("button", name="Make a link to what I share").focus()
    page.keyboard.press("Enter")
    # The dialog takes the cursor; the keyboard alone fills it in and sends it.
    expect(asking(page).get_by_label("Passphrase", exact=True)).to_be_focused()
    page.keyboard.type(PASSPHRASE)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSPHRASE)
    page.keyboard.press("Enter")
    expect(panel.get_by_label("The link", exact=True)).not_to_have_value("")
    link = panel.get_by_label("The link", exact=True).input_value()
    page.get_by_label("My name", exact=True).fill("Cecilia, unsaved")
    page.evaluate("(link) => { location.href = link; }", link)  # the same page: only the fragment changes
    # Typing waits for the dialog to take the cursor, as a person would; a busy machine opens it late.
    expect(asking(page).get_by_label("Passphrase", exact=True)).to_be_focused(timeout=30_000)
    page.keyboard.type(PASSPHRASE)
    page.keyboard.press("Enter")
    view = page.get_by_role("region", name="A plan shared with you")
    expect(view).to_be_visible(timeout=30_000)  # PBKDF2's 600,000 rounds first
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia, unsaved")  # untouched until asked
    page.once("dialog", lambda d: d.dismiss())  # "your unsaved changes will be lost?" No.
    view.get_by_role("button", name="Save my own copy").click()
    expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia, unsaved")


def test_a_restored_draft_of_a_protected_file_is_saved_protected_again(server, browser, tmp_path):
    from .conftest import wait_for_draft

    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        locked = protected_example(page, server, tmp_path / "cecilia-protected.json")
        open_file(page, locked)
        ask = asking(page)
        ask.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
        ask.get_by_role("button", name="Open it").click()
        expect(page.get_by_role("status").filter(has_text="Opened")).to_be_visible()
        page.get_by_label("My name", exact=True).fill("Cecilia Brown")
        wait_for_draft(page, "plan", "(doc) => doc.person?.name === 'Cecilia Brown'")
        page.close()  # the key goes with the page; the draft stays

        page = context.new_page()
        open_editor(page, server)
        page.get_by_role("button", name="Restore it").click()
        expect(page.get_by_label("My name", exact=True)).to_have_value("Cecilia Brown")
        page.get_by_role("button", name="Save", exact=True).click()
        ask = asking(page)
        expect(ask.get_by_role("heading")).to_have_text("Save it protected again")
        ask.get_by_label("Passphrase", exact=True).fill("a brand new passphrase")
        ask.get_by_label("Type the passphrase again").fill("a brand new passphrase")
        with page.expect_download() as saved:
            ask.get_by_role("button", name="Save it protected").click()
        envelope = json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))
        assert envelope["kind"] == "protected" and "Cecilia Brown" not in json.dumps(envelope)
        assert json.loads(unlocked(page, envelope, "a brand new passphrase"))["person"]["name"] == "Cecilia Brown"
    finally:
        context.close()
