"""Who said what in a chat conversation, as tickets store it, read from Rasa's events (as dicts).

No Rasa import: the action server builds a ticket's transcript from the events Rasa sends it, and Rasa
(bot/rasa_adapter/sessions.py) carries the end of a session into the next one, so a ticket filed after a session
rolled over still shows what was said before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_LINE_CHARS = 4000
CARRIED_LINES = 40
"""Transcript lines carried from one session into the next: the opening ones and the newest ones."""
OPENING_LINES = 2
"""The conversation's first lines, always carried: how the user put the problem, and the first answer."""
CARRIED_CHARS = 20_000
"""And at most this many characters of text in them, so the slot stays small whatever was typed."""


def transcript_line(event: dict[str, Any]) -> dict[str, Any] | None:
    """One user or bot message as a transcript line; None for any other event."""
    if event.get("event") not in ("user", "bot") or not event.get("text"):
        return None
    line: dict[str, Any] = {"at": event.get("timestamp"), "who": event["event"], "text": str(event["text"])[:MAX_LINE_CHARS]}
    buttons = (event.get("data") or {}).get("buttons") if event["event"] == "bot" else None
    if buttons:  # so staff read "No, still failing", not the payload the button sent
        line["buttons"] = [{"title": b.get("title"), "payload": b.get("payload")} for b in buttons if isinstance(b, dict)]
    return line


def transcript_from(events: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The transcript lines of these events, in order."""
    return [line for line in map(transcript_line, events or []) if line is not None]


def earlier_lines(value: Any) -> list[dict[str, Any]]:
    """The carried lines in the slot's value (anything malformed counts as none)."""
    if not isinstance(value, list):
        return []
    return [line for line in value if isinstance(line, dict) and isinstance(line.get("text"), str)]


def carried(earlier: Any, session: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the next session carries: the opening lines, then the newest lines that fit within the bounds."""
    lines = [*earlier_lines(earlier), *session]
    opening, rest = lines[:OPENING_LINES], lines[OPENING_LINES:]
    size = sum(len(line["text"]) for line in opening)
    newest: list[dict[str, Any]] = []
    for line in reversed(rest[-(CARRIED_LINES - len(opening)) :]):
        size += len(line["text"])
        if size > CARRIED_CHARS:
            break
        newest.append(line)
    return [*opening, *newest[::-1]]


def transcript_wanted(state: Any) -> bool:
    """Whether a turn may read the transcript, from the `flow_state` slot's value before the turn: a ticket (the one
    reader) is filed only in a handoff under way (a stage in the state's `handoff`, as `HandoffDialogue.active`
    says). Rasa sends the conversation's messages to the action only then; a value it cannot read counts as yes."""
    if state is None:
        return False
    handoff = state.get("handoff") if isinstance(state, dict) else None
    return not isinstance(handoff, dict) or bool(handoff.get("stage"))


def whole_transcript(earlier: Any, events: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """A ticket's transcript: what was carried from earlier sessions, then the current session."""
    return [*earlier_lines(earlier), *transcript_from(events)]
