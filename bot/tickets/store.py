"""Escalation tickets: what the chat hands over, stored durably with an audit trail and a webhook outbox.

One SQLite file (WAL, synchronous=FULL), or the shared PostgreSQL database when BOT_DATABASE_URL is set
(bot/store/database.py): the same tables and the same behaviour on both. Every call runs its own transaction, so a
store is safe to share between threads, processes and, on PostgreSQL, hosts.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import secrets
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.store.database import Database, Migration, SQLiteDatabase, Transaction, open_database
from bot.store.retry import BUSY_TIMEOUT
from bot.store.retry import retry_locked as _retry_locked

TRIGGERS = ("user_request", "exhausted", "specialist", "misunderstood", "kb_unhelpful", "staff")
"""Why a case was escalated; "staff" is a support agent escalating from the script mode (bot/staff/script.py)."""
STATUSES = ("open", "claimed", "resolved")
EXPORT_FORMATS = ("md", "json")
logger = logging.getLogger(__name__)
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""No 0/O or 1/I: references are read aloud and typed by hand."""
REFERENCE = re.compile(rf"MIC-[{REFERENCE_ALPHABET}]{{6}}")
CREATED_EVENT = "ticket.created"
REFERENCE_RETRIES = 10
JSON_COLUMNS = ("apps", "facts", "steps_tried", "diagnostics", "kb_articles", "transcript", "likely_causes")

TICKETS = {
    "reference": str,
    "created_at": str,
    "updated_at": str,
    "status": str,
    "conversation_id": str,
    "trigger": str,
    "reason": str,
    "summary": str,
    "contact_email": str,
    "contact_name": str,
    "browser": str,
    "os": str,
    "device": str,
    "apps": str,
    "error_code": str,
    "error_name": str,
    "error_detail": str,
    "sdk": str,
    "audience": str,
    "facts": str,
    "error_text": str,
    "steps_tried": str,
    "diagnostics": str,
    "kb_articles": str,
    "transcript": str,
    "claimed_by": str,
    "claimed_at": str,
    "resolved_by": str,
    "resolved_at": str,
    "resolution_note": str,
    "likely_causes": str,
}
MIGRATIONS = (
    Migration(
        1,
        (
            "CREATE TABLE IF NOT EXISTS tickets ("
            + ", ".join(f"{name} TEXT" + (" PRIMARY KEY" if name == "reference" else "") for name in TICKETS)
            + ")",
            "CREATE INDEX IF NOT EXISTS idx_tickets_status_created_at ON tickets (status, created_at)",
            "CREATE INDEX IF NOT EXISTS idx_tickets_conversation_id ON tickets (conversation_id)",
            "CREATE TABLE IF NOT EXISTS events (id {id}, reference TEXT, at TEXT, kind TEXT, who TEXT, note TEXT)",
            "CREATE INDEX IF NOT EXISTS idx_events_reference ON events (reference)",
            "CREATE TABLE IF NOT EXISTS outbox (id {id}, reference TEXT NOT NULL, payload TEXT NOT NULL,"
            " idempotency_key TEXT NOT NULL, attempts INTEGER, next_attempt_at {float}, delivered_at {float}, last_error TEXT)",
            "CREATE UNIQUE INDEX IF NOT EXISTS idx_outbox_idempotency_key ON outbox (idempotency_key)",
            "CREATE INDEX IF NOT EXISTS idx_outbox_delivered_at_next_attempt_at ON outbox (delivered_at, next_attempt_at)",
            "CREATE TABLE IF NOT EXISTS phone_outcomes (case_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, flow TEXT,"
            " cause TEXT, ticket TEXT, recorded_at TEXT NOT NULL)",
        ),
    ),
)
"""The ticket database's schema (bot/store/database.py applies what is missing and records the version)."""


class TicketError(ValueError):
    """An unknown reference, an invalid status change or an unusable draft; the message says which."""


class TicketNotFound(TicketError):
    """No ticket has this reference, or the text cannot be a reference at all (HTTP 404)."""


class TicketConflict(TicketError):
    """The ticket's status does not allow the change: already claimed, or already resolved (HTTP 409)."""


