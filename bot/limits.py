"""Abuse limits shared by the three servers: body size, message rates, ticket quotas, login throttling.

Every limit is read from the environment (README, "Abuse"), so a deployment or a test can tune it without a
code change. Counters live in the memory of the process that enforces them: a restart forgets them, which
only ever lets a client through sooner.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any


def _env_int(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, default)))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    max_body: int = 256 * 1024
    """Bytes in one request body on Rasa and the web server (Sanic answers 413 above it)."""
    max_action_body: int = 16 * 1024 * 1024
    """Bytes in one call to the action server. Larger, because Rasa sends the whole conversation with every
    call; only Rasa (with the shared secret) can send it one."""
    message_chars: int = 8000
    """Characters of a chat message that are kept: Rasa stores the text twice per message (the text and its
    parse) and the bot reads only the first 4,000 unless an error message is in them; the rest is cut."""
    messages_per_sender: int = 30
    """Chat messages one conversation may send per minute."""
    messages_per_address: int = 120
    """Chat messages one client address may send per minute, over all its conversations."""
    tickets_per_conversation: int = 3
    """Tickets one conversation may open per hour."""
    tickets_per_address: int = 10
    """Tickets one client address may open per hour."""
    login_failures: int = 5
    """Failed staff logins one address may make per 15 minutes before it must wait."""

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            max_body=_env_int("BOT_MAX_BODY_BYTES", cls.max_body),
            max_action_body=_env_int("BOT_ACTION_MAX_BODY_BYTES", cls.max_action_body),
            message_chars=_env_int("BOT_MAX_MESSAGE_CHARS", cls.message_chars),
            messages_per_sender=_env_int("BOT_RATE_PER_SENDER", cls.messages_per_sender),
            messages_per_address=_env_int("BOT_RATE_PER_ADDRESS", cls.messages_per_address),
            tickets_per_conversation=_env_int("BOT_TICKETS_PER_CONVERSATION", cls.tickets_per_conversation),
            tickets_per_address=_env_int("BOT_TICKETS_PER_ADDRESS", cls.tickets_per_address),
            login_failures=_env_int("BOT_STAFF_LOGIN_FAILURES", cls.login_failures),
        )


MINUTE, HOUR = 60.0, 3600.0
MAX_KEYS = 100_000
"""Keys a limiter remembers; beyond that the quietest are forgotten, so a flood of ids cannot fill memory."""


class RateLimiter:
    """At most `limit` events per key in any sliding `window` seconds (0 = unlimited). Thread-safe."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one event for `key` if it is within the limit; False (and not counted) if it is not."""
        if self.limit <= 0:
            return True
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > MAX_KEYS:
                self._forget_quiet(now)
            return True

    def full(self, key: str, now: float | None = None) -> bool:
        """Whether the next event for `key` would be refused (nothing is counted)."""
        if self.limit <= 0:
            return False
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events.get(key) or deque()
            return sum(1 for at in events if at > now - self.window) >= self.limit

    def _forget_quiet(self, now: float) -> None:
        for key in [k for k, events in self._events.items() if not events or events[-1] <= now - self.window]:
            del self._events[key]
        while len(self._events) > MAX_KEYS:
            del self._events[next(iter(self._events))]


def address_tag(address: str) -> str:
    """A short stable tag for a client address: counted and stored instead of the address itself."""
    return hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()[:16]


CLIENT_KEY = "client_tag"
"""The message metadata key the REST channel fills with the sender's address tag (whatever the client sent)."""
PROXY_HEADER = "X-Bot-Proxy"
CLIENT_HEADER = "X-Bot-Client"
SLOW_DOWN = "too many messages: please slow down and try again in a minute"


def proxy_secret(rasa_token: str) -> str:
    """What the web server's /chat proxy sends Rasa's REST channel to be trusted with the client's address
    (derived from Rasa's API token, which both know; empty when there is no token)."""
    if not rasa_token:
        return ""
    return hmac.new(rasa_token.encode(), b"chat-proxy", hashlib.sha256).hexdigest()


def is_json(content_type: str | None) -> bool:
    """`application/json`, with or without parameters such as charset."""
    return (content_type or "").split(";", 1)[0].strip().lower() == "application/json"


def client_address(request: Any) -> str:
    """The client's address as a Sanic request knows it: the forwarded one when the server is told to trust a
    reverse proxy in front (`SANIC_PROXIES_COUNT` or `SANIC_REAL_IP_HEADER`), otherwise the peer's."""
    return str(getattr(request, "remote_addr", "") or request.ip)
