"""One chat turn as an ordered list of named readers.

Each reader looks at the turn and either answers it (returns the replies) or passes (returns None) to the next.
The order is the policy: a pasted ticket number or a running handoff come before anything else, navigation
before evidence, evidence before the answer to the pending question. A new kind of evidence is one new reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from bot.chat.diagnostics import clean_report
from bot.chat.handoff import EXHAUSTED, find_email
from bot.chat.knowledge import FLOW as KB_FLOW
from bot.chat.knowledge import HELPED as KB_HELPED
from bot.chat.knowledge import MORE as KB_MORE
from bot.chat.knowledge import looks_like_a_question
from bot.chat.protocol import MIC_CHECK_KEY
from bot.chat.replies import Out
from bot.flows.engine import DEFAULT_FLOW, HUMAN_FLOW, State
from bot.flows.evidence import BARE_NO, PLAIN_YES, STATUS, fix_outcome, sounds_poor_after_fix, tells_about_the_problem
from bot.flows.facts import plain_words
from bot.flows.model import FIXED, Step, StepKind
from bot.glossary import with_glosses

if TYPE_CHECKING:
    from bot.chat.conversation import Conversation, Incoming

ERROR_FACTS = ("error_code", "error_name", "error_detail", "error_kind", "sdk")
SPECIALIST_FLOW, KB_UNHELPFUL_FLOW = "specialist", "kb_unhelpful"
MAX_UNHELPFUL = 2
"""Knowledge answers in a row marked "Get more help" before a person is offered."""
NOT_QUESTIONS = frozenset(
    {"affirm", "deny", "greet", "goodbye", "thank", "start_over", "go_back", "request_human", "dont_know", "ask_help"}
)
"""Intents whose messages are never treated as knowledge questions, however they are phrased."""
OWN_SITUATION = re.compile(r"\b(i|im|ive|my|me|we|our|us|mine)\b")
"""Words of someone telling their own situation (matched on `plain_words`)."""
REPORTING = re.compile(r"\b(says|shows|showing|gives|giving|getting|got|keeps|throws|throwing|pops up|fails|failing)\b")
"""What the page does, told as it happened ("the phone page says denied by system, but only sometimes??")."""
ASKING_HOW = re.compile(
    r"\b(how|what|whats|which|difference|explain|mean|means|meaning|sdk|api|js|javascript|getusermedia|deviceid|code"
    r"|function|twilioerror|constraints?)\b"
)
"""A how-to or what-is question, or a developer's: the knowledge base answers those."""
FRUSTRATED = re.compile(
    r"\b(ugh+|argh+|useless|pointless|waste of (my )?time|(this|that|it) (is|s) (stupid|ridiculous|annoying|a joke)|annoying"
    r"|frustrat\w*|fed up|sick of (this|it)|come on|seriously|not helpful|no help|unhelpful|going in circles|wtf|ffs"
    r"|(my )?(boss|manager|supervisor|customers?|clients?|callers?) (is|are) (waiting|on hold)|(third|3rd|fourth|4th|fifth|5th) time"
    r"|urgent|asap|omg|bruh|jeez|geez|fml)\b"
)
"""Exasperation ("ugh", "this is useless"): say sorry and point to a person, then carry on where we were."""
CONTACT_ME = re.compile(
    r"^ (please )?(email|mail|contact|ring|phone) me( back| please| pls)? $|^ send me an? (email|mail)( please| pls)? $"
)
"""Asked to be contacted: the same as asking for a person (the hand-over takes the address)."""
PERSON = (
    r"human|person|agent|someone|somebody|anyone|anybody|representative|rep|operator|technician|tech|support|expert"
    r"|specialist|engineer|manager|supervisor|staff|people|team"
)
"""Who a request for a person names."""
ASKS_FOR_A_PERSON = re.compile(
    rf"\b({PERSON}|humans|hooman|humn|agents|real|live|call|callback|email|phone|talk|speak|contact|reach|ticket|tkt"
    r"|case|escalat\w*|esc|service|engineer\w*|consultant|colleague|transfer|hand|bot|l2|tier|eng|dev|help)\b|🙋"
)
"""Words of a request for a person, in the text or its glosses ("a person")."""
_SOMEONE = rf"(a |an |the |some |any |your |a real |a live |an actual |real |live )?({PERSON})\b"
REQUESTS_A_PERSON = re.compile(
    rf"\b(talk|talking|speak|speaking|chat)( to| with) {_SOMEONE}|\b(get|want|need|like|give|connect|transfer|put"
    rf"|pass|send|hand)( me| us| this| it)?( to| through| over to| with)? {_SOMEONE}|\b(is there|are there|can|could)"
    rf" {_SOMEONE}|\b(escalat\w*|callback|call me|email me|contact me|ring me|open a ticket|raise a ticket)\b"
    r"|\b(real|live|actual) (human|person|agent|people)\b|🙋"
)
"""An English request for a person ("can I talk to someone", "escalate this"), not a story that names one ("someone
mentioned a kernel module", "most agents never see this")."""
FEW_WORDS = 4
"""A message this short that names a person is a request for one ("agent pls", "human")."""
STOP = re.compile(r"^ (nvm|cancel|stop|stop it|never ?mind|nevermind|forget it)( thanks| thank you)? $")
"""Calling the check off mid-way: a goodbye, with the step still on screen for when they come back."""
SMALL_TALK = ("greet", "ask_help", "out_of_scope", "thank", "goodbye")
BARE_REPLY = ("affirm", "deny", "dont_know")
"""Intents of a reply that says yes, no or "not sure" to something (see `bare_reply`)."""
NOT_STORY = ("affirm", "deny", "greet", "thank", "goodbye", "ask_help")
"""Intents whose words are not heard as the story when the message carries no fact."""


