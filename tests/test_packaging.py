"""A normal (not editable) `pip install .` gives a working `bot`: every subpackage, the static files and the
templates are in the installed package, and the installed web server serves the help page and a template page.

The install goes into a fresh virtual environment from a copy of the sources (so the checkout gets no build
folders), with `--no-deps`: the dependencies are the project venv's, found through a path file, which keeps the
test offline and fast. Nothing of the checkout is importable there: `bot` must come from the installed files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # builds a wheel and a virtual environment (about 20 s)

WEB = ROOT / "bot" / "web"
SERVE_CHECK = """
import json, logging, sys
from pathlib import Path
logging.disable(logging.CRITICAL)
import bot
from bot.tickets.store import TicketStore
from bot.web.api import create_app
from bot.web.console import register_console
from bot.web.pages import register_pages
store = TicketStore(Path(sys.argv[1]) / "tickets.db")
app = create_app(store, "token")
register_pages(app, "http://127.0.0.1:9", Path(sys.argv[2]))
register_console(app, store, "token")
pages = {}
for url in ("/", "/kb", "/kb/close-other-apps", "/static/chat.js", "/staff/queue"):
    _request, reply = app.test_client.get(url, headers={"Authorization": "Bearer token"})
    pages[url] = [reply.status, reply.text[:20000]]
print(json.dumps({"bot": bot.__file__, "pages": pages}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the project installed from a copy of its sources; returns the venv folder."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "bot", source / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True).strip()
    )
    # The dependencies: the project venv's packages, on the path after the fresh venv's own (a plain path line,
    # so the project's editable-install hook there is not run).
    (site / "project_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    result = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", str(source)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return env_dir


def installed_files(env_dir: Path) -> set[str]:
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    return {
        str(path.relative_to(site)) for path in (site / "bot").rglob("*") if path.is_file() and "__pycache__" not in path.parts
    }


def test_every_module_static_file_and_template_is_installed(installed: Path):
    files = installed_files(installed)
    expected = {
        str(path.relative_to(ROOT)) for path in (ROOT / "bot").rglob("*") if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected - files == set()
    assert {"bot/web/static/index.html", "bot/web/templates/base.html", "bot/tickets/store.py", "bot/kb/index.py"} <= files


def test_the_installed_command_runs(installed: Path, tmp_path: Path):
    result = subprocess.run([installed / "bin" / "bot", "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "flows" in result.stdout and "handoff" in result.stdout and "serve" in result.stdout


def test_the_installed_web_server_serves_the_help_page_articles_and_console(installed: Path, tmp_path: Path):
    result = subprocess.run(
        [installed / "bin" / "python", "-c", SERVE_CHECK, str(tmp_path), str(ROOT / "knowledge")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "BOT_VAR_DIR": str(tmp_path / "var"), "BOT_WEB_SECRET": "s" * 32},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["bot"].startswith(str(installed)), "bot was imported from the checkout, not the installed package"
    pages = report["pages"]
    assert pages["/"][0] == 200 and (WEB / "static" / "index.html").read_text(encoding="utf-8")[:2000] in pages["/"][1]
    assert pages["/static/chat.js"][0] == 200
    # Template pages: the article page and the staff queue render from the installed templates.
    assert pages["/kb"][0] == 200 and "<h1>Help articles</h1>" in pages["/kb"][1]
    assert pages["/kb/close-other-apps"][0] == 200 and '<article class="kb">' in pages["/kb/close-other-apps"][1]
    assert pages["/staff/queue"][0] == 200 and '<nav class="tabs" aria-label="Ticket status">' in pages["/staff/queue"][1]
