"""The assistant listens: stories in people's own words, at every step, through the real Rasa action.

Data-driven from tests/fixtures/listening.yml (see its header). The NLU is not in the loop here, so each turn
names the intent the model gives it; tests/test_stories.yml and the REST tests cover the model itself.
"""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bench.replies import AT_A_FIX
from bot.app.loading import load_engine
from bot.flows.evidence import fix_outcome
from bot.flows.model import FIXED, NOT_FIXED, UNANSWERED
from bot.rasa_adapter import actions as rasa_actions
from tests.conftest import FIXTURES

CONVERSATIONS = yaml.safe_load((FIXTURES / "listening.yml").read_text())
MESSAGES = {name: m.text for name, m in load_engine().flow_set.messages.items()}
NOT_UNDERSTOOD = MESSAGES["not_understood"]


def turn(state: dict | None, text: str, intent: str) -> tuple[list[dict], dict]:
    tracker = {
        "sender_id": "listening",
        "slots": {"flow_state": state},
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    dispatcher = CollectingDispatcher()
    events = asyncio.run(rasa_actions.ActionTroubleshoot().run(dispatcher, Tracker.from_dict(tracker), {}))
    return dispatcher.messages, events[0]["value"]


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["name"] for c in CONVERSATIONS])
def test_people_are_understood_in_their_own_words(conversation: dict):
    state = None
    for step in conversation["turns"]:
        messages, state = turn(state, step["say"], step["intent"])
        texts = " ".join(m.get("text") or "" for m in messages)
        prompts = [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("kind")]
        last = prompts[-1] if prompts else {}
        where = f"{conversation['name']!r} after {step['say']!r}: {last}"
        assert NOT_UNDERSTOOD not in texts, where
        if "cause" in step:
            assert last.get("cause") == step["cause"], where
        if "not_cause" in step:
            assert last.get("cause") != step["not_cause"], where
        if "step" in step:
            assert last.get("step") == step["step"], where
        if "not_step" in step:
            assert last.get("step") != step["not_step"], where
        if "kind" in step:
            assert last.get("kind") in step["kind"], where
        if "says" in step:
            assert step["says"] in texts, where
        if "never_says" in step:
            assert step["never_says"] not in texts, where
        for fact, value in (step.get("learned") or {}).items():
            assert state["facts"].get(fact) == str(value), where
        for fact in step.get("not_learned") or []:
            assert fact not in state["facts"], where
        if "outcome" in step:
            outcomes = [a["outcome"] for a in state["attempts"]]
            # "open": the user did not say how the fix went (still waiting, or moved on from without an answer).
            expected = (None, UNANSWERED) if step["outcome"] == "open" else (step["outcome"],)
            assert outcomes and outcomes[0] in expected, where


REPLIES = yaml.safe_load((FIXTURES / "replies.yml").read_text())


@pytest.mark.parametrize("row", REPLIES, ids=[f"{r['question']}: {r['say'][:40]}" for r in REPLIES])
def test_a_typed_reply_to_a_question_is_read_as_the_answer_it_gives(row: dict):
    engine = load_engine()
    if row["question"] == "did_it_fix":
        _, start = turn(None, AT_A_FIX, "inform")
        fact = None
    else:
        flow = next(f for f in engine.flows.values() if f.step(row["question"]) is not None)
        start, fact = {"flow": flow.id, "step": row["question"]}, flow.step(row["question"]).fact
    messages, state = turn(start, row["say"], row["intent"])
    texts = " ".join(m.get("text") or "" for m in messages)
    assert NOT_UNDERSTOOD not in texts
    if fact is None:
        outcome = state["attempts"][0]["outcome"]
        assert (outcome or "open") == row["means"], state["attempts"]
    else:
        assert state["facts"].get(fact) == (None if row["means"] is None else str(row["means"])), state["facts"]
    for other, value in (row.get("learned") or {}).items():
        assert state["facts"].get(other) == value, state["facts"]


STATEMENTS = yaml.safe_load((FIXTURES / "statements.yml").read_text())
CHAT = rasa_actions.Conversation(load_engine())


@pytest.mark.parametrize("row", STATEMENTS, ids=[r["say"][:40] for r in STATEMENTS])
def test_statements_are_read_as_the_facts_they_carry_and_nothing_else(row: dict):
    facts, _ = CHAT.facts_from(rasa_actions.Incoming(text=row["say"]))
    assert {k: facts.get(k) for k in row["facts"]} == {k: str(v) for k, v in row["facts"].items()}, facts
    assert not set(row.get("none") or []) & set(facts), facts


OUTCOMES = yaml.safe_load((FIXTURES / "outcomes.yml").read_text())
READ_AS = {"fixed": FIXED, "not_fixed": NOT_FIXED, "open": None}


@pytest.mark.parametrize("row", OUTCOMES, ids=[r["say"][:40] for r in OUTCOMES])
def test_a_message_at_a_fix_counts_as_fixed_only_when_the_problem_is_gone(row: dict):
    assert fix_outcome(row["say"], row["intent"]) == READ_AS[row["outcome"]]


SHORT = yaml.safe_load((FIXTURES / "short_replies.yml").read_text())
ANY_READING = ("inform", "affirm", "out_of_scope", "nlu_fallback")
"""What the NLU may call a one- or two-word reply: the reply must be understood whichever it picks."""


def _at_a_fix_and_a_question() -> dict[str, dict]:
    _, at_fix = turn(None, "Teams is open on my Windows laptop in Chrome and every call fails", "inform")
    _, at_question = turn(None, "my microphone isnt working in the web phone, windows laptop, chrome", "inform")
    return {"fix": at_fix, "question": at_question}


@pytest.mark.parametrize("where", ["fix", "question"])
def test_short_replies_that_carry_something_are_never_not_understood(where: str):
    start = _at_a_fix_and_a_question()[where]
    # Where the conversations of this file lead.
    assert start["step"] == {"fix": "close_apps", "question": "ask_error_kind"}[where], start
    missed = [
        (intent, text)
        for text in SHORT["carry_something"]
        for intent in ANY_READING
        if NOT_UNDERSTOOD in " ".join(m.get("text") or "" for m in turn(start, text, intent)[0])
    ]
    assert not missed, f"{len(missed)}: {missed}"


@pytest.mark.parametrize("where", ["fix", "question"])
def test_a_short_statement_is_more_of_the_story(where: str):
    start = _at_a_fix_and_a_question()[where]
    for text in SHORT["statements"]:
        said = " ".join(m.get("text") or "" for m in turn(start, text, "inform")[0])
        assert NOT_UNDERSTOOD not in said, text


@pytest.mark.parametrize("where", ["fix", "question"])
def test_a_bare_yes_or_no_that_fits_no_option_asks_the_step_again(where: str):
    start = _at_a_fix_and_a_question()[where]
    for text in SHORT["bare_replies"]:
        for intent in ("affirm", "deny", "dont_know"):
            messages, after = turn(start, text, intent)
            said = " ".join(m.get("text") or "" for m in messages)
            assert NOT_UNDERSTOOD not in said, (text, intent)
            if after["step"] == start["step"]:  # not taken as an answer: asked again, with why it matters
                assert messages[0]["text"] in (MESSAGES["did_it_help"], MESSAGES["still_need"]), (text, intent, said)


@pytest.mark.parametrize("text", SHORT["noise"])
def test_noise_still_gets_the_fallback(text: str):
    messages, _ = turn(_at_a_fix_and_a_question()["question"], text, "nlu_fallback")
    assert NOT_UNDERSTOOD in " ".join(m.get("text") or "" for m in messages)
