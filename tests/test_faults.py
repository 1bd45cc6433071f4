"""Faults: the action server dies mid-conversation, SQLite is locked by another process, the ticket store
cannot be written. (A Rasa restart is in test_e2e.py: test_rasa_restart_resumes_at_the_same_step.)

Real servers, real SQLite files, real processes; every test restores what it breaks, since the session's
servers are shared.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.app.serve import Servers
from bot.kb.feedback import FeedbackStore
from bot.rasa_adapter.channels import unavailable_text
from bot.tickets.store import TicketDraft, TicketStore
from tests.chat import customs, new_sender, post, tracker
from tests.conftest import ROOT

REFERENCE = re.compile(r"MIC-[A-Z0-9]{6}")
HOLD_LOCK = (
    "import sqlite3, sys, time\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
    "db.execute('COMMIT')\n"
)


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def hold_write_lock(path: Path, seconds: float) -> subprocess.Popen:
    """Another process that takes the database's write lock and keeps it for `seconds`; returns once it holds it."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


# The action server ------------------------------------------------------------------------------------


@pytest.mark.e2e
def test_action_server_down_says_try_again_then_continues_at_the_same_step(servers: Servers):
    first, answer = "I get error 31201", "It mentions the microphone"
    control = new_sender()
    post(servers, control, first)
    expected = customs(post(servers, control, answer))[-1]

    sender = new_sender()
    step = customs(post(servers, sender, first))[-1]
    assert step["kind"] == "question"
    servers.stop("actions", kill=True)
    try:
        replies = post(servers, sender, answer)
        assert [r.get("text") for r in replies] == [unavailable_text()]
        assert "try again" in replies[0]["text"]
        assert tracker(servers, sender)["slots"]["flow_state"]["step"] == step["step"]
    finally:
        servers.start_actions()
        servers.wait_healthy(timeout=120, only=("actions",))
    after = customs(post(servers, sender, answer))[-1]
    assert (after["flow"], after["step"]) == (expected["flow"], expected["step"])


# SQLite busy / locked -----------------------------------------------------------------------------------


@pytest.mark.slow  # another process holds the lock
def test_ticket_writes_wait_for_a_writer_holding_the_lock(tmp_path: Path):
    store = TicketStore(tmp_path / "tickets.db", busy_timeout=0.2)  # shorter than the lock: the retries must cover it
    holder = hold_write_lock(store.path, 1.5)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        refs = list(
            pool.map(lambda n: store.create(TicketDraft(f"c{n}", "user_request", "", contact_email="a@b.c")).reference, range(8))
        )
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert waited > 1.0, "the writes did not wait for the lock"
    assert len(set(refs)) == 8 and store.count() == 8 and len(store.deliveries()) == 8


FEEDBACK_WRITER = (
    "import sys; from pathlib import Path\n"
    "from bot.kb.feedback import FeedbackStore\n"
    "store = FeedbackStore(Path(sys.argv[1]), busy_timeout=0.2)\n"
    "for n in range(25):\n"
    "    store.record_feedback(store.record_query(sys.argv[2], f'question {n}', 'a', 's', 1.0, True), True)\n"
)


