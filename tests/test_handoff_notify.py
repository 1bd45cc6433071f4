"""Webhook delivery from the outbox to a real local HTTP receiver: signatures, retries, exactly-once marking."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.app.serve import free_port
from bot.tickets.notify import OutboxWorker, backoff, deliver_pending, sign, worker_from_env
from bot.tickets.store import TicketStore
from tests.test_handoff_store import make_draft

SECRET = "s3cret-for-tests"


class Receiver:
    """An HTTP server on 127.0.0.1 that checks signatures and answers with scripted status codes."""

    def __init__(self, port: int = 0, statuses: list[int] | None = None) -> None:
        self.requests: list[dict] = []
        self.statuses = list(statuses or [])
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                receiver.requests.append(
                    {
                        "key": self.headers["Idempotency-Key"],
                        "signature_ok": hmac.compare_digest(expected, self.headers["X-Signature-SHA256"] or ""),
                        "content_type": self.headers["Content-Type"],
                        "body": json.loads(body),
                        "status": status,
                    }
                )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/tickets"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def keys(self) -> list[str]:
        return [r["key"] for r in self.requests]


@pytest.fixture
def store(tmp_path: Path) -> TicketStore:
    return TicketStore(tmp_path / "tickets.db")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def test_sign_is_hex_hmac_sha256():
    assert sign(b"{}", "k") == hmac.new(b"k", b"{}", hashlib.sha256).hexdigest()
    assert len(sign(b"x", "k")) == 64


def test_backoff_doubles_from_one_second_up_to_five_minutes():
    assert [backoff(n) for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(9) == 256 and backoff(10) == 300 and backoff(1000) == 300


def test_receiver_down_then_up_delivers_each_ticket_exactly_once(store: TicketStore):
    refs = [store.create(make_draft(f"conv-{n}"), f"Case {n}.").reference for n in range(3)]
    keys_before = {d["reference"]: d["idempotency_key"] for d in store.deliveries()}
    port = free_port()
    url = f"http://127.0.0.1:{port}/hooks/tickets"
    t0 = time.time()

    assert deliver_pending(store, url, SECRET, now=t0, timeout=2) == 0  # nothing listening: connection refused
    rows = store.deliveries()
    assert all(r["delivered_at"] is None and r["attempts"] == 1 for r in rows)
    assert all(r["next_attempt_at"] > t0 for r in rows)
    assert all("refused" in r["last_error"].lower() for r in rows), rows[0]["last_error"]
    assert deliver_pending(store, url, SECRET, now=t0 + 0.5, timeout=2) == 0  # not due yet: nothing is tried
    assert all(r["attempts"] == 1 for r in store.deliveries())

    receiver = Receiver(port=port)
    try:
        assert deliver_pending(store, url, SECRET, now=t0 + backoff(1) + 0.1) == 3
        assert deliver_pending(store, url, SECRET, now=t0 + 3600) == 0
        assert sorted(receiver.keys()) == sorted(keys_before.values())  # stable across the retry
        assert len(set(receiver.keys())) == 3
        assert all(r["signature_ok"] and r["content_type"] == "application/json" for r in receiver.requests)
        bodies = {r["body"]["reference"]: r["body"] for r in receiver.requests}
        assert set(bodies) == set(refs)
        assert all(b["event"] == "ticket.created" and b["status"] == "open" and b["summary"] for b in bodies.values())
        assert all(r["delivered_at"] is not None and r["last_error"] is None for r in store.deliveries())
    finally:
        receiver.close()


def test_a_server_error_is_retried_with_the_same_key_and_body(store: TicketStore):
    receiver = Receiver(statuses=[500])
    try:
        ref = store.create(make_draft()).reference
        t0 = time.time()
        assert deliver_pending(store, receiver.url, SECRET, now=t0) == 0
        row = store.deliveries(ref)[0]
        assert (row["attempts"], row["last_error"], row["next_attempt_at"]) == (1, "HTTP 500 Internal Server Error", t0 + 1)
        assert deliver_pending(store, receiver.url, SECRET, now=t0 + 1) == 1
        first, second = receiver.requests
        assert (first["status"], second["status"]) == (500, 200)
        assert first["key"] == second["key"] == f"ticket.created:{ref}"
        assert first["body"] == second["body"] and second["signature_ok"]
    finally:
        receiver.close()


def test_a_wrong_secret_is_visible_to_the_receiver(store: TicketStore, receiver: Receiver):
    store.create(make_draft())
    assert deliver_pending(store, receiver.url, "another secret") == 1
    assert receiver.requests[0]["signature_ok"] is False


def test_worker_delivers_in_the_background_and_resumes_after_a_restart(store: TicketStore, receiver: Receiver):
    worker = OutboxWorker(store, receiver.url, SECRET, interval=0.05)
    worker.start()
    first = store.create(make_draft()).reference
    wait_for(lambda: len(receiver.requests) == 1)
    worker.stop()
    assert not worker.running
    second = store.create(make_draft()).reference
    # Stopped (its thread has ended, asserted above), so the second ticket waits in the outbox for the next worker.
    assert [row["delivered_at"] for row in store.deliveries(second)] == [None] and len(receiver.requests) == 1
    restarted = OutboxWorker(store, receiver.url, SECRET, interval=0.05)  # as after a process restart
    restarted.start()
    try:
        wait_for(lambda: len(receiver.requests) == 2)
    finally:
        restarted.stop()
    assert [r["body"]["reference"] for r in receiver.requests] == [first, second]
    assert all(r["delivered_at"] for r in store.deliveries())


def wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_worker_from_env(store: TicketStore, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("BOT_WEBHOOK_URL", raising=False)
    monkeypatch.delenv("BOT_WEBHOOK_SECRET", raising=False)
    assert worker_from_env(store) is None
    monkeypatch.setenv("BOT_WEBHOOK_URL", "https://hooks.example.com/tickets")
    with pytest.raises(ValueError, match="BOT_WEBHOOK_SECRET"):
        worker_from_env(store)
    monkeypatch.setenv("BOT_WEBHOOK_SECRET", SECRET)
    worker = worker_from_env(store)
    assert worker is not None and worker.url == "https://hooks.example.com/tickets" and not worker.running
    monkeypatch.setenv("BOT_WEBHOOK_URL", "file:///etc/passwd")
    with pytest.raises(ValueError, match="http"):
        worker_from_env(store)
