"""Staff script mode: a support agent on the phone walks the same flows as the chat, in staff wording.

`ScriptSession` wraps the pure engine (`bot.flows.engine.Engine` over a `State`) and adds what an agent needs:
numbered choices, back (undo), "the customer doesn't know", what we know so far, the case summary at an
ending, and an escalation ticket with the facts collected. The terminal (`bot script`) and the staff
console's Script page (bot/web/console_script.py) both drive it.

A session is plain data (`to_dict`/`from_dict`), so the web page can hold it between requests. The console
signs what it hands out (bot/web/signing.py) and trusts what comes back signed, so `from_dict` only checks
that the flows are still the ones the session was saved under.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from bot.chat.handoff import EMAIL
from bot.flows.engine import Engine, EngineError, Prompt, State
from bot.flows.model import (
    ENDINGS,
    ESCALATED,
    FIXED,
    INSTRUCTION,
    NOT_FIXED,
    OUTCOME_WORDS,
    QUESTION,
    RESOLVED,
    WORKED,
    Flow,
    StepKind,
)
from bot.tickets.store import Ticket, TicketDraft, TicketStore
from bot.tickets.summary import FIXES, describe_case, summarise

STAFF_TRIGGER = "staff"
FIX_TITLES = {FIXED: "Fixed: the test call works", NOT_FIXED: "Still failing"}
"""How the agent records a fix step's outcome (the chat asks the customer "Did that fix it?")."""
OUTCOME_TITLES: dict[str | None, str] = {outcome: words for outcome, words in OUTCOME_WORDS.items()}
OUTCOME_TITLES[None] = "waiting for the customer"
MAX_LOG = 300
"""Entries kept in the session log (it becomes the ticket's transcript)."""
MAX_NOTE = 1000


class ScriptError(ValueError):
    """A choice, command or session the script cannot use; the message says why, in plain words."""


@dataclass
class Choice:
    number: int
    value: str
    title: str


@dataclass
class KnownFact:
    fact: str
    title: str
    value: str
    value_title: str


@dataclass
class TriedStep:
    fix: str
    description: str
    cause: str | None
    outcome: str | None
    outcome_title: str


