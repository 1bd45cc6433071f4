"""Staff console: Queue page (placeholder until the feature lands)."""

from __future__ import annotations

from sanic import Request, Sanic
from sanic.response import HTTPResponse

from bot.web.console import Console


def register(app: Sanic, console: Console) -> None:
    @app.get("/staff/queue")
    async def queue_page(request: Request) -> HTTPResponse:
        return console.page("Queue", "<p>Escalated tickets: open, claimed and resolved.</p>")
