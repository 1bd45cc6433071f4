"""A quota on new tickets: per conversation and per client address, per hour (bot/app/limits.py).

Wraps the ticket store the chat uses; everything but `create` passes through. The conversation count comes
from the store itself (it survives a restart and holds across hosts); the address count is kept by address
tag in memory, or in Redis when BOT_REDIS_URL is set (bot/app/limits.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from bot.app.limits import HOUR, Limits, rate_limiter
from bot.tickets.store import Ticket, TicketDraft, TicketStore


class TicketQuotaExceeded(RuntimeError):
    """This conversation or address opened as many tickets as it may this hour."""


class QuotaTicketStore:
    def __init__(self, store: TicketStore, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits.from_env()
        self.per_address = rate_limiter(self.limits.tickets_per_address, HOUR, "tickets-address")
        self.client = ""
        """The tag of the address the current message came from (set by the action before each turn)."""

    def create(self, draft: TicketDraft, summary: str = "") -> Ticket:
        limit = self.limits.tickets_per_conversation
        since = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat(timespec="microseconds")
        if limit and self.store.count_for_conversation(draft.conversation_id, since) >= limit:
            raise TicketQuotaExceeded("ticket quota per conversation reached")
        if self.client and self.per_address.full(self.client):
            raise TicketQuotaExceeded("ticket quota per address reached")
        ticket = self.store.create(draft, summary)
        if self.client:
            self.per_address.allow(self.client)
        return ticket

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)
