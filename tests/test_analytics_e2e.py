"""The console's report over what the real Rasa stored: a conversation through the REST channel shows up."""

from __future__ import annotations

import json
import urllib.request

import pytest

from bot.app.serve import Servers
from bot.app.tokens import staff_token
from tests.chat import new_sender, post

pytestmark = pytest.mark.e2e


def report(servers: Servers) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{servers.web_port}/staff/api/report", headers={"Authorization": f"Bearer {staff_token()}"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        body = json.loads(reply.read())
    assert body["ok"] is True
    return body["report"]


def test_a_conversation_through_rasa_is_counted_by_the_console(servers: Servers):
    before = report(servers)
    sender = new_sender()
    post(servers, sender, "Teams is open on my Windows laptop in Chrome and every call fails")
    post(servers, sender, "/affirm")
    after = report(servers)
    assert after["totals"]["conversations"] == before["totals"]["conversations"] + 1
    assert after["outcomes"]["resolved_confirmed"] == before["outcomes"]["resolved_confirmed"] + 1
    close_apps = {s["step"]: s["count"] for s in after["funnel"]["steps"]}["close_apps"]
    assert close_apps == {s["step"]: s["count"] for s in before["funnel"]["steps"]}["close_apps"] + 1
