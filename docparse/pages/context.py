"""The document pre-pass: font statistics, running header/footer texts, the outline.

Reads a bounded sample of pages (never all of a 5,000-page file) so its cost is flat.
"""

from __future__ import annotations

import re
from collections import Counter

from docparse.config import ParseOptions
from docparse.document import DocumentMetadata
from docparse.pages.analysis import Line, Span
from docparse.pages.budget import StreamCensus
from docparse.pages.document_context import DocumentContext, FontStats, OutlineEntry
from docparse.pages.fonts import fixed_pitch_fonts, main_font
from docparse.pages.open import OpenedDocument
from docparse.pages.textlayer import read_lines

_SAMPLE_PAGES = 120
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# a stamped document code: "B-1191", "GAO-21-104", "A12" (no word to read, a digit); never a title
CODE_LABEL_RE = re.compile(r"^[A-Z]{1,4}[-–]?\d[\d\-–./]{0,10}[A-Z]?$")
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def normalize_running(text: str) -> str:
    """Key under which a running header/footer repeats: digits folded, spaces squeezed."""
    text = _SPACE.sub(" ", text.strip().lower())
    text = _DIGITS.sub("#", text)
    return " ".join("#" if _ROMAN.match(w) else w for w in text.split(" "))


_SAMPLE_WITH_SELECTION = 8  # extra pages read for statistics when only some pages are converted


def _sample(count: int, selected: tuple[int, ...] | None = None) -> list[int]:
    """0-based indices of the pages the pre-pass reads: all of a short document, an even
    spread of a long one, and always the selected pages themselves. Converting one page of a
    30-page paper reads that page and 8 others (not all 30): enough for the body size and
    for a running head to repeat, at a cost that does not grow with the document."""
    budget = _SAMPLE_PAGES if selected is None else _SAMPLE_WITH_SELECTION
    if count <= budget:
        spread = set(range(count))
    else:
        step = count / budget
        spread = {int(i * step) for i in range(budget)}
    if selected is not None:
        spread |= {n - 1 for n in selected if 1 <= n <= count}
    return sorted(spread)


def build_context(
    opened: OpenedDocument, options: ParseOptions, line_cache: dict[int, list[Line]] | None = None,
    census: StreamCensus | None = None,
) -> DocumentContext:
    """Read the sampled pages' text once; their lines go into ``line_cache`` for reuse.
    ``census`` checks each page's stream budgets before MuPDF reads it."""
    doc = opened.doc
    count = doc.page_count
    size_chars: Counter[float] = Counter()
    short_line_sizes: Counter[float] = Counter()
    running: Counter[str] = Counter()
    running_sizes: list[tuple[str, float]] = []  # (key, size) of margin lines off the first page
    first_page_max = 0.0
    first_page_sized: list[tuple[float, str]] = []  # (size, text) of the first page's lines
    spans: list[Span] = []
    sampled = _sample(min(count, options.open.max_pages), options.pages)
    margin = options.layout.margin_fraction
    roles = options.blocks
    for index in sampled:
        try:
            page = doc.load_page(index)
            lines = read_lines(page, options.limits.max_content_bytes, census)
            height = page.rect.height
            if line_cache is not None:
                line_cache[index + 1] = lines
        except Exception:  # noqa: BLE001 - damaged pages are reported by the main pass
            continue
        seen_here: set[str] = set()
        spans.extend(span for line in lines for span in line.spans)
        for line in lines:
            text = line.text.strip()
            n = len(text)
            if not n:
                continue
            size = round(line.size * 2) / 2
            size_chars[size] += n
            if n <= 120:
                short_line_sizes[size] += 1
            if index == 0 and not CODE_LABEL_RE.match(text):
                first_page_max = max(first_page_max, size)
                first_page_sized.append((size, text))
            y0, y1 = line.bbox[1], line.bbox[3]
            if y1 <= height * (margin + roles.band_slack) or y0 >= height * (1 - margin - roles.band_slack):
                key = normalize_running(text)
                if key and key not in seen_here:
                    seen_here.add(key)
                    running[key] += 1
                    if index > 0:
                        running_sizes.append((key, line.size))
    body = size_chars.most_common(1)[0][0] if size_chars else 10.0
    heading_sizes = tuple(
        sorted((s for s, c in short_line_sizes.items() if s >= body * roles.heading_size_ratio), reverse=True)
    )
    min_pages = max(2, int(len(sampled) * options.assembly.min_repeat_fraction + 0.5))
    running_texts = frozenset(
        k for k, c in running.items() if c >= min_pages and len(sampled) >= 2 and k != "#"
    )
    outline: list[OutlineEntry] = []
    try:
        for level, title, page in doc.get_toc(simple=True):
            outline.append(OutlineEntry(level=int(level), title=str(title).strip(), page=int(page)))
    except Exception:  # noqa: BLE001 - a broken outline is not worth failing for
        pass
    # a title is larger than the body and rare: a size used by many short lines is a heading size
    title_size = first_page_max if first_page_max >= body * roles.title_size_ratio and (
        short_line_sizes[first_page_max] <= roles.max_title_sized_lines) else None
    repeats = sorted(size for key, size in running_sizes if key in running_texts)
    return DocumentContext(
        page_count=count,
        fonts=FontStats(body_size=body, heading_sizes=heading_sizes, title_size=title_size,
                        body_font=main_font(spans), fixed_pitch_fonts=fixed_pitch_fonts(spans)),
        running_texts=running_texts,
        outline=tuple(outline),
        margin_fraction=margin,
        running_size=repeats[len(repeats) // 2] if repeats else None,
        title_text=" ".join(t for s, t in first_page_sized if s == title_size) if title_size else "",
    )


def read_metadata(opened: OpenedDocument) -> DocumentMetadata:
    try:
        meta = opened.doc.metadata or {}
    except Exception:  # noqa: BLE001
        meta = {}

    def get(key: str) -> str | None:
        value = meta.get(key)
        return str(value).strip() or None if value else None

    return DocumentMetadata(
        title=get("title"), author=get("author"), subject=get("subject"),
        keywords=get("keywords"), producer=get("producer"), creator=get("creator"),
        page_count=opened.page_count, encrypted=opened.encrypted,
    )
