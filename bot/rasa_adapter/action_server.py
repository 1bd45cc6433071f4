"""The action server: rasa_sdk's app, closed to everyone but our Rasa.

`rasa run actions` listens on every interface, asks nobody for credentials and inflates `deflate` bodies
without a limit, so one forged call could set `flow_state` directly. Here the same app

- listens on loopback (`$BOT_ACTION_HOST` to change it),
- answers /webhook and /actions only with the shared secret Rasa sends in `X-Action-Secret` (the endpoints
  file `bot serve` writes; the secret comes from `$BOT_ACTION_SECRET`, never from the command line),
- refuses compressed bodies (Rasa never compresses) and bodies over its size limit (bot/app/limits.py),
- answers unknown routes with a JSON 404 and no traceback in the log.

`bot serve` starts it as `python -m bot.rasa_adapter.action_server --port 5055`.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys

from sanic import Request, Sanic, response
from sanic.exceptions import NotFound, SanicException
from sanic.response import HTTPResponse

from bot.app.limits import Limits

SECRET_ENV = "BOT_ACTION_SECRET"  # noqa: S105 - the variable's name, not a secret
SECRET_HEADER = "X-Action-Secret"  # noqa: S105 - a header name
HOST_ENV = "BOT_ACTION_HOST"
ACTIONS = "bot.rasa_adapter.actions"
OPEN_PATHS = ("/health",)
logger = logging.getLogger(__name__)


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"ok": False, "status": status, "error": message}, status=status)


def create_app(secret: str, limits: Limits | None = None) -> Sanic:
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(ACTIONS, cors_origins="")
    app.config.REQUEST_MAX_SIZE = (limits or Limits.from_env()).max_action_body

    @app.middleware("request")
    async def guard(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(SECRET_HEADER, "")
        if not given or not hmac.compare_digest(given.encode(), secret.encode()):
            return _error(401, "this server only answers the assistant's own Rasa")
        if request.headers.get("content-encoding", "identity").strip().lower() not in ("", "identity"):
            return _error(415, "compressed bodies are not accepted")
        return None

    @app.exception(NotFound)
    async def not_found(request: Request, problem: Exception) -> HTTPResponse:
        return _error(404, "not found")

    @app.exception(SanicException)
    async def refused(request: Request, problem: SanicException) -> HTTPResponse:
        # Too large, wrong method and the like: the client's mistake, answered without a traceback.
        return _error(int(getattr(problem, "status_code", 400) or 400), str(problem) or "request refused")

    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.rasa_adapter.action_server", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level")
    args = parser.parse_args(argv)
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        print(f"${SECRET_ENV} is not set: the action server needs the secret Rasa sends (bot serve sets it).", file=sys.stderr)
        return 2
    from rasa_sdk import utils
    from rasa_sdk.plugin import plugin_manager

    utils.configure_colored_logging(logging.DEBUG if args.debug else logging.INFO)
    utils.update_sanic_log_level()
    app = create_app(secret)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    host = os.environ.get(HOST_ENV, "127.0.0.1")
    logger.info("Action server on http://%s:%s", host, args.port)
    app.run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
