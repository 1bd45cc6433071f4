"""Talking to the real servers in end-to-end tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.app.serve import Servers, free_port


def post(servers: Servers, sender: str, message: str | None, raw: bytes | None = None) -> list[dict]:
    body = raw if raw is not None else json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"{servers.rasa_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return json.loads(response.read())


def customs(replies: list[dict]) -> list[dict]:
    return [r["custom"] for r in replies if "custom" in r]


def decline_until(servers: Servers, sender: str, replies: list[dict], done, limit: int = 20) -> tuple[list[dict], list[dict]]:
    """Say a fix did not help and "not sure" to questions until `done(custom)` holds for the last step shown.
    Returns the last replies and every step shown on the way."""
    seen = customs(replies)
    for _ in range(limit):
        if seen and done(seen[-1]):
            return replies, seen
        last = seen[-1]
        assert last["kind"] in ("question", "instruction"), last
        replies = post(servers, sender, "no, still failing" if last["kind"] == "instruction" else "not sure")
        seen += customs(replies)
    raise AssertionError(f"not done after {limit} replies; last: {seen[-1:]}")


def tracker(servers: Servers, sender: str) -> dict:
    url = f"{servers.rasa_url}/conversations/{sender}/tracker?token={servers.token}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def wait_until_up(url: str, seconds: float = 20.0) -> None:
    """Poll `url` until it answers (a server started by a test)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f}s")


@contextmanager
def web_server(env: dict[str, str]) -> Iterator[str]:
    """A real `bot web` process with these environment variables added; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "web", "--port", str(port)],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def send_raw(url: str, body: bytes, headers: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, bytes]:
    """POST raw bytes and return (status, body) whatever the status, 4xx and 5xx included."""
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def log_sizes(servers: Servers) -> dict[str, int]:
    """Where each server log ends now: `new_log_text` reads what was written after this point."""
    return {name: (servers.workdir / f"{name}.log").stat().st_size for name in ("rasa", "actions")}


def new_log_text(servers: Servers, since: dict[str, int]) -> str:
    text = ""
    for name, offset in since.items():
        with open(servers.workdir / f"{name}.log", "rb") as log:
            log.seek(offset)
            text += log.read().decode("utf-8", errors="replace")
    return text
