"""Conversations with known outcomes, produced the way Rasa produces them and stored by Rasa's own tracker store.

Each user turn from tests/fixtures/analytics/conversations.yml runs through our real action
(`ActionTroubleshoot`, with rasa_sdk's CollectingDispatcher on a Tracker built from Rasa's DialogueStateTracker);
the replies become BotUttered events and the new `flow_state` a SlotSet, all with controlled timestamps, and
the whole tracker is saved by `rasa.core.tracker_store.SQLTrackerStore` into a SQLite file. Escalations go
through the real handoff dialogue, so their tickets are real rows in a real ticket store.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.chat.conversation import Conversation
from bot.kb.index import build_index
from bot.rasa_adapter.actions import ActionTroubleshoot, build_conversation
from bot.tickets.store import TicketStore
from tests.conftest import FIXTURES, ROOT

SPEC = FIXTURES / "analytics" / "conversations.yml"
DAY = 86_400.0
BASE = 1_793_577_600.0
"""2026-11-02 00:00 UTC: day 0 of the generated conversations."""
STEP = 0.001
"""Seconds between the events of one turn, so they keep their order."""


@dataclass
class Generated:
    tracker_db: Path
    tickets_db: Path
    spec: dict[str, Any]
    base: float

    @property
    def report_at(self) -> float:
        return self.base + float(self.spec["report_at_minutes"]) * 60


def load_spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def action_over(workdir: Path, index: Path | None) -> ActionTroubleshoot:
    """The real action over its own stores in `workdir` and the given knowledge index (built into `workdir` when
    none is given); nothing is read from the environment."""
    if index is None:
        index = workdir / "kb.db"
        build_index(ROOT / "knowledge", index)

    @cache  # built on first use, in the action's turn thread, which then keeps the stores' connections
    def service() -> Conversation:
        return build_conversation(index, workdir / "feedback.db", TicketStore(workdir / "tickets.db"))

    return ActionTroubleshoot(service)


def generate(workdir: Path, base: float = BASE, spec: dict[str, Any] | None = None, index: Path | None = None) -> Generated:
    """Write every conversation of the spec into workdir/tracker.db (and its tickets into workdir/tickets.db); the
    action searches `index` (read only), or an index of knowledge/ built into workdir."""
    spec = spec or load_spec()
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(workdir / "tracker.db"))
    action = action_over(workdir, index)
    for conversation in spec["conversations"]:
        tracker = converse(action, domain, conversation, base)
        asyncio.run(store.save(tracker))
    store.engine.dispose()
    return Generated(workdir / "tracker.db", workdir / "tickets.db", spec, base)


def converse(action: ActionTroubleshoot, domain: Domain, conversation: dict[str, Any], base: float) -> DialogueStateTracker:
    tracker = DialogueStateTracker(conversation["id"], domain.slots)
    at = base + float(conversation["start_minutes"]) * 60
    tracker.update(ActionExecuted("action_session_start", timestamp=at))
    tracker.update(SessionStarted(timestamp=at + STEP))
    tracker.update(ActionExecuted("action_listen", timestamp=at + 2 * STEP))
    for number, turn in enumerate(conversation["turns"]):
        turn = turn if isinstance(turn, dict) else {"text": turn}
        if number:
            at += float(turn.get("after_minutes", 1)) * 60
        tracker.update(user_event(domain, turn, at), domain)
        tracker.update(ActionExecuted("action_troubleshoot", timestamp=at + STEP))
        messages, events = run_action(action, tracker)
        moment = at + 2 * STEP
        for message in messages:
            moment += STEP
            tracker.update(BotUttered(message.get("text"), bot_data(message), timestamp=moment))
        for event in events:
            moment += STEP
            tracker.update(SlotSet(event["name"], event["value"], timestamp=moment))
        tracker.update(ActionExecuted("action_listen", timestamp=moment + STEP))
    return tracker


def user_event(domain: Domain, turn: dict[str, Any], at: float) -> UserUttered:
    """A user message as the NLU would parse it: button payloads by Rasa's own parser, typed text by the spec."""
    text = str(turn["text"])
    parsed = YAMLStoryReader.unpack_regex_message(Message(data={"text": text}), domain)
    intent = parsed.get("intent") or {"name": turn.get("intent", "inform"), "confidence": 0.97}
    entities = parsed.get("entities") or [{"entity": k, "value": v} for k, v in (turn.get("entities") or {}).items()]
    parse_data = {"text": text, "intent": intent, "entities": entities, "intent_ranking": [intent]}
    return UserUttered(text, intent, entities, parse_data, timestamp=at, metadata=turn.get("metadata") or {})


def run_action(action: ActionTroubleshoot, tracker: DialogueStateTracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sdk_tracker = Tracker.from_dict(tracker.current_state(EventVerbosity.AFTER_RESTART))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, sdk_tracker, {}))
    return dispatcher.messages, events


def bot_data(message: dict[str, Any]) -> dict[str, Any]:
    """What Rasa stores in a bot event's `data` for an action server response."""
    keys = ("elements", "quick_replies", "buttons", "attachment", "image", "custom")
    return {key: message.get(key) or None for key in keys}
