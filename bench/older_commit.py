"""Run an older commit of the project beside this one, for a baseline measured in the same run.

The commit is checked out under var/ (a git worktree sharing this project's virtualenv, so the packages are the
same) and its servers are started by its own code, with a model trained from its own data and config (a model
trained here names this commit's module paths, which an older checkout may not have), in a child process that
says "ready" and runs until its stdin closes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from bot.app.paths import ROOT

SERVE = """
import secrets, sys
from pathlib import Path
# Decided by the checkout's files, not by trying the import: the editable install would find bot.app in this
# project's tree when the older checkout has none, and mix the two.
if Path("bot/app/serve.py").exists():
    from bot.app.serve import Servers
else:  # a commit from before the layered packages
    from bot.serve import Servers
workdir = Path(sys.argv[4])
servers = Servers(model=Path(sys.argv[1]), rasa_port=int(sys.argv[2]), action_port=int(sys.argv[3]), workdir=workdir,
                  token=secrets.token_urlsafe(16), tracker_db=workdir / "tracker.db")
servers.start()
try:
    servers.wait_healthy(timeout=300)
    print("ready", flush=True)
    sys.stdin.read()
finally:
    servers.stop()
"""


def checkout(commit: str, folder: str) -> Path:
    """`commit` checked out at var/`folder` (once), with this project's virtualenv linked in."""
    tree = ROOT / "var" / folder
    if not (tree / "bot").exists():
        tree.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(tree), commit], check=True, capture_output=True
        )
    if not (tree / ".venv").exists():
        (tree / ".venv").symlink_to(ROOT / ".venv")
    return tree


def own_model(tree: Path) -> Path:
    """The checkout's model, trained once from its own data and config.yml (about 30 s)."""
    model = tree / "models" / "own.tar.gz"
    if not model.exists():
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "rasa"), "train", "--fixed-model-name", "own", "--out", "models", "--quiet"],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree)},
            check=True,
            capture_output=True,
        )
    return model


@contextmanager
def older_servers(tree: Path, rasa_port: int, action_port: int, workdir: Path, env: Mapping[str, str]) -> Iterator[None]:
    """The servers of the checkout at `tree`, started by its own code on its own model, until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(own_model(tree).resolve()), str(rasa_port), str(action_port), str(workdir)],
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if process.stdout is None or process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the servers of {tree.name} did not start; see {workdir}")
        yield
    finally:
        if process.stdin:
            process.stdin.close()
        process.wait(timeout=120)
