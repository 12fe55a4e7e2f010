"""Figure, chart and page images: crops rendered from the source PDF, written as PNG or inlined.

A parsed :class:`~docparse.document.Document` remembers where it came from (a
:class:`DocumentOrigin`: the file's absolute path, or the bytes it was given, and the password):
``region.image()`` and ``page.image()`` re-open it and render just that area. Files written by
:func:`write_images` are named after the region id (``/page/3/figure/2`` →
``<stem>/figures/page-3-figure-2.png``) and their paths, relative to the directory of the
``.md``/``.json`` files, go into ``Region.image_path`` / ``Page.image_path``.
"""

from __future__ import annotations

import base64
import io
import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterable, Iterator

from docparse.config import OpenOptions
from docparse.document import Document, Page, PageFrame, Region, RegionKind
from docparse.errors import InputError
from docparse.geometry import bbox_area, bbox_intersection
from docparse.options.outputs import ImageMode, ImageOptions
from docparse.pages.open import Source, open_document

if TYPE_CHECKING:
    import pymupdf
    from PIL import Image

IMAGE_KINDS = (RegionKind.FIGURE, RegionKind.CHART)
FIGURES_DIR = "figures"
PAGES_DIR = "pages"


@dataclass(frozen=True)
class DocumentOrigin:
    """The input a document was parsed from, kept so that its pages can be rendered again."""

    source: Path | bytes
    open: OpenOptions = OpenOptions()

    @classmethod
    def of(cls, source: Source, open_options: OpenOptions | None = None) -> "DocumentOrigin":
        """Paths become absolute (a later chdir does not lose them); bytes are kept as given."""
        if isinstance(source, (bytes, bytearray, memoryview)):
            return cls(bytes(source), open_options or OpenOptions())
        return cls(Path(source).resolve(), open_options or OpenOptions())

    @contextmanager
    def renderer(self, options: ImageOptions) -> Iterator["PageRenderer"]:
        """The document opened once for any number of crops."""
        if isinstance(self.source, Path) and not self.source.is_file():
            raise InputError(f"the source PDF is no longer at {self.source}: pass source= to image()")
        with open_document(self.source, self.open) as opened:
            yield PageRenderer(opened.doc, options)


@dataclass(frozen=True)
class Frame:
    """A page to render and the frame its region boxes are in (``Page.box_frame``)."""

    number: int
    box: PageFrame = field(default_factory=PageFrame)

    @classmethod
    def of(cls, page: Page) -> "Frame":
        return cls(page.number, page.box_frame)


Box = tuple[float, float, float, float]


class PageRenderer:
    """Renders page areas of one open document as PNG bytes or PIL images."""

    def __init__(self, doc: "pymupdf.Document", options: ImageOptions) -> None:
        self._doc = doc
        self._options = options

    def _dpi(self, area: "pymupdf.Rect", dpi: int) -> int:
        """``dpi``, lowered so that ``area`` stays within ``max_pixels``."""
        fit = math.sqrt(self._options.max_pixels / max(1.0, area.width * area.height * (dpi / 72) ** 2))
        return max(1, int(dpi * min(1.0, fit)))

    def _padded(self, bbox: Box) -> Box:
        pad = self._options.padding_pt
        return (bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad)

    def image(self, frame: Frame, bbox: Box | None, dpi: int) -> "Image.Image":
        """The page (``bbox`` None) or the padded area ``bbox`` of it at ``dpi``, shown in the
        frame's shown orientation (text-layer pages as rendered, OCR pages upright)."""
        from PIL import Image

        pix = self._pixmap(frame, bbox, dpi)
        image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
        for _ in range(frame.box.view_turns):
            image = image.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise
        return image

    def png(self, frame: Frame, bbox: Box | None, dpi: int) -> bytes:
        if frame.box.view_turns:
            buf = io.BytesIO()
            self.image(frame, bbox, dpi).save(buf, format="PNG")
            return buf.getvalue()
        return self._pixmap(frame, bbox, dpi).tobytes("png")

    def _pixmap(self, frame: Frame, bbox: Box | None, dpi: int) -> "pymupdf.Pixmap":
        """The rendered page, or the part of it where the padded ``bbox`` lies."""
        import pymupdf

        pdf_page = self._doc.load_page(frame.number - 1)
        area = pdf_page.rect  # the rendered page
        if bbox is not None:
            area = pymupdf.Rect(frame.box.in_view(self._padded(bbox), area.width, area.height)) & pdf_page.rect
        return pdf_page.get_pixmap(dpi=self._dpi(area, dpi), clip=area, alpha=False)


def origin_for(item: Region | Page, source: Source | None) -> DocumentOrigin:
    """The origin to render ``item`` from: ``source`` when given, else the one parsing recorded."""
    if source is not None:
        return DocumentOrigin.of(source)
    origin = item.origin
    if origin is None:
        raise InputError("this document does not know its source PDF (it was loaded from JSON or built by "
                         "hand): pass source= (the PDF's path or bytes)")
    return origin


