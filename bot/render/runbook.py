"""The printable runbook: every flow, and in each every question, fix, routing decision, ending and linked article.

Plain Markdown, in the order the flows run (the main flow, the other entry flows, then the checks other flows
call); steps in file order, numbered. Conditions are worded for people (bot/render/words.py).
"""

from __future__ import annotations

from bot.flows.model import FIX_CHOICES, RESOLVED, ArticleRef, Flow, FlowSet, Step, StepKind, TextVariant
from bot.render.words import callers, condition_words, fact_words, node_id, ordered_flows, step_kind, target_words


def _quote(text: str) -> str:
    """Flow text as a block quote (it is Markdown already: lists and emphasis stay)."""
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def _variants(flow_set: FlowSet, variants: list[TextVariant], lead: str) -> list[str]:
    lines: list[str] = []
    for variant in variants:
        if variant.condition is None:
            when = "Otherwise" if len(variants) > 1 else lead
        else:
            when = f"When {condition_words(variant.condition, flow_set.vocabulary)}"
        lines += [f"{when}:", "", _quote(variant.text), ""]
    return lines


def _article(flow_set: FlowSet, reference: str) -> str:
    article_id, _, anchor = reference.partition("#")
    known: ArticleRef | None = flow_set.articles.get(article_id)
    title = known.title if known else article_id
    url = f"/kb/{article_id}" + (f"#{anchor}" if anchor else "")
    where = f", section `{anchor}`" if anchor else ""
    return f"Knowledge article: [{title}]({url}) (`{article_id}`{where})"


def _routes(flow_set: FlowSet, flow: Flow, step: Step, lead: str) -> list[str]:
    onward = flow.onward(step)
    if not onward:
        return []
    if len(onward) == 1 and onward[0].condition is None:
        return [f"{lead}: go to {target_words(onward[0].target)}.", ""]
    lines = [f"{lead}, the first that applies:", ""]
    for branch in onward:
        if branch.condition is None:
            lines.append(f"- otherwise → {target_words(branch.target)}")
        else:
            lines.append(f"- if {condition_words(branch.condition, flow_set.vocabulary)} → {target_words(branch.target)}")
    return [*lines, ""]


def _choices(flow_set: FlowSet, step: Step) -> list[tuple[str, str]]:
    """(value, title) of each button: the step's own choices, else every value of the fact."""
    fact = step.fact or ""
    if step.choices:
        return [(choice.value, choice.title or flow_set.vocabulary.title(fact, choice.value)) for choice in step.choices]
    known = flow_set.vocabulary.facts.get(fact)
    return [(value, entry.title) for value, entry in known.values.items()] if known else []


def _step(flow_set: FlowSet, flow: Flow, step: Step, number: int) -> list[str]:
    words = flow_set.vocabulary
    lines = [f"### {number}. `{step.id}`: {step_kind(step)}", "", f"Step id `{node_id(flow.id, step.id)}`."]
    if step.cause:
        lines[-1] += f" Cause addressed: `{step.cause}`."
    lines.append("")
    if step.set:
        learned = ", ".join(f"{fact_words(words, fact)} = {words.title(fact, value)}" for fact, value in step.set.items())
        lines += [f"Records: {learned}.", ""]
    if step.kind == StepKind.COLLECT:
        lines += [f"Asks for {fact_words(words, step.fact or '')} (`{step.fact}`), unless it is already known.", ""]
        lines += _variants(flow_set, step.ask, "Question")
        choices = _choices(flow_set, step)
        if choices:
            lines += ["Choices:", ""] + [f"- {title} (`{value}`)" for value, title in choices] + [""]
        lines += _routes(flow_set, flow, step, "Then")
    elif step.kind == StepKind.INSTRUCT:
        lines += [f"Fix `{step.instruct}`. Says:", ""]
        lines += _variants(flow_set, step.text, "Text")
        answers = " / ".join(f"*{title}*" for _value, title in FIX_CHOICES)
        lines += [f'Then asks "Did that fix it?" ({answers}).', ""]
        fixed = flow.fixed_target(step)
        if fixed is not None:
            lines += [f"If it worked: go to {target_words(fixed.target)}.", ""]
        lines += _routes(flow_set, flow, step, "If it did not")
    elif step.kind == StepKind.ROUTE:
        lines += ["Says nothing; decides where to go.", ""]
        lines += _routes(flow_set, flow, step, "Goes to")
    elif step.kind == StepKind.END:
        outcome = "The conversation ends as resolved." if step.end == RESOLVED else "Hands the case to a specialist."
        lines += [outcome + (f" Reason recorded: {step.reason}." if step.reason else ""), ""]
        if step.text:
            lines += _variants(flow_set, step.text, "Says")
    elif step.kind == StepKind.LINK:
        lines += [f"Continues in the flow `{step.target_flow}` and does not come back.", ""]
    elif step.kind == StepKind.CALL:
        start = f" from its step `{step.enter_at}`" if step.enter_at else ""
        lines += [f"Runs the flow `{step.target_flow}`{start}; when that flow returns, carries on.", ""]
        lines += _routes(flow_set, flow, step, "Afterwards")
    if step.staff:
        lines += ["**Staff script** (`bot script`):", ""] + _variants(flow_set, step.staff, "The agent says")
    if step.article:
        lines += [_article(flow_set, step.article), ""]
    return lines


