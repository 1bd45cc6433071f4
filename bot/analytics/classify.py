"""One conversation's story: how it ended, its cause, entry route, steps reached and knowledge queries.

Everything is derived from the stored events (user and bot messages, the `flow_state` slot after each turn)
and the tickets; the definitions are in docs/analytics.md and `bot report --help`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.analytics.records import BotMessage, ConversationLog, StateChange, TicketRecord, UserMessage
from bot.chat.errortext import parse_error_text
from bot.chat.knowledge import HELPED as KB_HELPED
from bot.chat.knowledge import MORE as KB_MORE
from bot.chat.protocol import ARTICLE as ANSWER_KIND
from bot.chat.protocol import INSTRUCTION
from bot.chat.protocol import NO_ARTICLE as NO_ANSWER_KIND

CONFIRMED, ASSUMED, ESCALATED, ABANDONED, IN_PROGRESS = (
    "resolved_confirmed",
    "resolved_assumed",
    "escalated",
    "abandoned",
    "in_progress",
)
OUTCOMES = (CONFIRMED, ASSUMED, ESCALATED, ABANDONED, IN_PROGRESS)
ERROR_TEXT, MIC_CHECK, QUESTIONS = "error_text", "mic_check", "questions"
ROUTES = (ERROR_TEXT, MIC_CHECK, QUESTIONS)
NO_CAUSE = "none"
FIX_KINDS = (INSTRUCTION, ANSWER_KIND)
"""Bot messages that offer a fix: a flow step's "Did that fix it?" or a knowledge answer's "That helped"."""
BEFORE_ANY_STEP = "(before any step)"
AT_KNOWLEDGE_ANSWER = "(knowledge answer)"
AT_NO_ANSWER = "(no knowledge answer)"
NO_TICKET = "no_ticket"
PASTED_ERROR_FACTS = ("error_name", "error_detail", "sdk")
"""A message that gives one of these is a pasted error; a bare code ("I get 31201") is only a mention."""


@dataclass
class KbQuery:
    at: float
    text: str
    answered: bool
    """The knowledge base had a good answer (otherwise the bot said it found nothing good)."""
    helped: bool | None = None
    """The user's verdict: "That helped" (True), "Get more help" (False), or no verdict (None)."""

    @property
    def gap(self) -> bool:
        return not self.answered or self.helped is False


@dataclass
class Classified:
    sender: str
    started_at: float
    last_at: float
    outcome: str
    route: str
    cause: str
    turns: int
    """User messages in the conversation."""
    turns_to_resolution: int | None
    """User messages up to the one that confirmed the fix (confirmed), or all of them (assumed)."""
    reached: set[str] = field(default_factory=set)
    """'flow/step' of every step the conversation stood at or passed through (instruct and call steps)."""
    drop_off: str | None = None
    """Abandoned only: where the conversation stopped ('flow/step', or one of the bracketed labels)."""
    kb_queries: list[KbQuery] = field(default_factory=list)
    trigger: str | None = None
    """Escalated only: the ticket's trigger, else the unfinished handoff's (NO_TICKET if neither is known)."""
    tickets: list[str] = field(default_factory=list)
    measured: bool = False
    """Confirmed only: the help page's microphone check, run again at a fix step, opened the microphone
    (the resolution was measured, not said by the user)."""


def greeting_only(log: ConversationLog) -> bool:
    """A page visit, not a conversation: the page's automatic hello (or a typed one) and nothing else."""
    users = log.user_messages
    shown = any(isinstance(e, BotMessage) and e.custom for e in log.events)
    started = any(isinstance(e, StateChange) and e.state.get("flow") for e in log.events)
    return all(u.intent == "greet" for u in users) and not shown and not started


def classify(log: ConversationLog, tickets: list[TicketRecord], now: float, idle_seconds: float) -> Classified:
    walk = _Walk()
    for event in log.events:
        walk.see(event)
    final = walk.state
    active = bool(final.get("step")) and not final.get("outcome")
    outcome, turns_to_resolution = _outcome(walk, final, active, tickets, now - log.last_at >= idle_seconds)
    trigger = None
    if outcome == ESCALATED:
        trigger = tickets[-1].trigger if tickets else str((final.get("handoff") or {}).get("trigger") or NO_TICKET)
    return Classified(
        sender=log.sender,
        started_at=log.started_at,
        last_at=log.last_at,
        outcome=outcome,
        route=walk.route or QUESTIONS,
        cause=walk.cause or NO_CAUSE,
        turns=walk.turns,
        turns_to_resolution=turns_to_resolution,
        reached=walk.reached,
        drop_off=walk.where() if outcome == ABANDONED else None,
        kb_queries=walk.kb_queries,
        trigger=trigger,
        tickets=[t.reference for t in tickets],
        measured=outcome == CONFIRMED and final.get("outcome") == "resolved" and walk.resolved_by_check,
    )