@dataclass
class Known:
    """What we know so far: facts with their titles, what the customer could not tell, steps tried."""

    facts: list[KnownFact] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    """Titles of the facts the customer did not know."""
    tried: list[TriedStep] = field(default_factory=list)
    causes: list[dict[str, Any]] = field(default_factory=list)
    """The likeliest causes given all of the above (the cause model's ranking): {cause, title, probability}."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        lines = [f"{f.title}: {f.value_title}" for f in self.facts] or ["No facts yet."]
        lines += [f"{title}: the customer doesn't know" for title in self.unknown]
        if self.tried:
            lines.append("Steps tried:")
            lines += [f"  {n}. {t.description}: {t.outcome_title}" for n, t in enumerate(self.tried, 1)]
        else:
            lines.append("No fix step tried yet.")
        if self.causes:
            lines.append("Likely causes:")
            lines += [f"  {c['title']}: {round(c['probability'] * 100)}%" for c in self.causes]
        return lines


@dataclass
class View:
    """The current step as the agent sees it."""

    kind: str
    """question | instruction | resolved | escalated"""
    flow: str
    flow_name: str
    step: str
    staff: str
    """What to say, ask the customer to click, or check."""
    customer: str
    """What the chat would show the customer at this step (for reference)."""
    choices: list[Choice] = field(default_factory=list)
    can_skip: bool = False
    can_back: bool = False
    article: str | None = None
    reason: str | None = None
    summary: str | None = None
    """The case summary, at an ending."""
    ticket: str | None = None
    """The reference of the escalation ticket opened in this session, if any."""

    @property
    def ended(self) -> bool:
        return self.kind in ENDINGS

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ended": self.ended}


def script_flows(engine: Engine) -> list[Flow]:
    """The flows an agent can start: entry flows with something to walk (not a lone ending), default first."""
    flows = [f for f in engine.flows.values() if f.entry and f.first.kind != StepKind.END]
    return sorted(flows, key=lambda f: f.id != engine.default_flow)


@lru_cache(maxsize=4)
def flows_version(engine: Engine) -> str:
    """A digest of what a saved session refers to (flows, their steps, the facts and their values), so a session
    saved under other flows is refused instead of walking steps that moved."""
    shape = {
        "flows": {f.id: [[s.id, s.kind, s.end] for s in f.steps] for f in engine.flows.values()},
        "facts": {name: sorted(fact.values) for name, fact in engine.vocabulary.facts.items()},
    }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def parse_facts(engine: Engine, text: str) -> dict[str, str]:
    """`browser=chrome,os=windows` (values or their titles, any case) to facts; ScriptError on anything unknown."""
    facts: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not raw.strip():
            raise ScriptError(f"{item!r} is not fact=value (for example browser=chrome)")
        facts[name] = raw.strip()
    return check_facts(engine, facts)


def check_facts(engine: Engine, facts: object) -> dict[str, str]:
    """Facts normalised through facts.yml; ScriptError naming the allowed facts or values otherwise."""
    if not isinstance(facts, dict):
        raise ScriptError("facts must be a mapping of fact names to values")
    words = engine.vocabulary
    result: dict[str, str] = {}
    for name, raw in facts.items():
        if name not in words.facts:
            raise ScriptError(f"unknown fact {name!r}: one of {', '.join(words.facts)}")
        value = words.normalise(name, raw)
        if value is None:
            raise ScriptError(f"{raw!r} is not a value of {name!r}: one of {', '.join(words.facts[name].values)}")
        result[name] = value
    return result


class ScriptSession:
    def __init__(self, engine: Engine, state: State, case_id: str, log: list[dict] | None = None, ticket: str | None = None):
        self.engine = engine
        self.state = state
        self.case_id = case_id
        """Stands for the conversation id on the ticket."""
        self.log = log if log is not None else []
        self.ticket = ticket

    # --- starting and saving ----------------------------------------------------------
    @classmethod
    def start(
        cls, engine: Engine, flow_id: str | None = None, facts: dict[str, str] | None = None, error_text: str | None = None
    ) -> ScriptSession:
        flow_id = flow_id or engine.default_flow
        if flow_id not in {f.id for f in script_flows(engine)}:
            names = ", ".join(f.id for f in script_flows(engine))
            raise ScriptError(f"no flow {flow_id!r} to walk: one of {names}")
        state = State()
        if error_text:
            from bot.chat.errortext import parse_error_text

            state.error_text = error_text[:2000]
            engine.learn(state, parse_error_text(error_text).facts)
        engine.learn(state, check_facts(engine, facts or {}))
        session = cls(engine, state, f"staff-{secrets.token_hex(6)}")
        session._note("agent", f"started the script {flow_id}" + (f" knowing {_pairs(state.facts)}" if state.facts else ""))
        session._shown(engine.start(state, flow_id))
        return session

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "flows": flows_version(self.engine),
            "state": self.state.to_dict(),
            "log": list(self.log),
            "ticket": self.ticket,
        }

    @classmethod
    def from_dict(cls, engine: Engine, data: dict[str, Any]) -> ScriptSession:
        """A session saved by `to_dict` and kept safe since (the console signs it); ScriptError if the flows changed."""
        if data.get("flows") != flows_version(engine):
            raise ScriptError("the flows changed since this script started: start again")
        return cls(engine, State.from_dict(data["state"]), data["case"], list(data["log"]), data["ticket"])

    # --- where we are -----------------------------------------------------------------
    def view(self) -> View:
        prompt = self.engine.step_prompt(self.state)
        if prompt is None:
            raise ScriptError("the script is not at any step")
        flow = self.engine.flows[prompt.flow]
        ended = prompt.kind in ENDINGS
        return View(
            kind=prompt.kind,
            flow=flow.id,
            flow_name=flow.name,
            step=prompt.step,
            staff=prompt.staff,
            customer=prompt.text,
            choices=self.choices(prompt),
            can_skip=prompt.kind == QUESTION,
            can_back=self.can_back,
            article=prompt.article,
            reason=self.state.reason if prompt.kind == ESCALATED else None,
            summary=self.summary() if ended else None,
            ticket=self.ticket,
        )

    def choices(self, prompt: Prompt) -> list[Choice]:
        titles = FIX_TITLES if prompt.kind == INSTRUCTION else {}
        return [Choice(n, o.value, titles.get(o.value, o.title)) for n, o in enumerate(prompt.options, 1)]

    @property
    def can_back(self) -> bool:
        """True when there is an earlier step to go back to (the first snapshot is the empty state before starting)."""
        return bool(self.state.history) and bool(self.state.history[-1].get("step"))

    @property
    def ended(self) -> bool:
        return self.state.outcome in ENDINGS

    # --- moving -----------------------------------------------------------------------
    def choose(self, number: int | str) -> View:
        """Pick choice `number` (1-based) of the current step."""
        view = self.view()
        try:
            picked = int(str(number).strip())
        except ValueError:
            raise ScriptError(f"{number!r} is not a choice number") from None
        if view.ended:
            raise ScriptError("the script has ended: go back, or open a ticket")
        choice = next((c for c in view.choices if c.number == picked), None)
        if choice is None:
            raise ScriptError(f"there is no choice {picked}: pick 1 to {len(view.choices)}")
        self._move(lambda: self.engine.answer(self.state, choice.value) or [], f"{view.step}: {choice.title}")
        return self.view()

    def skip(self) -> View:
        """The customer doesn't know the answer: carry on without that fact."""
        view = self.view()
        if not view.can_skip:
            raise ScriptError("only a question can be skipped")
        self._move(lambda: self.engine.skip(self.state) or [], f"{view.step}: the customer doesn't know")
        return self.view()

    def back(self) -> View:
        """Undo the last answer and show that step again."""
        if not self.can_back:
            raise ScriptError("this is the first step: there is nothing to go back to")
        self._move(lambda: self.engine.back(self.state) and [], "went back")
        return self.view()

    # --- what we know -----------------------------------------------------------------
    def known(self) -> Known:
        words = self.engine.vocabulary
        facts = [
            KnownFact(name, words.title(name, None), value, words.title(name, value)) for name, value in self.state.facts.items()
        ]
        unknown = [words.title(name, None) for name in self.state.skipped if name not in self.state.facts]
        tried = [
            TriedStep(a.fix, FIXES.get(a.fix, a.fix.replace("_", " ")), a.cause, a.outcome, OUTCOME_TITLES.get(a.outcome, "?"))
            for a in self.state.attempts
        ]
        return Known(facts, unknown, tried, self.engine.ranked_causes(self.state, limit=3))

    def summary(self) -> str:
        """The case in a few sentences, and how it ended (or where it stands)."""
        steps = self._steps_tried()
        sentences = describe_case(self.state.facts, steps, [], self.engine.vocabulary, who="The customer")
        if self.state.outcome == RESOLVED:
            fixed = [s for s in steps if s["outcome"] == WORKED]
            sentences.append(f"Resolved by {FIXES.get(fixed[-1]['fix'], fixed[-1]['fix'])}." if fixed else "Resolved.")
        elif self.state.outcome == ESCALATED:
            sentences.append(f"Escalated: {self.state.reason or 'no reason given'}.")
        else:
            sentences.append(f"Still open at step {self.state.flow}/{self.state.step}.")
        return " ".join(sentences)

    # --- escalating ---------------------------------------------------------------------
    def open_ticket(self, store: TicketStore, email: str, name: str | None = None, note: str | None = None) -> Ticket:
        """An escalation ticket with the facts, steps tried and the session log.

        At an escalated ending the ending's reason is used; before any ending the agent must say why (`note`).
        """
        if self.ticket:
            raise ScriptError(f"ticket {self.ticket} is already open for this case")
        if self.state.outcome == RESOLVED:
            raise ScriptError("the case is resolved: there is nothing to escalate")
        found = EMAIL.fullmatch((email or "").strip())
        if not found:
            raise ScriptError(f"{email!r} is not an email address: the ticket needs the customer's email")
        note = " ".join((note or "").split())[:MAX_NOTE] or None
        if self.state.outcome == ESCALATED:
            reason = (self.state.reason or "escalated from the script") + (f"; agent's note: {note}" if note else "")
        elif note:
            reason = f"escalated by the agent at step {self.state.flow}/{self.state.step}: {note}"
        else:
            raise ScriptError("say why you escalate before the end of the script (a short note)")
        draft = TicketDraft(
            conversation_id=self.case_id,
            trigger=STAFF_TRIGGER,
            reason=reason,
            facts=dict(self.state.facts),
            error_text=self.state.error_text,
            steps_tried=self._steps_tried(),
            transcript=list(self.log),
            contact_email=found.group(0).lower(),
            contact_name=" ".join((name or "").split())[:100] or None,
        )
        ticket = store.create(draft, summarise(draft, self.engine.vocabulary))
        self.ticket = ticket.reference
        self._note("agent", f"opened ticket {ticket.reference}")
        return ticket

    # --- internals --------------------------------------------------------------------
    def _move(self, move: Callable[[], list[Prompt]], note: str) -> None:
        """Run one engine move and log it; a state the flows cannot continue from (forged or out of date) changes nothing."""
        before = self.state.to_dict()
        try:
            prompts = move()
            self.view()
        except (EngineError, ScriptError):
            self.state = State.from_dict(before)
            raise ScriptError(
                "the script cannot go on from this state (it was changed, or the flows were): start again"
            ) from None
        self._note("agent", note)
        self._shown(prompts)

    def _steps_tried(self) -> list[dict]:
        return [
            {"flow": a.flow, "step": a.step, "cause": a.cause, "fix": a.fix, "outcome": a.outcome} for a in self.state.attempts
        ]

    def _shown(self, prompts: list[Prompt]) -> None:
        for prompt in prompts:
            first = prompt.staff.strip().splitlines()[0] if prompt.staff.strip() else prompt.kind
            self._note("script", f"{prompt.flow}/{prompt.step}: {first}")

    def _note(self, who: str, text: str) -> None:
        self.log = [*self.log, {"at": round(time.time(), 3), "who": who, "text": text[:500]}][-MAX_LOG:]


def _pairs(facts: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in facts.items())
