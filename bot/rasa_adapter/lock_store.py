"""A Redis conversation lock whose every change is atomic: two nodes can never hold one conversation together.

Rasa Open Source's `RedisLockStore` changes a lock by GET, change in Python, SET (RasaHQ/rasa#9213). Two
messages of one conversation arriving at two nodes in the same moment can both read the same lock, both
append ticket N and both write it back: both then hold the lock and run their turns together. Releasing is
as racy: a release that read the lock before another node's new ticket was written deletes that ticket, and
the other message then fails with "Could not acquire lock".

Here issuing, releasing and expiring tickets are each one Lua script, which Redis runs without interleaving
anything else. The stored lock keeps Rasa's JSON shape, so `get_lock` and the waiting loop are Rasa's own,
and Rasa's store and this one can read each other's locks during an upgrade. Configure it in endpoints.yml:

    lock_store:
      type: bot.rasa_adapter.lock_store.AtomicRedisLockStore
      url: redis.internal
      port: 6379
      db: 1
"""

from __future__ import annotations

import logging
import time
from typing import Any

from rasa.core.constants import DEFAULT_LOCK_LIFETIME
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

KEEP_AFTER_EXPIRY = 60
"""Seconds an abandoned lock outlives its last ticket before Redis drops the key (Rasa's never expire)."""

# KEYS[1] the lock; ARGV: conversation id, now, then per script: lifetime / the ticket to remove.
# Tickets are kept as Rasa keeps them: a JSON list of JSON-encoded {"number", "expires"}.
_COMMON = """
local function live_tickets(raw, now)
  local kept = {}
  if raw then
    local lock = cjson.decode(raw)
    if type(lock.tickets) == 'table' then
      for _, encoded in ipairs(lock.tickets) do
        local ticket = cjson.decode(encoded)
        if tonumber(ticket.expires) >= now then table.insert(kept, ticket) end
      end
    end
  end
  return kept
end
local function save(key, conversation_id, tickets, now)
  if #tickets == 0 then
    redis.call('DEL', key)
    return
  end
  local encoded, last_expiry = {}, now
  for i, ticket in ipairs(tickets) do
    encoded[i] = cjson.encode({number = ticket.number, expires = ticket.expires})
    if ticket.expires > last_expiry then last_expiry = ticket.expires end
  end
  redis.call('SET', KEYS[1], cjson.encode({conversation_id = conversation_id, tickets = encoded}),
             'EX', math.ceil(last_expiry - now) + tonumber(ARGV[4]))
end
"""
ISSUE = (
    _COMMON
    + """
local now = tonumber(ARGV[2])
local tickets = live_tickets(redis.call('GET', KEYS[1]), now)
local number = 0
if #tickets > 0 then number = tickets[#tickets].number + 1 end
table.insert(tickets, {number = number, expires = now + tonumber(ARGV[3])})
save(KEYS[1], ARGV[1], tickets, now)
return number
"""
)
RELEASE = (
    _COMMON
    + """
local now = tonumber(ARGV[2])
local kept = {}
for _, ticket in ipairs(live_tickets(redis.call('GET', KEYS[1]), now)) do
  if ticket.number ~= tonumber(ARGV[3]) then table.insert(kept, ticket) end
end
save(KEYS[1], ARGV[1], kept, now)
return #kept
"""
)
NO_TICKET = -1
"""Passed to RELEASE to only drop expired tickets."""


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with its read-modify-writes replaced by Lua scripts."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        options: dict[str, Any] = dict(kwargs)
        if endpoint_config is not None:
            options = {**endpoint_config.kwargs, **options}
            options.setdefault("host", endpoint_config.url or "localhost")
        options.pop("type", None)
        super().__init__(**options)
        self._issue = self.red.register_script(ISSUE)
        self._release = self.red.register_script(RELEASE)

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = DEFAULT_LOCK_LIFETIME) -> int:
        """The next ticket, taken in one step: no other node can read the lock in between."""
        try:
            args = [conversation_id, time.time(), lock_lifetime, KEEP_AFTER_EXPIRY]
            return int(self._issue(keys=[self._key(conversation_id)], args=args))
        except Exception as error:  # as Rasa's: the channel turns it into an error reply
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def _drop(self, conversation_id: str, ticket_number: int) -> int:
        args = [conversation_id, time.time(), ticket_number, KEEP_AFTER_EXPIRY]
        return int(self._release(keys=[self._key(conversation_id)], args=args))

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._drop(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Release the ticket; the lock goes in the same step if nobody else holds a ticket (Rasa checks and
        deletes in two steps, and can delete a ticket issued in between)."""
        if self._drop(conversation_id, ticket_number) == 0:
            self._log_deletion(conversation_id, True)

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets (Rasa's waiting loop calls this between tries)."""
        self._drop(conversation_id, NO_TICKET)
