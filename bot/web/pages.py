"""The help page, the knowledge articles as pages, and the chat proxy to Rasa (same origin, no CORS).

Abuse limits (bot/app/limits.py): /chat takes only JSON, counts messages per visitor address and per
conversation (429 "slow down" beyond the limit), uses only conversation ids this server signed
(bot/web/conversation_ids.py), and tells Rasa's channel the visitor's address with a proxy secret. Pages
carry a strict CSP, frame protection and `nosniff`; /static/ serves only the files that are there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.app.http import error
from bot.app.limits import (
    CLIENT_HEADER,
    MINUTE,
    PROXY_HEADER,
    SLOW_DOWN,
    Limits,
    client_address,
    is_json,
    proxy_secret,
    rate_limiter,
)
from bot.app.paths import kb_index
from bot.chat.protocol import MAX_MESSAGE, MAX_METADATA
from bot.kb.articles import Article
from bot.kb.index import load_articles
from bot.kb.render import article_html
from bot.kb.service import KnowledgeBase
from bot.web import conversation_ids
from bot.web.templates import html_page, trusted

STATIC = Path(__file__).resolve().parent / "static"
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
PAGE_HEADERS = {"Content-Security-Policy": PAGE_CSP, "X-Frame-Options": "DENY"}


def _rasa_token() -> str:
    from bot.app.paths import var_dir

    path = var_dir() / "rasa_api_token"
    return os.environ.get("RASA_AUTH_TOKEN") or (path.read_text(encoding="utf-8").strip() if path.is_file() else "")


AUDIENCE_GROUPS = (
    ("end-user", "If calls fail on your computer"),
    ("developer", "For developers of the calling app"),
    ("staff", "For support staff"),
)
MAX_QUERY = 200
LISTED = 0.1
"""Results after the first are listed down to this score (the first must be a good answer)."""


@dataclass(frozen=True)
class AudienceGroup:
    audience: str
    heading: str
    articles: list[Article]


@dataclass(frozen=True)
class Found:
    """One search hit as the /kb page lists it."""

    url: str
    title: str
    heading: str
    snippet: str
    staff: bool


def _article_groups(articles: dict[str, Article]) -> list[AudienceGroup]:
    """Grouped by audience, so end users are not sent to staff procedures; staff ones are labelled."""
    groups = []
    for audience, heading in AUDIENCE_GROUPS:
        group = sorted((a for a in articles.values() if a.audience == audience), key=lambda a: a.title)
        if group:
            groups.append(AudienceGroup(audience, heading, group))
    return groups


def _search_results(kb: KnowledgeBase, articles: dict[str, Article], query: str) -> list[Found]:
    results = kb.search(query, limit=8)
    # The same bar as the chat for the first result (close enough and on topic), then the next ones down to LISTED.
    results = [r for r in results if r.score >= LISTED] if results and KnowledgeBase.is_good(results[0], query) else []
    return [
        Found(r.url, r.title, r.heading, r.snippet, r.article in articles and articles[r.article].audience == "staff")
        for r in results
    ]


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

    @app.before_server_start
    async def open_session(app: Sanic, _loop: object) -> None:
        # One pooled client for the whole server: no new connection setup for every chat message.
        app.ctx.rasa = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    @app.after_server_stop
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
        available = bool(query) and kb.available()
        return html_page(
            "kb_list.html",
            query=query,
            max_query=MAX_QUERY,
            search_available=available,
            results=_search_results(kb, articles, query) if available else [],
            groups=_article_groups(articles),
        )

    @app.get("/kb/<article_id>")
    async def kb_article(request: Request, article_id: str) -> HTTPResponse:
        article = articles.get(article_id)
        if article is None:
            return html_page("kb_missing.html", status=404)
        return html_page("kb_article.html", article=article, body=trusted(article_html(article)))

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
