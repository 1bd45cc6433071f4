"""Several nodes on one PostgreSQL and one Redis: throughput of one node versus two, and what a turn costs them.

Starts a private PostgreSQL (fsync on, pg_stat_statements loaded) and Redis as the scale-out test does
(tests/stores.py), and two nodes that share no files (as tests/test_scale_out.py: Rasa with the PostgreSQL
tracker store and our atomic Redis lock, its own action server; tickets, outbox and feedback in PostgreSQL).
Simulated users play whole conversations back to back with no think time (a knowledge question, a pasted
error or a story, every fix fails, a ticket is filed: every store is written), in slices
that alternate between "every turn to node a" and "turns alternate between a and b", so both see the same
background load. For each slice: correct replies per second, p50/p95 latency, and from the servers' own
counters the PostgreSQL statements (by database and kind), rows written and Redis commands per turn, and the
PostgreSQL connections open. Writes bench/results/scale.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app.paths import ROOT  # noqa: E402
from bot.app.serve import (  # noqa: E402
    Servers,
    free_port,  # noqa: E402
    latest_model,
)
from bot.kb.index import build_index  # noqa: E402
from tests.stores import PostgresServer, RedisServer  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "scale.json"
UNLIMITED = {
    "BOT_RATE_PER_SENDER": "0",
    "BOT_RATE_PER_ADDRESS": "0",
    "BOT_TICKETS_PER_CONVERSATION": "0",
    "BOT_TICKETS_PER_ADDRESS": "0",
}


@dataclass
class Slice:
    nodes: int
    users: int
    seconds: float = 0.0
    turns: int = 0
    conversations: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    pg_statements: dict[str, int] = field(default_factory=dict)
    pg_rows_written: dict[str, int] = field(default_factory=dict)
    redis_commands: dict[str, int] = field(default_factory=dict)
    pg_connections: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        ordered = sorted(self.latencies_ms) or [0.0]
        turns = max(self.turns, 1)
        return {
            "nodes": self.nodes,
            "users": self.users,
            "turns_per_s": round(self.turns / self.seconds, 2) if self.seconds else 0.0,
            "conversations": self.conversations,
            "p50_ms": round(ordered[len(ordered) // 2]),
            "p95_ms": round(ordered[int(len(ordered) * 0.95)]),
            "errors": self.errors,
            "pg_statements_per_turn": {k: round(v / turns, 2) for k, v in sorted(self.pg_statements.items())},
            "pg_rows_written_per_turn": {k: round(v / turns, 2) for k, v in sorted(self.pg_rows_written.items())},
            "redis_commands_per_turn": {k: round(v / turns, 2) for k, v in sorted(self.redis_commands.items())},
            "pg_connections": self.pg_connections,
            "error_samples": self.error_samples[:5],
        }


def start_cluster(workdir: Path, postgres: PostgresServer, redis: RedisServer) -> list[Servers]:
    model = latest_model("models")
    if model is None:
        raise SystemExit("no trained model: run `make train`")
    build_index(ROOT / "knowledge", workdir / "kb.db")
    bot_url = postgres.create_database("bot")
    token = secrets.token_urlsafe(16)
    nodes = []
    for name in ("a", "b"):
        home = workdir / f"host-{name}"
        home.mkdir()
        shutil.copy(workdir / "kb.db", home / "kb.db")
        env = {"BOT_VAR_DIR": str(home), "BOT_KB_INDEX": str(home / "kb.db"), "BOT_DATABASE_URL": bot_url, **UNLIMITED}
        nodes.append(
            Servers(
                model=model,
                rasa_port=free_port(),
                action_port=free_port(),
                workdir=home,
                token=token,
                tracker_store=postgres.tracker_store(),
                lock_store=redis.lock_store(),
                env=env,
            )
        )
    for node in nodes:
        node.start()
    for node in nodes:
        node.wait_healthy(timeout=300)
    return nodes


OPENINGS = (
    "Error occurred while accessing microphone: NotReadableError: Could not start audio source",
    "teams is open on my windows laptop in chrome and the softphone cant get the mic",
)
KB_QUESTION = "how do I allow the microphone for a site in chrome?"
HANDOFF = ("sam@example.com", '/inform{"choice": "handoff_skip"}', '/inform{"choice": "handoff_consent"}')
MAX_TURNS = 30


def next_message(replies: list[dict], handoff: list[str]) -> str | None:
    """What a user who tries every fix says next: "still failing", "not sure", then the handoff's answers; None at the end."""
    if handoff:
        return handoff.pop(0)
    flow = [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("kind")]
    kind = flow[-1]["kind"] if flow else ""
    if kind == "escalated":
        handoff.extend(HANDOFF)
        return handoff.pop(0)
    if kind == "instruction":
        return "no, still failing"
    if kind == "question":
        return "not sure"
    return None


