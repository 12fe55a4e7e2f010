"""Token counters: how long a chunk is, exactly as the caller's tokenizer counts it.

A counter is made from ``None`` (words: whitespace-separated, no download), a callable (text ->
an int, or -> a sequence of tokens), a tokenizer object (``tokenizers.Tokenizer`` or a
``transformers`` tokenizer), or a string: a local ``tokenizer.json`` file, a folder holding one,
or a Hugging Face model name already in the local cache. Nothing is ever downloaded: a name not
cached raises :class:`~docparse.errors.UsageError` saying how to fetch it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol, Union

from docparse.errors import UsageError


class TokenCounter(Protocol):
    @property
    def name(self) -> str: ...

    def count(self, text: str) -> int: ...


TokenizerSpec = Union[str, "os.PathLike[str]", Callable[[str], Any], TokenCounter, Any, None]


@dataclass(frozen=True)
class WordCounter:
    """Whitespace-separated words: the default, exact for itself and free of downloads."""

    name: str = "words"

    def count(self, text: str) -> int:
        return len(text.split())


@dataclass(frozen=True)
class CallableCounter:
    """A caller's function: returns the count, or the tokens (any sized sequence)."""

    function: Callable[[str], Any]
    name: str = "callable"

    def count(self, text: str) -> int:
        result = self.function(text)
        return int(result) if isinstance(result, int) else len(result)


@dataclass(frozen=True)
class TokenizersCounter:
    """A ``tokenizers.Tokenizer`` (special tokens such as [CLS]/[SEP] are not counted)."""

    tokenizer: Any
    name: str = "tokenizers"

    def count(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)


@dataclass(frozen=True)
class TransformersCounter:
    """A ``transformers`` tokenizer (special tokens not counted)."""

    tokenizer: Any
    name: str = "transformers"

    def count(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False))


def make_counter(spec: TokenizerSpec) -> TokenCounter:
    """The counter for ``spec`` (see the module docstring)."""
    if spec is None:
        return WordCounter()
    if isinstance(spec, (str, os.PathLike)):
        return load_tokenizer(str(spec))
    if hasattr(spec, "count") and hasattr(spec, "name") and not hasattr(spec, "encode"):
        return spec  # already a TokenCounter
    if _is_tokenizers(spec):
        return TokenizersCounter(spec, name=type(spec).__name__)
    if hasattr(spec, "encode") and hasattr(spec, "vocab_size"):
        return TransformersCounter(spec, name=str(getattr(spec, "name_or_path", "") or type(spec).__name__))
    if callable(spec):
        return CallableCounter(spec, name=getattr(spec, "__name__", "callable"))
    raise UsageError(f"tokenizer must be a name, a path, a callable or a tokenizer object, not {type(spec).__name__}")


def _is_tokenizers(obj: object) -> bool:
    return type(obj).__module__.split(".")[0] == "tokenizers"


def load_tokenizer(name: str) -> TokenCounter:
    """A local tokenizer file or folder, or a Hugging Face name from the local cache (offline):
    a cached ``tokenizer.json`` loads with ``tokenizers`` alone; other cached tokenizers need
    ``transformers``; a name not in the cache is refused at once."""
    path = Path(name).expanduser()
    file = path / "tokenizer.json" if path.is_dir() else path
    if file.is_file() and file.suffix == ".json":
        return _from_tokenizer_json(file, str(path))
    if not path.is_dir():
        cached = _cached(name, "tokenizer.json")
        if cached is not None:
            return _from_tokenizer_json(cached, name)
        if _cached(name, "tokenizer_config.json") is None:
            raise UsageError(f"tokenizer {name!r} is not available offline: docparse never downloads; fetch it "
                             "first (huggingface-cli download NAME) or pass a local path")
    try:
        from transformers import AutoTokenizer
    except ImportError:
        raise UsageError(f"tokenizer {name!r} has no tokenizer.json; loading it needs 'transformers' "
                         "(pip install transformers)") from None
    try:
        tokenizer = AutoTokenizer.from_pretrained(name, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise UsageError(f"tokenizer {name!r} cannot be loaded offline ({type(exc).__name__}); docparse never "
                         "downloads: fetch it first (huggingface-cli download NAME) or pass a local path") from None
    return TransformersCounter(tokenizer, name=name)


def _from_tokenizer_json(file: Path, name: str) -> TokenCounter:
    try:
        from tokenizers import Tokenizer
    except ImportError:
        raise UsageError("a tokenizer.json needs the 'tokenizers' package (pip install tokenizers)") from None
    return TokenizersCounter(Tokenizer.from_file(str(file)), name=name)


def _cached(name: str, filename: str) -> Path | None:
    """``filename`` of the Hugging Face repo ``name`` in the local cache, or None."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    try:
        found = try_to_load_from_cache(name, filename)
    except ValueError:  # not a valid repo id
        return None
    return Path(found) if isinstance(found, str) else None
