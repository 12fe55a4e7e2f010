"""Chunking options (retrieval-augmented generation): how ``Document.chunks`` and ``--format
chunks`` cut a document into pieces no longer than ``max_tokens``.

They change what is written, never what is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docparse.errors import UsageError


@dataclass(frozen=True)
class ChunkOptions:
    """Sizes of retrieval chunks and the rules that place their boundaries."""

    max_tokens: int = 512  # no chunk's text counts more tokens than this (for the tokenizer given)
    tokenizer: str | None = None  # Hugging Face tokenizer name or local path (offline); None: words
    heading_breaks: bool = True  # a heading starts a new chunk (sections are never mixed in one)
    repeat_table_header: bool = True  # each piece of a split table starts with the table's header rows
    max_header_share: float = 0.5  # header rows are repeated only while they take at most this share of max_tokens

    def __post_init__(self) -> None:
        if self.max_tokens < 8:
            raise UsageError(f"max_tokens must be >= 8, got {self.max_tokens}")
        if not 0.0 < self.max_header_share < 1.0:
            raise UsageError("max_header_share must be between 0 and 1")
