"""Scaling out on Rasa's own mechanisms: two nodes share a PostgreSQL tracker store and a Redis lock store.

Each node is what `bot serve` runs on one machine: an action server and a Rasa server pointed at it. Both nodes
use the same model, the same PostgreSQL database and the same Redis; the ticket store and KB index are files
both action servers open (on one machine a shared path; see README "Scaling out" for several machines).
PostgreSQL and Redis are private servers in temporary folders on free ports (tests/stores.py).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.kb.index import build_index
from bot.serve import Servers, latest_model
from tests.chat import customs, free_port, post, tracker
from tests.conftest import ROOT
from tests.stores import PostgresServer, RedisServer

pytestmark = pytest.mark.e2e

PASTED_ERROR = "Error occurred while accessing microphone: NotReadableError: Could not start audio source"


@dataclass
class Cluster:
    nodes: list[Servers]
    postgres: PostgresServer
    redis: RedisServer
    workdir: Path

    @staticmethod
    def turns_handled(node: Servers, sender: str) -> int:
        """How many messages of `sender` this node's Rasa processed (each takes the lock once; DEBUG log)."""
        return _log(node, "rasa").count(f"Acquired lock for conversation '{sender}'")

    def events(self, sender: str) -> list[dict]:
        """The conversation as stored in PostgreSQL, in insertion order."""
        rows = self.postgres.query("SELECT data FROM events WHERE sender_id = %s ORDER BY id", sender)
        return [json.loads(data) for (data,) in rows]


def _log(node: Servers, name: str) -> str:
    return (node.workdir / f"{name}.log").read_text(errors="replace")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    model = latest_model("models")
    assert model is not None, "no trained model: run `make train` (make test does)"
    workdir = tmp_path_factory.mktemp("scale")
    build_index(ROOT / "knowledge", workdir / "kb.db")
    with ExitStack() as cleanup:
        postgres, redis = PostgresServer(), RedisServer()
        cleanup.callback(postgres.stop)
        postgres.start()
        cleanup.callback(redis.stop)
        redis.start()
        token = secrets.token_urlsafe(16)  # one Rasa API token, shared by every node
        shared_files = {
            "BOT_KB_INDEX": str(workdir / "kb.db"),
            "BOT_KB_FEEDBACK": str(workdir / "feedback.db"),
            "BOT_TICKETS_DB": str(workdir / "tickets.db"),
        }
        nodes = [
            Servers(
                model=model,
                rasa_port=free_port(),
                action_port=free_port(),
                workdir=workdir / f"node-{name}",
                token=token,
                tracker_store=postgres.tracker_store(),
                lock_store=redis.lock_store(),
                debug=True,  # the logs show which node handled what, and who waited for the lock
                env=shared_files,
            )
            for name in ("a", "b")
        ]
        for node in nodes:
            cleanup.callback(node.stop)
            node.start()  # all four processes load in parallel
        for node in nodes:
            node.wait_healthy(timeout=300)
        yield Cluster(nodes, postgres, redis, workdir)


def button(replies: list[dict], title: str) -> str:
    """The payload of the button with this title in the last reply that has buttons."""
    buttons = [r["buttons"] for r in replies if r.get("buttons")][-1]
    return next(b["payload"] for b in buttons if b["title"] == title)


def test_a_conversation_alternating_between_two_rasa_servers_stays_consistent(cluster: Cluster):
    node_a, node_b = cluster.nodes
    sender = f"scale-{secrets.token_hex(5)}"
    steps: list[tuple[str, str, str]] = []
    sent: list[str] = []

    def say(node: Servers, message: str) -> list[dict]:
        sent.append(message)
        replies = post(node, sender, message)
        assert replies, f"no reply to {message!r}"
        steps.extend((c["flow"], c["step"], c["kind"]) for c in customs(replies))
        return replies

    replies = say(node_a, "hello")
    assert replies[0]["text"].startswith("Hi!") and not customs(replies)
    replies = say(node_b, PASTED_ERROR)
    assert "NotReadableError" in replies[0]["text"]
    replies = say(node_a, button(replies, "No, still failing"))
    replies = say(node_b, button(replies, "Yes, it works elsewhere"))
    say(node_a, "this is on windows 11")  # the privacy steps again, for Windows
    say(node_b, "yes it works now")

    # Every reply is the next step: none repeated, none skipped.
    assert steps == [
        ("mic_31201", "close_apps", "instruction"),
        ("mic_31201", "ask_mic_elsewhere", "question"),
        ("check_os_privacy", "os_privacy", "instruction"),
        ("check_os_privacy", "os_privacy", "instruction"),
        ("check_os_privacy", "resolved", "resolved"),
    ]

    # Both Rasa servers answer with the same tracker, and it is the one in PostgreSQL.
    tracker_a, tracker_b = tracker(node_a, sender), tracker(node_b, sender)
    assert tracker_a["events"] == tracker_b["events"]
    stored = cluster.events(sender)
    assert [(e["event"], e["timestamp"]) for e in stored] == [(e["event"], e["timestamp"]) for e in tracker_a["events"]]
    assert [e["timestamp"] for e in stored] == sorted(e["timestamp"] for e in stored)
    assert [e["text"] for e in stored if e["event"] == "user"] == sent
    # Each message got exactly one turn of the custom action, ended by listening again.
    actions = [e["name"] for e in stored if e["event"] == "action" and e["name"] != "action_session_start"]
    assert actions == ["action_listen"] + ["action_troubleshoot", "action_listen"] * len(sent)
    state = tracker_a["slots"]["flow_state"]
    assert state["outcome"] == "resolved"
    assert state["facts"]["mic_elsewhere"] == "works" and state["facts"]["os"] == "windows"
    assert state["facts"]["error_name"] == "NotReadableError"
    assert [(a["step"], a["outcome"]) for a in state["attempts"]] == [
        ("close_apps", "not_fixed"),
        ("os_privacy", "fixed"),
    ]

    # Not vacuous: each Rasa processed its share of the messages and called its own action server,
    # and no node fell back to a local SQLite tracker.
    assert cluster.turns_handled(node_a, sender) == 3 and cluster.turns_handled(node_b, sender) == 3
    for node in (node_a, node_b):
        assert _log(node, "actions").count("Received request to run 'action_troubleshoot'") >= 3
        assert "Connected to lock store 'RedisLockStore'" in _log(node, "rasa")
        assert not list(node.workdir.glob("*.db"))


