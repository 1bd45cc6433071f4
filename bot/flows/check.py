"""`bot flows check`: everything that can be wrong with the flow files, with file and line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.flows.conditions import Condition
from bot.flows.diagnosis import CauseModel
from bot.flows.model import (
    END,
    ENDINGS,
    ESCALATED,
    RESOLVED,
    USER_FACING,
    ArticleRef,
    Branch,
    Finding,
    Flow,
    FlowSet,
    Step,
    StepKind,
    entry_step,
)
from bot.flows.sourcefile import Where

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
Node = tuple[str, str]


def check_flows(flow_set: FlowSet, known_articles: Mapping[str, ArticleRef] | None = None) -> list[Finding]:
    """All findings: load problems first, then references, reachability, loops and endings."""
    checker = _Checker(flow_set, known_articles)
    checker.run()
    return flow_set.findings + sorted(checker.findings, key=lambda f: (f.where.file, f.where.line))


class _Checker:
    def __init__(self, flow_set: FlowSet, known_articles: Mapping[str, ArticleRef] | None) -> None:
        self.flows = flow_set.flows
        self.vocabulary = flow_set.vocabulary
        self.causes = flow_set.causes
        self.known_articles = known_articles
        self.findings: list[Finding] = []

    def problem(self, where: Where, message: str) -> None:
        self.findings.append(Finding(where, message))

    def at(self, flow: Flow, line: int) -> Where:
        return Where(flow.where.file, line)

    def run(self) -> None:
        for flow in self.flows.values():
            for step in flow.steps:
                self.check_step(flow, step)
            if flow.on_fixed is not None:
                self.check_fixed_target(flow, flow.on_fixed)
            self.check_reachable(flow)
        self.check_flow_usage()
        self.check_silent_loops()
        if self.causes is not None:
            self.check_cause_model(self.causes)

    # --- one step -------------------------------------------------------------------
    def check_step(self, flow: Flow, step: Step) -> None:
        for branch in flow.successors(step):
            if branch.target != END and flow.step(branch.target) is None:
                self.problem(self.at(flow, branch.line), f"step {step.id!r} goes to unknown step {branch.target!r}")
            if branch.condition is not None:
                self.check_condition(flow, branch.condition, branch.condition_line)
        if step.kind not in (StepKind.END, StepKind.LINK) and not flow.onward(step):
            self.problem(step.where, f"step {step.id!r} is the last step and has no 'next': add an ending")
        if step.kind in USER_FACING and not step.staff:
            self.problem(step.where, f"{step.kind} step {step.id!r} has no 'staff' text (what the agent says in script mode)")
        for variant in [*step.ask, *step.text, *step.staff]:
            if variant.condition is not None:
                self.check_condition(flow, variant.condition, variant.line)
            for name in PLACEHOLDER.findall(variant.text):
                if name not in self.vocabulary.facts:
                    self.problem(self.at(flow, variant.line), f"placeholder {{{name}}} is not a fact in facts.yml")
        for fact, value in step.set.items():
            self.check_fact_value(step.where, fact, value)
        causes = self.causes.causes if self.causes is not None else {}
        if step.cause is not None and step.cause not in causes:
            known = ", ".join(causes) or "none: there is no causes.yml"
            self.problem(step.where, f"unknown cause {step.cause!r} (one of: {known})")
        if step.article is not None and self.known_articles is not None:
            article_id, _, anchor = step.article.partition("#")
            article = self.known_articles.get(article_id)
            if article is None:
                self.problem(step.where, f"knowledge article {step.article!r} does not exist in knowledge/")
            elif anchor and anchor not in article.anchors:
                self.problem(step.where, f"knowledge article {article_id!r} has no section {anchor!r}")
        getattr(self, f"check_{step.kind}")(flow, step)

    def check_collect(self, flow: Flow, step: Step) -> None:
        if step.fact not in self.vocabulary.facts:
            self.problem(step.where, f"collect step {step.id!r} asks for unknown fact {step.fact!r}")
            return
        for choice in step.choices:
            self.check_fact_value(self.at(flow, choice.line), step.fact, choice.value)

    def check_instruct(self, flow: Flow, step: Step) -> None:
        if step.cause is None:
            self.problem(step.where, f"instruct step {step.id!r} needs a 'cause'")
        fixed = flow.fixed_target(step)
        if fixed is None:
            self.problem(step.where, f"instruct step {step.id!r} has no 'fixed' target and the flow no 'on_fixed'")
        elif step.fixed is not None:
            self.check_fixed_target(flow, step.fixed)

    def check_end(self, flow: Flow, step: Step) -> None:
        if step.end not in ENDINGS:
            self.problem(step.where, f"ending {step.id!r} must be 'end: resolved' or 'end: escalated', not {step.end!r}")
        if step.end == ESCALATED and not step.reason:
            self.problem(step.where, f"escalated ending {step.id!r} needs a 'reason'")
        if step.next is not None:
            self.problem(step.where, f"ending {step.id!r} cannot have a 'next'")

    def check_link(self, flow: Flow, step: Step) -> None:
        if step.target_flow not in self.flows:
            self.problem(step.where, f"step {step.id!r} links to unknown flow {step.target_flow!r}")
        elif step.enter_at is not None and self.flows[step.target_flow].step(step.enter_at) is None:
            self.problem(step.where, f"step {step.id!r} enters flow {step.target_flow!r} at unknown step {step.enter_at!r}")

    check_call = check_link

    def check_route(self, flow: Flow, step: Step) -> None:
        if step.next is None and not step.set:
            self.problem(step.where, f"step {step.id!r} does nothing: give it collect, instruct, end, link, call or next")

    def check_fixed_target(self, flow: Flow, branch: Branch) -> None:
        target = flow.step(branch.target)
        if target is None:
            self.problem(self.at(flow, branch.line), f"'fixed' goes to unknown step {branch.target!r}")
        elif target.end != RESOLVED:
            self.problem(self.at(flow, branch.line), f"'fixed' must go to an 'end: resolved' step, not {branch.target!r}")

    def check_condition(self, flow: Flow, condition: Condition, line: int) -> None:
        where = self.at(flow, line)
        for fact in sorted(condition.facts):
            if fact not in self.vocabulary.facts:
                self.problem(where, f"condition uses unknown fact {fact!r}")
        for fact, value in condition.compared:
            if fact in self.vocabulary.facts:
                self.check_fact_value(where, fact, value)
        for step_id in sorted(condition.tried):
            target = flow.step(step_id)
            if target is None or target.kind not in (StepKind.INSTRUCT, StepKind.CALL):
                self.problem(where, f"tried({step_id!r}) must name an instruct or call step of flow {flow.id!r}")
        for cause in sorted(condition.likely):
            if self.causes is None:
                self.problem(where, f"likely({cause!r}) needs the cause model flows/causes.yml")
            elif cause not in self.causes.causes:
                self.problem(where, f"likely({cause!r}) names no cause of flows/causes.yml")
        for step_id in sorted(condition.planned):
            if self.causes is None:
                self.problem(where, f"planned({step_id!r}) needs the cause model flows/causes.yml")
            elif step_id not in self.causes.steps:
                self.problem(where, f"planned({step_id!r}) names no fix or question of flows/causes.yml")

    def check_cause_model(self, model: CauseModel) -> None:
        """flows/causes.yml against the flows and facts: every cause fixable, every number of a known thing."""
        planning = next((f for f in self.flows.values() if any(_plans(f, s) for s in f.steps)), None)
        if planning is None:
            self.problem(Where(model.source, 1), "no flow step uses planned(): the cause model is never asked")
            return
        offered = {target for step in planning.steps if _plans(planning, step) for target in _planned_targets(planning, step)}
        for cause in model.causes.values():
            fix, where = planning.step(cause.fix), Where(cause.where.file, cause.fix_line or cause.where.line)
            if fix is None:
                self.problem(where, f"cause {cause.id!r}: fix step {cause.fix!r} is not a step of flow {planning.id!r}")
                continue
            if cause.fix not in offered:
                self.problem(where, f"cause {cause.id!r}: no planned({cause.fix!r}) branch leads to its fix")
            if fix.kind == StepKind.INSTRUCT and fix.cause != cause.id:
                self.problem(where, f"cause {cause.id!r}: its fix {fix.id!r} says it fixes {fix.cause!r}")
        for step_id, fact in model.questions.items():
            where = model.question_lines.get(step_id, Where(model.source, 1))
            step = planning.step(step_id)
            if step is None or step.kind != StepKind.COLLECT or step.fact != fact:
                self.problem(where, f"question {step_id!r} must be a collect step of {planning.id!r} asking for {fact!r}")
            elif step_id not in offered:
                self.problem(where, f"question {step_id!r}: no planned({step_id!r}) branch leads to it")
            if fact not in model.evidence:
                self.problem(where, f"question {step_id!r}: no evidence says how the answers to {fact!r} move the causes")
        fixing = {c.fix for c in model.causes.values()}
        for step in planning.steps:
            if step.kind == StepKind.INSTRUCT and step.id not in fixing and step.cause in model.causes:
                self.problem(step.where, f"fix step {step.id!r} is the fix of no cause in {model.source}")
        for fact, values in model.evidence.items():
            for value, evidence in values.items():
                self.check_fact_value(evidence.where, fact, value)
                for extra in evidence.given.values():
                    self.check_fact_value(extra.where, extra.fact, extra.value)

    def check_fact_value(self, where: Where, fact: str, value: str) -> None:
        known = self.vocabulary.facts.get(fact)
        if known is None:
            self.problem(where, f"unknown fact {fact!r}")
        elif value not in known.values:
            self.problem(where, f"{value!r} is not a value of fact {fact!r} (one of: {', '.join(known.values)})")

    # --- a flow as a whole -----------------------------------------------------------
    def reachable(self, flow: Flow) -> set[str]:
        seen: set[str] = set()
        todo = [flow.first.id]
        while todo:
            step_id = todo.pop()
            step = flow.step(step_id)
            if step_id in seen or step is None:
                continue
            seen.add(step_id)
            todo.extend(b.target for b in flow.successors(step) if b.target != END)
        return seen

    def check_reachable(self, flow: Flow) -> None:
        reached = self.reachable(flow)
        for step in flow.steps:
            if step.id not in reached:
                self.problem(step.where, f"step {step.id!r} cannot be reached from the start of flow {flow.id!r}")

    def can_finish(self, flow: Flow) -> Step | None:
        """A step from which the flow reaches END (returns to a caller), if any."""
        for step_id in self.reachable(flow):
            step = flow.step(step_id)
            if step is not None and any(b.target == END for b in flow.successors(step)):
                return step
        return None

    def check_flow_usage(self) -> None:
        called = {s.target_flow for f in self.flows.values() for s in f.steps if s.kind == StepKind.CALL}
        linked = {s.target_flow for f in self.flows.values() for s in f.steps if s.kind == StepKind.LINK}
        for flow in self.flows.values():
            finishing = self.can_finish(flow)
            if finishing is not None and (flow.entry or flow.id in linked):
                self.problem(
                    finishing.where,
                    f"flow {flow.id!r} is started or linked but step {finishing.id!r} goes to END: "
                    "only called flows may return; end with 'end: resolved' or 'end: escalated'",
                )
            if not flow.entry and flow.id not in called | linked:
                self.problem(flow.where, f"flow {flow.id!r} is neither an entry flow nor linked or called anywhere")

    def check_silent_loops(self) -> None:
        """Reject cycles that never ask the user anything (they would spin forever)."""
        graph: dict[Node, list[Node]] = {}
        callers: dict[str, list[tuple[Flow, Step]]] = {}
        for flow in self.flows.values():
            for step in flow.steps:
                if step.kind == StepKind.CALL and step.target_flow in self.flows:
                    callers.setdefault(step.target_flow, []).append((flow, step))
        for flow in self.flows.values():
            for step in flow.steps:
                if step.asks_user:
                    continue
                edges: list[Node] = []
                # A call continues inside the called flow; its own `next` is reached via END there.
                exits = [] if step.kind == StepKind.CALL else flow.successors(step)
                for branch in exits:
                    if branch.target == END:
                        for caller_flow, call_step in callers.get(flow.id, []):
                            edges.extend((caller_flow.id, b.target) for b in caller_flow.successors(call_step) if b.target != END)
                    else:
                        edges.append((flow.id, branch.target))
                if step.kind in (StepKind.LINK, StepKind.CALL) and step.target_flow in self.flows:
                    edges.append((step.target_flow, entry_step(step, self.flows)))
                graph[(flow.id, step.id)] = [e for e in edges if self._silent(e)]
        for cycle in _cycles(graph):
            flow_id, step_id = cycle[0]
            first = self.flows[flow_id].step(step_id)
            path = " -> ".join(f"{f}.{s}" for f, s in cycle)
            self.problem(first.where if first else self.flows[flow_id].where, f"loop without a question to the user: {path}")

    def _silent(self, node: Node) -> bool:
        flow = self.flows.get(node[0])
        step = flow.step(node[1]) if flow else None
        return step is not None and not step.asks_user


def _cycles(graph: dict[Node, list[Node]]) -> Iterable[list[Node]]:
    """Strongly connected components that contain a cycle (Tarjan's algorithm, iterative)."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph.get(root, [])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, []))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, []):
                    yield sorted(component)


def _plans(flow: Flow, step: Step) -> bool:
    return any(b.condition is not None and b.condition.planned for b in flow.onward(step))


def _planned_targets(flow: Flow, step: Step) -> set[str]:
    return {b.target for b in flow.onward(step) if b.condition is not None and b.condition.planned}
