"""Conversations with known outcomes, produced the way Rasa produces them and stored by Rasa's own tracker store.

Each user turn from tests/fixtures/analytics/conversations.yml runs through our real action
(`ActionTroubleshoot`, with rasa_sdk's CollectingDispatcher on a Tracker built from Rasa's DialogueStateTracker);
the replies become BotUttered events and the new `flow_state` a SlotSet, all with controlled timestamps, and
the whole tracker is saved by `rasa.core.tracker_store.SQLTrackerStore` into a SQLite file. Escalations go
through the real handoff dialogue, so their tickets are real rows in a real ticket store.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

from bot.kb.index import build_index
from bot.rasa_adapter import actions as rasa_actions
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


@contextmanager
def action_stores(workdir: Path) -> Iterator[None]:
    """The action's knowledge index, feedback and ticket stores in `workdir` (the action caches its service)."""
    keys = ("BOT_KB_INDEX", "BOT_KB_FEEDBACK", "BOT_TICKETS_DB", "BOT_WEBHOOK_URL")
    saved = {key: os.environ.get(key) for key in keys}
    build_index(ROOT / "knowledge", workdir / "kb.db")
    os.environ.update(
        BOT_KB_INDEX=str(workdir / "kb.db"),
        BOT_KB_FEEDBACK=str(workdir / "feedback.db"),
        BOT_TICKETS_DB=str(workdir / "tickets.db"),
    )
    os.environ.pop("BOT_WEBHOOK_URL", None)
    rasa_actions.conversation_service.cache_clear()
    try:
        yield
    finally:
        rasa_actions.conversation_service.cache_clear()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def generate(workdir: Path, base: float = BASE, spec: dict[str, Any] | None = None) -> Generated:
    """Write every conversation of the spec into workdir/tracker.db (and its tickets into workdir/tickets.db)."""
    spec = spec or load_spec()
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(workdir / "tracker.db"))
    with action_stores(workdir):
        for conversation in spec["conversations"]:
            tracker = converse(domain, conversation, base)
            asyncio.run(store.save(tracker))
    store.engine.dispose()
    return Generated(workdir / "tracker.db", workdir / "tickets.db", spec, base)


def converse(domain: Domain, conversation: dict[str, Any], base: float) -> DialogueStateTracker:
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
        messages, events = run_action(tracker)
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


def run_action(tracker: DialogueStateTracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sdk_tracker = Tracker.from_dict(tracker.current_state(EventVerbosity.AFTER_RESTART))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(rasa_actions.ActionTroubleshoot().run(dispatcher, sdk_tracker, {}))
    return dispatcher.messages, events


def bot_data(message: dict[str, Any]) -> dict[str, Any]:
    """What Rasa stores in a bot event's `data` for an action server response."""
    keys = ("elements", "quick_replies", "buttons", "attachment", "image", "custom")
    return {key: message.get(key) or None for key in keys}
