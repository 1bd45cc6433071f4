"""The staff console: token login, a shared page layout, and the feature pages under /staff/.

Pages under /staff/ need a staff session: logging in with the staff token opens one (bot/web/sessions.py),
whose random id is kept in an HttpOnly, SameSite=Strict cookie (Secure with the `__Host-` prefix over
https); `Authorization: Bearer <token>` works too, for scripts. A page request without either is redirected
to /staff/login, a JSON request under /staff/api/ gets the canonical 401 error. Failed logins are throttled
per address, and a POST whose Origin is another site is refused (403). Each feature lives in its own module (`console_<feature>.py`) with a `register(app, console)` function,
listed in FEATURES; pages are templates that extend `console.html` (bot/web/templates/), rendered with
`Console.page`, which escapes every value.
"""

from __future__ import annotations

import hmac
import importlib
import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.app.http import error
from bot.app.limits import Limits, client_address, rate_limiter
from bot.tickets.store import TicketStore
from bot.web.sessions import COOKIE, SECURE_COOKIE, Session, Sessions
from bot.web.templates import html_page

LOGIN_WINDOW = 15 * 60.0
"""Seconds over which failed logins from one address are counted."""
# Feature modules, in the order of the navigation bar: (module, path, label).
FEATURES = (
    ("console_queue", "/staff/queue", "Queue"),
    ("console_script", "/staff/script", "Script"),
    ("console_diagram", "/staff/diagram", "Diagram"),
    ("console_analytics", "/staff/analytics", "Analytics"),
)
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

    def page(
        self,
        template: str,
        title: str,
        status: int = 200,
        scripts: tuple[str, ...] = (),
        styles: tuple[str, ...] = (),
        **context: Any,
    ) -> HTTPResponse:
        """A console page: `template` extends console.html; `scripts` and `styles` are /static/ URLs it adds."""
        navigation = [(path, label) for _module, path, label in FEATURES]
        return html_page(
            template,
            status=status,
            headers={"Content-Security-Policy": CSP},
            title=title,
            navigation=navigation,
            scripts=scripts,
            styles=styles,
            **context,
        )


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
    return html_page(
        "console_login.html", status=status, headers={"Content-Security-Policy": CSP}, target=_safe_next(target), problem=problem
    )
