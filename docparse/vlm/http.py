"""An OpenAI-compatible chat-completions server as a VLM backend (vLLM, SGLang, llama.cpp …).

Each crop goes as a PNG data URL with its group's prompt, temperature 0. Requests are
dispatched largest-first within size buckets (so similar crops are in flight together) by a
pool of at most ``concurrency`` workers; each request has a timeout and is retried with
backoff on connection errors, timeouts, 429 and 5xx. Standard library only.
"""

from __future__ import annotations

import base64
import io
import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from docparse.options.vlm import VlmServerOptions
from docparse.vlm.backends import VlmBackendError, VlmRequest

_RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True, kw_only=True)
class ServerOptions(VlmServerOptions):
    """One server: where it is, which model, and the request settings (``ParseOptions.vlm.server``)."""

    url: str  # http://host:port or http://host:port/v1
    model: str | None = None  # None: the first model the server lists


def api_base(url: str) -> str:
    base = url.rstrip("/")
    return base if base.endswith("/v1") else base + "/v1"


def png_data_url(image: np.ndarray, max_side: int) -> str:
    from PIL import Image

    img = Image.fromarray(np.ascontiguousarray(image[..., :3]))
    scale = max_side / max(img.size)
    if scale < 1:
        img = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def chat_body(model: str, request: VlmRequest, options: ServerOptions) -> dict[str, object]:
    return {
        "model": model,
        "temperature": 0,
        "max_tokens": options.max_new_tokens,
        "messages": [{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": png_data_url(request.image, options.max_image_side)}},
            {"type": "text", "text": request.prompt},
        ]}],
    }


def completion_text(payload: dict[str, object]) -> str:
    try:
        choice = payload["choices"][0]  # type: ignore[index]
        content = choice["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise VlmBackendError(f"malformed completion: {str(payload)[:200]}") from exc
    if isinstance(content, list):  # some servers return content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str):
        raise VlmBackendError("completion content is not text")
    return content


@dataclass
class OpenAiServerBackend:
    options: ServerOptions
    name: str = "vlm-server"
    _model: str | None = field(default=None, init=False, repr=False)

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self.options.api_key:
            headers["Authorization"] = f"Bearer {self.options.api_key}"
        return headers

    def _call(self, method: str, path: str, body: dict[str, object] | None = None) -> dict[str, object]:
        """One HTTP exchange with retries; JSON in, JSON out."""
        url = api_base(self.options.url) + path
        data = json.dumps(body).encode() if body is not None else None
        last: Exception | None = None
        for attempt in range(self.options.retries + 1):
            if attempt:
                time.sleep(self.options.backoff_s * 2 ** (attempt - 1))
            req = urllib.request.Request(url, data=data, method=method, headers=self._headers())
            try:
                with urllib.request.urlopen(req, timeout=self.options.timeout_s) as resp:
                    return json.loads(resp.read().decode("utf-8"))
            except urllib.error.HTTPError as exc:
                last = exc
                if exc.code not in _RETRY_STATUS:
                    break
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                last = exc
            except ValueError as exc:  # not JSON
                raise VlmBackendError(f"{url}: response is not JSON") from exc
        raise VlmBackendError(f"{url}: {last}")

    def model_name(self) -> str:
        if self.options.model:
            return self.options.model
        if self._model is None:
            listing = self._call("GET", "/models")
            try:
                self._model = str(listing["data"][0]["id"])  # type: ignore[index]
            except (KeyError, IndexError, TypeError) as exc:
                raise VlmBackendError("server lists no models; pass a model name") from exc
        return self._model

    def read_one(self, request: VlmRequest) -> str:
        return completion_text(self._call("POST", "/chat/completions",
                                          chat_body(self.model_name(), request, self.options)))

    def read(self, requests: Sequence[VlmRequest]) -> list[str]:
        """All requests, at most ``concurrency`` in flight, larger crops first."""
        if not requests:
            return []
        order = sorted(range(len(requests)), key=lambda i: -requests[i].image.size)
        self.model_name()
        with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency)) as pool:
            futures = {i: pool.submit(self.read_one, requests[i]) for i in order}
            return [futures[i].result() for i in range(len(requests))]
