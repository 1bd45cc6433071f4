"""'Check my microphone' in real headless Chromium: fake devices, and getUserMedia made to fail by init
scripts; the bot must land on the matching cause (read back from the tracker store)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from bot.app.loading import load_engine
from bot.app.serve import Servers
from bot.app.tokens import staff_token
from tests.browser import LAPTOP, SHOTS, chromium, look_at

pytestmark = pytest.mark.e2e
FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


def failing(name: str, message: str = "", only: str = "all") -> str:
    """An init script that makes getUserMedia reject with a DOMException (for every call, or only some)."""
    return f"""
      (() => {{
        const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        let exact = 0;
        navigator.mediaDevices.getUserMedia = (constraints) => {{
          const id = constraints && constraints.audio && constraints.audio.deviceId && constraints.audio.deviceId.exact;
          if (id) exact += 1;
          const fail = {json.dumps(only)} === "all" || ({json.dumps(only)} === "first-device" && id && exact === 1)
                       || ({json.dumps(only)} === "saved" && id === "stale-saved-id");
          return fail ? Promise.reject(new DOMException({json.dumps(message)}, {json.dumps(name)})) : real(constraints);
        }};
      }})();"""


NO_MEDIA_DEVICES = "Object.defineProperty(navigator, 'mediaDevices', {get: () => undefined});"
SAVED = "localStorage.setItem('mic-helper-device', 'stale-saved-id');"

CASES = [
    ("healthy", "", None),
    ("busy", failing("NotReadableError", "Could not start audio source"), "exclusive_app"),
    ("denied", failing("NotAllowedError", "Permission denied"), "browser_site_setting"),
    ("denied by system", failing("NotAllowedError", "Permission denied by system"), "os_privacy"),
    ("no microphone", failing("NotFoundError", "Requested device not found"), "hardware_driver"),
    ("stale saved device", SAVED + failing("OverconstrainedError", "", only="saved"), "device_changed"),
    ("one device fails", failing("NotReadableError", "Could not start audio source", only="first-device"), "device_changed"),
    ("no mediaDevices", NO_MEDIA_DEVICES, "insecure_context"),
]


@pytest.fixture(scope="module")
def browser(playwright):
    """Its own Chromium: fake microphones need launch flags."""
    with chromium(playwright, tuple(FAKE_MEDIA)) as instance:
        yield instance


def current_cause(servers: Servers, sender: str) -> str | None:
    url = f"{servers.rasa_url}/conversations/{sender}/tracker?token={servers.token}"
    with urllib.request.urlopen(url, timeout=10) as response:
        state = json.loads(response.read())["slots"]["flow_state"]
    engine = load_engine()
    step = engine.flows[state["flow"]].step(state["step"])
    return step.cause


@contextmanager
def help_page(browser, servers: Servers, script: str = "", viewport: dict | None = None) -> Iterator[Page]:
    """The help page in a fresh browser context, `script` run before the page's own, ready to chat."""
    context = browser.new_context(**({"viewport": viewport} if viewport else {}))
    if script:
        context.add_init_script(script)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{servers.web_port}/")
    expect(page.get_by_role("button", name="Start the guided check")).to_be_visible(timeout=30_000)
    try:
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("name,script,cause", CASES, ids=[c[0] for c in CASES])
def test_mic_check_lands_on_the_matching_cause(browser, servers: Servers, name, script, cause):
    with help_page(browser, servers, script) as page:
        page.get_by_role("button", name="Check my microphone").click()
        expect(page.locator("#log")).to_contain_text(
            "microphone check found" if cause else "could open your microphone", timeout=30_000
        )
        expect(page.locator("#health")).to_be_visible()
        sender = page.evaluate("localStorage.getItem('mic-helper-sender')")
        if cause is None:
            expect(page.locator("#health")).to_contain_text("works")
            page.screenshot(path=str(SHOTS / "mic-check-healthy.png"), full_page=True)
        else:
            assert current_cause(servers, sender) == cause


PANEL_CASES = [
    ("healthy", "", "good", "Your microphone works"),
    ("blocked", failing("NotAllowedError", "Permission denied"), "bad", "blocked"),
    ("busy", failing("NotReadableError", "Could not start audio source"), "bad", "busy"),
    ("no microphone", failing("NotFoundError", "Requested device not found"), "bad", "No microphone found"),
]
DOM_NAMES = ("NotAllowedError", "NotReadableError", "NotFoundError", "DOMException")


@pytest.mark.parametrize("name,script,verdict,words", PANEL_CASES, ids=[c[0] for c in PANEL_CASES])
def test_the_check_panel_says_what_it_found_in_matching_colour_and_plain_words(
    browser, servers: Servers, name, script, verdict, words
):
    with help_page(browser, servers, script, LAPTOP) as page:
        page.get_by_role("button", name="Check my microphone").click()
        panel = page.locator("#health")
        expect(panel).to_have_attribute("role", "status")
        expect(panel).to_have_class(f"health {verdict}", timeout=30_000)
        expect(panel.locator(".health-title")).to_contain_text(words)
        expect(page.locator("#typing")).to_be_hidden(timeout=30_000)
        colour = panel.evaluate("p => getComputedStyle(p).backgroundColor")
        red, green = (int(part) for part in colour[colour.index("(") + 1 :].split(",")[:2])
        assert (green > red) == (verdict == "good"), colour  # green only when it works
        seen = page.locator("body").inner_text()
        assert not any(dom in seen for dom in DOM_NAMES), seen
        if verdict == "bad" and words != "No microphone found":
            assert "No microphone found" not in seen
        # The message box stays above the fold on a 1366×768 laptop with the results on screen.
        page.evaluate("window.scrollTo(0, 0)")
        assert page.locator("#message").evaluate("m => m.getBoundingClientRect().bottom") <= LAPTOP["height"]
        look_at(page, f"mic-check-{name.replace(' ', '-')}")
        page.set_viewport_size(LAPTOP)
        page.get_by_role("button", name="Start over").click()
        expect(panel).to_be_hidden()
        expect(page.get_by_role("button", name="Start the guided check")).to_be_visible(timeout=30_000)


