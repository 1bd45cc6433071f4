"""The staff console's diagram page: the whole tree as SVG, and following a real conversation driven through
Rasa's REST channel (the `servers` fixture), in headless Chromium. Screenshots go to var/screenshots/."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from bot.app.loading import validate
from bot.app.serve import Servers
from bot.app.tokens import staff_token
from bot.web.staff_words import step_title
from bot.web.tracker_position import position_from_events
from tests.browser import SHOTS, log_in
from tests.chat import customs, new_sender, post, web_server
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
STEP_IDS = [f"{flow.id}.{step.id}" for flow in validate(ROOT / "flows")[0].flows.values() for step in flow.steps]


def state(flow: str, step: str, visited: list[str], history: int, outcome: str | None = None) -> dict:
    value = {"flow": flow, "step": step, "visited": visited, "history": [{}] * history, "outcome": outcome}
    return {"event": "slot", "name": "flow_state", "value": value}


def test_position_follows_the_stops_and_starts_again_after_start_over():
    events = [
        {"event": "user", "text": "hi"},
        state("mic_31201", "ask_error_kind", [], 1),
        state("mic_31201", "close_apps", ["mic_31201/close_apps"], 2),
        state("check_site_permission", "ask_browser", ["mic_31201/close_apps", "mic_31201/site_permission"], 3),
        {"event": "slot", "name": "other", "value": {"flow": "x", "step": "y"}},
    ]
    position = position_from_events("s1", events)
    assert (position.node, position.outcome) == ("check_site_permission.ask_browser", None)
    assert position.passed == ["mic_31201.ask_error_kind", "mic_31201.close_apps", "mic_31201.site_permission"]
    restarted = position_from_events("s1", [*events, state("mic_31201", "ask_error_kind", [], 1)])
    assert restarted.node == "mic_31201.ask_error_kind" and restarted.passed == []
    ended = position_from_events("s1", [*events, state("mic_31201", "resolved", ["mic_31201/close_apps"], 4, "resolved")])
    assert ended.as_dict()["outcome"] == "resolved" and "check_site_permission.ask_browser" in ended.passed
    assert position_from_events("s2", []).as_dict() == {
        "ok": True,
        "sender": "s2",
        "flow": None,
        "step": None,
        "outcome": None,
        "passed": [],
        "causes": [],
        "node": None,
    }


def test_the_page_says_so_when_graphviz_is_missing(tmp_path):
    env = {"BOT_DOT": str(tmp_path / "no-dot"), "BOT_STAFF_TOKEN": "t", "BOT_TICKETS_DB": str(tmp_path / "t.db")}
    with web_server(env) as base:
        request = urllib.request.Request(f"{base}/staff/diagram", headers={"Authorization": "Bearer t"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            page = reply.read().decode()
    assert "The diagram cannot be drawn" in page and "make graphviz" in page and "<svg" not in page


def position(servers: Servers, sender: str, token: str | None) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{servers.web_port}/staff/api/conversations/{sender}/position")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as problem:
        return problem.code, json.loads(problem.read())


def test_position_api_reports_the_step_of_a_real_conversation(servers: Servers):
    sender = new_sender()
    first = customs(post(servers, sender, "Teams is open on my Windows laptop in Chrome and every call fails"))[-1]
    before = position(servers, sender, staff_token())[1]
    second = customs(post(servers, sender, "no, still failing"))[-1]
    assert position(servers, sender, None)[0] == 401
    status, body = position(servers, sender, staff_token())
    assert status == 200 and body["ok"] is True
    assert (body["flow"], body["step"]) == (second["flow"], second["step"])
    assert f"{first['flow']}.{first['step']}" in body["passed"]
    assert body["node"] in STEP_IDS and set(body["passed"]) <= set(STEP_IDS)
    # The cause model's ranking now: closing Teams did not help, so that cause is far less likely than it was (its odds
    # fall fivefold, the fix working four times in five: from 82% to 47%).
    assert before["causes"][0]["cause"] == "exclusive_app" and "state" not in body
    assert _chance(body, "exclusive_app") < _chance(before, "exclusive_app") * 0.75
    assert [c["probability"] for c in body["causes"]] == sorted((c["probability"] for c in body["causes"]), reverse=True)
    status, fresh = position(servers, new_sender(), staff_token())
    assert status == 200 and fresh["node"] is None and fresh["passed"] == [] and fresh["causes"] == []


def _chance(position_body: dict, cause: str) -> float:
    return next((c["probability"] for c in position_body["causes"] if c["cause"] == cause), 0.0)


def test_diagram_shows_every_step_and_highlights_a_live_conversation(page: Page, servers: Servers):
    base = f"http://127.0.0.1:{servers.web_port}"
    log_in(page, base, "/staff/diagram", staff_token())
    svg = page.locator("#diagram svg")
    expect(svg).to_be_visible()
    ids = page.eval_on_selector_all("#diagram svg g.node", "nodes => nodes.map(n => n.id)")
    assert set(STEP_IDS) <= set(ids)
    expect(page.locator("#diagram g.node.current")).to_have_count(0)

    sender = new_sender()
    first = customs(post(servers, sender, "Teams is open on my Windows laptop in Chrome and every call fails"))[-1]
    page.fill("#sender", sender)
    page.get_by_role("button", name="Follow").click()
    current = page.locator("#diagram g.node.current")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("id", f"{first['flow']}.{first['step']}")
    words = step_title(f"{first['flow']}/{first['step']}")  # the step as its box names it, not its id
    expect(page.locator("#follow-status")).to_contain_text(f"is at “{words.split(' (in:')[0]}")
    assert page.url.endswith(f"?follow={sender}")

    # The customer moves on while the page is open: the next poll moves the highlight.
    second = customs(post(servers, sender, "no, still failing"))[-1]
    assert (second["flow"], second["step"]) != (first["flow"], first["step"])
    expect(current).to_have_attribute("id", f"{second['flow']}.{second['step']}", timeout=15_000)
    passed = page.locator("#diagram g.node.passed")
    expect(passed.first).to_be_visible()
    assert f"{first['flow']}.{first['step']}" in page.eval_on_selector_all(
        "#diagram g.node.passed", "nodes => nodes.map(n => n.id)"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "console-diagram.png"))
    page.get_by_role("button", name="Zoom out").click()
    page.screenshot(path=str(SHOTS / "console-diagram-zoomed-out.png"), full_page=True)

    # A reload keeps following (the id is in the address), and Stop clears the marks.
    page.reload()
    expect(current).to_have_attribute("id", f"{second['flow']}.{second['step']}")
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#diagram g.node.current, #diagram g.node.passed")).to_have_count(0)


def test_a_ticket_links_to_its_conversation_on_the_diagram(page: Page, servers: Servers):
    """Following from a ticket page: the diagram opens already following that conversation."""
    base = f"http://127.0.0.1:{servers.web_port}"
    sender = new_sender()
    step = customs(post(servers, sender, "my mic is not working, error 31201"))[-1]
    log_in(page, base, f"/staff/diagram?follow={sender}", staff_token())
    page.goto(f"{base}/staff/diagram?follow={sender}")
    expect(page.locator("#sender")).to_have_value(sender)
    expect(page.locator("#diagram g.node.current")).to_have_attribute("id", f"{step['flow']}.{step['step']}")
