"""Where a region crop is read: the project's checkpoint, a local Hugging Face
image-text-to-text checkpoint, or an OpenAI-compatible server (:mod:`docparse.vlm.http`).

A backend reads a list of requests and returns one string per request (or raises
:class:`VlmBackendError`); validating what comes back is the reader's job. Models load
lazily on the first request, from local files only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Sequence

import numpy as np

from docparse.errors import UsageError
from docparse.options.vlm import LocalModelOptions, VlmServerOptions

if TYPE_CHECKING:
    from docparse.vlm.runner import LoadedCheckpoint


class VlmBackendError(RuntimeError):
    """The backend could not answer (server down, timeout, model failure)."""


@dataclass
class VlmRequest:
    image: np.ndarray  # H×W×3 uint8 crop
    group: str  # semantic | structural | chart
    task: str  # text | table | chart | summary
    prompt: str


class VlmBackend(Protocol):
    name: str

    def read(self, requests: Sequence[VlmRequest]) -> list[str]: ...


@dataclass
class CheckpointBackend:
    """The project's grouped-projection checkpoint (``model_type: docparse-vlm``)."""

    path: Path
    options: LocalModelOptions = field(default_factory=LocalModelOptions)
    name: str = "vlm"
    _loaded: "LoadedCheckpoint | None" = field(default=None, init=False, repr=False)

    def load(self) -> "LoadedCheckpoint":
        """Load the model now (otherwise on the first request)."""
        if self._loaded is None:
            from docparse.vlm.runner import load_checkpoint

            self._loaded = load_checkpoint(self.path, self.options.int8, self.options.threads)
        return self._loaded

    def read(self, requests: Sequence[VlmRequest]) -> list[str]:
        from docparse.vlm.runner import generate_texts

        ck = self.load()
        items = [(r.image, r.group, r.task if r.task != "summary" else "text") for r in requests]
        try:
            return generate_texts(ck.model, ck.tokenizer, items, ck.images, self.options.max_new_tokens,
                                  max_tokens=self.options.max_tokens, max_batch=self.options.max_batch)
        except RuntimeError as exc:
            raise VlmBackendError(f"checkpoint {self.path}: {exc}") from exc


@dataclass
class HfImageTextBackend:
    """Any local transformers image-text-to-text checkpoint (e.g. a Qwen2-VL-family document
    model): chat template with the crop and the group's prompt, greedy decoding."""

    path: Path
    options: LocalModelOptions = field(default_factory=LocalModelOptions)
    name: str = "hf-vlm"
    _model: object = field(default=None, init=False, repr=False)
    _processor: object = field(default=None, init=False, repr=False)

    def _load(self) -> tuple[object, object]:
        if self._model is None:
            import torch
            from transformers import AutoModelForImageTextToText, AutoProcessor

            if self.options.threads is not None:
                torch.set_num_threads(self.options.threads)
            self._processor = AutoProcessor.from_pretrained(str(self.path), local_files_only=True)
            self._model = AutoModelForImageTextToText.from_pretrained(
                str(self.path), local_files_only=True).eval()
        return self._model, self._processor

    def read(self, requests: Sequence[VlmRequest]) -> list[str]:
        return [self._read_one(r) for r in requests]

    def _read_one(self, request: VlmRequest) -> str:
        import torch
        from PIL import Image

        model, processor = self._load()
        messages = [{"role": "user", "content": [{"type": "image"},
                                                 {"type": "text", "text": request.prompt}]}]
        prompt = processor.apply_chat_template(messages, add_generation_prompt=True)  # type: ignore[attr-defined]
        inputs = processor(images=[Image.fromarray(request.image)], text=[prompt],  # type: ignore[operator]
                           return_tensors="pt")
        try:
            with torch.no_grad():
                out = model.generate(**inputs, max_new_tokens=self.options.max_new_tokens,  # type: ignore[attr-defined]
                                     do_sample=False)
        except RuntimeError as exc:
            raise VlmBackendError(f"{self.path}: {exc}") from exc
        new = out[0, inputs["input_ids"].shape[1]:]
        return processor.decode(new, skip_special_tokens=True)  # type: ignore[attr-defined]


def make_backend(model_path: str | None, server_url: str | None,
                 local: LocalModelOptions | None = None, server: VlmServerOptions | None = None) -> VlmBackend:
    """The server when a URL is given (``model_path`` then names the served model, else the
    server's first listed model is used), else the checkpoint at ``model_path`` (ours or HF).
    ``local`` tunes a checkpoint, ``server`` the requests (``ParseOptions.vlm.local``/``.server``)."""
    local = local or LocalModelOptions()
    if server_url:
        from docparse.vlm.http import OpenAiServerBackend, ServerOptions

        if not server_url.startswith(("http://", "https://")):
            raise UsageError(f"--vlm-server must be an http(s) URL, got {server_url!r}")
        tuning = {f.name: getattr(server, f.name) for f in fields(VlmServerOptions)} if server else {}
        return OpenAiServerBackend(ServerOptions(url=server_url, model=model_path or None, **tuning))
    if not model_path:
        raise UsageError("--reader vlm needs --vlm-model PATH or --vlm-server URL")
    path = Path(model_path)
    if not (path / "config.json").is_file():
        raise UsageError(f"{path}: not a model directory (no config.json); models load from local paths only")
    from docparse.vlm.runner import is_own_checkpoint

    if is_own_checkpoint(path):
        return CheckpointBackend(path, local)
    return HfImageTextBackend(path, local)
