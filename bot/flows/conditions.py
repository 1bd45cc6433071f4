"""A small, safe condition language for flow branches.

Conditions look like Python (``os == "macos" and not tried("close_apps")``) but are parsed
into a tree of the few allowed forms and evaluated by this module: nothing is ever executed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

ALLOWED_FUNCTIONS = ("tried", "planned", "likely")
"""tried(step): the fix or call step was entered; planned(step): the cause model (flows/causes.yml) picks it next;
likely(cause): that cause is the likeliest given everything known, the fixes that failed included."""
StepTest = Callable[[str], bool]


def _never(step: str) -> bool:
    return False


class ConditionError(ValueError):
    """A condition that is not in the allowed language."""


@dataclass(frozen=True)
class Condition:
    """A parsed condition, with what it refers to (for the validator)."""

    source: str
    _tree: ast.expr = field(repr=False, compare=False)
    facts: frozenset[str] = frozenset()
    compared: tuple[tuple[str, str], ...] = ()
    """(fact, value) pairs the condition compares with, to check the values exist."""
    tried: frozenset[str] = frozenset()
    planned: frozenset[str] = frozenset()
    likely: frozenset[str] = frozenset()

    def evaluate(
        self, facts: Mapping[str, str | None], tried: StepTest, planned: StepTest = _never, likely: StepTest = _never
    ) -> bool:
        return bool(_evaluate(self._tree, facts, {"tried": tried, "planned": planned, "likely": likely}))

    @property
    def tree(self) -> ast.expr:
        """The parsed expression, for code that words a condition for people (bot/render/words.py)."""
        return self._tree


def parse_condition(source: str) -> Condition:
    """Parse a condition or raise ConditionError saying what is not allowed."""
    text = re.sub(r"\bnull\b", "None", str(source))
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise ConditionError(f"cannot parse condition {source!r}: {error.msg}") from None
    facts: set[str] = set()
    compared: list[tuple[str, str]] = []
    steps: dict[str, set[str]] = {name: set() for name in ALLOWED_FUNCTIONS}
    _check(tree, facts, compared, steps)
    return Condition(
        str(source),
        tree,
        frozenset(facts),
        tuple(compared),
        frozenset(steps["tried"]),
        frozenset(steps["planned"]),
        frozenset(steps["likely"]),
    )


def _constants(node: ast.expr) -> list[object]:
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in node.elts):
        return [e.value for e in node.elts]  # type: ignore[attr-defined]  # all() above checked they are Constants
    raise ConditionError(f"expected a value or a list of values, got {ast.unparse(node)!r}")


def _check(node: ast.expr, facts: set[str], compared: list, steps: dict[str, set[str]]) -> None:
    if isinstance(node, ast.BoolOp):
        for operand in node.values:
            _check(operand, facts, compared, steps)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check(node.operand, facts, compared, steps)
    elif isinstance(node, ast.Compare):
        if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
            raise ConditionError(f"only ==, !=, in and not in are allowed: {ast.unparse(node)!r}")
        if not isinstance(node.left, ast.Name):
            raise ConditionError(f"the left side must be a fact name: {ast.unparse(node)!r}")
        facts.add(node.left.id)
        for value in _constants(node.comparators[0]):
            if value is not None and not isinstance(value, str):
                raise ConditionError(f"values must be quoted strings or null: {ast.unparse(node)!r}")
            if value is not None:
                compared.append((node.left.id, value))
    elif isinstance(node, ast.Call):
        if not (isinstance(node.func, ast.Name) and node.func.id in ALLOWED_FUNCTIONS):
            raise ConditionError(f"unknown function in {ast.unparse(node)!r}")
        if len(node.args) != 1 or node.keywords or not isinstance(node.args[0], ast.Constant):
            raise ConditionError(f"{node.func.id}() takes one quoted id: {ast.unparse(node)!r}")
        steps[node.func.id].add(str(node.args[0].value))
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        pass
    else:
        raise ConditionError(f"not allowed in a condition: {ast.unparse(node)!r}")


def _evaluate(node: ast.expr, facts: Mapping[str, str | None], tests: Mapping[str, StepTest]) -> object:
    if isinstance(node, ast.BoolOp):
        results = (_evaluate(v, facts, tests) for v in node.values)
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.UnaryOp):
        return not _evaluate(node.operand, facts, tests)
    if isinstance(node, ast.Compare):
        left = facts.get(node.left.id)  # type: ignore[attr-defined]  # _check made it a Name at parse time
        op = node.ops[0]
        if isinstance(op, (ast.In, ast.NotIn)):
            inside = left in _constants(node.comparators[0])
            return inside if isinstance(op, ast.In) else not inside
        right = _constants(node.comparators[0])[0]
        return left == right if isinstance(op, ast.Eq) else left != right
    if isinstance(node, ast.Call):
        return tests[node.func.id](str(node.args[0].value))  # type: ignore[attr-defined]  # _check: a Name, one Constant
    return node.value  # type: ignore[attr-defined]  # _check allows only a bool Constant here
