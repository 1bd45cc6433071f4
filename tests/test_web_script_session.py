"""The staff console's Script API keeps its session signed: the page holds it, the server trusts only what it
signed itself. Through Sanic's test client over a real ticket store (no `bot web` process, no browser): a
happy walk to a ticket, then every way a session can come back wrong gets the canonical 400. Part of
`make test-fast`; the walk through the real page is in tests/test_web_console_script.py."""

from __future__ import annotations

import base64
import copy
import json
import time
from collections.abc import Callable

import pytest
from sanic import Sanic

from bot.tickets.store import TicketStore
from bot.web.api import create_app
from bot.web.console import register_console
from bot.web.console_script import SESSION_MAX_AGE, SESSION_PURPOSE, session_signer
from bot.web.signing import BadSignature, Signer
from tests.test_web_api import assert_error_shape

TOKEN = "script-session-staff-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TicketStore:
    return TicketStore(tmp_path_factory.mktemp("script") / "tickets.db")


@pytest.fixture(scope="module")
def app(store: TicketStore) -> Sanic:
    web = create_app(store, TOKEN)
    register_console(web, store, TOKEN)
    return web


def script(app: Sanic, action: str, body: object) -> tuple[int, dict]:
    _request, reply = app.test_client.post(f"/staff/api/script/{action}", headers=BEARER, json=body)
    return reply.status, reply.json


def payload(token: str) -> dict:
    """What a signed session carries (readable: it is signed, not encrypted)."""
    encoded = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))


def with_payload(token: str, change: Callable[[dict], object]) -> str:
    """The token with its data edited and the old signature kept: what someone changing it in the page sends."""
    data = payload(token)
    change(data["data"])
    encoded = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{encoded}.{token.split('.')[1]}"


@pytest.fixture
def started(app: Sanic) -> str:
    """A signed session at the first fix step of mic_31201, after the customer pasted their error."""
    status, reply = script(app, "start", {"flow": "mic_31201", "error": "NotReadableError: Could not start audio source"})
    assert status == 200, reply
    return reply["session"]


def test_a_signed_session_walks_to_a_ticket(app: Sanic, store: TicketStore):
    status, reply = script(app, "start", {"flow": "auth_error", "facts": {"browser": "Firefox"}})
    assert status == 200 and reply["view"]["step"] == "explain_auth"
    assert isinstance(reply["session"], str) and payload(reply["session"])["data"]["state"]["facts"] == {"browser": "firefox"}
    status, viewed = script(app, "view", {"session": reply["session"]})
    assert status == 200 and viewed["view"] == reply["view"]
    status, reply = script(app, "choose", {"session": reply["session"], "choice": 2})
    assert status == 200 and reply["view"]["kind"] == "escalated"
    status, back = script(app, "back", {"session": reply["session"]})
    assert status == 200 and back["view"]["step"] == "explain_auth"
    status, reply = script(app, "ticket", {"session": reply["session"], "email": "Cy@Example.com "})
    assert status == 200 and store.get(reply["ticket"]["reference"]).contact_email == "cy@example.com"
    status, again = script(app, "ticket", {"session": reply["session"], "email": "cy@example.com"})
    assert_error_shape(status, again, 400)
    assert "already open" in again["error"]


TAMPERING = {
    "unknown step": lambda d: d["state"].update(step="nowhere"),
    "forged outcome": lambda d: d["state"].update(outcome="resolved"),
    "fact injected": lambda d: d["state"]["facts"].update(browser={"$gt": ""}),
    "step tried that never was": lambda d: d["state"]["attempts"].append({"flow": "x", "step": "y", "cause": None, "fix": "z"}),
    "call stack rewritten": lambda d: d["state"].update(stack=[["mic_31201", "resolved"]]),
    "case id changed": lambda d: d.update(case="../../etc"),
    "log entry added": lambda d: d["log"].append({"at": 0, "who": "root", "text": "<script>"}),
    "ticket named": lambda d: d.update(ticket="MIC-AAAAAA"),
    "flows version forged": lambda d: d.update(flows="0123456789abcdef"),
}


@pytest.mark.parametrize("change", TAMPERING.values(), ids=TAMPERING.keys())
def test_a_tampered_session_is_refused(app: Sanic, started: str, change: Callable[[dict], object]):
    status, reply = script(app, "choose", {"session": with_payload(started, change), "choice": 1})
    assert_error_shape(status, reply, 400)
    assert "not signed by this server, or it was changed" in reply["error"]


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda data: Signer.for_purpose("someone-elses-token", SESSION_PURPOSE).sign(data), id="wrong key"),
        pytest.param(lambda data: Signer.for_purpose(TOKEN, "another purpose").sign(data), id="other purpose"),
        pytest.param(lambda data: data, id="plain data, as before signing"),
        pytest.param(lambda data: "garbage", id="garbage"),
        pytest.param(lambda data: "a.b.c", id="too many parts"),
        pytest.param(lambda data: None, id="missing"),
    ],
)
def test_a_session_the_server_did_not_sign_is_refused(app: Sanic, started: str, forge: Callable[[dict], object]):
    status, reply = script(app, "view", {"session": forge(payload(started)["data"])})
    assert_error_shape(status, reply, 400)
    assert "the script session is not valid" in reply["error"]


def test_an_expired_session_is_refused_and_a_recent_one_is_not(app: Sanic, started: str):
    data = payload(started)["data"]
    signer = session_signer(TOKEN)
    status, reply = script(app, "view", {"session": signer.sign(data, now=time.time() - SESSION_MAX_AGE + 60)})
    assert status == 200 and reply["view"]["step"]
    status, reply = script(app, "view", {"session": signer.sign(data, now=time.time() - SESSION_MAX_AGE - 1)})
    assert_error_shape(status, reply, 400)
    assert "expired" in reply["error"]


def test_a_signed_session_from_before_the_flows_changed_is_refused(app: Sanic, started: str):
    data = copy.deepcopy(payload(started)["data"])
    data["flows"] = "0123456789abcdef"
    status, reply = script(app, "view", {"session": session_signer(TOKEN).sign(data)})
    assert_error_shape(status, reply, 400)
    assert "flows changed" in reply["error"]


def test_every_reply_is_signed_afresh(app: Sanic, started: str):
    before = payload(started)["at"]
    time.sleep(0.01)
    status, reply = script(app, "skip", {"session": started})
    assert status == 400 and "only a question" in reply["error"]  # a fix step cannot be skipped; the session was fine
    status, reply = script(app, "choose", {"session": started, "choice": 2})
    assert status == 200 and payload(reply["session"])["at"] > before


def test_the_signer_alone():
    signer = Signer.for_purpose("secret", "purpose", max_age=10)
    token = signer.sign({"n": [1, "ü"]}, now=1000)
    assert signer.unsign(token, now=1010) == {"n": [1, "ü"]}
    with pytest.raises(BadSignature, match="expired"):
        signer.unsign(token, now=1010.5)
    with pytest.raises(BadSignature, match="changed"):
        signer.unsign(token[:-1] + ("0" if token[-1] != "0" else "1"), now=1000)
    with pytest.raises(BadSignature, match="not a signed token"):
        signer.unsign("x" * 1_000_001)
    assert Signer.for_purpose("secret", "purpose").unsign(token, now=10**10) == {"n": [1, "ü"]}, "no max_age: no expiry"
