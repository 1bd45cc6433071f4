"""Several hosts: two nodes that share no files, only PostgreSQL and Redis.

Each node is what one host runs: its own action server, Rasa server and web server (help page, staff console,
consultants' API), its own state folder (BOT_VAR_DIR) and its own copy of the knowledge index. Rasa keeps the
conversations in PostgreSQL (tracker store) and takes the per-conversation lock from Redis through our atomic
lock store (bot/rasa_adapter/lock_store.py); tickets, the webhook outbox, knowledge feedback and staff sessions are in
PostgreSQL too (BOT_DATABASE_URL, bot/store/database.py). A webhook receiver in the test gets the outbox of both nodes.
PostgreSQL and Redis are private servers in temporary folders on free ports (tests/stores.py).
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.app.serve import Servers, free_port, latest_model
from bot.kb.index import build_index
from bot.store.database import PostgresDatabase
from bot.tickets.store import TicketStore
from tests.chat import customs, post, tracker
from tests.conftest import ROOT
from tests.stores import PostgresServer, RedisServer
from tests.test_handoff_notify import SECRET, Receiver

pytestmark = pytest.mark.e2e

PASTED_ERROR = "Error occurred while accessing microphone: NotReadableError: Could not start audio source"
STAFF_TOKEN = secrets.token_urlsafe(16)
DEPLOY = ROOT / "deploy"
WEB_SECRET = secrets.token_urlsafe(16)
REFERENCE = re.compile(r"MIC-[A-Z0-9]{6}")


@dataclass
class Cluster:
    nodes: list[Servers]
    postgres: PostgresServer
    redis: RedisServer
    tickets: TicketStore
    """The shared store, opened by the test as a third host would."""
    webhook_port: int
    receivers: list[Receiver] = field(default_factory=list)

    @staticmethod
    def turns_handled(node: Servers, sender: str) -> int:
        """How many messages of `sender` this node's Rasa processed (each takes the lock once; DEBUG log)."""
        return _log(node, "rasa").count(f"Acquired lock for conversation '{sender}'")

    def events(self, sender: str) -> list[dict]:
        """The conversation as stored in PostgreSQL, in insertion order."""
        rows = self.postgres.query("SELECT data FROM events WHERE sender_id = %s ORDER BY id", sender)
        return [json.loads(data) for (data,) in rows]

    def receiver_up(self) -> Receiver:
        self.receivers.append(Receiver(port=self.webhook_port))
        return self.receivers[-1]

    def receiver_down(self) -> None:
        self.receivers[-1].close()

    def webhook_keys(self) -> list[str]:
        """Every delivery any receiver answered with 200, over the whole module."""
        return [r["key"] for receiver in self.receivers for r in receiver.requests if r["status"] == 200 and r["signature_ok"]]


def node_env(home: Path, postgres: PostgresServer, bot_database: str, redis: RedisServer, webhook_port: int) -> dict[str, str]:
    """What deploy/node.env sets on a host, for this test's servers (Servers adds the Rasa token and the
    action server's port and secret)."""
    return {
        "BOT_DATABASE_URL": bot_database,
        "BOT_TRACKER_URL": postgres.url(),  # the console's analytics read Rasa's tracker there
        "DB_HOST": f"127.0.0.1:{postgres.port}",
        "RASA_DB_PASSWORD": postgres.password,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis.port),
        "BOT_REDIS_URL": f"redis://127.0.0.1:{redis.port}/1",  # the abuse limits' counters
        "SQL_POOL_SIZE": "5",
        "SQL_MAX_OVERFLOW": "5",
        "BOT_STAFF_TOKEN": STAFF_TOKEN,
        "BOT_WEB_SECRET": WEB_SECRET,  # signs the help page's conversation ids: the same key on every host
        "BOT_WEBHOOK_URL": f"http://127.0.0.1:{webhook_port}/hooks/tickets",
        "BOT_WEBHOOK_SECRET": SECRET,
        "BOT_VAR_DIR": str(home),
        "BOT_KB_INDEX": str(home / "kb.db"),
    }


