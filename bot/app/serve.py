"""Start the action server and Rasa together, wait until both answer, stop both on Ctrl-C.

`make run` calls `bot serve`; the end-to-end tests use `Servers` directly with their own ports,
databases and model, so they exercise exactly what users run.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.app.paths import ROOT, private_dir, var_dir
from bot.app.tokens import STAFF_TOKEN_ENV, TOKEN_ENV, api_token, staff_token
from bot.rasa_adapter.action_server import SECRET_ENV as ACTION_SECRET_ENV
from bot.rasa_adapter.action_server import SECRET_HEADER as ACTION_SECRET_HEADER

BIN = Path(sys.executable).parent


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    """A loopback port nothing listens on now (for tests and benchmarks that run servers side by side)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


ACTION_KEEP_ALIVE = 75
"""Seconds the action server keeps an idle connection open. Longer than the 15 s for which Rasa's HTTP client
reuses one, so Rasa never writes to a connection the action server has already closed (otherwise a turn fails
with "Cannot write to closing transport", e.g. after Rasa's event loop waited on a locked database)."""


def sqlite_tracker_store(db: Path) -> dict[str, Any]:
    """Rasa's `tracker_store` section for one SQLite file (the single-machine default, bot/rasa_adapter/tracker_store.py)."""
    return {"type": "bot.rasa_adapter.tracker_store.SQLiteTrackerStore", "db": str(db)}


def write_endpoints(
    path: Path,
    action_port: int,
    tracker_store: dict[str, Any] | Path,
    lock_store: dict[str, Any] | None = None,
    action_secret: str = "",
) -> Path:
    """An endpoints file for this action server and these stores (same shape as endpoints.yml).

    `tracker_store` is Rasa's section, or the path of a SQLite tracker database. `action_secret` is sent
    with every action call (the action server refuses calls without it), so the file is owner-only.
    """
    action: dict[str, Any] = {"url": f"http://127.0.0.1:{action_port}/webhook", "enable_selective_domain": True}
    if action_secret:
        action["headers"] = {ACTION_SECRET_HEADER: action_secret}
    endpoints: dict[str, Any] = {
        # The action reads only the tracker, so Rasa need not send the domain with every call.
        "action_endpoint": action,
        "tracker_store": sqlite_tracker_store(tracker_store) if isinstance(tracker_store, Path) else tracker_store,
    }
    if lock_store:
        endpoints["lock_store"] = lock_store
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    path.chmod(0o600)  # may hold a database password
    return path


