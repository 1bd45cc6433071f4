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
from bot.kb.service import KnowledgeBase
from bot.paths import kb_index
from bot.web.api import error

STATIC = Path(__file__).resolve().parent / "static"
MAX_MESSAGE = 100_000
MAX_METADATA = 20_000
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<link rel="stylesheet" href="/static/help.css"></head><body><main>
<p><a href="/">← Back to the assistant</a> · <a href="/kb">All articles</a></p>{body}</main></body></html>"""


AUDIENCE_GROUPS = (
    ("end-user", "For everyone"),
    ("developer", "For developers"),
    ("staff", "For support staff"),
)
STAFF_LABEL = '<span class="label staff">Staff only</span>'
STAFF_NOTE = "<p class=\"label staff\">Staff only: a procedure for our support team. If you need help, use the assistant.</p>"
MAX_QUERY = 200
LISTED = 0.1
"""Results after the first are listed down to this score (the first must be a good answer)."""


def _search_form(query: str) -> str:
    return (
        '<form role="search" action="/kb" method="get"><label for="q">Search the help articles</label> '
        f'<input id="q" name="q" type="search" maxlength="{MAX_QUERY}" value="{html.escape(query)}"> '
        "<button type=\"submit\">Search</button></form>"
    )


def _article_list(articles: dict[str, Article]) -> str:
    """Grouped by audience, so end users are not sent to staff procedures; staff ones are labelled."""
    parts = []
    for audience, heading in AUDIENCE_GROUPS:
        group = sorted((a for a in articles.values() if a.audience == audience), key=lambda a: a.title)
        if group:
            label = f" {STAFF_LABEL}" if audience == "staff" else ""
            items = "".join(f'<li><a href="/kb/{html.escape(a.id)}">{html.escape(a.title)}</a>{label}</li>' for a in group)
            parts.append(f'<h2 id="{audience}">{heading}</h2><ul>{items}</ul>')
    return "".join(parts)


def _search_results(kb: KnowledgeBase, articles: dict[str, Article], query: str) -> str:
    if not kb.available():
        return "<p>Search is not available right now; the list below has every article.</p>"
    results = kb.search(query, limit=8)
    # The same bar as the chat for the first result (close enough and on topic), then the next ones down to LISTED.
    results = [r for r in results if r.score >= LISTED] if results and KnowledgeBase.is_good(results[0], query) else []
    if not results:
        return f"<p>No article matches “{html.escape(query)}”. Try other words, or ask the assistant.</p>"
    items = []
    for r in results:
        staff = articles.get(r.article) is not None and articles[r.article].audience == "staff"
        items.append(
            f'<li><a href="{html.escape(r.url)}">{html.escape(r.title)} › {html.escape(r.heading)}</a>'
            f"{' ' + STAFF_LABEL if staff else ''}<br><small>{html.escape(r.snippet)}</small></li>"
        )
    return f"<h2>Results for “{html.escape(query)}”</h2><ol class=\"results\">{''.join(items)}</ol>"


def register_pages(app: Sanic, rasa_url: str, knowledge: Path, index: Path | None = None) -> None:
    articles: dict[str, Article] = load_articles(knowledge)[0] if knowledge.is_dir() else {}
    kb = KnowledgeBase(index or kb_index())
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
    async def kb_list(request: Request) -> HTTPResponse:
        query = " ".join(str(request.args.get("q", "")).split())[:MAX_QUERY]
        found = _search_results(kb, articles, query) if query else ""
        body = f"<h1>Help articles</h1>{_search_form(query)}{found}{_article_list(articles)}"
        return response.html(PAGE.format(title="Help articles", body=body))

    @app.get("/kb/<article_id>")
    async def kb_article(request: Request, article_id: str) -> HTTPResponse:
        article = articles.get(article_id)
        if article is None:
            return response.html(PAGE.format(title="Not found", body="<h1>No such article</h1>"), status=404)
        note = STAFF_NOTE if article.audience == "staff" else ""
        return response.html(
            PAGE.format(title=html.escape(article.title), body=f'{note}<article class="kb">{article_html(article)}</article>')
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
