"""A one-paragraph summary of an escalation, written from the facts by a template, for whoever picks it up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.flows.facts import Vocabulary
from bot.flows.model import OUTCOME_WORDS

if TYPE_CHECKING:
    from bot.tickets.store import TicketDraft

BECAUSE = {
    "user_request": "the user asked to talk to a person",
    "exhausted": "every fix in the tree was tried and failed",
    "specialist": "the case needs a specialist",
    "misunderstood": "the assistant repeatedly could not understand the user",
    "kb_unhelpful": "the knowledge base answers did not help",
    "staff": "a support agent escalated it from the phone script",
}
FIXES = {
    "check_access_token": "checking the access token",
    "close_apps": "closing other apps",
    "hardware": "checking the microphone hardware",
    "https_page": "opening the page over HTTPS",
    "iframe": "allowing the microphone in the embedding iframe",
    "os_privacy": "allowing the browser in the system privacy settings",
    "reselect_device": "selecting the microphone again",
    "site_permission": "checking the site permission",
}
"""How the fix of each instruct step reads in a sentence; other fixes are shown with spaces for underscores."""


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


GENERIC_PROBLEM = {"auth_error": "an authorization (access token) error", "permission_denied": "a microphone permission error"}
"""What the case is about when no code or error name is known, by error kind or by the cause of a step tried."""


def _problem(facts: dict[str, str], steps_tried: list[dict], words: Vocabulary) -> str:
    code, name = facts.get("error_code"), facts.get("error_name")
    kinds = [facts.get("error_kind", ""), *(str(step.get("cause") or "") for step in steps_tried)]
    if code and name:
        problem = f"Twilio error {code} ({words.title('error_name', name)})"
    elif code:
        problem = f"Twilio error {code}"
    elif name:
        problem = f"a {words.title('error_name', name)} microphone error"
    else:
        problem = next((GENERIC_PROBLEM[kind] for kind in kinds if kind in GENERIC_PROBLEM), "a microphone problem")
    if detail := facts.get("error_detail"):
        problem += f" (detail: {words.title('error_detail', detail)})"
    return problem


def _setting(facts: dict[str, str], words: Vocabulary) -> str:
    parts = []
    if browser := facts.get("browser"):
        parts.append(f" in {words.title('browser', browser)}")
    if system := facts.get("os"):
        parts.append(f" on {words.title('os', system)}")
    if device := facts.get("device"):
        parts.append(f" with their {words.title('device', device)}")
    if sdk := facts.get("sdk"):
        parts.append(f" using {words.title('sdk', sdk)}")
    apps = [app for app in facts.get("app", "").replace(",", " ").split() if app]
    if apps == ["none"]:
        parts.append("; no other application was open")
    elif apps := [app for app in apps if app != "none"]:
        parts.append(f"; {_join([words.title('app', app) for app in apps])} {'was' if len(apps) == 1 else 'were'} open")
    return "".join(parts)


def describe_step(step: dict) -> str:
    """ "closing other apps (not fixed)"."""
    fix = str(step.get("fix") or step.get("step") or "an unnamed step")
    outcome = step.get("outcome")
    return f"{FIXES.get(fix, fix.replace('_', ' '))} ({OUTCOME_WORDS.get(str(outcome), str(outcome or 'no answer').replace('_', ' '))})"


def describe_case(
    facts: dict[str, str], steps_tried: list[dict], kb_articles: list[str], words: Vocabulary, who: str = "The user"
) -> list[str]:
    """The sentences about the case itself: who, which error where, what was tried, articles shown."""
    facts = {key: str(value) for key, value in facts.items() if value}
    if audience := facts.get("audience"):
        who += f" ({words.title('audience', audience)})"
    sentences = [f"{who} reports {_problem(facts, steps_tried, words)}{_setting(facts, words)}."]
    if steps_tried:
        sentences.append(f"They tried: {', '.join(describe_step(step) for step in steps_tried)}.")
    else:
        sentences.append("No fix from the decision tree was tried.")
    if kb_articles:
        sentences.append(f"Articles shown: {', '.join(kb_articles)}.")
    return sentences


def summarise(draft: TicketDraft, words: Vocabulary) -> str:
    """One paragraph: who, which error where, what was tried, why it was escalated."""
    sentences = describe_case(draft.facts, draft.steps_tried, draft.kb_articles, words)
    because = BECAUSE.get(draft.trigger, draft.trigger.replace("_", " "))
    reason = " ".join((draft.reason or "").split()).rstrip(".")
    if reason and reason.lower() not in because:
        because += f" ({reason})"
    sentences.append(f"Escalated because {because}.")
    return " ".join(sentences)
