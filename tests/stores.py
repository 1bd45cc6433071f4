"""Private PostgreSQL and Redis servers for tests, in temporary folders on free ports.

Debian's packages (`make scale-deps`) provide the programs; nothing here touches a system-wide
cluster or the default ports. PostgreSQL refuses to run as root, so when the tests run as root
(CI) the cluster belongs to the `postgres` system user that Debian's package creates.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from bot.app.serve import free_port


def postgres_bin() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb."""
    versions = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if not versions:
        raise RuntimeError("PostgreSQL is not installed: run `make scale-deps`")
    return versions[-1]


@dataclass
class PostgresServer:
    """A throwaway cluster: one database and one password-protected user, TCP on 127.0.0.1 only."""

    database: str = "rasa"
    user: str = "rasa"
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    port: int = field(default_factory=free_port)
    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="scale-pg-")))
    options: str = ""
    """More server settings (`-c name=value ...`), e.g. pg_stat_statements for the benchmark."""

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def log(self) -> Path:
        return self.directory / "postgres.log"

    def _run(self, args: list[str]) -> None:
        command = [str(postgres_bin() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, cwd=self.directory, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(
                    "no `postgres` user to own the cluster: run `make scale-deps`, or the tests as non-root"
                ) from None
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
        password_file = self.directory / "password"
        password_file.write_text(self.password + "\n", encoding="utf-8")
        password_file.chmod(0o644)  # readable by the cluster owner for initdb; the folder is private
        self._run(
            [
                "initdb",
                "-D",
                str(self.data),
                "-U",
                self.user,
                f"--pwfile={password_file}",
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-locale",
            ]
        )
        password_file.unlink()
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off {self.options}"
        self._run(["pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"])
        connection = self.connect("postgres")
        try:
            connection.autocommit = True  # CREATE DATABASE cannot run inside a transaction
            connection.cursor().execute(f'CREATE DATABASE "{self.database}"')
        finally:
            connection.close()

    def connect(self, database: str | None = None) -> Any:
        import psycopg2

        return psycopg2.connect(
            host="127.0.0.1", port=self.port, user=self.user, password=self.password, dbname=database or self.database
        )

    def query(self, sql: str, *params: object) -> list[tuple]:
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()

    def url(self, database: str | None = None) -> str:
        """The BOT_DATABASE_URL for this cluster (bot/store/database.py)."""
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database or self.database}"

    def create_database(self, name: str) -> str:
        """A new empty database on this cluster; its URL."""
        connection = self.connect("postgres")
        try:
            connection.autocommit = True
            connection.cursor().execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return self.url(name)

    def tracker_store(self) -> dict[str, Any]:
        """The `tracker_store` section of Rasa's endpoints file for this cluster."""
        return {
            "type": "SQL",
            "dialect": "postgresql",
            "url": "127.0.0.1",
            "port": self.port,
            "db": self.database,
            "username": self.user,
            "password": self.password,
        }

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(["pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(self.directory, ignore_errors=True)


@dataclass
class RedisServer:
    """A redis-server that keeps nothing on disk."""

    port: int = field(default_factory=free_port)
    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="scale-redis-")))
    process: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(redis_server).exists():
            raise RuntimeError("redis-server is not installed: run `make scale-deps`")
        log = open(self.directory / "redis.log", "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [
                redis_server,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.exceptions.ConnectionError:
                pass  # not listening yet
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}; see {self.directory}/redis.log")
            time.sleep(0.1)
        raise TimeoutError("redis-server did not answer within 30 s")

    def client(self, db: int = 1) -> Any:
        import redis

        return redis.StrictRedis(host="127.0.0.1", port=self.port, db=db, socket_timeout=5)

    def lock_store(self, atomic: bool = True) -> dict[str, Any]:
        """The `lock_store` section of Rasa's endpoints file for this server: ours (bot/rasa_adapter/lock_store.py) or Rasa's."""
        kind = "bot.rasa_adapter.lock_store.AtomicRedisLockStore" if atomic else "redis"
        return {"type": kind, "url": "127.0.0.1", "port": self.port, "db": 1}

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


class _Server(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...


ServerT = TypeVar("ServerT", bound=_Server)


def serve(server: ServerT) -> Iterator[ServerT]:
    """A test fixture's body: start the private server, hand it over, stop it afterwards whatever happened."""
    try:
        server.start()
        yield server
    finally:
        server.stop()
