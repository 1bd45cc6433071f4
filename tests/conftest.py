from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

import pytest

from bot.app.loading import load_engine, validate
from bot.app.serve import Servers, latest_model
from bot.flows.engine import Engine
from bot.kb.index import build_index
from bot.tickets.store import TicketDraft, TicketStore
from tests.chat import free_port, web_server

ROOT = Path(__file__).resolve().parent.parent

# The abuse limits (bot/app/limits.py) are for real clients; the suite sends hundreds of messages and tickets from
# one address, so every server it starts gets generous limits, except those tests/test_abuse.py starts with
# the defaults to show the limits working.
GENEROUS_LIMITS = {
    "BOT_MAX_BODY_BYTES": str(4 * 1024 * 1024),  # the bad-input corpus holds a 1 MB message
    "BOT_RATE_PER_SENDER": "0",
    "BOT_RATE_PER_ADDRESS": "0",
    "BOT_TICKETS_PER_CONVERSATION": "0",
    "BOT_TICKETS_PER_ADDRESS": "0",
}
for _name, _value in GENEROUS_LIMITS.items():
    os.environ.setdefault(_name, _value)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FAST_TIER = "not e2e and not slow"
"""The marker expression of `make test-fast`."""
WHOLE_MODULE_MARK = re.compile(r"^pytestmark = pytest\.mark\.(e2e|slow)\b", re.M)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The fast tier does not even import a module marked e2e or slow as a whole: importing Rasa's server side
    (TensorFlow) or Playwright alone would take longer than the tier's tests."""
    if config.getoption("markexpr") != FAST_TIER or collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    return True if WHOLE_MODULE_MARK.search(collection_path.read_text(encoding="utf-8")) else None


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine(str(ROOT / "flows"))


@pytest.fixture(scope="session")
def built_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The knowledge index of knowledge/, built once per run. Read it; a test that writes to an index copies it."""
    path = tmp_path_factory.mktemp("kb") / "kb.db"
    build_index(ROOT / "knowledge", path)
    return path


IN_PROCESS_PATHS = {
    "BOT_VAR_DIR": "",
    "BOT_KB_INDEX": "kb.db",
    "BOT_KB_FEEDBACK": "kb_feedback.db",
    "BOT_TICKETS_DB": "tickets.db",
    "BOT_TRACKER_DB": "tracker.db",
}


@pytest.fixture(autouse=True)
def private_state(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """In-process tests never read or write the developer's var/ (nor a path set in their shell): every store the
    code finds through the environment starts in a fresh folder. A test or fixture that wants a store sets it
    itself, after this. Tests with servers (e2e, slow) give their processes their own paths."""
    if request.node.get_closest_marker("e2e") or request.node.get_closest_marker("slow"):
        return
    folder = tmp_path_factory.mktemp("state")
    for name, file in IN_PROCESS_PATHS.items():
        monkeypatch.setenv(name, str(folder / file))


@pytest.fixture
def flow_dir(tmp_path: Path) -> Path:
    """A flows folder with the real facts.yml and messages.yml and no flows yet."""
    directory = tmp_path / "flows"
    directory.mkdir()
    for name in ("facts.yml", "messages.yml"):
        shutil.copy(ROOT / "flows" / name, directory / name)
    return directory


def findings_for(directory: Path) -> list:
    return validate(directory, FIXTURES / "knowledge")[1]


WEBHOOK_PORT = free_port()
WEBHOOK_SECRET = "e2e-webhook-secret"


def real_servers(workdir: Path, env: dict[str, str], web: bool = False):
    """A real action server and Rasa (and the web server) in `workdir`, with their own knowledge index, ticket
    and feedback stores there; stopped when the fixture using this ends."""
    model = latest_model("models")
    assert model is not None, "no trained model: run `make train` (make test does)"
    build_index(ROOT / "knowledge", workdir / "kb.db")
    running = Servers(
        model=model,
        rasa_port=free_port(),
        action_port=free_port(),
        workdir=workdir,
        token="t" + secrets.token_urlsafe(16),  # never starting with "-", which rasa run would read as an option
        tracker_db=workdir / "tracker.db",
        web_port=free_port() if web else None,
        env={
            "BOT_KB_INDEX": str(workdir / "kb.db"),
            "BOT_KB_FEEDBACK": str(workdir / "feedback.db"),
            "BOT_TICKETS_DB": str(workdir / "tickets.db"),
            **env,
        },
    )
    running.start()
    try:
        running.wait_healthy(timeout=240)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory):
    # A receiver that is not listening yet: test_webhook_receiver_down_then_up starts it later.
    webhook = {"BOT_WEBHOOK_URL": f"http://127.0.0.1:{WEBHOOK_PORT}/hook", "BOT_WEBHOOK_SECRET": WEBHOOK_SECRET}
    yield from real_servers(tmp_path_factory.mktemp("e2e"), webhook, web=True)


STAFF_TOKEN = "staff-test-token"


@pytest.fixture(scope="session")
def api(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "tickets.db"
    store = TicketStore(db)
    references = [
        store.create(
            TicketDraft(
                conversation_id=f"c{i}",
                trigger="user_request",
                reason="the user asked for a person",
                facts={"browser": "chrome"},
                contact_email=f"u{i}@example.com",
            )
        ).reference
        for i in range(5)
    ]
    with web_server({"BOT_TICKETS_DB": str(db), "BOT_STAFF_TOKEN": STAFF_TOKEN}) as base:
        yield base, references


# Module scope: Playwright's sync driver runs an event loop in this thread, and the tests that call
# asyncio.run() (custom actions on tracker fixtures) cannot run while one is open.
@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright):
    """A headless Chromium for the page tests of one module (tests/browser.py)."""
    from tests.browser import chromium

    with chromium(playwright) as instance:
        yield instance


@pytest.fixture
def page(browser):
    from tests.browser import new_page

    with new_page(browser) as opened:
        yield opened
