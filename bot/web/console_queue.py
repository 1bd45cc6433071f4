"""Staff console: the ticket queue (/staff/queue) and a ticket's page with its claim and resolve actions.

The actions are plain form posts to console routes that call the TicketStore (the same calls as the handoff
API) and redirect back to the ticket; the SameSite=Strict login cookie keeps other sites from posting them.
A refused action (already claimed, empty note) shows the ticket again with the reason and what was typed.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.handoff.summary import vocabulary
from bot.handoff.tickets import STATUSES, Ticket, TicketError, normalise_reference
from bot.web.console import Console, scroll_box
from bot.web.ticket_view import status_badge, ticket_header, ticket_sections, trigger_words, when

PAGE_SIZE = 20
SUMMARY_LIMIT = 140
DONE = {"claimed": "Ticket claimed.", "resolved": "Ticket resolved."}


def _page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 10**6 else 1


def _tabs(console: Console, current: str) -> str:
    tabs = []
    for status in STATUSES:
        count = console.store.count(status)
        selected = ' aria-current="page" class="selected"' if status == current else ""
        tabs.append(f'<a href="/staff/queue?status={status}"{selected}>{status.capitalize()} <span class="count">{count}</span></a>')
    return f'<nav class="tabs" aria-label="Ticket status">{"".join(tabs)}</nav>'


def _row(ticket: Ticket) -> str:
    summary = ticket.summary if len(ticket.summary) <= SUMMARY_LIMIT else ticket.summary[: SUMMARY_LIMIT - 1] + "…"
    reference = escape(ticket.reference)
    return (
        f'<tr><td><a href="/staff/tickets/{reference}">{reference}</a></td><td>{when(ticket.created_at)}</td>'
        f"<td>{status_badge(ticket.status)}</td><td>{escape(trigger_words(ticket.trigger))}</td>"
        f"<td>{escape(ticket.contact_email)}</td><td>{escape(ticket.claimed_by or '')}</td><td>{escape(summary)}</td></tr>"
    )


def _pager(status: str, page: int, total: int) -> str:
    pages = max(1, -(-total // PAGE_SIZE))
    links = []
    if page > 1:
        links.append(f'<a rel="prev" href="/staff/queue?status={status}&amp;page={page - 1}">← Newer</a>')
    links.append(f"<span>Page {page} of {pages}</span>")
    if page < pages:
        links.append(f'<a rel="next" href="/staff/queue?status={status}&amp;page={page + 1}">Older →</a>')
    return f'<nav class="pager" aria-label="Pages">{" ".join(links)}</nav>'


def queue_body(console: Console, status: str, page: int) -> str:
    total = console.store.count(status)
    tickets = console.store.list(status=status, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    if tickets:
        first = (page - 1) * PAGE_SIZE + 1
        table = (
            f'<p class="hint">{first}–{first + len(tickets) - 1} of {total} {status} tickets, newest first.</p>'
            + scroll_box(
                '<table class="grid queue"><thead><tr><th>Reference</th><th>Opened</th><th>Status</th><th>Why</th>'
                f'<th>Contact</th><th>Claimed by</th><th>Summary</th></tr></thead><tbody>{"".join(map(_row, tickets))}</tbody></table>',
                f"{status.capitalize()} tickets",
            )
            + _pager(status, page, total)
        )
    elif total:
        table = f'<p>No {status} tickets on page {page}. <a href="/staff/queue?status={status}">Back to the first page</a></p>'
    else:
        table = f'<p class="empty">No {status} tickets.</p>'
    return _tabs(console, status) + table


def _actions(ticket: Ticket, typed: dict[str, str], acting_as: str) -> str:
    reference = escape(ticket.reference)
    if ticket.status == "resolved":
        return ""
    claim = ""
    if ticket.status == "open":
        claim = f"""<form method="post" action="/staff/tickets/{reference}/claim" class="action" id="claim">
<button type="submit">Claim</button></form>"""
    resolve = f"""<form method="post" action="/staff/tickets/{reference}/resolve" class="action" id="resolve">
<label for="resolve-note">What fixed it</label><textarea id="resolve-note" name="note" rows="3" maxlength="4000">{escape(typed.get('note', ''))}</textarea>
<button type="submit">Resolve</button></form>"""
    who = f'<p class="hint" id="acting-as">You act as <strong>{escape(acting_as)}</strong>, the name you logged in with.</p>'
    return f'<section class="panel actions"><h2>Actions</h2>{who}{claim}{resolve}</section>'


def ticket_page(console: Console, ticket: Ticket, acting_as: str, notice: str = "", problem: str = "",
                typed: dict[str, str] | None = None, status: int = 200) -> HTTPResponse:
    messages = (f'<p class="notice" role="status">{escape(notice)}</p>' if notice else "") + (
        f'<p class="problem" role="alert">{escape(problem)}</p>' if problem else ""
    )
    back = f'<p><a href="/staff/queue?status={escape(ticket.status)}">← {escape(ticket.status.capitalize())} tickets</a></p>'
    body = back + ticket_header(ticket) + messages + _actions(ticket, typed or {}, acting_as) + ticket_sections(
        ticket, console.store.events(ticket.reference), vocabulary()
    )
    return console.page(f"Ticket {ticket.reference}", body, status=status)


def register(app: Sanic, console: Console) -> None:
    def missing(reference: str) -> HTTPResponse:
        body = f'<p class="problem" role="alert">There is no ticket {escape(reference)}.</p><p><a href="/staff/queue">Back to the queue</a></p>'
        return console.page("No such ticket", body, status=404)

    def load(reference: str) -> Ticket | None:
        try:
            return console.store.get(reference)
        except TicketError:
            return None

    @app.get("/staff/queue")
    async def queue_page(request: Request) -> HTTPResponse:
        status = request.args.get("status", "open")
        if status not in STATUSES:
            body = f'<p class="problem" role="alert">Unknown status: pick one of {", ".join(STATUSES)}.</p>' + _tabs(console, "")
            return console.page("Queue", body, status=400)
        return console.page("Queue", queue_body(console, status, _page_number(request.args.get("page"))))

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
            status = 400 if action == "resolve" and not typed["note"] else 409
            return ticket_page(console, console.store.get(found.reference), by, problem=_sentence(str(problem)), typed=typed,
                               status=status)
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
