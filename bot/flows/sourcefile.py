"""Load YAML while remembering where every mapping and list came from.

Errors in content files must name file and line, so the loader keeps the line of each
mapping, each list and each mapping key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import yaml


@dataclass(frozen=True)
class Where:
    """A place in a source file (line is 1-based)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class SourceError(Exception):
    """A content file problem that names its place."""

    def __init__(self, where: Where, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be a plain value", key_node.start_mark)
        key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def is_number(raw: object) -> TypeGuard[int | float]:
    """A YAML number (YAML's yes/no load as bools, which Python counts as ints)."""
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def load_yaml(path: Path, display_name: str | None = None) -> Any:
    """Parse a YAML file; syntax errors become a SourceError with the file and line."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(Where(name, 1), f"not UTF-8 text ({error.reason})") from None
    return load_yaml_text(text, name)


def load_yaml_text(text: str, name: str, first_line: int = 1) -> Any:
    """Parse YAML that starts at `first_line` of file `name` (front matter starts at line 2)."""
    text = "\n" * (first_line - 1) + text  # so every reported line is a line of the file
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and "<stream end>" in str(error.problem):
            mark = error.context_mark  # "unclosed [" is more useful at the bracket than at the end of file
        line = mark.line + 1 if mark else 1
        problem = error.problem or error.context or "invalid YAML"
        raise SourceError(Where(name, line), f"YAML syntax: {problem}") from None
    except yaml.YAMLError as error:
        raise SourceError(Where(name, 1), f"YAML syntax: {error}") from None


def load_mapping_file(path: Path, name: str, key: str, expected: str) -> tuple[LineDict | None, list[tuple[Where, str]]]:
    """A content file whose top level holds the mapping `key`: (its data, no problems); (None, the problem with file
    and line) when it cannot be read or has no such mapping ("expected a top-level ..." + `expected`); (None, []) when
    the file does not exist (it is optional)."""
    if not path.exists():
        return None, []
    try:
        data = load_yaml(path, name)
    except SourceError as error:
        return None, [(error.where, error.message)]
    if not isinstance(data, LineDict) or not isinstance(data.get(key), LineDict):
        return None, [(Where(name, 1), f"expected a top-level '{key}:' mapping{expected}")]
    return data, []