@pytest.mark.slow  # another process holds the lock
def test_kb_feedback_from_several_processes_while_the_lock_is_held_loses_nothing(tmp_path: Path):
    path = tmp_path / "feedback.db"
    FeedbackStore(path)
    holder = hold_write_lock(path, 1.5)
    writers = [
        subprocess.Popen([sys.executable, "-c", FEEDBACK_WRITER, str(path), f"p{n}"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    holder.wait(timeout=30)
    assert [writer.returncode for writer in writers] == [0, 0, 0, 0], errors
    with sqlite3.connect(path) as db:
        rows = db.execute("select conversation, count(*), sum(feedback = 'helped') from queries group by conversation").fetchall()
    assert sorted(rows) == [(f"p{n}", 25, 25) for n in range(4)]


@pytest.mark.e2e
def test_tracker_store_keeps_every_turn_while_another_process_holds_the_lock(servers: Servers):
    assert servers.tracker_db is not None
    with sqlite3.connect(servers.tracker_db) as db:
        assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    senders = [new_sender() for _ in range(6)]
    messages = ("I get error 31201", "It mentions the microphone", "no, still broken")

    def talk(sender: str) -> list[list[dict]]:
        return [post(servers, sender, message) for message in messages]

    # Longer than pysqlite's default 5 s wait, after which Rasa would keep the turn in memory only.
    holder = hold_write_lock(servers.tracker_db, 7)
    with ThreadPoolExecutor(max_workers=len(senders)) as pool:
        conversations = list(pool.map(talk, senders))
    holder.wait(timeout=30)
    for sender, turns in zip(senders, conversations, strict=True):
        assert all(turn and unavailable_text() not in texts(turn) for turn in turns), turns
        assert customs(turns[-1])[-1]["step"] != customs(turns[0])[-1]["step"]
        with sqlite3.connect(servers.tracker_db) as db:
            said = [row[0] for row in db.execute("select data from events where sender_id = ? and type_name = 'user'", (sender,))]
        assert len(said) == len(messages), sender
        assert tracker(servers, sender)["slots"]["flow_state"]["step"] == customs(turns[-1])[-1]["step"]


# The ticket store cannot be written ------------------------------------------------------------------------


def without_file_override() -> list[str]:
    """A command prefix under which root, too, is refused writes by file modes (as everybody else is)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.fail("running as root without setpriv (util-linux): cannot make a file read-only for this process")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def file_size_limit(size: int) -> list[str]:
    """A command prefix under which no file can grow past `size` bytes: to SQLite, a full disk."""
    if shutil.which("prlimit") is None:
        pytest.fail("prlimit (util-linux) is needed to simulate a full disk")
    return ["prlimit", f"--fsize={size}", "--"]


@pytest.mark.e2e
@pytest.mark.parametrize("fault", ["read_only_file", "disk_full"])
def test_unwritable_ticket_store_gives_no_reference_and_another_way_to_reach_a_specialist(
    servers: Servers, tmp_path: Path, fault: str
):
    db = tmp_path / "tickets.db"
    existing = TicketStore(db).create(TicketDraft("earlier", "user_request", "", contact_email="a@b.c")).reference
    if fault == "read_only_file":
        db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        launcher = without_file_override()
    else:
        # The shared-memory index (32 kB) fits; a ticket's pages in the write-ahead log do not.
        launcher = file_size_limit(32 * 1024)
    # An action server on the same port, with the broken store, behind the session's Rasa.
    faulty = dataclasses.replace(
        servers,
        workdir=tmp_path / "run",
        env={
            **servers.env,
            "BOT_TICKETS_DB": str(db),
            "BOT_KB_FEEDBACK": str(tmp_path / "feedback.db"),
            "BOT_WEBHOOK_URL": "",  # no webhook worker: it would write to the outbox
            "BOT_WEBHOOK_SECRET": "",
        },
        launcher=launcher,
        processes={},
    )
    servers.stop("actions")
    try:
        faulty.start_actions()
        faulty.wait_healthy(timeout=120, only=("actions",))
        sender = new_sender()
        step = customs(post(servers, sender, "Teams is open on my Windows laptop in Chrome and every call fails"))[-1]["step"]
        assert "email" in texts(post(servers, sender, "I want to talk to a person")).lower()
        post(servers, sender, "sam@example.com")
        post(servers, sender, '/inform{"choice": "handoff_skip"}')
        failed = post(servers, sender, '/inform{"choice": "handoff_consent"}')
        again = post(servers, sender, failed[-1]["buttons"][0]["payload"])  # "Try again": still failing
        for replies in (failed, again):
            said = texts(replies)
            assert "couldn't save your case" in said and "no reference" in said
            assert "support@example.com" in said and "+1 555 0100" in said
            assert not REFERENCE.search(said), said
            assert [b["title"] for b in replies[-1]["buttons"]] == ["Try again", "Cancel"]
        cancelled = post(servers, sender, failed[-1]["buttons"][1]["payload"])
        assert "no case was created" in texts(cancelled)
        assert customs(cancelled)[-1]["step"] == step
    finally:
        faulty.stop()
        servers.start_actions()
        servers.wait_healthy(timeout=120, only=("actions",))
    db.chmod(0o644)
    store = TicketStore(db)
    assert [t.reference for t in store.list()] == [existing] and len(store.deliveries()) == 1
    log = (faulty.workdir / "actions.log").read_text(errors="replace")
    assert "Traceback" not in log
    assert f"no ticket could be stored for conversation {sender}" in log
    assert ("readonly database" if fault == "read_only_file" else "disk I/O error") in log, log[-2000:]
