"""Where a live conversation is in the flows, read from Rasa's HTTP API (GET /conversations/<id>/tracker).

The engine's whole state is the `flow_state` slot, so each time it was set the tracker recorded one stop of
the walk (the step that asked or ended) and the fix and check steps entered so far (`visited`). The current
step is the last stop; the passed steps are the earlier stops and the visited steps since the walk began
(a state with at most one undo snapshot is a fresh start, e.g. after "start over"). Routing steps in between
say nothing and are not recorded, so they are not marked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.chat.protocol import MAX_SENDER, STATE_SLOT


class PositionError(RuntimeError):
    """Rasa could not be asked; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Position:
    sender: str
    flow: str | None = None
    step: str | None = None
    outcome: str | None = None
    """resolved or escalated once the conversation reached an ending."""
    passed: list[str] = field(default_factory=list)
    """`<flow>.<step>` of the steps already passed, in order."""
    causes: list[dict[str, Any]] = field(default_factory=list)
    """The likeliest causes given the conversation so far (filled in by the caller, which has the cause model)."""
    state: dict[str, Any] = field(default_factory=dict, repr=False)
    """The last `flow_state` seen (not sent)."""

    @property
    def node(self) -> str | None:
        return f"{self.flow}.{self.step}" if self.flow and self.step else None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("state")
        return {"ok": True, **data, "node": self.node}


def position_from_events(sender: str, events: list[dict[str, Any]]) -> Position:
    """The position after these tracker events (Rasa's JSON event format)."""
    position = Position(sender)
    passed: list[str] = []
    for event in events:
        if event.get("event") != "slot" or event.get("name") != STATE_SLOT or not isinstance(event.get("value"), dict):
            continue
        state = event["value"]
        if not state.get("flow") or not state.get("step"):
            continue
        if len(state.get("history") or []) <= 1:
            passed = []  # a fresh walk: the first stop, or "start over"
        elif position.node:
            passed.append(position.node)
        passed += [str(mark).replace("/", ".", 1) for mark in state.get("visited") or [] if isinstance(mark, str)]
        position.flow, position.step, position.outcome = str(state["flow"]), str(state["step"]), state.get("outcome")
        position.state = state
    position.passed = [mark for mark in dict.fromkeys(passed) if mark != position.node]
    return position


async def fetch_position(session: aiohttp.ClientSession, rasa_url: str, token: str, sender: str) -> Position:
    """Ask Rasa for the conversation's events since its last restart and work out the position."""
    if not sender or len(sender) > MAX_SENDER:
        raise PositionError(400, f"a conversation id has 1 to {MAX_SENDER} characters")
    url = f"{rasa_url}/conversations/{quote(sender, safe='')}/tracker"
    try:
        # The token goes in a header (bot/rasa_adapter/server.py accepts it there), never in the URL.
        headers = {"Authorization": f"Bearer {token}"}
        async with session.get(url, params={"include_events": "AFTER_RESTART"}, headers=headers) as reply:
            if reply.status in (401, 403):
                raise PositionError(502, "Rasa refused the API token (RASA_AUTH_TOKEN / var/rasa_api_token)")
            if reply.status != 200:
                raise PositionError(502, f"Rasa answered {reply.status} for this conversation")
            tracker = await reply.json()
    except (aiohttp.ClientError, TimeoutError) as error:
        raise PositionError(502, f"Rasa is not reachable at {rasa_url}: {error.__class__.__name__}") from error
    events = tracker.get("events") if isinstance(tracker, dict) else None
    return position_from_events(sender, events if isinstance(events, list) else [])
