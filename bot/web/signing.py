"""Data the browser holds for the server, signed so the server can trust it when it comes back.

    token = base64url(JSON {"at": signed at, "data": ...}) "." hex HMAC-SHA256(key, that base64url text)

The key is derived from a server secret and a purpose, so a token signed for one use is no good for another.
The data is readable by whoever holds the token (signed, not encrypted): nothing secret goes in. Standard
library only (hmac), no dependency.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any

MAX_TOKEN = 1_000_000
"""Characters: longer is refused before any work (the data it carries is bounded far below)."""


class BadSignature(ValueError):
    """Not a token this server signed for this purpose, changed since, or too old; the message says which."""


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).rstrip(b"=").decode("ascii")


def _decode(encoded: str) -> str:
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")


@dataclass(frozen=True)
class Signer:
    key: bytes
    max_age: float | None = None
    """Seconds a token stays valid after it was signed (None: no limit)."""

    @classmethod
    def for_purpose(cls, secret: str, purpose: str, max_age: float | None = None) -> Signer:
        return cls(hmac.new(secret.encode("utf-8"), purpose.encode("utf-8"), hashlib.sha256).digest(), max_age)

    def _mac(self, encoded: str) -> str:
        return hmac.new(self.key, encoded.encode("utf-8"), hashlib.sha256).hexdigest()

    def sign(self, data: Any, now: float | None = None) -> str:
        """`data` (anything JSON can hold) as a token."""
        at = round(time.time() if now is None else now, 3)
        encoded = _encode(json.dumps({"at": at, "data": data}, separators=(",", ":"), ensure_ascii=False))
        return f"{encoded}.{self._mac(encoded)}"

    def unsign(self, token: object, now: float | None = None) -> Any:
        """The data of a token this signer made; BadSignature for anything else, or once it is older than max_age."""
        if not isinstance(token, str) or len(token) > MAX_TOKEN or token.count(".") != 1:
            raise BadSignature("it is not a signed token")
        encoded, mac = token.split(".")
        if not hmac.compare_digest(mac.encode("utf-8"), self._mac(encoded).encode("utf-8")):
            raise BadSignature("it was not signed by this server, or it was changed")
        payload = json.loads(_decode(encoded))  # what sign() wrote: the signature vouches for it
        age = (time.time() if now is None else now) - payload["at"]
        if self.max_age is not None and age > self.max_age:
            raise BadSignature("it has expired")
        return payload["data"]
