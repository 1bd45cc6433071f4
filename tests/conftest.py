from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from bot.app.loading import load_engine, validate
from bot.app.serve import Servers, free_port, latest_model
from bot.flows.engine import Engine
from bot.kb.index import BuildReport, build_index
from bot.kb.service import KnowledgeBase
from bot.tickets.store import TicketDraft, TicketStore
from tests.chat import web_server

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
    if (
        config.getoption("markexpr") != FAST_TIER
        or collection_path.suffix != ".py"
        or not collection_path.name.startswith("test_")
    ):
        return None
    return True if WHOLE_MODULE_MARK.search(collection_path.read_text(encoding="utf-8")) else None


SERVER_FIXTURES = {"postgres", "redis", "servers", "api", "playwright"}
"""Fixtures that start another process (a database, Redis, our servers, a browser): a test using one, even through
another fixture, is `slow` whatever its module says, so the fast tier never starts a server."""


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine(str(ROOT / "flows"))


@pytest.fixture(scope="session")
def kb_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The knowledge index of knowledge/, built once per run (building trains two ranking models: seconds), and
    what the build reported. Under pytest-xdist the first worker builds it and the others read that one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    folder = tmp_path_factory.getbasetemp().parent / "kb-shared" if worker else tmp_path_factory.mktemp("kb")
    folder.mkdir(exist_ok=True)
    path, record = folder / "kb.db", folder / "report.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait here until the index and its report exist
        if not record.exists():
            report = build_index(ROOT / "knowledge", path)
            record.write_text(json.dumps({**asdict(report), "problems": [str(p) for p in report.problems]}))
    return path, BuildReport(**json.loads(record.read_text()))


@pytest.fixture(scope="session")
def built_kb(kb_build: tuple[Path, BuildReport]) -> Path:
    """The real knowledge index. Read it; a test that writes to an index (or rebuilds it) copies it first."""
    path, _report = kb_build
    path.chmod(0o444)  # a test that writes to it fails instead of changing what later tests read
    return path


@pytest.fixture(scope="session")
def real_kb(built_kb: Path) -> KnowledgeBase:
    """A search over the real index, shared by the tests that only search (fitting its features takes a second)."""
    return KnowledgeBase(built_kb)


IN_PROCESS_PATHS = {
    "BOT_VAR_DIR": "",
    "BOT_KB_INDEX": "kb.db",
    "BOT_KB_FEEDBACK": "kb_feedback.db",
    "BOT_TICKETS_DB": "tickets.db",
    "BOT_TRACKER_DB": "tracker.db",
}


VAR = ROOT / "var"
VAR_EVENTS = {"open", "sqlite3.connect", "os.mkdir", "os.rename", "os.replace", "os.remove", "shutil.copyfile", "shutil.rmtree"}
"""Audit events (sys.addaudithook) whose first argument is a path: every way the code opens, creates or removes a
file, or opens a SQLite database."""
VAR_TOUCHED: list[str] = []
"""Paths under var/ that this process opened, created or removed, with the event; the fast tier fails a test that
adds one."""


def _under_var(event: str, args: tuple) -> None:
    if event not in VAR_EVENTS or not args or not isinstance(args[0], str | bytes | os.PathLike):
        return
    name = os.fsdecode(args[0])
    if name.startswith("file:"):  # a SQLite URI: file:/path?mode=ro
        name = name[len("file:") :].split("?", 1)[0]
    if os.path.abspath(name).startswith(f"{VAR}{os.sep}") or os.path.abspath(name) == str(VAR):
        VAR_TOUCHED.append(f"{event} {name}")


sys.addaudithook(_under_var)


@pytest.fixture(autouse=True)
def private_state(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """In-process tests never read or write the developer's var/ (nor a path set in their shell): every store the
    code finds through the environment starts in a fresh folder, and a test that still opens, creates or removes
    anything under var/ fails, naming the path. A test or fixture that wants a store sets it itself, after this.
    Tests with servers (e2e, slow) give their processes their own paths."""
    if request.node.get_closest_marker("e2e") or request.node.get_closest_marker("slow"):
        yield
        return
    folder = tmp_path_factory.mktemp("state")
    for name, file in IN_PROCESS_PATHS.items():
        monkeypatch.setenv(name, str(folder / file))
    VAR_TOUCHED.clear()
    yield
    touched, VAR_TOUCHED[:] = list(VAR_TOUCHED), []
    assert touched == [], f"an in-process test used the developer's var/: {touched}"


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


def broken_flows_findings(tmp_path: Path, name: str, old: str, new: str) -> tuple[int, list[str]]:
    """A copy of the real flows with `old` replaced by `new` in flows/`name`: the line the new text starts on, and
    what `bot flows check` finds."""
    flows = tmp_path / "flows"
    shutil.copytree(ROOT / "flows", flows)
    text = (flows / name).read_text()
    assert old in text
    changed = text.replace(old, new, 1)
    (flows / name).write_text(changed)
    return changed[: changed.index(new)].count("\n") + 1, [str(f) for f in validate(flows, ROOT / "knowledge")[1]]


WEBHOOK_PORT = free_port()
WEBHOOK_SECRET = "e2e-webhook-secret"


def real_servers(workdir: Path, env: dict[str, str], web: bool = False):
    """A real action server and Rasa (and the web server) in `workdir`, with their own knowledge index, ticket
    and feedback stores there; stopped when the fixture using this ends."""
    model = latest_model("models")
    assert model is not None, "no trained model: run `make train` (make test does)"
    build_index(ROOT / "knowledge", workdir / "kb.db")
    running = Servers.on_free_ports(
        model,
        workdir,
        web=web,
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
