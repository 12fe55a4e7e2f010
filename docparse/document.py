"""The typed document model: what every reader produces and every renderer consumes.

Coordinates are PDF points with the origin at the top-left of the page (PyMuPDF's
convention), boxes are ``[x0, y0, x1, y1]``. Ids are paths: ``/page/3/table/2`` is the
second table on page 3 (both 1-based). The JSON schema of :class:`Document` is exported to
``docparse/schema/document.schema.json`` (see ``python -m docparse.schema``).
"""

from __future__ import annotations

import io
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterator

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from docparse.geometry import BBox

if TYPE_CHECKING:  # pandas is imported lazily: the CLI must start fast
    import pandas as pd
    from PIL import Image

    from docparse.chunking import Chunk, ChunkOptions, TokenizerSpec
    from docparse.pages.open import Source
    from docparse.renderers.images import DocumentOrigin

SCHEMA_VERSION = "1.0"


class RegionGroup(str, Enum):
    """The three groups a region classifier splits a page into."""

    SEMANTIC = "semantic"
    STRUCTURAL = "structural"
    CHART = "chart"


class TableStyle(str, Enum):
    """How a table is drawn: the detector's finding, which the grid reader follows."""

    RULED = "ruled"  # a grid of ruling lines
    BOOKTABS = "booktabs"  # horizontal rules only
    BORDERLESS = "borderless"  # aligned text, no rules
    IMAGE = "image"  # a picture of a table (read by the table-structure model)