@dataclass
class Turn:
    """One message being read: what it says, and what has been learned from it so far."""

    chat: Conversation
    state: State
    message: Incoming
    facts: dict[str, str]
    choice: str | None
    new_facts: dict[str, str] | None = None
    """Facts this message added or changed (set by `learn_facts`)."""

    @property
    def intent(self) -> str:
        return self.message.intent or "nlu_fallback"

    @cached_property
    def words(self) -> str:
        """The message as the readers' patterns read it (`plain_words`), worked out once per message."""
        return plain_words(self.message.text)

    @property
    def typed(self) -> bool:
        """Typed by the user, not a button payload."""
        return not self.message.text.startswith("/")

    @property
    def evidence(self) -> dict[str, str]:
        """New facts the cause model weighs."""
        model = self.chat.engine.causes
        return {k: v for k, v in (self.new_facts or {}).items() if model is not None and k in model.evidence}


Reader = Callable[[Turn], "list[Out] | None"]


def ticket_status(turn: Turn) -> list[Out] | None:
    """ "What's the status of MIC-…?" at any point."""
    if not turn.typed:
        return None
    status = turn.chat.handoff.status(turn.message.text, turn.message.sender)
    return [*status, *turn.chat._current_or_offer(turn.state)] if status is not None else None


def handoff(turn: Turn) -> list[Out] | None:
    """While an escalation collects email, name and consent, every message belongs to it."""
    if not turn.chat.handoff.active(turn.state):
        return None
    message = turn.message
    return turn.chat.handoff.handle(turn.state, message.text, turn.intent, turn.choice, message.sender, message.transcript)


def evidence_at_handoff(turn: Turn) -> list[Out] | None:
    """New evidence while the check's own escalation waits for an email address ("wait, the page is plain http"):
    when it points to a fix not tried yet, no case is filed and the check goes on; otherwise it is kept for the case.
    Someone who asked for a person is never pulled back."""
    chat, state, engine = turn.chat, turn.state, turn.chat.engine
    handoff = state.handoff
    if not (turn.typed and handoff.get("stage") == "email" and handoff.get("trigger") == EXHAUSTED and engine.causes):
        return None
    told = {k: v for k, v in turn.facts.items() if state.facts.get(k) != v}
    if not told.keys() & engine.causes.evidence.keys() or find_email(turn.message.text):
        return None
    noted = chat._say("noted", facts=chat._describe(told))
    before = engine.plan(state)
    _remember(turn)
    after = engine.plan(state)
    # Only a fix that the new evidence itself brought forward: a detail that changes nothing ("it's windows 11")
    # does not undo the hand-over.
    if after.kind != "fix" or after.step == before.step:
        return [noted, chat.handoff.ask_email()]
    again = State.from_dict(state.to_dict())
    again.handoff = {}
    prompts = engine.start(again, DEFAULT_FLOW, keep_progress=True)
    if not again.active:
        return [noted, chat.handoff.ask_email()]
    state.__dict__.update(again.__dict__)
    return [noted, chat._say("handoff_replanned"), *chat._prompts(prompts)]


