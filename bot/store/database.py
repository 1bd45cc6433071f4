"""Where the project keeps what it writes: one SQLite file per store (the default) or one PostgreSQL database.

Every store (tickets with their history and outbox, knowledge feedback, staff sessions) talks to a `Database`
and writes its SQL once, with `?` placeholders. Two back ends:
- `SQLiteDatabase`: one file through sqlite-utils, WAL, writers take the lock up front (BEGIN IMMEDIATE) and
  retry while another process holds it. What `make run` uses; nothing to set up.
- `PostgresDatabase`: `BOT_DATABASE_URL=postgresql://user:password@host:5432/db`, shared by every host. The
  tables live in their own schema (`bot`), so the database may also hold Rasa's tracker tables. Row locks
  (`FOR UPDATE`, `SKIP LOCKED` for the outbox) replace SQLite's file lock.

Each store declares its schema as numbered migrations; `migrate` applies the missing ones and records the
version in `schema_versions`, under an advisory lock on PostgreSQL so nodes starting together do not race.
PostgreSQL errors are raised as `DatabaseError`/`IntegrityError`, subclasses of sqlite3's, so callers handle
both back ends with the `except sqlite3.Error` they already have.
"""

from __future__ import annotations

import logging
import os
import random
import re
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from bot.store.retry import BUSY_TIMEOUT, retry_locked

DATABASE_URL_ENV = "BOT_DATABASE_URL"
PG_SCHEMA = "bot"
POOL_SIZE = 4
"""PostgreSQL connections one process keeps at most (an action server, `bot web`, a CLI call)."""
PG_RETRIES = 4
logger = logging.getLogger(__name__)
T = TypeVar("T")


class DatabaseError(sqlite3.DatabaseError):
    """A PostgreSQL failure, as the sqlite3 error callers already catch."""


class IntegrityError(sqlite3.IntegrityError):
    """A PostgreSQL unique or foreign-key violation, as sqlite3's."""


@dataclass(frozen=True)
class Migration:
    """One schema version: statements run in one transaction. `{id}` is an auto-increment primary key column
    type, `{float}` a double; `IF NOT EXISTS` everywhere so files made before versions were kept upgrade too."""

    version: int
    statements: tuple[str, ...]


class Transaction:
    """Queries inside one transaction of either back end; rows come back as dicts."""

    def __init__(self, cursor: Any, dialect: str) -> None:
        self.cursor, self.dialect = cursor, dialect

    @property
    def for_update(self) -> str:
        """Appended to a SELECT whose rows the transaction will change (SQLite already holds the file lock)."""
        return " FOR UPDATE" if self.dialect == "postgresql" else ""

    @property
    def skip_locked(self) -> str:
        """Appended to a SELECT that leases rows: other workers skip the ones this transaction holds."""
        return " FOR UPDATE SKIP LOCKED" if self.dialect == "postgresql" else ""

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        self.cursor.execute(self._sql(sql), tuple(params))
        return int(self.cursor.rowcount or 0)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self.cursor.execute(self._sql(sql), tuple(params))
        names = [column[0] for column in self.cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in self.cursor.fetchall()]

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def insert(self, table: str, row: dict[str, Any], key: str | None = None) -> Any:
        """Insert one row; returns the generated `key` column when asked (an auto-increment id)."""
        columns = ", ".join(f'"{name}"' for name in row)
        marks = ", ".join("?" for _ in row)
        sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'  # noqa: S608 - names are ours
        if key and self.dialect == "postgresql":
            return self.value(f'{sql} RETURNING "{key}"', list(row.values()))
        self.execute(sql, list(row.values()))
        return self.cursor.lastrowid if key else None


class Database(ABC):
    """What the stores need from a back end."""

    dialect: str

    @abstractmethod
    def read(self, action: Callable[[Transaction], T]) -> T:
        """Run `action` in a read-only transaction."""

    @abstractmethod
    def write(self, action: Callable[[Transaction], T]) -> T:
        """Run `action` in a write transaction, committed when it returns; retried while the database is busy,
        so `action` must be safe to run again from the start."""

    @abstractmethod
    def migrate(self, component: str, migrations: Sequence[Migration]) -> int:
        """Bring `component`'s tables to the newest migration; its version afterwards."""

    @abstractmethod
    def describe(self) -> str:
        """Where the data is, without a password: for messages."""

    @abstractmethod
    def has_table(self, name: str) -> bool:
        """Whether the table exists."""


VERSIONS_TABLE = "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"


def _apply(tx: Transaction, component: str, migrations: Sequence[Migration], types: dict[str, str]) -> int:
    tx.execute(VERSIONS_TABLE)
    current = tx.value("SELECT version FROM schema_versions WHERE component = ?", [component]) or 0
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version <= current:
            continue
        for statement in migration.statements:
            tx.execute(statement.format(**types))
        current = migration.version
        if tx.execute("UPDATE schema_versions SET version = ? WHERE component = ?", [current, component]) == 0:
            tx.insert("schema_versions", {"component": component, "version": current})
    return int(current)


