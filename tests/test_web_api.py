"""The consultants' API: a real `bot web` process over a real SQLite ticket store."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.conftest import STAFF_TOKEN as TOKEN

pytestmark = pytest.mark.slow  # against a real `bot web` process (the in-process web tests are in test_web_inprocess.py)


def call(url: str, method: str = "GET", body: object = None, token: str | None = TOKEN) -> tuple[int, dict | str]:
    data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as problem:
        raw, status = problem.read().decode(), problem.code
    try:
        return status, json.loads(raw)
    except json.JSONDecodeError:
        return status, raw


def assert_error_shape(status: int, body: object, expected: int) -> None:
    assert status == expected
    assert isinstance(body, dict) and set(body) == {"ok", "status", "error"}
    assert body["ok"] is False and body["status"] == expected and body["error"]


@pytest.mark.parametrize("token", [None, "wrong", ""])
def test_api_refuses_requests_without_a_valid_token(api, token):
    base, references = api
    for path in ("/api/tickets", f"/api/tickets/{references[0]}"):
        assert_error_shape(*call(base + path, token=token), 401)
    assert_error_shape(*call(f"{base}/api/tickets/{references[0]}/claim", "POST", {"by": "x"}, token=token), 401)


def test_list_is_paginated(api):
    base, references = api
    status, page = call(f"{base}/api/tickets?limit=2")
    assert status == 200 and page["ok"] and page["total"] == 5 and len(page["tickets"]) == 2
    seen = [t["reference"] for t in page["tickets"]]
    while page["next"]:
        status, page = call(base + page["next"])
        seen += [t["reference"] for t in page["tickets"]]
    assert sorted(seen) == sorted(references)


def test_show_claim_resolve_export(api):
    base, references = api
    reference = references[1]
    status, body = call(f"{base}/api/tickets/{reference}")
    assert status == 200 and body["ticket"]["contact_email"] == "u1@example.com"
    status, body = call(f"{base}/api/tickets/{reference}/claim", "POST", {"by": "Dana"})
    assert status == 200 and body["ticket"]["status"] == "claimed" and body["ticket"]["claimed_by"] == "Dana"
    assert_error_shape(*call(f"{base}/api/tickets/{reference}/claim", "POST", {"by": "Lee"}), 409)
    status, body = call(f"{base}/api/tickets/{reference}/resolve", "POST", {"note": "Windows privacy toggle was off"})
    assert status == 200 and body["ticket"]["status"] == "resolved"
    status, text = call(f"{base}/api/tickets/{reference}/export?format=md")
    assert status == 200 and reference in text and "Windows privacy toggle was off" in text
    status, body = call(f"{base}/api/tickets?status=resolved")
    assert [t["reference"] for t in body["tickets"]] == [reference]


@pytest.mark.parametrize(
    "path,method,body,expected",
    [
        ("/api/tickets/MIC-ZZZZZZ", "GET", None, 404),
        ("/api/tickets/not-a-ref", "GET", None, 404),
        ("/api/nothing-here", "GET", None, 404),
        ("/api/tickets?status=weird", "GET", None, 400),
        ("/api/tickets?limit=abc", "GET", None, 400),
        ("/api/tickets/MIC-ZZZZZZ/claim", "POST", b"{not json", 400),
        ("/api/tickets/MIC-ZZZZZZ/resolve", "POST", {}, 400),
        ("/api/tickets/MIC-ZZZZZZ/export?format=pdf", "GET", None, 400),
    ],
)
def test_errors_have_one_shape(api, path, method, body, expected):
    base, _ = api
    assert_error_shape(*call(base + path, method, body), expected)
