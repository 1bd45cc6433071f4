"""Throughput and latency under concurrent users, against a bare Rasa bot measured in the same run.

Starts the project's servers as `make run` does (action server, Rasa, web server; fresh SQLite tracker
store, knowledge index and ticket database in a temporary folder) and a bare Rasa bot with the same
NLU pipeline and no custom actions (bench/baseline_bot.py), served the same way (same launcher, same
tracker store). For each level of concurrent users, every user plays whole conversations
(bench/load_scripts.py) back to back over the REST channel, each with a fresh sender id, with no think
time (throughput) or with a pause like a person's (latency at a realistic pace); every reply is
checked. The two bots take turns in slices, so both see the same background load on a shared machine.
Reports messages per second, latency percentiles, errors and the servers' peak memory (VmRSS of each
process tree, sampled twice a second), and writes bench/results/load.json.

The long level (`--long-turns`, default 1,000) is one sender per bot saying ordinary things over and over
(LONG_CYCLE: a pasted error, answers, "go back", a question, "start over", thanks), in blocks of
`--long-block` turns that alternate between the bots. Per block: the median and p95 reply time, the events
and bytes the tracker store gained per turn, and the size of the current session (what Rasa loads, replays
and sends to the action server on the next turn).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.baseline_bot import baseline_model, baseline_responses  # noqa: E402
from bench.latency import percentile  # noqa: E402
from bench.load_scripts import LONG_CYCLE, SCRIPTS, Script, Turn, problem  # noqa: E402
from bench.older_commit import checkout, older_servers  # noqa: E402
from bench.provenance import stamp  # noqa: E402
from bot.app.paths import ROOT  # noqa: E402
from bot.app.serve import Servers, latest_model  # noqa: E402
from bot.kb.index import build_index  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "load.json"
TARGET_RATIO = 0.8
TARGET_P95_MS = 150.0
TARGET_LONG_GROWTH = 2.0
"""Median reply of the last block of the long conversation, at most this times that of the first."""
TIMEOUT_S = 30.0

Check = Callable[[list[dict], Turn], "str | None"]


@dataclass
class Level:
    target: str
    users: int
    think_s: float = 0.0
    seconds: float = 0.0
    """Measuring time: from the start of each slice until its last conversation ended."""
    conversations: int = 0
    messages: int = 0
    """Correct replies."""
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)
    """CPU time each server's process tree used during the slices: steadier than msg/s on a shared machine."""

    def record_error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what)

    @property
    def throughput(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        data = asdict(self)
        del data["latencies_ms"]
        data["messages_per_s"] = round(self.throughput, 2)
        data["cpu_ms_per_message"] = (
            {name: round(1000 * s / self.messages, 2) for name, s in self.cpu_s.items()} if self.messages else {}
        )
        for name, fraction in (("p50_ms", 0.5), ("p95_ms", 0.95), ("p99_ms", 0.99)):
            data[name] = round(percentile(self.latencies_ms, fraction), 1) if self.latencies_ms else None
        return data


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc, Linux)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                queue += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of `pid` and its descendants so far (from /proc, Linux)."""
    total = 0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    total_kb = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


async def sample_memory(servers: Servers, peaks: dict[str, float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        for name, process in servers.processes.items():
            peaks[name] = round(max(peaks.get(name, 0.0), rss_mb(process.pid)), 1)
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.5)
        except asyncio.TimeoutError:
            pass


async def play(
    session: aiohttp.ClientSession,
    url: str,
    check: Check,
    script: Script,
    sender: str,
    think: float,
    level: Level,
) -> None:
    """One whole conversation; a failed or wrong reply abandons it (the next turns would make no sense)."""
    for turn in script.turns:
        start = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": turn.say}) as response:
                if response.status != 200:
                    level.record_error(f"HTTP {response.status} on {turn.say!r}")
                    return
                replies = await response.json()
                sender = response.headers.get("X-Conversation-Id", sender)  # /chat issues the id, as for the help page
        except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError) as error:
            level.record_error(f"{type(error).__name__} on {turn.say!r}")
            return
        level.latencies_ms.append((time.perf_counter() - start) * 1000)
        wrong = check(replies, turn)
        if wrong:
            level.record_error(f"{script.name} / {turn.say!r}: {wrong}")
            return
        level.messages += 1
        if think:
            await asyncio.sleep(think)
    level.conversations += 1


async def user(
    session: aiohttp.ClientSession, url: str, check: Check, index: int, deadline: float, think: float, level: Level
) -> None:
    """Plays conversations back to back, each with a fresh sender id, until the deadline."""
    iteration = 0
    while time.monotonic() < deadline:
        script = SCRIPTS[(index + iteration) % len(SCRIPTS)]
        sender = f"load-{level.users}-{index}-{iteration}-{uuid.uuid4().hex[:8]}"
        iteration += 1
        await play(session, url, check, script, sender, think, level)


def chat_url(servers: Servers, via_web: bool) -> str:
    """Rasa's REST channel, or the web server's /chat proxy in front of it (what the help page uses)."""
    if via_web and servers.web_port:
        return f"http://127.0.0.1:{servers.web_port}/chat"
    return f"{servers.rasa_url}/webhooks/rest/webhook"


async def warm_up(servers: Servers, check: Check, url: str) -> str | None:
    """Each conversation once, not measured (first calls build lazily loaded parts); the first problem, if any."""
    warmup = Level(target="warm-up", users=1)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_S)) as session:
        for script in SCRIPTS:
            await play(session, url, check, script, f"warmup-{uuid.uuid4().hex[:8]}", 0, warmup)
    return warmup.error_samples[0] if warmup.error_samples else None


async def run_slice(servers: Servers, url: str, check: Check, level: Level, seconds: float) -> None:
    """`level.users` users start conversations for `seconds`, then finish the ones under way.

    Throughput counts the whole slice, tails included: counting only replies inside the window would
    favour the cheap first turns of conversations, since later turns cost more (longer trackers)."""
    stop = asyncio.Event()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=TIMEOUT_S)) as session:
        sampler = asyncio.create_task(sample_memory(servers, level.peak_rss_mb, stop))
        cpu_before = {name: cpu_seconds(process.pid) for name, process in servers.processes.items()}
        start = time.monotonic()
        await asyncio.gather(*(user(session, url, check, i, start + seconds, level.think_s, level) for i in range(level.users)))
        level.seconds = round(level.seconds + time.monotonic() - start, 2)
        for name, process in servers.processes.items():
            level.cpu_s[name] = level.cpu_s.get(name, 0.0) + cpu_seconds(process.pid) - cpu_before[name]
        stop.set()
        await sampler


def baseline_check(responses: set[str]) -> Check:
    def check(replies: list[dict], _turn: Turn) -> str | None:
        if not replies:
            return "empty reply"
        strange = [r.get("text") for r in replies if r.get("text") not in responses]
        return f"unexpected reply {strange[0]!r}" if strange else None

    return check


UNLIMITED = {
    "BOT_RATE_PER_SENDER": "0",
    "BOT_RATE_PER_ADDRESS": "0",
    "BOT_TICKETS_PER_CONVERSATION": "0",
    "BOT_TICKETS_PER_ADDRESS": "0",
}
"""The simulated users all come from one address, faster than any real one: the abuse limits (bot/app/limits.py) are off."""


def start_servers(workdir: Path) -> tuple[Servers, Servers]:
    """The project's three servers and the bare bot's Rasa, started together."""
    model = latest_model("models")
    if model is None:
        raise SystemExit("no trained model: run `make train`")
    project_dir, baseline_dir = workdir / "project", workdir / "baseline"
    project_dir.mkdir()
    build_index(ROOT / "knowledge", project_dir / "kb.db")
    project = Servers.on_free_ports(
        model,
        project_dir,
        web=True,
        env={
            "BOT_KB_INDEX": str(project_dir / "kb.db"),
            "BOT_KB_FEEDBACK": str(project_dir / "kb_feedback.db"),
            "BOT_TICKETS_DB": str(project_dir / "tickets.db"),
            "BOT_STAFF_TOKEN": secrets.token_urlsafe(16),
            **UNLIMITED,
        },
    )
    # The bare bot runs no custom action: its endpoints name an action server that is never called.
    baseline = Servers.on_free_ports(baseline_model(), baseline_dir, env=UNLIMITED)
    project.start()
    baseline.start_rasa()
    return project, baseline


"""What the long conversation's one sender says, over and over: every line gets an answer at any point."""