@dataclass
class Servers:
    """One action server and one Rasa server as child processes."""

    model: Path
    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int | None = None
    """Also start `bot web` (the consultants' API) on this port."""
    workdir: Path = field(default_factory=var_dir)
    token: str = ""
    tracker_db: Path | None = None
    tracker_store: dict[str, Any] | None = None
    """Rasa's `tracker_store` section; None: SQLite at `tracker_db` (or workdir/tracker.db)."""
    lock_store: dict[str, Any] | None = None
    """Rasa's `lock_store` section; None: Rasa's in-memory lock, enough for a single Rasa process."""
    endpoints_file: Path | None = None
    """An endpoints file to use as it is (deploy/endpoints.yml) instead of one written from the fields above;
    Rasa fills in its ${...} from the environment, given this node's action port and secret."""
    debug: bool = False
    """Log at DEBUG level: every message, lock ticket and action call (verbose)."""
    env: dict[str, str] = field(default_factory=dict)
    launcher: list[str] = field(default_factory=list)
    """A command each server is started through (e.g. `prlimit --fsize=N --`): the fault tests use it."""
    action_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    """What Rasa sends the action server with every call; new for every start."""
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @classmethod
    def on_free_ports(cls, model: Path, workdir: Path, *, web: bool = False, **fields: Any) -> Servers:
        """Servers on free loopback ports with a fresh API token, keeping their state in `workdir` (the tracker store
        at workdir/tracker.db): how tests and benchmarks run several side by side."""
        fields.setdefault("token", "t" + secrets.token_urlsafe(16))  # never "-...", which rasa run reads as an option
        fields.setdefault("tracker_db", workdir / "tracker.db")
        web_port = free_port() if web else None
        return cls(model=model, rasa_port=free_port(), action_port=free_port(), web_port=web_port, workdir=workdir, **fields)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def tracker_path(self) -> Path:
        return self.tracker_db or (self.workdir / "tracker.db")

    def _spawn(self, name: str, args: list[str], extra_env: dict[str, str] | None = None) -> None:
        private_dir(self.workdir)
        path = self.workdir / f"{name}.log"
        log = open(path, "ab")  # noqa: SIM115 - closed with the process
        path.chmod(0o600)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {}), **self.env}
        # umask 077: the databases and files the servers create are the owner's only.
        self.processes[name] = subprocess.Popen(
            [*self.launcher, *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True, umask=0o077
        )

    @property
    def _log_args(self) -> list[str]:
        return ["--debug"] if self.debug else []

    def start_actions(self) -> None:
        self._spawn(
            "actions",
            [str(BIN / "python"), "-m", "bot.rasa_adapter.action_server", "--port", str(self.action_port), *self._log_args],
            {"SANIC_KEEP_ALIVE_TIMEOUT": str(ACTION_KEEP_ALIVE), ACTION_SECRET_ENV: self.action_secret},
        )

    def start_rasa(self) -> None:
        env = {TOKEN_ENV: self.token}  # bot.rasa_adapter.server reads it: a token on the command line shows in `ps`
        if self.endpoints_file is not None:
            endpoints = self.endpoints_file
            env.update({"BOT_ACTION_PORT": str(self.action_port), ACTION_SECRET_ENV: self.action_secret})
        else:
            if self.tracker_store is None:
                self.tracker_path.parent.mkdir(parents=True, exist_ok=True)
            tracker_store = self.tracker_store or sqlite_tracker_store(self.tracker_path)
            endpoints = write_endpoints(
                self.workdir / f"endpoints-{self.rasa_port}.yml",
                self.action_port,
                tracker_store,
                self.lock_store,
                self.action_secret,
            )
        self._spawn(
            "rasa",
            [
                str(BIN / "python"),
                "-m",
                "bot.rasa_adapter.server",  # `rasa` with a faster action-response check
                "run",
                "--model",
                str(self.model),
                "--port",
                str(self.rasa_port),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--enable-api",
                "--interface",
                "127.0.0.1",
                *self._log_args,
            ],
            env,
        )

    def start_web(self) -> None:
        # The staff console reads the tracker store this Rasa writes (analytics) and asks Rasa's HTTP API,
        # with this Rasa's token, where a conversation is (diagram).
        args = [str(BIN / "bot"), "web", "--port", str(self.web_port), "--rasa-url", self.rasa_url]
        env = {"BOT_TRACKER_DB": str(self.tracker_path), **({TOKEN_ENV: self.token} if self.token else {})}
        self._spawn("web", args, env)

    def start(self) -> None:
        harden(self.workdir)
        self.start_actions()
        self.start_rasa()
        if self.web_port:
            self.start_web()

    def healthy(self) -> dict[str, bool]:
        status = {
            "actions": http_ok(f"{self.action_url}/health"),
            "rasa": http_ok(f"{self.rasa_url}/webhooks/rest/"),
        }
        if self.web_port:
            status["web"] = http_ok(f"http://127.0.0.1:{self.web_port}/health")
        return status

    def wait_healthy(self, timeout: float = 180.0, only: tuple[str, ...] | None = None) -> None:
        only = only or tuple(self.healthy())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name in only:
                process = self.processes.get(name)
                if process is not None and process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}; see {self.workdir / (name + '.log')}")
            status = self.healthy()
            if all(status[name] for name in only):
                return
            time.sleep(0.5)
        raise TimeoutError(f"servers not healthy after {timeout:.0f}s: {self.healthy()}")

    def stop(self, name: str | None = None, kill: bool = False) -> None:
        for key in [name] if name else list(self.processes):
            process = self.processes.pop(key, None)
            if process is None or process.poll() is not None:
                continue
            os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def harden(directory: Path) -> None:
    """The state folder owner-only, and the databases, logs and tokens already in it too (older runs made them 0644)."""
    private_dir(directory)
    for path in directory.iterdir():
        if path.is_file() and (path.suffix in (".log", ".yml") or ".db" in path.name or path.name.endswith("_token")):
            path.chmod(0o600)


