"""Staff console: the ticket queue (/staff/queue) and a ticket's page with its claim and resolve actions.

The actions are plain form posts to console routes that call the TicketStore (the same calls as the handoff
API) and redirect back to the ticket; the SameSite=Strict login cookie keeps other sites from posting them.
A refused action (already claimed, empty note) shows the ticket again with the reason and what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.app.loading import vocabulary
from bot.tickets.store import STATUSES, Ticket, TicketError, normalise_reference
from bot.web.api import ticket_status
from bot.web.console import Console
from bot.web.ticket_view import status_label, ticket_view, trigger_words, when

PAGE_SIZE = 20
SUMMARY_LIMIT = 140
DONE = {"claimed": "Ticket claimed.", "resolved": "Ticket resolved."}


def _page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 10**6 else 1


@dataclass(frozen=True)
class Tab:
    status: str
    count: int


def _short(summary: str) -> str:
    return summary if len(summary) <= SUMMARY_LIMIT else summary[: SUMMARY_LIMIT - 1] + "…"


WORDS: dict[str, Any] = {"when": when, "status_label": status_label, "trigger_words": trigger_words, "short": _short}
"""How the queue and ticket templates turn stored values into words."""


def _tabs(console: Console) -> list[Tab]:
    return [Tab(status, console.store.count(status)) for status in STATUSES]


def queue_page(console: Console, status: str, page: int) -> HTTPResponse:
    total = console.store.count(status)
    tickets = console.store.list(status=status, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return console.page(
        "console_queue.html",
        "Queue",
        status_tabs=_tabs(console),
        unknown_status=False,
        listed=status,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        total=total,
        first=(page - 1) * PAGE_SIZE + 1,
        tickets=tickets,
        **WORDS,
    )


def ticket_page(
    console: Console,
    ticket: Ticket,
    acting_as: str,
    notice: str = "",
    problem: str = "",
    typed: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    view = ticket_view(ticket, console.store.events(ticket.reference), vocabulary())
    return console.page(
        "console_ticket.html",
        f"Ticket {ticket.reference}",
        status=status,
        view=view,
        acting_as=acting_as,
        notice=notice,
        problem=problem,
        note=(typed or {}).get("note", ""),
        **WORDS,
    )


def register(app: Sanic, console: Console) -> None:
    def missing(reference: str) -> HTTPResponse:
        return console.page("console_ticket_missing.html", "No such ticket", status=404, reference=reference)

    def load(reference: str) -> Ticket | None:
        try:
            return console.store.get(reference)
        except TicketError:
            return None

    @app.get("/staff/queue")
    async def queue(request: Request) -> HTTPResponse:
        status = request.args.get("status", "open")
        if status not in STATUSES:
            return console.page(
                "console_queue.html", "Queue", status=400, status_tabs=_tabs(console), unknown_status=True, statuses=STATUSES
            )
        return queue_page(console, status, _page_number(request.args.get("page")))

    @app.get("/staff/tickets/<reference>")
    async def ticket(request: Request, reference: str) -> HTTPResponse:
        found = load(reference)
        if found is None:
            return missing(reference)
        return ticket_page(console, found, console.staff_name(request), notice=DONE.get(request.args.get("done", ""), ""))

    async def act(request: Request, reference: str, action: str) -> HTTPResponse:
        found = load(reference)
        if found is None:
            return missing(reference)
        # Who acts is the name the consultant logged in with, never a name typed with the action.
        by = console.staff_name(request)
        if not by:
            return response.redirect(f"/staff/login?next={quote('/staff/tickets/' + normalise_reference(found.reference))}")
        typed = {"note": (request.form.get("note") or "").strip()}
        try:
            if action == "claim":
                console.store.claim(found.reference, by)
            else:
                console.store.resolve(found.reference, typed["note"], by=by)
        except TicketError as problem:
            return ticket_page(
                console,
                console.store.get(found.reference),
                by,
                problem=_sentence(str(problem)),
                typed=typed,
                status=ticket_status(problem),
            )
        done = "claimed" if action == "claim" else "resolved"
        return response.redirect(f"/staff/tickets/{quote(normalise_reference(found.reference))}?done={done}")

    @app.post("/staff/tickets/<reference>/claim")
    async def claim(request: Request, reference: str) -> HTTPResponse:
        return await act(request, reference, "claim")

    @app.post("/staff/tickets/<reference>/resolve")
    async def resolve(request: Request, reference: str) -> HTTPResponse:
        return await act(request, reference, "resolve")


def _sentence(text: str) -> str:
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