BUSY_UNTIL_CLOSED = """
  (() => {
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    window.__appClosed = false;
    navigator.mediaDevices.getUserMedia = (constraints) => window.__appClosed ? real(constraints)
      : Promise.reject(new DOMException("Could not start audio source", "NotReadableError"));
  })();"""


def staff_report(servers: Servers) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{servers.web_port}/staff/api/report", headers={"Authorization": f"Bearer {staff_token()}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["report"]


def test_testing_the_microphone_again_after_a_fix_resolves_it_by_measurement(browser, servers: Servers):
    """Busy microphone -> the close-apps fix; the user quits the other app and presses "Test my microphone again":
    the page measures, the bot ends resolved "confirmed by measurement", and analytics count it as measured."""
    before = staff_report(servers)["resolved_how"]
    with help_page(browser, servers, BUSY_UNTIL_CLOSED, LAPTOP) as page:
        page.get_by_role("button", name="Check my microphone").click()
        again = page.get_by_role("button", name="Test my microphone again").last
        expect(again).to_be_enabled(timeout=30_000)
        expect(page.locator("#health")).to_have_class("health bad")
        first_fix = page.locator("#log > li.bot .bubble").filter(has_text="Did that fix it?").count()
        again.click()  # still busy: measured as not fixed, and the bot moves on to the next fix
        expect(page.locator("#log")).to_contain_text("still can't open your microphone", timeout=30_000)
        expect(page.locator("#log > li.bot .bubble").filter(has_text="Did that fix it?")).to_have_count(first_fix + 1)
        assert "NotReadableError" not in page.locator("#log").inner_text()
        page.evaluate("window.__appClosed = true")  # the user quits the app that held the microphone
        again = page.get_by_role("button", name="Test my microphone again").last  # the earlier one is used up
        expect(again).to_be_enabled()
        again.click()
        expect(page.locator("#health")).to_have_class("health good", timeout=30_000)
        expect(page.locator("#log")).to_contain_text("confirmed by measurement", timeout=30_000)
        sender = page.evaluate("localStorage.getItem('mic-helper-sender')")
        url = f"{servers.rasa_url}/conversations/{sender}/tracker?token={servers.token}"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert json.loads(response.read())["slots"]["flow_state"]["outcome"] == "resolved"
        look_at(page, "mic-check-measured-fix")
        after = staff_report(servers)["resolved_how"]
        assert after["measured"] == before["measured"] + 1 and after["user_said"] == before["user_said"]


DEVICE_SWAP = """
  (() => {
    const real = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
    window.__headsetGone = false;
    navigator.mediaDevices.enumerateDevices = async () => {
      const all = await real();
      const headset = {deviceId: "usb-headset", kind: "audioinput", label: "USB Headset", groupId: "g"};
      return window.__headsetGone ? all : [...all, headset];
    };
  })();"""


def test_the_user_is_told_when_a_microphone_disappears_or_appears(browser, servers: Servers):
    with help_page(browser, servers, DEVICE_SWAP) as page:
        page.wait_for_timeout(500)  # the watcher has taken its first inventory
        page.evaluate("window.__headsetGone = true; navigator.mediaDevices.dispatchEvent(new Event('devicechange'))")
        expect(page.locator("#log")).to_contain_text("A microphone was disconnected: USB Headset")
        page.evaluate("window.__headsetGone = false; navigator.mediaDevices.dispatchEvent(new Event('devicechange'))")
        expect(page.locator("#log")).to_contain_text("A microphone was connected: USB Headset")


AGENTS = [
    (
        "chrome on iphone",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
        5,
        "chrome",
        "ios",
    ),
    (
        "firefox on iphone",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15",
        5,
        "firefox",
        "ios",
    ),
    (
        "edge on iphone",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 EdgiOS/131.2903.68 Mobile/15E148 Safari/605.1.15",
        5,
        "edge",
        "ios",
    ),
    (
        "ipad asking for the desktop page",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        5,
        "safari",
        "ios",
    ),
    (
        "safari on a mac",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        0,
        "safari",
        "macos",
    ),
]


@pytest.mark.parametrize("name,agent,touch,browser_name,os", AGENTS, ids=[a[0] for a in AGENTS])
def test_the_check_names_browsers_on_iphone_and_ipad(browser, servers: Servers, name, agent, touch, browser_name, os):
    """The audit's L11: CriOS, FxiOS and EdgiOS are Chrome, Firefox and Edge on iOS; an iPad asking for desktop pages
    sends a Mac user agent and is told apart by its touch screen."""
    script = (
        f"Object.defineProperty(navigator, 'userAgent', {{get: () => {json.dumps(agent)}}});"
        f"Object.defineProperty(navigator, 'maxTouchPoints', {{get: () => {touch}}});"
    )
    with help_page(browser, servers, script) as page:
        seen = page.evaluate("MicCheck.userAgent()")
    assert (seen["browser"], seen["os"]) == (browser_name, os), seen
