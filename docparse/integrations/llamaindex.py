"""LlamaIndex reader (``pip install 'docparse-pdf[llamaindex]'``).

    >>> from docparse.integrations.llamaindex import DocparseReader
    >>> docs = DocparseReader(max_tokens=256).load_data("report.pdf")   # one Document per chunk
    >>> SimpleDirectoryReader("pdfs/", file_extractor={".pdf": DocparseReader()})  # as a file reader
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from llama_index.core.readers.base import BaseReader
from llama_index.core.schema import Document as LlamaDocument

from docparse.chunking import ChunkOptions, TokenizerSpec
from docparse.integrations.records import LoadMode, LoadOptions, PathSpec, load_records, paths_of

if TYPE_CHECKING:
    from docparse.config import ParseOptions

__all__ = ["DocparseReader", "LoadMode"]

# metadata kept out of the embedded text and the LLM prompt (ids and boxes are for citations)
_NOT_EMBEDDED = ["region_ids", "boxes", "chunk_index", "tokens", "mode", "headings"]


class DocparseReader(BaseReader):
    """PDFs (and images) as LlamaIndex ``Document``s: one per chunk (``mode=LoadMode.CHUNKS``,
    the default), per page or per file, with docparse's metadata (see
    :mod:`docparse.integrations.records`); region ids and boxes are excluded from embeddings."""

    def __init__(self, *, mode: LoadMode = LoadMode.CHUNKS, max_tokens: int = 512,
                 tokenizer: TokenizerSpec = None, options: "ParseOptions | None" = None) -> None:
        self.load_options = LoadOptions(mode=mode, chunks=ChunkOptions(max_tokens=max_tokens), tokenizer=tokenizer)
        self.parse_options = options

    def lazy_load_data(self, file_path: PathSpec | None = None, extra_info: dict[str, Any] | None = None,
                       **kwargs: Any) -> Iterable[LlamaDocument]:
        """``file_path``: a file, a folder or a list of them (``file`` works too, as
        SimpleDirectoryReader passes it); ``extra_info`` is added to every record's metadata."""
        spec = file_path if file_path is not None else kwargs.get("file")
        if spec is None:
            raise TypeError("DocparseReader.load_data needs file_path")
        paths = [Path(str(spec))] if not isinstance(spec, (str, Path, list, tuple)) else paths_of(spec)
        for record in load_records(paths, self.load_options, self.parse_options):
            metadata = {**record.metadata, **(extra_info or {})}
            yield LlamaDocument(text=record.text, metadata=metadata, excluded_embed_metadata_keys=_NOT_EMBEDDED,
                                excluded_llm_metadata_keys=_NOT_EMBEDDED)

    def load_data(self, file_path: PathSpec | None = None, extra_info: dict[str, Any] | None = None,
                  **kwargs: Any) -> list[LlamaDocument]:
        return list(self.lazy_load_data(file_path, extra_info, **kwargs))