class RegionKind(str, Enum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    CAPTION = "caption"
    FOOTNOTE = "footnote"
    PAGE_HEADER = "page_header"
    PAGE_FOOTER = "page_footer"
    PAGE_NUMBER = "page_number"
    FORMULA = "formula"
    CODE = "code"
    TABLE = "table"
    CHART = "chart"
    FIGURE = "figure"

    @property
    def group(self) -> RegionGroup:
        return KIND_GROUP[self]

    @property
    def is_furniture(self) -> bool:
        """Running page furniture: kept in JSON, left out of the body."""
        return self in (RegionKind.PAGE_HEADER, RegionKind.PAGE_FOOTER, RegionKind.PAGE_NUMBER)


KIND_GROUP: dict[RegionKind, RegionGroup] = {
    **{k: RegionGroup.SEMANTIC for k in RegionKind},
    RegionKind.TABLE: RegionGroup.STRUCTURAL,
    RegionKind.CHART: RegionGroup.CHART,
    RegionKind.FIGURE: RegionGroup.CHART,
}


class ImageMode(str, Enum):
    """How figures and charts appear in the Markdown (``ImageOptions.mode``, ``--images``)."""

    NONE = "none"  # no image files, no image links
    REFERENCED = "referenced"  # PNG files under OUT/<stem>/figures/, linked by relative path
    EMBEDDED = "embedded"  # PNG bytes inline as base64 data URLs (no image files)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class TextRun(_Model):
    """A stretch of text with one style, as the PDF draws it."""

    text: str
    bold: bool = False
    italic: bool = False
    monospace: bool = False
    superscript: bool = False
    latex: str | None = Field(default=None, description="Inline math rebuilt as LaTeX (the run is math; text keeps the glyphs)")


class Cell(_Model):
    row: int = Field(ge=0)
    col: int = Field(ge=0)
    rowspan: int = Field(default=1, ge=1)
    colspan: int = Field(default=1, ge=1)
    is_header: bool = False
    text: str = ""
    bbox: BBox | None = None


class Table(_Model):
    n_rows: int = Field(ge=0)
    n_cols: int = Field(ge=0)
    cells: list[Cell] = Field(default_factory=list)
    header_rows: int = Field(default=0, ge=0, description="Leading rows that are column headers.")
    style: str | None = Field(default=None, description="ruled, booktabs, borderless, image")
    continued_on_pages: list[int] = Field(
        default_factory=list, description="Later pages this table was merged from."
    )

    @property
    def has_spans(self) -> bool:
        return any(c.rowspan > 1 or c.colspan > 1 for c in self.cells)

    def grid(self, fill_merged: bool = False) -> list[list[str]]:
        """The table as a rectangular list of rows; merged areas empty or filled."""
        from docparse.renderers.tables import table_grid

        return table_grid(self, fill_merged=fill_merged)

    def to_html(self) -> str:
        """The table as an HTML ``<table>``: header rows in ``<thead>``, spans as rowspan/colspan."""
        from docparse.renderers.tables import table_to_html

        return table_to_html(self)

    def to_markdown(self) -> str:
        """The table as a GitHub Markdown pipe table, or as HTML (:meth:`to_html`) when cells span."""
        from docparse.renderers.tables import table_to_markdown

        return table_to_markdown(self)

    def to_csv(self, fill_merged: bool = False) -> str:
        """The table as CSV text, one line per row; ``fill_merged`` repeats a merged cell's text in
        every slot it covers (else those slots are empty)."""
        from docparse.renderers.tables import table_to_csv

        return table_to_csv(self, fill_merged=fill_merged)

    def to_dataframe(self, fill_merged: bool = False, index_cols: int = 0, numeric: bool = False) -> "pd.DataFrame":
        """The table as a pandas DataFrame: header rows become the columns (a MultiIndex when
        there are several). ``fill_merged`` repeats a merged cell's text in every slot it covers;
        ``index_cols`` leading columns become the row index. Cell texts stay strings unless
        ``numeric``: then a column whose cells are all numbers (``18,870``, ``(1,234)``, ``12.5%``,
        ``$1,200``) holds floats, its unit goes into its name (``Growth (%)``) and into
        ``frame.attrs["units"]``, and empty cells are NaN."""
        from docparse.renderers.tables import table_to_dataframe

        return table_to_dataframe(self, fill_merged=fill_merged, index_cols=index_cols, numeric=numeric)


class ChartSource(str, Enum):
    """Which chart reader recovered the values (written to ``Chart.source``)."""

    VECTOR = "vector"  # drawings and the text layer
    RASTER = "raster"  # pixels (embedded images, scans) and OCR


class ChartType(str, Enum):
    BAR = "bar"
    HORIZONTAL_BAR = "horizontal_bar"
    STACKED_BAR = "stacked_bar"
    LINE = "line"
    SCATTER = "scatter"
    PIE = "pie"
    AREA = "area"
    UNKNOWN = "unknown"


class Series(_Model):
    name: str
    values: list[float | None]
    color: str | None = Field(default=None, description="#rrggbb of the marks, when known")


class Chart(_Model):
    type: ChartType = ChartType.UNKNOWN
    title: str | None = None
    x_label: str | None = None
    y_label: str | None = None
    x_unit: str | None = None
    y_unit: str | None = None
    categories: list[str] = Field(default_factory=list)
    series: list[Series] = Field(default_factory=list)
    source: str | None = Field(default=None, description="reader that produced the values")

    def to_dataframe(self) -> "pd.DataFrame":
        """The chart's values as a pandas DataFrame: one column per series, the categories (x
        values) as the index named after the x axis; a value that was not read is NaN."""
        import pandas as pd

        data = {s.name: s.values for s in self.series}
        index = pd.Index(self.categories, name=self.x_label or "category")
        return pd.DataFrame(data, index=index if len(self.categories) else None)

    def to_csv(self) -> str:
        buf = io.StringIO()
        self.to_dataframe().to_csv(buf)
        return buf.getvalue()


class Region(_Model):
    id: str = Field(description="Path id such as /page/3/table/2")
    group: RegionGroup
    kind: RegionKind
    bbox: BBox
    page: int = Field(ge=1)
    order: int = Field(default=-1, description="Reading-order index on the page; -1 for furniture")
    text: str = ""
    runs: list[TextRun] = Field(default_factory=list)
    level: int | None = Field(default=None, description="Heading level (1 = title) or list depth")
    font_size: float | None = Field(default=None, description="Dominant font size in points")
    caption_id: str | None = Field(default=None, description="Caption region of a table/figure")
    caption_of: str | None = Field(default=None, description="Table/figure a caption belongs to")
    continues: str | None = Field(
        default=None, description="Id of the region this one continues (a split paragraph)"
    )
    table: Table | None = None
    chart: Chart | None = None
    latex: str | None = Field(default=None, description="A formula region's LaTeX (equation number as \\tag{n})")
    source: str = Field(default="text_layer", description="Reader that produced the content")
    confidence: float | None = None
    image_path: str | None = Field(
        default=None, description="Figure/chart image written with the outputs, relative to the .md/.json files")
    _origin: Any = PrivateAttr(default=None)  # DocumentOrigin: the input, to render the region again
    _page_frame: "PageFrame | None" = PrivateAttr(default=None)  # its page's box frame, for crops

    @property
    def origin(self) -> "DocumentOrigin | None":
        """The input this region was parsed from (None when loaded from JSON)."""
        return self._origin  # type: ignore[no-any-return]

    @property
    def page_frame(self) -> "PageFrame | None":
        """The frame of its page's boxes (how its box maps onto the rendered PDF page)."""
        return self._page_frame

    def image(self, dpi: int | None = None, source: "Source | None" = None) -> "Image.Image":
        """The region cropped from its page as a PIL image, rendered at ``dpi`` (default
        ``ImageOptions.dpi``) from the PDF it was parsed from, or from ``source`` (a path or
        bytes) for a document loaded from JSON."""
        from docparse.renderers.images import region_image

        return region_image(self, dpi, source)


class IssueStage(str, Enum):
    """Where in the pipeline a page issue arose."""

    OPEN = "open"  # opening the file (repairs, skipped parts)
    ANALYSIS = "analysis"  # reading the page: text layer, OCR, images
    READ = "read"  # a region's reader failed (the region is kept, empty)
    CONVERT = "convert"  # an unexpected error stopped the page


class PageIssue(_Model):
    """A per-page error or warning record: conversion goes on."""

    page: int | None = None
    stage: str  # an IssueStage value, or the error's class name (PageTimeout, …) for a failed page
    message: str
    fatal: bool = False


class PageFrame(_Model):
    """The frame a page's region boxes are in, against the page as a viewer renders it (the PDF's
    /Rotate applied). Text-layer boxes are in the unrotated page space (``turns`` = /Rotate / 90);
    OCR boxes are in the rendered page turned upright by OCR's orientation correction."""

    turns: int = Field(default=0, ge=0, le=3, description=(
        "Counter-clockwise quarter turns from the rendered page to the frame the boxes are in"))
    width: float = Field(default=0.0, ge=0, description="Width of the box frame in points (0: not known)")
    height: float = Field(default=0.0, ge=0, description="Height of the box frame in points (0: not known)")
    shown_turns: int = Field(default=0, ge=0, le=3, description=(
        "Counter-clockwise quarter turns from the box frame to the orientation crops and overlays are "
        "shown in: back to the rendered page for text-layer pages, none for OCR pages (read upright)"))

    @property
    def view_turns(self) -> int:
        """Quarter turns from the rendered page to the shown orientation."""
        return (self.turns + self.shown_turns) % 4

    def _unit(self, box: BBox) -> BBox:
        return (box[0] / self.width, box[1] / self.height, box[2] / self.width, box[3] / self.height)

    def _known(self) -> bool:
        return self.width > 0 and self.height > 0

    def in_view(self, box: BBox, width: float, height: float) -> BBox:
        """``box`` on the rendered page of size ``width`` x ``height`` (points or pixels)."""
        if not self._known():
            if self.turns:
                raise ValueError("a turned box frame needs its width and height")
            return box
        return _scaled(turn_unit_box(self._unit(box), 4 - self.turns), width, height)

    def in_shown(self, box: BBox, width: float, height: float) -> BBox:
        """``box`` on the page turned to the shown orientation, of size ``width`` x ``height``."""
        if not self._known():
            if self.view_turns:
                raise ValueError("a turned box frame needs its width and height")
            return box
        return _scaled(turn_unit_box(self._unit(box), self.shown_turns), width, height)


def _scaled(box: BBox, width: float, height: float) -> BBox:
    return (box[0] * width, box[1] * height, box[2] * width, box[3] * height)


def turn_unit_box(box: BBox, turns: int) -> BBox:
    """A box given as shares of its page's width and height, after the page turned ``turns``
    quarter turns counter-clockwise (a point x, y goes to y, 1 - x each turn)."""
    x0, y0, x1, y1 = box
    for _ in range(turns % 4):
        x0, y0, x1, y1 = y0, 1 - x1, y1, 1 - x0
    return (x0, y0, x1, y1)


def legacy_frame(ocr: bool, rotation: int, width: float, height: float) -> PageFrame:
    """The frame of a page from JSON written before ``Page.frame`` existed: text-layer boxes in
    the unrotated space of a page with /Rotate ``rotation``; OCR boxes turned by ``rotation``
    (then the orientation correction; a PDF's own /Rotate was not recorded)."""
    turns = (rotation // 90) % 4
    if ocr:
        return PageFrame(turns=turns, width=width, height=height)
    w, h = (height, width) if turns % 2 else (width, height)
    return PageFrame(turns=turns, width=w, height=h, shown_turns=(4 - turns) % 4)


class Page(_Model):
    number: int = Field(ge=1)
    width: float = Field(description="Width of the page as rendered (OCR pages: as read upright), in points")
    height: float
    rotation: int = Field(default=0, description=(
        "Text-layer pages: the PDF's /Rotate; OCR pages: the orientation correction in degrees when one was applied"))
    ocr: bool = False
    frame: PageFrame | None = Field(default=None, description=(
        "The frame the region boxes are in (None in JSON written before it existed: see box_frame)"))
    regions: list[Region] = Field(default_factory=list)
    issues: list[PageIssue] = Field(default_factory=list)
    image_path: str | None = Field(
        default=None, description="Page image written with the outputs (--page-images), relative to the .md/.json")
    _origin: Any = PrivateAttr(default=None)  # DocumentOrigin

    @property
    def origin(self) -> "DocumentOrigin | None":
        return self._origin  # type: ignore[no-any-return]

    def body(self) -> Iterator[Region]:
        """Regions in reading order, page furniture left out."""
        return iter(sorted((r for r in self.regions if r.order >= 0), key=lambda r: r.order))

    def to_markdown(self, images: ImageMode = ImageMode.REFERENCED) -> str:
        """This page's body as Markdown (as in :meth:`Document.to_markdown`, without the joins
        across pages); ``images`` as there."""
        from docparse.renderers.images import page_links
        from docparse.renderers.markdown import render_page_markdown

        return render_page_markdown(self, page_links(self, images))

    def image(self, dpi: int | None = None, source: "Source | None" = None) -> "Image.Image":
        """The whole page as a PIL image at ``dpi`` (default ``ImageOptions.page_dpi``)."""
        from docparse.renderers.images import page_image

        return page_image(self, dpi, source)

    def model_post_init(self, context: Any) -> None:
        self._mark_regions()

    @property
    def box_frame(self) -> PageFrame:
        """The frame the region boxes are in: ``frame``, or for older JSON what ``ocr`` and
        ``rotation`` tell of it (:func:`legacy_frame`). Crops and overlays read only this."""
        return self.frame or legacy_frame(self.ocr, self.rotation, self.width, self.height)

    def _mark_regions(self) -> None:
        frame = self.box_frame
        for region in self.regions:
            region._page_frame = frame

    def attach_origin(self, origin: "DocumentOrigin | None") -> None:
        """Remember the input on the page and its regions (for :meth:`image`)."""
        self._origin = origin
        self._mark_regions()
        for region in self.regions:
            region._origin = origin


class DocumentMetadata(_Model):
    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    producer: str | None = None
    creator: str | None = None
    page_count: int = 0
    encrypted: bool = False


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    source: str = Field(description="File name (or '<bytes>') the document was read from")
    metadata: DocumentMetadata = Field(default_factory=DocumentMetadata)
    pages: list[Page] = Field(default_factory=list)
    issues: list[PageIssue] = Field(default_factory=list)
    _origin: Any = PrivateAttr(default=None)  # DocumentOrigin

    @property
    def origin(self) -> "DocumentOrigin | None":
        """The input this document was parsed from (None when loaded from JSON)."""
        return self._origin  # type: ignore[no-any-return]

    def attach_origin(self, origin: "DocumentOrigin | None") -> None:
        """Remember the input on the document, its pages and regions (for images)."""
        self._origin = origin
        for page in self.pages:
            page.attach_origin(origin)

    def regions(self, kind: RegionKind | None = None) -> Iterator[Region]:
        for page in self.pages:
            for region in page.body():
                if kind is None or region.kind == kind:
                    yield region

    @property
    def tables(self) -> list[Region]:
        return list(self.regions(RegionKind.TABLE))

    @property
    def charts(self) -> list[Region]:
        return [r for r in self.regions(RegionKind.CHART) if r.chart is not None]

    def find(self, region_id: str) -> Region | None:
        for page in self.pages:
            for region in page.regions:
                if region.id == region_id:
                    return region
        return None

    def to_markdown(self, images: ImageMode = ImageMode.REFERENCED, page_breaks: bool = False) -> str:
        """The document as Markdown in reading order: headings, paragraphs, lists, tables as
        pipe tables (HTML when cells span), charts as value tables, figures with their text;
        running headers/footers and page numbers left out. ``images``: ``REFERENCED`` links
        the figure/chart images written with the outputs (``Region.image_path``), ``EMBEDDED``
        inlines each as a base64 PNG rendered from the source PDF, ``NONE`` links none;
        ``page_breaks``: a ``<!-- page N -->`` marker where each page starts."""
        from docparse.renderers.images import image_links
        from docparse.renderers.markdown import render_markdown

        return render_markdown(self, image_links(self, ImageMode(images)), page_breaks)

    def to_json(self, indent: int | None = 2) -> str:
        """The whole document as JSON (schema ``docparse.schema``, version ``schema_version``):
        pages, regions with boxes, tables' cells, charts' series, page issues; ``indent=None``
        for one line."""
        return self.model_dump_json(indent=indent, exclude_none=False)

    def chunks(self, max_tokens: int | None = None, tokenizer: "TokenizerSpec" = None,
               options: "ChunkOptions | None" = None) -> "list[Chunk]":
        """The body cut into retrieval chunks of at most ``max_tokens`` tokens (default 512), each
        with its heading path, pages, region boxes and ids; ``tokenizer`` is a Hugging Face name
        or local path (loaded offline), a tokenizer object or a callable; default: words. See
        :mod:`docparse.chunking`."""
        from dataclasses import replace

        from docparse.chunking import ChunkOptions, chunk_document

        options = options or ChunkOptions()
        if max_tokens is not None:
            options = replace(options, max_tokens=max_tokens)
        return chunk_document(self, options, tokenizer)


def region_id(page: int, kind: RegionKind, index: int) -> str:
    return f"/page/{page}/{kind.value}/{index}"
