from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.loading import load_engine, validate

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
