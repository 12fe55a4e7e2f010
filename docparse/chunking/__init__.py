"""Chunks for retrieval-augmented generation: ``Document.chunks(max_tokens=..., tokenizer=...)``.

Structure-aware: a chunk never mixes two sections (a heading starts one), and never cuts a
sentence, a list item or a table row unless that one piece alone is longer than ``max_tokens``;
a table too long for one chunk repeats its header rows in each piece. Each chunk carries its
heading path, pages, the boxes of its regions and their ids. Token counts are exact for the
tokenizer given (see :mod:`docparse.chunking.tokens`); the default counts words.

    >>> for chunk in doc.chunks(max_tokens=256, tokenizer="BAAI/bge-small-en-v1.5"):
    ...     print(chunk.headings, chunk.pages, chunk.tokens, chunk.text[:60])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docparse.chunking.model import Chunk, ChunkRegion
from docparse.chunking.tokens import TokenCounter, TokenizerSpec, make_counter
from docparse.options.chunking import ChunkOptions

if TYPE_CHECKING:
    from pathlib import Path

    from docparse.document import Document

__all__ = ["Chunk", "ChunkOptions", "ChunkRegion", "TokenCounter", "TokenizerSpec", "chunk_document", "chunks_jsonl",
           "make_counter", "write_chunks"]


def chunk_document(document: "Document", options: ChunkOptions | None = None,
                   tokenizer: TokenizerSpec = None) -> list[Chunk]:
    """``document``'s body as chunks; ``tokenizer`` (a name, path, callable or tokenizer object)
    overrides ``options.tokenizer``."""
    from docparse.chunking.blocks import document_blocks
    from docparse.chunking.packer import pack

    options = options or ChunkOptions()
    counter = make_counter(tokenizer if tokenizer is not None else options.tokenizer)
    return pack(document_blocks(document), counter, options, source=document.source)


def chunks_jsonl(chunks: list[Chunk]) -> str:
    """One JSON object a line (the ``--format chunks`` output)."""
    return "".join(chunk.to_json() + "\n" for chunk in chunks)


def write_chunks(document: "Document", out_dir: "Path", stem: str, options: ChunkOptions) -> "Path":
    """``OUT/<stem>.chunks.jsonl`` (written atomically)."""
    from docparse.renderers.files import write_atomic

    path = out_dir / f"{stem}.chunks.jsonl"
    write_atomic(path, chunks_jsonl(chunk_document(document, options)))
    return path
