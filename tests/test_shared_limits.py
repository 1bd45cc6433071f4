"""Abuse limits counted in Redis (BOT_REDIS_URL): one limit for all hosts, not one per process."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from bot.app.limits import RateLimiter, SharedRateLimiter, rate_limiter
from tests.conftest import ROOT
from tests.stores import RedisServer, serve


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    yield from serve(RedisServer())


def url(redis: RedisServer) -> str:
    return f"redis://127.0.0.1:{redis.port}/1"


HOST = (
    "import sys\n"
    "from bot.app.limits import rate_limiter\n"
    "limiter = rate_limiter(5, 60, 'chat-address')\n"
    "print(sum(limiter.allow('tag-1') for _ in range(4)))\n"
)


def test_three_hosts_share_one_limit(redis: RedisServer, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BOT_REDIS_URL", url(redis))
    hosts = [subprocess.run([sys.executable, "-c", HOST], cwd=ROOT, capture_output=True, text=True, timeout=60) for _ in range(3)]
    allowed = [int(h.stdout) for h in hosts]
    assert sum(allowed) == 5, [h.stderr for h in hosts]  # per process it would have been 4 + 4 + 4
    here = rate_limiter(5, 60, "chat-address")
    assert isinstance(here, SharedRateLimiter) and here.full("tag-1") and not here.allow("tag-1")
    assert here.allow("tag-2"), "another address has its own count"
    assert rate_limiter(5, 60, "rest-address").allow("tag-1"), "another limit has its own count"


def test_the_window_slides_and_zero_means_unlimited(redis: RedisServer):
    limiter = SharedRateLimiter(2, 0.5, "short", url(redis))
    assert limiter.allow("k") and limiter.allow("k") and not limiter.allow("k")
    time.sleep(0.6)
    assert limiter.allow("k")
    assert all(SharedRateLimiter(0, 60, "off", url(redis)).allow("k") for _ in range(50))


def test_without_redis_configured_counts_stay_in_the_process(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("BOT_REDIS_URL", raising=False)
    assert isinstance(rate_limiter(5, 60, "chat-address"), RateLimiter)


def test_redis_down_lets_messages_through_and_says_so(caplog: pytest.LogCaptureFixture):
    from bot.app.serve import free_port

    limiter = SharedRateLimiter(1, 60, "down", f"redis://127.0.0.1:{free_port()}/1")
    assert limiter.allow("k") and limiter.allow("k")
    assert "rate limit down not checked" in caplog.text
