"""Page-furniture rules of the block-role list: running headers and footers, page numbers,
margin stamps and legal lines. Each is a small named rule over :class:`BlockFacts` that answers
a role or None (see :mod:`docparse.regions.block_roles` for the order they are asked in)."""

from __future__ import annotations

import re

from docparse.document import RegionKind
from docparse.pages.context import normalize_running
from docparse.regions.block_cues import (
    CAPTION_RE,
    EQUATION_NUMBER_RE,
    LEGAL_LINE_RE,
    NUMBER_AT_END_RE,
    PAGE_NUMBER_RE,
    RUNNING_WITH_NUMBER_RE,
    _first_body_top,
    _isolated,
    beside_page_number,
    isolated_in_band,
)
from docparse.regions.block_facts import BlockFacts, Role


def rotated_margin_text(f: BlockFacts) -> Role | None:
    """Rotated lines: margin stamps, arXiv ids, side labels."""
    if not all(line.horizontal for line in f.block):
        return RegionKind.PAGE_HEADER, None
    return None


def is_title_echo(f: BlockFacts) -> bool:
    """The first page's copy of a running text set larger than its repeats and than the body:
    the title that the running header repeats on the other pages (a page-1 running header at
    the body size is the header, even where smaller running lines pull the repeats' size down)."""
    repeat = f.context.running_size
    return f.page.number == 1 and repeat is not None and f.size >= repeat * f.settings.title_echo_size_ratio and (
        f.size >= f.body * f.settings.heading_size_ratio)


def running_text(f: BlockFacts) -> Role | None:
    """A margin line that repeats (digits folded) on many pages; not the title it echoes and
    not a footnote that recurs."""
    if not f.in_band or normalize_running(f.text) not in f.context.running_texts:
        return None
    if is_title_echo(f) or f.in_bottom and f.footnote_marked and f.size <= f.body * f.settings.footnote_size_ratio:
        return None
    return (RegionKind.PAGE_HEADER if f.in_top else RegionKind.PAGE_FOOTER), None


def margin_page_number(f: BlockFacts) -> Role | None:
    """A bare page number ("7", "iv", "Page 3 of 9", "A-2") alone in the top or bottom band,
    or at one end of the band's line."""
    if not f.in_band or len(f.text) > f.settings.page_number_max_chars or not PAGE_NUMBER_RE.match(f.text):
        return None
    if EQUATION_NUMBER_RE.match(f.text):
        return None
    if _isolated(f.page, f.block) or isolated_in_band(f.page, f.block, f.in_top, f.band_edge):
        return RegionKind.PAGE_NUMBER, None
    return None


def lowest_centred_number(f: BlockFacts) -> Role | None:
    """A bare page number centred under everything else on the page, a line or more below the
    text: the page number of a short document whose margin band the context cannot measure
    (LaTeX's wide default margins set it at 88 % of the page height, above the band)."""
    s = f.settings
    if len(f.block) != 1 or len(f.text) > s.page_number_max_chars or not PAGE_NUMBER_RE.match(f.text):
        return None
    if EQUATION_NUMBER_RE.match(f.text) or f.bbox[1] < f.page.height * s.low_number_top_fraction:
        return None
    if abs((f.bbox[0] + f.bbox[2]) / 2 - f.page.width / 2) > s.page_number_centre_tolerance * f.page.width:
        return None
    printed = [line for line in f.page.lines if line.text.strip() and line not in f.block]
    if any(line.bbox[3] > f.bbox[1] for line in printed):
        return None  # a line beside or below it
    above = max((line.bbox[3] for line in printed), default=0.0)
    if f.bbox[1] - above < s.low_number_gap_lines * (f.bbox[3] - f.bbox[1]):
        return None
    return RegionKind.PAGE_NUMBER, None


def margin_line_with_number(f: BlockFacts) -> Role | None:
    """One body-size margin line with a page number at an end: "Annual Report 2024   17"."""
    if not f.in_band or len(f.block) != 1 or f.size > f.body * f.settings.running_max_size_ratio:
        return None
    if f.block[0].spans[0].superscript:
        return None
    if f.in_top and RUNNING_WITH_NUMBER_RE.match(f.text):
        return RegionKind.PAGE_HEADER, None
    if f.in_bottom and NUMBER_AT_END_RE.match(f.text):  # "1 Survey…" at the bottom is a footnote
        return RegionKind.PAGE_FOOTER, None
    return None


def line_beside_page_number(f: BlockFacts) -> Role | None:
    """One body-size margin line on the baseline of a bare page number ("Chapter 2. Roles …
    11"): the running line a short document repeats too rarely to count."""
    if not f.in_band or len(f.block) != 1 or f.size > f.body * f.settings.running_max_size_ratio:
        return None
    if f.footnote_marked or not beside_page_number(f.page, f.block, f.band_edge, f.in_top):
        return None
    return (RegionKind.PAGE_HEADER if f.in_top else RegionKind.PAGE_FOOTER), None


def small_running_head(f: BlockFacts) -> Role | None:
    """A small single line above the text block, apart from it: a running head."""
    if not f.in_band or f.bbox[3] > f.page.height * f.context.margin_fraction or len(f.block) != 1:
        return None
    if f.size >= f.body * f.settings.small_head_size_ratio or CAPTION_RE.match(f.text):
        return None
    if _first_body_top(f.page, f.block) - f.bbox[3] >= (f.bbox[3] - f.bbox[1]):
        return RegionKind.PAGE_HEADER, None
    return None


def lone_top_line(f: BlockFacts) -> Role | None:
    """A plain line at about body size alone in the top margin of a later page, set apart
    from the text below by more than a line: the running head of a document too short to
    repeat it ("Juniper Textiles | Regional Sales Update" on page 2 of 2)."""
    if f.page.number == 1 or not f.in_top or len(f.block) != 1 or f.bold or f.numbered:
        return None
    if f.bbox[3] > f.page.height * f.context.margin_fraction or f.size > f.body * f.settings.running_max_size_ratio:
        return None
    if f.text.endswith((".", ",", ";", ":")) or CAPTION_RE.match(f.text) or f.text[:1].islower():
        return None  # a sentence going on, or one that leads into a formula ("where D is defined as")
    height = f.bbox[3] - f.bbox[1]
    if _first_body_top(f.page, f.block) - f.bbox[3] < height * f.settings.lone_head_gap_lines:
        return None
    return RegionKind.PAGE_HEADER, None


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def title_running_head(f: BlockFacts) -> Role | None:
    """A plain line well under the title's size in the top margin of a later page whose words are the
    document title's ("Pinecrest Foods | Operations Summary" under the title "Pinecrest Foods
    Operations Summary"): the running head of a document too short to repeat it often, even set
    close above the text."""
    title, title_size = _words(f.context.title_text), f.context.fonts.title_size
    if f.page.number == 1 or not f.in_top or len(f.block) != 1 or not title or not title_size or f.bold:
        return None
    if f.size > title_size * f.settings.title_head_max_ratio:
        return None
    words = _words(f.text)
    if len(words) >= 2 and words <= title and len(words) >= f.settings.title_head_min_share * len(title):
        return RegionKind.PAGE_HEADER, None
    return None


def legal_footer(f: BlockFacts) -> Role | None:
    """"© Copyright IBM Corp. 2014. All rights reserved." as one body-size (or smaller) line
    in the bottom band: page furniture even where it repeats too rarely to count as running."""
    if f.in_bottom and len(f.block) == 1 and f.size <= f.body * f.settings.running_max_size_ratio and (
            LEGAL_LINE_RE.search(f.text)):
        return RegionKind.PAGE_FOOTER, None
    return None
