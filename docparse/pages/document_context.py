"""Facts about the whole document, gathered by the pre-pass (:mod:`docparse.pages.context`)
before any page is classified; page-level classifiers read them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class FontStats:
    """Document-wide typography, from a cheap pre-pass over (a sample of) the pages."""

    body_size: float = 10.0
    heading_sizes: tuple[float, ...] = ()  # distinct sizes above body, largest first
    title_size: float | None = None
    body_font: str | None = None  # the font most characters are set in
    fixed_pitch_fonts: frozenset[str] = frozenset()  # flagged, named or measured monospace faces


@dataclass(slots=True)
class OutlineEntry:
    level: int
    title: str
    page: int


@dataclass(slots=True)
class DocumentContext:
    """Facts about the whole document that page-level classifiers may use."""

    page_count: int
    fonts: FontStats = field(default_factory=FontStats)
    running_texts: frozenset[str] = frozenset()  # normalized header/footer lines seen on many pages
    outline: tuple[OutlineEntry, ...] = ()
    margin_fraction: float = 0.09
    running_size: float | None = None  # median size of the running texts' repeats
    title_text: str = ""  # the first page's lines at the title size (no title size: empty)
