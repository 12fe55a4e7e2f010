"""Draw a :class:`~benchmarks.synth.reports.ReportPlan` as a PDF with reportlab.

Columns are reportlab ``BalancedColumns`` between full-width elements (title, full-width tables
and figures), so the reading order is exactly the block order: column 1 top to bottom, then
column 2, …, then the element that interrupts the columns. Running headers/footers are drawn in
the page callbacks and footnotes at the page end, and both are recorded as they are drawn (a
:class:`_Ledger` owned by one build; no module state). reportlab is imported inside functions.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from benchmarks.synth.reports import (
    CAPTION,
    FIGURE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE,
    TITLE,
    Block,
    Footnote,
    PageFurniture,
    ReportPlan,
    ReportStyle,
)

_DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
_BASE14 = {
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
}
_DEJAVU = {
    "DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "DejaVuSerif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
}
_HEADER_GAP = 16.0
_FOOTER_GAP = 14.0
_FOOTNOTE_SIZE = 7.5
_FOOTNOTE_ZONE = 4 * (_FOOTNOTE_SIZE + 2.5) + 8


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def pick(self, bold: bool, italic: bool) -> str:
        if bold and italic:
            return self.bold_italic
        return self.bold if bold else self.italic if italic else self.regular


@dataclass
class DrawnReport:
    pages: int
    furniture: list[PageFurniture]
    footnotes: list[Footnote]


@dataclass
class _Ledger:
    """What one build drew: furniture per page and footnotes placed on pages."""

    furniture: list[PageFurniture] = field(default_factory=list)
    pending: list[Footnote] = field(default_factory=list)
    placed: list[Footnote] = field(default_factory=list)
    pages: int = 0


def font_family(name: str) -> Fonts:
    """The four faces of a family; DejaVu TTFs are registered with reportlab on first use."""
    if name in _BASE14:
        return Fonts(*_BASE14[name])
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    faces = _DEJAVU[name]
    registered = set(pdfmetrics.getRegisteredFontNames())
    for face in faces:
        if face not in registered:
            pdfmetrics.registerFont(TTFont(face, str(_DEJAVU_DIR / f"{face}.ttf")))
    pdfmetrics.registerFontFamily(name, normal=faces[0], bold=faces[1], italic=faces[2],
                                  boldItalic=faces[3])
    return Fonts(*faces)


@dataclass(frozen=True)
class _Styles:
    title: Any
    byline: Any
    body: Any
    caption: Any
    cell: Any
    headings: tuple[Any, Any, Any]


def _styles(style: ReportStyle) -> _Styles:
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    body_fonts = font_family(style.font)
    head_fonts = font_family(style.heading_font)
    body = ParagraphStyle(
        "body", fontName=body_fonts.regular, fontSize=style.body_size, leading=style.leading,
        alignment=TA_JUSTIFY if style.justify else TA_LEFT, spaceAfter=style.leading * 0.5,
        hyphenationLang="en_US" if style.hyphenate else "", embeddedHyphenation=0,
        uriWasteReduce=0)
    headings = tuple(
        ParagraphStyle(f"h{level + 2}", fontName=head_fonts.pick(style.heading_bold[level],
                                                                 style.heading_italic[level]),
                       fontSize=size, leading=size * 1.25, spaceBefore=size * 0.8,
                       spaceAfter=size * 0.4, keepWithNext=1, hyphenationLang="")
        for level, size in enumerate(style.heading_sizes))
    return _Styles(
        title=ParagraphStyle("title", fontName=head_fonts.bold, fontSize=style.title_size,
                             leading=style.title_size * 1.2, spaceAfter=6, hyphenationLang=""),
        byline=ParagraphStyle("byline", fontName=body_fonts.italic, fontSize=style.body_size + 1,
                              leading=style.leading + 1, spaceAfter=18, hyphenationLang=""),
        body=body,
        caption=ParagraphStyle("caption", parent=body, fontName=body_fonts.italic,
                               fontSize=style.body_size - 0.5, alignment=TA_LEFT,
                               hyphenationLang="", spaceBefore=4, spaceAfter=8),
        cell=ParagraphStyle("cell", fontName=body_fonts.regular, fontSize=style.body_size - 1.5,
                            leading=style.body_size, hyphenationLang=""),
        headings=headings,  # type: ignore[arg-type]
    )


def _footnote_anchor(footnote: Footnote, ledger: _Ledger) -> Any:
    from reportlab.platypus.flowables import Flowable

    class FootnoteAnchor(Flowable):
        """Zero-size marker: when drawn, the footnote joins the current page's queue."""

        def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
            return (avail_w, 0.1)  # zero-size flowables are dropped by frames

        def draw(self) -> None:
            if footnote not in ledger.pending and all(f.number != footnote.number for f in ledger.placed):
                ledger.pending.append(footnote)

    return FootnoteAnchor()


