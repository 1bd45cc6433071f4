"""The staff console's login gate, against a real `bot web` process (the `api` fixture)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest

from bot.web.console import FEATURES
from tests.test_web_api import TOKEN, assert_error_shape, call

pytestmark = pytest.mark.slow  # against a real `bot web` process (the in-process web tests are in test_web_inprocess.py)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
        return None


def fetch(url: str, data: dict | None = None, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as reply:
            return reply.status, dict(reply.headers), reply.read().decode()
    except urllib.error.HTTPError as problem:
        return problem.code, dict(problem.headers), problem.read().decode()


@pytest.mark.parametrize("path", [path for _module, path, _label in FEATURES])
def test_pages_redirect_to_login_without_the_token(api, path):
    status, headers, _ = fetch(api[0] + path)
    assert status == 302
    assert headers["Location"] == f"/staff/login?next={urllib.parse.quote(path)}"


def test_the_site_has_an_icon_so_browsers_log_no_404(api):
    status, headers, body = fetch(api[0] + "/favicon.ico")
    content_type = {name.lower(): value for name, value in headers.items()}["content-type"]
    assert status == 200 and content_type.startswith("image/svg+xml") and body.startswith("<svg")


def test_console_json_refuses_without_the_token(api):
    status, body = call(api[0] + "/staff/api/anything", token=None)
    assert_error_shape(status, body, 401)


def test_wrong_token_is_refused_and_right_token_sets_a_strict_httponly_cookie(api):
    status, _, page = fetch(api[0] + "/staff/login", {"token": "nope", "next": "/staff/script"})
    assert status == 401 and "not valid" in page
    status, headers, _ = fetch(api[0] + "/staff/login", {"token": TOKEN, "name": "Sam", "next": "https://evil.example/"})
    assert status == 302 and headers["Location"] == "/staff/queue"
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    status, headers, page = fetch(api[0] + "/staff/diagram", cookie=cookie.split(";")[0])
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    assert all(f'href="{path}"' in page for _module, path, _label in FEATURES)