def mic_check(turn: Turn) -> list[Out] | None:
    """The help page's microphone check report (sent as message metadata)."""
    metadata = turn.message.metadata
    report = clean_report(metadata.get(MIC_CHECK_KEY)) if isinstance(metadata, dict) else None
    if report is None:
        return None
    # What they typed with it counts too ("31201 ... Authorization error" while the check itself passes).
    _remember(turn)
    return turn.chat._mic_check(turn.state, report)


def pasted_error(turn: Turn) -> list[Out] | None:
    """Keep a pasted error message as it was pasted (for the ticket); the facts in it are read below."""
    if turn.typed and any(key in turn.facts for key in ERROR_FACTS):
        turn.state.error_text = turn.message.text[:2000]
    return None


def navigation(turn: Turn) -> list[Out] | None:
    """Start over, a person please, go back."""
    chat, state, engine = turn.chat, turn.state, turn.chat.engine
    if turn.intent == "start_over":
        # "Let's begin again" only makes sense when something had begun.
        said = [chat._say("start_over")] if state.active or state.history or state.facts else []
        state.__dict__.update(State().__dict__)
        engine.learn(state, turn.facts, in_words=turn.typed)
        return [*said, *chat._prompts(engine.start(state))]
    if _asks_for_a_person(turn) or (turn.typed and CONTACT_ME.match(turn.words)):
        engine.learn(state, turn.facts, in_words=turn.typed)
        return chat._prompts(engine.start(state, HUMAN_FLOW, keep_progress=True))
    if turn.intent == "go_back" and not (turn.typed and turn.facts):
        # "I clicked don't allow by mistake" can look like "undo"; a message with facts in it is a story.
        if not state.active or not state.history:
            return [chat._say("nothing_to_undo"), *chat._current_or_offer(state)]
        return [chat._say("went_back"), *chat._prompts(engine.back(state))]
    return None


def _asks_for_a_person(turn: Turn) -> bool:
    """The NLU says so, and the words agree. A typed message read in English must ask for one ("can I talk to
    someone", "escalate") or be a few words that name one ("agent pls"): "someone mentioned a kernel module" is a
    story. In other languages (there are glosses), the person words of the text or its glosses do, unless the message
    answers the pending step: a few answers read as a request ("Áno, v Teamsoch ma počujú normálne ... to je na
    nervy")."""
    if turn.intent != "request_human":
        return False
    if not turn.typed:
        return True
    glossed = plain_words(with_glosses(turn.message.text))
    if REQUESTS_A_PERSON.search(glossed):
        return True
    if glossed == turn.words:  # nothing glossed: read in English
        return len(turn.words.split()) <= FEW_WORDS and ASKS_FOR_A_PERSON.search(turn.words) is not None
    if ASKS_FOR_A_PERSON.search(glossed):
        return True
    step = _pending_step(turn)
    if step is None:
        return True
    if step.kind == StepKind.INSTRUCT:
        return fix_outcome(turn.message.text, turn.intent) is None
    return turn.chat._answer_in_words(turn.state, step.fact, turn.message.text, turn.facts) is None


def learn_facts(turn: Turn) -> list[Out] | None:
    """Remember every fact the message carries, and its words for the story's leaning; a situation that needs a
    specialist goes straight there."""
    if "specialist_case" in _remember(turn):
        return turn.chat._prompts(turn.chat.engine.start(turn.state, SPECIALIST_FLOW, keep_progress=True))
    return None


