"""Every staff console page as staff see it, in real headless Chromium against the real servers, with a ticket
filed by a real conversation whose buttons were pressed: axe-core finds no serious or critical problem, nothing
scrolls sideways on a phone, and the ticket reads in words (button titles, not payloads; no markdown; each fact
once; the reason in words). Screenshots go to var/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bot.app.serve import Servers
from bot.app.tokens import staff_token
from bot.tickets.store import TicketStore
from tests.browser import look_at, serious_violations, wait_until
from tests.chat import customs, new_sender, post

pytestmark = pytest.mark.e2e
REFERENCE = re.compile(r"MIC-[A-Z0-9]{6}")


def press(servers: Servers, sender: str, replies: list[dict], title: str) -> list[dict]:
    """Send what the button titled `title` in these replies sends (its payload), as the help page does."""
    payload = next(b["payload"] for r in replies for b in r.get("buttons") or [] if b["title"] == title)
    return post(servers, sender, payload)


@pytest.fixture(scope="module")
def filed(servers: Servers) -> str:
    """A customer who pressed "No, still failing" until every fix was tried, then filed a case."""
    sender = new_sender()
    replies = post(
        servers, sender, "Teams is open on my Windows laptop in Chrome and every call fails and the call says error 31201"
    )
    for _ in range(20):
        last = customs(replies)[-1]
        if last["kind"] == "escalated":
            break
        # The buttons a customer would press, and "not sure" to the cause model's questions.
        replies = (
            press(servers, sender, replies, "No, still failing")
            if last["kind"] == "instruction"
            else post(servers, sender, "not sure")
        )
    post(servers, sender, "sam@example.com")
    replies = post(servers, sender, "Sam")
    done = press(servers, sender, replies, next(b["title"] for r in replies for b in r.get("buttons") or []))
    found = REFERENCE.search(" ".join(r.get("text") or "" for r in done))
    assert found, done
    return found.group(0)


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/staff/login")
    page.fill("#token", staff_token())
    page.fill("#name", "Sam Staff")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/queue")


def check(page: Page, name: str) -> None:
    assert serious_violations(page) == [], name
    assert look_at(page, name) == {"390x844": 0, "1366x768": 0}, name


def test_every_staff_page_passes_axe_and_fits_a_phone(page: Page, servers: Servers, filed: str):
    base = f"http://127.0.0.1:{servers.web_port}"
    page.goto(f"{base}/staff/login")
    check(page, "staff-login")
    log_in(page, base)
    expect(page.locator("table.queue")).to_contain_text(filed)
    check(page, "staff-queue")
    page.goto(f"{base}/staff/tickets/{filed}")
    check(page, "staff-ticket")
    page.goto(f"{base}/staff/diagram")
    # It opens on where conversations start, not on an empty corner, and the keyboard scrolls it.
    start = page.locator("#diagram g.node[id='mic_31201.triage']")
    expect(start).to_be_in_viewport()
    inside = page.evaluate("""() => { const n = document.getElementById('mic_31201.triage').getBoundingClientRect();
        const f = document.getElementById('diagram').getBoundingClientRect();
        return n.left >= f.left && n.right <= f.right && n.top >= f.top && n.bottom <= f.bottom; }""")
    assert inside
    page.focus("#diagram")
    top, left = page.evaluate("[document.getElementById('diagram').scrollTop, document.getElementById('diagram').scrollLeft]")
    for key in ("PageDown", "ArrowRight", "ArrowRight", "ArrowRight"):  # the tree is wider than tall since the cause model
        page.keyboard.press(key)
    scrolled = f"document.getElementById('diagram').scrollTop > {top} || document.getElementById('diagram').scrollLeft > {left}"
    assert wait_until(page, scrolled, 10), "the keyboard did not scroll the diagram"
    check(page, "staff-diagram")
    page.goto(f"{base}/staff/analytics")
    expect(page.locator("svg.chart").first).to_be_visible()
    check(page, "staff-analytics")
    page.goto(f"{base}/staff/script")
    check(page, "staff-script-start")
    page.locator(".flow-choice").first.click()
    expect(page.locator("#choices button").first).to_be_visible()
    check(page, "staff-script-step")


def test_a_ticket_reads_in_words(page: Page, servers: Servers, filed: str):
    ticket = TicketStore(servers.workdir / "tickets.db").get(filed)
    assert any(str(line["text"]).startswith("/") for line in ticket.transcript)  # buttons were pressed
    log_in(page, f"http://127.0.0.1:{servers.web_port}")
    page.goto(f"http://127.0.0.1:{servers.web_port}/staff/tickets/{filed}")
    lines = page.locator(".transcript .text").all_inner_texts()
    assert "No, still failing" in lines
    assert not [line for line in lines if line.startswith("/") or "**" in line or "`" in line or "](" in line]
    facts = page.locator("table.facts").inner_text()
    assert facts.count("Microsoft Teams") == 1 and "teams" not in facts
    header = page.locator(".ticket-meta").inner_text()
    assert "exhausted" not in header and "every fix" in header
    steps = page.locator("#steps").inner_text()
    assert "exclusive_app" not in steps and "mic_31201" not in steps


def report(page: Page, base: str) -> dict:
    reply = page.request.get(f"{base}/staff/api/report")
    assert reply.ok, reply.text()
    return reply.json()["report"]


def test_script_page_number_keys_no_step_ids_and_a_phone_win_counts_in_analytics(page: Page, servers: Servers):
    base = f"http://127.0.0.1:{servers.web_port}"
    log_in(page, base)
    before = report(page, base)["phone"]
    page.goto(f"{base}/staff/script")
    page.get_by_role("button", name="Microphone cannot be opened (31201)").click()
    staff = page.locator("#staff-text")
    expect(staff).to_contain_text("Ask the customer to read you the whole error message")
    page.keyboard.press("1")  # "1. It mentions the microphone"
    expect(staff).to_contain_text("Ask whether the browser ever asked for the microphone")
    page.keyboard.press("1")  # "1. It's blocked or crossed out"
    expect(staff).to_contain_text("Ask the customer which browser")
    assert "mic_31201" not in page.locator("#script-run").inner_text()  # no step ids for agents
    expect(staff).to_contain_text("chrome://settings/content/microphone")  # every browser's steps
    page.keyboard.press("1")  # "1. Fixed: the test call works"
    expect(page.locator("#summary-text")).to_contain_text("Resolved")
    page.get_by_role("button", name="Record this outcome").click()
    expect(page.locator("#record-text")).to_contain_text("Recorded: resolved on the phone")
    assert report(page, base)["phone"] == {**before, "resolved": before["resolved"] + 1}
    page.goto(f"{base}/staff/analytics")
    expect(page.locator("svg#phone g.bar[data-label='Resolved on the phone']")).to_have_attribute(
        "data-value", str(before["resolved"] + 1)
    )


def test_the_escalated_script_screen_has_one_open_ticket_button_and_records_without_a_ticket(page: Page, servers: Servers):
    base = f"http://127.0.0.1:{servers.web_port}"
    log_in(page, base)
    before = report(page, base)["phone"]
    page.goto(f"{base}/staff/script")
    page.get_by_role("button", name="Authorization error (31201 / 20151)").click()
    page.get_by_role("button", name="2. Still failing").click()
    expect(page.locator("#step-kind")).to_have_text("Escalate")
    expect(page.get_by_role("button", name="Open ticket")).to_have_count(1)
    check(page, "staff-script-escalated")
    page.get_by_role("button", name="Record this outcome").click()
    expect(page.locator("#record-text")).to_contain_text("Recorded: escalated")
    assert report(page, base)["phone"] == {**before, "escalated": before["escalated"] + 1}
