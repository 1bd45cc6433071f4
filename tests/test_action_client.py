"""bot/rasa_adapter/action_client.py: Rasa's action calls over kept-alive connections, against a real HTTP server on a socket."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.rasa_adapter import action_client

pytestmark = pytest.mark.slow  # imports Rasa's endpoint module


class Server:
    """A real HTTP server on a free port: Sanic answering as the action server does, or raw bytes."""

    def __init__(self, raw: bytes | None = None, close_each: bool = False) -> None:
        self.raw, self.requests, self.connections, self.close_each = raw, [], 0, close_each

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                break
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
            body = json.loads(await reader.readexactly(length))
            self.requests.append((head.decode(), body))
            if body.get("close_after"):
                writer.write(self.raw or b"")
                await writer.drain()
                break
            writer.write(self.raw or answer(body))
            await writer.drain()
            if self.close_each:  # as a server whose keep-alive time ran out, without saying so
                break
        writer.close()


def answer(body: dict) -> bytes:
    payload = json.dumps({"events": [], "responses": [{"text": body.get("say", "")}]}).encode()
    return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(payload), payload)


async def served(server: Server) -> tuple[asyncio.AbstractServer, EndpointConfig]:
    listening = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    return listening, EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Action-Secret": "s3cret"})


def test_calls_share_one_connection_with_one_write_each_and_the_secret_header():
    action_client.install()

    async def scenario() -> tuple[list, Server]:
        server = Server()
        listening, endpoint = await served(server)
        async with listening:
            answers = [await endpoint.request(json={"say": f"turn {n}"}, method="post", timeout=5) for n in range(3)]
        return answers, server

    answers, server = asyncio.run(scenario())
    assert [a["responses"][0]["text"] for a in answers] == ["turn 0", "turn 1", "turn 2"]
    assert server.connections == 1
    head = server.requests[0][0]
    assert head.startswith("POST /webhook HTTP/1.1\r\n") and "X-Action-Secret: s3cret" in head


def test_errors_reach_rasa_as_aiohttp_would_report_them():
    action_client.install()
    rejected = b'{"error": "no", "action_name": "action_troubleshoot"}'
    raw = b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
        len(rejected),
        rejected,
    )

    async def scenario() -> None:
        listening, endpoint = await served(Server(raw))
        async with listening:
            with pytest.raises(ClientResponseError) as refused:
                await endpoint.request(json={}, method="post", timeout=5)
            assert refused.value.status == 400 and json.loads(refused.value.text)["action_name"] == "action_troubleshoot"
        nobody = EndpointConfig(endpoint.url)  # the same port, now closed
        with pytest.raises(aiohttp.ClientConnectionError):
            await nobody.request(json={}, method="post", timeout=5)

    asyncio.run(scenario())


def test_an_idle_connection_the_server_closed_is_replaced_and_a_hang_times_out():
    action_client.install()

    async def scenario() -> Server:
        server = Server()
        listening, endpoint = await served(server)
        async with listening:
            await endpoint.request(json={"close_after": True}, method="post", timeout=5)  # answered by nothing: no reply
        return server

    with pytest.raises(aiohttp.ClientConnectionError):
        asyncio.run(scenario())

    async def reused() -> tuple[list[str], int]:
        server = Server(close_each=True)
        listening, endpoint = await served(server)
        async with listening:
            first = await endpoint.request(json={"say": "one"}, method="post", timeout=5)
            second = await endpoint.request(json={"say": "two"}, method="post", timeout=5)
        return [first["responses"][0]["text"], second["responses"][0]["text"]], server.connections

    assert asyncio.run(reused()) == (["one", "two"], 2)

    async def hangs() -> None:
        async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await asyncio.sleep(5)

        listening = await asyncio.start_server(silent, "127.0.0.1", 0)
        endpoint = EndpointConfig(f"http://127.0.0.1:{listening.sockets[0].getsockname()[1]}/webhook")
        async with listening:
            await endpoint.request(json={}, method="post", timeout=0.3)

    with pytest.raises(aiohttp.ServerTimeoutError):
        asyncio.run(hangs())


def test_chunked_and_non_json_answers():
    action_client.install()
    chunked = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        b'19\r\n{"responses": [{"text": "\r\nd\r\nin pieces"}]}\r\n0\r\n\r\n'
    )
    text = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\n\r\nnot json"

    async def scenario(raw: bytes) -> object:
        listening, endpoint = await served(Server(raw))
        async with listening:
            return await endpoint.request(json={}, method="post", timeout=5)

    assert asyncio.run(scenario(chunked)) == {"responses": [{"text": "in pieces"}]}
    assert asyncio.run(scenario(text)) is None  # as aiohttp's `response.json()` refuses it
