"""Guided troubleshooting and knowledge base for Twilio Voice error 31201."""

from __future__ import annotations

__version__ = "0.1.0"