async def user(session: aiohttp.ClientSession, urls: list[str], index: int, deadline: float, result: Slice) -> None:
    """Whole conversations back to back (a knowledge question, then every fix fails, then a ticket); turn n
    of a conversation goes to node (index + n) % nodes. A reply without text counts as an error."""
    iteration = 0
    while time.monotonic() < deadline:
        sender = f"scale-{index}-{iteration}-{uuid.uuid4().hex[:8]}"
        message: str | None = KB_QUESTION
        handoff: list[str] = []
        for number in range(MAX_TURNS):
            if message is None:
                break
            url = urls[(index + number) % len(urls)]
            start = time.perf_counter()
            try:
                async with session.post(url, json={"sender": sender, "message": message}) as response:
                    replies = await response.json() if response.status == 200 else []
            except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError) as error:
                replies, message = [], f"{type(error).__name__}"
            result.latencies_ms.append((time.perf_counter() - start) * 1000)
            if not any(r.get("text") for r in replies):
                result.errors += 1
                result.error_samples.append(f"no reply to {message!r}")
                break
            result.turns += 1
            message = OPENINGS[(index + iteration) % len(OPENINGS)] if number == 0 else next_message(replies, handoff)
        iteration += 1
        result.conversations += 1


def admin(postgres: PostgresServer, database: str, sql: str) -> None:
    connection = postgres.connect(database)
    try:
        connection.autocommit = True
        connection.cursor().execute(sql)
    finally:
        connection.close()


def reset_counters(postgres: PostgresServer, redis: RedisServer) -> None:
    admin(postgres, "rasa", "SELECT pg_stat_statements_reset()")
    for database in ("rasa", "bot"):
        admin(postgres, database, "SELECT pg_stat_reset()")
    redis.client().config_resetstat()


def read_counters(postgres: PostgresServer, redis: RedisServer, result: Slice) -> None:
    time.sleep(1.5)  # PostgreSQL publishes table statistics about once a second
    rows = postgres.query(
        """SELECT d.datname, split_part(lower(ltrim(s.query)), ' ', 1), sum(s.calls)::bigint
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname IN ('rasa', 'bot') GROUP BY 1, 2"""
    )
    result.pg_statements = {f"{db}:{kind}": int(calls) for db, kind, calls in rows}
    for database in ("rasa", "bot"):
        connection = postgres.connect(database)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")
                for table, written in cursor.fetchall():
                    if written:
                        result.pg_rows_written[f"{database}:{table}"] = int(written)
        finally:
            connection.close()
    connections = postgres.query("SELECT datname, count(*) FROM pg_stat_activity WHERE datname IN ('rasa', 'bot') GROUP BY 1")
    result.pg_connections = {db: int(n) for db, n in connections}
    stats = redis.client().info("commandstats")
    result.redis_commands = {k.removeprefix("cmdstat_"): int(v["calls"]) for k, v in stats.items() if k != "cmdstat_info"}


async def run_slice(nodes: list[Servers], users: int, seconds: float, postgres: PostgresServer, redis: RedisServer) -> Slice:
    result = Slice(len(nodes), users)
    urls = [f"{node.rasa_url}/webhooks/rest/webhook" for node in nodes]
    reset_counters(postgres, redis)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=users * 2)) as session:
        started = time.monotonic()
        await asyncio.gather(*(user(session, urls, n, started + seconds, result) for n in range(users)))
        result.seconds = time.monotonic() - started
    read_counters(postgres, redis, result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of one slice")
    parser.add_argument("--rounds", type=int, default=2, help="slices per arrangement, alternating")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on the way out
    workdir = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    postgres = PostgresServer(options="-c fsync=on -c shared_preload_libraries=pg_stat_statements -c max_connections=100")
    redis = RedisServer()
    nodes: list[Servers] = []
    try:
        postgres.start()
        admin(postgres, "rasa", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        redis.start()
        nodes = start_cluster(workdir, postgres, redis)
        asyncio.run(run_slice(nodes, args.users, 10, postgres, redis))  # warm-up: first turns load models lazily
        slices = []
        for _ in range(args.rounds):
            for arrangement in (nodes[:1], nodes):
                done = asyncio.run(run_slice(arrangement, args.users, args.seconds, postgres, redis))
                slices.append(done)
                print(json.dumps(done.summary()), flush=True)
        by_nodes: dict[int, list[Slice]] = {}
        for done in slices:
            by_nodes.setdefault(done.nodes, []).append(done)
        report = {
            "users": args.users,
            "slice_seconds": args.seconds,
            "turns_per_s": {
                n: round(sum(s.turns for s in group) / sum(s.seconds for s in group), 2) for n, group in by_nodes.items()
            },
            "errors": dict(Counter({n: sum(s.errors for s in group) for n, group in by_nodes.items()})),
            "slices": [s.summary() for s in slices],
        }
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({k: report[k] for k in ("users", "turns_per_s", "errors")}))
        return 0
    finally:
        for node in nodes:
            node.stop()
        redis.stop()
        postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
