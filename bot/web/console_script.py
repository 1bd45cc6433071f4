"""Staff console: the Script page, the staff script mode (bot/staff/script.py) in the browser.

The page (/staff/script) lets an agent pick a flow and walk it with buttons; the session lives in the page
and is sent back with every action to the JSON endpoints under /staff/api/script/ (the console's middleware
requires the staff token). The server hands the session out signed with a key derived from the staff token
(bot/web/signing.py) and trusts it only with that signature: a forged, changed or expired session, or one from
before the flows changed, gets the canonical 400 error, never a 500.

    POST /staff/api/script/start   {"flow", "facts"?: {fact: value}, "error"?: the customer's error text}
    POST /staff/api/script/view    {"session"}            the current step again (after a reload)
    POST /staff/api/script/choose  {"session", "choice": 1-based number}
    POST /staff/api/script/skip    {"session"}            the customer doesn't know
    POST /staff/api/script/back    {"session"}
    POST /staff/api/script/ticket  {"session", "email", "name"?, "note"?}
    POST /staff/api/script/outcome {"session"}            record how the call ended (no ticket needed)

Each answers {"ok": true, "session": the signed session, "view", "known"} (ticket: also "ticket": {"reference", "summary"}; outcome: also
"recorded": {"outcome", "at"}).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.app.http import error
from bot.app.loading import FlowsInvalid, load_engine
from bot.flows.engine import Engine
from bot.staff.phone_outcomes import record_phone_outcome
from bot.staff.script import ScriptError, ScriptSession, script_flows
from bot.tickets.store import TicketError
from bot.web.console import Console
from bot.web.signing import BadSignature, Signer

MAX_BODY = 512_000
"""Bytes: a session with its full undo history and log is far below this."""
SCRIPT = "/static/console_script.js"
STYLE = "/static/console_script.css"
SESSION_PURPOSE = "staff script session"
SESSION_MAX_AGE = 12 * 3600.0
"""Seconds a session stays usable after its last action: a long call, not yesterday's."""


def _engine() -> Engine:
    return load_engine()


def session_signer(staff_token: str) -> Signer:
    return Signer.for_purpose(staff_token, SESSION_PURPOSE, SESSION_MAX_AGE)


def _signed_session(signer: Signer, engine: Engine, token: object) -> ScriptSession:
    try:
        data = signer.unsign(token)
    except BadSignature as problem:
        raise ScriptError(f"the script session is not valid ({problem}): start again") from None
    return ScriptSession.from_dict(engine, data)


def _reply(signer: Signer, session: ScriptSession, **extra: Any) -> HTTPResponse:
    return response.json(
        {
            "ok": True,
            "session": signer.sign(session.to_dict()),
            "view": session.view().as_dict(),
            "known": session.known().as_dict(),
            **extra,
        }
    )


def _body(request: Request) -> dict[str, Any]:
    if len(request.body or b"") > MAX_BODY:
        raise ScriptError("the request is too large")
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises its own error type for a body that is not JSON
        raise ScriptError("the request body is not JSON") from None
    if not isinstance(body, dict):
        raise ScriptError("send a JSON object")
    return body


def register(app: Sanic, console: Console) -> None:
    signer = session_signer(console.token)

    @app.get("/staff/script")
    async def script_page(request: Request) -> HTTPResponse:
        try:
            flows = script_flows(_engine())
        except FlowsInvalid:
            return console.page("console_script.html", "Script", flows=None)
        return console.page("console_script.html", "Script", scripts=(SCRIPT,), styles=(STYLE,), flows=flows)

    async def handle(request: Request, action: str) -> HTTPResponse:
        try:
            engine = _engine()
        except FlowsInvalid:
            return error(503, "the flow files have problems: run `bot flows check`")
        try:
            body = _body(request)
            if action == "start":
                flow = body.get("flow")
                if not isinstance(flow, str):
                    raise ScriptError('say which flow to start: {"flow": "mic_31201"}')
                error_text = body.get("error")
                if error_text is not None and not isinstance(error_text, str):
                    raise ScriptError('"error" is the text of the error message, as a string')
                return _reply(signer, ScriptSession.start(engine, flow, body.get("facts") or {}, error_text))
            session = _signed_session(signer, engine, body.get("session"))
            session.view()  # a session that stands nowhere is refused before anything else
            if action == "choose":
                session.choose(body.get("choice"))  # type: ignore[arg-type]  # any JSON value: choose() refuses non-numbers
            elif action == "skip":
                session.skip()
            elif action == "back":
                session.back()
            elif action == "ticket":
                ticket = session.open_ticket(
                    console.store, str(body.get("email") or ""), _text(body.get("name")), _text(body.get("note"))
                )
                return _reply(signer, session, ticket={"reference": ticket.reference, "summary": ticket.summary})
            elif action == "outcome":
                recorded = record_phone_outcome(console.store, session)
                return _reply(signer, session, recorded={"outcome": recorded.outcome, "at": recorded.at})
            return _reply(signer, session)
        except ScriptError as problem:
            return error(400, str(problem))
        except (TicketError, sqlite3.Error):
            return error(503, "the ticket could not be stored; try again")

    for action in ("start", "view", "choose", "skip", "back", "ticket", "outcome"):
        app.add_route(
            lambda request, action=action: handle(request, action),
            f"/staff/api/script/{action}",
            methods=["POST"],
            name=f"staff_script_{action}",
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
