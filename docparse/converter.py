"""A converter configured once and reused: models load once, then many documents convert.

    >>> converter = docparse.Converter(docparse.ParseOptions.from_kwargs(ocr="auto"))
    >>> doc = converter.convert("a.pdf")                  # a Document
    >>> for result in converter.convert_many(["b.pdf", "c.pdf"]):  # one ParseResult each, in order
    ...     print(result.input, result.status, result.error)
    >>> for page in converter.iter_pages("long.pdf"):     # flat memory on long documents
    ...     print(page.number, page.to_markdown())

The pipeline's components (OCR engine, layout and table-structure models, VLM backend) are
built by :func:`docparse.components.default_components` on first use and kept for the life of
the converter, like Docling's ``DocumentConverter``. :func:`docparse.parse` is the one-line path
(it builds a converter per call); :func:`docparse.parse_many` converts in parallel worker
processes, each with its own components. A converter is not thread-safe: use one per thread.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from docparse.config import ParseOptions
from docparse.document import Document, Page
from docparse.errors import DocparseError, LimitExceeded, UsageError
from docparse.pages.open import Source, source_name

if TYPE_CHECKING:
    from docparse.batch.api import ParseResult
    from docparse.components import Components
    from docparse.pipeline import Progress


class Converter:
    """Converts documents with one options tree and one set of loaded components."""

    def __init__(self, options: ParseOptions | None = None, components: "Components | None" = None,
                 **kwargs: object) -> None:
        """``options`` (or the keyword options of :func:`docparse.parse`, not both);
        ``components``: prebuilt pipeline components (tests inject fakes), else built lazily."""
        if options is not None and kwargs:
            raise UsageError("pass either options= or keyword options, not both")
        self._options = options or ParseOptions.from_kwargs(**kwargs)
        self._components = components

    @property
    def options(self) -> ParseOptions:
        return self._options

    @property
    def components(self) -> "Components":
        """The pipeline components, built on first use and reused for every document."""
        if self._components is None:
            from docparse.components import default_components

            self._components = default_components(self._options)
        return self._components

    def convert(self, source: Source, progress: "Progress | None" = None) -> Document:
        """One document (path or bytes); raises :class:`~docparse.errors.DocparseError` when it
        cannot be converted at all (a failed page is recorded on the page instead)."""
        if self._options.limits.isolate and self._components is None:  # a runaway native call is killed
            from docparse.isolate import convert_isolated

            return convert_isolated(source, self._options)
        from docparse.pipeline import convert

        return convert(source, self._options, self.components, progress=progress)

    def iter_pages(self, source: Source) -> Iterator[Page]:
        """Stream one document page by page (memory stays flat; joins across pages need
        :meth:`convert`)."""
        from docparse.pipeline import iter_pages

        return iter_pages(source, self._options, self.components)

    def convert_many(self, sources: Iterable[Source], raises_on_error: bool = False) -> Iterator["ParseResult"]:
        """Each input in turn, in this process, with the same loaded components: a
        :class:`~docparse.batch.api.ParseResult` per input, in input order. An input that fails
        yields a result with ``document=None`` and ``error`` (or raises, with
        ``raises_on_error``). For directories, archives and parallel workers use
        :func:`docparse.parse_many`."""
        for source in sources:
            yield self._result(source, raises_on_error)

    def _result(self, source: Source, raises_on_error: bool) -> "ParseResult":
        from docparse.batch.api import ParseResult
        from docparse.batch.manifest import Status

        name = str(Path(source)) if isinstance(source, (str, Path)) else source_name(source)
        start = time.perf_counter()
        try:
            document = self.convert(source)
        except DocparseError as exc:
            if raises_on_error:
                raise
            status = Status.LIMIT if isinstance(exc, LimitExceeded) else Status.FAILED
            return ParseResult(input=name, status=status, error=exc.one_line(),
                               seconds=time.perf_counter() - start)
        page_errors = tuple(f"page {i.page}: {i.message}".replace("\n", " ")
                            for page in document.pages for i in page.issues if i.fatal)
        return ParseResult(input=name, status=Status.PARTIAL if page_errors else Status.OK, document=document,
                           page_errors=page_errors, pages=len(document.pages),
                           seconds=time.perf_counter() - start)
