"""Where the project's content lives (overridable for tests and deployments)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("BOT_ROOT", Path(__file__).resolve().parents[2]))


def flows_dir() -> Path:
    return Path(os.environ.get("BOT_FLOWS_DIR", ROOT / "flows"))


def knowledge_dir() -> Path:
    return Path(os.environ.get("BOT_KNOWLEDGE_DIR", ROOT / "knowledge"))


def var_dir() -> Path:
    """Untracked local state: databases, generated tokens, pid files."""
    return Path(os.environ.get("BOT_VAR_DIR", ROOT / "var"))


def private_dir(path: Path) -> Path:
    """Create `path` if needed and make it the owner's only (0700): it holds tokens, databases and logs."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def kb_index() -> Path:
    return Path(os.environ.get("BOT_KB_INDEX", var_dir() / "kb.db"))


def kb_feedback() -> Path:
    return Path(os.environ.get("BOT_KB_FEEDBACK", var_dir() / "kb_feedback.db"))


def tickets_db() -> Path:
    return Path(os.environ.get("BOT_TICKETS_DB", var_dir() / "tickets.db"))


def tracker_db() -> Path:
    """Rasa's SQL tracker store (endpoints.yml); what `bot report` and the console's analytics read."""
    return Path(os.environ.get("BOT_TRACKER_DB", var_dir() / "tracker.db"))
