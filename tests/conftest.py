from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.handoff.tickets import TicketDraft, TicketStore
from bot.kb.index import build_index
from bot.loading import load_engine, validate
from bot.serve import Servers, latest_model
from tests.chat import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine(str(ROOT / "flows"))


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


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory):
    model = latest_model("models")
    assert model is not None, "no trained model: run `make train` (make test does)"
    workdir = tmp_path_factory.mktemp("e2e")
    build_index(ROOT / "knowledge", workdir / "kb.db")
    running = Servers(
        model=model,
        rasa_port=free_port(),
        action_port=free_port(),
        workdir=workdir,
        token=secrets.token_urlsafe(16),
        tracker_db=workdir / "tracker.db",
        web_port=free_port(),
        env={
            "BOT_KB_INDEX": str(workdir / "kb.db"),
            "BOT_KB_FEEDBACK": str(workdir / "feedback.db"),
            "BOT_TICKETS_DB": str(workdir / "tickets.db"),
            # A receiver that is not listening yet: test_webhook_receiver_down_then_up starts it later.
            "BOT_WEBHOOK_URL": f"http://127.0.0.1:{WEBHOOK_PORT}/hook",
            "BOT_WEBHOOK_SECRET": WEBHOOK_SECRET,
        },
    )
    running.start()
    try:
        running.wait_healthy(timeout=240)
        yield running
    finally:
        running.stop()


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
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "web", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "BOT_TICKETS_DB": str(db), "BOT_STAFF_TOKEN": STAFF_TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(f"{base}/health")
    yield base, references
    process.terminate()
    process.wait(timeout=20)
