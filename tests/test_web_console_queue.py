"""The staff console's queue and ticket pages in real headless Chromium against a real `bot web` on a real
SQLite ticket store. Screenshots go to var/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.tickets.store import TicketDraft, TicketStore
from tests.browser import log_in, screenshot
from tests.chat import web_server
from tests.test_handoff_store import file_ticket

pytestmark = pytest.mark.e2e
TOKEN = "console-queue-token"
HOSTILE_LINE = '<img src=x onerror="alert(1)"> <b>not bold</b>'
REPORT = {
    "secure_context": True,
    "media_devices": True,
    "permission": "granted",
    "default": {"ok": False, "error": "NotReadableError", "message": "Could not start audio source"},
    "devices": [{"label": "Jabra Evolve 40", "ok": False, "error": "NotReadableError", "message": "busy"}],
    "saved_device": None,
    "level": None,
    "browser": "chrome",
    "browser_version": "131",
    "os": "windows",
}


def draft(number: int, **changes) -> TicketDraft:
    values = {
        "conversation_id": f"conv-{number}",
        "trigger": "exhausted",
        "reason": "every fix in the tree was tried and failed",
        "facts": {"browser": "firefox"},
        "contact_email": f"user{number}@example.com",
    }
    return TicketDraft(**{**values, **changes})


@pytest.fixture(scope="module")
def tickets(tmp_path_factory) -> dict[str, object]:
    """25 resolved, 2 claimed and 3 open tickets; the newest open one is the detailed one."""
    store = TicketStore(tmp_path_factory.mktemp("queue") / "tickets.db")
    resolved = []
    for number in range(25):
        reference = store.create(draft(number)).reference
        store.resolve(reference, f"fixed number {number}", by="Sam")
        resolved.append(reference)
    claimed = [store.create(draft(100 + n)).reference for n in range(2)]
    for reference in claimed:
        store.claim(reference, "Robin")
    open_refs = [store.create(draft(200 + n)).reference for n in range(2)]
    detailed = file_ticket(
        store,
        draft(
            300,
            trigger="user_request",
            reason="the user asked for a person",
            facts={"browser": "chrome", "os": "windows", "app": "teams", "error_code": "31201", "error_name": "NotReadableError"},
            error_text="NotReadableError: Could not start audio source <script>alert(2)</script>",
            steps_tried=[
                {
                    "flow": "mic_31201",
                    "step": "close_apps",
                    "cause": "exclusive_app",
                    "fix": "close_apps",
                    "outcome": "not_fixed",
                },
                {
                    "flow": "mic_31201",
                    "step": "reselect_device",
                    "cause": "device_changed",
                    "fix": "reselect_device",
                    "outcome": None,
                },
            ],
            diagnostics=REPORT,
            kb_articles=["close-other-apps"],
            transcript=[
                {"at": 1764000000, "who": "user", "text": "my mic fails with teams open"},
                {"at": 1764000005, "who": "bot", "text": "Quit Microsoft Teams completely."},
                {"at": 1764000030, "who": "user", "text": HOSTILE_LINE},
            ],
            contact_name="<i>Eve</i>",
        ),
    ).reference
    return {"store": store, "resolved": resolved, "claimed": claimed, "open": [*open_refs, detailed], "detailed": detailed}


@pytest.fixture(scope="module")
def base(tickets) -> Iterator[str]:
    with web_server({"BOT_TICKETS_DB": str(tickets["store"].path), "BOT_STAFF_TOKEN": TOKEN}) as url:
        yield url


def test_wrong_token_stays_on_the_login_page(page: Page, base: str):
    page.goto(base + "/staff/queue")
    expect(page).to_have_url(f"{base}/staff/login?next=/staff/queue")
    page.fill("#token", "wrong")
    page.fill("#name", "Sam Staff")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("not valid")
    screenshot(page, "console-login.png")


def test_queue_lists_tickets_by_status_newest_first_with_counts(page: Page, base: str, tickets):
    log_in(page, base, "/staff/queue", TOKEN)
    tabs = page.locator("nav.tabs a")
    expect(tabs).to_have_text(["Open 3", "Claimed 2", "Resolved 25"])
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("td").first).to_have_text(tickets["detailed"])  # newest first
    screenshot(page, "console-queue.png")
    page.get_by_role("link", name="Claimed 2").click()
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Robin")
    page.get_by_role("link", name="Resolved 25").click()
    expect(rows).to_have_count(20)
    expect(page.locator(".pager")).to_contain_text("Page 1 of 2")
    expect(rows.first.locator("td").first).to_have_text(tickets["resolved"][-1])
    page.get_by_role("link", name="Older →").click()
    expect(rows).to_have_count(5)
    expect(rows.last.locator("td").first).to_have_text(tickets["resolved"][0])
    rows.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(f"Ticket {tickets['resolved'][4]}")
    expect(page.locator("#resolution")).to_contain_text("fixed number 4")
    expect(page.locator("form.action")).to_have_count(0)  # nothing left to do on a resolved ticket


def test_ticket_page_shows_facts_steps_diagnostics_and_transcript_as_text(page: Page, base: str, tickets):
    reference = tickets["detailed"]
    log_in(page, base, f"/staff/tickets/{reference}", TOKEN)
    expect(page.locator("#summary")).to_contain_text("Microsoft Teams")
    facts = page.locator("#facts")
    expect(facts.get_by_role("row", name="Browser Google Chrome", exact=True)).to_have_count(1)  # each value once
    expect(facts.get_by_role("row", name="Operating system Windows", exact=True)).to_have_count(1)
    expect(facts.get_by_role("row", name="Browser error name NotReadableError")).to_have_count(1)
    expect(facts).to_contain_text("<script>alert(2)</script>")  # the pasted error, as text
    steps = page.locator("#steps li")
    expect(steps).to_have_count(2)
    expect(steps.first).to_contain_text("Closing other apps")
    expect(steps.first).to_contain_text("not fixed")
    expect(steps.nth(1)).to_contain_text("no answer")
    expect(page.locator("#diagnostics")).to_contain_text("Jabra Evolve 40")
    expect(page.locator("#diagnostics")).to_contain_text("failed: NotReadableError Could not start audio source")
    expect(page.locator("#articles a")).to_have_attribute("href", "/kb/close-other-apps")
    transcript = page.locator("#transcript li")
    expect(transcript).to_have_count(3)
    expect(transcript.last).to_contain_text(HOSTILE_LINE)
    for line in range(3):  # the speaker's name fits its column and ends before the message starts
        who = transcript.nth(line).locator(".who").bounding_box()
        said = transcript.nth(line).locator(".text").bounding_box()
        width = transcript.nth(line).locator(".who").evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert who and said and who["x"] + who["width"] <= said["x"] and width[0] <= width[1], (who, said, width)
    expect(page.locator("#contact")).to_contain_text("<i>Eve</i>")
    expect(page.locator("#contact a[href^='/staff/diagram?follow=conv-300']")).to_have_count(1)
    assert page.locator("main img, main b, main i, main script").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
    expect(page.locator("#history")).to_contain_text("created")
    screenshot(page, "console-ticket.png")


def test_claim_then_resolve_changes_the_status_and_refusals_are_shown(page: Page, base: str, browser: Browser, tickets):
    reference = tickets["open"][0]
    log_in(page, base, f"/staff/tickets/{reference}", TOKEN, name="Alice")
    expect(page.locator("#acting-as")).to_contain_text("Alice")  # the session's name, nothing to type per action
    expect(page.locator("#claim input, #resolve input")).to_have_count(0)
    expect(page.locator(".ticket-meta .badge")).to_have_text("Open")

    # A colleague claims it in another browser while this page is still open.
    other = browser.new_context().new_page()
    log_in(other, base, f"/staff/tickets/{reference}", TOKEN, name="Bob")
    other.get_by_role("button", name="Claim").click()
    expect(other.get_by_role("status")).to_have_text("Ticket claimed.")
    other.context.close()

    page.get_by_role("button", name="Claim").click()
    expect(page.get_by_role("alert")).to_contain_text("already claimed by Bob")
    expect(page.locator(".ticket-meta")).to_contain_text("claimed by Bob")

    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_role("alert")).to_contain_text("A resolution needs a note")
    stale = browser.new_context().new_page()  # a colleague's tab, opened before the ticket is resolved
    log_in(stale, base, f"/staff/tickets/{reference}", TOKEN, name="Carol")
    page.fill("#resolve-note", "Teams kept the mic; <b>exclusive mode</b> turned off")
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_role("status")).to_have_text("Ticket resolved.")
    expect(page.locator(".ticket-meta .badge")).to_have_text("Resolved")
    expect(page.locator("#resolution")).to_contain_text("<b>exclusive mode</b> turned off")
    expect(page.locator("#resolution")).to_contain_text("by Alice")
    stale.fill("#resolve-note", "me too")
    stale.get_by_role("button", name="Resolve").click()
    expect(stale.get_by_role("alert")).to_contain_text("already resolved (by Alice")
    stale.context.close()
    expect(page.locator("#history tr")).to_have_count(4)  # header, created, claimed, resolved
    assert tickets["store"].get(reference).status == "resolved"
    screenshot(page, "console-ticket-resolved.png")
    page.goto(base + "/staff/queue?status=resolved")
    expect(page.locator("table.queue tbody tr").first.locator("td").first).to_have_text(reference)


def test_unknown_ticket_and_status_get_a_clear_page(page: Page, base: str):
    log_in(page, base, "/staff/queue", TOKEN)
    reply = page.goto(base + "/staff/tickets/MIC-ZZZZZZ")
    assert reply is not None and reply.status == 404
    expect(page.get_by_role("alert")).to_contain_text("There is no ticket MIC-ZZZZZZ")
    reply = page.goto(base + "/staff/queue?status=lost")
    assert reply is not None and reply.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Unknown status")


def test_actions_need_the_token(base: str, tickets):
    import urllib.error
    import urllib.request

    reference = tickets["open"][1]
    request = urllib.request.Request(f"{base}/staff/tickets/{reference}/claim", data=b"by=Mallory")
    opener = urllib.request.build_opener(
        type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *args, **kwargs: None})
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(request, timeout=10)
    assert refused.value.code == 302 and refused.value.headers["Location"].startswith("/staff/login")
    assert tickets["store"].get(reference).status == "open"
