"""Output options: figure/chart images, page images and page-break markers (``ParseOptions.output``).

They change what is written (``-o``) and how the Markdown links images, never what is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docparse.document import ImageMode
from docparse.errors import UsageError
from docparse.options.chunking import ChunkOptions
from docparse.options.summary import SummaryOptions

__all__ = ["ChunkOptions", "ImageMode", "ImageOptions", "OutputOptions"]


@dataclass(frozen=True)
class ImageOptions:
    """Crops of figures and charts, and whole-page images."""

    mode: ImageMode = ImageMode.REFERENCED  # with -o; on stdout the CLI defaults to none
    dpi: int = 144  # resolution of figure and chart crops
    padding_pt: float = 2.0  # margin added around a region's box before cropping (points)
    min_side_pt: float = 8.0  # a figure/chart box thinner than this on either side gets no image
    nested_share: float = 0.8  # a box this much inside a larger imaged figure/chart is part of its image: none of its own
    page_images: bool = False  # also write each page as OUT/<stem>/pages/page-N.png
    page_dpi: int = 100  # resolution of page images
    max_pixels: int = 40_000_000  # a crop or page larger than this at its dpi is scaled down to fit

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "mode", ImageMode(self.mode))
        except ValueError:
            raise UsageError(f"unknown image mode {self.mode!r} (use none, referenced or embedded)") from None
        if not (20 <= self.dpi <= 1200 and 20 <= self.page_dpi <= 1200):
            raise UsageError("image dpi and page_dpi must be between 20 and 1200")
        if self.padding_pt < 0 or self.min_side_pt < 0 or self.max_pixels < 1 or not 0 < self.nested_share <= 1:
            raise UsageError("image padding_pt and min_side_pt must be >= 0, max_pixels >= 1, nested_share in (0, 1]")


@dataclass(frozen=True)
class OutputOptions:
    """What the writers produce besides the parsed content."""

    images: ImageOptions = field(default_factory=ImageOptions)
    page_breaks: bool = False  # a '<!-- page N -->' marker where each page starts in the document Markdown
    chunks: ChunkOptions = field(default_factory=ChunkOptions)  # --format chunks: max_tokens, tokenizer
    summary: SummaryOptions = field(default_factory=SummaryOptions)  # language and document-type tests

    def __post_init__(self) -> None:
        if isinstance(self.images, str):  # images="embedded": the mode, other image options at their defaults
            object.__setattr__(self, "images", ImageOptions(mode=ImageMode(self.images)))
