"""The help page, the knowledge articles as pages, and the chat proxy to Rasa (same origin, no CORS)."""

from __future__ import annotations

import html
from pathlib import Path

import aiohttp
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.kb.articles import Article
from bot.kb.index import load_articles
from bot.kb.render import article_html
from bot.web.api import error

STATIC = Path(__file__).resolve().parent / "static"
MAX_MESSAGE = 100_000
MAX_METADATA = 20_000
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<link rel="stylesheet" href="/static/help.css"></head><body><main>
<p><a href="/">← Back to the assistant</a> · <a href="/kb">All articles</a></p>{body}</main></body></html>"""


AUDIENCES = (
    ("end-user", "If calls fail on your computer"),
    ("developer", "For developers of the calling app"),
    ("staff", "For support staff"),
)
"""Article groups on /kb, people who make calls first; an audience not listed here gets its own group at the end."""


def _grouped(articles: dict[str, Article]) -> str:
    """The article list, one titled group per audience (the index shows no audience ids)."""
    known = [audience for audience, _ in AUDIENCES]
    extra = sorted({a.audience for a in articles.values()} - set(known))
    titles = dict(AUDIENCES)
    parts = []
    for audience in [*known, *extra]:
        chosen = sorted((a for a in articles.values() if a.audience == audience), key=lambda a: a.title)
        if chosen:
            items = "".join(f'<li><a href="/kb/{html.escape(a.id)}">{html.escape(a.title)}</a></li>' for a in chosen)
            heading = titles.get(audience, audience.replace("_", " ").replace("-", " ").capitalize())
            parts.append(f"<h2>{html.escape(heading)}</h2><ul>{items}</ul>")
    return "".join(parts)


def register_pages(app: Sanic, rasa_url: str, knowledge: Path) -> None:
    articles: dict[str, Article] = load_articles(knowledge)[0] if knowledge.is_dir() else {}
    app.static("/static", str(STATIC), name="static")

    @app.listener("before_server_start")
    async def open_session(app: Sanic, _loop: object) -> None:
        # One pooled client for the whole server: no new connection setup for every chat message.
        app.ctx.rasa = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    @app.listener("after_server_stop")
    async def close_session(app: Sanic, _loop: object) -> None:
        await app.ctx.rasa.close()

    @app.get("/favicon.ico")
    async def favicon(request: Request) -> HTTPResponse:
        # Browsers ask for it on their own; without it every first page load logs a 404.
        return await response.file(str(STATIC / "favicon.svg"), mime_type="image/svg+xml")

    @app.get("/")
    async def help_page(request: Request) -> HTTPResponse:
        return await response.file(str(STATIC / "index.html"))

    @app.get("/kb")
    async def kb_index(request: Request) -> HTTPResponse:
        return response.html(PAGE.format(title="Help articles", body="<h1>Help articles</h1>" + _grouped(articles)))

    @app.get("/kb/<article_id>")
    async def kb_article(request: Request, article_id: str) -> HTTPResponse:
        article = articles.get(article_id)
        if article is None:
            return response.html(PAGE.format(title="Not found", body="<h1>No such article</h1>"), status=404)
        return response.html(
            PAGE.format(title=html.escape(article.title), body=f'<article class="kb">{article_html(article)}</article>')
        )

    @app.post("/chat")
    async def chat(request: Request) -> HTTPResponse:
        body = request.json if isinstance(request.json, dict) else None
        if body is None or not isinstance(body.get("sender"), str) or not isinstance(body.get("message"), str):
            return error(400, 'send {"sender": "<id>", "message": "<text>"}')
        if not body["sender"].strip():
            return error(400, "the sender id is empty")
        sender, message = body["sender"][:128], body["message"][:MAX_MESSAGE]
        metadata = {} if body.get("metadata") is None else body["metadata"]
        if not isinstance(metadata, dict):
            return error(400, '"metadata" must be an object')
        if len(str(metadata)) > MAX_METADATA:
            return error(413, "metadata too large")
        try:
            async with app.ctx.rasa.post(
                f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message, "metadata": metadata}
            ) as reply:
                if 400 <= reply.status < 500:  # the channel refused this message; Rasa itself is fine
                    return error(reply.status, "the assistant could not accept that message")
                if reply.status != 200:
                    return error(502, "the assistant is not available right now")
                return response.json(await reply.json())
        except (aiohttp.ClientError, TimeoutError):
            return error(502, "the assistant is not available right now")
