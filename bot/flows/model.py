"""The flow files as typed objects (see docs/flows.md for the format)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from bot.flows.conditions import Condition, ConditionError, parse_condition
from bot.flows.diagnosis import CauseModel, load_cause_model
from bot.flows.facts import Vocabulary, load_vocabulary
from bot.flows.sourcefile import LineDict, LineList, SourceError, Where, load_yaml
from bot.flows.stories import load_story_model

QUESTION, INSTRUCTION, RESOLVED, ESCALATED = "question", "instruction", "resolved", "escalated"
"""The kinds of a step's reply (`custom.kind`): it asks, it gives a fix, or the conversation ends one of two ways."""
ENDINGS = (RESOLVED, ESCALATED)
END = "END"
FIXED, NOT_FIXED = "yes", "no"
"""The two answers to "Did that fix it?" (the buttons' values)."""
FIX_CHOICES = ((FIXED, "Yes, it works now"), (NOT_FIXED, "No, still failing"))
"""How the chat words those two answers on its buttons."""
WORKED, FAILED, UNANSWERED = "fixed", "not_fixed", "unanswered"
"""A tried fix's recorded outcome (`unanswered`: the user told us more twice without saying how it went)."""
OUTCOME_WORDS = {WORKED: "fixed", FAILED: "not fixed", UNANSWERED: "no answer"}
"""How an outcome reads in a sentence (summaries, the staff script, the ticket page)."""


class StepKind:
    """What a flow step does. In a flow file the key that names it (`collect: os`); a step with none of them routes."""

    COLLECT: Final = "collect"
    INSTRUCT: Final = "instruct"
    END: Final = "end"
    LINK: Final = "link"
    CALL: Final = "call"
    ROUTE: Final = "route"


STEP_KINDS = (StepKind.COLLECT, StepKind.INSTRUCT, StepKind.END, StepKind.LINK, StepKind.CALL)
USER_FACING = (StepKind.COLLECT, StepKind.INSTRUCT, StepKind.END)
"""Step kinds that say something to the user, so also need a `staff` text for the script mode."""
STEP_KEYS = {
    "id",
    StepKind.COLLECT,
    "ask",
    "choices",
    StepKind.INSTRUCT,
    "cause",
    "text",
    "fixed",
    StepKind.END,
    "reason",
    StepKind.LINK,
    StepKind.CALL,
    "at",
    "next",
    "set",
    "article",
    "description",
    "staff",
}
FLOW_KEYS = {"name", "description", "entry", "on_fixed", "steps"}
FACTS_FILE = "facts.yml"
MESSAGES_FILE = "messages.yml"
CAUSES_FILE = "causes.yml"
"""The cause model (bot/flows/diagnosis.py); every `cause:` of a step must be one of its causes."""
STORIES_FILE = "cause_stories.yml"
"""Labelled stories in people's own words (bot/flows/stories.py), for the causes of causes.yml."""


@dataclass
class Finding:
    """A problem in a content file."""

    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Branch:
    """One way out of a step: taken when `condition` holds (always when it is None)."""

    target: str
    line: int
    condition: Condition | None = None
    condition_line: int = 0


@dataclass
class TextVariant:
    text: str
    line: int
    condition: Condition | None = None


@dataclass
class Choice:
    value: str
    line: int
    title: str | None = None
    bare: str | None = None
    """"yes" or "no": the choice a bare yes or no picks when the question reads that way ("did it ever ask?" - "no")."""


@dataclass
class Step:
    id: str
    kind: str
    """collect, instruct, end, link, call, or route (only `next`)."""
    where: Where
    index: int
    fact: str | None = None
    ask: list[TextVariant] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    instruct: str | None = None
    cause: str | None = None
    text: list[TextVariant] = field(default_factory=list)
    fixed: Branch | None = None
    end: str | None = None
    reason: str | None = None
    target_flow: str | None = None
    enter_at: str | None = None
    """A call or link enters its flow at this step (`at:`), not at the first: a question it can do without."""
    next: list[Branch] | None = None
    """None: fall through to the following step."""
    set: dict[str, str] = field(default_factory=dict)
    article: str | None = None
    staff: list[TextVariant] = field(default_factory=list)
    """What a support agent says, asks the customer to click, or checks (staff script mode)."""

    @property
    def asks_user(self) -> bool:
        return self.kind in (StepKind.COLLECT, StepKind.INSTRUCT)


