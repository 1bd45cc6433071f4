"""The staff console: token login, a shared page layout, and the feature pages under /staff/.

Pages under /staff/ need a staff session: logging in with the staff token opens one (bot/web/sessions.py),
whose random id is kept in an HttpOnly, SameSite=Strict cookie (Secure with the `__Host-` prefix over
https); `Authorization: Bearer <token>` works too, for scripts. A page request without either is redirected
to /staff/login, a JSON request under /staff/api/ gets the canonical 401 error. Failed logins are throttled
per address, and a POST whose Origin is another site is refused (403). Each feature lives in its own module (`console_<feature>.py`) with a `register(app, console)` function,
listed in FEATURES; pages are built with `Console.page`, which escapes nothing itself: callers pass HTML they
built with `html.escape` around everything that came from users or tickets.
"""

from __future__ import annotations

import hmac
import html
import importlib
import os
from dataclasses import dataclass, field
from urllib.parse import quote

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.handoff.tickets import TicketStore
from bot.limits import Limits, client_address, rate_limiter
from bot.web.api import error
from bot.web.sessions import COOKIE, SECURE_COOKIE, Session, Sessions

LOGIN_WINDOW = 15 * 60.0
"""Seconds over which failed logins from one address are counted."""
# Feature modules, in the order of the navigation bar: (module, path, label).
FEATURES = (
    ("console_queue", "/staff/queue", "Queue"),
    ("console_script", "/staff/script", "Script"),
    ("console_diagram", "/staff/diagram", "Diagram"),
    ("console_analytics", "/staff/analytics", "Analytics"),
)
LAYOUT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} · Staff console</title>
<link rel="stylesheet" href="/static/help.css"><link rel="stylesheet" href="/static/console.css">{head}</head>
<body class="console"><header class="console-head"><strong>Mic helper · staff</strong><nav>{nav}</nav>
<form method="post" action="/staff/logout"><button class="secondary" type="submit">Log out</button></form></header>
<main class="console-main"><h1>{title}</h1>{body}</main>{scripts}</body></html>"""
# No inline script anywhere in the console: whatever slipped into a page could not run.
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"


@dataclass
class Console:
    """What feature modules get: the token check, the ticket store and the page builder."""

    token: str
    store: TicketStore
    rasa_url: str = "http://127.0.0.1:5005"
    """Where Rasa listens (its HTTP API tells the diagram page where a conversation is)."""
    sessions: Sessions = field(default_factory=Sessions)

    def session(self, request: Request) -> Session | None:
        given = request.cookies.get(SECURE_COOKIE) or request.cookies.get(COOKIE) or ""
        return self.sessions.get(given) if given else None

    def authorised(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer "):
            return hmac.compare_digest(header[7:].encode(), self.token.encode())
        return self.session(request) is not None

    def staff_name(self, request: Request) -> str:
        """The name the consultant logged in with ("" if none was given)."""
        session = self.session(request)
        return session.name if session else ""

    def page(self, title: str, body: str, scripts: tuple[str, ...] = (), head: str = "", status: int = 200) -> HTTPResponse:
        nav = "".join(f'<a href="{path}">{label}</a>' for _module, path, label in FEATURES)
        tags = "".join(f'<script src="{html.escape(src)}" defer></script>' for src in scripts)
        text = LAYOUT.format(title=html.escape(title), nav=nav, body=body, scripts=tags, head=head)
        return response.html(text, status=status, headers={"Content-Security-Policy": CSP})


def scroll_box(table: str, label: str) -> str:
    """A wide table in its own sideways-scrolling box (reachable by keyboard), so a phone page never scrolls sideways."""
    return f'<div class="table-scroll" role="region" aria-label="{html.escape(label)}" tabindex="0">{table}</div>'


def register_console(app: Sanic, store: TicketStore, token: str, rasa_url: str = "http://127.0.0.1:5005") -> Console:
    console = Console(token=token, store=store, rasa_url=rasa_url, sessions=Sessions(database=store.database))
    failures = rate_limiter(Limits.from_env().login_failures, LOGIN_WINDOW, "staff-login")
    secure_cookie = os.environ.get("BOT_STAFF_SECURE_COOKIE", "") == "1"
    """Set when a TLS proxy in front serves the console over https (this server then sees plain http)."""

    @app.middleware("request")
    async def require_staff(request: Request) -> HTTPResponse | None:
        path = request.path
        if request.method == "POST" and path.startswith(("/staff", "/chat")) and not _same_origin(request):
            return error(403, "this request came from another site")
        if not path.startswith("/staff") or path in ("/staff/login", "/staff/logout") or console.authorised(request):
            return None
        if path.startswith("/staff/api/"):
            return error(401, "a valid staff token is required")
        return response.redirect(f"/staff/login?next={quote(path)}")

    @app.get("/staff")
    async def home(request: Request) -> HTTPResponse:
        return response.redirect("/staff/queue")

    @app.get("/staff/login")
    async def login_form(request: Request) -> HTTPResponse:
        return _login_page(request.args.get("next", "/staff/queue"))

    @app.post("/staff/login")
    async def login(request: Request) -> HTTPResponse:
        given = (request.form.get("token") or "").strip()
        target = _safe_next(request.form.get("next"))
        if failures.full(client_address(request)):
            return _login_page(target, problem="Too many failed attempts. Wait 15 minutes, then try again.", status=429)
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            failures.allow(client_address(request))
            return _login_page(target, problem="That token is not valid.", status=401)
        who = " ".join((request.form.get("name") or "").split())[:80]
        if not who:  # claims and resolutions carry the session's name, so a session needs one
            return _login_page(target, problem="Give your name: claims and resolutions carry it.", status=400)
        session = console.sessions.open(who)
        secure = secure_cookie or request.scheme == "https"
        name = SECURE_COOKIE if secure else COOKIE
        reply = response.redirect(target)
        reply.cookies[name] = session.id
        reply.cookies[name]["httponly"] = True
        reply.cookies[name]["samesite"] = "Strict"
        reply.cookies[name]["path"] = "/"
        reply.cookies[name]["max-age"] = int(console.sessions.lifetime)
        if secure:
            reply.cookies[name]["secure"] = True
        return reply

    @app.post("/staff/logout")
    async def logout(request: Request) -> HTTPResponse:
        for name in (SECURE_COOKIE, COOKIE):
            if request.cookies.get(name):
                console.sessions.close(request.cookies[name])
        reply = response.redirect("/staff/login")
        for name in (SECURE_COOKIE, COOKIE):
            reply.cookies[name] = ""
            reply.cookies[name]["max-age"] = 0
            reply.cookies[name]["path"] = "/"
        return reply

    for module, _path, _label in FEATURES:
        importlib.import_module(f"bot.web.{module}").register(app, console)
    return console


def _same_origin(request: Request) -> bool:
    """No Origin (not a browser, or an old one) or this server's own: a page elsewhere cannot post here."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin in (f"http://{request.host}", f"https://{request.host}")


def _safe_next(target: str | None) -> str:
    """Only local console paths: a login link must not send staff to another site."""
    if target and target.startswith("/staff") and not target.startswith("//"):
        return target
    return "/staff/queue"


def _login_page(target: str, problem: str = "", status: int = 200) -> HTTPResponse:
    notice = f'<p class="problem" role="alert">{html.escape(problem)}</p>' if problem else ""
    body = f"""<main class="console-main login"><h1>Staff console</h1>{notice}
<form method="post" action="/staff/login" class="login-form">
<label for="token">Staff token</label><input id="token" name="token" type="password" autocomplete="current-password" required>
<label for="name">Your name (claims and resolutions carry it)</label><input id="name" name="name" maxlength="80" autocomplete="name" required>
<input type="hidden" name="next" value="{html.escape(_safe_next(target))}"><button type="submit">Log in</button></form>
<p class="hint">The token is in <code>var/staff_api_token</code> on the server, or in <code>$BOT_STAFF_TOKEN</code>.</p></main>"""
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in · Staff console</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/help.css"><link rel="stylesheet" href="/static/console.css"></head>
<body class="console">{body}</body></html>"""
    return response.html(page, status=status, headers={"Content-Security-Policy": CSP})