def _pidfile() -> Path:
    return var_dir() / "serve.pid"


def running_pid() -> int | None:
    """The pid of a `bot serve` that is still alive, if any."""
    try:
        pid = int(_pidfile().read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def latest_model(model: str) -> Path | None:
    path = Path(model) if Path(model).is_absolute() else ROOT / model
    if path.is_file():
        return path
    candidates = sorted(path.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return candidates[-1] if candidates else None


def serve(rasa_port: int = 5005, action_port: int = 5055, model: str = "models", web_port: int = 8000) -> int:
    pid = running_pid()
    if pid is not None:
        print(
            f"The assistant is already running (pid {pid}): http://localhost:{rasa_port}. "
            "Stop it with Ctrl-C in its terminal, or `kill {pid}`.",
            file=sys.stderr,
        )
        return 1
    busy = [p for p in (rasa_port, action_port, web_port) if port_in_use(p)]
    if busy:
        print(f"Port(s) {', '.join(map(str, busy))} already in use by another program.", file=sys.stderr)
        return 1
    model_path = latest_model(model)
    if model_path is None:
        print(f"No trained model in {model}: run `make train`.", file=sys.stderr)
        return 1
    staff_token()  # created before the web server starts, so both the server and the staff can read it
    servers = Servers(model=model_path, rasa_port=rasa_port, action_port=action_port, token=api_token(), web_port=web_port)
    _pidfile().parent.mkdir(parents=True, exist_ok=True)
    _pidfile().write_text(str(os.getpid()))
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        print("Starting the action server and Rasa (loading the model takes a few seconds)...", flush=True)
        servers.start()
        servers.wait_healthy()
        print(_instructions(servers), flush=True)
        while not stopping:
            dead = [n for n, p in servers.processes.items() if p.poll() is not None]
            if dead:
                print(f"{', '.join(dead)} stopped unexpectedly; see var/{dead[0]}.log", file=sys.stderr)
                return 1
            time.sleep(0.5)
        print("\nStopping...", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    finally:
        servers.stop()
        _pidfile().unlink(missing_ok=True)


def _instructions(servers: Servers) -> str:
    return f"""
Ready.
  Help page:            http://localhost:{servers.web_port}/
  Rasa (REST channel):  {servers.rasa_url}/webhooks/rest/webhook
  Action server:        {servers.action_url}/health
  Staff console:        http://localhost:{servers.web_port}/staff (log in with the staff token below)
  Consultants' API:     http://127.0.0.1:{servers.web_port}/api/tickets (bearer token: var/staff_api_token or ${STAFF_TOKEN_ENV})
  Rasa HTTP API token:  var/rasa_api_token (or ${TOKEN_ENV})

Chat with curl:
  curl -s {servers.rasa_url}/webhooks/rest/webhook -H 'Content-Type: application/json' \\
       -d '{{"sender": "me", "message": "Teams is open on my Windows laptop in Chrome and every call fails"}}'
Or in the terminal (its own Rasa on port 5006, sharing this action server):
  .venv/bin/rasa shell -p 5006 --endpoints var/endpoints-{servers.rasa_port}.yml
Staff script mode in the terminal:  .venv/bin/bot script
Press Ctrl-C to stop all servers.
"""