def _remember(turn: Turn) -> dict[str, str]:
    """Learn the message's facts and hear its words; returns the new facts (also kept on the turn)."""
    turn.new_facts = turn.chat.engine.learn(turn.state, turn.facts, in_words=turn.typed)
    # "Nope, still the same" or "thanks" is an answer or small talk, not more of the story: its words would only
    # add noise to the leaning.
    if turn.typed and (turn.facts or turn.intent not in NOT_STORY):
        turn.chat.engine.hear(turn.state, turn.message.text)
    return turn.new_facts


def knowledge(turn: Turn) -> list[Out] | None:
    """Knowledge buttons (helped / more help / guided check), and questions an article answers."""
    chat, state = turn.chat, turn.state
    if chat.knowledge is None:
        return None
    if turn.choice is not None:
        handled = chat.knowledge.choose(state, turn.choice, state.active)
        state.unhelpful = state.unhelpful + 1 if turn.choice == KB_MORE else 0 if turn.choice == KB_HELPED else state.unhelpful
        if state.unhelpful >= MAX_UNHELPFUL:
            state.unhelpful = 0
            return chat._prompts(chat.engine.start(state, KB_UNHELPFUL_FLOW, keep_progress=True))
        if handled is not None:
            if turn.choice == KB_FLOW and not state.active:
                return chat._prompts(chat.engine.start(state, DEFAULT_FLOW))
            return [*handled, *chat._after_knowledge(state)]
    own_problem = not state.active and _reports_own_problem(turn.message.text)
    if own_problem and turn.evidence:
        # "my earbuds on A2DP show no recording device at all?" reports their own problem: the check answers it
        # (its fix links the same article) and follows up; "how do I allow it again?" stays a question.
        return None
    if turn.intent not in NOT_QUESTIONS and looks_like_a_question(turn.message.text):
        # An off-topic question gets the out-of-scope reply unless an article really answers it; a question that
        # brought facts ("31201 in error.data, so a mic problem?") or tells their own problem ("when i pop the dialer
        # into a new tab the caller hears nothing, why?") is told through the check instead of "no article".
        quiet = turn.intent == "out_of_scope" or bool(turn.new_facts) or own_problem
        answer = chat.knowledge.answer(state, turn.message.text, turn.message.sender, quiet=quiet)
        if answer is not None:
            # A question can carry evidence too ("maybe I mixed up the token's key and secret?"): use it.
            moved = chat.engine.replan(state) if state.active and turn.evidence else None
            if moved is not None:
                return [*answer, chat._say("replanned"), *chat._prompts(moved)]
            return [*answer, *chat._after_knowledge(state)]
    return None


def _reports_own_problem(text: str) -> bool:
    words = plain_words(text)
    return bool(OWN_SITUATION.search(words) or REPORTING.search(words)) and not ASKING_HOW.search(words)


def first_story(turn: Turn) -> list[Out] | None:
    """No check running: a message with facts (or a button) starts one; anything else is small talk."""
    chat, state = turn.chat, turn.state
    if state.active:
        return None
    if turn.new_facts or turn.intent == "inform" or turn.choice is not None or _a_story(turn):
        started = chat.engine.start(state, DEFAULT_FLOW)
        return [*chat._error_read(turn.new_facts or {}), *chat._prompts(started)]
    return chat._small_talk(state, turn.intent)


def changed_error(turn: Turn) -> list[Out] | None:
    """A pasted error can point straight at another cause: route again, keeping what was tried."""
    if not any(key in (turn.new_facts or {}) for key in ERROR_FACTS):
        return None
    restarted = turn.chat.engine.start(turn.state, DEFAULT_FLOW, keep_progress=True)
    return [*turn.chat._error_read(turn.new_facts or {}), *turn.chat._prompts(restarted)]


def answer(turn: Turn) -> list[Out] | None:
    """The answer to the pending question or fix check (a button, an option in words, or how the fix went)."""
    chat, state, engine = turn.chat, turn.state, turn.chat.engine
    value = chat._answer_value(state, turn.intent, turn.choice, turn.message.text, turn.facts)
    if value == "skip":
        return chat._prompts(engine.skip(state) or engine.prompt(state))
    if value is not None:
        moved = engine.answer(state, value)
        if moved is not None:
            poor = value == FIXED and turn.typed and sounds_poor_after_fix(turn.words)
            return [*chat._prompts(moved), *([chat._say("sounds_poor")] if poor else [])]
    return None


