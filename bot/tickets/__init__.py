"""Escalation to a person: tickets with an audit trail, a generated summary, webhook notification from an outbox."""