class SQLiteDatabase(Database):
    """One SQLite file; every call opens its own connection, so it is safe across threads and processes."""

    dialect = "sqlite"
    TYPES = {"id": "INTEGER PRIMARY KEY", "float": "FLOAT"}

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def connect(self) -> Iterator[sqlite_utils.Database]:
        connection = sqlite3.connect(str(self.path), timeout=self.busy_timeout, isolation_level=None)
        try:
            db = sqlite_utils.Database(connection, execute_plugins=False)
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            db.execute("PRAGMA synchronous = FULL")
            yield db
        finally:
            connection.close()

    def read(self, action: Callable[[Transaction], T]) -> T:
        with self.connect() as db:
            return action(Transaction(db.conn.cursor(), self.dialect))

    def write(self, action: Callable[[Transaction], T]) -> T:
        def attempt() -> T:
            with self.connect() as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    result = action(Transaction(db.conn.cursor(), self.dialect))
                except BaseException:
                    db.conn.rollback()
                    raise
                db.conn.commit()
                return result

        return retry_locked(attempt)

    def migrate(self, component: str, migrations: Sequence[Migration]) -> int:
        newest = max(m.version for m in migrations)

        def current(tx: Transaction) -> int:
            if not tx.value("SELECT count(*) FROM sqlite_master WHERE name = 'schema_versions'"):
                return 0
            return int(tx.value("SELECT version FROM schema_versions WHERE component = ?", [component]) or 0)

        def current_tables(tx: Transaction) -> int:
            return int(tx.value("SELECT count(*) FROM sqlite_master WHERE type = 'table'"))

        if self.read(current) >= newest:
            return newest  # nothing to write: a read-only file stays readable
        try:
            with self.connect() as db:
                retry_locked(db.enable_wal)
            return self.write(lambda tx: _apply(tx, component, migrations, self.TYPES))
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error).replace(" ", "").lower() or not self.read(current_tables):
                raise
            logger.warning("%s is read-only and was not upgraded: %s", self.path, error)  # still readable
            return self.read(current)

    def describe(self) -> str:
        return str(self.path)

    def has_table(self, name: str) -> bool:
        if not self.path.is_file():
            return False
        return bool(
            self.read(lambda tx: tx.value("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))
        )


class PostgresDatabase(Database):
    """One PostgreSQL database shared by every host; a small connection pool per process."""

    dialect = "postgresql"
    TYPES = {"id": "BIGSERIAL PRIMARY KEY", "float": "DOUBLE PRECISION"}

    def __init__(self, url: str, pool_size: int = POOL_SIZE, schema: str = PG_SCHEMA) -> None:
        self.url, self.schema = url, schema
        self._idle: list[Any] = []  # opened on first use, kept open: a new connection costs an authentication
        self._idle_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(pool_size)  # wait for a free connection instead of opening more

    def _open(self) -> Any:
        import psycopg2

        return psycopg2.connect(self.url, options=f"-c search_path={self.schema}", connect_timeout=10)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        import psycopg2

        with self._slots:
            with self._idle_lock:
                connection = self._idle.pop() if self._idle else None
            if connection is None:
                connection = self._open()
            try:
                yield connection
            finally:
                try:
                    connection.rollback()  # never keep a connection inside a transaction
                except psycopg2.Error:
                    connection.close()  # dropped by the server: the next use opens a new one
                if not connection.closed:
                    with self._idle_lock:
                        self._idle.append(connection)

    def _run(self, action: Callable[[Transaction], T], read_only: bool) -> T:
        import psycopg2
        from psycopg2 import errorcodes

        retry = (errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED)
        for attempt in range(PG_RETRIES):
            try:
                with self._connection() as connection:
                    connection.set_session(readonly=read_only, autocommit=False)
                    with connection.cursor() as cursor:
                        result = action(Transaction(cursor, self.dialect))
                    connection.commit()
                    return result
            except psycopg2.IntegrityError as error:
                raise IntegrityError(str(error)) from error
            except (psycopg2.OperationalError, psycopg2.InterfaceError) as error:
                # A dropped connection (a restarted server, a failover) is retried on a fresh one.
                if attempt == PG_RETRIES - 1:
                    raise DatabaseError(str(error)) from error
            except psycopg2.Error as error:
                if error.pgcode not in retry or attempt == PG_RETRIES - 1:
                    raise DatabaseError(str(error)) from error
            time.sleep(min(1.0, 0.05 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    def read(self, action: Callable[[Transaction], T]) -> T:
        return self._run(action, read_only=True)

    def write(self, action: Callable[[Transaction], T]) -> T:
        return self._run(action, read_only=False)

    def migrate(self, component: str, migrations: Sequence[Migration]) -> int:
        def upgrade(tx: Transaction) -> int:
            tx.execute("SELECT pg_advisory_xact_lock(?)", [31201])  # one migrating process at a time, any host
            tx.execute(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}")
            return _apply(tx, component, migrations, self.TYPES)

        return self.write(upgrade)

    def has_table(self, name: str) -> bool:
        return self.read(lambda tx: tx.value("SELECT to_regclass(?)", [f"{self.schema}.{name}"])) is not None

    def describe(self) -> str:
        return re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", self.url)

    def close(self) -> None:
        with self._idle_lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


_shared: dict[str, PostgresDatabase] = {}
_shared_lock = threading.Lock()


def database_url() -> str:
    return os.environ.get(DATABASE_URL_ENV, "").strip()


def open_database(sqlite_path: Path) -> Database:
    """PostgreSQL when BOT_DATABASE_URL is set (one pool per process, shared by every store), else the file."""
    url = database_url()
    if not url:
        return SQLiteDatabase(sqlite_path)
    if not url.startswith(("postgresql://", "postgres://")):
        raise ValueError(f"{DATABASE_URL_ENV} must be a postgresql:// URL")
    with _shared_lock:
        if url not in _shared:
            _shared[url] = PostgresDatabase(url)
        return _shared[url]