def sound_quality(turn: Turn) -> list[Out] | None:
    """ "They can hear me now, but I sound really quiet" at a fix: where to look for how a voice sounds, and "did that
    fix it?" again. The success is qualified, so it stays a clue, not a confirmation ("far away" can be the
    laptop's own microphone picked instead of the headset)."""
    step = _pending_step(turn) if turn.typed and not turn.evidence else None
    if step is None or step.kind != StepKind.INSTRUCT or not sounds_poor_after_fix(turn.words):
        return None
    return [turn.chat._say("sounds_poor"), *turn.chat._prompts(turn.chat.engine.prompt(turn.state))[-1:]]


def evidence(turn: Turn) -> list[Out] | None:
    """New facts in the user's own words, mid-check: move to a better step if the cause model now prefers one."""
    chat, state, engine = turn.chat, turn.state, turn.chat.engine
    if not turn.new_facts:
        if turn.facts and turn.typed and state.active:
            # Something we already knew, said again: more of their story, never "I didn't understand".
            return _carry_on(turn) or [chat._say("noted", facts=chat._describe(turn.facts)), *chat._prompts(engine.prompt(state))]
        return None
    noted = chat._say("noted", facts=chat._describe(turn.new_facts))
    here = engine.current(state)
    model = engine.causes
    if here and model and here[1].id in model.questions and here[1].fact not in turn.new_facts:
        # They told us something else instead of answering: use it, and don't ask the same thing again.
        return [noted, *chat._prompts(engine.skip(state) or engine.prompt(state))]
    if turn.evidence:
        moved = engine.replan(state)
        if moved is not None:
            return [noted, chat._say("replanned"), *chat._prompts(moved)]
    moved = engine.no_outcome(state, before={k: v for k, v in state.facts.items() if k not in turn.new_facts})
    if moved is not None:
        return [noted, chat._say("moving_on"), *chat._prompts(moved)]
    return [noted, *chat._prompts(engine.resume(state))]


SKIP = re.compile(
    r"^ (skip|skip (it|this|that|this one|that one|this step|the question|this question)|pass|move on|lets move on) $"
)
"""Asked to skip the step: a question is let go, a fix is left untried and the next step comes (see `_carry_on`)."""


def skip_step(turn: Turn) -> list[Out] | None:
    return _carry_on(turn) if turn.typed and SKIP.match(turn.words) else None


def story_at_question(turn: Turn) -> list[Out] | None:
    """A sentence about their situation instead of an answer: never "I didn't understand". A question the cause
    model chose is let go (counted as "not sure"); a question a fix needs (which browser?) is asked once more; at
    a fix, only "did that fix it?" is asked again (the steps are still on screen)."""
    return _carry_on(turn) if _a_story(turn) else None


def _carry_on(turn: Turn) -> list[Out] | None:
    """More of the story at a question or a fix (see `story_at_question`); None anywhere else."""
    chat, state, engine = turn.chat, turn.state, turn.chat.engine
    step = _pending_step(turn)
    if step is None:
        return None
    if step.kind == StepKind.INSTRUCT:
        moved = engine.no_outcome(state)
        if moved is not None:
            return [chat._say("moving_on"), *chat._prompts(moved)]
    elif engine.causes is not None and step.id in engine.causes.questions:
        return [chat._say("moved_on"), *chat._prompts(engine.skip(state) or engine.prompt(state))]
    return _ask_again(turn, step)


def _pending_step(turn: Turn) -> Step | None:
    """The question or fix the check waits on an answer to, if any."""
    here = turn.chat.engine.current(turn.state)
    return here[1] if turn.state.active and here and here[1].kind in (StepKind.COLLECT, StepKind.INSTRUCT) else None


def _ask_again(turn: Turn, step: Step) -> list[Out]:
    """At a fix, only "did that fix it?" (the steps are still on screen); at a question, why it is needed and the
    question again."""
    chat, prompts = turn.chat, turn.chat._prompts(turn.chat.engine.prompt(turn.state))
    if step.kind == StepKind.INSTRUCT:
        return [chat._say("did_it_help"), *prompts[-1:]]
    return [chat._say("still_need"), *prompts]


