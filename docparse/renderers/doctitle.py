"""The title of a document, for its summary (``OUT/<stem>.summary.json``).

In order: the printed title (the first title region of the first pages, joined with the lines it
was split over), the metadata title (unless it is junk such as a file name), the text a running header repeats
(on a one-page excerpt: its running header or footer), then the first heading that is not a
generic section name. Thresholds in ``ParseOptions.output.summary.title``.
"""

from __future__ import annotations

import re

from docparse.document import Document, Region, RegionKind
from docparse.options.summary import TitleOptions

GENERIC_HEADINGS = frozenset({"front cover", "contents", "table of contents", "notes", "highlights", "abstract",
                              "introduction", "summary", "executive summary", "appendix", "preface", "foreword",
                              "disclaimer", "disclaimers", "overview", "index"})
_PAGE_TOKEN = re.compile(r"\b(page|seite|página|pagina|p\.)\s*\d+(\s*(of|von|de|di)\s*\d+)?\b|\b[ivxlc]+\b(?=\s*$)|\d+",
                         re.IGNORECASE)
_FILE_NAME = re.compile(r"\.(docx?|pdf|pptx?|xlsx?|indd|tex|psd|exe|rtf|odt|txt|html?|qxd|dvi|ps|eps|ai|pub|wpd)$")
_NOT_A_TITLE = re.compile(r"https?://|www\.|@|©|\(c\)|copyright|all rights reserved|confidential", re.IGNORECASE)
TITLE_KINDS = (RegionKind.TITLE, RegionKind.HEADING)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:200]


def generic_heading(text: str) -> bool:
    """A section name every document has ("Contents", "Notes:"), not a title of its own."""
    return text.strip().rstrip(":").strip().casefold() in GENERIC_HEADINGS


def junk_title(title: str, source: str) -> bool:
    """A metadata title that names the file or the program, not the document."""
    lowered = title.strip().lower()
    return (lowered in {"untitled", "title", "document", "slide 1", "powerpoint presentation"}
            or lowered.startswith("microsoft ") or _FILE_NAME.search(lowered) is not None
            or lowered in _file_names(source))


def _file_names(source: str) -> set[str]:
    """The source's file name with and without its extension."""
    name = source.rsplit("/", 1)[-1].lower()
    return {name, name.rsplit(".", 1)[0]}


# -- a title split over lines ----------------------------------------------------------------------

def _bold(region: Region) -> bool | None:
    """Whether all of the region's text is bold (None when its runs are not known)."""
    runs = [r for r in region.runs if r.text.strip()]
    return all(r.bold for r in runs) if runs else None


def same_title_style(a: Region, b: Region, options: TitleOptions) -> bool:
    """Same font size (within ``size_tolerance``) and the same weight."""
    if a.font_size is None or b.font_size is None:
        return False
    size = max(a.font_size, b.font_size)
    bold_a, bold_b = _bold(a), _bold(b)
    same_weight = bold_a is None or bold_b is None or bold_a == bold_b
    return abs(a.font_size - b.font_size) <= options.size_tolerance * size and same_weight


def aligned_together(a: Region, b: Region, options: TitleOptions) -> bool:
    """Centred on one axis or starting at one left edge (``align_tolerance`` points)."""
    centre_a, centre_b = (a.bbox[0] + a.bbox[2]) / 2, (b.bbox[0] + b.bbox[2]) / 2
    return (abs(centre_a - centre_b) <= options.align_tolerance
            or abs(a.bbox[0] - b.bbox[0]) <= options.align_tolerance)


def next_line_of_title(upper: Region, lower: Region, options: TitleOptions) -> bool:
    """``lower`` continues the title ``upper`` ends with: a title-styled line of the same look
    right below it (a gap of at most ``max_gap`` × the font size)."""
    size = upper.font_size or 0.0
    gap = lower.bbox[1] - upper.bbox[3]
    return (lower.kind in TITLE_KINDS and bool(lower.text.strip()) and -0.5 * size <= gap <= options.max_gap * size
            and same_title_style(upper, lower, options) and aligned_together(upper, lower, options))


