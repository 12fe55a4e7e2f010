"""One error shape for every error the service answers: OpenAI's
``{"error": {"message", "type", "code", "param"}}``, for docparse's own errors, FastAPI's request
validation, unknown routes and methods, and unexpected exceptions alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docparse.serve.chat import RequestError, error_body

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
              422: "invalid_parameter", 429: "rate_limited", 503: "unavailable"}


def error_type(status: int) -> str:
    """OpenAI's ``type``: the client's fault (4xx) or the server's (5xx)."""
    return "server_error" if status >= 500 else "invalid_request_error"


def error_response(status: int, message: str, code: str, param: str | None = None,
                   headers: dict[str, str] | None = None) -> "JSONResponse":
    from fastapi.responses import JSONResponse

    body = error_body(message, code, error_type(status))
    body.error.param = param
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def validation_message(errors: list[dict[str, Any]]) -> tuple[str, str | None]:
    """FastAPI's validation errors as one line, and the first offending parameter."""
    parts, params = [], []
    for error in errors:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path", "header")]
        where = ".".join(loc)
        params.append(where)
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request", (params[0] or None) if params else None


def install_error_handlers(app: "FastAPI") -> None:
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    @app.exception_handler(RequestError)
    async def on_request_error(request: "Request", exc: RequestError) -> "JSONResponse":
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        if exc.status == 429:
            headers = {"Retry-After": "1"}
        return error_response(exc.status, exc.message, exc.code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: "Request", exc: RequestValidationError) -> "JSONResponse":
        message, param = validation_message(list(exc.errors()))
        return error_response(422, message, "invalid_parameter", param)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: "Request", exc: HTTPException) -> "JSONResponse":
        headers = dict(exc.headers) if exc.headers else None
        return error_response(exc.status_code, str(exc.detail), HTTP_CODES.get(exc.status_code, "http_error"),
                              headers=headers)

    @app.exception_handler(Exception)
    async def on_unexpected(request: "Request", exc: Exception) -> "JSONResponse":
        return error_response(500, f"internal error: {type(exc).__name__}", "internal_error")


__all__ = ["error_response", "error_type", "install_error_handlers", "validation_message"]
