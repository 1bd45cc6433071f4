"""Rasa custom actions: a thin adapter from the tracker to `bot.chat.conversation`.

Run with `rasa run actions --actions bot.rasa_adapter.actions`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.app.loading import load_engine
from bot.app.paths import kb_feedback, kb_index, tickets_db
from bot.chat.conversation import Conversation, Incoming, Out
from bot.chat.knowledge import KnowledgeChat
from bot.chat.protocol import CLIENT_KEY, EARLIER_SLOT, STATE_SLOT
from bot.chat.quota import QuotaTicketStore
from bot.chat.state_slot import compacted, expanded
from bot.chat.transcript import whole_transcript
from bot.flows.engine import State
from bot.kb.feedback import FeedbackStore
from bot.kb.service import KnowledgeBase
from bot.tickets.notify import worker_from_env
from bot.tickets.store import TicketStore

logger = logging.getLogger(__name__)
FORGED = re.compile(r"^/(\w+)")
TURNS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="turns")
"""Every turn runs here, off the event loop: SQLite and search block, and other calls (health, other
conversations' I/O) must not wait on them. One thread, so the stores' connections stay in the thread that made them."""


def incoming_from(tracker: Tracker) -> Incoming:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    text = str(latest.get("text") or "")
    name = intent.get("name")
    payload = FORGED.match(text)
    if payload and payload.group(1) != name:
        # "/something{...}" naming an intent the domain lacks reaches the NLU as text and gets a
        # random intent; treat it as not understood instead of acting on that guess.
        name = "nlu_fallback"
    return Incoming(
        text=text,
        sender=str(tracker.sender_id or ""),
        metadata=found if isinstance(found := latest.get("metadata"), dict) else {},
        # The tracker store is the one record of the conversation; earlier sessions left their end in a slot.
        transcript=lambda: whole_transcript(tracker.get_slot(EARLIER_SLOT), tracker.events),
        intent=name,
        confidence=float(intent.get("confidence") or 0.0),
        entities=[(str(e.get("entity") or ""), e.get("value")) for e in latest.get("entities") or [] if isinstance(e, dict)],
    )


def dispatch(dispatcher: CollectingDispatcher, out: Out) -> None:
    kwargs: dict[str, Any] = {}
    if out.buttons:
        kwargs["buttons"] = out.buttons
    if out.custom is not None:
        kwargs["json_message"] = out.custom
    dispatcher.utter_message(text=out.text, **kwargs)


@lru_cache(maxsize=1)
def conversation_service() -> Conversation:
    """One engine, knowledge base and feedback store per action-server process, where the environment says."""
    tickets = open_tickets()
    worker = worker_from_env(tickets) if tickets else None  # webhook notifications, when BOT_WEBHOOK_URL is set
    if worker is not None:
        worker.start()
    return build_conversation(kb_index(), kb_feedback(), tickets)


def build_conversation(index: Path, feedback: Path, tickets: TicketStore | None) -> Conversation:
    """The chat turn over these stores (tests pass their own files; the action server passes the configured ones)."""
    engine = load_engine()
    knowledge = KnowledgeChat(KnowledgeBase(index), FeedbackStore(feedback), engine.flow_set.messages)
    return Conversation(engine, knowledge, QuotaTicketStore(tickets) if tickets else None)  # type: ignore[arg-type]  # a TicketStore wrapper: same methods, no subclass


def open_tickets() -> TicketStore | None:
    """The ticket store, or None when it cannot even be opened (e.g. its folder is read-only): the chat
    keeps working, and a handoff then says no case could be created and offers another way."""
    try:
        return TicketStore(tickets_db())
    except (sqlite3.Error, OSError):
        logger.exception("the ticket store %s cannot be opened; handoffs will offer other contact options", tickets_db())
        return None


class ActionTroubleshoot(Action):
    """Handles every user turn by moving the flow engine."""

    def __init__(self, service: Callable[[], Conversation] = conversation_service) -> None:
        self.service = service
        """Gives the chat turn; called in the TURNS thread (Rasa SDK uses the configured one, tests their own)."""

    def name(self) -> str:
        return "action_troubleshoot"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        # The slot value was parsed from this call's body and is read by nothing else: no copy needed.
        state = State.from_dict(expanded(tracker.get_slot(STATE_SLOT)), owned=True)
        incoming = incoming_from(tracker)
        outs = await asyncio.get_running_loop().run_in_executor(TURNS, take_turn, state, incoming, self.service)
        for out in outs:
            dispatch(dispatcher, out)
        return [SlotSet(STATE_SLOT, compacted(slot_value(state)))]


def slot_value(state: State) -> dict[str, Any]:
    """`state.to_dict()` without its deep copy of every value (most of the action server's own CPU per turn):
    the state is dropped once the reply is serialised, so the slot value may share its lists and dicts."""
    return {name: plain(getattr(state, name)) for name in state.__dataclass_fields__}


def plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):  # an `Attempt`: its fields, shared as the rest (asdict deep-copies)
        return {item.name: plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, list) and any(is_dataclass(item) for item in value):
        return [plain(item) for item in value]
    return value


def take_turn(state: State, incoming: Incoming, service: Callable[[], Conversation] = conversation_service) -> list[Out]:
    """One turn, in the TURNS thread; the ticket quota counts by the address the channel tagged the message with."""
    conversation = service()
    tickets = conversation.handoff.store
    if isinstance(tickets, QuotaTicketStore):
        tickets.client = str(incoming.metadata.get(CLIENT_KEY) or "")
    return list(conversation.handle(state, incoming))


if os.environ.get("BOT_WEBHOOK_URL"):
    TURNS.submit(conversation_service).result()  # start webhook delivery with the action server, so a restart resumes it at once
