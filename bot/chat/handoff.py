"""The conversation around an escalation: say what happens, ask email, optional name and consent,
create the ticket (durably, before telling the reference), or cancel back to where the user was.

Also answers "what is the status of MIC-…?" for tickets created in the same conversation only: any other
reference gets the same reply as one that does not exist.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from bot.chat.quota import TicketQuotaExceeded
from bot.chat.replies import Out, choice_payload, say
from bot.flows.engine import Engine, Prompt, State
from bot.flows.model import Message
from bot.tickets.store import TicketDraft, TicketStore
from bot.tickets.summary import summarise

# Every part bounded, and only a few short words with an "@" are searched (find_email): a long message cannot
# make the search backtrack for seconds while everyone else waits.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}")
MAX_EMAIL_WORD = 320
MAX_EMAIL_WORDS = 20
CANCEL_WORDS = re.compile(r"\b(cancel|never ?mind|nevermind|forget it|stop|don'?t bother)\b", re.I)
REFERENCE = re.compile(r"\bMIC-[A-Z0-9]{6}\b", re.I)
CANCEL, SKIP, CONSENT = "handoff_cancel", "handoff_skip", "handoff_consent"
EXHAUSTED = "exhausted"
"""The trigger of the check's own escalations: no fix left to try, or a cause that needs a specialist's hands."""
TRIGGERS = {
    "human_request": "user_request",
    "specialist": "specialist",
    "misunderstood": "misunderstood",
    "kb_unhelpful": "kb_unhelpful",
}
"""Which trigger an escalated ending stands for, by flow; any other flow's escalation is 'exhausted'."""
# A question after "my case/ticket/request": "what is the status of my case?", "any update on my ticket?",
# "has anyone looked at my case yet", "where is my ticket at".
STATUS_QUESTION = re.compile(
    r"\b(status|update|updates|news|progress|looked at|picked up|heard|where is|where's|what happened)\b.*"
    r"\b(case|ticket|request|escalation)\b"
    r"|\b(my|the|our)\s+(case|ticket|request|escalation)\b.*\b(status|update|progress|news|moving|open|resolved|done)\b",
    re.I | re.S,
)
OFFER_START = "offer_start"
STATUS_WORDS = {"open": "open, waiting for a specialist", "claimed": "being worked on by a specialist", "resolved": "resolved"}

logger = logging.getLogger(__name__)
Transcript = Callable[[], list[dict[str, Any]]]


def audience(state: State) -> str:
    """Developer when they read developer articles or their error told us the SDK generation."""
    developer = any(a.startswith("dev-") for a in state.articles_shown) or "sdk" in state.facts
    return "developer" if developer else "end_user"


def find_email(text: str) -> str | None:
    """The first email address in the text, looking only at words of a sane length that hold an "@"."""
    words = (word for word in text.split() if "@" in word and len(word) <= MAX_EMAIL_WORD)
    for word in itertools.islice(words, MAX_EMAIL_WORDS):
        found = EMAIL.search(word)
        if found:
            return found.group(0)
    return None


def masked_email(email: str) -> str:
    """`s•••@example.com`: enough for the user to recognise their address, not enough to learn it (and no
    asterisks, which the chat would read as markdown emphasis)."""
    local, at, domain = email.partition("@")
    return f"{local[:1]}•••{at}{domain}" if at else "•••"