@dataclass
class Block:
    """One block of turns of the long conversation, on one bot."""

    target: str
    first_turn: int
    turns: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    events: int = 0
    """Events the tracker store gained during the block."""
    stored_bytes: int = 0
    session_events: int = 0
    """Events of the current session at the block's end: what the next turn loads, replays and sends on."""
    session_bytes: int = 0

    def summary(self) -> dict:
        data = asdict(self)
        del data["latencies_ms"]
        data["p50_ms"] = round(statistics.median(self.latencies_ms), 1) if self.latencies_ms else None
        data["p95_ms"] = round(percentile(self.latencies_ms, 0.95), 1) if self.latencies_ms else None
        data["events_per_turn"] = round(self.events / self.turns, 2) if self.turns else None
        data["bytes_per_turn"] = round(self.stored_bytes / self.turns) if self.turns else None
        return data


def stored(db: Path, sender: str) -> tuple[int, int, int, int]:
    """Events and bytes the tracker store holds for `sender`: in all, and in its current session."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        events, size = connection.execute(
            "SELECT count(*), coalesce(sum(length(data)), 0) FROM events WHERE sender_id = ?", (sender,)
        ).fetchone()
        (start,) = connection.execute(
            "SELECT coalesce(max(id), 0) FROM events WHERE sender_id = ? AND type_name = 'session_started'", (sender,)
        ).fetchone()
        session_events, session_size = connection.execute(
            "SELECT count(*), coalesce(sum(length(data)), 0) FROM events WHERE sender_id = ? AND id >= ?", (sender, start)
        ).fetchone()
    finally:
        connection.close()
    return events, size, session_events, session_size


async def long_block(servers: Servers, url: str, check: Check, sender: str, block: Block, count: int) -> None:
    """`count` turns of the long conversation; a failed turn is counted and the conversation goes on."""
    before = stored(servers.tracker_path, sender) if servers.tracker_path.exists() else (0, 0, 0, 0)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_S)) as session:
        for number in range(block.first_turn, block.first_turn + count):
            say = LONG_CYCLE[(number - 1) % len(LONG_CYCLE)]
            start = time.perf_counter()
            try:
                async with session.post(url, json={"sender": sender, "message": say}) as response:
                    replies = await response.json() if response.status == 200 else None
            except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
                replies = None
            block.latencies_ms.append((time.perf_counter() - start) * 1000)
            block.turns += 1
            if replies is None or check(replies, Turn(say)):
                block.errors += 1
    after = stored(servers.tracker_path, sender)
    block.events, block.stored_bytes = after[0] - before[0], after[1] - before[1]
    block.session_events, block.session_bytes = after[2], after[3]


async def long_conversation(bots: dict[str, tuple[Servers, Check]], turns: int, size: int) -> list[Block]:
    """One sender per bot, `turns` turns in blocks of `size` that alternate between the bots."""
    blocks: list[Block] = []
    senders = {target: f"long-{target}-{uuid.uuid4().hex[:8]}" for target in bots}
    for number, first in enumerate(range(1, turns + 1, size)):
        order = list(bots) if number % 2 == 0 else list(reversed(bots))
        for target in order:
            servers, check = bots[target]
            block = Block(target=target, first_turn=first)
            await long_block(servers, chat_url(servers, False), check, senders[target], block, min(size, turns - first + 1))
            blocks.append(block)
        print(f"  long conversation: turns {first}-{first + size - 1} done", flush=True)
    return blocks


ORDER = ("project", "before", "baseline")


def long_table(blocks: list[Block]) -> str:
    lines = [
        f"{'bot':<9}{'turns':>11}{'p50 ms':>8}{'p95 ms':>8}{'errors':>7}{'events/turn':>12}{'bytes/turn':>11}{'session events':>15}{'session KB':>11}"
    ]
    for block in sorted(blocks, key=lambda b: (ORDER.index(b.target), b.first_turn)):
        s = block.summary()
        lines.append(
            f"{block.target:<9}{f'{block.first_turn}-{block.first_turn + block.turns - 1}':>11}{s['p50_ms'] or 0:>8.0f}"
            f"{s['p95_ms'] or 0:>8.0f}{block.errors:>7}{s['events_per_turn'] or 0:>12.1f}{s['bytes_per_turn'] or 0:>11}"
            f"{block.session_events:>15}{block.session_bytes / 1024:>11.1f}"
        )
    return "\n".join(lines)


def long_verdicts(blocks: list[Block]) -> list[str]:
    """The long conversation's last block against its first, per bot."""
    lines = []
    for target in sorted({block.target for block in blocks}, key=ORDER.index):
        mine = [b for b in blocks if b.target == target and b.latencies_ms]
        if len(mine) < 2:
            continue
        first, last = statistics.median(mine[0].latencies_ms), statistics.median(mine[-1].latencies_ms)
        growth = last / first if first else 0.0
        what = f"{target} long conversation: median reply turns {mine[-1].first_turn}-{mine[-1].first_turn + mine[-1].turns - 1}"
        what += f" {last:.0f} ms vs turns 1-{mine[0].turns} {first:.0f} ms = {growth:.2f}x"
        if target == "project":
            what += f" (target <= {TARGET_LONG_GROWTH:g}x: {'met' if growth <= TARGET_LONG_GROWTH else 'NOT met'})"
            errors = sum(b.errors for b in mine)
            what += f"; {errors} errors; session at most {max(b.session_events for b in mine)} events"
            what += f" / {max(b.session_bytes for b in mine) / 1024:.0f} KB"
        lines.append(what)
    return lines


