"""Abuse limits shared by the three servers: body size, message rates, ticket quotas, login throttling.

Every limit is read from the environment (docs/operations.md, "Abuse"), so a deployment or a test can tune it without a
code change. Counters live in the memory of the process that enforces them: a restart forgets them, which
only ever lets a client through sooner. With several hosts, `BOT_REDIS_URL` moves them to Redis, so a limit
holds across all hosts instead of once per process (docs/operations.md, "Scaling out").
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


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


REDIS_URL_ENV = "BOT_REDIS_URL"
REDIS_PREFIX = "mic31201:limit:"
# KEYS[1] the key's sorted set of event times; ARGV: limit, window (ms), 1 to count the event, a unique member.
# Redis's own clock, so hosts with drifting clocks count the same window.
SLIDING_WINDOW = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
"""


class SharedRateLimiter:
    """RateLimiter's sliding window in Redis, shared by every process and host that uses the same `name`.

    If Redis cannot be reached the event is allowed (and logged): an outage of the limiter must not stop
    the chat; the per-conversation ticket quota, kept in the ticket store, still holds."""

    def __init__(self, limit: int, window: float, name: str, url: str) -> None:
        import redis

        self.limit, self.window, self.name = limit, window, name
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._script = self._redis.register_script(SLIDING_WINDOW)

    def _run(self, key: str, count: bool) -> bool:
        import redis

        if self.limit <= 0:
            return True
        args = [self.limit, int(self.window * 1000), "1" if count else "0", secrets.token_hex(8)]
        try:
            return bool(self._script(keys=[f"{REDIS_PREFIX}{self.name}:{key}"], args=args))
        except redis.exceptions.RedisError as problem:
            logger.warning("rate limit %s not checked, Redis failed: %s", self.name, problem)
            return True

    def allow(self, key: str) -> bool:
        """Count one event for `key` if it is within the limit; False (and not counted) if it is not."""
        return self._run(key, count=True)

    def full(self, key: str) -> bool:
        """Whether the next event for `key` would be refused (nothing is counted)."""
        return not self._run(key, count=False)


def rate_limiter(limit: int, window: float, name: str) -> RateLimiter | SharedRateLimiter:
    """Counted in Redis under `name` when BOT_REDIS_URL is set (several hosts), else in this process."""
    url = os.environ.get(REDIS_URL_ENV, "").strip()
    return SharedRateLimiter(limit, window, name, url) if url else RateLimiter(limit, window)


def address_tag(address: str) -> str:
    """A short stable tag for a client address: counted and stored instead of the address itself."""
    return hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()[:16]


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
