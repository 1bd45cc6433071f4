"""The help page in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against the real
web server, Rasa and action server. Screenshots go to var/screenshots/."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from bot.app.serve import Servers, free_port
from tests.browser import SHOTS, look_at, new_page, serious_violations, wait_until
from tests.chat import wait_until_up
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser, servers: Servers):
    with new_page(browser) as opened:
        opened.goto(f"http://127.0.0.1:{servers.web_port}/")
        expect(opened.locator("#log .bot .bubble").first).to_contain_text("microphone", timeout=30_000)
        yield opened


def send(page: Page, text: str) -> None:
    page.fill("#message", text)
    page.press("#message", "Enter")


def test_clicking_buttons_reaches_a_resolved_ending(page: Page):
    page.get_by_role("button", name="Start the guided check").click()
    page.get_by_role("button", name="It mentions the microphone").last.click()
    page.get_by_role("button", name="It's blocked or crossed out").last.click()
    page.get_by_role("button", name="Yes, it works now").last.click()  # the site permission steps, every browser's
    expect(page.locator("#log .bot .bubble").last).to_be_visible()
    assert wait_until(page, "document.querySelectorAll('#log li.me').length >= 4")  # the four buttons pressed
    expect(page.locator("#log")).to_contain_text("Great")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "help-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.screenshot(path=str(SHOTS / "help-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling on a phone


def test_a_knowledge_citation_opens_the_right_section(page: Page):
    send(page, "how do I unblock the microphone for this site in chrome?")
    link = page.locator("#log a[href^='/kb/']").first
    expect(link).to_be_visible(timeout=30_000)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")
    anchor = href.split("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_have_count(1)
    expect(page.locator("article.kb")).to_be_visible()


def test_a_reload_keeps_the_conversation(page: Page):
    send(page, "Teams is open on my Windows laptop in Chrome and every call fails")
    expect(page.get_by_role("button", name="No, still failing").last).to_be_visible(timeout=30_000)
    before = page.locator("#log li").count()
    page.reload()
    expect(page.locator("#log")).to_contain_text("Teams is open on my Windows laptop in Chrome and every call fails")
    assert page.locator("#log li").count() == before
    page.get_by_role("button", name="No, still failing").last.click()
    expect(page.locator("#log")).to_contain_text("may no longer be available", timeout=30_000)  # the next step


def test_exasperation_offers_a_person_and_keeps_the_step(page: Page):
    send(page, "Teams is open on my Windows laptop in Chrome and every call fails")
    expect(page.get_by_role("button", name="No, still failing").last).to_be_visible(timeout=30_000)
    send(page, "ugh this is useless")
    person = page.get_by_role("button", name="Talk to a person").last
    expect(person).to_be_visible(timeout=30_000)
    expect(page.locator("#log")).to_contain_text("hand the case to a person")
    expect(page.get_by_role("button", name="No, still failing").last).to_be_visible()  # the step is still there
    assert serious_violations(page) == []
    assert look_at(page, "help-sorry") == {"390x844": 0, "1366x768": 0}
    person.click()
    expect(page.locator("#log")).to_contain_text("Which email address", timeout=30_000)


def test_start_over_begins_a_new_conversation(page: Page):
    send(page, "Teams is open on my Windows laptop in Chrome and every call fails")
    expect(page.get_by_role("button", name="No, still failing").last).to_be_visible(timeout=30_000)
    page.click("#restart")
    expect(page.locator("#log")).not_to_contain_text("Teams is open")
    expect(page.get_by_role("button", name="Start the guided check")).to_be_visible(timeout=30_000)


def test_html_typed_by_a_user_is_shown_as_text_and_runs_nothing(page: Page):
    payload = "<img src=x onerror=alert(1)> [x](javascript:alert(2))"
    send(page, payload)
    expect(page.locator("#log li.me .bubble").last).to_have_text(payload)
    # The bot's answer to it is on the page too, so everything this message led to has been rendered.
    expect(page.locator("#log li.me ~ li.bot .bubble").first).to_be_visible(timeout=30_000)
    assert page.locator("#log img").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_bot_markdown_is_rendered_safely(page: Page):
    html = page.evaluate(
        "window.micHelperRenderMarkdown('**ok** [evil](javascript:alert(1)) [kb](/kb/close-other-apps) <b>x</b>').innerHTML"
    )
    assert "<strong>ok</strong>" in html and 'href="/kb/close-other-apps"' in html
    assert "javascript" not in html and "<b>" not in html and "&lt;b&gt;" in html


def test_a_code_block_in_an_answer_is_shown_as_code_and_stays_text(page: Page):
    script = (
        "Check the code.\n\n```js\nif (a < b && c) {\n\n  show('<img src=x onerror=alert(1)>');\n}\n```\n\n1. Reload\n2. Call"
    )
    html = page.evaluate("t => window.micHelperRenderMarkdown(t).innerHTML", script)
    assert html.count("<pre><code>") == 1 and "&lt;img src=x" in html and "&amp;&amp;" in html
    assert "\n\n  show(" in html  # a blank line inside the code does not split it
    assert "<ol><li>Reload</li><li>Call</li></ol>" in html and "```" not in html


def test_the_widget_says_so_when_the_bot_is_unreachable(browser, tmp_path):
    port, dead = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "web", "--port", str(port), "--rasa-url", f"http://127.0.0.1:{dead}"],
        cwd=ROOT,
        env={**os.environ, "BOT_VAR_DIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health")
        context = browser.new_context()
        down = context.new_page()
        down.goto(f"http://127.0.0.1:{port}/")
        expect(down.locator("#problem")).to_be_visible(timeout=15_000)
        expect(down.locator("#problem")).to_contain_text("can't be reached")
        expect(down.get_by_role("button", name="Try again")).to_be_focused()
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
