"""Read one PyMuPDF page into a :class:`PageAnalysis`: text layer, drawings, images, links."""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING, Callable, Sequence

from docparse.errors import one_line_message, valid_text
from docparse.pages.analysis import BBox, Drawing, ImageInfo, Line, PageAnalysis, PathItem, Span, Word
from docparse.pages.glyphs import read_glyphs
from docparse.pages.rtl import ligatures_in_order, may_hold_swapped_ligatures

if TYPE_CHECKING:
    import numpy as np
    import pymupdf

    from docparse.pages.budget import StreamCensus

# PyMuPDF extraction flags: keep ligatures expanded, clip to the page, keep images out of
# the text dict (we list them separately).
_TEXT_FLAGS = 0
DEFAULT_MAX_CONTENT_BYTES = 128 * 1024**2  # LimitOptions.max_content_bytes
DEFAULT_MAX_IMAGE_PIXELS = 100_000_000  # LimitOptions.max_image_pixels
MAX_LINES = 100_000  # per page; a hostile page cannot fill memory with text objects
MAX_WORDS = 400_000
MAX_MUPDF_WARNINGS = 5


def _finite(box: Sequence[float]) -> bool:
    """Four finite coordinates (a NaN or infinity anywhere makes the sum non-finite)."""
    return len(box) == 4 and math.isfinite(box[0] + box[1] + box[2] + box[3])


def check_page_content(page: "pymupdf.Page", number: int, max_bytes: int | None,
                       census: "StreamCensus | None" = None) -> None:
    """Refuse a page whose streams decode past their budgets (decompression bombs in its
    content, fonts or images; form XObjects drawn exponentially often): see
    :mod:`docparse.pages.budget`. ``census`` keeps sizes for the document's other pages."""
    if census is None:
        if max_bytes is None:
            return
        from docparse.config import LimitOptions
        from docparse.pages.budget import StreamCensus

        census = StreamCensus(page.parent, LimitOptions(max_content_bytes=max_bytes))
    census.check_page(page, number)


def _text_flags() -> int:
    import pymupdf

    return (
        pymupdf.TEXT_PRESERVE_WHITESPACE
        | pymupdf.TEXT_MEDIABOX_CLIP
        | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE
    )


def read_lines(page: "pymupdf.Page", max_content_bytes: int | None = DEFAULT_MAX_CONTENT_BYTES,
               census: "StreamCensus | None" = None) -> list[Line]:
    """Text lines of a page; spans with non-finite boxes (malformed coordinates) are dropped."""
    check_page_content(page, page.number + 1, max_content_bytes, census)
    data = page.get_text("dict", flags=_text_flags(), sort=False)
    if _has_swapped_ligatures(data):
        data = page.get_text("rawdict", flags=_text_flags(), sort=False)
    return _lines_of(data)


def read_glyph_runs(page: "pymupdf.Page", clip: BBox) -> list[Line]:
    """The text inside ``clip`` as the producer drew it: one line per text-showing operation
    (MuPDF does not merge them), so chart tick labels set close together stay apart."""
    import pymupdf

    data = page.get_text("rawdict", flags=_text_flags() | pymupdf.TEXT_PRESERVE_SPANS, clip=pymupdf.Rect(clip), sort=False)
    for block in data.get("blocks", []):
        for line in block.get("lines", []):
            line["spans"] = [sp for sp in line.get("spans", []) if _ink_box(sp)]
            boxes = [sp["bbox"] for sp in line.get("spans", [])]
            if boxes:
                line["bbox"] = (min(b[0] for b in boxes), line["bbox"][1], max(b[2] for b in boxes), line["bbox"][3])
    return _lines_of(data)


def _ink_box(span: dict) -> bool:
    """Set a rawdict span's box from its non-blank characters only (a run may start with a
    space); False for a span of blanks."""
    inked = [c["bbox"] for c in span.get("chars", []) if not c["c"].isspace()]
    if inked:
        span["bbox"] = (min(b[0] for b in inked), span["bbox"][1], max(b[2] for b in inked), span["bbox"][3])
    return bool(inked)


