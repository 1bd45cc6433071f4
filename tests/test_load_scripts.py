"""The load benchmark's conversations (bench/load_scripts.py) use only payloads the bot knows, and its
reply check tells a right reply from a wrong one. The load run itself is `make bench`, not a test."""

from __future__ import annotations

import json
import re

import yaml

from bench.load_scripts import SCRIPTS, Turn, problem
from bot.chat.handoff import CANCEL, CONSENT, SKIP
from bot.chat.knowledge import FLOW, HELPED, MORE
from bot.flows.engine import Engine
from tests.conftest import ROOT

PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$")


def test_every_payload_names_a_domain_intent_and_a_known_choice(engine: Engine):
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    choices = {c.value for flow in engine.flow_set.flows.values() for step in flow.steps for c in step.choices}
    choices |= {CANCEL, CONSENT, SKIP, FLOW, HELPED, MORE}
    payloads = [turn.say for script in SCRIPTS for turn in script.turns if turn.say.startswith("/")]
    assert payloads
    for payload in payloads:
        found = PAYLOAD.match(payload)
        assert found and found.group(1) in intents, payload
        if found.group(2):
            assert json.loads(found.group(2))["choice"] in choices, payload


def test_scripts_reach_both_endings_and_expect_something_of_every_reply():
    assert {script.ending for script in SCRIPTS} == {"resolved", "escalated"}
    for script in SCRIPTS:
        assert all(turn.kind or turn.step or turn.text for turn in script.turns), script.name
        # The ending is the last flow step the script expects: after it come only turns outside the flow
        # (thanks, the handoff's questions, goodbye), never another step.
        assert [t.kind for t in script.turns if t.kind][-1] == script.ending, script.name


def test_the_reply_check_rejects_empty_and_wrong_replies():
    turn = Turn("/deny", kind="question", step="ask_browser")
    right = [{"text": "Which browser?"}, {"custom": {"kind": "question", "step": "ask_browser"}}]
    assert problem(right, turn) is None
    assert problem([], turn) == "empty reply"
    assert problem([{"custom": {"kind": "question", "step": "ask_browser"}}], turn) == "reply without text"
    assert "ask_os" in problem([{"text": "x"}, {"custom": {"kind": "question", "step": "ask_os"}}], turn)
    assert "expected a question" in problem([{"text": "x"}, {"custom": {"kind": "resolved", "step": "resolved"}}], turn)
    assert problem([{"text": "Goodbye!"}], Turn("bye", text="goodbye")) is None
    assert problem([{"text": "Hello"}], Turn("bye", text="goodbye")) is not None
