"""The documentation is a contract: every `bot` command, every environment variable the code reads or sets, and
every `custom.kind` value a reply can carry is named in README.md or docs/. A new one without a line of docs
fails here, saying which."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from bot.app import cli
from bot.chat import protocol
from bot.flows import model
from bot.flows.model import ENDINGS

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
ENV_NAME = re.compile(r"(BOT|RASA|SANIC)_[A-Z0-9_]+")


def documentation() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(BOT.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def cli_commands() -> list[tuple[str, ...]]:
    """Every runnable command path (("flows", "check"), ("serve",), ...), from the CLI's own click command tree."""
    found: list[tuple[str, ...]] = []

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if not isinstance(command, click.Group):
            found.append(path)
            return
        for name, child in command.commands.items():
            walk(child, (*path, name))

    walk(cli.cli, ())
    return found


def environment_variables() -> set[str]:
    """Every BOT_*, RASA_* and SANIC_* name that appears as a string in bot/ (read, or set for a child process)."""
    return {
        node.value
        for _path, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and ENV_NAME.fullmatch(node.value)
    }


def custom_kinds() -> set[str]:
    """Every value of `custom.kind`: the list in bot/chat/protocol.py and every kind the code builds."""
    return set(protocol.KINDS) | built_kinds()


def built_kinds() -> set[str]:
    """The kinds the code builds: the first argument of `Prompt(...)` (plus the flow endings) and every
    `custom = {"kind": ...}`, a literal or a named constant (of the module, or of the protocol and the flow model)."""
    named = {**vars(model), **vars(protocol)}
    kinds = set(ENDINGS)
    for _path, tree in modules():
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        lookup = {**named, **constants}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Prompt" and node.args:
                kinds |= values_in(node.args[0], lookup)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and any(_is_custom(t) for t in node.targets):
                for key, value in zip(node.value.keys, node.value.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "kind":
                        kinds |= values_in(value, lookup)
    return kinds


def values_in(node: ast.expr, lookup: dict[str, object]) -> set[str]:
    """The string literals in the expression and the values of the string constants it names."""
    found = {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    names = [lookup.get(n.id) for n in ast.walk(node) if isinstance(n, ast.Name)]
    return found | {name for name in names if isinstance(name, str)}


def _is_custom(target: ast.expr) -> bool:
    return (isinstance(target, ast.Name) and target.id == "custom") or (
        isinstance(target, ast.Attribute) and target.attr == "custom"
    )


def test_the_scans_find_what_is_known_to_be_there():
    # Guards against a scan that silently finds nothing (and so passes whatever the docs say).
    assert {("flows", "check"), ("handoff", "claim"), ("serve",), ("web",)} <= set(cli_commands())
    assert {"BOT_TICKETS_DB", "BOT_STAFF_TOKEN", "RASA_AUTH_TOKEN"} <= environment_variables()
    assert {"question", "instruction", "resolved", "escalated", "article", "no_article"} <= built_kinds()


def test_every_kind_the_code_builds_is_in_the_protocol():
    assert built_kinds() <= set(protocol.KINDS)


@pytest.mark.parametrize("command", cli_commands(), ids=" ".join)
def test_every_cli_command_is_documented(command: tuple[str, ...]):
    *group, name = command
    # "bot handoff claim", or a group's commands listed together: "bot handoff list|show|claim".
    pattern = rf"\bbot {' '.join(group)}{' ' if group else ''}([\w-]+\|)*{re.escape(name)}\b"
    assert re.search(pattern, documentation()), f"`bot {' '.join(command)}` is in no README or docs/ page"


@pytest.mark.parametrize("name", sorted(environment_variables()))
def test_every_environment_variable_is_documented(name: str):
    assert re.search(rf"\b{name}\b", documentation()), f"${name} is in no README or docs/ page"


@pytest.mark.parametrize("kind", sorted(custom_kinds()))
def test_every_custom_kind_is_documented(kind: str):
    # Named as a value: `question` or "kind": "article".
    assert f"`{kind}`" in documentation() or f'"kind": "{kind}"' in documentation(), (
        f"custom.kind {kind!r} is in no README or docs/ page"
    )


DOC_PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def anchors(page: Path) -> set[str]:
    """GitHub's ids for a page's headings: lower case, punctuation dropped, spaces as hyphens."""
    text = CODE.sub(
        lambda found: found.group(0).strip("`") if "\n" not in found.group(0) else "", page.read_text(encoding="utf-8")
    )
    headings = re.findall(r"^#{1,6} +(.+?) *$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def local_links() -> list[tuple[str, Path, str]]:
    """(where, target file, anchor or "") for every link from README.md or docs/ to a file of this repository."""
    found = []
    for page in DOC_PAGES:
        text = CODE.sub("", page.read_text(encoding="utf-8"))
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            path, _, anchor = target.partition("#")
            found.append((f"{page.relative_to(ROOT)} -> {target}", (page.parent / path).resolve() if path else page, anchor))
    return found


def test_the_link_scan_finds_links_and_anchors():
    links = local_links()
    assert len(links) > 20 and any(anchor for _where, _path, anchor in links)
    assert "diagnosis-benchdiagnosispy" in anchors(ROOT / "docs" / "benchmarks.md")


@pytest.mark.parametrize(("where", "target", "anchor"), local_links(), ids=[where for where, _t, _a in local_links()])
def test_every_local_link_resolves(where: str, target: Path, anchor: str):
    assert target.exists(), f"{where}: no such file"
    if anchor and target.suffix == ".md":
        assert anchor in anchors(target), f"{where}: no heading with that id in {target.relative_to(ROOT)}"


MODULES = sorted(p for p in BOT.rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("module", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_every_module_is_on_the_architecture_page(module: Path):
    """A newcomer finds every file of the package on one page (docs/architecture.md), by its file name."""
    assert module.name in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"), module
