"""Staff console sessions: a random id in the cookie, the rest on the server.

The cookie used to hold the staff token itself, forever, and logging out only asked the browser to forget
it. Now logging in with the token opens a session: a random id (never the token) that expires after a
quiet spell and after a fixed lifetime, whichever comes first, and that logging out revokes on the server.
The consultant's name given at login belongs to the session, so claims and resolutions carry it.
Sessions live in the web server's memory: a restart logs everyone out, which is the safe direction.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from dataclasses import dataclass

COOKIE = "staff_session"
SECURE_COOKIE = "__Host-staff_session"
"""The name over https: browsers accept a `__Host-` cookie only if Secure, with Path=/ and no Domain."""


def _env_seconds(name: str, default: float) -> float:
    try:
        return max(1.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


@dataclass
class Session:
    id: str
    name: str
    created: float
    seen: float


class Sessions:
    def __init__(self, idle: float | None = None, lifetime: float | None = None) -> None:
        self.idle = idle if idle is not None else _env_seconds("BOT_STAFF_IDLE_SECONDS", 30 * 60)
        self.lifetime = lifetime if lifetime is not None else _env_seconds("BOT_STAFF_SESSION_SECONDS", 12 * 3600)
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, name: str) -> Session:
        now = time.monotonic()
        session = Session(secrets.token_urlsafe(32), name, now, now)
        with self._lock:
            self._forget_expired(now)
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> Session | None:
        """The live session with this id (its idle clock restarts), or None."""
        now = time.monotonic()
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            if self._expired(session, now):
                del self._sessions[session_id]
                return None
            session.seen = now
            return session

    def close(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def _expired(self, session: Session, now: float) -> bool:
        return now - session.seen > self.idle or now - session.created > self.lifetime

    def _forget_expired(self, now: float) -> None:
        for key in [key for key, session in self._sessions.items() if self._expired(session, now)]:
            del self._sessions[key]
