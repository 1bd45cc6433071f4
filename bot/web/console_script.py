"""Staff console: the Script page, the staff script mode (bot/staff/script.py) in the browser.

The page (/staff/script) lets an agent pick a flow and walk it with buttons; the session lives in the page
as plain data and is sent back with every action to the JSON endpoints under /staff/api/script/ (the
console's middleware requires the staff token). A session that is forged, damaged or out of date with the
flows gets the canonical 400 error, never a 500.

    POST /staff/api/script/start   {"flow", "facts"?: {fact: value}, "error"?: the customer's error text}
    POST /staff/api/script/view    {"session"}            the current step again (after a reload)
    POST /staff/api/script/choose  {"session", "choice": 1-based number}
    POST /staff/api/script/skip    {"session"}            the customer doesn't know
    POST /staff/api/script/back    {"session"}
    POST /staff/api/script/ticket  {"session", "email", "name"?, "note"?}
    POST /staff/api/script/outcome {"session"}            record how the call ended (no ticket needed)

Each answers {"ok": true, "session", "view", "known"} (ticket: also "ticket": {"reference", "summary"}; outcome: also
"recorded": {"outcome", "at"}).
"""

from __future__ import annotations

import html
import sqlite3
from typing import Any

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.engine import Engine
from bot.handoff.tickets import TicketError
from bot.loading import FlowsInvalid, load_engine
from bot.staff.phone_outcomes import record_phone_outcome
from bot.staff.script import ScriptError, ScriptSession, script_flows
from bot.web.api import error
from bot.web.console import Console

MAX_BODY = 512_000
"""Bytes: a session with its full undo history and log is far below this."""
SCRIPT = "/static/console_script.js"
STYLE = '<link rel="stylesheet" href="/static/console_script.css">'
BODY = """<p class="hint">Walk a flow with a customer on the phone: the script says what to tell them, what to have
them click and what to check. Nothing is stored until you record how the call ended or open a ticket.</p>
<section id="script-start" aria-labelledby="start-title"><h2 id="start-title">Choose a script</h2>
<label for="script-error">The customer's error message, if they can read it out or paste it (optional)</label>
<textarea id="script-error" rows="2" maxlength="2000" autocomplete="off"
 placeholder="e.g. NotAllowedError: Permission denied by system"></textarea>
<ul class="flow-list">{flows}</ul></section>
<section id="script-run" hidden aria-live="polite">
<p class="step-meta"><span id="flow-name"></span> · <span id="step-kind"></span></p>
<div id="staff-text" class="staff-text"></div>
<p id="article" hidden><a id="article-link" target="_blank" rel="noopener">Open the article</a></p>
<details id="customer"><summary>What the chat would show the customer</summary><div id="customer-text"></div></details>
<div id="choices" class="choices" role="group" aria-label="Choices"></div>
<p class="hint" id="keys-hint">Tip: press a number key to pick the option with that number.</p>
<div id="record" class="record" hidden><p id="record-text"></p>
<button type="button" id="record-button">Record this outcome</button></div>
<div class="script-actions">
<button type="button" id="skip" class="secondary">Customer doesn't know</button>
<button type="button" id="back" class="secondary">Back</button>
<button type="button" id="known-toggle" class="secondary" aria-expanded="false" aria-controls="known">What we know</button>
<button type="button" id="escalate-toggle" class="secondary">Open ticket</button>
<button type="button" id="restart" class="secondary">New case</button></div>
<section id="known" hidden><h2>What we know so far</h2><ul id="known-facts"></ul><h3>Steps tried</h3><ol id="known-tried"></ol><h3>Likely causes</h3><ol id="known-causes"></ol></section>
<section id="summary" hidden><h2>Case summary</h2><p id="summary-text"></p></section>
<form id="ticket-form" class="ticket-form" hidden><h2>Open an escalation ticket</h2>
<label for="ticket-email">Customer's email address</label><input id="ticket-email" type="email" required autocomplete="off">
<label for="ticket-name">Customer's name (optional)</label><input id="ticket-name" type="text" autocomplete="off">
<label for="ticket-note" id="ticket-note-label">Note for the specialist</label><textarea id="ticket-note" rows="2"></textarea>
<button type="submit" id="ticket-submit">Open ticket</button></form>
<p id="ticket-result" class="ticket-result" role="status" hidden></p></section>
<p id="problem" class="problem" role="alert" hidden></p>"""


def _engine() -> Engine:
    return load_engine()


def _reply(session: ScriptSession, **extra: Any) -> HTTPResponse:
    return response.json(
        {"ok": True, "session": session.to_dict(), "view": session.view().as_dict(), "known": session.known().as_dict(), **extra}
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
    @app.get("/staff/script")
    async def script_page(request: Request) -> HTTPResponse:
        try:
            flows = script_flows(_engine())
        except FlowsInvalid:
            return console.page("Script", '<p class="problem">The flow files have problems: run <code>bot flows check</code>.</p>')
        items = "".join(
            f'<li><button type="button" class="flow-choice" data-flow="{html.escape(f.id)}">{html.escape(f.name)}</button>'
            f"<span>{html.escape(f.description)}</span></li>"
            for f in flows
        )
        return console.page("Script", BODY.format(flows=items), scripts=(SCRIPT,), head=STYLE)

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
                return _reply(ScriptSession.start(engine, flow, body.get("facts") or {}, error_text))
            session = ScriptSession.from_dict(engine, body.get("session"))
            session.view()  # a session that stands nowhere is refused before anything else
            if action == "choose":
                session.choose(body.get("choice"))  # type: ignore[arg-type] - choose() checks it
            elif action == "skip":
                session.skip()
            elif action == "back":
                session.back()
            elif action == "ticket":
                ticket = session.open_ticket(
                    console.store, str(body.get("email") or ""), _text(body.get("name")), _text(body.get("note"))
                )
                return _reply(session, ticket={"reference": ticket.reference, "summary": ticket.summary})
            elif action == "outcome":
                recorded = record_phone_outcome(console.store, session)
                return _reply(session, recorded={"outcome": recorded.outcome, "at": recorded.at})
            return _reply(session)
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