def entry_step(step: Step, flows: Mapping[str, Flow]) -> str:
    """Where a link or call step enters its target flow: its `at:` step, or the flow's first step."""
    return step.enter_at or flows[step.target_flow or ""].first.id


@dataclass
class Flow:
    id: str
    where: Where
    name: str = ""
    description: str = ""
    entry: bool = False
    on_fixed: Branch | None = None
    steps: list[Step] = field(default_factory=list)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def first(self) -> Step:
        return self.steps[0]

    def fixed_target(self, step: Step) -> Branch | None:
        return step.fixed or self.on_fixed

    def onward(self, step: Step) -> list[Branch]:
        """Where control goes after `step` (for a fix step: when it did not help)."""
        if step.kind in (StepKind.END, StepKind.LINK):
            return []
        if step.next is not None:
            return list(step.next)
        if step.index + 1 < len(self.steps):
            return [Branch(self.steps[step.index + 1].id, step.where.line)]
        return []

    def successors(self, step: Step) -> list[Branch]:
        """Every way control can leave `step` within this flow (targets may be END)."""
        exits = self.onward(step)
        if step.kind == StepKind.INSTRUCT and (fixed := self.fixed_target(step)) is not None:
            exits.append(fixed)
        return exits


@dataclass
class Message:
    """A small-talk message from messages.yml; `{name}` placeholders are filled by the chat."""

    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleRef:
    """What flows need to know of a knowledge article: its title and section anchors."""

    title: str
    anchors: frozenset[str]


@dataclass
class FlowSet:
    """Every flow, the facts vocabulary, the messages, and what was wrong while loading them."""

    flows: dict[str, Flow]
    vocabulary: Vocabulary
    findings: list[Finding] = field(default_factory=list)
    messages: dict[str, Message] = field(default_factory=dict)
    articles: dict[str, ArticleRef] = field(default_factory=dict)
    causes: CauseModel | None = None

    def flow(self, flow_id: str) -> Flow:
        return self.flows[flow_id]


