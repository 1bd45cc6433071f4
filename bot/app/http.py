"""The project's one error shape for HTTP answers, shared by the web server and Rasa's REST channel."""

from __future__ import annotations

from sanic import response
from sanic.response import HTTPResponse


def error(status: int, message: str) -> HTTPResponse:
    """`{"ok": false, "status", "error"}` with that HTTP status."""
    return response.json({"ok": False, "status": status, "error": message}, status=status)