def region_image(region: Region, dpi: int | None = None, source: Source | None = None) -> "Image.Image":
    options = ImageOptions()
    with origin_for(region, source).renderer(options) as renderer:
        return renderer.image(region_frame(region), _box(region), dpi or options.dpi)


def page_image(page: Page, dpi: int | None = None, source: Source | None = None) -> "Image.Image":
    options = ImageOptions()
    with origin_for(page, source).renderer(options) as renderer:
        return renderer.image(Frame.of(page), None, dpi or options.page_dpi)


def region_frame(region: Region) -> Frame:
    """The region's page and the frame of its boxes (recorded when the page was built or loaded)."""
    return Frame(region.page, region.page_frame or PageFrame())


def _box(region: Region) -> Box:
    x0, y0, x1, y1 = region.bbox
    return (x0, y0, x1, y1)


def wants_image(region: Region, options: ImageOptions) -> bool:
    """A figure or chart at least ``min_side_pt`` wide and high gets an image."""
    x0, y0, x1, y1 = region.bbox
    return region.kind in IMAGE_KINDS and min(x1 - x0, y1 - y0) >= options.min_side_pt


def inside_another(region: Region, imaged: list[Region], options: ImageOptions) -> bool:
    """At least ``nested_share`` of the region's box lies inside a larger figure/chart box of its
    page that already has an image (a piece of a picture the classifier also took whole)."""
    area = bbox_area(region.bbox)
    return area > 0 and any(bbox_area(other.bbox) > area and other.page == region.page
                            and bbox_intersection(region.bbox, other.bbox) >= options.nested_share * area
                            for other in imaged)


def imaged_regions(body: Iterable[Region], options: ImageOptions) -> list[Region]:
    """The figures and charts that get an image, in body order: big enough, and not inside a
    larger one that has its own (largest first decides)."""
    candidates = [r for r in body if wants_image(r, options)]
    imaged: list[Region] = []
    for region in sorted(candidates, key=lambda r: -bbox_area(r.bbox)):
        if not inside_another(region, imaged, options):
            imaged.append(region)
    chosen = {r.id for r in imaged}
    return [r for r in candidates if r.id in chosen]


def image_name(region_id: str) -> str:
    """``/page/3/figure/2`` → ``page-3-figure-2.png``."""
    return region_id.strip("/").replace("/", "-") + ".png"


def write_images(document: Document, out_dir: Path, stem: str, options: ImageOptions) -> list[Path]:
    """Write each figure/chart (and, with ``page_images``, each page) under ``OUT/<stem>/``
    and record the paths on the regions and pages. Nothing is written in ``none`` or
    ``embedded`` mode unless page images are asked for."""
    from docparse.renderers.files import write_atomic

    figures = options.mode is ImageMode.REFERENCED
    if not (figures or options.page_images) or document.origin is None:
        return []
    base = PurePosixPath(PurePosixPath(stem).name)  # links are relative to the .md/.json beside <stem>/
    written: list[Path] = []
    with document.origin.renderer(options) as renderer:
        for page in document.pages:
            if options.page_images:
                rel = base / PAGES_DIR / f"page-{page.number}.png"
                write_atomic(out_dir / stem / PAGES_DIR / rel.name, renderer.png(Frame.of(page), None, options.page_dpi))
                page.image_path = rel.as_posix()
                written.append(out_dir / stem / PAGES_DIR / rel.name)
            for region in imaged_regions(page.body(), options) if figures else ():
                rel = base / FIGURES_DIR / image_name(region.id)
                write_atomic(out_dir / stem / FIGURES_DIR / rel.name,
                             renderer.png(Frame.of(page), _box(region), options.dpi))
                region.image_path = rel.as_posix()
                written.append(out_dir / stem / FIGURES_DIR / rel.name)
    return written


def image_links(document: Document, mode: ImageMode, options: ImageOptions | None = None) -> dict[str, str]:
    """Region id → Markdown link target: the written file's path (``referenced``), a base64 PNG
    data URL rendered now (``embedded``), nothing (``none``)."""
    return _links([r for p in document.pages for r in p.body()], mode, options or ImageOptions())


def page_links(page: Page, mode: ImageMode, options: ImageOptions | None = None) -> dict[str, str]:
    """:func:`image_links` of one page."""
    return _links(list(page.body()), mode, options or ImageOptions())


def _links(body: list[Region], mode: ImageMode, options: ImageOptions) -> dict[str, str]:
    if mode is ImageMode.REFERENCED:
        return {r.id: r.image_path for r in body if r.image_path}
    regions = imaged_regions(body, options)
    if mode is ImageMode.NONE or not regions:
        return {}
    links: dict[str, str] = {}
    with origin_for(regions[0], None).renderer(options) as renderer:
        for region in regions:
            png = renderer.png(region_frame(region), _box(region), options.dpi)
            links[region.id] = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return links
