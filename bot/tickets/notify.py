"""Webhook notification of new tickets, sent from the outbox: signed, idempotent, retried with backoff.

The outbox row is written in the same transaction as the ticket, so a crash or a receiver that is down
only delays the notification: the next `deliver_pending` (after a restart, too) sends what is left.
Receivers verify `X-Signature-SHA256` (hex HMAC-SHA256 of the raw body) and drop repeats of `Idempotency-Key`.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import logging
import os
import threading
import time
import urllib.error
import urllib.request
from typing import IO
from urllib.parse import urlsplit

from bot.tickets.store import Delivery, TicketStore

log = logging.getLogger(__name__)

BACKOFF_BASE = 1.0
BACKOFF_CAP = 300.0
LEASE_MARGIN = 30.0
"""Seconds beyond the request timeout that a row being sent stays hidden from other workers."""


def sign(body: bytes, secret: str) -> str:
    """Hex HMAC-SHA256 of the body with the shared secret."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> float:
    """Seconds to wait after the n-th failed attempt: 1, 2, 4, ... up to 5 minutes."""
    return min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, min(attempts - 1, 20)))


def check_url(url: str) -> str:
    """The URL if it is http(s) with a host; ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"webhook URL must be http:// or https:// with a host, got {url!r}")
    return url


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: following it would turn the POST into a GET and drop the body."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: http.client.HTTPMessage, newurl: str
    ) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, delivery: Delivery, secret: str, timeout: float) -> int:
    body = delivery.payload.encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked by check_url)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Signature-SHA256": sign(body, secret),
            "Idempotency-Key": delivery.idempotency_key,
            "User-Agent": "mic-31201-helper",
        },
    )
    with _opener.open(request, timeout=timeout) as response:
        return int(response.status)


def _describe(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return f"{type(error.reason).__name__}: {error.reason}"
    return f"{type(error).__name__}: {error}"


def deliver_pending(store: TicketStore, url: str, secret: str, now: float | None = None, timeout: float = 5) -> int:
    """POST every due, undelivered outbox row; returns how many were delivered (2xx) in this call."""
    check_url(url)
    now = time.time() if now is None else now
    delivered = 0
    while batch := store.lease_due(now, lease=timeout + LEASE_MARGIN):
        for delivery in batch:
            try:
                status = _post(url, delivery, secret, timeout)
                error = None if 200 <= status < 300 else f"HTTP {status}"
            except (OSError, http.client.HTTPException) as failure:  # URLError and timeouts are OSErrors
                error = _describe(failure)
            if error is None:
                store.mark_delivered(delivery.id, now)
                delivered += 1
            else:
                retry_at = now + backoff(delivery.attempts + 1)
                store.mark_failed(delivery.id, error, retry_at)
                log.warning("webhook for %s failed (%s); next try in %.0f s", delivery.reference, error, retry_at - now)
    return delivered


class OutboxWorker:
    """Runs deliver_pending every `interval` seconds in a daemon thread; stop() and start() again at will."""

    def __init__(self, store: TicketStore, url: str, secret: str, interval: float = 1.0) -> None:
        self.store, self.url, self.secret, self.interval = store, check_url(url), secret, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(self._stop,), name="ticket-outbox", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                deliver_pending(self.store, self.url, self.secret)
            except Exception:  # keep the worker alive through a locked or missing database
                log.exception("ticket outbox delivery failed")
            stop.wait(self.interval)


def worker_from_env(store: TicketStore) -> OutboxWorker | None:
    """A worker for BOT_WEBHOOK_URL signed with BOT_WEBHOOK_SECRET; None when no webhook is configured."""
    url = os.environ.get("BOT_WEBHOOK_URL", "").strip()
    secret = os.environ.get("BOT_WEBHOOK_SECRET", "")
    if not url and not secret:
        return None
    if not url or not secret:
        raise ValueError("set both BOT_WEBHOOK_URL and BOT_WEBHOOK_SECRET, or neither")
    return OutboxWorker(store, url, secret)