def _outcome(walk: _Walk, final: dict[str, Any], active: bool, tickets: list[TicketRecord], idle: bool) -> tuple[str, int | None]:
    if tickets or final.get("outcome") == "escalated":
        return ESCALATED, None
    if final.get("outcome") == "resolved":
        return CONFIRMED, walk.resolved_turn
    if not active and walk.kb_helped_turn is not None:
        return CONFIRMED, walk.kb_helped_turn
    if not idle:
        return IN_PROGRESS, None
    last = walk.last_bot.custom if walk.last_bot is not None else None
    if last is not None and last.get("kind") in FIX_KINDS:
        return ASSUMED, walk.turns
    return ABANDONED, None


class _Walk:
    """Reads the events in order and keeps what the classification needs."""

    def __init__(self) -> None:
        self.turns = 0
        self.current: UserMessage | None = None
        self.queried = False
        """The current user message has already been counted as a knowledge query."""
        self.state: dict[str, Any] = {}
        self.route: str | None = None
        self.cause: str | None = None
        self.reached: set[str] = set()
        self.last_bot: BotMessage | None = None
        self.last_custom: dict[str, Any] | None = None
        self.resolved_turn: int | None = None
        self.resolved_by_check = False
        """The message that resolved the flow carried the page's microphone check (a measured fix)."""
        self.kb_queries: list[KbQuery] = []
        self.kb_awaiting: KbQuery | None = None
        self.kb_helped_turn: int | None = None
        """The turn that said the latest knowledge answer helped, while no other query came after it."""

    def see(self, event: UserMessage | BotMessage | StateChange) -> None:
        if isinstance(event, UserMessage):
            self._user(event)
        elif isinstance(event, BotMessage):
            self._bot(event)
        else:
            self._state(event.state)

    def _user(self, message: UserMessage) -> None:
        self.turns += 1
        self.current, self.queried = message, False
        if message.choice == KB_HELPED and self.kb_awaiting is not None:
            self.kb_awaiting.helped, self.kb_awaiting = True, None
            self.kb_helped_turn = self.turns
        elif message.choice == KB_MORE:
            if self.kb_awaiting is not None:
                self.kb_awaiting.helped, self.kb_awaiting = False, None
            self.kb_helped_turn = None

    def _bot(self, message: BotMessage) -> None:
        self.last_bot = message
        custom = message.custom
        if custom is None:
            return
        self.last_custom = custom
        kind = custom.get("kind")
        typed = self.current is not None and not self.current.text.startswith("/")
        if kind in (ANSWER_KIND, NO_ANSWER_KIND) and typed and not self.queried and self.current is not None:
            query = KbQuery(self.current.at, self.current.text, answered=kind == ANSWER_KIND)
            self.kb_queries.append(query)
            self.kb_awaiting = query if query.answered else None
            self.kb_helped_turn, self.queried = None, True
        if custom.get("flow") and custom.get("step"):
            self.reached.add(f"{custom['flow']}/{custom['step']}")
        if custom.get("cause"):
            self.cause = str(custom["cause"])

    def _state(self, state: dict[str, Any]) -> None:
        if state.get("flow") and not self.state.get("flow") and self.route is None and self.current is not None:
            self.route = _route(self.current, state)
        if state.get("flow") and state.get("step"):
            self.reached.add(f"{state['flow']}/{state['step']}")
        self.reached.update(str(mark) for mark in state.get("visited") or [])
        if state.get("outcome") == "resolved" and self.state.get("outcome") != "resolved":
            self.resolved_turn = self.turns
            self.resolved_by_check = self.current is not None and self.current.mic_check
        self.state = state

    def where(self) -> str:
        """The last thing the bot showed: a flow step, a knowledge answer (or its absence), or nothing yet."""
        custom = self.last_custom or {}
        if custom.get("flow") and custom.get("step"):
            return f"{custom['flow']}/{custom['step']}"
        if custom.get("kind") == ANSWER_KIND:
            return AT_KNOWLEDGE_ANSWER
        if custom.get("kind") == NO_ANSWER_KIND:
            return AT_NO_ANSWER
        return BEFORE_ANY_STEP


def _route(message: UserMessage, state: dict[str, Any]) -> str:
    """How the first flow was entered: the microphone check, a pasted error message, or answering questions."""
    if message.mic_check:
        return MIC_CHECK
    stored = state.get("error_text") == message.text[:2000]
    pasted = stored and any(key in parse_error_text(message.text).facts for key in PASTED_ERROR_FACTS)
    return ERROR_TEXT if pasted else QUESTIONS
