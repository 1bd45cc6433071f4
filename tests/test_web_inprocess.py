"""The web server in process, through Sanic's test client (no `bot web` process, no Rasa, no browser): the
template pages escape what users and tickets bring, the console's ticket actions answer 404, 409 and 400 by
exception type, and every error keeps the one JSON shape. Part of `make test-fast`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sanic import Sanic

from bot.tickets.store import TicketDraft, TicketStore
from bot.web.api import create_app
from bot.web.console import register_console
from bot.web.pages import register_pages
from bot.web.templates import ENVIRONMENT
from tests.conftest import ROOT

TOKEN = "in-process-staff-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = '<img src=x onerror="alert(1)"> <b>not bold</b>'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TicketStore:
    return TicketStore(tmp_path_factory.mktemp("web") / "tickets.db")


@pytest.fixture(scope="module")
def app(store: TicketStore, built_kb: Path) -> Sanic:
    web = create_app(store, TOKEN)
    register_pages(web, "http://127.0.0.1:9", ROOT / "knowledge", index=built_kb)
    register_console(web, store, TOKEN)
    return web


def file_ticket(store: TicketStore, **fields: object) -> str:
    draft = {
        "conversation_id": "web-test",
        "trigger": "user_request",
        "reason": "the user asked for a person",
        "contact_email": "sam@example.com",
        **fields,
    }
    return store.create(TicketDraft(**draft)).reference  # type: ignore[arg-type]


def get(app: Sanic, url: str, headers: dict[str, str] | None = None):  # noqa: ANN201 - Sanic's test response
    _request, reply = app.test_client.get(url, headers=headers or {}, allow_redirects=False)
    return reply


def post(app: Sanic, url: str, headers: dict[str, str] | None = None, **body: object):  # noqa: ANN201
    _request, reply = app.test_client.post(url, headers=headers or {}, allow_redirects=False, **body)
    return reply


def staff_cookie(app: Sanic, name: str) -> dict[str, str]:
    reply = post(app, "/staff/login", data={"token": TOKEN, "name": name, "next": "/staff/queue"})
    assert reply.status == 302, reply.text
    return {"Cookie": f"staff_session={reply.cookies['staff_session']}"}


def test_every_template_loads_and_escapes():
    assert ENVIRONMENT.autoescape is True
    names = ENVIRONMENT.list_templates()
    assert {"base.html", "page.html", "console.html", "console_ticket.html", "console_analytics.html"} <= set(names)
    for name in names:
        ENVIRONMENT.get_template(name)  # a syntax error in any template fails here, not on a page view


def test_the_article_list_groups_by_audience_and_a_search_is_text(app: Sanic):
    page = get(app, "/kb")
    assert page.status == 200 and page.headers["content-security-policy"].startswith("default-src 'self'")
    assert page.text.index('<h2 id="end-user">') < page.text.index('<h2 id="developer">') < page.text.index('<h2 id="staff">')
    typed = "<script>alert(1)</script> why does firefox not ask for the microphone"
    found = get(app, "/kb?q=" + typed.replace(" ", "+"))
    assert "<script>alert(1)" not in found.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in found.text
    assert re.search(r'<ol class="results"><li><a href="/kb/[\w-]+#[\w-]+">', found.text)


def test_an_unknown_article_is_a_404_page(app: Sanic):
    page = get(app, "/kb/no-such-article")
    assert page.status == 404 and "<h1>No such article</h1>" in page.text


def test_console_pages_need_a_login(app: Sanic):
    reply = get(app, "/staff/queue")
    assert reply.status == 302 and reply.headers["location"] == "/staff/login?next=/staff/queue"
    login = post(app, "/staff/login", data={"token": "wrong", "name": "Sam", "next": "/staff/queue"})
    assert login.status == 401 and '<p class="problem" role="alert">That token is not valid.</p>' in login.text


def test_a_ticket_page_shows_what_the_customer_typed_as_text(app: Sanic, store: TicketStore):
    reference = file_ticket(
        store,
        contact_name=HOSTILE,
        error_text=HOSTILE,
        facts={"browser": "chrome"},
        transcript=[{"at": 1_700_000_000, "who": "user", "text": HOSTILE}],
        diagnostics={"secure_context": True, "permission": HOSTILE},
    )
    page = get(app, f"/staff/tickets/{reference}", staff_cookie(app, "Sam <Staff>"))
    assert page.status == 200
    assert "<img" not in page.text and "<b>not bold" not in page.text
    assert page.text.count("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;") == 4  # name, error text, transcript, check
    assert "You act as <strong>Sam &lt;Staff&gt;</strong>" in page.text


def test_console_actions_answer_by_exception_type(app: Sanic, store: TicketStore):
    reference = file_ticket(store)
    alex, sam = staff_cookie(app, "Alex"), staff_cookie(app, "Sam")
    claimed = post(app, f"/staff/tickets/{reference}/claim", alex)
    assert claimed.status == 302 and claimed.headers["location"] == f"/staff/tickets/{reference}?done=claimed"
    again = post(app, f"/staff/tickets/{reference}/claim", sam)
    assert again.status == 409 and f"Ticket {reference} is already claimed by Alex." in again.text
    empty = post(app, f"/staff/tickets/{reference}/resolve", sam, data={"note": "  "})
    assert empty.status == 400 and "A resolution needs a note saying what was done." in empty.text
    missing = get(app, "/staff/tickets/MIC-AAAAAA", sam)
    assert missing.status == 404 and "There is no ticket MIC-AAAAAA." in missing.text


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/api/tickets/MIC-AAAAAA/claim", 404, "no ticket MIC-AAAAAA"),
        ("/api/tickets/not-a-reference/claim", 404, "'not-a-reference' is not a ticket reference (they look like MIC-7KQ2ZD)"),
    ],
)
def test_api_unknown_tickets_are_404_in_the_one_error_shape(app: Sanic, path: str, status: int, error: str):
    reply = post(app, path, BEARER, json={"by": "Sam"})
    assert (reply.status, reply.json) == (status, {"ok": False, "status": status, "error": error})


def test_api_a_second_claim_is_a_conflict(app: Sanic, store: TicketStore):
    reference = file_ticket(store)
    assert post(app, f"/api/tickets/{reference}/claim", BEARER, json={"by": "Alex"}).status == 200
    reply = post(app, f"/api/tickets/{reference}/claim", BEARER, json={"by": "Sam"})
    assert (reply.status, reply.json) == (
        409,
        {"ok": False, "status": 409, "error": f"ticket {reference} is already claimed by Alex"},
    )


def test_the_queue_lists_tickets_with_their_reason_in_words(app: Sanic, store: TicketStore):
    reference = file_ticket(store, trigger="exhausted", reason="")
    page = get(app, "/staff/queue?status=open", BEARER)
    assert page.status == 200
    row = re.search(rf'<tr><td><a href="/staff/tickets/{reference}">{reference}</a></td>.*?</tr>', page.text)
    assert row and "<td>every fix was tried</td>" in row.group(0)
    assert get(app, "/staff/queue?status=bogus", BEARER).status == 400
