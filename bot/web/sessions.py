"""Staff console sessions: a random id in the cookie, the rest on the server.

The cookie used to hold the staff token itself, forever, and logging out only asked the browser to forget
it. Now logging in with the token opens a session: a random id (never the token) that expires after a
quiet spell and after a fixed lifetime, whichever comes first, and that logging out revokes on the server.
The consultant's name given at login belongs to the session, so claims and resolutions carry it.
The console keeps them in the ticket store (SQLite, or the PostgreSQL database every web server shares), as a
hash of the id; a plain `Sessions()` keeps them in memory.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from dataclasses import dataclass

from bot.store.database import Database, Migration, Transaction

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


MIGRATIONS = (
    Migration(
        1,
        (
            "CREATE TABLE IF NOT EXISTS staff_sessions (id_hash TEXT PRIMARY KEY, name TEXT NOT NULL,"
            " created {float} NOT NULL, seen {float} NOT NULL)",
        ),
    ),
)
TOUCH_EVERY = 15.0
"""Seconds between writes of a session's last-seen time: a page's many requests cost one write, not many."""


def _hash(session_id: str) -> str:
    """What the store keeps instead of the id: a copy of the table opens no session."""
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


class Sessions:
    """In this process's memory, or in a database shared by every web server (`database`), so a console
    behind a load balancer keeps its session whichever server answers."""

    def __init__(self, idle: float | None = None, lifetime: float | None = None, database: Database | None = None) -> None:
        self.idle = idle if idle is not None else _env_seconds("BOT_STAFF_IDLE_SECONDS", 30 * 60)
        self.lifetime = lifetime if lifetime is not None else _env_seconds("BOT_STAFF_SESSION_SECONDS", 12 * 3600)
        self.database = database
        if database is not None:
            database.migrate("sessions", MIGRATIONS)
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, name: str) -> Session:
        now = time.time()
        session = Session(secrets.token_urlsafe(32), name, now, now)
        if self.database is None:
            with self._lock:
                self._forget_expired(now)
                self._sessions[session.id] = session
            return session

        def store(tx: Transaction) -> None:
            tx.execute("delete from staff_sessions where seen < ? or created < ?", [now - self.idle, now - self.lifetime])
            tx.insert("staff_sessions", {"id_hash": _hash(session.id), "name": name, "created": now, "seen": now})

        self.database.write(store)
        return session

    def get(self, session_id: str) -> Session | None:
        """The live session with this id (its idle clock restarts), or None."""
        now = time.time()
        if self.database is not None:
            return self._get_stored(session_id, now)
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            if self._expired(session, now):
                del self._sessions[session_id]
                return None
            session.seen = now
            return session

    def _get_stored(self, session_id: str, now: float) -> Session | None:
        assert self.database is not None
        key = _hash(session_id)
        rows = self.database.read(lambda tx: tx.query("select name, created, seen from staff_sessions where id_hash = ?", [key]))
        if not rows:
            return None
        session = Session(session_id, rows[0]["name"], float(rows[0]["created"]), float(rows[0]["seen"]))
        if self._expired(session, now):
            self.close(session_id)
            return None
        if now - session.seen > TOUCH_EVERY:
            self.database.write(lambda tx: tx.execute("update staff_sessions set seen = ? where id_hash = ?", [now, key]))
        session.seen = now
        return session

    def close(self, session_id: str) -> None:
        if self.database is not None:
            key = _hash(session_id)
            self.database.write(lambda tx: tx.execute("delete from staff_sessions where id_hash = ?", [key]))
            return
        with self._lock:
            self._sessions.pop(session_id, None)

    def _expired(self, session: Session, now: float) -> bool:
        return now - session.seen > self.idle or now - session.created > self.lifetime

    def _forget_expired(self, now: float) -> None:
        for key in [key for key, session in self._sessions.items() if self._expired(session, now)]:
            del self._sessions[key]
