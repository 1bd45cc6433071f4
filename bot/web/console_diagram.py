"""Staff console: the decision tree as a diagram (/staff/diagram), following a live conversation.

The SVG is drawn once when the server starts (Graphviz via bot/render); if `dot` is missing or the flows do
not load, the page says why instead. /staff/api/conversations/<id>/position answers where a conversation is
(from Rasa's HTTP API, bot/web/tracker_position.py); static/console_diagram.js polls it and marks the nodes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import aiohttp
from markupsafe import Markup
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.app.http import error
from bot.app.loading import FlowsInvalid, load_engine
from bot.flows.engine import DEFAULT_FLOW, Engine, State
from bot.render.dot import flows_dot
from bot.render.svg import RenderError, dot_to_svg, inline_svg
from bot.web.console import Console
from bot.web.templates import trusted
from bot.web.tracker_position import PositionError, fetch_position

LEGEND = (
    ("question", "question"),
    ("fix", "fix"),
    ("routing", "routing"),
    ("resolved", "ending: resolved"),
    ("escalated", "ending: escalated"),
    ("other", "other flow (link / call)"),
    ("current", "current step"),
    ("passed", "already passed"),
)


@dataclass(frozen=True)
class Drawing:
    svg: Markup = Markup("")
    """Graphviz's SVG, cleaned by bot/render/svg.py's inline_svg: put into the page as it is."""
    problem: str = ""
    start: str = ""
    """The node id where conversations start (the page opens scrolled to it)."""


def draw() -> Drawing:
    """The whole tree as inline SVG, or why it cannot be drawn."""
    try:
        flow_set = load_engine().flow_set
        first = flow_set.flows[DEFAULT_FLOW].steps[0].id if DEFAULT_FLOW in flow_set.flows else ""
        return Drawing(svg=trusted(inline_svg(dot_to_svg(flows_dot(flow_set)))), start=f"{DEFAULT_FLOW}.{first}" if first else "")
    except FlowsInvalid as invalid:
        return Drawing(problem=f"The flows have problems, so there is no diagram: {invalid.findings[0]}")
    except RenderError as problem:
        return Drawing(problem=f"The diagram cannot be drawn: {problem}")


def rasa_token() -> str:
    from bot.app.tokens import api_token

    return api_token()


@functools.lru_cache(maxsize=1)
def console_engine() -> Engine | None:
    """The engine over the flows the console shows (loaded once; None if the flows do not load)."""
    try:
        return load_engine()
    except FlowsInvalid:
        return None


def register(app: Sanic, console: Console) -> None:
    drawing = draw()  # once, at start: the flows do not change while the server runs

    @app.get("/staff/diagram")
    async def diagram_page(request: Request) -> HTTPResponse:
        scripts = () if drawing.problem else ("/static/console_diagram.js",)
        return console.page("console_diagram.html", "Diagram", scripts=scripts, drawing=drawing, legend=LEGEND)

    @app.get("/staff/api/conversations/<sender>/position")
    async def position(request: Request, sender: str) -> HTTPResponse:
        session = getattr(request.app.ctx, "rasa", None)
        if not isinstance(session, aiohttp.ClientSession):
            return error(503, "the web server has no connection to Rasa")
        try:
            found = await fetch_position(session, console.rasa_url, rasa_token(), sender)
        except PositionError as problem:
            return error(problem.status, str(problem))
        engine = console_engine()
        if engine is not None and found.state:
            found.causes = engine.ranked_causes(State.from_dict(found.state), limit=3)
        return response.json(found.as_dict())
