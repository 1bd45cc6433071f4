"""The fast tier's guard against tests that use the developer's var/ (tests/conftest.py): it must see every way in."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.app import paths
from tests.conftest import VAR, VAR_TOUCHED


@pytest.fixture
def guard() -> list[str]:
    """What the guard saw during the test, taken out of its list so that this test itself passes."""
    seen: list[str] = []
    yield seen
    seen.extend(VAR_TOUCHED)
    VAR_TOUCHED.clear()


def test_opening_a_file_under_var_is_seen_even_when_it_fails(guard: list[str]):
    with pytest.raises(OSError):
        open(VAR / "no-such-dir" / "tickets.db", encoding="utf-8")  # the open itself is what the guard sees
    assert VAR_TOUCHED == [f"open {VAR / 'no-such-dir' / 'tickets.db'}"]


def test_a_sqlite_connection_to_var_is_seen_also_as_a_uri(guard: list[str]):
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(f"file:{VAR / 'no-such-dir' / 'kb.db'}?mode=ro", uri=True)
    assert VAR_TOUCHED == [f"sqlite3.connect {VAR / 'no-such-dir' / 'kb.db'}"]


def test_files_elsewhere_are_not_reported(tmp_path: Path, guard: list[str]):
    (tmp_path / "var").mkdir()
    sqlite3.connect(tmp_path / "var" / "tracker.db").close()
    assert VAR_TOUCHED == []


def test_the_stores_found_through_the_environment_are_outside_var():
    for where in (paths.var_dir(), paths.kb_index(), paths.kb_feedback(), paths.tickets_db(), paths.tracker_db()):
        assert not where.resolve().is_relative_to(VAR.resolve()), where
