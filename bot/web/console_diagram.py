"""Staff console: the decision tree as a diagram (/staff/diagram), following a live conversation.

The SVG is drawn once when the server starts (Graphviz via bot/render); if `dot` is missing or the flows do
not load, the page says why instead. /staff/api/conversations/<id>/position answers where a conversation is
(from Rasa's HTTP API, bot/web/tracker_position.py); static/console_diagram.js polls it and marks the nodes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape

import aiohttp
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.engine import DEFAULT_FLOW, Engine, State
from bot.loading import FlowsInvalid, load_engine
from bot.render.dot import flows_dot
from bot.render.svg import RenderError, dot_to_svg, inline_svg
from bot.web.api import error
from bot.web.console import Console
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
    svg: str = ""
    problem: str = ""
    start: str = ""
    """The node id where conversations start (the page opens scrolled to it)."""


def draw() -> Drawing:
    """The whole tree as inline SVG, or why it cannot be drawn."""
    try:
        flow_set = load_engine().flow_set
        first = flow_set.flows[DEFAULT_FLOW].steps[0].id if DEFAULT_FLOW in flow_set.flows else ""
        return Drawing(svg=inline_svg(dot_to_svg(flows_dot(flow_set))), start=f"{DEFAULT_FLOW}.{first}" if first else "")
    except FlowsInvalid as invalid:
        return Drawing(problem=f"The flows have problems, so there is no diagram: {invalid.findings[0]}")
    except RenderError as problem:
        return Drawing(problem=f"The diagram cannot be drawn: {problem}")


def rasa_token() -> str:
    from bot.serve import api_token

    return api_token()


def diagram_body(drawing: Drawing) -> str:
    if drawing.problem:
        return f'<p class="problem" role="alert" id="diagram-problem">{escape(drawing.problem)}</p>'
    legend = "".join(f'<li><span class="swatch-{kind}"></span>{escape(label)}</li>' for kind, label in LEGEND)
    return f"""<form class="follow" id="follow">
<label for="sender">Follow a conversation</label>
<input id="sender" name="sender" maxlength="128" placeholder="conversation (sender) id" autocomplete="off">
<button type="submit">Follow</button><button type="button" class="secondary" id="follow-stop" hidden>Stop</button>
<button type="button" class="secondary" id="fit">Zoom out</button></form>
<p id="follow-status" class="hint" aria-live="polite">Enter a conversation id (it is on every ticket) to see where it is.</p>
<ul class="legend">{legend}</ul>
<div class="diagram" id="diagram" data-start="{escape(drawing.start)}" role="region" aria-label="Decision tree diagram (scrolls; use the arrow keys)" tabindex="0">{drawing.svg}</div>
<p class="hint">Each box is one step, named by what it does; arrows say when the tree goes that way. Steps with a
knowledge article open it when clicked.
The printable runbook: <code>bot flows render --format html</code>.</p>"""


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
        return console.page("Diagram", diagram_body(drawing), scripts=scripts)

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
