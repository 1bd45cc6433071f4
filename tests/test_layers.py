"""The package layout is the architecture: these rules keep the layers apart (docs/architecture.md, "Import rules").

Every import in bot/ is read with `ast` (top-level, inside functions and under TYPE_CHECKING alike) and checked
against the rules below. `make lint` runs this file.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARY_CLIENTS = ("bot.chat", "bot.rasa_adapter", "bot.web", "bot.app")


@dataclass(frozen=True)
class Rule:
    package: str
    """The modules the rule is about (a package and everything under it)."""
    forbidden: tuple[str, ...]
    """Modules they must not import (each with everything under it)."""
    why: str


RULES = (
    Rule(
        "bot.flows",
        (*LIBRARY_CLIENTS, "bot.kb", "bot.tickets", "bot.store", "bot.render", "bot.analytics", "bot.staff"),
        "the flow language and engine stand alone",
    ),
    Rule("bot.store", ("bot.flows", "bot.kb", "bot.tickets", *LIBRARY_CLIENTS), "the databases serve every layer"),
    Rule("bot.kb", LIBRARY_CLIENTS, "the knowledge base is a library"),
    # Shared by knowledge search and the flows alike, so they import nothing of either.
    *(
        Rule(
            module,
            (*LIBRARY_CLIENTS, "bot.flows", "bot.kb", "bot.tickets", "bot.store", "bot.render", "bot.analytics", "bot.staff"),
            why,
        )
        for module, why in (
            ("bot.vectors", "word vectors serve search and the cause model alike"),
            ("bot.glossary", "the glosses serve search and the chat's readers alike"),
        )
    ),
    Rule("bot.tickets", LIBRARY_CLIENTS, "the ticket store is a library"),
    Rule(
        "bot.chat",
        ("rasa", "rasa_sdk", "sanic", "bot.rasa_adapter", "bot.web"),
        "a chat turn is plain data, tested without servers",
    ),
    Rule("bot.web", ("bot.app.serve", "bot.rasa_adapter"), "the web server does not start processes or run inside Rasa"),
    Rule("bot.rasa_adapter", ("bot.web",), "Rasa's processes do not load the web app"),
)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file; `from a import b` counts as both a and a.b."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(root: Path, rules: tuple[Rule, ...] = RULES) -> list[str]:
    """`file:line: module imports name (why)` for every import that breaks a rule, under root/bot."""
    problems = []
    for path in sorted((root / "bot").rglob("*.py")):
        module = module_name(path, root)
        for rule in (r for r in rules if within(module, r.package)):
            for line, name in imported(path, root):
                if any(within(name, banned) for banned in rule.forbidden):
                    problems.append(f"{path.relative_to(root)}:{line}: {module} imports {name} ({rule.why})")
    return sorted(set(problems))


def test_the_layers_import_only_what_the_rules_allow():
    assert violations(ROOT) == []


def test_every_rule_names_an_existing_package():
    for rule in RULES:
        where = ROOT / Path(*rule.package.split("."))
        assert where.is_dir() or where.with_suffix(".py").is_file(), rule.package


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("bot/flows/engine.py", "from bot.chat.replies import Out\n", "bot.flows.engine imports bot.chat.replies"),
        ("bot/flows/engine.py", "def late():\n    import bot.app.paths\n", "bot.flows.engine imports bot.app.paths"),
        ("bot/kb/search.py", "from ..chat import protocol\n", "bot.kb.search imports bot.chat"),
        ("bot/tickets/store.py", "from bot import web\n", "bot.tickets.store imports bot.web"),
        ("bot/chat/turn.py", "from rasa_sdk import Action\n", "bot.chat.turn imports rasa_sdk"),
        ("bot/web/pages.py", "from bot.app.serve import api_token\n", "bot.web.pages imports bot.app.serve"),
        ("bot/rasa_adapter/channels.py", "from bot.web.api import error\n", "bot.rasa_adapter.channels imports bot.web.api"),
    ],
)
def test_a_forbidden_import_is_reported_with_file_and_line(tmp_path: Path, path: str, source: str, expected: str):
    file = tmp_path / path
    file.parent.mkdir(parents=True)
    file.write_text(source, encoding="utf-8")
    found = violations(tmp_path)
    assert found and expected in found[0] and found[0].startswith(f"{path}:")


def test_allowed_imports_are_not_reported(tmp_path: Path):
    file = tmp_path / "bot" / "chat" / "turn.py"
    file.parent.mkdir(parents=True)
    file.write_text("from bot.flows.engine import Engine\nfrom bot.app.paths import ROOT\nimport rasax_like\n", encoding="utf-8")
    assert violations(tmp_path) == []
