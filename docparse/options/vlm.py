"""VLM options: a local checkpoint's inference settings and an OpenAI-compatible server's
request settings. Which backend reads the crops follows ``VlmOptions.server_url`` (a server)
or ``VlmOptions.model_path`` (a local checkpoint); these tune it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LocalModelOptions:
    """A local checkpoint (ours or a Hugging Face image-text-to-text model) on the CPU."""

    int8: bool = True  # dynamic INT8 quantization for CPU inference
    threads: int | None = None  # torch threads; None: ParseOptions.ocr.threads (options.ocr.inherit_threads)
    max_new_tokens: int = 256
    max_tokens: int = 4096  # bucketed batch budget
    max_batch: int = 16


@dataclass(frozen=True)
class VlmRegionOptions:
    """How regions go to the VLM reader (docparse.readers.vlm)."""

    dpi: int = 150  # the region crop's resolution
    min_side_pt: float = 4.0  # crops with a shorter side (points) go to the native reader
    prompts_dir: Path | None = None  # {text,table,chart,summary}.txt; None: the packaged prompts


@dataclass(frozen=True)
class SummaryServerOptions:
    """Abstractive summaries from the server at ``VlmOptions.server_url``
    (docparse.renderers.summary.ChatCompletionsSummarizer)."""

    model: str = "docparse-vlm"  # the served model's name
    timeout_s: float = 60.0  # per request
    max_input_chars: int = 8000  # of the document's text sent with the prompt
    max_tokens: int = 200  # of the answer


@dataclass(frozen=True)
class VlmServerOptions:
    """Requests to an OpenAI-compatible chat-completions server (docparse.vlm.http)."""

    api_key: str | None = None  # sent as a bearer token; left out of batch fingerprints
    timeout_s: float = 120.0  # per request
    retries: int = 2  # on connection errors, timeouts, 429 and 5xx …
    backoff_s: float = 0.5  # … after this many seconds, doubling
    concurrency: int = 4  # requests in flight
    max_new_tokens: int = 1024
    max_image_side: int = 1600  # crops are downscaled to this longest side before sending
