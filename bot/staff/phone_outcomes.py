"""How a phone case ended, recorded from the Script page without a ticket, so phone wins count in analytics.

One row per script case (recording again replaces it) in the ticket database's `phone_outcomes` table; the
analytics read it (bot/analytics/records.py `read_phone_outcomes`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.dbretry import BUSY_TIMEOUT, retry_locked
from bot.staff.script import ScriptError, ScriptSession

SCHEMA = """CREATE TABLE IF NOT EXISTS phone_outcomes (
    case_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, flow TEXT, cause TEXT, ticket TEXT, recorded_at TEXT NOT NULL)"""


@dataclass(frozen=True)
class PhoneOutcome:
    case_id: str
    outcome: str
    """resolved or escalated."""
    flow: str
    cause: str | None
    ticket: str | None
    at: str


def record_phone_outcome(db: Path, session: ScriptSession) -> PhoneOutcome:
    """Store how the session's call ended; only at an ending (resolved or escalated)."""
    view = session.view()
    if not view.ended:
        raise ScriptError("the call has not reached an ending yet: walk the script to resolved or escalated first")
    attempts = session.state.attempts
    recorded = PhoneOutcome(
        case_id=session.case_id,
        outcome=view.kind,
        flow=view.flow,
        cause=attempts[-1].cause if attempts else None,
        ticket=session.ticket,
        at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )

    def write() -> None:
        with sqlite3.connect(str(db), timeout=BUSY_TIMEOUT) as connection:
            connection.execute(SCHEMA)
            connection.execute(
                "INSERT OR REPLACE INTO phone_outcomes VALUES (?, ?, ?, ?, ?, ?)",
                (recorded.case_id, recorded.outcome, recorded.flow, recorded.cause, recorded.ticket, recorded.at),
            )
        connection.close()

    retry_locked(write)
    return recorded
