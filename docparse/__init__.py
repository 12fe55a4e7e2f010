"""docparse: PDFs (born-digital and scanned) to Markdown, tables, typed JSON and chart tables.

    >>> import docparse
    >>> doc = docparse.parse("report.pdf")
    >>> print(doc.to_markdown())
    >>> for region in doc.tables: region.table.to_dataframe()
"""

from __future__ import annotations

from typing import Iterator

from docparse.config import ParseOptions
from docparse.document import (
    Cell,
    Chart,
    Document,
    Page,
    PageIssue,
    Region,
    RegionGroup,
    RegionKind,
    Series,
    Table,
)
from docparse.errors import DocparseError, InputError, LimitExceeded, PasswordRequired
from docparse.pages.open import Source

__version__ = "0.1.0"


def _options(options: ParseOptions | None, kwargs: dict[str, object]) -> ParseOptions:
    if options is not None and kwargs:
        from docparse.errors import UsageError

        raise UsageError("pass either options= or keyword options, not both")
    return options or ParseOptions.from_kwargs(**kwargs)


def parse(source: Source, options: ParseOptions | None = None, **kwargs: object) -> Document:
    """Convert a PDF or image (path or bytes) into a :class:`Document`.

    Keyword options are the fields of the component options, e.g. ``pages="1-3"``,
    ``password="…"``, ``ocr="auto"``, ``dpi=200``, ``rasterizer="poppler"``.
    """
    from docparse.pipeline import convert

    return convert(source, _options(options, kwargs))


def iter_pages(source: Source, options: ParseOptions | None = None, **kwargs: object) -> Iterator[Page]:
    """Stream a long document page by page with flat memory."""
    from docparse.pipeline import iter_pages as _iter_pages

    return _iter_pages(source, _options(options, kwargs))


__all__ = [
    "Cell",
    "Chart",
    "DocparseError",
    "Document",
    "InputError",
    "LimitExceeded",
    "Page",
    "PageIssue",
    "ParseOptions",
    "PasswordRequired",
    "Region",
    "RegionGroup",
    "RegionKind",
    "Series",
    "Table",
    "__version__",
    "iter_pages",
    "parse",
]