@dataclass
class TicketDraft:
    """Everything the chat knows when it escalates, before the ticket exists."""

    conversation_id: str
    trigger: str
    """One of TRIGGERS."""
    reason: str
    facts: dict[str, str] = field(default_factory=dict)
    """browser, os, device, app, error_code, error_name, error_detail, sdk, audience, ..."""
    error_text: str | None = None
    steps_tried: list[dict] = field(default_factory=list)
    """Each {flow, step, cause, fix, outcome}."""
    diagnostics: dict | None = None
    kb_articles: list[str] = field(default_factory=list)
    transcript: list[dict] = field(default_factory=list)
    """Each {"at": unix time, "who": "user" | "bot", "text": str}."""
    contact_email: str = ""
    contact_name: str | None = None
    likely_causes: list[dict] = field(default_factory=list)
    """The cause model's ranking when the case was filed: each {cause, title, probability}."""

    def __post_init__(self) -> None:
        if self.trigger not in TRIGGERS:
            raise TicketError(f"unknown escalation trigger {self.trigger!r}: expected one of {', '.join(TRIGGERS)}")
        if not self.conversation_id:
            raise TicketError("a ticket needs the conversation id it was created in")
        if "@" not in (self.contact_email or ""):
            raise TicketError(f"a ticket needs a contact email address, got {self.contact_email!r}")


@dataclass
class Ticket:
    """A stored escalation: the draft, its facts split out for listing, a summary and where it stands."""

    reference: str
    created_at: str
    updated_at: str
    status: str
    conversation_id: str
    trigger: str
    reason: str
    summary: str
    contact_email: str
    contact_name: str | None
    browser: str | None
    os: str | None
    device: str | None
    apps: list[str]
    error_code: str | None
    error_name: str | None
    error_detail: str | None
    sdk: str | None
    audience: str | None
    facts: dict[str, str]
    error_text: str | None
    steps_tried: list[dict]
    diagnostics: dict | None
    kb_articles: list[str]
    transcript: list[dict]
    claimed_by: str | None = None
    claimed_at: str | None = None
    resolved_by: str | None = None
    resolved_at: str | None = None
    resolution_note: str | None = None
    likely_causes: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Delivery:
    """An outbox row leased for sending: the exact body and its idempotency key."""

    id: int
    reference: str
    payload: str
    idempotency_key: str
    attempts: int


def new_reference() -> str:
    """An unguessable reference such as MIC-7KQ2ZD (about 10^9 possibilities)."""
    return "MIC-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def normalise_reference(ref: str) -> str:
    """What people type ("mic-7kq2zd ") to the stored form, or TicketError if it cannot be a reference."""
    cleaned = ref.strip().upper()
    if not REFERENCE.fullmatch(cleaned):
        raise TicketNotFound(f"{ref!r} is not a ticket reference (they look like MIC-7KQ2ZD)")
    return cleaned


def _apps(value: str | None) -> list[str]:
    """The `app` fact as a list ("teams, zoom" -> ["teams", "zoom"]); "none" means no other app."""
    return [app for app in re.split(r"[,\s]+", value or "") if app and app != "none"]


