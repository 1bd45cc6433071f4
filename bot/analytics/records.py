"""Reading the stored record: Rasa's SQL tracker store (table `events`) and the handoff ticket store.

Both are opened read-only, and each query is its own short read (autocommit), one conversation at a time,
so a report never holds a lock that a busy Rasa or action server would wait on.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.chat.protocol import CHOICE_ENTITY, MIC_CHECK_KEY, STATE_SLOT

BUSY_TIMEOUT = 5.0


class AnalyticsError(RuntimeError):
    """A database that is missing or cannot be read; the message says which and why."""


@dataclass
class UserMessage:
    at: float
    text: str
    intent: str | None
    choice: str | None
    """The button value (`/inform{"choice": ...}`), if the message was a button press."""
    mic_check: bool
    """The message carried the help page's microphone check report."""


@dataclass
class BotMessage:
    at: float
    text: str
    custom: dict[str, Any] | None


@dataclass
class StateChange:
    """The `flow_state` slot as the action set it after a turn (the engine's State as plain data)."""

    at: float
    state: dict[str, Any]


Event = UserMessage | BotMessage | StateChange


@dataclass
class ConversationLog:
    """Everything stored for one sender id, oldest first."""

    sender: str
    events: list[Event] = field(default_factory=list)

    @property
    def started_at(self) -> float:
        return self.events[0].at if self.events else 0.0

    @property
    def last_at(self) -> float:
        return self.events[-1].at if self.events else 0.0

    @property
    def user_messages(self) -> list[UserMessage]:
        return [e for e in self.events if isinstance(e, UserMessage)]


@dataclass
class TicketRecord:
    reference: str
    conversation_id: str
    trigger: str
    status: str
    created_at: str


@contextmanager
def read_only(path: Path, what: str) -> Iterator[sqlite3.Connection]:
    """A read-only connection in autocommit mode: no write lock, and each query's read lock ends with it."""
    if not path.is_file():
        raise AnalyticsError(f"no {what} at {path}")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as problem:
        raise AnalyticsError(f"cannot open the {what} {path}: {problem}") from problem
    try:
        yield connection
    except sqlite3.Error as problem:
        raise AnalyticsError(f"cannot read the {what} {path}: {problem}") from problem
    finally:
        connection.close()


SENDERS = "SELECT sender_id, MIN(timestamp) AS first FROM events GROUP BY sender_id ORDER BY first, sender_id"
SENDER_EVENTS = """SELECT type_name, timestamp, data FROM events WHERE sender_id = ?
                   AND (type_name IN ('user', 'bot') OR (type_name = 'slot' AND action_name = ?)) ORDER BY id"""


def _logs(fetch: Callable[[str, Sequence[Any]], list[tuple]], since: float | None) -> list[ConversationLog]:
    logs = []
    for sender, first in fetch(SENDERS, ()):
        if since is not None and (first or 0.0) < since:
            continue
        rows = fetch(SENDER_EVENTS, (sender, STATE_SLOT))
        log = ConversationLog(sender, [event for row in rows if (event := _event(*row)) is not None])
        if log.events:
            logs.append(log)
    return logs


def read_conversations(tracker_db: Path, since: float | None = None) -> list[ConversationLog]:
    """Every sender whose first event is at or after `since` (unix time), with its messages and state changes.

    From Rasa's SQLite tracker file, or from its PostgreSQL tracker store when BOT_TRACKER_URL names it (several
    nodes: docs/operations.md "Scaling out")."""
    url = os.environ.get(TRACKER_URL_ENV, "").strip()
    if url:
        return _read_shared_tracker(url, since)
    with read_only(tracker_db, "tracker database") as db:
        return _logs(lambda sql, params: db.execute(sql, params).fetchall(), since)