BEFORE_COMMIT = "a973e16"
"""The commit before bounded sessions and slim action calls (issue 16): the long level's "before" bot."""


@contextmanager
def before_bot(model: Path, workdir: Path) -> Iterator[Servers]:
    """BEFORE_COMMIT's own servers, started by its own code from its own checkout; yields their ports and paths."""
    workdir.mkdir()
    build_index(ROOT / "knowledge", workdir / "kb.db")
    servers = Servers.on_free_ports(model, workdir, token="")  # the older code makes its own token
    files = {"BOT_KB_INDEX": "kb.db", "BOT_KB_FEEDBACK": "kb_feedback.db", "BOT_TICKETS_DB": "tickets.db"}
    env = {**os.environ, **{k: str(workdir / v) for k, v in files.items()}, **UNLIMITED}
    with older_servers(checkout(BEFORE_COMMIT, "bench-before"), servers.rasa_port, servers.action_port, workdir, env):
        yield servers


def table(levels: list[Level]) -> str:
    lines = [
        f"{'bot':<9}{'users':>6}{'think s':>8}{'convs':>7}{'msgs':>7}{'msg/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>7}"
        "  CPU ms/msg; peak RSS MB"
    ]
    for level in levels:
        s = level.summary()
        memory = ", ".join(f"{name} {mb:.0f}" for name, mb in level.peak_rss_mb.items())
        cpu = ", ".join(f"{name} {ms:.1f}" for name, ms in s["cpu_ms_per_message"].items() if ms >= 0.05)
        lines.append(
            f"{level.target:<9}{level.users:>6}{level.think_s:>8g}{level.conversations:>7}{level.messages:>7}{s['messages_per_s']:>8.1f}"
            f"{s['p50_ms'] or 0:>8.0f}{s['p95_ms'] or 0:>8.0f}{s['p99_ms'] or 0:>8.0f}{level.errors:>7}  {cpu}; {memory}"
        )
    return "\n".join(lines)


