"""The OpenAI-compatible ``/v1/chat/completions`` contract: a page image as a ``data:`` URL plus
an instruction in, docparse's answer in the OpenAI response format out.

Only ``data:`` URLs are accepted: ``http(s)://``, ``file:`` and every other scheme are refused
and never fetched.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
import uuid
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from docparse.config import VlmOptions
from docparse.document import Chart, Document

DATA_URL = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?P<params>(;[\w.+-]+=[\w.+-]+)*)(?P<b64>;base64)?,",
                      re.IGNORECASE)
ACCEPTED_MIME = ("image/png", "image/jpeg", "image/jpg", "image/tiff", "image/bmp", "image/gif", "image/webp",
                 "application/pdf")


class RequestError(ValueError):
    """A bad request: answered with 400 (or ``status``) in OpenAI's error format."""

    def __init__(self, message: str, code: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class ImageUrl(BaseModel):
    model_config = ConfigDict(extra="ignore")
    url: str
    detail: str | None = None


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text", "image_url"]
    text: str | None = None
    image_url: ImageUrl | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "user", "assistant", "developer"]
    content: str | list[ContentPart]


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False  # a last chunk with the token counts and no choices


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")  # temperature, top_p, … are accepted and unused
    model: str = "docparse"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False  # true: the answer as server-sent events (docparse.serve.openai)
    stream_options: StreamOptions | None = None


class ChatTask(str, Enum):
    TEXT = "text"  # Markdown of the page
    TABLE_HTML = "table_html"
    TABLE_MARKDOWN = "table_markdown"
    CHART_TABLE = "chart_table"
    SUMMARY = "summary"
    JSON = "json"  # the typed document


def instruction_task(instruction: str) -> ChatTask:
    """What the instruction asks for, from its words (English keywords)."""
    text = instruction.lower()
    if re.search(r"\bsummar(y|ise|ize)", text):
        return ChatTask.SUMMARY
    if re.search(r"\b(chart|graph|plot)s?\b", text):
        return ChatTask.CHART_TABLE
    if re.search(r"\btables?\b", text):
        return ChatTask.TABLE_HTML if "html" in text else ChatTask.TABLE_MARKDOWN
    if re.search(r"\bjson\b", text):
        return ChatTask.JSON
    return ChatTask.TEXT


def decode_data_url(url: str, max_bytes: int) -> bytes:
    """The bytes of a base64 ``data:`` URL; anything else is refused without being fetched."""
    stripped = url.strip()
    scheme = stripped.split(":", 1)[0].lower() if ":" in stripped else ""
    if scheme != "data":
        shown = scheme + ":" if scheme else "a relative URL"
        raise RequestError(f"{shown} image URLs are not fetched; send the page as a base64 data: URL",
                           code="unsupported_url")
    match = DATA_URL.match(stripped)
    if match is None or not match.group("b64"):
        raise RequestError("image data: URL must be base64 encoded (data:image/png;base64,...)", code="bad_data_url")
    mime = (match.group("mime") or "").lower()
    if mime and mime not in ACCEPTED_MIME:
        raise RequestError(f"unsupported image type {mime!r}", code="unsupported_media_type", status=415)
    payload = stripped[match.end():]
    if len(payload) * 3 // 4 > max_bytes:
        raise RequestError(f"image is over the limit of {max_bytes} bytes", code="payload_too_large", status=413)
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise RequestError("image data: URL is not valid base64", code="bad_data_url") from None


def split_request(request: ChatRequest, max_image_bytes: int) -> tuple[str, bytes]:
    """(instruction, image bytes) from the last user message; exactly one image."""
    user = [m for m in request.messages if m.role == "user"]
    if not user:
        raise RequestError("no user message", code="missing_message")
    texts: list[str] = []
    images: list[str] = []
    for message in request.messages:
        if isinstance(message.content, str):
            texts.append(message.content)
            continue
        for part in message.content:
            if part.type == "text" and part.text:
                texts.append(part.text)
            elif part.type == "image_url" and part.image_url is not None:
                images.append(part.image_url.url)
    if len(images) != 1:
        raise RequestError(f"send exactly one page image (got {len(images)})", code="image_count")
    data = decode_data_url(images[0], max_image_bytes)  # every URL is checked before any work
    return "\n".join(texts).strip(), data


def chart_markdown(chart: Chart) -> str:
    header = [chart.x_label or "category", *(s.name for s in chart.series)]
    rows = [[cat, *("" if i >= len(s.values) or s.values[i] is None else f"{s.values[i]:g}" for s in chart.series)]
            for i, cat in enumerate(chart.categories)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    title = f"**{chart.title}**\n\n" if chart.title else ""
    return title + "\n".join(lines)


def render_answer(document: Document, task: ChatTask, options: VlmOptions) -> str:
    if task is ChatTask.SUMMARY:
        from docparse.components import default_summarizer
        from docparse.renderers.summary import summarize_document

        return summarize_document(document, default_summarizer(options)).to_json()
    if task is ChatTask.JSON:
        return document.to_json()
    if task in (ChatTask.TABLE_HTML, ChatTask.TABLE_MARKDOWN):
        tables = [r.table for r in document.tables if r.table is not None]
        if not tables:
            return "No table found on the page."
        render = (lambda t: t.to_html()) if task is ChatTask.TABLE_HTML else (lambda t: t.to_markdown())
        return "\n\n".join(render(t) for t in tables)
    if task is ChatTask.CHART_TABLE:
        charts = [r.chart for r in document.charts if r.chart is not None and r.chart.series]
        if not charts:
            return "No chart with readable values found on the page."
        return "\n\n".join(chart_markdown(c) for c in charts)
    return document.to_markdown()


class ChatChoiceMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatChoiceMessage
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class ChatUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    """OpenAI's ``chat.completion`` object."""

    id: str = Field(default_factory=lambda: f"chatcmpl-{uuid.uuid4().hex}")
    object: Literal["chat.completion"] = "chat.completion"
    created: int = Field(default_factory=lambda: int(time.time()))
    model: str
    choices: list[ChatChoice]
    usage: ChatUsage


def usage_of(prompt: str, content: str) -> ChatUsage:
    """Token counts, as whitespace-separated words."""
    prompt_tokens, completion_tokens = len(prompt.split()), len(content.split())
    return ChatUsage(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                     total_tokens=prompt_tokens + completion_tokens)


def completion_response(model: str, content: str, prompt: str) -> ChatCompletion:
    """The answer as a ``chat.completion``."""
    return ChatCompletion(model=model, choices=[ChatChoice(message=ChatChoiceMessage(content=content))],
                          usage=usage_of(prompt, content))


class ErrorDetail(BaseModel):
    message: str
    type: str = "invalid_request_error"
    code: str
    param: str | None = None


class ErrorBody(BaseModel):
    """OpenAI's error format, used by every endpoint of the service."""

    error: ErrorDetail


def error_body(message: str, code: str, kind: str = "invalid_request_error") -> ErrorBody:
    return ErrorBody(error=ErrorDetail(message=message, code=code, type=kind))


__all__ = ["ChatCompletion", "ChatRequest", "ChatTask", "ErrorBody", "RequestError", "completion_response",
           "decode_data_url", "error_body", "instruction_task", "render_answer", "split_request", "usage_of"]