class _Reader:
    """Turns one parsed file into Flow objects, collecting findings instead of stopping."""

    def __init__(self, file: str, findings: list[Finding]) -> None:
        self.file = file
        self.findings = findings

    def problem(self, line: int, message: str) -> None:
        self.findings.append(Finding(Where(self.file, line), message))

    def condition(self, source: object, line: int) -> Condition | None:
        try:
            return parse_condition(str(source))
        except ConditionError as error:
            self.problem(line, str(error))
            return None

    def branches(self, value: object, line: int) -> list[Branch]:
        if isinstance(value, str):
            return [Branch(value, line)]
        if not isinstance(value, LineList) or not value:
            self.problem(line, "'next' must be a step id, END, or a list of if/then and else branches")
            return []
        result: list[Branch] = []
        for item, item_line in zip(value, value.item_lines, strict=True):
            if isinstance(item, LineDict) and "if" in item and "then" in item:
                if_line = item.line_of("if")
                result.append(Branch(str(item["then"]), item.line_of("then"), self.condition(item["if"], if_line), if_line))
            elif isinstance(item, LineDict) and set(item) == {"else"}:
                result.append(Branch(str(item["else"]), item.line_of("else")))
            else:
                self.problem(item_line, "each branch needs 'if' and 'then', or only 'else'")
        if result and result[-1].condition is not None:
            self.problem(value.line, "a branch list must end with '- else: <step>'")
        return result

    def variants(self, value: object, line: int, key: str) -> list[TextVariant]:
        if isinstance(value, str):
            return [TextVariant(value, line)]
        if not isinstance(value, LineList) or not value:
            self.problem(line, f"'{key}' must be text or a list of variants")
            return []
        result: list[TextVariant] = []
        for item, item_line in zip(value, value.item_lines, strict=True):
            if not isinstance(item, LineDict) or not isinstance(item.get("text"), str):
                self.problem(item_line, f"each '{key}' variant needs a 'text' (and an optional 'if')")
                continue
            cond = self.condition(item["if"], item.line_of("if")) if "if" in item else None
            result.append(TextVariant(item["text"], item.line_of("text"), cond))
        if result and result[-1].condition is not None:
            self.problem(value.line, f"the last '{key}' variant must have no 'if' (the default)")
        return result

    def required_text(self, raw: LineDict, key: str, step: Step) -> list[TextVariant]:
        variants = self.variants(raw[key], raw.line_of(key), key) if key in raw else []
        if not variants:
            self.problem(raw.line, f"{step.kind} step {step.id!r} needs a '{key}' text")
        return variants

    def choices(self, value: object, line: int) -> list[Choice]:
        if not isinstance(value, LineList):
            self.problem(line, "'choices' must be a list")
            return []
        result = []
        for item, item_line in zip(value, value.item_lines, strict=True):
            if isinstance(item, LineDict) and "value" in item:
                if set(item) - {"value", "title", "bare"} or not isinstance(item.get("title", ""), str):
                    # {value: works, title: Yes, it works} reads as title True plus a key "it works".
                    self.problem(item_line, "a choice has only a value, a text title and `bare` (quote a title that has a comma)")
                bare = item.get("bare")
                if bare is not None and bare not in ("yes", "no"):
                    self.problem(item_line, 'a choice\'s `bare` is "yes" or "no" (quote it: a bare yes reads as true)')
                    bare = None
                result.append(Choice(str(item["value"]), item_line, str(item.get("title") or "") or None, bare))
            elif isinstance(item, (str, int)):
                result.append(Choice(str(item), item_line))
            else:
                self.problem(item_line, "a choice is a value or {value: ..., title: ...}")
        for word in ("yes", "no"):
            if sum(c.bare == word for c in result) > 1:
                self.problem(line, f"two choices take a bare {word}")
        return result

    def step(self, raw: object, line: int, index: int) -> Step | None:
        if not isinstance(raw, LineDict):
            self.problem(line, "a step must be a mapping")
            return None
        if "id" not in raw:
            self.problem(raw.line, "step has no 'id'")
            return None
        for key in raw:
            if key not in STEP_KEYS:
                self.problem(raw.line_of(key), f"unknown key {key!r} in step {raw['id']!r}")
        kinds = [k for k in STEP_KINDS if k in raw]
        if len(kinds) > 1:
            self.problem(raw.line, f"step {raw['id']!r} has more than one kind: {', '.join(kinds)}")
        step = Step(id=str(raw["id"]), kind=kinds[0] if kinds else StepKind.ROUTE, where=Where(self.file, raw.line), index=index)
        if "next" in raw:
            step.next = self.branches(raw["next"], raw.line_of("next"))
        if "set" in raw:
            if isinstance(raw["set"], dict):
                step.set = {str(k): str(v) for k, v in raw["set"].items()}
            else:
                self.problem(raw.line_of("set"), "'set' must map facts to values")
        step.cause = str(raw["cause"]) if raw.get("cause") is not None else None
        step.article = str(raw["article"]) if raw.get("article") is not None else None
        if step.kind == StepKind.COLLECT:
            step.fact = str(raw[StepKind.COLLECT])
            step.ask = self.required_text(raw, "ask", step)
            if "choices" in raw:
                step.choices = self.choices(raw["choices"], raw.line_of("choices"))
        elif step.kind == StepKind.INSTRUCT:
            step.instruct = str(raw[StepKind.INSTRUCT])
            step.text = self.required_text(raw, "text", step)
            if "fixed" in raw:
                step.fixed = Branch(str(raw["fixed"]), raw.line_of("fixed"))
        elif step.kind == StepKind.END:
            step.end = str(raw[StepKind.END])
            step.reason = str(raw["reason"]) if raw.get("reason") is not None else None
            step.text = self.variants(raw["text"], raw.line_of("text"), "text") if "text" in raw else []
        elif step.kind in (StepKind.LINK, StepKind.CALL):
            step.target_flow = str(raw[step.kind])
            step.enter_at = str(raw["at"]) if raw.get("at") is not None else None
        if "staff" in raw:
            if step.kind in USER_FACING:
                step.staff = self.variants(raw["staff"], raw.line_of("staff"), "staff")
            else:
                self.problem(raw.line_of("staff"), f"step {step.id!r} says nothing to the user, so it cannot have a 'staff' text")
        return step

    def flow(self, flow_id: str, raw: object, line: int) -> Flow | None:
        if not isinstance(raw, LineDict):
            self.problem(line, f"flow {flow_id!r} must be a mapping")
            return None
        for key in raw:
            if key not in FLOW_KEYS:
                self.problem(raw.line_of(key), f"unknown key {key!r} in flow {flow_id!r}")
        flow = Flow(
            id=flow_id,
            where=Where(self.file, line),
            name=str(raw.get("name", flow_id)),
            description=str(raw.get("description", "")),
            entry=bool(raw.get("entry", False)),
        )
        if "on_fixed" in raw:
            flow.on_fixed = Branch(str(raw["on_fixed"]), raw.line_of("on_fixed"))
        steps = raw.get("steps")
        if not isinstance(steps, LineList) or not steps:
            self.problem(raw.line_of("steps"), f"flow {flow_id!r} needs a non-empty 'steps' list")
            return None
        seen: set[str] = set()
        for item, item_line in zip(steps, steps.item_lines, strict=True):
            step = self.step(item, item_line, len(flow.steps))
            if step is None:
                continue
            if step.id in seen:
                self.problem(step.where.line, f"duplicate step id {step.id!r} in flow {flow_id!r}")
                continue
            if step.id == END:
                self.problem(step.where.line, f"{END!r} is reserved and cannot be a step id")
                continue
            seen.add(step.id)
            flow.steps.append(step)
        return flow if flow.steps else None