def verdicts(levels: list[Level]) -> tuple[dict[str, float], list[str]]:
    """Throughput ratios at zero think time, and each target met or not."""
    by_key = {(level.target, level.users, level.think_s): level for level in levels}
    ratios, lines = {}, []
    for (target, users, think), level in sorted(by_key.items()):
        base = by_key.get(("baseline", users, think))
        if target != "project" or think or not base or not base.throughput:
            continue
        ratios[f"{users} users"] = ratio = round(level.throughput / base.throughput, 2)
        met = "met" if ratio >= TARGET_RATIO else "NOT met"
        cpu = sum(level.summary()["cpu_ms_per_message"].values()) / (sum(base.summary()["cpu_ms_per_message"].values()) or 1)
        lines.append(
            f"{users} users: project/baseline throughput {ratio:.2f}x (target >= {TARGET_RATIO}x: {met}); CPU per message {cpu:.2f}x"
        )
    for (target, users, think), level in sorted(by_key.items()):
        if target == "project" and users == 10 and level.latencies_ms:
            p95 = percentile(level.latencies_ms, 0.95)
            met = "met" if p95 <= TARGET_P95_MS else "NOT met"
            lines.append(f"p95 at 10 users, think {think:g} s: {p95:.0f} ms (target <= {TARGET_P95_MS:.0f} ms: {met})")
    errors = sum(level.errors for level in levels if level.target == "project")
    lines.append(f"project errors: {errors} (target 0: {'met' if errors == 0 else 'NOT met'})")
    return ratios, lines


