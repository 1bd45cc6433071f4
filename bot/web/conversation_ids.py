"""Conversation ids for the help page, issued by the server and signed, so a visitor cannot choose one.

The page used to pick its own sender id, so anyone who knew or guessed one (or the time-based fallback
outside a secure context) could read the contact details at the consent step and take over the handoff.
Now /chat uses the id the page sends only when it carries this server's signature; anything else starts a
new conversation with a fresh random id, returned in the `X-Conversation-Id` response header.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "w-"
HEADER = "X-Conversation-Id"
SECRET_FILE, SECRET_ENV = "web_secret", "BOT_WEB_SECRET"  # noqa: S105 - a file and a variable name


def _signature(key: str, random_part: str) -> str:
    return hmac.new(key.encode(), random_part.encode(), hashlib.sha256).hexdigest()[:32]


def issue(key: str) -> str:
    random_part = secrets.token_urlsafe(18)
    return f"{PREFIX}{random_part}.{_signature(key, random_part)}"


def valid(key: str, sender: str) -> bool:
    if not sender.startswith(PREFIX) or "." not in sender or len(sender) > 100:
        return False
    random_part, _, signature = sender[len(PREFIX) :].rpartition(".")
    return bool(random_part) and hmac.compare_digest(signature.encode(), _signature(key, random_part).encode())


def web_secret() -> str:
    """The signing key: `$BOT_WEB_SECRET`, or generated once into var/web_secret (owner-only)."""
    from bot.app.tokens import secret_token

    return secret_token(SECRET_FILE, SECRET_ENV)
