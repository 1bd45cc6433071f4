"""Rasa's calls to the action server over kept-alive HTTP/1.1 connections of its own, one write per request.

Rasa 3.6 posts each action call with aiohttp: a request object, cookie and timer handling, and the headers and
the body written to the socket separately, each write waking the action server. py-spy under bench/load.py (50
users) put the aiohttp part of an action call at about a tenth of Rasa's time per message; the bare bot makes no
such call. Here a plain JSON POST to an `http://` endpoint (what `RemoteAction` sends) goes out as one write on a
connection kept per endpoint and reused while it is younger than REUSE_S (the action server keeps them open
longer, `ACTION_KEEP_ALIVE` in bot/app/serve.py); the answer is read by its Content-Length (or chunks). What Rasa sees
is unchanged: the parsed JSON (None when the answer is not JSON), `ClientResponseError` for a status of 400 or
more, an aiohttp connection error when the server cannot be reached or hangs up, a timeout as aiohttp's.
Any other request (another method, TLS, compression, tokens in the URL, extra options) goes through Rasa's own
code.

`bot.rasa_adapter.fast` installs this in the Rasa process before Rasa starts.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any
from urllib.parse import urlsplit

from bot.rasa_adapter import json_codec

REUSE_S = 15.0
DEFAULT_TIMEOUT_S = 300.0
"""aiohttp's default total timeout, used when the caller gives none."""


class ActionConnections:
    """Idle kept-alive connections to one `http://host:port`, used by one request at a time each."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []

    async def post(
        self, target: str, headers: dict[str, str], body: bytes, timeout: float
    ) -> tuple[int, str, dict[str, str], bytes]:
        import aiohttp

        request = head("POST", target, {"Host": f"{self.host}:{self.port}", **headers, "Content-Length": str(len(body))}) + body
        try:
            return await asyncio.wait_for(self._exchange(request), timeout)
        except asyncio.TimeoutError as problem:
            raise aiohttp.ServerTimeoutError(f"no answer from the action server within {timeout:g} s") from problem
        except (OSError, asyncio.IncompleteReadError, ValueError) as problem:
            raise aiohttp.ClientConnectionError(f"action server {self.host}:{self.port}: {problem!r}") from problem

    async def _exchange(self, request: bytes) -> tuple[int, str, dict[str, str], bytes]:
        reused = self._take_idle()
        if reused is not None:
            try:
                return await self._send(*reused, request)
            except (ConnectionError, asyncio.IncompleteReadError) as problem:
                if not getattr(problem, "before_answer", False):
                    raise
                # The server closed the idle connection before reading this request: it never saw it.
        reader, writer = await asyncio.open_connection(self.host, self.port)
        return await self._send(reader, writer, request)

    def _take_idle(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        while self.idle:
            reader, writer, since = self.idle.pop()
            if time.monotonic() - since < REUSE_S and not writer.is_closing() and not reader.at_eof():
                return reader, writer
            writer.close()
        return None

    async def _send(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
    ) -> tuple[int, str, dict[str, str], bytes]:
        try:
            writer.write(request)
            try:
                status_line = await reader.readuntil(b"\r\n")
            except (ConnectionError, asyncio.IncompleteReadError) as problem:
                problem.before_answer = True  # type: ignore[union-attr]  # a mark read by the retry below, not an attribute of the class
                raise
            status, reason, headers = parse_head(status_line, await read_lines(reader))
            body, reusable = await read_body(reader, headers)
        except BaseException:
            writer.close()
            raise
        if reusable:
            self.idle.append((reader, writer, time.monotonic()))
        else:
            writer.close()
        return status, reason, headers, body


def head(method: str, target: str, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", *(f"{name}: {value}" for name, value in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


async def read_lines(reader: asyncio.StreamReader) -> bytes:
    """Header lines up to and without the empty line that ends them."""
    lines = []
    while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
        lines.append(line)
    return b"".join(lines)


def parse_head(status_line: bytes, header_block: bytes) -> tuple[int, str, dict[str, str]]:
    version, _, rest = status_line.decode("latin-1").strip().partition(" ")
    code, _, reason = rest.partition(" ")
    if not version.startswith("HTTP/1.") or not code.isdigit():
        raise ValueError(f"not an HTTP/1.x answer: {status_line[:80]!r}")
    headers: dict[str, str] = {}
    for line in header_block.decode("latin-1").split("\r\n"):
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return int(code), reason, headers


async def read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> tuple[bytes, bool]:
    """The answer's body, and whether the connection may carry another request."""
    keep = headers.get("connection", "").lower() != "close"
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16):
            chunks.append(await reader.readexactly(size + 2))
        await read_lines(reader)  # trailers, up to the empty line
        return b"".join(chunk[:-2] for chunk in chunks), keep
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"])), keep
    return await reader.read(), False


def plain_json_post(
    endpoint: Any, method: str, subpath: str | None, content_type: str | None, compress: bool, kwargs: dict[str, Any]
) -> bool:
    """Whether Rasa's `request` would send exactly a JSON POST to an http:// URL, with nothing this client leaves out."""
    return (
        method.lower() == "post"
        and subpath is None
        and content_type == "application/json"
        and not compress
        and set(kwargs) <= {"json", "timeout"}
        and str(endpoint.url or "").startswith("http://")
        and not (endpoint.cafile or endpoint.basic_auth or endpoint.token or endpoint.params)
    )


def install() -> None:
    """`EndpointConfig.request` takes this path for plain JSON POSTs (once)."""
    from rasa.utils.endpoints import ClientResponseError, EndpointConfig

    if getattr(EndpointConfig.request, "kept_connections", False):
        return
    rasa_request = EndpointConfig.request

    async def request(
        self: EndpointConfig,
        method: str = "post",
        subpath: str | None = None,
        content_type: str | None = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Any:
        if not plain_json_post(self, method, subpath, content_type, compress, kwargs):
            return await rasa_request(self, method, subpath, content_type, compress, **kwargs)
        connections = connections_for(self)
        url = urlsplit(self.url)
        target = (url.path or "/") + (f"?{url.query}" if url.query else "")
        headers = {"Content-Type": "application/json", **{str(k): str(v) for k, v in self.headers.items()}}
        body = json_codec.dumps(kwargs.get("json")).encode("utf-8")
        status, reason, answer_headers, answer = await connections.post(target, headers, body, timeout_s(kwargs.get("timeout")))
        if status >= 400:
            raise ClientResponseError(status, reason, answer)
        if "json" not in answer_headers.get("content-type", ""):
            return None  # as aiohttp's `response.json()` refuses another content type
        return json_codec.loads(answer)

    request.kept_connections = True  # type: ignore[attr-defined]  # a mark on the patched function, read by the tests
    EndpointConfig.request = request


def timeout_s(timeout: Any) -> float:
    """Seconds from what Rasa passes: a number, aiohttp's `ClientTimeout`, or nothing."""
    if isinstance(timeout, (int, float)):
        return float(timeout)
    total = getattr(timeout, "total", None)
    return float(total) if total else DEFAULT_TIMEOUT_S


def connections_for(endpoint: Any) -> ActionConnections:
    """One pool per endpoint and event loop (connections belong to the loop that opened them)."""
    loop = asyncio.get_running_loop()
    kept = getattr(endpoint, "_action_connections", None)
    if kept is None or kept[0] is not loop:
        url = urlsplit(endpoint.url)
        kept = (loop, ActionConnections(url.hostname or "127.0.0.1", url.port or 80))
        endpoint._action_connections = kept
    return kept[1]
