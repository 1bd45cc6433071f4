"""The tokens the servers share: from the environment, else generated once under var/ (owner-only).

Apart from the launcher (bot/app/serve.py) so the web server and the commands read a token without importing it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from bot.app.paths import private_dir, var_dir

TOKEN_ENV = "RASA_AUTH_TOKEN"  # noqa: S105 - the variable's name, not a secret
STAFF_TOKEN_ENV = "BOT_STAFF_TOKEN"  # noqa: S105 - the variable's name, not a secret


def secret_token(name: str, env: str, directory: Path | None = None) -> str:
    """A token from the environment, else generated once into var/<name> (untracked, owner-only)."""
    if os.environ.get(env):
        return os.environ[env]
    path = (directory or var_dir()) / name
    if not path.exists():
        private_dir(path.parent)
        path.write_text(secrets.token_urlsafe(32) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def api_token(directory: Path | None = None) -> str:
    """The token for Rasa's HTTP API."""
    return secret_token("rasa_api_token", TOKEN_ENV, directory)


def staff_token(directory: Path | None = None) -> str:
    """The bearer token for the consultants' API."""
    return secret_token("staff_api_token", STAFF_TOKEN_ENV, directory)
