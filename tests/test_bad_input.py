"""Bad input end to end: the corpus in tests/fixtures/bad_input/ through the real REST channel and the web
server's /chat proxy, forged payloads against the tracker's internal state, malformed JSON bodies to every
endpoint that reads one, and the tokens that guard Rasa's HTTP API and the staff API.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.app.serve import Servers
from tests.chat import log_sizes, new_log_text, new_sender, post, send_raw, tracker
from tests.conftest import FIXTURES, STAFF_TOKEN

pytestmark = pytest.mark.e2e

CORPUS_DIR = FIXTURES / "bad_input"
CORPUS = [json.loads(line) for line in (CORPUS_DIR / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
CATEGORIES = {
    "empty",
    "whitespace",
    "huge",
    "control",
    "script",
    "fts5",
    "sql",
    "html",
    "markdown",
    "format",
    "forged",
    "builtin_intent",
}
MARKER = "FORGED"
EXECUTABLE = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|svg|img|math|meta|style|body|details|input|template)\b"
    r"|(java|vb)\s*script\s*:|\bon[a-z]+\s*=|\]\(\s*(data|javascript|vbscript)\s*:",
    re.I,
)
"""Markup or links a client could end up running, anywhere in a reply (text, buttons, custom payload)."""
PARALLEL = 8


def message_of(entry: dict) -> str:
    return entry["text"] * entry.get("repeat", 1)


def test_corpus_has_every_category_and_is_what_its_script_makes():
    assert len(CORPUS) >= 500
    assert {entry["category"] for entry in CORPUS} == CATEGORIES
    assert len({entry["id"] for entry in CORPUS}) == len(CORPUS)
    assert max(len(message_of(entry).encode(errors="surrogatepass")) for entry in CORPUS) >= 1_000_000
    assert sum(entry["category"] == "script" for entry in CORPUS) >= 150
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_DIR / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert json.loads(json.dumps(module.entries())) == CORPUS, "corpus.jsonl is stale: run make_corpus.py"


def send_entry(job: tuple[str, dict]) -> tuple[dict, int, object, float]:
    url, entry = job
    body = json.dumps({"sender": new_sender(), "message": message_of(entry)}).encode()
    started = time.monotonic()
    status, raw = send_raw(url, body)
    try:
        replies = json.loads(raw)
    except ValueError:
        replies = raw
    return entry, status, replies, time.monotonic() - started


def test_every_corpus_message_gets_a_safe_reply_and_no_server_error(servers: Servers):
    logs = log_sizes(servers)
    rest = f"{servers.rasa_url}/webhooks/rest/webhook"
    chat = f"http://127.0.0.1:{servers.web_port}/chat"
    jobs = [(rest, entry) for entry in CORPUS] + [(chat, entry) for entry in CORPUS[::5] if not entry.get("rest_only")]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(pool.map(send_entry, jobs))
    elapsed = time.monotonic() - started
    print(f"\n{len(jobs)} bad messages in {elapsed:.1f}s, slowest {max(r[3] for r in results):.1f}s")

    problems = []
    for entry, status, replies, _seconds in results:
        if status != 200 or not isinstance(replies, list) or not all(isinstance(r, dict) for r in replies):
            problems.append((entry["id"], status, str(replies)[:200]))
        elif not replies and entry["category"] != "builtin_intent":  # /restart and friends are Rasa's own
            problems.append((entry["id"], "no reply"))
        elif EXECUTABLE.search(json.dumps(replies, ensure_ascii=False)):
            problems.append((entry["id"], "executable markup", json.dumps(replies, ensure_ascii=False)[:300]))
    assert problems == []
    assert all(servers.healthy().values()), servers.healthy()
    assert all(process.poll() is None for process in servers.processes.values())
    log = new_log_text(servers, logs)
    assert "Traceback" not in log and "rest.message.received.failure" not in log, log[-3000:]


STATE_UNCHANGED = [entry for entry in CORPUS if entry.get("expect") == "state_unchanged"]
NOT_INJECTED = [entry for entry in CORPUS if entry.get("expect") == "not_injected"]


def test_forged_payloads_never_reach_internal_state(servers: Servers):
    def probe(entry: dict) -> tuple[dict, dict, dict, list[dict]]:
        sender = new_sender()
        post(servers, sender, "I get error 31201")  # mid-flow, at a question
        before = tracker(servers, sender)["slots"]
        replies = post(servers, sender, entry["text"])
        return entry, before, tracker(servers, sender)["slots"], replies

    assert len(STATE_UNCHANGED) >= 50 and NOT_INJECTED
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(pool.map(probe, STATE_UNCHANGED + NOT_INJECTED))
    for entry, before, after, _replies in results:
        assert before["flow_state"]["step"] == "ask_error_kind"
        assert MARKER not in json.dumps(after), (entry["id"], after)
        assert set(after) == set(before), entry["id"]
        if entry["expect"] == "state_unchanged":
            # Only the count of messages not understood may move: that is what a forged payload is.
            changed = {
                key for key in before["flow_state"] if key != "misses" and before["flow_state"][key] != after["flow_state"][key]
            }
            assert changed == set(), (entry["id"], changed)


MALFORMED = {
    "empty body": b"",
    "truncated": b'{"sender": "x", "message": "hel',
    "not JSON": b"hello there",
    "array": b'[{"sender": "x", "message": "hi"}]',
    "number": b"42",
    "null": b"null",
    "string": b'"hi"',
    "NaN": b'{"sender": "x", "message": NaN}',
    "sender a number": b'{"sender": 7, "message": "hi"}',
    "sender null": b'{"sender": null, "message": "hi"}',
    "sender empty": b'{"sender": "", "message": "hi"}',
    "message a number": b'{"sender": "x", "message": 5}',
    "message an object": b'{"sender": "x", "message": {"text": "hi"}}',
    "message missing": b'{"sender": "x"}',
    "metadata a list": b'{"sender": "x", "message": "hi", "metadata": [1]}',
    "deep array nesting": b'{"sender": "x", "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "deep object nesting": b'{"a": ' * 50_000 + b"1" + b"}" * 50_000,
    "not UTF-8": b'{"sender": "x", "message": "\xff\xfe\xfa broken"}',
    "UTF-16": '{"sender": "x", "message": "hi"}'.encode("utf-16"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_json_gets_a_4xx_in_the_error_shape(servers: Servers, api, name: str):
    base, references = api
    targets = [
        (f"{servers.rasa_url}/webhooks/rest/webhook", {}),
        (f"http://127.0.0.1:{servers.web_port}/chat", {}),
        (f"{base}/api/tickets/{references[0]}/claim", {"Authorization": f"Bearer {STAFF_TOKEN}"}),
        (f"{base}/api/tickets/{references[0]}/resolve", {"Authorization": f"Bearer {STAFF_TOKEN}"}),
    ]
    for url, headers in targets:
        started = time.monotonic()
        status, raw = send_raw(url, MALFORMED[name], headers, timeout=30)
        assert 400 <= status < 500, (url, status, raw[:200])
        assert time.monotonic() - started < 10, url
        reply = json.loads(raw)
        assert reply["ok"] is False and reply["status"] == status and isinstance(reply["error"], str), (url, reply)
    status, _ = send_raw(f"{base}/staff/api/tickets", MALFORMED[name], {"Authorization": f"Bearer {STAFF_TOKEN}"}, timeout=30)
    assert 400 <= status < 500
    assert all(servers.healthy().values())


def rasa_api_calls(servers: Servers) -> list[tuple[str, str, bytes | None]]:
    base = servers.rasa_url
    return [
        ("GET", f"{base}/conversations/someone/tracker", None),
        ("POST", f"{base}/conversations/someone/messages", b'{"text": "hi", "sender": "user"}'),
        ("POST", f"{base}/conversations/someone/trigger_intent", b'{"name": "greet"}'),
        ("POST", f"{base}/conversations/someone/tracker/events", b'[{"event": "slot", "name": "flow_state", "value": "FORGED"}]'),
        ("PUT", f"{base}/conversations/someone/tracker/events", b"[]"),
        ("POST", f"{base}/model/parse", b'{"text": "hello"}'),
        ("GET", f"{base}/status", None),
        ("GET", f"{base}/domain", None),
        ("PUT", f"{base}/model", b'{"model_file": "/etc/passwd"}'),
        ("DELETE", f"{base}/model", None),
    ]


@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_rasa_http_api_refuses_requests_without_the_token(servers: Servers, token: str | None):
    import urllib.error
    import urllib.request

    for method, url, body in rasa_api_calls(servers):
        full = url if token is None else f"{url}?token={token}"
        request = urllib.request.Request(full, data=body, method=method, headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code in (401, 403), (method, url, refused.value.code)
    # The forged tracker event above was refused: nothing was written.
    assert tracker(servers, "someone")["slots"].get("flow_state") is None


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Bearer ", STAFF_TOKEN, f"Basic {STAFF_TOKEN}"])
def test_staff_api_refuses_requests_without_a_valid_bearer_token(api, header: str | None):
    import urllib.error
    import urllib.request

    base, references = api
    headers = {"Authorization": header} if header is not None else {}
    for method, path, body in (
        ("GET", "/api/tickets", None),
        ("GET", f"/api/tickets/{references[0]}", None),
        ("GET", f"/api/tickets/{references[0]}/export?format=md", None),
        ("POST", f"/api/tickets/{references[0]}/claim", b'{"by": "mallory"}'),
        ("POST", f"/api/tickets/{references[0]}/resolve", b'{"note": "closed by mallory"}'),
        ("GET", "/staff/api/tickets", None),
    ):
        request = urllib.request.Request(
            base + path, data=body, method=method, headers={"Content-Type": "application/json", **headers}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code in (401, 403), (method, path)
        assert json.loads(refused.value.read())["ok"] is False
    request = urllib.request.Request(f"{base}/api/tickets/{references[0]}", headers={"Authorization": f"Bearer {STAFF_TOKEN}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.loads(response.read())["ticket"]["status"] == "open"  # mallory's claim did not happen
