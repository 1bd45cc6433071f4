"""The help page and the /kb pages as people see them, in real headless Chromium against the real servers:
what is rendered (computed styles, focus, disabled buttons), not only what is in the DOM; axe-core finds no
serious or critical problem; nothing scrolls sideways on a phone. Screenshots go to var/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from bot.app.serve import Servers
from tests.browser import look_at, new_page, serious_violations
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
GUIDED = "Start the guided check"
DENIED = "It says permission denied"


@pytest.fixture
def page(browser, servers: Servers):
    with new_page(browser) as opened:
        opened.goto(f"http://127.0.0.1:{servers.web_port}/")
        expect(opened.get_by_role("button", name=GUIDED)).to_be_visible(timeout=30_000)
        yield opened


def typed(page: Page, text: str) -> None:
    page.click("#message")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def mine(page: Page) -> list[str]:
    return page.locator("#log > li.me").all_inner_texts()


def reach_the_site_setting_steps(page: Page) -> None:
    typed(page, "I get error 31201 in chrome on my windows laptop")
    # What does the error say? "Permission denied" points to the site's setting.
    expect(page.get_by_role("button", name=DENIED)).to_be_enabled(timeout=30_000)
    page.get_by_role("button", name=DENIED).click()
    expect(page.locator("#log")).to_contain_text("chrome://settings/content/microphone", timeout=30_000)


def test_the_page_says_hello_without_a_message_the_user_never_typed(page: Page):
    assert mine(page) == []
    expect(page.locator("#log > li.bot .bubble").first).to_contain_text("microphone")


def test_numbered_steps_in_a_bubble_are_a_numbered_list_with_inline_bold_and_code(page: Page):
    reach_the_site_setting_steps(page)
    step = page.locator("#log .bubble ol > li", has=page.locator("code", has_text="chrome://settings/content/microphone"))
    expect(step).to_have_count(1)
    rendered = step.evaluate(
        """li => ({display: getComputedStyle(li).display, marker: getComputedStyle(li.parentElement).listStyleType,
                  code: getComputedStyle(li.querySelector("code")).display, lines: li.getClientRects().length,
                  codeTop: li.querySelector("code").getBoundingClientRect().top, top: li.getBoundingClientRect().top})"""
    )
    assert rendered["display"] == "list-item" and rendered["marker"] == "decimal"
    assert rendered["code"] == "inline"
    assert abs(rendered["codeTop"] - rendered["top"]) < 6  # "Type `chrome://…`" starts on the step's first line
    bold = page.locator("#log .bubble li strong").first
    if bold.count():
        assert bold.evaluate("b => getComputedStyle(b).display") == "inline"
    look_at(page, "help-fix-steps")


def test_after_a_reply_the_text_box_keeps_focus_and_typing_on_never_presses_a_quick_reply(page: Page):
    typed(page, "Teams is open on my Windows laptop in Chrome and every call fails")
    expect(page.get_by_role("button", name="Yes, it works now")).to_be_enabled(timeout=30_000)
    expect(page.locator("#message")).to_be_focused()
    page.keyboard.type("hmm I closed it but the call still fails ")  # spaces would press a focused button
    expect(page.locator("#message")).to_have_value("hmm I closed it but the call still fails ")
    assert "Yes, it works now" not in mine(page)
    page.keyboard.press("Enter")
    expect(page.locator("#log > li.me")).to_have_count(2)
    expect(page.locator("#typing")).to_be_hidden(timeout=30_000)
    expect(page.locator("#message")).to_be_focused()
    assert "Yes, it works now" not in " ".join(mine(page))


def test_used_quick_replies_are_disabled_and_a_double_click_sends_once(page: Page):
    start = page.get_by_role("button", name=GUIDED)
    start.dblclick()
    expect(page.locator("#typing")).to_be_hidden(timeout=30_000)
    page.wait_for_timeout(500)
    assert mine(page) == [GUIDED]
    expect(start).to_be_disabled()
    # A second send while the bot is still answering (both in one task, so the first cannot have finished): one message.
    page.evaluate("""() => { const input = document.getElementById("message"), form = document.getElementById("composer");
        input.value = "I use Chrome"; form.requestSubmit(); input.value = "I use Chrome"; form.requestSubmit(); }""")
    expect(page.locator("#typing")).to_be_hidden(timeout=30_000)
    assert mine(page).count("I use Chrome") == 1
    # Only the newest row of quick replies takes clicks, also after a reload.
    page.reload()
    rows = page.locator("#log .choices")
    expect(rows.last.locator("button").first).to_be_enabled()
    assert rows.count() >= 2 and rows.first.locator("button:enabled").count() == 0


def test_the_help_page_mid_conversation_passes_axe_and_fits_a_phone(page: Page):
    reach_the_site_setting_steps(page)
    typed(page, "how do I allow the microphone in firefox?")
    expect(page.locator("#log a[href^='/kb/']").first).to_be_visible(timeout=30_000)
    assert serious_violations(page) == []
    # The log scrolls on its own, so keyboard users must be able to focus it (axe: scrollable-region-focusable
    # whenever no enabled button is left inside it).
    page.focus("#log")
    expect(page.locator("#log")).to_be_focused()
    page.focus("#message")
    overflow = look_at(page, "help-conversation")
    assert overflow == {"390x844": 0, "1366x768": 0}


def test_kb_index_and_article_pass_axe_and_fit_a_phone(page: Page, servers: Servers):
    base = f"http://127.0.0.1:{servers.web_port}"
    page.goto(f"{base}/kb")
    expect(page.locator("h1")).to_have_text("Help articles")
    # Grouped for the reader, people making calls first; no audience ids in the list.
    expect(page.locator("main h2").first).to_have_text("If calls fail on your computer")
    assert "(end-user)" not in page.locator("main").inner_text()
    assert serious_violations(page) == []
    assert look_at(page, "kb-index") == {"390x844": 0, "1366x768": 0}
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator("#q").evaluate("box => box.getBoundingClientRect().width") >= 200  # not squeezed beside its label
    page.locator("main li a").first.click()
    expect(page.locator("article.kb")).to_be_visible()
    page.goto(f"{base}/kb/dev-handling-errors")
    assert serious_violations(page) == []
    assert look_at(page, "kb-article") == {"390x844": 0, "1366x768": 0}


ARTICLES = sorted(path.stem for path in (ROOT / "knowledge").glob("*.md"))


def test_every_article_passes_axe_and_fits_a_phone(page: Page, servers: Servers):
    """Every article, not only one: new sections bring tables, code and long words that can break a narrow page."""
    base = f"http://127.0.0.1:{servers.web_port}"
    problems = {}
    for article in ARTICLES:
        page.goto(f"{base}/kb/{article}")
        expect(page.locator("article.kb")).to_be_visible()
        overflow = look_at(page, f"kb-{article}")
        found = serious_violations(page)
        if found or any(overflow.values()):
            problems[article] = (found, overflow)
    assert len(ARTICLES) >= 20 and problems == {}, problems
