"""Staff console: Script page (placeholder until the feature lands)."""

from __future__ import annotations

from sanic import Request, Sanic
from sanic.response import HTTPResponse

from bot.web.console import Console


def register(app: Sanic, console: Console) -> None:
    @app.get("/staff/script")
    async def script_page(request: Request) -> HTTPResponse:
        return console.page("Script", "<p>Walk a flow with a customer on the phone.</p>")
