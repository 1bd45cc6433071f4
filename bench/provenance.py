"""What every results file in bench/results/ says about its own run: when, on which commit, how busy the machine was.

docs/benchmarks.md shows these next to each table (bench/report.py), so a number always comes with its date,
its commit and the load it was measured under (this machine's two cores are shared with other work)."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commit() -> str:
    """The short commit of the checkout, with `+changes` when tracked files differ from it."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def stamp() -> dict[str, str | float]:
    """The run's date (UTC), commit and one-minute load average, for a results file's top level."""
    return {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": commit(),
        "load_average": round(os.getloadavg()[0], 1),
    }
