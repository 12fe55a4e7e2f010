"""The bearer token, checked on the raw ASGI request before one byte of its body is read.

A FastAPI dependency runs only after the framework has parsed the request: a multipart upload
is spooled to disk and a JSON body read into memory first (an unauthenticated 150 MB upload
took 127 MB of disk, a 50 MB chat body 1.3 GB of memory, before the 401). This middleware
answers 401 from the headers alone, for every path but the open ones (``/healthz``), the API
documentation (``/docs``, ``/redoc``, ``/openapi.json``) included.
"""

from __future__ import annotations

import hmac
import json
from typing import Any, Awaitable, Callable

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

OPEN_PATHS = frozenset({"/healthz"})


def token_problem(expected: str, header: bytes | None) -> str:
    """Why an ``Authorization`` header does not carry the token ("" when it does); the
    comparison takes the same time whatever the token sent."""
    text = (header or b"").decode("latin-1")
    if not text.lower().startswith("bearer "):
        return "missing bearer token (Authorization: Bearer ...)"
    if not hmac.compare_digest(text[7:].strip().encode("latin-1"), expected.encode()):
        return "invalid bearer token"
    return ""


async def send_unauthorized(send: Send, message: str) -> None:
    body = json.dumps({"error": {"message": message, "type": "invalid_request_error", "code": "unauthorized",
                                 "param": None}}).encode()
    await send({"type": "http.response.start", "status": 401,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"www-authenticate", b"Bearer"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class TokenMiddleware:
    """401 before the body is read when ``token`` is set and the request does not carry it."""

    def __init__(self, app: App, token: str | None, open_paths: frozenset[str] = OPEN_PATHS) -> None:
        self.app = app
        self.token = token
        self.open_paths = open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.token is None or scope["type"] != "http" or scope.get("path") in self.open_paths:
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"authorization")
        problem = token_problem(self.token, header)
        if problem:
            await send_unauthorized(send, problem)  # receive() never called: the body stays unread
            return
        await self.app(scope, receive, send)