def _flow(flow_set: FlowSet, flow: Flow, reached_from: list[tuple[str, str, str]]) -> list[str]:
    lines = [f"## {flow.name} (`{flow.id}`)", ""]
    if flow.description:
        lines += [flow.description, ""]
    facts = ["Starts on its own." if flow.entry else "Only reached from other flows."]
    if reached_from:
        facts.append(
            "Reached from "
            + ", ".join(
                f"`{node_id(source, step)}` ({'calls' if kind == 'call' else 'links'})" for kind, source, step in reached_from
            )
            + "."
        )
    if flow.on_fixed is not None:
        facts.append(f"When a fix works it goes to {target_words(flow.on_fixed.target)} unless the step says otherwise.")
    lines += [" ".join(facts), ""]
    for number, step in enumerate(flow.steps, 1):
        lines += _step(flow_set, flow, step, number)
    return lines


def runbook_markdown(flow_set: FlowSet, first_flow: str | None = "mic_31201") -> str:
    """The whole runbook as Markdown."""
    flows = ordered_flows(flow_set, first_flow)
    steps = sum(len(flow.steps) for flow in flows)
    reached = callers(flow_set)
    lines = [
        "# Runbook: microphone troubleshooting (Twilio Voice error 31201)",
        "",
        f"Every flow of the decision tree, {len(flows)} flows and {steps} steps, in the order the chat walks them. "
        "A question is skipped when its answer is already known. Conditions refer to what the customer told the "
        "assistant or what it read from the pasted error and the microphone check.",
        "",
        "Flows:",
        "",
        *[f"- {flow.name} (`{flow.id}`)" for flow in flows],
        "",
    ]
    lines += _why_this_order(flow_set)
    for flow in flows:
        lines += _flow(flow_set, flow, reached.get(flow.id, []))
    return "\n".join(lines).rstrip() + "\n"


def _why_this_order(flow_set: FlowSet) -> list[str]:
    """How the 31201 check orders its fixes and questions (flows/causes.yml), in words for staff."""
    model = flow_set.causes
    if model is None:
        return []
    lines = [
        "## Why this order",
        "",
        "The 31201 check has no fixed order. It keeps a likelihood for each cause below, starting from the prior "
        "and moved by everything the customer says, the error text and the microphone check. It tries the fix "
        "with the best chance of working for the effort it asks, and asks a question first only when the answer "
        "is expected to save more effort than the question costs. A fix that did not help makes its cause less "
        "likely by how reliably that fix works. The chat says in one line why each step was chosen.",
        "",
        "| cause | before anything is known | fix | effort | works when it is the cause |",
        "| --- | --- | --- | --- | --- |",
    ]
    for cause in model.causes.values():
        lines.append(
            f"| {cause.title} | {round(cause.prior * 100)}% | `{cause.fix}` | {cause.cost:g} | {round(cause.works * 100)}% |"
        )
    lines += ["", "Questions it may ask first, because their answers tell likely causes apart:", ""]
    for step, fact in model.questions.items():
        title = flow_set.vocabulary.facts[fact].title if fact in flow_set.vocabulary.facts else fact
        lines.append(f"- `{step}`: {title}")
    lines.append("")
    return lines
