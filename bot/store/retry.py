"""Retrying SQLite writes while another connection holds the write lock ("database is locked").

SQLite's busy timeout already waits for the lock; this adds a few retries with a short randomised backoff
for what the timeout does not cover (a lock held longer, or a busy error SQLite returns without waiting).
Used by every store the project writes itself: tickets (bot/tickets/store.py) and KB feedback.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

BUSY_TIMEOUT = 10.0
"""Seconds a connection waits for another writer before SQLite reports the database as locked."""
LOCK_RETRIES = 6

T = TypeVar("T")


def is_locked(error: sqlite3.OperationalError) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


def retry_locked(action: Callable[[], T], retries: int = LOCK_RETRIES) -> T:
    """Run `action`, retrying with a short randomised backoff while another writer holds the database."""
    for attempt in range(retries):
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not is_locked(error) or attempt == retries - 1:
                raise
            time.sleep(min(1.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")