def load_flow_set(directory: Path, root: Path | None = None) -> FlowSet:
    """Load facts.yml and every other *.yml in `directory`. Problems go to `findings`."""
    root = root or directory.parent

    def display(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    findings: list[Finding] = []
    facts_path = directory / FACTS_FILE
    try:
        vocabulary = load_vocabulary(facts_path, display(facts_path))
    except (SourceError, OSError) as error:
        where = error.where if isinstance(error, SourceError) else Where(display(facts_path), 1)
        message = error.message if isinstance(error, SourceError) else f"cannot read: {error}"
        findings.append(Finding(where, message))
        vocabulary = Vocabulary(facts={})
    messages = _load_messages(directory / MESSAGES_FILE, display(directory / MESSAGES_FILE), findings)
    causes, problems = load_cause_model(directory / CAUSES_FILE, display(directory / CAUSES_FILE))
    findings.extend(Finding(where, message) for where, message in problems)
    if causes is not None:
        causes.stories, problems = load_story_model(directory / STORIES_FILE, causes.causes, display(directory / STORIES_FILE))
        findings.extend(Finding(where, message) for where, message in problems)
    flows: dict[str, Flow] = {}
    for path in sorted(directory.glob("*.yml")):
        if path.name in (FACTS_FILE, MESSAGES_FILE, CAUSES_FILE, STORIES_FILE):
            continue
        name = display(path)
        try:
            data = load_yaml(path, name)
        except SourceError as error:
            findings.append(Finding(error.where, error.message))
            continue
        if not isinstance(data, LineDict) or not isinstance(data.get("flows"), LineDict):
            findings.append(Finding(Where(name, 1), "expected a top-level 'flows:' mapping"))
            continue
        reader = _Reader(name, findings)
        for flow_id, raw in data["flows"].items():
            line = data["flows"].line_of(flow_id)
            if flow_id in flows:
                reader.problem(line, f"flow {flow_id!r} is already defined in {flows[flow_id].where}")
                continue
            flow = reader.flow(flow_id, raw, line)
            if flow is not None:
                flows[flow_id] = flow
    return FlowSet(flows=flows, vocabulary=vocabulary, findings=findings, messages=messages, causes=causes)


def _load_messages(path: Path, name: str, findings: list[Finding]) -> dict[str, Message]:
    try:
        data = load_yaml(path, name)
    except SourceError as error:
        findings.append(Finding(error.where, error.message))
        return {}
    except OSError as error:
        findings.append(Finding(Where(name, 1), f"cannot read: {error}"))
        return {}
    if not isinstance(data, LineDict) or not isinstance(data.get("messages"), LineDict):
        findings.append(Finding(Where(name, 1), "expected a top-level 'messages:' mapping"))
        return {}
    messages: dict[str, Message] = {}
    for key, raw in data["messages"].items():
        line = data["messages"].line_of(key)
        if not isinstance(raw, LineDict) or not isinstance(raw.get("text"), str):
            findings.append(Finding(Where(name, line), f"message {key!r} needs a 'text'"))
            continue
        buttons = raw.get("buttons") or []
        if not isinstance(buttons, list) or not all(isinstance(b, dict) and {"title", "payload"} <= set(b) for b in buttons):
            findings.append(Finding(Where(name, raw.line_of("buttons")), f"buttons of {key!r} need a title and a payload each"))
            buttons = []
        messages[key] = Message(raw["text"], [{"title": str(b["title"]), "payload": str(b["payload"])} for b in buttons])
    return messages
