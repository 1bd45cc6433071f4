"""The help page, the knowledge articles as pages, and the chat proxy to Rasa (same origin, no CORS).

Abuse limits (bot/limits.py): /chat takes only JSON, counts messages per visitor address and per
conversation (429 "slow down" beyond the limit), uses only conversation ids this server signed
(bot/web/conversation_ids.py), and tells Rasa's channel the visitor's address with a proxy secret. Pages
carry a strict CSP, frame protection and `nosniff`; /static/ serves only the files that are there.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import aiohttp
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.kb.articles import Article
from bot.kb.index import load_articles
from bot.kb.render import article_html
from bot.kb.service import KnowledgeBase
from bot.limits import CLIENT_HEADER, MINUTE, PROXY_HEADER, SLOW_DOWN, Limits, client_address, is_json, proxy_secret, rate_limiter
from bot.paths import kb_index
from bot.web import conversation_ids
from bot.web.api import error

STATIC = Path(__file__).resolve().parent / "static"
MAX_MESSAGE = 100_000
MAX_METADATA = 20_000
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<link rel="stylesheet" href="/static/help.css"></head><body><main>
<p><a href="/">← Back to the assistant</a> · <a href="/kb">All articles</a></p>{body}</main></body></html>"""
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
PAGE_HEADERS = {"Content-Security-Policy": PAGE_CSP, "X-Frame-Options": "DENY"}


def _rasa_token() -> str:
    from bot.paths import var_dir

    path = var_dir() / "rasa_api_token"
    return os.environ.get("RASA_AUTH_TOKEN") or (path.read_text(encoding="utf-8").strip() if path.is_file() else "")


AUDIENCE_GROUPS = (
    ("end-user", "If calls fail on your computer"),
    ("developer", "For developers of the calling app"),
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
    static_files = {path.name: path for path in STATIC.iterdir() if path.is_file()}
    limits = Limits.from_env()
    per_address = rate_limiter(limits.messages_per_address, MINUTE, "chat-address")
    per_sender = rate_limiter(limits.messages_per_sender, MINUTE, "chat-sender")
    signing_key = conversation_ids.web_secret()
    proxy = proxy_secret(_rasa_token())

    @app.middleware("response")
    async def page_headers(request: Request, reply: HTTPResponse) -> None:
        reply.headers.setdefault("X-Content-Type-Options", "nosniff")
        if (reply.content_type or "").startswith("text/html") and "Content-Security-Policy" not in reply.headers:
            reply.headers.update(PAGE_HEADERS)

    @app.get("/static/<name:path>")
    async def static(request: Request, name: str) -> HTTPResponse:
        # Only the files that are in static/ by name: no directories, no traversal, no odd names reaching the disk.
        path = static_files.get(name)
        if path is None:
            return error(404, "not found")
        return await response.file(str(path))

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
        if not is_json(request.headers.get("content-type")):
            return error(415, "send the message as JSON (Content-Type: application/json)")
        body = request.json if isinstance(request.json, dict) else None
        if body is None or not isinstance(body.get("sender"), str) or not isinstance(body.get("message"), str):
            return error(400, 'send {"sender": "<id>", "message": "<text>"}')
        if not body["sender"].strip():
            return error(400, "the sender id is empty")
        sender, message = body["sender"], body["message"][:MAX_MESSAGE]
        if not conversation_ids.valid(signing_key, sender):
            sender = conversation_ids.issue(signing_key)  # a new conversation: the client cannot choose its id
        metadata = {} if body.get("metadata") is None else body["metadata"]
        if not isinstance(metadata, dict):
            return error(400, '"metadata" must be an object')
        if len(str(metadata)) > MAX_METADATA:
            return error(413, "metadata too large")
        address = client_address(request)
        if not per_address.allow(address) or not per_sender.allow(sender):
            return error(429, SLOW_DOWN)
        headers = {PROXY_HEADER: proxy, CLIENT_HEADER: address} if proxy else {}
        try:
            async with app.ctx.rasa.post(
                f"{rasa_url}/webhooks/rest/webhook",
                json={"sender": sender, "message": message, "metadata": metadata},
                headers=headers,
            ) as reply:
                if reply.status == 429:
                    return error(429, SLOW_DOWN)
                if 400 <= reply.status < 500:  # the channel refused this message; Rasa itself is fine
                    return error(reply.status, "the assistant could not accept that message")
                if reply.status != 200:
                    return error(502, "the assistant is not available right now")
                return response.json(await reply.json(), headers={conversation_ids.HEADER: sender})
        except (aiohttp.ClientError, TimeoutError):
            return error(502, "the assistant is not available right now")
