"""docparse: PDFs (born-digital and scanned) to Markdown, tables, typed JSON and chart tables.

    >>> import docparse
    >>> doc = docparse.parse("report.pdf")
    >>> print(doc.to_markdown())
    >>> for region in doc.tables: region.table.to_dataframe()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from docparse.config import DocparseOptions, ParseOptions
from docparse.converter import Converter
from docparse.document import (
    Cell,
    Chart,
    Document,
    ImageMode,
    Page,
    PageIssue,
    Region,
    RegionGroup,
    RegionKind,
    Series,
    Table,
)
from docparse.errors import DocparseError, InputError, LimitExceeded, PageTimeout, PasswordRequired, UsageError
from docparse.pages.open import Source

if TYPE_CHECKING:
    import pandas as pd

    from docparse.batch.api import ParseResult, TableFrame
    from docparse.chunking import Chunk
    from docparse.options.summary import SummaryOptions
    from docparse.renderers.summary import DocumentSummary, Summarizer

__version__ = "0.1.0"

_LAZY = {  # light at ``import docparse``: these load on first use
    "Chunk": "docparse.chunking",
    "DocumentSummary": "docparse.renderers.summary",
    "ParseResult": "docparse.batch.api",
    "TableFrame": "docparse.batch.api",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'docparse' has no attribute {name!r}")


def _options(options: ParseOptions | None, kwargs: dict[str, object]) -> ParseOptions:
    if options is not None and kwargs:
        raise UsageError("pass either options= or keyword options, not both")
    return options or ParseOptions.from_kwargs(**kwargs)


def parse(source: Source, options: ParseOptions | None = None, **kwargs: object) -> Document:
    """Convert a PDF or image (path or bytes) into a :class:`Document`.

    Keyword options are the fields of the component options, e.g. ``pages="1-3"``,
    ``password="…"``, ``ocr="auto"``, ``dpi=200``, ``rasterizer="poppler"``. To convert many
    documents with the models loaded once, use a :class:`Converter`.
    """
    return Converter(_options(options, kwargs)).convert(source)


def iter_pages(source: Source, options: ParseOptions | None = None, **kwargs: object) -> Iterator[Page]:
    """Stream a long document page by page with flat memory."""
    return Converter(_options(options, kwargs)).iter_pages(source)


def parse_many(
    inputs: Iterable[Source],
    options: ParseOptions | None = None,
    *,
    workers: int | None = None,
    file_timeout: float | None = None,
    ray: bool = False,
    ray_address: str | None = None,
    **kwargs: object,
) -> Iterator["ParseResult"]:
    """Convert many inputs in parallel; yield a :class:`ParseResult` per document as it finishes.

    ``inputs`` are paths (files, directories searched recursively, ``.zip``/``.tar(.gz)`` archives)
    or bytes. ``workers`` defaults to all cores; ``file_timeout`` (seconds) kills a worker stuck
    on one file; ``ray=True`` runs on Ray (``ray_address`` for a cluster). Keyword options are
    those of :func:`parse`. A bad input yields a result with ``document=None`` and ``error``.

        >>> for result in docparse.parse_many(["reports/", "archive.zip"], workers=4):
        ...     print(result.input, result.status, result.error or len(result.document.pages))
    """
    from docparse.batch.api import parse_many as _parse_many
    from docparse.batch.runner import default_workers

    return _parse_many(inputs, _options(options, kwargs), workers=workers or default_workers(),
                       file_timeout_s=file_timeout, ray=ray or ray_address is not None, ray_address=ray_address)


def collect_tables(items: Iterable["Document | ParseResult"], fill_merged: bool = False,
                   numeric: bool = False) -> list["TableFrame"]:
    """All tables of a batch as DataFrames with provenance (``file``, ``page``, ``table_id``);
    ``numeric``: numbers as floats, empty cells NaN (see :meth:`Table.to_dataframe`)."""
    from docparse.batch.api import collect_tables as _collect_tables

    return _collect_tables(items, fill_merged=fill_merged, numeric=numeric)


def tables_long_frame(items: Iterable["Document | ParseResult"]) -> "pd.DataFrame":
    """All cells of all tables of a batch in one long DataFrame (file, page, table_id, row, col, …)."""
    from docparse.batch.api import tables_long_frame as _tables_long_frame

    return _tables_long_frame(items)


def summarize(document: Document, summarizer: "Summarizer | None" = None,
              options: "SummaryOptions | None" = None) -> "DocumentSummary":
    """The JSON summary of a document: extractive (offline) unless a ``summarizer`` is given, e.g.
    ``docparse.renderers.summary.ChatCompletionsSummarizer(server_url)`` for an abstractive one.
    ``options``: language and document-type thresholds (``ParseOptions.output.summary``)."""
    from docparse.renderers.summary import summarize_document

    return summarize_document(document, summarizer, options)


__all__ = [
    "Cell",
    "Chart",
    "Chunk",
    "Converter",
    "DocparseError",
    "DocparseOptions",
    "Document",
    "DocumentSummary",
    "ImageMode",
    "InputError",
    "LimitExceeded",
    "Page",
    "PageIssue",
    "PageTimeout",
    "ParseOptions",
    "ParseResult",
    "PasswordRequired",
    "Region",
    "RegionGroup",
    "RegionKind",
    "Series",
    "Table",
    "TableFrame",
    "UsageError",
    "__version__",
    "collect_tables",
    "iter_pages",
    "parse",
    "parse_many",
    "summarize",
    "tables_long_frame",
]