def _read_shared_tracker(url: str, since: float | None) -> list[ConversationLog]:
    from bot.store.database import PostgresDatabase

    database = PostgresDatabase(url, schema=TRACKER_SCHEMA, pool_size=1)
    try:
        return database.read(lambda tx: _logs(lambda sql, params: [tuple(r.values()) for r in tx.query(sql, params)], since))
    except sqlite3.Error as problem:
        raise AnalyticsError(f"cannot read the tracker store {database.describe()}: {problem}") from problem
    finally:
        database.close()


TRACKER_URL_ENV = "BOT_TRACKER_URL"
TRACKER_SCHEMA = "public"
"""Where Rasa's SQL tracker store creates its `events` table in PostgreSQL."""
TICKET_COLUMNS = "SELECT reference, conversation_id, trigger, status, created_at FROM tickets ORDER BY created_at"
PHONE_COLUMNS = "SELECT outcome, cause, recorded_at FROM phone_outcomes"


def _shared_rows(sql: str) -> list[tuple]:
    """Rows from the shared PostgreSQL store (BOT_DATABASE_URL), which every node writes."""
    from bot.store.database import open_database

    try:
        rows = open_database(Path("unused")).read(lambda tx: tx.query(sql))
    except sqlite3.Error as problem:
        raise AnalyticsError(f"cannot read the ticket database: {problem}") from problem
    return [tuple(row.values()) for row in rows]


def _ticket_rows(tickets_db: Path | None, sql: str, table: str) -> list[tuple]:
    """The rows of `sql` from the ticket store: the shared database when configured, else the file
    read-only (no file or no table yet means no rows)."""
    from bot.store.database import database_url

    if database_url():
        return _shared_rows(sql)
    if tickets_db is None or not tickets_db.is_file():
        return []
    with read_only(tickets_db, "ticket database") as db:
        known = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return db.execute(sql).fetchall() if table in known else []


def read_tickets(tickets_db: Path | None) -> dict[str, list[TicketRecord]]:
    """Tickets by conversation id; no ticket database yet means no tickets."""
    found: dict[str, list[TicketRecord]] = {}
    for row in _ticket_rows(tickets_db, TICKET_COLUMNS, "tickets"):
        ticket = TicketRecord(*(str(value or "") for value in row))
        found.setdefault(ticket.conversation_id, []).append(ticket)
    return found


def read_phone_outcomes(tickets_db: Path | None, since: float | None = None) -> list[tuple[str, str]]:
    """(outcome, cause) of each phone case recorded on the Script page (bot/staff/phone_outcomes.py)."""
    rows = _ticket_rows(tickets_db, PHONE_COLUMNS, "phone_outcomes")
    return [
        (str(outcome), str(cause or "none"))
        for outcome, cause, at in rows
        if since is None or datetime.fromisoformat(str(at)).timestamp() >= since
    ]


def _mapping(value: object) -> dict[str, Any]:
    """A stored event's part that should be an object; {} when it is not."""
    return value if isinstance(value, dict) else {}


def _event(type_name: str, timestamp: float | None, data: str | None) -> Event | None:
    """One stored row as a typed event; rows that do not parse are skipped (never crash a report)."""
    try:
        body = json.loads(data or "{}")
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    at = float(timestamp if timestamp is not None else body.get("timestamp") or 0.0)
    if type_name == "user":
        parse = _mapping(body.get("parse_data"))
        intent = _mapping(parse.get("intent"))
        entities = found if isinstance(found := parse.get("entities"), list) else []
        choice = next((str(e.get("value")) for e in entities if isinstance(e, dict) and e.get("entity") == CHOICE_ENTITY), None)
        metadata = _mapping(body.get("metadata"))
        name = intent.get("name")
        return UserMessage(at, str(body.get("text") or ""), str(name) if name else None, choice, MIC_CHECK_KEY in metadata)
    if type_name == "bot":
        extra = _mapping(body.get("data"))
        custom = extra.get("custom") if isinstance(extra.get("custom"), dict) else None
        return BotMessage(at, str(body.get("text") or ""), custom)
    value = body.get("value")
    return StateChange(at, value) if isinstance(value, dict) else StateChange(at, {})
