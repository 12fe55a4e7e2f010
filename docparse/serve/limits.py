"""ASGI middleware: request bodies over ``max_bytes`` get 413 before (or while) they are read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    pass


@dataclass
class _BodyState:
    received: int = 0
    exceeded: bool = False
    replied: bool = False


SYNC_HINT = "; send large files to POST /v1/jobs"


def too_large_body(max_bytes: int, hint: str = "") -> bytes:
    return json.dumps({"error": {"message": f"request body is over the limit of {max_bytes} bytes{hint}",
                                 "type": "invalid_request_error", "code": "payload_too_large"}}).encode()


async def send_too_large(send: Send, max_bytes: int, hint: str = "") -> None:
    body = too_large_body(max_bytes, hint)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """``max_bytes`` for any body; ``sync_max_bytes`` (the file plus the form's overhead) for the paths that
    convert while the client waits (``sync_paths``), so a 150 MB body sent to /v1/parse stops at
    the synchronous limit instead of being spooled to the upload limit first."""

    def __init__(self, app: App, max_bytes: int, sync_max_bytes: int | None = None,
                 sync_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.sync_max_bytes = sync_max_bytes
        self.sync_paths = sync_paths

    def _limit(self, path: str) -> tuple[int, str]:
        if self.sync_max_bytes is not None and path in self.sync_paths:
            return min(self.max_bytes, self.sync_max_bytes), SYNC_HINT
        return self.max_bytes, ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, hint = self._limit(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await send_too_large(send, limit, hint)  # refused before one byte is read
            return
        state = _BodyState()

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state.received += len(message.get("body", b""))
                if state.received > limit:
                    state.exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if state.exceeded:  # whatever the app answers (often 400 for a broken body): 413
                if not state.replied and message["type"] == "http.response.start":
                    state.replied = True
                    await send_too_large(send, limit, hint)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            if not state.replied:
                state.replied = True
                await send_too_large(send, limit, hint)
