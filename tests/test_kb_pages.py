"""The public /kb pages over a real `bot web` process and a real index: the search box, and staff articles kept apart."""

from __future__ import annotations

import html
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.kb.index import build_index
from tests.chat import web_server
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # against a real `bot web` process (the in-process web tests are in test_web_inprocess.py)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory: Path = tmp_path_factory.mktemp("kbpages")
    build_index(ROOT / "knowledge", directory / "kb.db")
    env = {"BOT_KB_INDEX": str(directory / "kb.db"), "BOT_TICKETS_DB": str(directory / "tickets.db"), "BOT_STAFF_TOKEN": "t" * 32}
    with web_server(env) as url:
        yield url


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def search(base: str, query: str) -> str:
    return get(f"{base}/kb?{urllib.parse.urlencode({'q': query})}")


def test_the_index_has_a_search_box_and_lists_staff_articles_apart_and_labelled(base: str):
    page = get(f"{base}/kb")
    assert '<form role="search" action="/kb" method="get">' in page and 'name="q"' in page
    everyone, rest = page.split('<h2 id="end-user">', 1)[1].split('<h2 id="developer">', 1)
    staff = rest.split('<h2 id="staff">', 1)[1]
    assert "/kb/close-other-apps" in everyone and "/kb/staff-triage-guide" not in everyone
    assert "/kb/staff-triage-guide" in staff and staff.count("Staff only") == staff.count("<li>")


def test_a_search_lists_the_matching_sections(base: str):
    page = search(base, "our agents work in citrix and the headset mic never shows up")
    first = re.search(r'<ol class="results"><li><a href="([^"]+)"', page)
    assert first and first[1].startswith("/kb/virtual-desktops#")


def test_a_staff_section_found_by_search_is_labelled(base: str):
    page = search(base, "what should i write down about the caller's mic problem before escalating")
    results = page.split('<ol class="results">', 1)[1].split("</ol>", 1)[0]
    staff_items = [
        item for item in results.split("<li>") if "/kb/when-to-call-a-specialist" in item or "/kb/staff-triage-guide" in item
    ]
    assert staff_items and all("Staff only" in item for item in staff_items)


def test_a_search_with_no_match_says_so_and_what_was_typed_stays_text(base: str):
    typed = "<script>alert(1)</script> refund for my order"
    page = search(base, typed)
    assert "No article matches" in page and "<script>alert(1)" not in page
    assert html.escape(typed) in page


def test_a_staff_article_page_says_it_is_for_staff(base: str):
    assert "Staff only" in get(f"{base}/kb/staff-triage-guide")
    assert "Staff only" not in get(f"{base}/kb/close-other-apps")
