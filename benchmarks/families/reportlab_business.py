"""Family ``reportlab``: business reports set with ReportLab platypus, charts from matplotlib.

The look-alike of the hidden set in issue 15: one and two columns, booktabs / ruled / borderless /
zebra tables with row groups (the label vertically centred beside its rows) and column groups
("2019" over H1 | H2), stub columns, numbered section headings right below a chart, close-set
category labels, line charts on later pages, matplotlib in non-default style sheets. Vector
charts are matplotlib PDFs drawn into the page afterwards (pymupdf ``show_pdf_page`` into a slot
the layout reserved, so they stay vector paths and text); raster charts are PNG pictures.

Templates A–C make the dev split, D–F the test split; seeds never overlap. The truth is the data
the document was built from; pages of tables and charts come from the layout's own draw calls.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.families import _content as C
from benchmarks.families._content import Footer, Header, Numbering, Placement
from benchmarks.families._content import TableStyle as TS
from benchmarks.families._mplchart import chart_truth, draw_chart
from benchmarks.families._rl_tables import BUILTIN_BOLD, fitting_table
from benchmarks.families._rl_tables import bold as _bold
from benchmarks.families.base import (
    DocTruth,
    FamilyDoc,
    HeadingTruth,
    Split,
    TableTruth,
)

VERSION = "rl-2"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")
TTF_FAMILIES = {"DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold"), "DejaVuSerif": ("DejaVuSerif", "DejaVuSerif-Bold"),
                "LiberationSans": ("LiberationSans-Regular", "LiberationSans-Bold"),
                "LiberationSerif": ("LiberationSerif-Regular", "LiberationSerif-Bold"),
                "LiberationSansNarrow": ("LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold")}


@dataclass(frozen=True)
class Template:
    key: str
    columns: int
    body_fonts: tuple[str, ...]
    heading_fonts: tuple[str, ...]
    table_styles: tuple[TS, ...]
    numbering: Numbering
    header: Header
    footer: Footer
    mpl_styles: tuple[str, ...]
    raster_share: float
    footnotes: bool = True


DEV_TEMPLATES = (
    Template("A", 1, ("Times-Roman", "LiberationSerif"), ("Helvetica", "LiberationSans"), (TS.BOOKTABS, TS.RULED),
             Numbering.PLAIN, Header.ORG, Footer.PAGE_WORD, ("ggplot", "bmh", "seaborn-v0_8-whitegrid"), 0.3),
    Template("B", 2, ("Helvetica", "DejaVuSans"), ("Helvetica", "DejaVuSans"), (TS.RULED, TS.ZEBRA, TS.BOOKTABS),
             Numbering.DOTTED, Header.TITLE, Footer.NUMBER, ("seaborn-v0_8-muted", "default", "ggplot"), 0.4),
    Template("C", 1, ("LiberationSans", "DejaVuSans"), ("LiberationSerif", "Times-Roman"), (TS.BORDERLESS, TS.BOOKTABS),
             Numbering.NONE, Header.ORG, Footer.ORG_PAGE, ("bmh", "seaborn-v0_8-deep", "default"), 0.3, footnotes=False),
)
TEST_TEMPLATES = (
    Template("D", 2, ("Times-Roman", "DejaVuSerif"), ("Times-Roman", "LiberationSerif"), (TS.BORDERLESS, TS.BOOKTABS),
             Numbering.PLAIN, Header.ORG, Footer.DASHED, ("fivethirtyeight", "grayscale", "seaborn-v0_8-darkgrid"), 0.3),
    Template("E", 1, ("DejaVuSerif", "LiberationSerif"), ("DejaVuSans", "LiberationSansNarrow"),
             (TS.ZEBRA, TS.SHADED, TS.RULED), Numbering.PAREN, Header.TITLE, Footer.PAGE_WORD,
             ("Solarize_Light2", "seaborn-v0_8-pastel", "tableau-colorblind10"), 0.4),
    Template("F", 1, ("Helvetica", "LiberationSansNarrow"), ("Helvetica", "LiberationSans"),
             (TS.BOOKTABS, TS.BORDERLESS, TS.RULED), Numbering.DOTTED, Header.NONE, Footer.NUMBER,
             ("seaborn-v0_8-colorblind", "grayscale", "fivethirtyeight"), 0.35),
)


def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for fam, (reg, bold) in TTF_FAMILIES.items():
        if fam in pdfmetrics.getRegisteredFontNames():
            continue
        paths = [next((Path(d) / f"{n}.ttf" for d in FONT_DIRS if (Path(d) / f"{n}.ttf").exists()), None)
                 for n in (reg, bold)]
        if None in paths:
            continue
        pdfmetrics.registerFont(TTFont(fam, str(paths[0])))
        pdfmetrics.registerFont(TTFont(fam + "-Bold", str(paths[1])))
        addMapping(fam, 0, 0, fam)
        addMapping(fam, 1, 0, fam + "-Bold")
        addMapping(fam, 0, 1, fam)
        addMapping(fam, 1, 1, fam + "-Bold")


def _font(name: str) -> str:
    from reportlab.pdfbase import pdfmetrics

    return name if name in BUILTIN_BOLD or name in pdfmetrics.getRegisteredFontNames() else "Helvetica"


@dataclass
class _Record:
    """What the layout drew where: filled by the flowables' draw calls during the build."""

    pages: dict[str, list[int]] = field(default_factory=dict)
    slots: dict[str, tuple[int, float, float, float, float]] = field(default_factory=dict)
    furniture: dict[int, list[str]] = field(default_factory=dict)
    notes_on_page: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