def status_update(turn: Turn) -> list[Out] | None:
    """ "One sec", "did that already", "still the same" mid-check: at a fix, ask how the steps went; at a question,
    say why it is still needed and ask it again (the question was not answered, but the user did not refuse it)."""
    step = _pending_step(turn) if turn.typed else None
    if step is None or not STATUS.search(turn.words):
        return None
    return _ask_again(turn, step)


def bare_reply(turn: Turn) -> list[Out] | None:
    """ "Yes it asked", "not yet", "dunno": a yes, a no or a shrug that fits none of the step's options. It answers
    something, just not this, so the step is asked again with why it matters, not "I didn't understand"."""
    bare = turn.intent in BARE_REPLY or PLAIN_YES.match(turn.words) or BARE_NO.match(turn.words)  # "❌" reads "no"
    step = _pending_step(turn) if turn.typed and bare else None
    return _ask_again(turn, step) if step is not None else None


def _a_story(turn: Turn) -> bool:
    """A typed sentence about their situation. "Help, callers can't hear me" is a story even when the NLU calls it
    a request for help or out of scope; greetings, thanks and goodbyes are not, and an off-topic sentence must
    name something of the problem ("what's the weather tomorrow" stays off topic). One word about the problem is a
    story ("unplugged", "citrix"), but a request for help of two words or less ("help me") is not. Two words the NLU
    reads as a statement are one too ("galaxy s21"); words it cannot place are not ("purple monkey dishwasher")."""
    any_sentence = turn.intent != "out_of_scope"
    fewest_words = 3 if turn.intent == "ask_help" else 1
    return (
        turn.typed
        and turn.intent not in ("greet", "thank", "goodbye")
        and tells_about_the_problem(turn.message.text, any_sentence, fewest_words, statement=turn.intent == "inform")
    )


def fixed_meanwhile(turn: Turn) -> list[Out] | None:
    """ "Fixed!" while a question is pending: glad, and the question stays for when it comes back. No fix of ours
    was tried, so the case is not closed as resolved by one (that would credit a fix nobody showed). A plain "yes"
    is not "fixed" there (see `bare_reply`)."""
    step = _pending_step(turn) if turn.typed else None
    if step is None or step.kind != StepKind.COLLECT or fix_outcome(turn.message.text, turn.intent) != FIXED:
        return None
    if PLAIN_YES.match(turn.words):
        return None  # a plain "yes" to a question agrees with something in it; it does not say the problem is gone
    return [turn.chat._say("glad_meanwhile"), *turn.chat._prompts(turn.chat.engine.prompt(turn.state))]


def frustration(turn: Turn) -> list[Out] | None:
    """ "Ugh, this is useless": sorry, a button to a person, and the step's question again (its steps are still on
    screen, so they are not repeated)."""
    if not (turn.typed and FRUSTRATED.search(turn.words)):
        return None
    return [turn.chat._say("sorry_slow"), *turn.chat._current_or_offer(turn.state)[-1:]]


def small_talk(turn: Turn) -> list[Out] | None:
    if turn.typed and STOP.match(turn.words):
        return [turn.chat._say("goodbye"), *turn.chat._prompts(turn.chat.engine.prompt(turn.state))]
    if turn.intent not in SMALL_TALK:
        return None
    return [*turn.chat._small_talk(turn.state, turn.intent), *turn.chat._prompts(turn.chat.engine.prompt(turn.state))]


READERS: tuple[Reader, ...] = (
    ticket_status,
    evidence_at_handoff,
    handoff,
    mic_check,
    pasted_error,
    navigation,
    learn_facts,
    knowledge,
    first_story,
    answer,
    changed_error,
    sound_quality,
    evidence,
    skip_step,
    frustration,
    fixed_meanwhile,
    story_at_question,
    status_update,
    bare_reply,
    small_talk,
)
"""In order; the first reader that answers ends the turn. Nothing answered: "Sorry, I didn't quite get that"."""
