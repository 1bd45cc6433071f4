"""Staff console: Diagram page (placeholder until the feature lands)."""

from __future__ import annotations

from sanic import Request, Sanic
from sanic.response import HTTPResponse

from bot.web.console import Console


def register(app: Sanic, console: Console) -> None:
    @app.get("/staff/diagram")
    async def diagram_page(request: Request) -> HTTPResponse:
        return console.page("Diagram", "<p>The whole decision tree as a picture.</p>")