def _flowables():
    from reportlab.platypus import Flowable, Table

    class Marker(Flowable):
        def __init__(self, rec: _Record, key: str, note: tuple[int, str] | None = None) -> None:
            super().__init__()
            self.rec, self.key, self.note = rec, key, note
            self.width = self.height = 0

        def draw(self) -> None:
            page = self.canv.getPageNumber()
            self.rec.pages.setdefault(self.key, []).append(page)
            if self.note:
                self.rec.notes_on_page.setdefault(page, []).append(self.note)

    class Slot(Flowable):
        def __init__(self, rec: _Record, key: str, w: float, h: float) -> None:
            super().__init__()
            self.rec, self.key, self.width, self.height = rec, key, w, h

        def drawOn(self, canvas, x, y, _sW=0) -> None:
            x = self._hAlignAdjust(x, _sW)
            self.rec.slots[self.key] = (canvas.getPageNumber(), x, y, self.width, self.height)

    def tracked_table(rec: _Record, key: str):
        class Tracked(Table):
            def drawOn(self, canvas, x, y, _sW=0) -> None:
                rec.pages.setdefault(key, []).append(canvas.getPageNumber())
                super().drawOn(canvas, x, y, _sW)
        return Tracked

    return Marker, Slot, tracked_table


class ReportLabBusiness:
    """Business reports from ReportLab with matplotlib charts (vector and raster)."""

    name = "reportlab"
    salt = 11
    default_count = 12  # the hidden set of issue 15 had 12 such reports

    def available(self) -> str | None:
        try:
            import matplotlib  # noqa: F401
            import pymupdf  # noqa: F401
            import reportlab  # noqa: F401
        except ImportError as e:
            return f"reportlab family needs reportlab, matplotlib and pymupdf ({e})"
        return None

    def version(self) -> str:
        import matplotlib
        import reportlab

        return f"reportlab {reportlab.Version}, matplotlib {matplotlib.__version__} (generator {VERSION})"

    def build(self, split: Split, out_dir: Path, count: int) -> list[FamilyDoc]:
        split = Split(split)
        docs = []
        for stem, tpl, i in C.doc_slots(self.name, split, out_dir, count, DEV_TEMPLATES, TEST_TEMPLATES):
            pdf, tj = stem.with_suffix(".pdf"), stem.with_suffix(".json")
            truth = C.cached_truth(pdf, tj, VERSION)
            if truth is None:
                truth = render_report(tpl, random.Random(C.split_seed(split, i, self.salt)), pdf)
                C.write_truth(truth, tj, VERSION)
            docs.append(FamilyDoc(self.name, split, stem.name, pdf, truth))
        return docs


