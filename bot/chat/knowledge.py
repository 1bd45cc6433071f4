"""Free questions in chat: the best section's answer (opening, then its steps or code) with its citation, feedback, more help.

Works inside or outside a flow: after an answer the active flow's question is asked again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.chat.protocol import ARTICLE, NO_ARTICLE
from bot.chat.replies import Out, choice_payload, say
from bot.flows.engine import State
from bot.flows.model import Message
from bot.kb.feedback import FeedbackStore
from bot.kb.render import chat_answer
from bot.kb.search import Result
from bot.kb.service import KnowledgeBase

HELPED, MORE, FLOW = "kb_helped", "kb_more", "kb_flow"
"""`custom.kind` of the "nothing good found" reply, so analytics can count unanswered questions from the events."""
RESULT_PREFIX = "kb:"
QUESTION_START = re.compile(
    r"^\s*(how|what|whats|what's|why|where|when(?= (do|does|did|is|are|was|were|will|should|can|could)\b)|which|who|can|could"
    r"|do|does|did|is|are|should|will|would|wat|hw|y)\b",
    re.I,
)
"""A question's first word; "when" only as "when do/does/is..." ("when i click the icon it says..." tells a story)."""
QUESTION_INSIDE = re.compile(
    r"\b(how (do|can|to|should)|what (is|does|are)|what (do|should|can) (i|we) do|is there a way|where (do|can|is)|what'?s the diff(erence)?|"
    r"difference between|vs\.?|versus)\b",
    re.I,
)
"""Question words inside a sentence; a comparison ("31402 vs 31201", "what's the difference") is a question too."""


def looks_like_a_question(text: str) -> bool:
    """Questions are asked in words ("how do I…", "…?"); button payloads never are."""
    text = text.strip()
    if not text or text.startswith("/") or len(text) > 500:
        return False
    return text.endswith("?") or bool(QUESTION_START.match(text)) or bool(QUESTION_INSIDE.search(text))


def answer_messages(result: Result, summary: str) -> list[Out]:
    """The short answer with its citation, the feedback buttons, and the article payload."""
    text = f"{summary}\n(From [{result.title} › {result.heading}]({result.url}))"
    buttons = [
        {"title": "That helped", "payload": choice_payload(HELPED)},
        {"title": "Get more help", "payload": choice_payload(MORE)},
    ]
    custom = {"kind": ARTICLE, "article": result.article, "section": result.section, "url": result.url}
    return [Out(text=text, buttons=buttons, custom=custom)]


class KnowledgeChat:
    def __init__(self, kb: KnowledgeBase, feedback: FeedbackStore | None, messages: Mapping[str, Message]) -> None:
        self.kb = kb
        self.feedback = feedback
        self.messages = messages

    def say(self, name: str) -> Out:
        return say(self.messages, name)

    def answer(self, state: State, question: str, conversation: str, quiet: bool = False) -> list[Out] | None:
        """Answer from the best section, or say plainly that nothing matches (never invent).

        With `quiet`, a question without a good answer returns None so the caller can reply otherwise.
        """
        results = self.kb.search(question, limit=3)
        best = results[0] if results else None
        good = self.kb.is_good(best, question)
        query_id = None
        if self.feedback is not None:
            query_id = self.feedback.record_query(
                conversation,
                question,
                best.article if good and best else None,
                best.section if good and best else None,
                best.score if best else None,
                good,
            )
        if not good or best is None:
            state.kb = {}
            if quiet:
                return None
            nothing = self.say("kb_not_found")
            nothing.custom = {"kind": NO_ARTICLE}
            return [nothing]
        state.kb = {"query": question[:500], "query_id": query_id, "shown": 1}
        return self._show(state, best)

    def choose(self, state: State, choice: str, flow_active: bool) -> list[Out] | None:
        """Handle the knowledge buttons; None when the choice is not one of ours."""
        if choice == HELPED:
            self._feedback(state, helped=True)
            state.kb = {}
            return [self.say("kb_glad")]
        if choice == MORE:
            self._feedback(state, helped=False)
            return [self._more_help(state, flow_active)]
        if choice == FLOW:
            state.kb = {}
            return []
        if choice.startswith(RESULT_PREFIX):
            article, _, anchor = choice[len(RESULT_PREFIX) :].partition("#")
            section = self.kb.section(article, anchor) if self.kb.available() else None
            if section is None:
                return [self.say("kb_not_found")]
            title = (self.kb.article(article) or {}).get("title", article)
            result = Result(article, anchor, title, section.heading, "", f"/kb/{article}#{anchor}", 0.0)
            return self._show(state, result)
        return None

    def _show(self, state: State, result: Result) -> list[Out]:
        if result.article not in state.articles_shown:
            state.articles_shown.append(result.article)
        section = self.kb.section(result.article, result.section)
        summary = chat_answer(section, prefer_code=self._for_developers(result)) if section else result.snippet
        return answer_messages(result, summary)

    def _for_developers(self, result: Result) -> bool:
        """Developer articles answer with their code; everyone else gets the steps."""
        return (self.kb.article(result.article) or {}).get("audience") == "developer"

    def _feedback(self, state: State, helped: bool) -> None:
        if self.feedback is not None and state.kb.get("query_id"):
            self.feedback.record_feedback(int(state.kb["query_id"]), helped)

    def _more_help(self, state: State, flow_active: bool) -> Out:
        shown = int(state.kb.get("shown", 1))
        others = self.kb.search(state.kb.get("query", ""), limit=2, offset=shown) if state.kb.get("query") else []
        others = [r for r in others if self.kb.is_good(r, state.kb.get("query", ""))]
        state.kb = {**state.kb, "shown": shown + len(others)}
        message = self.say("kb_more")
        message.buttons = [
            *(
                {"title": f"{r.title} › {r.heading}"[:80], "payload": choice_payload(f"{RESULT_PREFIX}{r.article}#{r.section}")}
                for r in others
            ),
            {
                "title": "Continue the guided check" if flow_active else "Walk me through the fixes",
                "payload": choice_payload(FLOW),
            },
            {"title": "Talk to a person", "payload": "/request_human"},
        ]
        return message


def pending_question(outs: list[Out]) -> list[Out]:
    """After a knowledge answer inside a flow: only the question still waiting ("Did that fix it?" with its buttons),
    not the whole fix again; the fix's text is still just above in the chat."""
    asking = [out for out in outs if out.custom is not None]
    return asking[-1:] or outs
