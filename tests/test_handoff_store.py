"""Ticket storage on real SQLite files: lifecycle, isolation, references, durability under concurrency."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.app.loading import vocabulary
from bot.tickets.store import (
    REFERENCE,
    REFERENCE_ALPHABET,
    Ticket,
    TicketDraft,
    TicketError,
    TicketStore,
    new_reference,
)
from bot.tickets.summary import summarise
from tests.conftest import ROOT


def make_draft(conversation: str = "conv-1", **changes) -> TicketDraft:
    """A typical escalation after the whole tree was tried."""
    values = {
        "conversation_id": conversation,
        "trigger": "exhausted",
        "reason": "",
        "facts": {
            "browser": "chrome",
            "os": "windows",
            "device": "usb",
            "app": "teams",
            "error_code": "31201",
            "error_name": "NotReadableError",
            "audience": "end_user",
        },
        "error_text": "NotReadableError: Could not start audio source",
        "steps_tried": [
            {"flow": "mic_31201", "step": "close_apps", "cause": "mic_busy", "fix": "close_apps", "outcome": "not_fixed"},
            {
                "flow": "mic_31201",
                "step": "site_permission",
                "cause": "site_blocked",
                "fix": "site_permission",
                "outcome": "not_fixed",
            },
        ],
        "diagnostics": {"devices": 2, "permission": "granted"},
        "kb_articles": ["browser-site-permissions#chrome"],
        "transcript": [
            {"at": 1_700_000_000.0, "who": "user", "text": "my mic fails with 31201"},
            {"at": 1_700_000_005.0, "who": "bot", "text": "Which browser do you use?"},
        ],
        "contact_email": "jane@example.com",
        "contact_name": "Jane",
    }
    values.update(changes)
    return TicketDraft(**values)


def file_ticket(store: TicketStore, draft: TicketDraft) -> Ticket:
    """Store the draft with its summary, as the chat and the staff script do."""
    return store.create(draft, summarise(draft, vocabulary()))


@pytest.fixture
def store(tmp_path: Path) -> TicketStore:
    return TicketStore(tmp_path / "tickets.db")


def test_create_stores_everything_and_get_reads_it_back(store: TicketStore):
    ticket = store.create(make_draft())
    assert REFERENCE.fullmatch(ticket.reference)
    assert ticket.status == "open" and ticket.created_at == ticket.updated_at
    assert datetime.fromisoformat(ticket.created_at).tzinfo == timezone.utc
    assert (ticket.browser, ticket.os, ticket.device, ticket.apps) == ("chrome", "windows", "usb", ["teams"])
    assert (ticket.error_code, ticket.error_name, ticket.audience, ticket.sdk) == ("31201", "NotReadableError", "end_user", None)
    assert ticket.facts["app"] == "teams"
    stored = store.get(ticket.reference)
    assert stored == ticket
    assert stored.steps_tried[1]["fix"] == "site_permission" and stored.diagnostics == {"devices": 2, "permission": "granted"}
    assert stored.transcript[0] == {"at": 1_700_000_000.0, "who": "user", "text": "my mic fails with 31201"}
    assert store.get(ticket.reference.lower() + " ").reference == ticket.reference
    assert [e["kind"] for e in store.events(ticket.reference)] == ["created"]


def test_create_is_committed_with_its_outbox_row(store: TicketStore):
    ticket = store.create(make_draft(), "The user reports a microphone problem.")
    with sqlite3.connect(store.path) as conn:  # a separate connection sees both rows
        assert conn.execute("select status from tickets where reference = ?", [ticket.reference]).fetchone() == ("open",)
        row = conn.execute("select payload, idempotency_key, attempts, delivered_at from outbox").fetchone()
    payload = json.loads(row[0])
    assert payload["event"] == "ticket.created" and payload["reference"] == ticket.reference
    assert payload["summary"] == ticket.summary
    assert row[1:] == (f"ticket.created:{ticket.reference}", 0, None)


def test_summary_is_one_paragraph_from_the_facts(store: TicketStore):
    ticket = store.create(make_draft(), summarise(make_draft(), vocabulary()))
    assert ticket.summary == summarise(make_draft(), vocabulary())
    assert ticket.summary.startswith(
        "The user (an end user) reports Twilio error 31201 (NotReadableError) in Google Chrome on Windows with their "
    )
    assert "; Microsoft Teams was open." in ticket.summary
    assert "They tried: closing other apps (not fixed), checking the site permission (not fixed)." in ticket.summary
    assert ticket.summary.endswith("Escalated because every fix in the tree was tried and failed.")
    assert "\n" not in ticket.summary


def test_summary_without_facts_and_with_a_reason():
    draft = make_draft(trigger="specialist", reason="authorization error not fixed", facts={}, steps_tried=[])
    text = summarise(draft, vocabulary())
    assert text.startswith("The user reports a microphone problem.")
    assert "No fix from the decision tree was tried." in text
    assert text.endswith("Escalated because the case needs a specialist (authorization error not fixed).")
    two_apps = summarise(make_draft(facts={"app": "teams,zoom", "os": "macos"}), vocabulary())
    assert "on macOS; Microsoft Teams and Zoom were open." in two_apps
    assert "no other application was open" in summarise(make_draft(facts={"app": "none"}), vocabulary())


@pytest.mark.parametrize(
    "facts,steps,problem",
    [
        ({"error_kind": "auth_error"}, [], "an authorization (access token) error"),
        (
            {},
            [{"fix": "check_access_token", "cause": "auth_error", "outcome": "not_fixed"}],
            "an authorization (access token) error",
        ),
        ({"error_kind": "permission_denied"}, [], "a microphone permission error"),
        ({}, [{"fix": "close_apps", "cause": "exclusive_app", "outcome": "not_fixed"}], "a microphone problem"),
    ],
)
def test_summary_names_the_kind_of_problem_when_no_code_is_known(facts, steps, problem):
    assert summarise(make_draft(facts=facts, steps_tried=steps), vocabulary()).startswith(f"The user reports {problem}")


def test_draft_is_checked():
    with pytest.raises(TicketError, match="trigger"):
        make_draft(trigger="bored")
    with pytest.raises(TicketError, match="email"):
        make_draft(contact_email="")


def test_list_is_newest_first_with_paging_and_status_filter(store: TicketStore):
    refs = [store.create(make_draft(f"conv-{n}")).reference for n in range(5)]
    assert [t.reference for t in store.list()] == refs[::-1]
    assert [t.reference for t in store.list(limit=2, offset=1)] == refs[::-1][1:3]
    assert all(isinstance(t, Ticket) for t in store.list())
    store.claim(refs[0], "alice")
    store.resolve(refs[1], "new headset", by="bob")
    assert [t.reference for t in store.list(status="claimed")] == [refs[0]]
    assert (store.count(), store.count("open"), store.count("claimed"), store.count("resolved")) == (5, 3, 1, 1)
    with pytest.raises(TicketError, match="unknown status"):
        store.list(status="closed")


def test_claim_then_resolve_with_audit_trail(store: TicketStore):
    ref = store.create(make_draft()).reference
    claimed = store.claim(ref, "alice")
    assert (claimed.status, claimed.claimed_by) == ("claimed", "alice") and claimed.claimed_at
    assert claimed.updated_at >= claimed.created_at
    resolved = store.resolve(ref, "Updated the headset firmware")
    assert (resolved.status, resolved.resolved_by, resolved.resolution_note) == (
        "resolved",
        "alice",
        "Updated the headset firmware",
    )
    events = store.events(ref)
    assert [(e["kind"], e["who"]) for e in events] == [("created", "bot"), ("claimed", "alice"), ("resolved", "alice")]
    assert events[2]["note"] == "Updated the headset firmware"


def test_invalid_transitions_and_unknown_references(store: TicketStore):
    ref = store.create(make_draft()).reference
    store.claim(ref, "alice")
    with pytest.raises(TicketError, match=f"{ref} is already claimed by alice"):
        store.claim(ref, "bob")
    store.resolve(ref, "fixed", by="alice")
    with pytest.raises(TicketError, match="already resolved"):
        store.resolve(ref, "again")
    with pytest.raises(TicketError, match="already resolved"):
        store.claim(ref, "bob")
    open_ref = store.create(make_draft()).reference
    with pytest.raises(TicketError, match="note"):
        store.resolve(open_ref, "  ")
    with pytest.raises(TicketError, match="who"):
        store.claim(open_ref, "")
    assert store.resolve(open_ref, "solved by phone", by="carol").status == "resolved"  # open -> resolved directly
    missing = "MIC-ZZZZZZ" if ref != "MIC-ZZZZZZ" else "MIC-YYYYYY"
    with pytest.raises(TicketError, match=f"no ticket {missing}"):
        store.get(missing)
    with pytest.raises(TicketError, match="no ticket"):
        store.claim(missing, "alice")
    with pytest.raises(TicketError, match="not a ticket reference"):
        store.get("MIC-0O1I00")
    assert isinstance(TicketError("x"), ValueError)


def test_a_conversation_only_sees_its_own_tickets(store: TicketStore):
    mine = store.create(make_draft("conv-a")).reference
    theirs = store.create(make_draft("conv-b")).reference
    assert store.for_conversation(mine, "conv-a").reference == mine
    assert store.for_conversation(mine.lower(), "conv-a").reference == mine
    assert store.for_conversation(theirs, "conv-a") is None
    assert store.for_conversation(mine, "") is None
    assert store.for_conversation("MIC-222222" if mine != "MIC-222222" else "MIC-333333", "conv-a") is None
    assert store.for_conversation("not a ref", "conv-a") is None


def test_export_markdown_and_json(store: TicketStore):
    ref = store.create(make_draft(contact_name="<b>Jane</b>", error_text="oops ``` `injected`")).reference
    store.claim(ref, "alice")
    markdown = store.export(ref, "md")
    assert markdown.startswith(f"# Ticket {ref}\n")
    for part in (
        "## Summary",
        "## Facts",
        "- browser: chrome",
        "## Steps tried",
        "1. close_apps in mic_31201/close_apps",
        "## Transcript",
    ):
        assert part in markdown
    assert "user: my mic fails with 31201" in markdown and "claimed by alice" in markdown
    assert "<b>" not in markdown and "- Contact: \\<b\\>Jane\\</b\\> (jane@example.com)" in markdown
    assert "````\noops ``` `injected`\n````" in markdown  # the fence is longer than any backtick run inside
    data = json.loads(store.export(ref, "json"))
    assert data["reference"] == ref and data["status"] == "claimed"
    assert [e["kind"] for e in data["events"]] == ["created", "claimed"]
    with pytest.raises(TicketError, match="format"):
        store.export(ref, "pdf")


def test_references_are_unambiguous_and_unique():
    # 32^6 (about 10^9) references: 200 draws share one with a chance of 1 in 50,000 (5,000 draws did, 1 in 85);
    # the store, not chance, keeps stored references unique (the test below).
    refs = {new_reference() for _ in range(200)}
    assert len(refs) == 200
    for ref in refs:
        assert REFERENCE.fullmatch(ref) and not set(ref[4:]) & set("0O1I")
    assert not set(REFERENCE_ALPHABET) & set("0O1I")


def test_a_reference_drawn_twice_is_drawn_again(store: TicketStore, monkeypatch: pytest.MonkeyPatch):
    first = store.create(make_draft("conv-a"))
    draws = iter([first.reference, "MIC-QQQQQQ"])
    monkeypatch.setattr("bot.tickets.store.new_reference", lambda: next(draws))
    second = store.create(make_draft("conv-b"))
    assert second.reference == "MIC-QQQQQQ" and store.get(first.reference).conversation_id == "conv-a"


def test_wal_and_full_sync(store: TicketStore):
    store.create(make_draft())
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_fifty_threads_create_at_once_and_nothing_is_lost(store: TicketStore):
    barrier = threading.Barrier(50)
    refs: list[str] = []
    errors: list[BaseException] = []

    def create(n: int) -> None:
        try:
            barrier.wait()
            refs.append(store.create(make_draft(f"conv-{n}")).reference)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(set(refs)) == 50
    assert store.count() == 50
    deliveries = store.deliveries()
    assert len(deliveries) == 50 and {d["reference"] for d in deliveries} == set(refs)
    assert {t.conversation_id for t in store.list(limit=100)} == {f"conv-{n}" for n in range(50)}


@pytest.mark.slow  # other processes
def test_several_processes_create_at_once(tmp_path: Path):
    path = tmp_path / "tickets.db"
    TicketStore(path)
    code = (
        "import sys; from pathlib import Path\n"
        "from bot.tickets.store import TicketDraft, TicketStore\n"
        "store = TicketStore(Path(sys.argv[1]))\n"
        "for n in range(10):\n"
        "    print(store.create(TicketDraft(f'{sys.argv[2]}-{n}', 'user_request', '', contact_email='a@b.c')).reference)\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, str(path), f"p{p}"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for p in range(4)
    ]
    refs = [line for process in processes for line in process.communicate(timeout=120)[0].split()]
    assert all(process.returncode == 0 for process in processes)
    assert len(set(refs)) == 40 and TicketStore(path).count() == 40 and len(TicketStore(path).deliveries()) == 40


@pytest.mark.slow  # other processes
def test_a_read_only_database_refuses_the_ticket_and_writes_nothing(tmp_path: Path):
    path = tmp_path / "tickets.db"
    store = TicketStore(path)
    existing = store.create(make_draft()).reference
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    code = (
        "import sys; from pathlib import Path\n"
        "from bot.tickets.store import TicketDraft, TicketStore\n"
        "try:\n"
        "    TicketStore(Path(sys.argv[1])).create(TicketDraft('c', 'exhausted', '', contact_email='a@b.c'))\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
        "    sys.exit(0)\n"
        "sys.exit(3)\n"
    )
    prefix: list[str] = []
    if os.geteuid() == 0:  # root ignores file modes unless it gives up the capability to
        if shutil.which("setpriv") is None:
            pytest.fail("running as root without setpriv (util-linux): cannot make a file read-only for this process")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
    result = subprocess.run(
        [*prefix, sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "OperationalError attempt to write a readonly database", result.stdout
    path.chmod(0o644)
    assert [t.reference for t in store.list()] == [existing]
    assert len(store.deliveries()) == 1


def test_a_tickets_file_from_before_the_cause_model_is_upgraded_in_place(tmp_path):
    # A file as the previous version wrote it: no likely_causes column, and one ticket in it.
    path = tmp_path / "old.db"
    store = TicketStore(path)
    reference = store.create(make_draft()).reference
    with sqlite3.connect(path) as db:
        db.execute("alter table tickets drop column likely_causes")
    assert "likely_causes" not in {row[1] for row in sqlite3.connect(path).execute("pragma table_info(tickets)")}
    upgraded = TicketStore(path)
    assert upgraded.get(reference).likely_causes == []  # read as "no ranking", not an error
    ranked = [{"cause": "os_privacy", "title": "The computer's privacy settings block the browser", "probability": 0.7}]
    newer = upgraded.create(make_draft("conv-2", likely_causes=ranked))
    assert upgraded.get(newer.reference).likely_causes == ranked
    exported = upgraded.export(newer.reference, "markdown")
    assert "## Likely causes (when filed)" in exported
    assert "The computer's privacy settings block the browser: 70%" in exported