def _numbered(tpl: Template, nums: list[int], text: str) -> str:
    if tpl.numbering is Numbering.NONE:
        return text
    label = ".".join(str(n) for n in nums)
    if tpl.numbering is Numbering.DOTTED and len(nums) == 1:
        label += "."
    elif tpl.numbering is Numbering.PAREN:
        label += ")"
    return f"{label} {text}"


@dataclass(frozen=True)
class _Page:
    width: float
    height: float
    margin: float
    note_area: float
    font: str
    size: float


def _chart_size(path: Path, raster: bool, width: float, max_height: float) -> tuple[float, float]:
    """The chart's size on the page: ``width`` wide at its aspect ratio, at most ``max_height`` tall."""
    import pymupdf

    if raster:
        from PIL import Image as PILImage

        with PILImage.open(path) as im:
            iw, ih = im.size
    else:
        with pymupdf.open(path) as cd:
            iw, ih = cd[0].rect.width, cd[0].rect.height
    h = width * ih / iw
    return (width, h) if h <= max_height else (max_height * iw / ih, max_height)


def _page_callbacks(tpl: Template, rec: _Record, geo: _Page, header: str, org: str):  # noqa: ANN202
    """onPage (running header, footer; recorded as furniture) and onPageEnd (the page's footnotes)."""

    def on_page(canvas, doc) -> None:  # noqa: ANN001, ARG001
        page = canvas.getPageNumber()
        texts: list[str] = []
        canvas.saveState()
        canvas.setFont(geo.font, geo.size - 1.5)
        if tpl.header is not Header.NONE and page > 1:
            canvas.drawString(geo.margin, geo.height - geo.margin + 18, header)
            canvas.setLineWidth(0.4)
            canvas.line(geo.margin, geo.height - geo.margin + 14, geo.width - geo.margin, geo.height - geo.margin + 14)
            texts.append(header)
        ftext = {Footer.PAGE_WORD: f"Page {page}", Footer.NUMBER: str(page), Footer.DASHED: f"\u2013 {page} \u2013",
                 Footer.ORG_PAGE: f"{org} | {page}"}[tpl.footer]
        canvas.drawCentredString(geo.width / 2, geo.margin - 26, ftext)
        texts.append(ftext)
        rec.furniture[page] = texts
        canvas.restoreState()

    def on_page_end(canvas, doc) -> None:  # noqa: ANN001, ARG001
        notes = rec.notes_on_page.get(canvas.getPageNumber(), [])
        if not notes:
            return
        canvas.saveState()
        y = geo.margin - 4 + geo.note_area - 8
        canvas.setLineWidth(0.4)
        canvas.line(geo.margin, y + 9, geo.margin + 90, y + 9)
        for num, text in notes:
            canvas.setFont(geo.font, 5.5)
            canvas.drawString(geo.margin, y + 3, str(num))
            canvas.setFont(geo.font, geo.size - 2)
            canvas.drawString(geo.margin + 6, y, text)
            y -= geo.size
        canvas.restoreState()

    return on_page, on_page_end