class TicketStore:
    """Tickets, their events, the webhook outbox and phone outcomes: one SQLite file, or PostgreSQL when
    BOT_DATABASE_URL is set (bot/store/database.py). `path` is the SQLite file, unused with PostgreSQL."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT, database: Database | None = None) -> None:
        self.path = Path(path)
        self.database = database or open_database(self.path)
        if isinstance(self.database, SQLiteDatabase):
            self.database.busy_timeout = busy_timeout
            _retry_locked(self._upgrade_unversioned_file)
        self.database.migrate("tickets", MIGRATIONS)

    def _upgrade_unversioned_file(self) -> None:
        """A file made before schema versions existed may lack columns added since: add them first."""
        assert isinstance(self.database, SQLiteDatabase)
        with self.database.connect() as db:
            if "tickets" in db.table_names():
                _add_missing_columns(db)

    # Creating

    def create(self, draft: TicketDraft, summary: str = "") -> Ticket:
        """Store the ticket and its webhook outbox row in one transaction; committed when this returns.

        The caller writes the summary (`bot.tickets.summary.summarise`, with the vocabulary of the flows it runs).

        Raises sqlite3.Error (PostgreSQL's errors are raised as its subclasses) when the database cannot be
        written; nothing is stored then.
        """
        for _ in range(REFERENCE_RETRIES):
            now = utc_now()
            ticket = _ticket_from_draft(draft, new_reference(), now, summary)
            try:
                return self.database.write(functools.partial(_insert, ticket))
            except sqlite3.IntegrityError as error:
                if (
                    "reference" not in str(error).lower()
                    and "idempotency_key" not in str(error).lower()
                    and "pkey" not in str(error)
                ):
                    raise
        raise TicketError(f"no free ticket reference after {REFERENCE_RETRIES} tries")

    # Reading

    def get(self, ref: str) -> Ticket:
        reference = normalise_reference(ref)
        rows = self.database.read(lambda tx: tx.query("select * from tickets where reference = ?", [reference]))
        if not rows:
            raise TicketNotFound(f"no ticket {reference}")
        return _from_row(rows[0])

    def for_conversation(self, ref: str, conversation_id: str) -> Ticket | None:
        """The ticket only if it was created in this conversation: users learn about their own tickets only."""
        try:
            ticket = self.get(ref)
        except TicketError:
            return None
        return ticket if conversation_id and ticket.conversation_id == conversation_id else None

    def count_for_conversation(self, conversation_id: str, since: str) -> int:
        """Tickets this conversation opened at or after `since` (an ISO time, like created_at)."""
        query = "select count(*) from tickets where conversation_id = ? and created_at >= ?"
        return int(self.database.read(lambda tx: tx.value(query, [conversation_id, since])))

    def latest_for_conversation(self, conversation_id: str) -> Ticket | None:
        """The newest ticket created in this conversation, if any."""
        query = "select reference from tickets where conversation_id = ? order by created_at desc limit 1"
        reference = self.database.read(lambda tx: tx.value(query, [conversation_id]))
        return self.get(reference) if reference else None

    def count(self, status: str | None = None) -> int:
        where, params = _status_filter(status)
        return int(self.database.read(lambda tx: tx.value(f"select count(*) from tickets {where}", params)))  # noqa: S608

    def events(self, ref: str) -> list[dict]:
        """The audit trail (created, claimed, resolved), oldest first."""
        reference = self.get(ref).reference
        query = "select at, kind, who, note from events where reference = ? order by at, id"
        return self.database.read(lambda tx: tx.query(query, [reference]))

    def export(self, ref: str, fmt: str) -> str:
        """The ticket with its history as markdown ("md") or JSON ("json") text."""
        fmt = "md" if fmt == "markdown" else fmt
        if fmt not in EXPORT_FORMATS:
            raise TicketError(f"unknown export format {fmt!r}: use md or json")
        ticket = self.get(ref)
        history = self.events(ticket.reference)
        if fmt == "json":
            return json.dumps({**ticket.as_dict(), "events": history}, indent=2, ensure_ascii=False, default=str)
        return to_markdown(ticket, history)

    # Handling

    def claim(self, ref: str, by: str) -> Ticket:
        """open -> claimed by `by`."""
        if not by or not by.strip():
            raise TicketError("say who claims the ticket")
        return self._change(ref, "claimed", by.strip(), None)

    def resolve(self, ref: str, note: str, by: str | None = None) -> Ticket:
        """open or claimed -> resolved, with a note on what fixed it (by defaults to whoever claimed it)."""
        if not note or not note.strip():
            raise TicketError("a resolution needs a note saying what was done")
        return self._change(ref, "resolved", by.strip() if by else None, note.strip())

    def _change(self, ref: str, status: str, by: str | None, note: str | None) -> Ticket:
        reference = normalise_reference(ref)

        def change(tx: Transaction) -> None:
            rows = tx.query(
                "select status, claimed_by, resolved_by, resolved_at from tickets where reference = ?" + tx.for_update,  # noqa: S608
                [reference],
            )
            if not rows:
                raise TicketNotFound(f"no ticket {reference}")
            current = rows[0]
            _check_transition(reference, current, status)
            now = utc_now()
            if status == "claimed":
                update = {"status": status, "claimed_by": by, "claimed_at": now, "updated_at": now}
                who = by
            else:
                who = by or current["claimed_by"]
                update = {"status": status, "resolved_by": who, "resolved_at": now, "resolution_note": note, "updated_at": now}
            assignments = ", ".join(f"{column} = ?" for column in update)
            tx.execute(f"update tickets set {assignments} where reference = ?", [*update.values(), reference])  # noqa: S608
            tx.insert("events", {"reference": reference, "at": now, "kind": status, "who": who, "note": note})

        self.database.write(change)
        return self.get(reference)

    # The outbox (used by bot.tickets.notify)

    def lease_due(self, now: float, lease: float, limit: int = 20) -> list[Delivery]:
        """Undelivered rows due by `now`, hidden from other workers (on any host) for `lease` seconds while
        being sent. A worker that dies mid-send leaves its rows to be leased again when the lease runs out."""

        def lease_rows(tx: Transaction) -> list[Delivery]:
            due = "select id, reference, payload, idempotency_key, attempts from outbox"
            due += " where delivered_at is null and next_attempt_at <= ? order by id limit ?" + tx.skip_locked
            rows = tx.query(due, [now, limit])
            for row in rows:
                tx.execute("update outbox set next_attempt_at = ? where id = ?", [now + lease, row["id"]])
            return [Delivery(**row) for row in rows]

        return self.database.write(lease_rows)

    def mark_delivered(self, delivery_id: int, at: float) -> None:
        self._update_outbox("update outbox set delivered_at = ?, last_error = null where id = ?", [at, delivery_id])

    def mark_failed(self, delivery_id: int, error: str, retry_at: float) -> None:
        """Count a failed attempt and schedule the next one."""
        self._update_outbox(
            "update outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?",
            [retry_at, error[:500], delivery_id],
        )

    def _update_outbox(self, sql: str, params: list) -> None:
        self.database.write(lambda tx: tx.execute(sql, params))

    def deliveries(self, ref: str | None = None) -> list[dict]:
        """Outbox rows (all, or one ticket's), oldest first: for inspection and tests."""
        where, params = ("where reference = ?", [normalise_reference(ref)]) if ref else ("", [])
        return self.database.read(lambda tx: tx.query(f"select * from outbox {where} order by id", params))  # noqa: S608

    # Phone outcomes (bot/staff/phone_outcomes.py)

    def record_phone_outcome(self, row: dict[str, Any]) -> None:
        """One row per script case: recording again replaces it."""

        def replace(tx: Transaction) -> None:
            tx.execute("delete from phone_outcomes where case_id = ?", [row["case_id"]])
            tx.insert("phone_outcomes", row)

        self.database.write(replace)

    def phone_outcomes(self) -> list[dict]:
        return self.database.read(lambda tx: tx.query("select outcome, cause, recorded_at from phone_outcomes"))

    def list(self, status: str | None = None, limit: int = 50, offset: int = 0) -> list[Ticket]:
        """Tickets, newest first (defined last: the name shadows the builtin inside the class body)."""
        if limit < 0 or offset < 0:
            raise TicketError("limit and offset cannot be negative")
        where, params = _status_filter(status)
        query = f"select * from tickets {where} order by created_at desc, reference desc limit ? offset ?"  # noqa: S608
        rows = self.database.read(lambda tx: tx.query(query, [*params, limit, offset]))
        return [_from_row(row) for row in rows]


def _insert(ticket: Ticket, tx: Transaction) -> Ticket:
    tx.insert("tickets", _to_row(ticket))
    tx.insert(
        "events",
        {"reference": ticket.reference, "at": ticket.created_at, "kind": "created", "who": "bot", "note": ticket.trigger},
    )
    payload = {"event": CREATED_EVENT, **ticket.as_dict()}
    tx.insert(
        "outbox",
        {
            "reference": ticket.reference,
            "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str),
            "idempotency_key": f"{CREATED_EVENT}:{ticket.reference}",
            "attempts": 0,
            "next_attempt_at": 0.0,
            "delivered_at": None,
            "last_error": None,
        },
    )
    return ticket


def _status_filter(status: str | None) -> tuple[str, list[str]]:
    if status is None:
        return "", []
    if status not in STATUSES:
        raise TicketError(f"unknown status {status!r}: expected one of {', '.join(STATUSES)}")
    return "where status = ?", [status]


def _check_transition(reference: str, current: dict, status: str) -> None:
    if current["status"] == "resolved":
        raise TicketConflict(
            f"ticket {reference} is already resolved (by {current['resolved_by'] or 'unknown'} at {current['resolved_at']})"
        )
    if status == "claimed" and current["status"] != "open":
        raise TicketConflict(f"ticket {reference} is already claimed by {current['claimed_by']}")


def _ticket_from_draft(draft: TicketDraft, reference: str, now: str, summary: str) -> Ticket:
    facts = {str(key): str(value) for key, value in draft.facts.items() if value is not None}
    return Ticket(
        reference=reference,
        created_at=now,
        updated_at=now,
        status="open",
        conversation_id=draft.conversation_id,
        trigger=draft.trigger,
        reason=draft.reason,
        summary=summary,
        contact_email=draft.contact_email.strip(),
        contact_name=draft.contact_name,
        browser=facts.get("browser"),
        os=facts.get("os"),
        device=facts.get("device"),
        apps=_apps(facts.get("app")),
        error_code=facts.get("error_code"),
        error_name=facts.get("error_name"),
        error_detail=facts.get("error_detail"),
        sdk=facts.get("sdk"),
        audience=facts.get("audience"),
        facts=facts,
        error_text=draft.error_text,
        steps_tried=list(draft.steps_tried),
        diagnostics=draft.diagnostics,
        kb_articles=list(draft.kb_articles),
        transcript=list(draft.transcript),
        likely_causes=list(draft.likely_causes),
    )


def _to_row(ticket: Ticket) -> dict[str, Any]:
    row = ticket.as_dict()
    for column in JSON_COLUMNS:
        row[column] = json.dumps(row[column], ensure_ascii=False, default=str)
    return row


def _from_row(row: dict[str, Any]) -> Ticket:
    row = dict(row)
    for column in JSON_COLUMNS:
        row[column] = json.loads(row[column]) if row.get(column) is not None else None
    row["likely_causes"] = row.get("likely_causes") or []  # tickets filed before the cause model have none
    return Ticket(**row)


def _add_missing_columns(db: sqlite_utils.Database) -> None:
    """Upgrade a tickets file made by an older version (new columns are added, nothing is rewritten)."""
    missing = {name: kind for name, kind in TICKETS.items() if name not in db["tickets"].columns_dict}
    if not missing:
        return
    try:
        for name, kind in missing.items():
            db.table("tickets").add_column(name, kind)
    except sqlite3.OperationalError as error:  # a read-only file stays readable
        logger.warning("tickets file not upgraded (%s): %s", ", ".join(missing), error)


# Markdown export


def _inline(text: object) -> str:
    """User-supplied text on one line; characters that make markup or HTML are escaped."""
    return re.sub(r"([\\`*\[\]<>])", r"\\\1", " ".join(str(text).split()))


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _fenced(text: str, info: str = "") -> str:
    """A code block that the text cannot break out of."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}"


def _clock(at: object) -> str:
    try:
        return datetime.fromtimestamp(float(str(at)), timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError, OverflowError):
        return "?"


def to_markdown(ticket: Ticket, history: list[dict]) -> str:
    email = _inline(ticket.contact_email)
    contact = f"{_inline(ticket.contact_name)} ({email})" if ticket.contact_name else email
    lines = [
        f"# Ticket {ticket.reference}",
        "",
        f"- Status: {ticket.status}",
        f"- Created: {ticket.created_at}",
        f"- Contact: {contact}",
        f"- Conversation: {_inline(ticket.conversation_id)}",
        f"- Escalated: {ticket.trigger}" + (f" ({_inline(ticket.reason)})" if ticket.reason else ""),
    ]
    if ticket.claimed_by:
        lines.append(f"- Claimed by: {_inline(ticket.claimed_by)} at {ticket.claimed_at}")
    if ticket.status == "resolved":
        lines.append(f"- Resolved by: {_inline(ticket.resolved_by or 'unknown')} at {ticket.resolved_at}")
        lines.append(f"- Resolution: {_inline(ticket.resolution_note or '')}")
    lines += ["", "## Summary", "", _inline(ticket.summary), "", "## Facts", ""]
    lines += [f"- {_inline(key)}: {_inline(value)}" for key, value in sorted(ticket.facts.items())] or ["(none)"]
    if ticket.error_text:
        lines += ["", "## Error text", "", _fenced(ticket.error_text)]
    lines += ["", "## Steps tried", ""]
    lines += [
        f"{number}. {_inline(step.get('fix', '?'))} in {_inline(step.get('flow', '?'))}/{_inline(step.get('step', '?'))}"
        f" (cause: {_inline(step.get('cause') or 'unknown')}): {_inline(step.get('outcome') or 'no answer')}"
        for number, step in enumerate(ticket.steps_tried, 1)
    ] or ["(none)"]
    if ticket.diagnostics:
        lines += [
            "",
            "## Diagnostics",
            "",
            _fenced(json.dumps(ticket.diagnostics, indent=2, ensure_ascii=False, default=str), "json"),
        ]
    if ticket.likely_causes:
        lines += ["", "## Likely causes (when filed)", ""] + [
            f"- {_inline(str(row.get('title') or row.get('cause')))}: {round(float(row.get('probability') or 0) * 100)}%"
            for row in ticket.likely_causes
        ]
    if ticket.kb_articles:
        lines += ["", "## Knowledge articles shown", ""] + [f"- {_inline(article)}" for article in ticket.kb_articles]
    # One line per message: a newline typed into a message cannot start a line that looks like someone else's.
    transcript = "\n".join(
        f"{_clock(entry.get('at'))} {_one_line(entry.get('who', '?'))}: {_one_line(entry.get('text', ''))}"
        for entry in ticket.transcript
    )
    lines += ["", "## Transcript", "", _fenced(transcript) if transcript else "(empty)"]
    lines += ["", "## History", ""]
    lines += [
        f"- {event['at']} {event['kind']}"
        + (f" by {_inline(event['who'])}" if event["who"] else "")
        + (f": {_inline(event['note'])}" if event["note"] else "")
        for event in history
    ]
    return "\n".join(lines) + "\n"
