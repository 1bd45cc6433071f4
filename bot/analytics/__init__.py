"""Conversation analytics: how conversations end, read from Rasa's tracker store and the ticket store."""
