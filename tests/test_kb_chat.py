"""Knowledge answers in chat, through the real Rasa action with a real index and feedback store.

The action gets its chat service from the test (the session's index of knowledge/, this test's own feedback and
ticket files), never from environment-configured paths."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from functools import cache
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.app.cli import main
from bot.app.loading import load_engine
from bot.chat.conversation import Conversation
from bot.chat.knowledge import KnowledgeChat
from bot.chat.quota import QuotaTicketStore
from bot.kb.feedback import FeedbackStore
from bot.kb.service import KnowledgeBase
from bot.rasa_adapter.actions import ActionTroubleshoot
from bot.tickets.store import TicketStore
from tests.conftest import FIXTURES


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """Where this test's feedback and ticket stores are."""
    return tmp_path


@pytest.fixture
def action(knowledge: Path, real_kb: KnowledgeBase) -> ActionTroubleshoot:
    """The real action over the shared read-only index (fitting its search models once, not per test) and fresh
    feedback and ticket stores."""

    @cache  # built on first use, in the action's turn thread, which then keeps the stores' connections
    def service() -> Conversation:
        engine = load_engine()
        chat = KnowledgeChat(real_kb, FeedbackStore(knowledge / "feedback.db"), engine.flow_set.messages)
        return Conversation(engine, chat, QuotaTicketStore(TicketStore(knowledge / "tickets.db")))

    return ActionTroubleshoot(service)


def run(action: ActionTroubleshoot, tracker_data: dict) -> tuple[list[dict], dict]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, Tracker.from_dict(tracker_data), {}))
    return dispatcher.messages, events[0]["value"]


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / "trackers" / f"{name}.json").read_text())


def follow_up(data: dict, state: dict, text: str, intent: str = "inform", entities: list | None = None) -> dict:
    return {
        **data,
        "slots": {"flow_state": state},
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []},
    }


def choice(value: str) -> list[dict]:
    return [{"entity": "choice", "value": value, "start": 0, "end": 1}]


def test_question_gets_a_cited_short_answer_with_feedback_buttons(action: ActionTroubleshoot):
    messages, state = run(action, fixture("question_outside_flow"))
    answer = messages[0]
    assert answer["custom"] == {
        "kind": "article",
        "article": answer["custom"]["article"],
        "section": answer["custom"]["section"],
        "url": answer["custom"]["url"],
    }
    assert answer["custom"]["url"] == f"/kb/{answer['custom']['article']}#{answer['custom']['section']}"
    assert f"]({answer['custom']['url']})" in answer["text"]  # the citation links the section quoted
    assert [b["title"] for b in answer["buttons"]] == ["That helped", "Get more help"]
    assert state["kb"]["query"].startswith("how do I allow")


def test_feedback_is_stored_with_the_query_and_gaps_list_it(action: ActionTroubleshoot, knowledge, capsys, monkeypatch):
    data = fixture("question_outside_flow")
    _, state = run(action, data)
    messages, state = run(action, follow_up(data, state, '/inform{"choice": "kb_more"}', entities=choice("kb_more")))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "Walk me through the fixes" in titles and "Talk to a person" in titles
    with sqlite3.connect(knowledge / "feedback.db") as db:
        rows = db.execute("select query, answered, feedback from queries").fetchall()
    assert rows == [("how do I allow the microphone in firefox?", 1, "not_helped")]
    monkeypatch.setenv("BOT_KB_FEEDBACK", str(knowledge / "feedback.db"))  # the command's documented setting
    assert main(["kb", "gaps", "--json"]) == 0
    gaps = json.loads(capsys.readouterr().out)
    assert gaps[0]["example"] == "how do I allow the microphone in firefox?" and gaps[0]["not_helped"] == 1


def test_that_helped_is_recorded(action: ActionTroubleshoot, knowledge):
    data = fixture("question_outside_flow")
    _, state = run(action, data)
    messages, _ = run(action, follow_up(data, state, '/inform{"choice": "kb_helped"}', entities=choice("kb_helped")))
    assert messages[0]["text"].startswith("Glad")
    with sqlite3.connect(knowledge / "feedback.db") as db:
        assert db.execute("select feedback from queries").fetchone()[0] == "helped"


def test_question_during_a_flow_is_answered_then_the_flow_resumes(action: ActionTroubleshoot):
    messages, state = run(action, fixture("question_during_flow"))
    assert messages[0]["custom"]["kind"] == "article"
    assert messages[0]["custom"]["article"] == "close-other-apps"
    flow_steps = [m["custom"] for m in messages if m.get("custom") and "flow" in m["custom"]]
    assert flow_steps[-1]["step"] == "close_apps"
    assert state["step"] == "close_apps" and state["attempts"][0]["outcome"] is None


@pytest.mark.parametrize(
    "name,reply",
    [("off_topic_question", "outside what I can help with"), ("unanswerable_question", "couldn't find an answer")],
)
def test_a_question_without_a_good_answer_is_not_answered(action: ActionTroubleshoot, knowledge, name: str, reply: str):
    messages, _ = run(action, fixture(name))
    assert reply in messages[0]["text"]
    assert not any((m.get("custom") or {}).get("kind") == "article" for m in messages)
    # "Nothing good found" is marked for analytics; an off-topic message is not a knowledge question.
    assert any((m.get("custom") or {}).get("kind") == "no_article" for m in messages) == (name == "unanswerable_question")
    payloads = [b["payload"] for m in messages for b in m.get("buttons", [])]
    assert "/request_human" in payloads and "/inform" in payloads  # the guided check, or a person
    with sqlite3.connect(knowledge / "feedback.db") as db:
        assert db.execute("select answered from queries").fetchone()[0] == 0


