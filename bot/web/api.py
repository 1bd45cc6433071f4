"""The consultants' HTTP API over the ticket store (Sanic, which Rasa already ships).

Every /api/ request needs `Authorization: Bearer <token>`. Every error has one shape:
`{"ok": false, "status": <http status>, "error": "<message>"}`. Lists are paginated with
`limit` (1-100) and `offset`, and say `total` and the `next` page's URL. Bodies are limited in size
(bot/app/limits.py), and JSON endpoints take only `application/json` (415 otherwise), so no web page can post to
them as a plain form.
"""

from __future__ import annotations

import hmac
import itertools

from sanic import Request, Sanic, response
from sanic.exceptions import NotFound, SanicException
from sanic.response import HTTPResponse

from bot.app.http import error
from bot.app.limits import Limits, is_json
from bot.tickets.store import STATUSES, TicketConflict, TicketError, TicketNotFound, TicketStore

MAX_LIMIT = 100
JSON_PATHS = ("/api/", "/staff/api/")
_app_numbers = itertools.count(1)


def ticket_status(problem: TicketError) -> int:
    """The HTTP status for a refused ticket operation: by its type, never by its wording."""
    if isinstance(problem, TicketNotFound):
        return 404
    if isinstance(problem, TicketConflict):
        return 409
    return 400


def ticket_error(problem: TicketError) -> HTTPResponse:
    return error(ticket_status(problem), str(problem))


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit():
        raise ValueError(f"{name} must be a whole number")
    return max(low, min(high, int(raw)))


def create_app(store: TicketStore, token: str) -> Sanic:
    app = Sanic(f"mic_helper_web_{next(_app_numbers)}")
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.REQUEST_MAX_SIZE = Limits.from_env().max_body

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if not request.path.startswith("/api/"):
            return None
        given = request.headers.get("authorization", "")
        if not (given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode())):
            return error(401, "a valid bearer token is required")
        return None

    @app.middleware("request")
    async def json_only(request: Request) -> HTTPResponse | None:
        if request.method == "POST" and request.path.startswith(JSON_PATHS) and not is_json(request.headers.get("content-type")):
            return error(415, "send JSON (Content-Type: application/json)")
        return None

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        return response.json({"ok": True})

    @app.get("/api/tickets")
    async def list_tickets(request: Request) -> HTTPResponse:
        status = request.args.get("status")
        if status is not None and status not in STATUSES:
            return error(400, f"status must be one of {', '.join(STATUSES)}")
        try:
            limit = _int(request, "limit", 20, 1, MAX_LIMIT)
            offset = _int(request, "offset", 0, 0, 10**9)
        except ValueError as problem:
            return error(400, str(problem))
        total = store.count(status)
        tickets = store.list(status=status, limit=limit, offset=offset)
        following = offset + limit
        query = f"&status={status}" if status else ""
        return response.json(
            {
                "ok": True,
                "total": total,
                "limit": limit,
                "offset": offset,
                "next": f"/api/tickets?limit={limit}&offset={following}{query}" if following < total else None,
                "tickets": [_brief(t.as_dict()) for t in tickets],
            }
        )

    @app.get("/api/tickets/<reference>")
    async def show(request: Request, reference: str) -> HTTPResponse:
        return _ticket_reply(lambda: store.get(reference))

    @app.post("/api/tickets/<reference>/claim")
    async def claim(request: Request, reference: str) -> HTTPResponse:
        by = _field(request, "by")
        if by is None:
            return error(400, 'say who claims it: {"by": "name"}')
        return _ticket_reply(lambda: store.claim(reference, by))

    @app.post("/api/tickets/<reference>/resolve")
    async def resolve(request: Request, reference: str) -> HTTPResponse:
        note = _field(request, "note")
        if note is None:
            return error(400, 'a resolution note is required: {"note": "..."}')
        return _ticket_reply(lambda: store.resolve(reference, note, by=_field(request, "by")))

    @app.get("/api/tickets/<reference>/export")
    async def export(request: Request, reference: str) -> HTTPResponse:
        fmt = request.args.get("format", "json")
        if fmt not in ("md", "json"):
            return error(400, "format must be md or json")
        try:
            text = store.export(reference, fmt)
        except TicketError as problem:
            return ticket_error(problem)
        return response.text(text, content_type="text/markdown" if fmt == "md" else "application/json")

    @app.exception(NotFound)
    async def not_found(request: Request, problem: Exception) -> HTTPResponse:
        return error(404, "not found")

    @app.exception(SanicException)
    async def sanic_error(request: Request, problem: SanicException) -> HTTPResponse:
        return error(int(getattr(problem, "status_code", 500) or 500), str(problem) or "request failed")

    @app.exception(Exception)
    async def unexpected(request: Request, problem: Exception) -> HTTPResponse:
        return error(500, "internal error")

    return app


def _field(request: Request, key: str) -> str | None:
    """A non-empty string from the JSON body, or None."""
    body = request.json if isinstance(request.json, dict) else {}
    value = str(body.get(key) or "").strip()
    return value or None


def _brief(ticket: dict) -> dict:
    keep = ("reference", "status", "created_at", "updated_at", "trigger", "reason", "claimed_by", "summary")
    return {key: ticket.get(key) for key in keep}


def _ticket_reply(action) -> HTTPResponse:  # noqa: ANN001 - a zero-argument callable returning a Ticket
    try:
        ticket = action()
    except TicketError as problem:
        return ticket_error(problem)
    return response.json({"ok": True, "ticket": ticket.as_dict()})
