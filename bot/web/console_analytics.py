"""Staff console: Analytics page (placeholder until the feature lands)."""

from __future__ import annotations

from sanic import Request, Sanic
from sanic.response import HTTPResponse

from bot.web.console import Console


def register(app: Sanic, console: Console) -> None:
    @app.get("/staff/analytics")
    async def analytics_page(request: Request) -> HTTPResponse:
        return console.page("Analytics", "<p>How conversations end, per cause and route.</p>")