def _lines_of(data: dict) -> list[Line]:
    lines: list[Line] = []
    for bno, block in enumerate(data.get("blocks", [])):
        if block.get("type", 0) != 0:
            continue
        for line in block.get("lines", []):
            spans = [
                Span(
                    text=valid_text(_span_text(s)),
                    bbox=tuple(s["bbox"]),
                    font=s.get("font", ""),
                    size=float(s.get("size", 0.0)),
                    flags=int(s.get("flags", 0)),
                    color=int(s.get("color", 0)),
                )
                for s in line.get("spans", [])
                if _span_text(s) != "" and s.get("alpha", 255) != 0 and _finite(s["bbox"])
            ]
            if not spans or not "".join(s.text for s in spans).strip() or not _finite(line["bbox"]):
                continue
            if len(lines) >= MAX_LINES:
                return lines
            lines.append(
                Line(spans=spans, bbox=tuple(line["bbox"]), block=bno,
                     direction=tuple(line.get("dir", (1.0, 0.0))))
            )
    return lines


def _span_text(span: dict) -> str:
    """A span's text from MuPDF's "dict" output, or from "rawdict" characters with any
    lam-alef ligatures put in logical order."""
    if "chars" not in span:
        return span.get("text", "")
    return ligatures_in_order([(c["c"], c["bbox"][0], c["bbox"][2]) for c in span["chars"]])


def _has_swapped_ligatures(data: dict) -> bool:
    return any(may_hold_swapped_ligatures(s.get("text", "")) for b in data.get("blocks", [])
               for ln in b.get("lines", []) for s in ln.get("spans", []))


def _raw_words(data: dict) -> list[Word]:
    """Words split at spaces from "rawdict" characters (ligatures in order)."""
    words: list[Word] = []
    for bno, block in enumerate(data.get("blocks", [])):
        for lno, line in enumerate(block.get("lines", [])):
            current: list[dict] = []
            for char in [c for s in line.get("spans", []) for c in s.get("chars", [])] + [None]:
                if char is None or char["c"].isspace():
                    boxes = [c["bbox"] for c in current if _finite(c["bbox"])]
                    if current and boxes:
                        text = ligatures_in_order([(c["c"], c["bbox"][0], c["bbox"][2]) for c in current])
                        words.append(Word(text=valid_text(text), bbox=(min(b[0] for b in boxes), min(b[1] for b in boxes),
                                                                       max(b[2] for b in boxes), max(b[3] for b in boxes)),
                                          block=bno, line=lno))
                    current = []
                else:
                    current.append(char)
    return words[:MAX_WORDS]


def read_words(page: "pymupdf.Page") -> list[Word]:
    words = page.get_text("words", flags=_text_flags(), sort=False)
    if any(may_hold_swapped_ligatures(w[4]) for w in words):
        return _raw_words(page.get_text("rawdict", flags=_text_flags(), sort=False))
    return [
        Word(text=valid_text(w[4]), bbox=(w[0], w[1], w[2], w[3]), block=w[5], line=w[6])
        for w in words[:MAX_WORDS]
        if _finite(w[:4])
    ]


def _rgb(value: object) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        seq = tuple(float(v) for v in value)  # type: ignore[attr-defined]  # any iterable of numbers
    except TypeError:
        return None
    if len(seq) == 1:
        return (seq[0], seq[0], seq[0])
    if len(seq) >= 3:
        return (seq[0], seq[1], seq[2])
    return None


def _painted(color: object, opacity: object) -> tuple[float, float, float] | None:
    """The paint's colour, or None when it is fully transparent (an invisible SVG canvas with
    opacity 0 paints nothing: it is no shading, bar or table frame)."""
    if isinstance(opacity, (int, float)) and opacity <= 0.0:
        return None
    return _rgb(color)


def read_drawings(page: "pymupdf.Page", max_paths: int = 50_000) -> list[Drawing]:
    drawings: list[Drawing] = []
    for i, d in enumerate(page.get_drawings()):
        if i >= max_paths:
            break
        items: list[PathItem] = []
        for item in d.get("items", []):
            op = item[0]
            pts: tuple[tuple[float, float], ...]
            if op == "l":
                pts = ((item[1].x, item[1].y), (item[2].x, item[2].y))
            elif op == "c":
                pts = tuple((p.x, p.y) for p in item[1:5])
            elif op == "re":
                r = item[1]
                pts = ((r.x0, r.y0), (r.x1, r.y1))
            elif op == "qu":
                q = item[1]
                pts = tuple((p.x, p.y) for p in (q.ul, q.ur, q.lr, q.ll))
            else:
                continue
            items.append(PathItem(op=op, points=pts))
        rect = d.get("rect")
        fill, stroke = _painted(d.get("fill"), d.get("fill_opacity")), _painted(d.get("color"), d.get("stroke_opacity"))
        if rect is None or not items or (fill is None and stroke is None and _rgb(d.get("fill") or d.get("color"))):
            continue  # nothing drawn, or only transparent paint
        drawings.append(
            Drawing(
                bbox=(rect.x0, rect.y0, rect.x1, rect.y1),
                items=items,
                fill=fill,
                stroke=stroke,
                width=float(d.get("width") or 0.0),
                closed=bool(d.get("closePath", False)),
            )
        )
    return drawings