def test_the_recipe_sets_what_the_test_sets(tmp_path: Path):
    """deploy/node.env names exactly the variables this test gives its nodes, plus those Servers adds."""
    names = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "node.env").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    given = set(node_env(tmp_path, PostgresServer(directory=tmp_path), "", RedisServer(directory=tmp_path), 0)) | {
        "RASA_AUTH_TOKEN",
        "BOT_ACTION_PORT",
        "BOT_ACTION_SECRET",
    }
    assert names == given
    procfile = (DEPLOY / "Procfile").read_text()
    assert (
        "--endpoints deploy/endpoints.yml" in procfile and "-m bot.rasa_adapter.action_server --port $BOT_ACTION_PORT" in procfile
    )


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
        bot_database = postgres.create_database("bot")  # Rasa's tracker in `rasa`, ours in `bot`
        cleanup.callback(redis.stop)
        redis.start()
        token = secrets.token_urlsafe(16)  # one Rasa API token, shared by every node
        webhook_port = free_port()
        nodes = []
        for name in ("a", "b"):
            home = workdir / f"host-{name}"  # everything this host keeps: nothing is shared between hosts
            home.mkdir()
            shutil.copy(workdir / "kb.db", home / "kb.db")  # the index is read-only: each host has its own copy
            nodes.append(
                Servers(
                    model=model,
                    rasa_port=free_port(),
                    action_port=free_port(),
                    web_port=free_port(),
                    workdir=home,
                    token=token,
                    endpoints_file=DEPLOY / "endpoints.yml",  # the recipe's file, as every host uses it
                    debug=True,  # the logs show which node handled what, and who waited for the lock
                    env=node_env(home, postgres, bot_database, redis, webhook_port),
                )
            )
        for node in nodes:
            cleanup.callback(node.stop)
            node.start()  # all six processes load in parallel
        for node in nodes:
            node.wait_healthy(timeout=300)
        shared = PostgresDatabase(bot_database)
        cleanup.callback(shared.close)
        cluster = Cluster(nodes, postgres, redis, TicketStore(workdir / "unused.db", database=shared), webhook_port)
        cluster.receiver_up()
        cleanup.callback(lambda: [receiver.close() for receiver in cluster.receivers])
        yield cluster


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
    say(node_b, "this is on windows 11")  # the security-software steps again, for Windows
    say(node_a, "yes it works now")
    assert "welcome" in say(node_b, "thanks")[0]["text"]

    # Every reply is the next step: none repeated, none skipped.
    assert steps == [
        ("mic_31201", "close_apps", "instruction"),
        ("fix_security_software", "security_software", "instruction"),
        ("fix_security_software", "security_software", "instruction"),
        ("fix_security_software", "resolved", "resolved"),
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
    assert state["facts"]["os"] == "windows"
    assert state["facts"]["error_name"] == "NotReadableError"
    assert [(a["step"], a["outcome"]) for a in state["attempts"]] == [
        ("close_apps", "not_fixed"),
        ("security_software", "fixed"),
    ]

    # Not vacuous: each Rasa processed its share of the messages and called its own action server,
    # and no node fell back to a local SQLite tracker.
    assert cluster.turns_handled(node_a, sender) == 3 and cluster.turns_handled(node_b, sender) == 3
    for node in (node_a, node_b):
        assert _log(node, "actions").count("Received request to run 'action_troubleshoot'") >= 3
        assert "Connected to lock store 'AtomicRedisLockStore'" in _log(node, "rasa")
        assert [p.name for p in node.workdir.rglob("*.db")] == ["kb.db"], "a node wrote a SQLite file"


def _chat(node: Servers, sender: str, message: str) -> tuple[str, list[dict]]:
    """One message through a host's help page (/chat): the conversation id it answers with, and the replies."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{node.web_port}/chat", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        return response.headers["X-Conversation-Id"], json.loads(response.read())


def test_the_help_page_on_either_host_continues_one_conversation(cluster: Cluster):
    node_a, node_b = cluster.nodes
    sender, first = _chat(node_a, "new", PASTED_ERROR)
    assert sender.startswith("w-") and customs(first)[-1]["step"] == "close_apps", first
    same, second = _chat(node_b, sender, "closed teams but nope, still failing")  # host b accepts host a's signed id
    assert same == sender and customs(second)[-1]["step"] == "security_software", second
    users = [e["text"] for e in cluster.events(sender) if e["event"] == "user"]
    assert users == [PASTED_ERROR, "closed teams but nope, still failing"]


PAIRS = 6


def _send_together(start: threading.Barrier, replies: dict[str, list[dict]], node: Servers, sender: str, message: str) -> None:
    start.wait()
    replies[message] = post(node, sender, message)


def test_pairs_of_simultaneous_messages_at_two_nodes_never_interleave(cluster: Cluster):
    """Each pair of messages of one conversation reaches the two nodes at the same instant: one waits for
    the other, every message gets one whole turn, and none is lost or overwritten."""
    node_a, node_b = cluster.nodes
    sender = f"race-{secrets.token_hex(5)}"
    post(node_a, sender, "hi")
    sent: list[str] = []
    for n in range(PAIRS):
        start = threading.Barrier(2)
        replies: dict[str, list[dict]] = {}
        pair = (f"hello, are you there? ({n}a)", f"hi again, anyone? ({n}b)")
        threads = [
            threading.Thread(target=_send_together, args=(start, replies, node, sender, text))
            for node, text in zip((node_a, node_b), pair, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(90)
        assert set(replies) == set(pair) and all(replies.values()), "a message got no answer"
        sent += pair

    stored = [e for e in cluster.events(sender) if e["event"] in ("user", "action")]
    users = [e["text"] for e in stored if e["event"] == "user"]
    assert users[0] == "hi" and Counter(users[1:]) == Counter(sent), "a message was lost or stored twice"
    # Strictly one turn after another: user, our action, listen; never a second user message inside a turn.
    pattern = [e["event"] if e["event"] == "user" else e["name"] for e in stored if e.get("name") != "action_session_start"]
    assert pattern == ["action_listen"] + ["user", "action_troubleshoot", "action_listen"] * (len(sent) + 1)
    # Not vacuous: the pairs really collided: the second message of most pairs waited for the first one's turn
    # (on whichever node it arrived; each second of waiting logs one line).
    waits = sum(_log(node, "rasa").count(f"Failed to acquire lock for conversation ID '{sender}'") for node in (node_a, node_b))
    assert waits >= PAIRS // 2, f"only {waits} waits for the lock in {PAIRS} simultaneous pairs"
    assert not cluster.redis.client().exists(f"mic31201:lock:{sender}"), "a lock was left behind"


def _escalate(nodes: list[Servers], sender: str, first: str) -> str:
    """Ask for a person and answer the handoff questions, each message at the next node; the reference."""
    messages = [first, "sam.k@example.com", '/inform{"choice": "handoff_skip"}', '/inform{"choice": "handoff_consent"}']
    replies: list[dict] = []
    for n, message in enumerate(messages):
        replies = post(nodes[n % len(nodes)], sender, message)
    found = REFERENCE.search("\n".join(r.get("text") or "" for r in replies))
    assert found, replies
    return found.group(0)


def _staff_get(url: str, cookie: str = "", bearer: str = "") -> str:
    headers = {"Cookie": f"staff_session={cookie}"} if cookie else {"Authorization": f"Bearer {bearer}"}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        assert response.url == url, f"redirected to {response.url}"
        return response.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object) -> None:
        return None


def _log_in(base: str, name: str, token: str = STAFF_TOKEN) -> tuple[int, str]:
    """Log in to one node's console: the status (a redirect when it worked) and the session cookie."""
    body = urllib.parse.urlencode({"token": token, "name": name, "next": "/staff/queue"}).encode()
    try:
        with urllib.request.build_opener(_NoRedirect).open(f"{base}/staff/login", data=body, timeout=30) as reply:
            return reply.status, ""
    except urllib.error.HTTPError as answer:
        cookie = answer.headers.get("Set-Cookie", "")
        return answer.code, cookie.split("staff_session=", 1)[1].split(";", 1)[0] if "staff_session=" in cookie else ""


def test_an_escalation_filed_on_one_node_is_in_the_other_nodes_queue_and_console(cluster: Cluster):
    node_a, node_b = cluster.nodes
    sender = f"handoff-{secrets.token_hex(5)}"
    post(node_a, sender, "teams is open on my windows laptop in chrome, and the softphone cant get the mic")
    reference = _escalate([node_b, node_a], sender, "this isnt working, can i talk to a real person pls")
    ticket = cluster.tickets.get(reference)
    assert ticket.conversation_id == sender and ticket.trigger == "user_request" and ticket.contact_email == "sam.k@example.com"
    # Learned on node a, filed by node b's action server: the facts and the whole transcript made it across.
    assert (ticket.facts.get("os"), ticket.facts.get("browser")) == ("windows", "chrome"), ticket.facts
    said = [line["text"] for line in ticket.transcript if line["who"] == "user"]
    assert said[:2] == [
        "teams is open on my windows laptop in chrome, and the softphone cant get the mic",
        "this isnt working, can i talk to a real person pls",
    ]
    web_a, web_b = (f"http://127.0.0.1:{node.web_port}" for node in (node_a, node_b))
    # The consultants' API and the queue page of either node list it.
    listed = json.loads(_staff_get(f"{web_a}/api/tickets?status=open", bearer=STAFF_TOKEN))
    assert reference in json.dumps(listed)
    # Failed logins count once for all hosts (in Redis): one on each host makes two.
    assert _log_in(web_a, "Mallory", "guess-1")[0] == 401 and _log_in(web_b, "Mallory", "guess-2")[0] == 401
    assert cluster.redis.client().zcard("mic31201:limit:staff-login:127.0.0.1") == 2
    # A consultant logs in on node a; node b knows the session, and claims in their name.
    status, cookie = _log_in(web_a, "Priya")
    assert status == 302 and cookie
    assert reference in _staff_get(f"{web_b}/staff/queue", cookie=cookie)
    assert "sam.k@example.com" in _staff_get(f"{web_b}/staff/tickets/{reference}", cookie=cookie)
    claim = urllib.request.Request(
        f"{web_b}/staff/tickets/{reference}/claim", data=b"", headers={"Cookie": f"staff_session={cookie}"}, method="POST"
    )
    urllib.request.urlopen(claim, timeout=30).close()  # noqa: S310 - loopback
    claimed = cluster.tickets.get(reference)
    assert (claimed.status, claimed.claimed_by) == ("claimed", "Priya")
    assert [e["kind"] for e in cluster.tickets.events(reference)] == ["created", "claimed"]
    # The analytics on node a count every conversation of both nodes and every ticket from the shared stores.
    report = json.loads(_staff_get(f"{web_a}/staff/api/report", cookie=cookie))["report"]
    senders = {sender for (sender,) in cluster.postgres.query("SELECT DISTINCT sender_id FROM events")}
    assert report["totals"]["tickets"] == cluster.tickets.count() >= 1
    assert report["totals"]["conversations"] + report["totals"]["page_visits"] == len(senders)
    assert any(row["name"] == "user_request" and row["count"] >= 1 for row in report["escalation_triggers"])


def test_both_outbox_workers_deliver_each_ticket_exactly_once_and_a_receiver_down_loses_nothing(cluster: Cluster):
    node_a, node_b = cluster.nodes
    cluster.receiver_down()
    filed = [
        _escalate([node, other], f"webhook-{secrets.token_hex(5)}", "i need to speak with someone from support")
        for node, other in ((node_a, node_b), (node_b, node_a), (node_a, node_b))
    ]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(d["attempts"] >= 1 for ref in filed for d in cluster.tickets.deliveries(ref)):
        time.sleep(0.5)
    assert all(d["attempts"] >= 1 and d["delivered_at"] is None for ref in filed for d in cluster.tickets.deliveries(ref))
    cluster.receiver_up()
    everything = {t.reference for t in cluster.tickets.list(limit=100)}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not everything <= {k.split(":", 1)[1] for k in cluster.webhook_keys()}:
        time.sleep(0.5)
    time.sleep(3)  # both workers keep polling: nothing may arrive twice afterwards
    keys = cluster.webhook_keys()
    assert sorted(keys) == sorted(f"ticket.created:{ref}" for ref in everything), Counter(keys)
    assert all(d["delivered_at"] is not None for d in cluster.tickets.deliveries())
    # The failed attempts while the receiver was down were logged by whichever worker held each lease.
    assert any("webhook for MIC-" in _log(node, "actions") for node in (node_a, node_b))
