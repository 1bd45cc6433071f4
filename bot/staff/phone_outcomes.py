"""How a phone case ended, recorded from the Script page without a ticket, so phone wins count in analytics.

One row per script case (recording again replaces it) in the ticket store's `phone_outcomes` table (SQLite or
PostgreSQL, bot/store/database.py); the analytics read it (bot/analytics/records.py `read_phone_outcomes`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from bot.staff.script import ScriptError, ScriptSession
from bot.tickets.store import TicketStore


@dataclass(frozen=True)
class PhoneOutcome:
    case_id: str
    outcome: str
    """resolved or escalated."""
    flow: str
    cause: str | None
    ticket: str | None
    at: str


def record_phone_outcome(store: TicketStore, session: ScriptSession) -> PhoneOutcome:
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

    row = asdict(recorded)
    row["recorded_at"] = row.pop("at")
    store.record_phone_outcome(row)
    return recorded
