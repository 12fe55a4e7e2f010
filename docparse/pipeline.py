"""The conversion pipeline, in the order a page travels through it.

    open → context pre-pass → per page: analyze → prepare text (OCR decision)
         → classify (structural, chart, semantic) → read each region with its group's reader
         → reading order → document assembly → (renderers, outside this module)

Every stage is a small component chosen in :mod:`docparse.components`; tests inject fakes.
A reader that fails on one region costs that region's content (a page warning); a page that
fails or runs out of time is recorded as a fatal page issue and the other pages still convert.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from docparse.assembly.document import assemble_document
from docparse.assembly.page import build_page, failed_page
from docparse.components import Components, default_components
from docparse.config import ParseOptions
from docparse.document import Document, IssueStage, Page, PageIssue
from docparse.errors import DocparseError, PageFailed, UsageError, one_line_message, own_cause
from docparse.pages.budget import StreamCensus
from docparse.pages.context import build_context, read_metadata
from docparse.pages.document_context import DocumentContext
from docparse.pages.limits import FileDeadline, page_deadline
from docparse.pages.open import OpenedDocument, Source, open_document
from docparse.pages.textlayer import analyze_page
from docparse.readers.base import RegionContent, read_all
from docparse.regions.base import RegionProposal
from docparse.renderers.images import DocumentOrigin

if TYPE_CHECKING:
    import numpy as np

    from docparse.pages.analysis import Line, PageAnalysis

Progress = Callable[[int, int], None]  # (pages done, pages total)
Render = Callable[[int, int], "np.ndarray"]  # (page number, dpi) -> RGB image


def convert(
    source: Source,
    options: ParseOptions | None = None,
    components: Components | None = None,
    progress: Progress | None = None,
) -> Document:
    """Convert a whole document: pages, then document-level assembly."""
    options = options or ParseOptions()
    components = components or default_components(options)
    with open_document(source, options.open, options.limits.max_image_pixels,
                       max_object_stream_bytes=options.limits.max_object_stream_bytes) as opened:
        metadata = read_metadata(opened)
        pages = list(_convert_pages(opened, options, components, progress))
    document = Document(source=opened.name, metadata=metadata, pages=pages,
                        issues=[PageIssue(stage=IssueStage.OPEN, message=w) for w in opened.warnings])
    document = assemble_document(document, options.assembly, options.blocks)
    document.attach_origin(DocumentOrigin.of(source, options.open))  # region.image() renders from it
    return document


def iter_pages(
    source: Source, options: ParseOptions | None = None, components: Components | None = None
) -> Iterator[Page]:
    """Stream pages one at a time (memory stays flat on long PDFs).

    Page-level assembly and running header/footer removal apply; joins across pages
    (split paragraphs, continued tables) need :func:`convert`.
    """
    options = options or ParseOptions()
    components = components or default_components(options)
    origin = DocumentOrigin.of(source, options.open)
    with open_document(source, options.open, options.limits.max_image_pixels,
                       max_object_stream_bytes=options.limits.max_object_stream_bytes) as opened:
        for page in _convert_pages(opened, options, components):
            page.attach_origin(origin)
            yield page


def _convert_pages(
    opened: OpenedDocument,
    options: ParseOptions,
    components: Components,
    progress: Progress | None = None,
) -> Iterator[Page]:
    numbers = _page_numbers(opened, options)
    line_cache: dict[int, list[Line]] = {}  # pre-pass lines, handed over (and freed) page by page
    deadline = FileDeadline.start(options.limits.file_timeout_s)  # pages past it are recorded, not run
    census = StreamCensus(opened.doc, options.limits)  # stream sizes measured once per document
    context = deadline.run(lambda: build_context(opened, options, line_cache, census),
                           source=opened.name, stage="during the document pre-pass")
    rasterizer = components.rasterizer(opened.doc)
    for done, number in enumerate(numbers, start=1):
        cached = line_cache.pop(number, None)
        if deadline.expired():
            yield failed_page(opened.doc, number, deadline.error(source=opened.name, page=number))
        else:
            timeout = deadline.page_seconds(options.limits.page_timeout_s)
            yield _convert_page(opened, number, context, rasterizer.render, options, components, cached, timeout,
                                census)
        if progress is not None:
            progress(done, len(numbers))


def convert_page_range(
    opened: OpenedDocument, numbers: list[int], context: DocumentContext, options: ParseOptions,
    components: Components,
) -> list[Page]:
    """Pages ``numbers`` of an open document, with the document pre-pass computed elsewhere and
    shared (page fan-out, :mod:`docparse.batch.fanout`); document assembly is left to the caller."""
    rasterizer = components.rasterizer(opened.doc)
    census = StreamCensus(opened.doc, options.limits)
    return [_convert_page(opened, number, context, rasterizer.render, options, components, None,
                          options.limits.page_timeout_s, census) for number in numbers]


def document_pre_pass(opened: OpenedDocument, options: ParseOptions) -> tuple[list[int], DocumentContext]:
    """The pages to convert and the document context (font statistics, running headers), once."""
    census = StreamCensus(opened.doc, options.limits)
    return _page_numbers(opened, options), build_context(opened, options, {}, census)


def _page_numbers(opened: OpenedDocument, options: ParseOptions) -> list[int]:
    """The pages to convert. Asked-for pages the document lacks are a :class:`UsageError` when
    none of them exists, and a document warning when only some are missing."""
    count = min(opened.page_count, options.open.max_pages)
    if options.pages is None:
        return list(range(1, count + 1))
    numbers = [n for n in options.pages if 1 <= n <= count]
    missing = [n for n in options.pages if not 1 <= n <= count]
    if missing:
        what = f"{_pages_text(missing)} not in the document ({_count_text(opened.page_count, count)})"
        if not numbers:
            raise UsageError(f"nothing to convert: {what}", source=opened.name)
        opened.warnings.append(f"{what}: converted the others")
    return numbers


def _pages_text(numbers: list[int]) -> str:
    """``page 9``, ``pages 5-9`` (a run) or ``pages 7,9``."""
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}-{numbers[-1]}"
    return "pages " + ",".join(str(n) for n in numbers)


def _count_text(pages: int, allowed: int) -> str:
    """``4 pages``, or ``4 pages, 2 with the max_pages limit``."""
    text = f"{pages} page" + ("s" if pages != 1 else "")
    return text if allowed == pages else f"{text}, {allowed} with the max_pages limit"


def _convert_page(opened: OpenedDocument, number: int, context: DocumentContext, render: Render, options: ParseOptions,
                  components: Components, lines: list[Line] | None = None, timeout: float | None = None,
                  census: StreamCensus | None = None) -> Page:
    deadline = page_deadline(timeout, source=opened.name, page=number)  # works in any thread
    try:
        return deadline.run(lambda: _page_stages(opened, number, context, render, options, components, lines,
                                                 deadline.check, census))
    except DocparseError as exc:
        exc.source = exc.source or opened.name
        exc.page = exc.page or number
        return failed_page(opened.doc, number, exc)
    except Exception as exc:  # noqa: BLE001 - one broken page must not lose the document
        own = own_cause(exc) or PageFailed(one_line_message(exc), source=opened.name, page=number)
        return failed_page(opened.doc, number, own)


def _page_stages(opened: OpenedDocument, number: int, context: DocumentContext, render: Render, options: ParseOptions,
                 components: Components, lines: list[Line] | None, check: Callable[[], None],
                 census: StreamCensus | None = None) -> Page:
    """One page through the stages; ``check`` stops it at a stage boundary once its deadline passed."""
    pdf_page = opened.doc.load_page(number - 1)
    analysis = analyze_page(pdf_page, number, lambda dpi: render(number, dpi), lines=lines,
                            max_content_bytes=options.limits.max_content_bytes,
                            max_image_pixels=options.limits.max_image_pixels, census=census)
    check()
    analysis = components.text_source.prepare(analysis)
    check()
    proposals = classify(analysis, context, components)
    check()
    contents = read_all(components.readers, proposals, analysis)
    check()
    page = build_page(analysis, proposals, contents, components.reading_order)
    analysis.release()
    return page


def classify(
    analysis: PageAnalysis, context: DocumentContext, components: Components
) -> list[RegionProposal]:
    """Run the classifiers in order (structural, chart, semantic); each sees earlier claims."""
    proposals: list[RegionProposal] = []
    for classifier in components.classifiers:
        proposals.extend(classifier.classify(analysis, context, proposals))
    return proposals


__all__ = ["classify", "convert", "iter_pages", "RegionContent"]
