"""Conversation sessions of bounded length, so a turn costs the same at message 1,000 as at message 10.

Rasa loads only the current session from the tracker store, replays it and sends it to the action server on
every message; without a bound, a long conversation made each turn slower (bench/load.py, long level).
Rasa ends a session after `session_expiration_time` quiet minutes (domain.yml); here it also ends one after
`$BOT_SESSION_TURNS` user messages (default SESSION_TURNS). The new session starts with

- the latest value of each slot, once (Rasa's own session start repeats every `SlotSet` of the old session,
  one `flow_state` per turn), so the troubleshooting goes on where it was;
- the end of the old session's transcript in the `earlier_transcript` slot (bot/chat/transcript.py), so a ticket
  filed later still shows what was said before.

`bot.rasa_adapter.server` installs this in the Rasa process before Rasa starts.
"""

from __future__ import annotations

import os
from typing import Any

from bot.chat.protocol import EARLIER_SLOT
from bot.chat.transcript import carried, transcript_line

SESSION_START = "session_start"
SESSION_TURNS = 25
"""More than the longest troubleshooting in bench/load_scripts.py (16 messages), and short enough that what a turn
loads stays small (docs/benchmarks.md, Load: the long conversation)."""
TURNS_ENV = "BOT_SESSION_TURNS"


def session_turns() -> int:
    """User messages per session before the next one starts a new session (0: no limit)."""
    try:
        return max(0, int(os.environ.get(TURNS_ENV, SESSION_TURNS)))
    except ValueError:
        return SESSION_TURNS


def current_session(events: Any) -> list[Any]:
    """The events after the latest `SessionStarted` or `Restarted` (all of them when there is neither): a restart
    forgets the conversation before it, as Rasa's own replay does."""
    from rasa.shared.core.events import Restarted, SessionStarted

    found: list[Any] = []
    for event in reversed(events):
        if isinstance(event, (SessionStarted, Restarted)):
            break
        found.append(event)
    return found[::-1]


def user_turns(events: Any) -> int:
    from rasa.shared.core.events import UserUttered

    return sum(isinstance(event, UserUttered) for event in current_session(events))


def session_start_events(tracker: Any, carry_slots: bool) -> list[Any]:
    """What starts a new session: the marker, the slots carried once each, the transcript's end, listen."""
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

    events: list[Any] = [SessionStarted()]
    if carry_slots:
        events += [
            SlotSet(name, slot.value)
            for name, slot in tracker.slots.items()
            if name != EARLIER_SLOT and slot.value != slot.initial_value
        ]
    said = [e.as_dict() for e in current_session(tracker.events) if isinstance(e, (UserUttered, BotUttered))]
    if said and said[-1]["event"] == "user" and (said[-1].get("parse_data") or {}).get("intent", {}).get("name") == SESSION_START:
        said.pop()  # the user's own `/session_start` command, whatever it carried: not part of the conversation
    lines = carried(tracker.get_slot(EARLIER_SLOT), [line for line in map(transcript_line, said) if line])
    if lines and EARLIER_SLOT in tracker.slots:
        events.append(SlotSet(EARLIER_SLOT, lines))
    events.append(ActionExecuted(ACTION_LISTEN_NAME))
    return events


def install() -> None:
    """Patch Rasa's session expiry and session start (once)."""
    from rasa.core.actions.action import ActionSessionStart
    from rasa.core.processor import MessageProcessor

    if getattr(MessageProcessor._has_session_expired, "bounded", False):
        return
    idle_expired = MessageProcessor._has_session_expired
    limit = session_turns()

    def has_session_expired(self: MessageProcessor, tracker: Any) -> bool:
        if idle_expired(self, tracker):
            return True
        return bool(limit) and self.domain.session_config.are_sessions_enabled() and user_turns(tracker.events) >= limit

    async def run(self: ActionSessionStart, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Any]:
        return session_start_events(tracker, domain.session_config.carry_over_slots)

    has_session_expired.bounded = True  # type: ignore[attr-defined]  # an attribute on a function, read back later: mypy allows none
    MessageProcessor._has_session_expired = has_session_expired
    ActionSessionStart.run = run