def joined_title(region: Region, document: Document, options: TitleOptions) -> str:
    """The region's text with the lines of the same title look right above and below it on its
    page (a title the block roles split over lines), at most ``max_lines`` regions, top to bottom.
    Found by position, not reading order (a centred title's lines may be ordered either way)."""
    if not 1 <= region.page <= len(document.pages):
        return one_line(region.text)
    others = [r for r in document.pages[region.page - 1].body() if r.id != region.id]
    chain = [region]
    while len(chain) < options.max_lines:
        below = next((r for r in others if r not in chain and next_line_of_title(chain[-1], r, options)), None)
        above = next((r for r in others if r not in chain and next_line_of_title(r, chain[0], options)), None)
        if below is not None:
            chain.append(below)
        elif above is not None:
            chain.insert(0, above)
        else:
            break
    return one_line(" ".join(r.text for r in chain))


# -- running headers -------------------------------------------------------------------------------

def _running_text(region: Region) -> str:
    text = _PAGE_TOKEN.sub(" ", region.text)
    return re.sub(r"\s+", " ", text).strip(" \t—–-|·•,.:")


def running_header_title(document: Document, options: TitleOptions | None = None) -> str | None:
    """The text a running header repeats on several pages, page numbers left out: many documents
    carry their title there (and only there, when the first page is a cover picture or an excerpt)."""
    options = options or TitleOptions()
    pages_of: dict[str, set[int]] = {}
    furniture: set[str] = set()  # texts the page analysis marked as running headers
    for page in document.pages:
        band = options.header_band * (page.box_frame.height or page.height)  # in the boxes' frame
        for region in page.regions:  # furniture included (Document.regions() is the body only)
            top_line = region.bbox[1] < band and not region.kind.is_furniture
            if region.kind is not RegionKind.PAGE_HEADER and not top_line:
                continue
            text = _running_text(region)
            if len(text.split()) >= 2 and not generic_heading(text):
                pages_of.setdefault(text, set()).add(page.number)
                if region.kind is RegionKind.PAGE_HEADER:
                    furniture.add(text)
    repeated = [(t in furniture, len(p), t) for t, p in pages_of.items() if len(p) >= 2]
    return max(repeated)[2] if repeated else None


def title_like_furniture(text: str, options: TitleOptions) -> bool:
    """Running text that can be a title: enough words, mostly letters, no address or notice."""
    letters = sum(ch.isalpha() for ch in text)
    return (len(text.split()) >= options.excerpt_min_words and letters >= options.min_letter_share * len(text)
            and not _NOT_A_TITLE.search(text) and not generic_heading(text))


def excerpt_furniture_title(document: Document, options: TitleOptions) -> str | None:
    """A one-page excerpt of a longer document carries the title only in its running header or
    footer: the header's title-like text, else the footer's (the one with most words)."""
    if len(document.pages) != 1:
        return None
    found: list[tuple[bool, int, str]] = []
    for region in document.pages[0].regions:
        if region.kind not in (RegionKind.PAGE_HEADER, RegionKind.PAGE_FOOTER):
            continue
        text = _running_text(region)
        if title_like_furniture(text, options):
            found.append((region.kind is RegionKind.PAGE_HEADER, len(text.split()), text))
    return max(found)[2] if found else None


# -- the title -------------------------------------------------------------------------------------

def printed_title(document: Document, options: TitleOptions, last_page: int | None = None) -> str | None:
    """The first title region (up to page ``last_page``) that is not a generic section name,
    joined over its lines."""
    for region in document.regions(RegionKind.TITLE):
        if last_page is not None and region.page > last_page:
            break
        if region.text.strip() and not generic_heading(region.text):
            return joined_title(region, document, options)
    return None


def document_title(document: Document, options: TitleOptions | None = None) -> str | None:
    """The printed title (joined over the lines it was split over); else the metadata title unless
    it is junk; else the running header's repeated text (a one-page excerpt's header or footer);
    else the first heading that is not a generic section name. A title printed on the first
    ``title_pages`` pages wins over a metadata title that differs from it: the page is what
    readers see."""
    options = options or TitleOptions()
    printed = printed_title(document, options, last_page=options.title_pages)
    if printed:
        return printed
    meta = (document.metadata.title or "").strip()
    if meta and not junk_title(meta, document.source):
        return meta
    printed = printed_title(document, options)  # a title region further in
    if printed:
        return printed
    header = running_header_title(document, options) or excerpt_furniture_title(document, options)
    if header:
        return header
    for region in document.regions(RegionKind.HEADING):
        if region.text.strip() and not generic_heading(region.text):
            return joined_title(region, document, options)
    return None
