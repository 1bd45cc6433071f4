"""One chat turn as plain data: the conversation, its readers, replies, the knowledge and handoff dialogues, and
the protocol (slot names, payload keys, reply kinds, size limits) shared with the adapters. Imports no Rasa."""
