"""One chat turn: a parsed user message in, the engine moved, replies out.

No Rasa import: the Rasa action (`bot/rasa_adapter/actions.py`) only converts the tracker into an
`Incoming` and the `Reply` into dispatcher calls, so this logic is tested without a server.
All text comes from flows/: the steps, and flows/messages.yml for the small talk (named here).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.chat.diagnostics import facts_from_report, healthy, measured_fix, plain_findings
from bot.chat.errortext import parse_error_text
from bot.chat.handoff import HandoffDialogue
from bot.chat.knowledge import KnowledgeChat, pending_question
from bot.chat.protocol import CHOICE_ENTITY, ESCALATED, INSTRUCTION, RESOLVED
from bot.chat.readers import ERROR_FACTS, READERS, Turn
from bot.chat.replies import Out, choice_payload, say
from bot.flows.engine import DEFAULT_FLOW, Engine, Prompt, State
from bot.flows.evidence import (
    BARE_NO,
    LEADING_NO,
    LEADING_YES,
    PLAIN_YES,
    fix_outcome,
    keep_known_setup,
    not_a_rival_app,
)
from bot.flows.facts import Vocabulary, plain_words
from bot.flows.model import FIXED, NOT_FIXED, ArticleRef, StepKind
from bot.glossary import with_glosses_by_clause
from bot.tickets.store import TicketStore

START_PAYLOAD = "/inform"
MAX_ENTITY_VALUE = 200
MAX_MESSAGE_CHARS = 4000
MAX_MISSES = 3
"""Messages not understood in a row before a person is offered."""
MISSES = ("not_understood", "out_of_scope")
"""Replies that mean the bot could not act on the message."""
MISUNDERSTOOD_FLOW = "misunderstood"
MESSAGE_NAMES = (
    "greet",
    "greet_again",
    "help",
    "offer_start",
    "out_of_scope",
    "not_understood",
    "start_over",
    "went_back",
    "nothing_to_undo",
    "noted",
    "error_read",
    "thank",
    "glad",
    "goodbye",
    "too_long",
    "unavailable",
    "replanned",
    "moving_on",
    "why_fix",
    "why_question",
    "sorry_slow",
    "glad_meanwhile",
)
"""The flows/messages.yml entries the chat uses (`unavailable`: the REST channel, bot/rasa_adapter/channels.py);
`bot flows check` makes sure they exist."""


LAST = -1
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": LAST}
"""Options picked by position in words ("the second one", "option 3", "the last one")."""


@dataclass
class Incoming:
    """What the NLU made of one user message."""

    text: str = ""
    sender: str = ""
    intent: str | None = None
    confidence: float = 1.0
    entities: list[tuple[str, Any]] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    """What the channel sent with the message (the help page sends its microphone check as `mic_check`)."""
    transcript: Callable[[], list[dict[str, Any]]] = field(default=lambda: [], repr=False)
    """The conversation so far, read from the tracker store when a ticket needs it."""


def prompt_messages(prompt: Prompt, articles: Mapping[str, ArticleRef] | None = None) -> list[Out]:
    """How a flow step looks in chat (the same shape for every channel)."""
    buttons = [
        {
            "title": o.title,
            "payload": "/affirm" if o.value == FIXED else "/deny" if o.value == NOT_FIXED else choice_payload(o.value),
        }
        for o in prompt.options
    ]
    custom = prompt.custom()
    text = f"{prompt.extra['why']}\n\n{prompt.text}" if prompt.extra.get("why") else prompt.text
    if prompt.article:
        article_id, _, anchor = prompt.article.partition("#")
        url = f"/kb/{article_id}" + (f"#{anchor}" if anchor else "")
        title = articles[article_id].title if articles and article_id in articles else "the full guide"
        text = f"{text}\n\nMore detail: [{title}]({url})"
        custom["article"] = url
    if prompt.kind == INSTRUCTION:
        return [Out(text=text), Out(text=prompt.question, buttons=buttons, custom=custom)]
    return [Out(text=text, buttons=buttons, custom=custom)]


def facts_in_text(vocabulary: Vocabulary, text: str) -> dict[str, str]:
    """What typed text says by itself: the facts of a pasted error, then what the vocabulary's phrases and patterns
    find (entities from the NLU are added by `Conversation.facts_from`). Both also read the English glosses of words
    in other languages ("마이크 권한 거부" reads as "microphone permission denied"), appended to each clause."""
    glossed = with_glosses_by_clause(text)
    return {**parse_error_text(glossed).facts, **vocabulary.find_in_text(glossed)}


class Conversation:
    """Decides what a message means for the flow and produces the replies."""

    def __init__(self, engine: Engine, knowledge: KnowledgeChat | None = None, tickets: TicketStore | None = None) -> None:
        self.engine = engine
        self.vocabulary = engine.vocabulary
        self.knowledge = knowledge
        self.handoff = HandoffDialogue(tickets, engine.flow_set.messages, engine, self._prompts)

    def handle(self, state: State, message: Incoming) -> list[Out]:
        """One turn, plus what spans turns: counting misunderstandings, and the handoff after an escalation."""
        misses, state.misses = state.misses, 0
        outs = self._handle(state, message)
        if outs and outs[0].name in MISSES:
            state.misses = misses + 1
            if state.misses >= MAX_MISSES:
                state.misses = 0
                outs = [outs[0], *self._prompts(self.engine.start(state, MISUNDERSTOOD_FLOW, keep_progress=True))]
        ending = next((o.custom for o in outs if (o.custom or {}).get("kind") == ESCALATED), None)
        if ending is not None and not self.handoff.active(state):
            outs = [*outs, *self.handoff.begin(state, ending)]
        return self.handoff.without_offer_after_filing(state, message.sender, outs)

    def facts_from(self, message: Incoming) -> tuple[dict[str, str], str | None]:
        """Normalised facts from entities and any pasted error text; plus a button choice."""
        facts: dict[str, str] = {}
        found: dict[str, set[str]] = {}
        choice: str | None = None
        for name, raw in message.entities:
            value = str(raw)[:MAX_ENTITY_VALUE] if raw is not None else None
            if name == CHOICE_ENTITY and value is not None:
                choice = value
            elif name in self.vocabulary.facts and self.vocabulary.facts[name].entity:
                normalised = self.vocabulary.normalise(name, value)
                if normalised is not None:
                    found.setdefault(name, set()).add(normalised)
                    facts.setdefault(name, normalised)
        if not message.text.startswith("/"):
            read = facts_in_text(self.vocabulary, message.text)
            for key, value in read.items():
                # Two values named at once ("my bluetooth headset ... goes out through the laptop mic"): the
                # vocabulary's order of values decides, not whichever the entity extractor listed last.
                if len(found.get(key, ())) > 1 and value in found[key]:
                    facts[key] = value
                facts.setdefault(key, value)
        return not_a_rival_app(facts, with_glosses_by_clause(message.text)), choice

    def _handle(self, state: State, message: Incoming) -> list[Out]:
        facts, choice = self.facts_from(message)
        turn = Turn(self, state, message, self._in_context(state, facts, message.text), choice)
        if len(message.text) > MAX_MESSAGE_CHARS and not turn.facts:
            # A wall of text with no error in it: ask for something shorter rather than guess.
            return [self._say("too_long"), *self._current_or_offer(state)]
        for reader in READERS:
            replies = reader(turn)
            if replies is not None:
                return replies
        return [self._say("not_understood"), *self._prompts(self.engine.prompt(state))]

    # --- pieces ---------------------------------------------------------------------
    def _mic_check(self, state: State, report: dict[str, Any]) -> list[Out]:
        """Route on what the page's microphone check found (and keep the report for a ticket)."""
        state.diagnostics = report
        found = facts_from_report(report)
        facts = {k: v for k, v in found.items() if k not in ("browser", "os")}
        for key in ("browser", "os"):
            value = self.vocabulary.normalise(key, found.get(key))
            if value and key not in state.facts:
                facts[key] = value
        self.engine.learn(state, facts)
        measured = measured_fix(self.engine, state, report)
        if measured is not None:
            return [self._say(measured[0], summary=plain_findings(facts, self.vocabulary)), *self._prompts(measured[1])]
        if healthy(report):
            opened = sum(1 for d in report["devices"] if d["ok"]) or 1
            intro = self._say("mic_check_ok", count=str(opened))
        else:
            intro = self._say("mic_check_found", summary=plain_findings(facts, self.vocabulary))
        return [intro, *self._prompts(self.engine.start(state, DEFAULT_FLOW, keep_progress=True))]

    def _after_knowledge(self, state: State) -> list[Out]:
        """After a knowledge answer: back to the active flow's question, or offer the guided check."""
        if state.active:
            return [self._say("kb_back_to_flow"), *pending_question(self._prompts(self.engine.prompt(state)))]
        return [] if state.kb else [self._say("offer_start")]

    def _say(self, name: str, **values: str) -> Out:
        return say(self.engine.flow_set.messages, name, **values)

    def _in_context(self, state: State, facts: dict[str, str], text: str) -> dict[str, str]:
        """The facts of a reply that answers the pending question, without those it tells about somewhere else: the
        browser in "safari does it too", to "does it work in another browser?", is the other one. A reply that does
        not answer keeps them ("was using firefox" is the user's own browser)."""
        if text.startswith("/"):
            return facts
        facts = keep_known_setup(facts, state.facts, with_glosses_by_clause(text))
        here = self.engine.current(state)
        known = self.vocabulary.facts.get(here[1].fact or "") if here else None
        if known is None or not known.elsewhere:
            return facts
        if known.name not in facts and self.vocabulary.answer_in_text(known.name, text) is None:
            return facts
        return {k: v for k, v in facts.items() if k not in known.elsewhere}

    def _answer_value(self, state: State, intent: str, choice: str | None, text: str, facts: Mapping[str, str]) -> str | None:
        """The option value this message picks at the current step, 'skip', or None (`facts`: what the message states)."""
        here = self.engine.current(state)
        if here is None:
            return None
        _, step = here
        if step.kind == StepKind.INSTRUCT:
            if choice in (FIXED, NOT_FIXED):
                return choice
            if text.startswith("/"):  # the "Yes, it works now" / "No, still failing" buttons
                return FIXED if intent == "affirm" else NOT_FIXED if intent == "deny" else None
            return fix_outcome(text, intent)
        if choice is not None:
            return choice
        if intent == "dont_know":  # "not that i know of" is still a no to "did anything change?"
            return self._answer_in_words(state, step.fact, text, facts) or "skip"
        return (
            self._match_option(state, text)
            or self._yes_or_no(state, text)
            or self._answer_in_words(state, step.fact, text, facts)
        )

    def _answer_in_words(self, state: State, fact: str | None, text: str, facts: Mapping[str, str]) -> str | None:
        """A reply that answers the pending question (for `fact`) in its own words: one the fact's `answers` patterns read ("not
        that i know of"), or one starting with a yes or a no ("nope, same headset as always"). A reply that states
        the fact outright is read by the evidence reader instead ("yes, it still fails in zoom": fails, not yes)."""
        if fact is None or text.startswith("/") or fact in facts:
            return None  # a button payload is not typed words: '/inform{"ticket": "MIC-1"}' says nothing of a mic
        # The words first: "yes same problem" to "does it work in another browser?" is a failure, not a yes.
        return self.vocabulary.answer_in_text(fact, text) or self._yes_or_no(state, text, leading=True)

    def _yes_or_no(self, state: State, text: str, leading: bool = False) -> str | None:
        """A bare yes or no to a question whose options are worded that way ("Yes, it works elsewhere" / "No, it fails
        there too", "None of these"); with `leading`, a yes or no that starts a longer reply."""
        words = plain_words(text)
        yes, no = (LEADING_YES, LEADING_NO) if leading else (PLAIN_YES, BARE_NO)
        said = "yes" if yes.match(words) else "no" if no.match(words) else None
        if said is None:
            return None
        options = self.engine.options(state)
        named = [o.value for o in options if o.bare == said]  # the flow says what a bare answer means
        wanted = ("yes",) if said == "yes" else ("no ", "no,", "none")
        picked = named or [o.value for o in options if o.title.lower().startswith(wanted)]
        return picked[0] if len(picked) == 1 else None

    def _match_option(self, state: State, text: str) -> str | None:
        """Free text that names an option: its value, its title, a synonym, or its number."""
        wanted = re.sub(r"\s+", " ", text.strip().lower().rstrip(".!"))
        if not wanted or len(wanted) > 100:
            return None
        options = self.engine.options(state)
        named = ORDINALS.get(re.sub(r"^(the|option|number|choice|no) ", "", wanted).removesuffix(" one"))
        number = int(wanted) if wanted.isdigit() else len(options) if named == LAST else named
        if number is not None and 1 <= number <= len(options):
            return options[number - 1].value
        for option in options:
            if wanted in (option.value.lower(), option.title.lower()):
                return option.value
        here = self.engine.current(state)
        fact = here[1].fact if here else None
        normalised = self.vocabulary.normalise(fact or "", wanted)
        return normalised if normalised in {o.value for o in options} else None

    def _prompts(self, prompts: list[Prompt]) -> list[Out]:
        return [out for prompt in prompts for out in prompt_messages(prompt, self.engine.flow_set.articles)]

    def _current_or_offer(self, state: State) -> list[Out]:
        return self._prompts(self.engine.prompt(state)) if state.active else [self._say("offer_start")]

    def _small_talk(self, state: State, intent: str) -> list[Out]:
        active = state.active
        if intent == "greet":
            return [self._say("greet_again" if active else "greet")]
        if intent == "ask_help":
            return [self._say("help"), *([] if active else [self._say("offer_start")])]
        if intent == "out_of_scope":
            return [self._say("out_of_scope"), *([] if active else [self._say("offer_start")])]
        if intent == "thank":
            return [self._say("thank")]
        if intent == "goodbye":
            return [self._say("goodbye")]
        if intent == "affirm" and state.outcome == RESOLVED:
            return [self._say("glad")]
        if intent in ("affirm", "deny", "dont_know") or state.outcome is not None:
            return [self._say("offer_start")]
        return [self._say("not_understood"), self._say("offer_start")]

    def _describe(self, facts: dict[str, str]) -> str:
        return ", ".join(self.vocabulary.title(k, v) for k, v in facts.items() if k != "error_kind")

    def _error_read(self, new_facts: dict[str, str]) -> list[Out]:
        read = {k: v for k, v in new_facts.items() if k in ERROR_FACTS and k != "error_kind"}
        if not read.keys() - {"error_code"}:  # a bare code is just a mention, not a pasted message
            return []
        return [self._say("error_read", summary=self._describe(read))]