def read_images(page: "pymupdf.Page", max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS) -> list[ImageInfo]:
    """Placed images with their boxes and sizes, nothing decoded.

    Resolving xrefs makes PyMuPDF decode and hash every image, so it is done only when the
    page's listed images are small enough to decode (a decompression bomb keeps xref 0).
    """
    images: list[ImageInfo] = []
    listed = page.get_images(full=True)  # from the resources: sizes without decoding
    decodable = sum(int(i[2]) * int(i[3]) for i in listed) <= max_image_pixels
    for info in page.get_image_info(xrefs=decodable):
        x0, y0, x1, y1 = info["bbox"]
        if not _finite((x0, y0, x1, y1)) or x1 - x0 <= 0 or y1 - y0 <= 0:
            continue
        images.append(
            ImageInfo(bbox=(x0, y0, x1, y1), xref=int(info.get("xref", 0)),
                      width=int(info.get("width", 0)), height=int(info.get("height", 0)))
        )
    return images


def read_links(page: "pymupdf.Page") -> list[tuple[tuple[float, float, float, float], str]]:
    out = []
    for link in page.get_links():
        uri = link.get("uri")
        r = link.get("from")
        if uri and r is not None:
            out.append(((r.x0, r.y0, r.x1, r.y1), str(uri)))
    return out


def analyze_page(
    page: "pymupdf.Page",
    number: int,
    render: Callable[[int], "np.ndarray"] | None,
    *,
    with_drawings: bool = True,
    lines: list[Line] | None = None,
    max_content_bytes: int | None = DEFAULT_MAX_CONTENT_BYTES,
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
    census: "StreamCensus | None" = None,
) -> PageAnalysis:
    """Read everything the classifiers need from one page. Each part fails on its own.

    ``lines`` are the page's text lines when the document pre-pass already read them. A page
    whose content inflates past ``max_content_bytes`` raises :class:`LimitExceeded`; what MuPDF
    warned about while reading (damaged streams, missing fonts) becomes page warnings.
    """
    import pymupdf

    pymupdf.TOOLS.reset_mupdf_warnings()
    check_page_content(page, number, max_content_bytes, census)
    analysis = PageAnalysis(
        number=number, width=page.rect.width, height=page.rect.height,
        rotation=page.rotation, render=render,
    )
    if lines is not None:
        analysis.lines = lines
    analysis.glyph_runs = partial(read_glyph_runs, page)
    analysis.glyphs = partial(read_glyphs, page)
    for label, fn, attr in (
        ("text layer", (lambda p: read_lines(p, None)) if lines is None else None, "lines"),
        ("words", read_words, "words"),
        ("drawings", read_drawings if with_drawings else None, "drawings"),
        ("images", lambda p: read_images(p, max_image_pixels), "images"),
        ("links", read_links, "links"),
    ):
        if fn is None:
            continue
        try:
            setattr(analysis, attr, fn(page))
        except Exception as exc:  # a damaged content stream must not lose the page
            analysis.warnings.append(f"could not read {label}: {one_line_message(exc)}")
    analysis.warnings.extend(mupdf_warnings(pymupdf.TOOLS.mupdf_warnings()))
    return analysis


def mupdf_warnings(text: str, limit: int = MAX_MUPDF_WARNINGS) -> list[str]:
    """MuPDF's accumulated warning text as distinct one-line page warnings (at most ``limit``)."""
    seen = list(dict.fromkeys(ln.strip() for ln in (text or "").splitlines() if ln.strip()))
    out = [f"MuPDF: {valid_text(ln[:200])}" for ln in seen[:limit]]
    if len(seen) > limit:
        out.append(f"MuPDF: {len(seen) - limit} more distinct warnings")
    return out
