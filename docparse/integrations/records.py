"""What the framework loaders yield: text plus metadata, per chunk, per page or per document.

Metadata keys (plain values, lists of them, or lists of small dicts): ``source`` (the file),
``mode``; per chunk ``chunk_index``, ``tokens``, ``headings`` (list), ``heading_path`` (joined
with " > "), ``pages``, ``page`` (the first), ``region_ids``, ``boxes`` (``{"page", "bbox",
"id"}`` per region); per page ``page`` and ``page_count``; per document ``page_count`` and
``title``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, Union

from docparse.chunking import ChunkOptions, TokenizerSpec

if TYPE_CHECKING:
    from docparse.chunking import Chunk
    from docparse.config import ParseOptions
    from docparse.document import Document, Page

PathSpec = Union[str, Path, Sequence[Union[str, Path]]]


class LoadMode(str, Enum):
    CHUNKS = "chunks"  # one record per retrieval chunk (docparse.chunking)
    PAGES = "pages"  # one record per page (its Markdown)
    DOCUMENT = "document"  # one record per file (the whole Markdown)


@dataclass(frozen=True)
class LoadOptions:
    """How a loader cuts documents into records."""

    mode: LoadMode = LoadMode.CHUNKS
    chunks: ChunkOptions = field(default_factory=ChunkOptions)
    tokenizer: TokenizerSpec = None  # overrides chunks.tokenizer: a name, a path, a callable, a tokenizer

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", LoadMode(self.mode))


@dataclass(frozen=True)
class Record:
    text: str
    metadata: dict[str, Any]


def paths_of(spec: PathSpec) -> list[Path]:
    """One path, or several; a folder stands for the PDFs and images inside it (recursively)."""
    from docparse.options.batch import DOCUMENT_SUFFIXES

    items = [spec] if isinstance(spec, (str, Path)) else list(spec)
    out: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            out += sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            out.append(item)
    return out


def chunk_record(chunk: "Chunk") -> Record:
    return Record(chunk.text, {
        "source": chunk.source, "mode": LoadMode.CHUNKS.value, "chunk_index": chunk.index,
        "tokens": chunk.tokens, "headings": list(chunk.headings), "heading_path": " > ".join(chunk.headings),
        "pages": list(chunk.pages), "page": chunk.pages[0] if chunk.pages else None,
        "region_ids": chunk.region_ids,
        "boxes": [{"page": r.page, "bbox": list(r.bbox), "id": r.id} for r in chunk.regions],
    })


def page_record(page: "Page", document: "Document") -> Record:
    from docparse.document import ImageMode

    return Record(page.to_markdown(images=ImageMode.NONE), {
        "source": document.source, "mode": LoadMode.PAGES.value, "page": page.number,
        "page_count": len(document.pages)})


def document_records(document: "Document", options: LoadOptions) -> Iterator[Record]:
    from docparse.chunking import chunk_document
    from docparse.document import ImageMode

    if options.mode is LoadMode.CHUNKS:
        yield from (chunk_record(c) for c in chunk_document(document, options.chunks, options.tokenizer))
    elif options.mode is LoadMode.PAGES:
        yield from (page_record(page, document) for page in document.pages)
    else:
        yield Record(document.to_markdown(images=ImageMode.NONE), {
            "source": document.source, "mode": LoadMode.DOCUMENT.value, "page_count": len(document.pages),
            "title": document.metadata.title})


def load_records(paths: Iterable[Path], options: LoadOptions, parse: "ParseOptions | None" = None) -> Iterator[Record]:
    """Convert each file (one :class:`docparse.Converter`: models load once) and yield its records."""
    from docparse.converter import Converter

    converter = Converter(parse)
    for path in paths:
        document = converter.convert(path)
        document.source = str(path)
        yield from document_records(document, options)
