"""Everything the project stores, on a real PostgreSQL (a private cluster): the same behaviour as on SQLite.

The ticket and webhook tests written for SQLite run unchanged against PostgreSQL; then what only matters when
several hosts share one database: schema versions created once by racing processes, outbox leases that two
workers never share and that expire when a worker dies, staff sessions and knowledge feedback shared between
servers, and `bot report`/retention reading the shared store.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from bot.analytics.records import TRACKER_URL_ENV, read_conversations, read_phone_outcomes, read_tickets
from bot.app.retention import apply_retention
from bot.kb.feedback import FeedbackStore
from bot.store.database import DATABASE_URL_ENV, PostgresDatabase, SQLiteDatabase
from bot.tickets.store import TicketStore
from bot.web.sessions import Sessions
from tests import test_handoff_notify as notify_tests
from tests import test_handoff_store as store_tests
from tests.conftest import ROOT
from tests.stores import PostgresServer, serve


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    yield from serve(PostgresServer())


@pytest.fixture
def pg_url(postgres: PostgresServer) -> str:
    """A fresh, empty database for each test."""
    return postgres.create_database(f"t_{secrets.token_hex(4)}")


@pytest.fixture
def database(pg_url: str) -> Iterator[PostgresDatabase]:
    db = PostgresDatabase(pg_url)
    yield db
    db.close()


@pytest.fixture
def pg_store(database: PostgresDatabase, tmp_path: Path) -> TicketStore:
    return TicketStore(tmp_path / "unused.db", database=database)


SAME_BEHAVIOUR = [
    store_tests.test_create_stores_everything_and_get_reads_it_back,
    store_tests.test_list_is_newest_first_with_paging_and_status_filter,
    store_tests.test_claim_then_resolve_with_audit_trail,
    store_tests.test_invalid_transitions_and_unknown_references,
    store_tests.test_a_conversation_only_sees_its_own_tickets,
    store_tests.test_export_markdown_and_json,
    store_tests.test_fifty_threads_create_at_once_and_nothing_is_lost,
    notify_tests.test_receiver_down_then_up_delivers_each_ticket_exactly_once,
    notify_tests.test_a_server_error_is_retried_with_the_same_key_and_body,
]


@pytest.mark.parametrize("behaviour", SAME_BEHAVIOUR, ids=lambda f: f.__name__.removeprefix("test_"))
def test_the_sqlite_ticket_tests_pass_on_postgresql(behaviour, pg_store: TicketStore):
    behaviour(pg_store)
    assert not (Path(pg_store.path)).exists(), "a SQLite file was written although PostgreSQL is configured"


MIGRATE = (
    "import sys; from pathlib import Path\n"
    "from bot.store.database import PostgresDatabase\n"
    "from bot.tickets.store import TicketStore\n"
    "from bot.kb.feedback import FeedbackStore\n"
    "from bot.web.sessions import Sessions\n"
    "db = PostgresDatabase(sys.argv[1])\n"
    "TicketStore(Path('x'), database=db); FeedbackStore(Path('x'), database=db); Sessions(database=db)\n"
)


def test_schema_is_created_once_with_its_version_by_nodes_starting_together(postgres: PostgresServer, pg_url: str):
    starters = [
        subprocess.Popen([sys.executable, "-c", MIGRATE, pg_url], cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(4)
    ]
    errors = [p.communicate(timeout=120)[1] for p in starters]
    assert [p.returncode for p in starters] == [0, 0, 0, 0], errors
    database = pg_url.rsplit("/", 1)[1]
    connection = postgres.connect(database)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT component, version FROM bot.schema_versions ORDER BY component")
            versions = cursor.fetchall()
            cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'bot' ORDER BY 1")
            tables = [name for (name,) in cursor.fetchall()]
    finally:
        connection.close()
    assert versions == [("feedback", 1), ("sessions", 1), ("tickets", 1)]
    assert tables == ["events", "outbox", "phone_outcomes", "queries", "schema_versions", "staff_sessions", "tickets"]


def test_sqlite_files_get_the_same_schema_version(tmp_path: Path):
    TicketStore(tmp_path / "tickets.db")
    database = SQLiteDatabase(tmp_path / "tickets.db")
    assert database.read(lambda tx: tx.query("select component, version from schema_versions")) == [
        {"component": "tickets", "version": 1}
    ]


LEASER = (
    "import sys, time; from pathlib import Path\n"
    "from bot.store.database import PostgresDatabase\n"
    "from bot.tickets.store import TicketStore\n"
    "store = TicketStore(Path('x'), database=PostgresDatabase(sys.argv[1]))\n"
    "now = float(sys.argv[2])\n"
    "while batch := store.lease_due(now, lease=600, limit=3):\n"
    "    for d in batch:\n"
    "        print(d.id, flush=True); time.sleep(0.01)\n"
)


def test_four_workers_on_different_hosts_never_lease_the_same_outbox_row(pg_store: TicketStore, pg_url: str):
    for n in range(40):
        pg_store.create(store_tests.make_draft(f"conv-{n}"))
    now = str(time.time())
    workers = [
        subprocess.Popen([sys.executable, "-c", LEASER, pg_url, now], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    leased = [p.communicate(timeout=120)[0].split() for p in workers]
    assert all(p.returncode == 0 for p in workers)
    every = [row for rows in leased for row in rows]
    assert sorted(every, key=int) == [str(d["id"]) for d in pg_store.deliveries()], "a row leased twice or never"
    assert sum(1 for rows in leased if rows) >= 2, "one worker took everything: the race was not exercised"


def test_a_dead_workers_lease_expires_and_the_row_is_sent_by_another(pg_store: TicketStore):
    ref = pg_store.create(store_tests.make_draft()).reference
    t0 = time.time()
    (first,) = pg_store.lease_due(t0, lease=35)  # this worker dies before it sends
    assert pg_store.lease_due(t0 + 30, lease=35) == []  # still leased: nobody sends it twice
    (again,) = pg_store.lease_due(t0 + 36, lease=35)
    assert again.id == first.id and again.reference == ref and again.idempotency_key == first.idempotency_key


def test_staff_sessions_are_shared_by_every_web_server(database: PostgresDatabase, pg_url: str):
    other = PostgresDatabase(pg_url)
    try:
        here, there = Sessions(database=database), Sessions(database=other)
        session = here.open("Priya")
        assert (found := there.get(session.id)) is not None and found.name == "Priya"
        stored = database.read(lambda tx: tx.query("select * from staff_sessions"))
        assert len(stored) == 1 and session.id not in str(stored)  # only a hash of the id is kept
        there.close(session.id)
        assert here.get(session.id) is None
        quick = Sessions(idle=1, database=other)
        brief = quick.open("Sam")
        assert quick.get(brief.id) is not None
        time.sleep(1.2)
        assert quick.get(brief.id) is None  # idle too long: gone on every server
        assert database.read(lambda tx: tx.value("select count(*) from staff_sessions")) == 0
    finally:
        other.close()


def test_feedback_ids_are_shared_so_that_helped_lands_on_the_right_row(database: PostgresDatabase, pg_url: str):
    other = PostgresDatabase(pg_url)
    try:
        node_a, node_b = FeedbackStore(Path("x"), database=database), FeedbackStore(Path("x"), database=other)
        asked = node_a.record_query("c1", "Mic blocked in Chrome??", "chrome", "site", 0.2, False)
        node_b.record_query("c2", "mic blocked in chrome", None, None, None, False)
        second = node_b.record_query("c3", "how do I reset teams audio", "teams", "reset", 0.9, True)
        node_b.record_feedback(second, helped=False)  # the next turn reached the other node
        node_a.record_feedback(asked, helped=True)
        gaps = node_b.gaps()
        assert [(g["query"], g["times"], g["unanswered"], g["not_helped"]) for g in gaps] == [
            ("mic blocked in chrome", 2, 2, 0),
            ("how do i reset teams audio", 1, 0, 1),
        ]
    finally:
        other.close()


def test_report_and_retention_read_the_shared_store(pg_store: TicketStore, pg_url: str, monkeypatch, tmp_path: Path):
    monkeypatch.setenv(DATABASE_URL_ENV, pg_url)
    old = pg_store.create(store_tests.make_draft("conv-old"))
    pg_store.resolve(old.reference, "reinstalled the driver", by="Ana")
    pg_store.create(store_tests.make_draft("conv-new"))
    pg_store.record_phone_outcome(
        {
            "case_id": "case-1",
            "outcome": "resolved",
            "flow": "mic_31201",
            "cause": "mic_busy",
            "ticket": None,
            "recorded_at": "2026-01-01T00:00:00+00:00",
        }
    )
    # Rasa's tracker table, as its SQL tracker store makes it, in the default schema of the same database.
    connection = psycopg2.connect(pg_url)
    with connection, connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE public.events (id SERIAL PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp DOUBLE PRECISION,"
            " intent_name TEXT, action_name TEXT, data TEXT)"
        )
        now = time.time()
        for sender, at, text in (("conv-old", now - 10 * 86400, "my mic is dead"), ("conv-new", now, "mic fails in chrome")):
            body = json.dumps({"event": "user", "text": text, "timestamp": at})
            cursor.execute(
                "INSERT INTO public.events (sender_id, type_name, timestamp, data) VALUES (%s, 'user', %s, %s)",
                (sender, at, body),
            )
    connection.close()
    monkeypatch.setenv(TRACKER_URL_ENV, pg_url)
    missing = tmp_path / "no-such-file.db"  # the file paths are ignored: the shared databases are read
    assert {log.sender for log in read_conversations(missing)} == {"conv-old", "conv-new"}
    assert set(read_tickets(missing)) == {"conv-old", "conv-new"}
    assert read_phone_outcomes(missing) == [("resolved", "mic_busy")]
    removed = apply_retention(5, missing, missing, missing, now=time.time() + 86400)
    assert (removed.tickets, removed.conversations) == (0, 1)  # the ticket was resolved only now
    removed = apply_retention(1, missing, missing, missing, now=time.time() + 3 * 86400)
    assert removed.tickets == 1
    assert [t.conversation_id for t in pg_store.list()] == ["conv-new"]
    assert [log.sender for log in read_conversations(missing)] == []
    assert not list(tmp_path.glob("*.db")), "a SQLite file was created"


def test_a_read_only_file_from_before_schema_versions_is_still_readable(tmp_path: Path):
    path = tmp_path / "tickets.db"
    reference = TicketStore(path).create(store_tests.make_draft()).reference
    SQLiteDatabase(path).write(lambda tx: tx.execute("DROP TABLE schema_versions"))  # as an older version left it
    path.chmod(0o444)
    code = (
        "import sys; from pathlib import Path\n"
        "from bot.tickets.store import TicketStore\n"
        "print(TicketStore(Path(sys.argv[1])).get(sys.argv[2]).status)\n"
    )
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    result = subprocess.run(
        [*prefix, sys.executable, "-c", code, str(path), reference], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout.strip()) == (0, "open"), result.stderr
    assert "read-only and was not upgraded" in result.stderr
