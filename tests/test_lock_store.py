"""The conversation lock across nodes, on a real Redis (a private server): Rasa's store races, ours does not.

Two processes stand for two nodes. For each of many conversations they ask for a ticket at the same instant
(both spin until an agreed clock time). Two equal tickets mean both nodes hold the lock and run their turns
together. The Rasa-level version of this (messages at two Rasa servers) is in tests/test_scale_out.py.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from rasa.core.lock_store import RedisLockStore

from bot.rasa_adapter.lock_store import AtomicRedisLockStore
from tests.conftest import ROOT
from tests.stores import RedisServer, serve

PAIRS = 150

NODE = (
    "import sys, time\n"
    "from rasa.core.lock_store import RedisLockStore\n"
    "from bot.rasa_adapter.lock_store import AtomicRedisLockStore\n"
    "kind, port, start, pairs, prefix = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]\n"
    "store = (AtomicRedisLockStore if kind == 'atomic' else RedisLockStore)(host='127.0.0.1', port=port, db=1)\n"
    "store.red.ping()\n"
    "for n in range(pairs):\n"
    "    at = start + n * 0.01\n"
    "    while time.time() < at: pass\n"
    "    print(n, store.issue_ticket(f'{prefix}-{n}', 30), flush=True)\n"
)


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    yield from serve(RedisServer())


def race(redis: RedisServer, kind: str) -> dict[int, list[int]]:
    """Both nodes ask for a ticket of each of PAIRS conversations at once; the tickets each conversation got."""
    start = time.time() + 2.0  # both processes are up and connected by then
    prefix = f"{kind}-{start}"
    nodes = [
        subprocess.Popen(
            [sys.executable, "-c", NODE, kind, str(redis.port), str(start), str(PAIRS), prefix],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    tickets: dict[int, list[int]] = {}
    for node in nodes:
        out, _ = node.communicate(timeout=120)
        assert node.returncode == 0
        for pair, ticket in (line.split() for line in out.strip().splitlines()):
            tickets.setdefault(int(pair), []).append(int(ticket))
    assert len(tickets) == PAIRS
    return tickets


def test_rasas_redis_lock_gives_both_nodes_the_same_ticket(redis: RedisServer):
    """Its issue_ticket is GET, append in Python, SET: shown step by step, then raced for real."""
    node_a, node_b = (RedisLockStore(host="127.0.0.1", port=redis.port, db=1) for _ in range(2))
    lock_a = node_a.get_or_create_lock("step-by-step")  # both read before either writes
    lock_b = node_b.get_or_create_lock("step-by-step")
    ticket_a, ticket_b = lock_a.issue_ticket(30), lock_b.issue_ticket(30)
    node_a.save_lock(lock_a)
    node_b.save_lock(lock_b)
    assert ticket_a == ticket_b == 0
    stored = node_a.get_lock("step-by-step")
    assert stored is not None and not stored.is_locked(ticket_a) and not stored.is_locked(ticket_b)  # both "hold" it

    tickets = race(redis, "rasa")
    shared = [pair for pair, got in tickets.items() if len(set(got)) == 1]
    print(f"Rasa's RedisLockStore: {len(shared)} of {PAIRS} simultaneous pairs got the same ticket")
    assert shared, "no pair collided: the race was not exercised"


def test_our_lock_never_gives_two_nodes_the_same_ticket(redis: RedisServer):
    tickets = race(redis, "atomic")
    assert all(sorted(got) == [0, 1] for got in tickets.values()), Counter(tuple(sorted(g)) for g in tickets.values())


def test_our_lock_keeps_rasas_format_and_releases_atomically(redis: RedisServer):
    ours = AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=1)
    rasas = RedisLockStore(host="127.0.0.1", port=redis.port, db=1)
    first, second = ours.issue_ticket("mixed", 30), rasas.issue_ticket("mixed", 30)
    assert (first, second) == (0, 1)  # Rasa's store reads ours and continues the numbering
    lock = rasas.get_lock("mixed")
    assert lock is not None and not lock.is_locked(first) and lock.is_locked(second)
    ours.cleanup("mixed", first)
    lock = ours.get_lock("mixed")
    assert lock is not None and not lock.is_locked(second), "the waiting ticket was lost on release"
    ours.cleanup("mixed", second)
    assert ours.get_lock("mixed") is None and not redis.client().exists(ours.key_prefix + "mixed")
    # An abandoned lock does not stay in Redis for ever.
    ours.issue_ticket("abandoned", 5)
    assert 0 < redis.client().ttl(ours.key_prefix + "abandoned") <= 5 + 60


def test_an_expired_ticket_lets_the_next_one_through(redis: RedisServer):
    ours = AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=1)
    stuck = ours.issue_ticket("expiring", 0.5)  # a node that died holding the lock
    waiting = ours.issue_ticket("expiring", 30)
    assert ours.get_lock("expiring").is_locked(waiting)
    time.sleep(0.7)
    ours.update_lock("expiring")
    lock = ours.get_lock("expiring")
    assert lock is not None and not lock.is_locked(waiting) and stuck != waiting
