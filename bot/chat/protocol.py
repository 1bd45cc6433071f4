"""The chat's contract with Rasa, the web server, the page and the reports, each name and limit defined once.

Slot names live in domain.yml too; payload keys and `custom.kind` values are listed in docs/reference.md
(tests/test_docs_contract.py checks that list). The kinds of a flow step's reply come from the flows
(`bot.flows.model`); the chat adds the knowledge answers' kinds.
"""

from __future__ import annotations

from bot.flows.model import ENDINGS, ESCALATED, INSTRUCTION, QUESTION, RESOLVED

# Slots (domain.yml)
STATE_SLOT = "flow_state"
"""The engine's whole State, written by the action after every turn."""
EARLIER_SLOT = "earlier_transcript"
"""The end of the transcript of earlier sessions, carried into a new session for a ticket filed later."""

# Payloads
CHOICE_ENTITY = "choice"
"""The entity a quick-reply button sends: `/inform{"choice": "<value>"}`."""
MIC_CHECK_KEY = "mic_check"
"""The message metadata key of the microphone check's report (sent by the page, read by the readers)."""
CLIENT_KEY = "client_tag"
"""The message metadata key the REST channel fills with the sender's address tag (whatever the client sent)."""

# custom.kind values
ARTICLE = "article"
"""A knowledge answer that cites an article section."""
NO_ARTICLE = "no_article"
"""The knowledge base had no good answer."""
FLOW_KINDS = (QUESTION, INSTRUCTION, *ENDINGS)
KINDS = (*FLOW_KINDS, ARTICLE, NO_ARTICLE)

# Sizes
MAX_SENDER = 128
"""Characters in a conversation id: the web server issues ids under 100; the tracker column holds 255."""
MAX_MESSAGE = 100_000
"""Characters of one message the web server and the REST channel pass on."""
MAX_METADATA = 20_000
"""Characters of a message's metadata (JSON), e.g. the microphone check's report."""

__all__ = [
    "ARTICLE",
    "CHOICE_ENTITY",
    "CLIENT_KEY",
    "EARLIER_SLOT",
    "ESCALATED",
    "FLOW_KINDS",
    "INSTRUCTION",
    "KINDS",
    "MAX_MESSAGE",
    "MAX_METADATA",
    "MAX_SENDER",
    "MIC_CHECK_KEY",
    "NO_ARTICLE",
    "QUESTION",
    "RESOLVED",
    "STATE_SLOT",
]