async def measure(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as workdir:
        project, baseline = start_servers(Path(workdir))
        try:
            project.wait_healthy(timeout=300)
            baseline.wait_healthy(timeout=300, only=("rasa",))
            bots = {"project": (project, problem), "baseline": (baseline, baseline_check(baseline_responses()))}
            for target, (servers, check) in bots.items():
                trouble = await warm_up(servers, check, chat_url(servers, args.via_web))
                if trouble:
                    print(f"{target} warm-up: {trouble}", flush=True)
            levels: list[Level] = []
            load_averages: list[float] = []
            """The one-minute load average as each slice started: what the other work on the machine was doing."""
            plan = [(users, 0.0, args.seconds, args.slices) for users in args.users]
            plan += [(users, args.paced_think, args.paced_seconds, 1) for users in args.paced_users]
            for users, think, seconds, slices in plan:
                pair = {target: Level(target=target, users=users, think_s=think) for target in bots}
                print(f"{users} users, think {think:g} s: {slices} slice(s) of {seconds / slices:.0f} s per bot...", flush=True)
                # Slices alternate between the two bots, so both see the same background load on a shared machine.
                for number in range(slices):
                    order = list(bots) if number % 2 == 0 else list(reversed(bots))
                    for target in order:
                        servers, check = bots[target]
                        load_averages.append(round(os.getloadavg()[0], 1))
                        await run_slice(servers, chat_url(servers, args.via_web), check, pair[target], seconds / slices)
                levels += pair.values()
            blocks = []
            if args.long_turns:
                with ExitStack() as stack:
                    long_bots = dict(bots)
                    if args.long_before:
                        print(f"starting {BEFORE_COMMIT}'s servers for the long conversation...", flush=True)
                        long_bots["before"] = (stack.enter_context(before_bot(project.model, Path(workdir) / "before")), problem)
                    blocks = await long_conversation(long_bots, args.long_turns, args.long_block)
        finally:
            project.stop()
            baseline.stop()
    ratios, lines = verdicts(levels)
    entry = "the web server's /chat proxy (project)" if args.via_web else "Rasa's REST channel"
    print(f"\nLoad: whole conversations through {entry}; users start conversations for {args.seconds:.0f} s per level and bot")
    print(table(levels))
    for level in levels:
        for sample in level.error_samples:
            print(f"  {level.target} {level.users} users: {sample}")
    print("\n".join(lines))
    if blocks:
        print(
            f"\nLong conversation: one sender per bot, {args.long_turns} turns, blocks of {args.long_block} alternating between the bots"
        )
        print(long_table(blocks))
        lines += long_verdicts(blocks)
        print("\n".join(long_verdicts(blocks)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                **stamp(),
                "load_averages": [min(load_averages), max(load_averages)] if load_averages else [],
                "seconds_per_level": args.seconds,
                "slices": args.slices,
                "via_web": args.via_web,
                "levels": [level.summary() for level in levels],
                "throughput_ratio": ratios,
                "long_conversation": [block.summary() for block in blocks],
                "verdicts": lines,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="*", default=[10, 50], help="concurrent users per level (default 10 50)")
    parser.add_argument(
        "--seconds", type=float, default=40.0, help="time users start conversations, per level and bot (default 40)"
    )
    parser.add_argument("--slices", type=int, default=2, help="alternating slices per level and bot (default 2)")
    parser.add_argument("--paced-users", type=int, nargs="*", default=[10], help="levels where users pause like people")
    parser.add_argument("--paced-think", type=float, default=2.0, help="their pause after each reply, seconds (default 2)")
    parser.add_argument("--via-web", action="store_true", help="project users go through the web server's /chat proxy")
    parser.add_argument("--long-turns", type=int, default=1000, help="turns of the long conversation (default 1000; 0: none)")
    parser.add_argument(
        "--long-before", action="store_true", help=f"the long conversation also on {BEFORE_COMMIT} (before bounded sessions)"
    )
    parser.add_argument("--long-block", type=int, default=100, help="its turns per block (default 100)")
    parser.add_argument("--paced-seconds", type=float, default=20.0, help="time they start conversations (default 20)")
    return asyncio.run(measure(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
