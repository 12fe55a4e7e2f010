"""LangChain document loader (``pip install 'docparse-pdf[langchain]'``).

    >>> from docparse.integrations.langchain import DocparseLoader
    >>> docs = DocparseLoader("report.pdf", max_tokens=256).load()   # one Document per chunk
    >>> docs[0].metadata["heading_path"], docs[0].metadata["pages"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from langchain_core.document_loaders import BaseLoader
from langchain_core.documents import Document as LangChainDocument

from docparse.chunking import ChunkOptions, TokenizerSpec
from docparse.integrations.records import LoadMode, LoadOptions, PathSpec, load_records, paths_of

if TYPE_CHECKING:
    from docparse.config import ParseOptions

__all__ = ["DocparseLoader", "LoadMode"]


class DocparseLoader(BaseLoader):
    """PDFs (and images) as LangChain ``Document``s: one per chunk (``mode=LoadMode.CHUNKS``, the
    default), per page (``PAGES``) or per file (``DOCUMENT``), with docparse's metadata (source,
    pages, heading path, region ids and boxes; see :mod:`docparse.integrations.records`).
    ``file_path`` is a file, a folder or a list of them; ``options`` are docparse's
    :class:`~docparse.ParseOptions`."""

    def __init__(self, file_path: PathSpec, *, mode: LoadMode = LoadMode.CHUNKS, max_tokens: int = 512,
                 tokenizer: TokenizerSpec = None, options: "ParseOptions | None" = None) -> None:
        self.paths = paths_of(file_path)
        self.load_options = LoadOptions(mode=mode, chunks=ChunkOptions(max_tokens=max_tokens), tokenizer=tokenizer)
        self.parse_options = options

    def lazy_load(self) -> Iterator[LangChainDocument]:
        for record in load_records(self.paths, self.load_options, self.parse_options):
            yield LangChainDocument(page_content=record.text, metadata=record.metadata)