class HandoffDialogue:
    def __init__(
        self,
        store: TicketStore | None,
        messages: Mapping[str, Message],
        engine: Engine,
        render: Callable[[list[Prompt]], list[Out]],
    ) -> None:
        self.store = store
        self.messages = messages
        self.engine = engine
        self.render = render
        """How flow prompts become chat messages (the conversation's renderer)."""

    def say(self, name: str, **values: str) -> Out:
        return say(self.messages, name, **values)

    @staticmethod
    def active(state: State) -> bool:
        return bool(state.handoff.get("stage"))

    def begin(self, state: State, ending: Mapping[str, Any]) -> list[Out]:
        """After an escalated ending (its custom payload): explain what happens, ask for an email address."""
        state.handoff = {
            "stage": "email",
            "trigger": TRIGGERS.get(ending.get("flow", ""), EXHAUSTED),
            "reason": ending.get("reason") or "",
            "flow": ending.get("flow"),
            "step": ending.get("step"),
        }
        return [self.say("handoff_intro"), self.ask_email()]

    def handle(
        self, state: State, text: str, intent: str, choice: str | None, conversation: str, transcript: Transcript
    ) -> list[Out]:
        stage = state.handoff.get("stage")
        if choice == CANCEL or intent in ("go_back", "start_over") or (choice is None and CANCEL_WORDS.search(text)):
            return self.cancel(state)
        if stage == "email":
            found = find_email(text)
            if not found:
                return [self.say("handoff_bad_email"), self.ask_email()]
            state.handoff = {**state.handoff, "stage": "name", "email": found.lower()}
            return [self._ask("handoff_ask_name", skip=True, cancel=True)]
        if stage == "name":
            skipped = choice == SKIP or intent in ("deny", "dont_know")
            name = None if skipped else re.sub(r"\s+", " ", text).strip()[:100] or None
            state.handoff = {**state.handoff, "stage": "consent", "name": name}
            return [self._consent(state)]
        if choice == CONSENT or intent == "affirm":
            return self.create(state, conversation, transcript)
        if intent == "deny":
            return self.cancel(state)
        return [self._consent(state)]

    def cancel(self, state: State) -> list[Out]:
        """No ticket: go back to the step before the escalation."""
        state.handoff = {}
        prompts = self.engine.back(state) if state.history else []
        if not state.active:
            return [self.say("handoff_cancelled"), self.say("offer_start")]
        return [self.say("handoff_cancelled"), *self.render(prompts)]

    def create(self, state: State, conversation: str, transcript: Transcript) -> list[Out]:
        if self.store is None:
            return [self.say("handoff_failed")]
        details = state.handoff
        draft = TicketDraft(
            conversation_id=conversation,
            trigger=details.get("trigger", EXHAUSTED),
            reason=details.get("reason", ""),
            facts={"audience": audience(state), **state.facts},
            error_text=state.error_text,
            steps_tried=[
                {"flow": a.flow, "step": a.step, "cause": a.cause, "fix": a.fix, "outcome": a.outcome} for a in state.attempts
            ],
            diagnostics=state.diagnostics or None,
            kb_articles=list(state.articles_shown),
            transcript=transcript(),
            contact_email=details.get("email", ""),
            contact_name=details.get("name"),
            likely_causes=self.engine.ranked_causes(state),
        )
        try:
            ticket = self.store.create(draft, summarise(draft, self.engine.vocabulary))
        except TicketQuotaExceeded as error:
            logger.warning("no ticket for conversation %s: %s", conversation, error)
            state.handoff = {}
            return [self.say("handoff_quota")]
        except Exception as error:  # noqa: BLE001 - any storage failure: never hand out a reference that does not exist
            logger.error("no ticket could be stored for conversation %s: %s: %s", conversation, type(error).__name__, error)
            return [self.say("handoff_failed")]
        state.handoff = {}
        return [self.say("handoff_created", reference=ticket.reference, email=masked_email(draft.contact_email))]

    def status(self, text: str, conversation: str) -> list[Out] | None:
        """A reply to a message that names a ticket reference or asks after "my case", or None otherwise."""
        found = REFERENCE.search(text)
        if found is None:
            return self._status_of_my_case(text, conversation)
        reference = found.group(0).upper()
        ticket = self.store.for_conversation(reference, conversation) if self.store else None
        if ticket is None:
            return [self.say("ticket_unknown", reference=reference)]
        return [self.say("ticket_status", reference=reference, status=STATUS_WORDS.get(ticket.status, ticket.status))]

    def _status_of_my_case(self, text: str, conversation: str) -> list[Out] | None:
        """ "What is the status of my case?", "any update on my ticket?": the latest case filed in this conversation."""
        if not STATUS_QUESTION.search(text):
            return None
        ticket = self.store.latest_for_conversation(conversation) if self.store and conversation else None
        if ticket is None:
            return [self.say("ticket_none")]
        return [self.say("ticket_status", reference=ticket.reference, status=STATUS_WORDS.get(ticket.status, ticket.status))]

    def without_offer_after_filing(self, state: State, conversation: str, outs: list[Out]) -> list[Out]:
        """Once a case is filed, "Shall we work through it together?" is the wrong thing to offer: drop it."""
        if state.active or not any(o.name == OFFER_START for o in outs) or self.store is None or not conversation:
            return outs
        if self.store.latest_for_conversation(conversation) is None:
            return outs
        return [o for o in outs if o.name != OFFER_START] or [self.say("after_case_filed")]

    def ask_email(self) -> Out:
        """The email question again (after a message that told us more instead of giving one)."""
        return self._ask("handoff_ask_email", cancel=True)

    def _consent(self, state: State) -> Out:
        # Contact details are never repeated in full: whoever reads this conversation later learns neither the
        # address nor the name (and a name with markdown in it is not shown as markup).
        who = masked_email(str(state.handoff.get("email") or "")) + (
            " and the name you gave" if state.handoff.get("name") else ""
        )
        message = self.say("handoff_ask_consent", contact=who)
        message.buttons = [
            {"title": "Yes, create the case", "payload": choice_payload(CONSENT)},
            {"title": "No, cancel", "payload": choice_payload(CANCEL)},
        ]
        return message

    def _ask(self, name: str, skip: bool = False, cancel: bool = False) -> Out:
        message = self.say(name)
        if skip:
            message.buttons.append({"title": "Skip", "payload": choice_payload(SKIP)})
        if cancel:
            message.buttons.append({"title": "Cancel", "payload": choice_payload(CANCEL)})
        return message
