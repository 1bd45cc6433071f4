"""The staff console's Script page: its JSON API and the page in real headless Chromium, against a real
`bot web` process over its own SQLite ticket store. Screenshots go to var/screenshots/."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bot.tickets.store import TicketStore
from tests.browser import SHOTS, log_in, wait_until
from tests.chat import web_server
from tests.conftest import STAFF_TOKEN
from tests.test_web_api import assert_error_shape, call
from tests.test_web_script_session import payload, with_payload

pytestmark = pytest.mark.slow  # against a real `bot web` process (the in-process web tests are in test_web_inprocess.py)


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> tuple[str, Path]:
    """A real `bot web` with the staff token and an empty ticket store of its own."""
    db = tmp_path_factory.mktemp("script") / "tickets.db"
    with web_server({"BOT_TICKETS_DB": str(db), "BOT_STAFF_TOKEN": STAFF_TOKEN}) as base:
        yield base, db


def script(base: str, action: str, body: object, token: str | None = STAFF_TOKEN) -> tuple[int, dict]:
    return call(f"{base}/staff/api/script/{action}", "POST", body, token=token)


# --- the JSON API -----------------------------------------------------------------------------


def test_the_api_walks_a_flow_to_a_ticket(web):
    base, db = web
    status, reply = script(base, "start", {"flow": "auth_error", "facts": {"browser": "firefox"}})
    assert status == 200 and reply["ok"] and reply["view"]["step"] == "explain_auth"
    assert reply["known"]["facts"][0]["value_title"] == "Mozilla Firefox"
    status, reply = script(base, "choose", {"session": reply["session"], "choice": 2})
    assert status == 200 and reply["view"]["kind"] == "escalated" and reply["view"]["ended"]
    status, reply = script(base, "ticket", {"session": reply["session"], "email": "cy@example.com"})
    assert status == 200 and reply["ticket"]["reference"].startswith("MIC-")
    assert reply["view"]["ticket"] == reply["ticket"]["reference"]
    assert TicketStore(db).get(reply["ticket"]["reference"]).trigger == "staff"
    status, again = script(base, "ticket", {"session": reply["session"], "email": "cy@example.com"})
    assert_error_shape(status, again, 400)
    assert "already open" in again["error"]


@pytest.mark.parametrize(
    "action,body",
    [
        ("view", {"session": "garbage"}),
        ("view", {"session": {"case": "staff-000000000000", "state": {"flow": "mic_31201", "step": "nowhere"}}}),
        ("choose", {"session": {"case": "staff-000000000000", "state": {"attempts": [{"nope": 1}]}}, "choice": 1}),
        ("back", {}),
        ("start", {"flow": "no_such_flow"}),
        ("start", {"flow": "mic_31201", "facts": {"browser": "netscape"}}),
        ("start", ["not", "an", "object"]),
        ("start", {"flow": "mic_31201", "error": {"name": "NotAllowedError"}}),
        ("start", b"{not json"),
    ],
)
def test_bad_or_forged_sessions_get_the_canonical_400(web, action, body):
    status, reply = script(web[0], action, body)
    assert_error_shape(status, reply, 400)


def test_a_tampered_session_is_refused_not_crashed(web):
    base, _ = web
    _, reply = script(base, "start", {"flow": "mic_31201"})
    session = with_payload(reply["session"], lambda data: data["state"]["facts"].update(browser={"$gt": ""}))
    status, reply = script(base, "choose", {"session": session, "choice": 1})
    assert_error_shape(status, reply, 400)
    assert "not signed by this server, or it was changed" in reply["error"]


def test_the_api_start_reads_a_pasted_error_message(web):
    status, reply = script(web[0], "start", {"flow": "mic_31201", "error": "NotAllowedError: Permission denied by system"})
    assert status == 200 and (reply["view"]["flow"], reply["view"]["step"]) == ("check_os_privacy", "os_privacy")
    assert payload(reply["session"])["data"]["state"]["error_text"] == "NotAllowedError: Permission denied by system"


def test_a_wrong_choice_says_which_are_possible(web):
    base, _ = web
    _, reply = script(base, "start", {"flow": "auth_error"})
    status, reply = script(base, "choose", {"session": reply["session"], "choice": 9})
    assert_error_shape(status, reply, 400)
    assert "pick 1 to 2" in reply["error"]


@pytest.mark.parametrize("token", [None, "wrong"])
def test_the_script_api_needs_the_staff_token(web, token):
    status, reply = script(web[0], "start", {"flow": "mic_31201"}, token=token)
    assert_error_shape(status, reply, 401)


# --- the page in Chromium -----------------------------------------------------------------------


def test_the_page_without_a_token_redirects_to_login(page: Page, web):
    page.goto(f"{web[0]}/staff/script")
    assert urllib.parse.urlparse(page.url).path == "/staff/login"
    expect(page.locator("#token")).to_be_visible()
    expect(page.locator(".flow-choice")).to_have_count(0)


def test_walk_back_and_known_to_a_resolved_ending(page: Page, web):
    log_in(page, web[0], "/staff/script", STAFF_TOKEN)
    page.get_by_role("button", name="Microphone cannot be opened (31201)").click()
    staff = page.locator("#staff-text")
    expect(staff).to_contain_text("Ask the customer to read you the whole error message")
    page.get_by_role("button", name="1. It mentions the microphone").click()
    expect(staff).to_contain_text("Ask whether the browser ever asked for the microphone")
    page.get_by_role("button", name="1. It's blocked or crossed out").click()
    expect(staff).to_contain_text("Ask the customer which browser")  # the fix, with every browser's steps
    page.get_by_role("button", name="Back").click()
    expect(staff).to_contain_text("Ask whether the browser ever asked for the microphone")
    page.get_by_role("button", name="1. It's blocked or crossed out").click()
    expect(staff).to_contain_text("chrome://settings/content/microphone")
    expect(staff.locator("code").first).to_have_text("chrome://settings/content/microphone")  # markup as elements
    page.get_by_role("button", name="What we know").click()
    expect(page.locator("#known-facts")).to_contain_text("What the error is about: the microphone could not be opened")
    expect(page.locator("#known-facts")).to_contain_text("permission was refused")
    expect(page.locator("#known-tried")).to_contain_text("checking the site permission: waiting for the customer")
    expect(page.locator("#known-causes li").first).to_contain_text("%")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "console-script-fix-step.png"), full_page=True)
    page.reload()  # the session is kept in the page
    expect(staff).to_contain_text("chrome://settings/content/microphone")
    page.get_by_role("button", name="1. Fixed: the test call works").click()
    expect(page.locator("#summary-text")).to_contain_text("Resolved by checking the site permission.")
    expect(page.locator("#escalate-toggle")).to_be_hidden()
    page.screenshot(path=str(SHOTS / "console-script-resolved.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]


def test_walk_to_an_escalated_ending_and_open_a_ticket(page: Page, web):
    base, db = web
    log_in(page, base, "/staff/script", STAFF_TOKEN)
    page.get_by_role("button", name="Authorization error (31201 / 20151)").click()
    expect(page.locator("#staff-text")).to_contain_text("This is not a microphone problem")
    page.get_by_role("button", name="2. Still failing").click()
    expect(page.locator("#step-kind")).to_have_text("Escalate")
    expect(page.locator("#ticket-form")).to_be_visible()
    page.fill("#ticket-email", "dana@example.com")
    page.fill("#ticket-name", "<b>Dana</b>")
    page.get_by_role("button", name="Open ticket").last.click()
    result = page.locator("#ticket-result")
    expect(result).to_contain_text("Ticket MIC-")
    reference = result.inner_text().split()[1]
    ticket = TicketStore(db).get(reference)
    assert ticket.contact_email == "dana@example.com" and ticket.contact_name == "<b>Dana</b>"
    assert ticket.trigger == "staff" and ticket.steps_tried[0]["outcome"] == "not_fixed"
    status, body = call(f"{base}/api/tickets/{reference}")
    assert status == 200 and body["ticket"]["reason"].startswith("authorization error")
    expect(page.locator("#ticket-form")).to_be_hidden()
    assert page.locator("#script-run b").count() == 0  # nothing typed became HTML
    page.screenshot(path=str(SHOTS / "console-script-escalated.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_pasted_error_message_starts_at_its_branch(page: Page, web):
    log_in(page, web[0], "/staff/script", STAFF_TOKEN)
    page.fill("#script-error", "NotAllowedError: Permission denied by system <img src=x onerror=alert(1)>")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "console-script-start.png"), full_page=True)
    page.get_by_role("button", name="Microphone cannot be opened (31201)").click()
    expect(page.locator("#flow-name")).to_have_text("Check the operating system's microphone privacy setting")
    expect(page.locator("#staff-text")).to_contain_text("Ask which computer or device they use")
    page.get_by_role("button", name="What we know").click()
    expect(page.locator("#known-facts")).to_contain_text("Browser error name: NotAllowedError")
    assert page.locator("#script-run img").count() == 0
    page.get_by_role("button", name="New case").click()
    expect(page.locator("#script-error")).to_have_value("")
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_damaged_saved_session_starts_over_cleanly(page: Page, web):
    log_in(page, web[0], "/staff/script", STAFF_TOKEN)
    page.evaluate("sessionStorage.setItem('staffScriptSession', JSON.stringify({case: 'x', state: {}}))")
    page.reload()
    expect(page.locator("#script-start")).to_be_visible()
    expect(page.locator("#script-run")).to_be_hidden()
    # The page drops the saved session once the server refused it: wait for that answer (slow on a busy machine).
    assert wait_until(page, "sessionStorage.getItem('staffScriptSession') === null")