def ask(action: ActionTroubleshoot, text: str, intent: str = "inform") -> dict:
    """The first knowledge answer to a question typed outside a flow."""
    data = {
        **fixture("question_outside_flow"),
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []},
    }
    messages, _ = run(action, data)
    answers = [m for m in messages if (m.get("custom") or {}).get("kind") == "article"]
    assert answers, messages
    return answers[0]


def test_an_end_user_answer_shows_the_steps_not_only_the_first_sentence(action: ActionTroubleshoot):
    answer = ask(action, "chrome blocked the microphone for the phone site, how do i allow it again")
    text = answer["text"]
    assert "\n1. " in text and "\n2. " in text and "\n3. " in text  # the numbered steps, one per line
    assert "Allow" in text.split("\n1. ", 1)[1]
    assert f"]({answer['custom']['url']})" in text  # still cited
    assert len(text) < 1600


def test_a_developer_answer_shows_the_key_code(action: ActionTroubleshoot):
    answer = ask(action, "in js how do i tell a token 31201 apart from a microphone 31201? twilioError 20151 or what")
    assert answer["custom"]["article"] == "dev-error-codes"
    assert "```js" in answer["text"] and "twilioError" in answer["text"] and answer["text"].count("```") == 2
    assert f"]({answer['custom']['url']})" in answer["text"]


@pytest.mark.parametrize(
    "question,section",
    [
        ("whats the difference between 31201 and 31402", "31201-vs-31402"),
        ("31402 vs 31201?", "31201-vs-31402"),
        ("upgraded twilio voice sdk and now we see 31402 instead of 31201, what's the difference", "31201-vs-31402"),
        ("difference between 31208 and 31401?", "31208-vs-31401"),
        ("is 20151 the same thing as 31201 authorization error?", "31201-vs-20151"),
    ],
)
def test_a_comparison_question_answers_the_pair_that_was_asked(action: ActionTroubleshoot, question: str, section: str):
    answer = ask(action, question)
    assert (answer["custom"]["article"], answer["custom"]["section"]) == ("dev-error-codes", section)
    first, second = section.split("-vs-")
    assert first in answer["text"] and second in answer["text"]


def test_31201_vs_31208_answers_that_pair_not_another(action: ActionTroubleshoot):
    answer = ask(action, "what is the difference between error 31201 and 31208")
    assert answer["custom"]["section"] in {"31201-vs-31208", "31201-or-31208"}
    assert "31208" in answer["text"] and "31402" not in answer["text"].split("\n")[0]


def test_long_step_lists_stop_at_a_whole_step_and_point_to_the_article(action: ActionTroubleshoot):
    from bot.kb.articles import Section
    from bot.kb.render import chat_answer

    steps = "\n".join(f"{n}. Open the settings page number {n} and check every switch on it carefully." for n in range(1, 40))
    markdown = f"Work through these checks.\n\n{steps}\n"
    text = chat_answer(Section("long", "Long", 1, 1, markdown, markdown))
    shown = [line for line in text.split("\n") if line[:1].isdigit()]
    assert 3 < len(shown) < 39 and text.rstrip().endswith("more in the article)")
    assert all(line.endswith("carefully.") for line in shown)  # never cut inside a step


def test_long_code_is_cut_with_a_pointer_to_the_article(action: ActionTroubleshoot):
    from bot.kb.articles import Section
    from bot.kb.render import chat_answer

    code = "\n".join(f"console.log({n});" for n in range(60))
    markdown = f"Log everything.\n\n```js\n{code}\n```\n"
    text = chat_answer(Section("code", "Code", 1, 1, markdown, "Log everything."), prefer_code=True)
    assert text.count("```") == 2 and "console.log(0);" in text and "console.log(59);" not in text
    assert "the rest is in the article" in text


@pytest.mark.parametrize(
    "question",
    [
        "OverconstrainedError with deviceId exact, what do I do",
        "getting OverconstrainedError when i pass deviceId: {exact: id} to getUserMedia, what should we do?",
    ],
)
def test_a_developer_error_question_gets_the_developer_article_not_the_end_user_fix(action: ActionTroubleshoot, question: str):
    # The error name is also evidence for the guided check, but a question in a developer's words is answered.
    answer = ask(action, question)
    assert answer["custom"]["article"].startswith("dev-"), answer["custom"]


def test_a_question_reporting_their_own_symptom_gets_the_check_and_a_how_to_gets_the_article(action: ActionTroubleshoot):
    """Both have a good article; the first is someone's own problem (the check answers it, its fix linking the
    same article), the second asks how to do something."""
    report = "my earbuds switched to a2dp and now there is no recording device at all?"
    data = {
        **fixture("question_outside_flow"),
        "latest_message": {"text": report, "intent": {"name": "ask_kb", "confidence": 1.0}, "entities": []},
    }
    messages, _ = run(action, data)
    kinds = [(m.get("custom") or {}).get("kind") for m in messages]
    assert "article" not in kinds and "instruction" in kinds, messages
    fix = next(m["custom"] for m in messages if (m.get("custom") or {}).get("kind") == "instruction")
    assert fix["cause"] == "bluetooth_profile" and fix["article"] == "/kb/bluetooth-headset-profiles", fix
    answer = ask(action, "i blocked the microphone in chrome by mistake, how do i allow it again?", intent="ask_kb")
    assert answer["custom"]["article"] in ("permission-denied-31208-31401", "browser-site-permissions"), answer