def render_report(tpl: Template, rng: random.Random, pdf_path: Path) -> DocTruth:
    """Lay out one report from ``rng`` into ``pdf_path`` and return its truth."""
    import pymupdf as fitz
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        CondPageBreak,
        Frame,
        FrameBreak,
        Image,
        KeepTogether,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    _register_fonts()
    Marker, Slot, tracked_table = _flowables()
    rec = _Record()
    page_w, page_h = rng.choice((A4, LETTER))
    margin = rng.uniform(44, 78)
    body_font, head_font = _font(rng.choice(tpl.body_fonts)), _font(rng.choice(tpl.heading_fonts))
    size = rng.choice((9, 9.5, 10, 10.5, 11)) - (0.5 if tpl.columns == 2 else 0)
    leading = size * rng.uniform(1.18, 1.4)
    align = rng.choice((TA_JUSTIFY, TA_LEFT)) if tpl.columns == 2 else rng.choice((TA_JUSTIFY, TA_LEFT, TA_LEFT))
    org, kind = rng.choice(C.COMPANIES), rng.choice(C.REPORT_KINDS)
    year = rng.randint(2019, 2025)
    title = f"{org} {kind} {year}" if rng.random() < 0.6 else f"{kind}: {org}"
    note_area = 34.0 if tpl.footnotes else 0.0

    body = ParagraphStyle("b", fontName=body_font, fontSize=size, leading=leading, alignment=align,
                          spaceAfter=rng.uniform(3, 9), firstLineIndent=rng.choice((0, 0, 12)))
    h2 = ParagraphStyle("h2", fontName=_bold(head_font), fontSize=size + rng.choice((3, 4, 5)),
                        leading=(size + 5) * 1.2, spaceBefore=rng.uniform(8, 16), spaceAfter=rng.uniform(4, 8),
                        textColor=rng.choice((colors.black, colors.HexColor("#1f3b5a"), colors.HexColor("#333333"))))
    h3 = ParagraphStyle("h3", parent=h2, fontSize=size + rng.choice((1, 1.5, 2)), leading=(size + 2) * 1.25,
                        spaceBefore=rng.uniform(6, 10), spaceAfter=3,
                        fontName=_bold(head_font) if rng.random() < 0.7 else head_font)
    title_style = ParagraphStyle("t", fontName=_bold(head_font), fontSize=rng.choice((18, 20, 22, 24)),
                                 leading=28, alignment=rng.choice((TA_LEFT, TA_CENTER)), spaceAfter=6)
    byline = ParagraphStyle("by", parent=body, alignment=title_style.alignment, firstLineIndent=0,
                            textColor=colors.HexColor("#555555"), spaceAfter=14)
    caption = ParagraphStyle("cap", parent=body, fontSize=size - 1, leading=(size - 1) * 1.25,
                             alignment=rng.choice((TA_LEFT, TA_CENTER)), firstLineIndent=0, spaceBefore=3, spaceAfter=8,
                             fontName=body_font if rng.random() < 0.5 else _bold(body_font))
    bullet_style = ParagraphStyle("li", parent=body, leftIndent=16, bulletIndent=4, firstLineIndent=0, spaceAfter=2)

    truth = DocTruth(title=title)
    order: list[str] = [title]  # reading order, as printed
    story: list = []
    story.append(Paragraph(C.esc(title), title_style))
    by = f"Prepared by the {rng.choice(('Finance', 'Strategy', 'Operations', 'Planning'))} team, {rng.choice(C.MONTHS)} {year}"
    story.append(Paragraph(C.esc(by), byline))
    truth.paragraphs.append(by)
    order.append(by)
    if tpl.columns == 2:
        story += [NextPageTemplate("later"), FrameBreak()]

    col_w = (page_w - 2 * margin - (18 if tpl.columns == 2 else 0)) / tpl.columns
    n_sections = rng.randint(4, 6)
    topics = rng.sample(C.SECTION_TOPICS, n_sections)
    table_plan = [C.TableKind.ROW_AND_COLUMN_GROUPS] + rng.sample(
        [C.TableKind.GROUP_ROWS, C.TableKind.SIMPLE_TOTAL, C.TableKind.ROW_AND_COLUMN_GROUPS], rng.randint(1, 2))
    if rng.random() < 0.35:
        table_plan.append(C.TableKind.LONG)
    chart_plan = rng.sample([C.ChartKind.BAR, C.ChartKind.GROUPED, C.ChartKind.STACKED, C.ChartKind.HORIZONTAL,
                             C.ChartKind.PIE, C.ChartKind.SCATTER], rng.randint(1, 3)) + [C.ChartKind.LINE]
    tables_at = {s: [] for s in range(n_sections)}
    for k, t in enumerate(table_plan):
        tables_at[min(n_sections - 1, k % (n_sections - 1))].append(t)
    charts_at = {s: [] for s in range(n_sections)}
    for k, ch in enumerate(chart_plan[:-1]):
        charts_at[rng.randrange(n_sections - 1)].append(ch)
    charts_at[n_sections - 1 if rng.random() < 0.5 else n_sections - 2].append(C.ChartKind.LINE)
    notes_left = 2 if tpl.footnotes else 0
    n_table = n_chart = note_no = 0
    tmp = Path(tempfile.mkdtemp(prefix="rlfam-"))
    chart_files: dict[str, Path] = {}
    pending_tables: list[tuple[str, C.TableSpec, TS]] = []
    pending_charts: list[tuple[str, C.ChartSpec, bool]] = []

    def add_paragraph() -> None:
        nonlocal notes_left, note_no
        text = C.paragraph(rng)
        truth.paragraphs.append(text)
        order.append(text)
        if notes_left and rng.random() < 0.3:
            notes_left -= 1
            note_no += 1
            note = C.note_text(rng)
            truth.footnotes.append(note)
            story.append(Paragraph(C.esc(text) + f"<super>{note_no}</super>", body))
            story.append(Marker(rec, f"note{note_no}", (note_no, note)))
        else:
            story.append(Paragraph(C.esc(text), body))

    for s, topic in enumerate(topics):
        head = _numbered(tpl, [s + 1], topic)
        truth.headings.append(HeadingTruth(head, 2))
        order.append(head)
        story += [CondPageBreak(4 * leading), Paragraph(C.esc(head), h2)]
        for _ in range(rng.randint(1, 2)):
            add_paragraph()
        if rng.random() < 0.4:
            items = C.list_items(rng, rng.randint(3, 5))
            numbered = rng.random() < 0.4
            for j, it in enumerate(items):
                truth.list_items.append(it)
                order.append(it)
                story.append(Paragraph(C.esc(it), bullet_style, bulletText=f"{j + 1}." if numbered else "\u2022"))
        if rng.random() < 0.5:
            sub = _numbered(tpl, [s + 1, 1], rng.choice(C.SUB_TOPICS))
            truth.headings.append(HeadingTruth(sub, 3))
            order.append(sub)
            story.append(Paragraph(C.esc(sub), h3))
            add_paragraph()
        for tkind in tables_at[s]:
            n_table += 1
            style = rng.choice(tpl.table_styles)
            key = f"table{n_table}"
            spec, table = fitting_table(rng, tkind, tracked_table(rec, key), style, body_font, size, col_w)
            spec.caption = f"Table {n_table}: {rng.choice(('Results by region', 'Key figures', 'Segment detail', 'Half-year comparison', 'Account list'))}"
            cap = Paragraph(C.esc(spec.caption), caption)
            truth.captions.append(spec.caption)
            order.append(spec.caption)
            above = rng.random() < 0.6
            parts = [cap, table] if above else [table, cap]
            story += [Spacer(1, 4)] + ([KeepTogether(parts)] if tkind is not C.TableKind.LONG else parts)
            pending_tables.append((key, spec, style))
            if rng.random() < 0.5:
                add_paragraph()
        for ck in charts_at[s]:
            n_chart += 1
            spec = C.make_chart(rng, ck, rng.choice(tpl.mpl_styles))
            raster = rng.random() < tpl.raster_share
            key = f"chart{n_chart}"
            cfile = draw_chart(spec, tmp / f"{key}.{'png' if raster else 'pdf'}", dpi=rng.choice((110, 150, 200)),
                               font=rng.choice(("DejaVu Sans", "Liberation Sans", "Liberation Serif")),
                               title=rng.random() < 0.7, fonttype=rng.choice((3, 42)))
            w, h = _chart_size(cfile, raster, min(col_w, 72 * spec.width_in * rng.uniform(0.8, 1.05)), 0.45 * page_h)
            flow = Image(str(cfile), width=w, height=h) if raster else Slot(rec, key, w, h)
            flow.hAlign = rng.choice(("LEFT", "CENTER", "CENTER"))
            chart_files[key] = cfile
            marker = Marker(rec, key)
            cap_text = f"Figure {n_chart}: {spec.title}"
            where = rng.choice((Placement.BELOW, Placement.BELOW, Placement.ABOVE, Placement.NONE))
            if where is Placement.NONE:
                story.append(KeepTogether([marker, flow, Spacer(1, 6)]))
            else:
                truth.captions.append(cap_text)
                order.append(cap_text)
                cap = Paragraph(C.esc(cap_text), caption)
                story.append(KeepTogether([marker, flow, cap] if where is Placement.BELOW else [cap, marker, flow]))
            pending_charts.append((key, spec, raster))
        if s == n_sections - 1 or rng.random() < 0.4:
            add_paragraph()

    geo = _Page(page_w, page_h, margin, note_area, body_font, size)
    on_page, on_page_end = _page_callbacks(tpl, rec, geo, title if tpl.header is Header.TITLE else f"{org} \u2014 {kind}", org)

    bottom = margin + note_area
    frame_h = page_h - margin - bottom
    doc = BaseDocTemplate(str(pdf_path), pagesize=(page_w, page_h), leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=bottom, title=title, author=org)
    if tpl.columns == 1:
        frames = [Frame(margin, bottom, page_w - 2 * margin, frame_h, id="body", leftPadding=0, rightPadding=0)]
        doc.addPageTemplates([PageTemplate("one", frames, onPage=on_page, onPageEnd=on_page_end)])
    else:
        gap = 18
        title_h = 110

        def cols(top_h: float) -> list:
            return [Frame(margin + k * (col_w + gap), bottom, col_w, frame_h - top_h, leftPadding=0, rightPadding=0)
                    for k in range(2)]
        first = [Frame(margin, page_h - margin - title_h, page_w - 2 * margin, title_h, leftPadding=0,
                       rightPadding=0)] + cols(title_h)
        doc.addPageTemplates([PageTemplate("first", first, onPage=on_page, onPageEnd=on_page_end),
                              PageTemplate("later", cols(0), onPage=on_page, onPageEnd=on_page_end)])
    doc.build(story)

    out = fitz.open(pdf_path)
    for key, (page, x, y, w, h) in rec.slots.items():
        with fitz.open(chart_files[key]) as cd:
            pg = out[page - 1]
            ph = pg.rect.height
            pg.show_pdf_page(fitz.Rect(x, ph - y - h, x + w, ph - y), cd, 0)
    truth.pages = out.page_count
    tmp_pdf = pdf_path.with_suffix(".tmp.pdf")
    out.save(tmp_pdf, garbage=3, deflate=True)
    out.close()
    tmp_pdf.replace(pdf_path)

    for key, spec, style in pending_tables:
        pages = tuple(sorted(set(rec.pages.get(key, []))))
        truth.tables.append(TableTruth(html=spec.html(), style=f"{style.value}:{spec.kind.value}", pages=pages))
    for key, spec, raster in pending_charts:
        page = rec.slots[key][0] if key in rec.slots else rec.pages.get(key, [1])[0]
        truth.charts.append(chart_truth(spec, vector=not raster, page=page, label="matplotlib"))
    truth.furniture = sorted(rec.furniture.items())
    truth.body = order
    for f in chart_files.values():
        f.unlink(missing_ok=True)
    tmp.rmdir()
    return truth