def test_two_messages_at_once_on_two_servers_are_serialised_by_the_redis_lock(cluster: Cluster):
    from rasa.core.lock_store import RedisLockStore

    node_a, node_b = cluster.nodes
    sender = f"scale-{secrets.token_hex(5)}"
    first = post(node_a, sender, "the softphone can't get my microphone, teams is open on my windows laptop")
    assert customs(first)[-1]["kind"] == "instruction"
    before = len(cluster.events(sender))

    # Hold the conversation's lock with Rasa's own lock store, so both messages are in flight together.
    locks = RedisLockStore(host="127.0.0.1", port=cluster.redis.port, db=1)
    held = locks.issue_ticket(sender, lock_lifetime=120)
    results: dict[str, list[dict]] = {}

    def send(name: str, node: Servers, message: str) -> None:
        results[name] = post(node, sender, message)

    def waiting() -> int:
        lock = locks.get_lock(sender)
        return len(lock.tickets) if lock else 0

    threads = []
    try:
        # One after the other only in taking a ticket (Rasa's ticket is a read-modify-write in Redis).
        for name, node, message, tickets in (
            ("a", node_a, "/deny", 2),
            ("b", node_b, "it's chrome by the way", 3),
        ):
            thread = threading.Thread(target=send, args=(name, node, message), daemon=True)
            thread.start()
            threads.append(thread)
            deadline = time.monotonic() + 30
            while waiting() < tickets and time.monotonic() < deadline:
                time.sleep(0.05)
            assert waiting() == tickets, "the message never asked Redis for the lock"
        time.sleep(2)
        assert all(t.is_alive() for t in threads), "a server answered while another held the conversation's lock"
        assert len(cluster.events(sender)) == before, "events written while the lock was held"
    finally:
        locks.cleanup(sender, held)
    for thread in threads:
        thread.join(timeout=60)
    assert set(results) == {"a", "b"}, "a message got no answer"

    # Processed one after the other, in ticket order: a's turn is complete before b's user event.
    new = [e for e in cluster.events(sender)[before:] if e["event"] in ("user", "action", "bot")]
    users = [i for i, e in enumerate(new) if e["event"] == "user"]
    assert [new[i]["text"] for i in users] == ["/deny", "it's chrome by the way"]
    for turn, name in ((new[users[0] + 1 : users[1]], "a"), (new[users[1] + 1 :], "b")):
        assert [e["name"] for e in turn if e["event"] == "action"] == ["action_troubleshoot", "action_listen"]
        assert turn[-1]["event"] == "action", "bot messages after the turn ended"
        said = "\n\n".join(e["text"] for e in turn if e["event"] == "bot" and e["text"])
        assert said == "\n\n".join(r["text"] for r in results[name] if "text" in r)  # REST splits paragraphs
    # The second message saw the first one's state: the site permission steps the first one led to, for Chrome.
    assert customs(results["a"])[-1]["step"] == "site_permission"
    assert customs(results["b"])[-1]["step"] == "site_permission"
    assert any("chrome://settings/content/microphone" in r.get("text", "") for r in results["b"])
    state = tracker(node_b, sender)["slots"]["flow_state"]
    assert state["step"] == "site_permission" and state["facts"]["browser"] == "chrome"
    assert [(a["step"], a["outcome"]) for a in state["attempts"]] == [("close_apps", "not_fixed"), ("site_permission", None)]
    # Both servers really waited for the ticket held in Redis.
    for node in (node_a, node_b):
        assert f"Failed to acquire lock for conversation ID '{sender}'" in _log(node, "rasa")
    assert waiting() == 0, "the lock was not released"