def _figure(width: float, seed: int) -> Any:
    """A text-free vector figure (bars and a polyline on a tinted panel)."""
    from reportlab.graphics.shapes import Drawing, PolyLine, Rect
    from reportlab.lib import colors

    rng = random.Random(seed)
    height = min(150.0, width * rng.uniform(0.45, 0.7))
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#f2f4f7"), strokeColor=None))
    n = rng.randint(5, 10)
    step = (width - 20) / n
    palette = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3"]
    color = colors.HexColor(rng.choice(palette))
    points = []
    for i in range(n):
        h = rng.uniform(0.15, 0.85) * (height - 20)
        drawing.add(Rect(12 + i * step, 10, step * 0.6, h, fillColor=color, strokeColor=None))
        points += [12 + i * step + step * 0.3, 10 + h * rng.uniform(0.6, 1.1)]
    drawing.add(PolyLine(points, strokeColor=colors.HexColor("#333333"), strokeWidth=1.2))
    return drawing


def _table(block: Block, width: float, st: _Styles, style: ReportStyle) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    n_cols = len(block.rows[0])
    data = [[Paragraph(escape(c), st.cell) for c in row] for row in block.rows]
    unit = width / (n_cols + 0.6)  # the label column gets 1.6 units so labels do not wrap
    table = Table(data, colWidths=[unit * 1.6] + [unit] * (n_cols - 1), repeatRows=1)
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if style.table_style == "grid":
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif style.table_style == "rules":
        commands += [("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                     ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black)]
    else:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde3ea")))
        commands += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f3f5f7"))
                     for r in range(2, len(block.rows), 2)]
    table.setStyle(TableStyle(commands))
    return table


def _paragraph_markup(block: Block) -> str:
    text = escape(block.text)
    if block.footnote:
        text += f"<super>{block.footnote}</super>"
    return text


def _list_flowable(items: list[Block], st: _Styles, style: ReportStyle) -> Any:
    from reportlab.platypus import ListFlowable, ListItem, Paragraph

    paras = [ListItem(Paragraph(escape(b.text), st.body)) for b in items]
    common = dict(leftIndent=style.body_size * 1.8, bulletFontName=st.body.fontName,
                  bulletFontSize=style.body_size, spaceAfter=style.leading * 0.5)
    if items[0].ordered:
        return ListFlowable(paras, bulletType="1", bulletFormat="%s.", **common)
    return ListFlowable(paras, bulletType="bullet", start=style.bullet, **common)


def _unit(content: list[Any], width: float) -> Any:
    """A caption with its table/figure as one unsplittable flowable (never parted by a break)."""
    from reportlab.platypus import KeepInFrame, Spacer

    return KeepInFrame(width, 0, [*content, Spacer(1, 6)], mode="shrink")


def _flowables(blocks: list[Block], st: _Styles, style: ReportStyle, width: float,
               ledger: _Ledger, footnotes: dict[int, Footnote], seed: int) -> list[Any]:
    """Flowables for a run of blocks that share one width (a column or the full frame)."""
    from reportlab.platypus import Paragraph

    out: list[Any] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == LIST_ITEM:
            j = i
            while j < len(blocks) and blocks[j].kind == LIST_ITEM and blocks[j].ordered == block.ordered:
                j += 1
            out.append(_list_flowable(blocks[i:j], st, style))
            i = j
            continue
        if block.kind == TITLE:
            out.append(Paragraph(escape(block.text), st.title))
        elif block.kind == HEADING:
            out.append(Paragraph(escape(block.text), st.headings[block.level - 2]))
        elif block.kind == PARAGRAPH:
            para_style = st.byline if i == 1 and blocks[0].kind == TITLE else st.body
            out.append(Paragraph(_paragraph_markup(block), para_style))
            if block.footnote:
                out.append(_footnote_anchor(footnotes[block.footnote], ledger))
        elif block.kind == CAPTION and i + 1 < len(blocks) and blocks[i + 1].kind == TABLE:
            out.append(_unit([Paragraph(escape(block.text), st.caption),
                              _table(blocks[i + 1], width, st, style)], width))
            i += 1
        elif block.kind == FIGURE and i + 1 < len(blocks) and blocks[i + 1].kind == CAPTION:
            out.append(_unit([_figure(width, seed * 31 + block.number),
                              Paragraph(escape(blocks[i + 1].text), st.caption)], width))
            i += 1
        else:
            raise ValueError(f"unexpected block order at {i}: {block.kind}")
        i += 1
    return out


def _full_unit_size(blocks: list[Block], i: int) -> int:
    """Blocks from i that span the whole frame (title and byline, full-width floats); 0 if none."""
    block = blocks[i]
    if i == 0 and block.kind == TITLE:
        return 2 if len(blocks) > 1 and blocks[1].kind == PARAGRAPH else 1
    if block.kind == CAPTION and i + 1 < len(blocks) and blocks[i + 1].kind == TABLE:
        return 2 if blocks[i + 1].full_width else 0
    if block.kind == FIGURE and block.full_width:
        return 2
    return 0


def _story(plan: ReportPlan, st: _Styles, frame_width: float, ledger: _Ledger) -> list[Any]:
    """Full-width units at top level, everything else inside BalancedColumns segments."""
    from reportlab.platypus.flowables import BalancedColumns

    style = plan.style
    gap = 16.0
    col_width = (frame_width - gap * (style.columns - 1)) / style.columns - 6
    footnotes = {f.number: f for f in plan.footnotes}
    seed = zlib.crc32(plan.masthead.title.encode()) & 0xFFFF  # str hash() is salted per process
    story: list[Any] = []
    column_run: list[Block] = []

    def flush() -> None:
        if not column_run:
            return
        flows = _flowables(column_run, st, style, col_width, ledger, footnotes, seed)
        if style.columns == 1:
            story.extend(flows)
        else:
            story.append(BalancedColumns(flows, nCols=style.columns, innerPadding=gap,
                                         leftPadding=0, rightPadding=0, topPadding=0,
                                         bottomPadding=0, spaceAfter=6))
        column_run.clear()

    blocks = plan.blocks
    i = 0
    while i < len(blocks):
        size = _full_unit_size(blocks, i) if style.columns > 1 else 0
        if size:
            flush()
            story.extend(_flowables(blocks[i:i + size], st, style, frame_width, ledger, footnotes, seed))
            i += size
            continue
        column_run.append(blocks[i])
        i += 1
    flush()
    return story


def furniture_texts(style: ReportStyle, plan: ReportPlan, page: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(alignment, text) pairs drawn in the header and footer of ``page``."""
    head = plan.masthead
    header: list[tuple[str, str]] = []
    if page > 1 or style.header_on_first_page:
        if style.header == "org_kind":
            header = [("left", head.organisation), ("right", f"{head.kind} {head.year}")]
        elif style.header == "kind_only":
            header = [("center", f"{head.organisation} \u00b7 {head.kind} {head.year}")]
        elif style.header == "page_outer":
            header = ([("left", str(page)), ("right", head.organisation)] if page % 2 == 0
                      else [("left", head.organisation), ("right", str(page))])
    footer: list[tuple[str, str]] = []
    if style.footer == "page_word":
        footer = [("center", f"Page {page}")]
    elif style.footer == "number":
        footer = [("center", str(page))]
    elif style.footer == "dashed":
        footer = [("center", f"\u2013 {page} \u2013")]
    elif style.footer == "org_number":
        footer = [("left", f"\u00a9 {head.year} {head.organisation}"), ("right", str(page))]
    return header, footer


def _draw_line(canvas: Any, align: str, text: str, y: float, style: ReportStyle) -> None:
    width = style.page_size[0]
    if align == "left":
        canvas.drawString(style.margin, y, text)
    elif align == "right":
        canvas.drawRightString(width - style.margin, y, text)
    else:
        canvas.drawCentredString(width / 2, y, text)


def _on_page(plan: ReportPlan, ledger: _Ledger, fonts: Fonts) -> Any:
    style = plan.style

    def draw(canvas: Any, doc: Any) -> None:
        page = canvas.getPageNumber()
        header, footer = furniture_texts(style, plan, page)
        height = style.page_size[1]
        canvas.saveState()
        canvas.setFont(fonts.italic if style.header == "kind_only" else fonts.regular, style.body_size - 1)
        y_head = height - style.margin + _HEADER_GAP * 0.5
        for align, text in header:
            _draw_line(canvas, align, text, y_head, style)
        if header and style.header == "org_kind":
            canvas.setLineWidth(0.5)
            canvas.line(style.margin, y_head - 4, style.page_size[0] - style.margin, y_head - 4)
        canvas.setFont(fonts.regular, style.body_size - 1)
        for align, text in footer:
            _draw_line(canvas, align, text, style.margin - _FOOTER_GAP, style)
        canvas.restoreState()
        ledger.furniture.append(PageFurniture(page, tuple(t for _, t in header + footer)))
        ledger.pages = max(ledger.pages, page)

    return draw


def _on_page_end(plan: ReportPlan, ledger: _Ledger, fonts: Fonts) -> Any:
    style = plan.style

    def draw(canvas: Any, doc: Any) -> None:
        if not ledger.pending:
            return
        page = canvas.getPageNumber()
        canvas.saveState()
        y = style.margin + _FOOTNOTE_ZONE - 6
        canvas.setLineWidth(0.4)
        canvas.line(style.margin, y, style.margin + 120, y)
        for footnote in ledger.pending[:4]:
            y -= _FOOTNOTE_SIZE + 2.5
            canvas.setFont(fonts.regular, _FOOTNOTE_SIZE - 2)
            canvas.drawString(style.margin, y + 3, str(footnote.number))
            canvas.setFont(fonts.regular, _FOOTNOTE_SIZE)
            canvas.drawString(style.margin + 6, y, footnote.text)
            ledger.placed.append(replace(footnote, page=page))
        canvas.restoreState()
        ledger.pending = ledger.pending[4:]

    return draw


def render_report(plan: ReportPlan, path: Path) -> DrawnReport:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    style = plan.style
    ledger = _Ledger()
    st = _styles(style)
    fonts = font_family(style.font)
    width, height = style.page_size
    bottom = style.margin + _FOOTNOTE_ZONE
    frame = Frame(style.margin, bottom, width - 2 * style.margin,
                  height - 2 * style.margin - _HEADER_GAP - _FOOTNOTE_ZONE + _HEADER_GAP * 0.5,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    template = PageTemplate("page", frames=[frame], onPage=_on_page(plan, ledger, fonts),
                            onPageEnd=_on_page_end(plan, ledger, fonts), pagesize=style.page_size)
    doc = BaseDocTemplate(str(path), pagesize=style.page_size, pageTemplates=[template],
                          title=plan.masthead.title, author=plan.masthead.organisation,
                          invariant=1)
    doc.build(_story(plan, st, frame.width, ledger))
    return DrawnReport(pages=ledger.pages, furniture=ledger.furniture,
                       footnotes=sorted(ledger.placed, key=lambda f: f.number))


_WORD = re.compile(r"[A-Za-z]+")


def find_hyphenated_words(path: Path, blocks: list[Block]) -> list[str]:
    """Words the layout split at a line end with a hyphen (the ground truth has them whole)."""
    import pymupdf

    vocabulary = {w.lower() for b in blocks for w in _WORD.findall(b.text)}
    found: list[str] = []
    with pymupdf.open(path) as doc:
        for page in doc:
            words = page.get_text("words", sort=False)
            for k in range(len(words) - 1):
                word, nxt = words[k], words[k + 1]
                same_line = (word[5], word[6]) == (nxt[5], nxt[6])
                text = word[4]
                if same_line or not re.search(r"[A-Za-z]-$", text):
                    continue
                stem = _WORD.findall(text)
                tail = _WORD.findall(nxt[4])
                if stem and tail and (stem[-1] + tail[0]).lower() in vocabulary:
                    found.append(stem[-1] + tail[0])
    return found
