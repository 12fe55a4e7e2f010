"""The rest of the OpenAI surface OpenAI clients expect: ``GET /v1/models`` (many clients call it
first) and ``stream=true`` chat completions as server-sent events (``chat.completion.chunk``
objects, then ``data: [DONE]``)."""

from __future__ import annotations

import json
import time
import uuid
from typing import Iterator, Literal

from pydantic import BaseModel, Field

from docparse.serve.chat import ChatUsage


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "docparse"


class ModelList(BaseModel):
    """OpenAI's answer to ``GET /v1/models``."""

    object: Literal["list"] = "list"
    data: list[ModelCard]


def model_list(model_id: str, created: int) -> ModelList:
    return ModelList(data=[ModelCard(id=model_id, created=created)])


class ChunkDelta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: ChunkDelta
    finish_reason: Literal["stop"] | None = None
    logprobs: None = None


class ChatCompletionChunk(BaseModel):
    """OpenAI's ``chat.completion.chunk`` (one server-sent event of a streamed answer)."""

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int = Field(default_factory=lambda: int(time.time()))
    model: str
    choices: list[ChunkChoice]
    usage: ChatUsage | None = None  # only on the last chunk, with stream_options.include_usage


def content_pieces(content: str) -> list[str]:
    """The answer in line-sized deltas (the answer exists whole: streaming spares clients a
    separate non-streaming code path, it does not make the conversion incremental)."""
    return content.splitlines(keepends=True) or [""]


def sse_event(payload: str) -> bytes:
    return f"data: {payload}\n\n".encode("utf-8")


def completion_events(model: str, content: str, usage: ChatUsage | None = None) -> Iterator[bytes]:
    """The server-sent events of a streamed completion: the role, the content, ``stop``, the
    ``usage`` chunk when asked for (no choices, as OpenAI sends it), ``[DONE]``."""
    chunk_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    def event(choices: list[ChunkChoice], usage: ChatUsage | None = None) -> bytes:
        body = ChatCompletionChunk(id=chunk_id, created=created, model=model, choices=choices, usage=usage)
        return sse_event(json.dumps(body.model_dump(), ensure_ascii=False))

    yield event([ChunkChoice(delta=ChunkDelta(role="assistant", content=""))])
    for piece in content_pieces(content):
        yield event([ChunkChoice(delta=ChunkDelta(content=piece))])
    yield event([ChunkChoice(delta=ChunkDelta(), finish_reason="stop")])
    if usage is not None:
        yield event([], usage)
    yield sse_event("[DONE]")


SSE_MEDIA_TYPE = "text/event-stream"

__all__ = ["ChatCompletionChunk", "ModelList", "SSE_MEDIA_TYPE", "completion_events", "model_list"]
