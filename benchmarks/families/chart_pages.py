"""Chart-page families: report pages with running text around charts, laid out by WeasyPrint.

Each document has a title, an intro, and sections drawn from four templates that reproduce the
places where chart regions used to leak into or swallow text:

* two text columns (CSS columns) above a full-width chart, the next numbered heading directly
  below the chart;
* a pie chart followed at once by a heading and a list;
* a narrow chart between paragraphs, sometimes with a caption;
* a chart at the top of a later page (forced page break).

Charts come from one renderer per family (Vega-Lite, matplotlib in non-default styles, pygal,
plotly), each drawn either as a vector (inline SVG, or a matplotlib PDF placed with pymupdf
``show_pdf_page``) or as a PNG picture. Dev and test use disjoint seeds and disjoint renderer
styles (themes) and page templates (fonts, page sizes). The truth is the chart data and the text
handed to the renderer.
"""

from __future__ import annotations

import base64
import html
import random
import subprocess
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from benchmarks.families import chart_text as text
from benchmarks.families.base import DocTruth, HeadingTruth, Split
from benchmarks.families.chart_data import ChartSpec, Kind, chart_truth, random_spec
from benchmarks.families.chart_render import Format, Renderer, render

SEED_BASE = {Split.DEV: 11_000, Split.TEST: 77_000}
FONTS = {Split.DEV: ("DejaVu Sans", "DejaVu Serif"), Split.TEST: ("Liberation Sans", "Liberation Serif", "C059", "Nimbus Sans")}
PAGES = {Split.DEV: ("A4",), Split.TEST: ("Letter", "A4")}


class Section(str, Enum):
    COLUMNS_ABOVE = "columns_above"
    PIE_THEN_LIST = "pie_then_list"
    NARROW = "narrow"
    LATER_PAGE = "later_page"


@dataclass
class _Doc:
    """HTML body parts and truth collected while a document is composed."""

    rng: random.Random
    split: Split
    renderer: Renderer
    style: str
    raster_share: float
    body: list[str] = field(default_factory=list)
    truth: DocTruth = field(default_factory=lambda: DocTruth(title=""))
    specs: list[tuple[str, ChartSpec, bool]] = field(default_factory=list)  # anchor id, spec, raster
    placed: list[tuple[str, bytes, float]] = field(default_factory=list)  # anchor id, PDF, width pt
    heading_no: int = 1

    def para(self, value: str) -> None:
        self.body.append(f"<p>{html.escape(value)}</p>")
        self.truth.paragraphs.append(value)
        self.truth.body.append(value)

    def heading(self, topic: str) -> None:
        self.heading_no += 1
        label = f"{self.heading_no}. {topic}" if self.rng.random() < 0.7 else f"{self.heading_no} {topic}"
        self.body.append(f"<h2>{html.escape(label)}</h2>")
        self.truth.headings.append(HeadingTruth(label, 2))
        self.truth.body.append(label)

    def chart(self, spec: ChartSpec, width_pt: float, css: str = "") -> None:
        raster = self.rng.random() < self.raster_share
        fmt = Format.PNG if raster else Format.SVG
        if not raster and self.renderer is Renderer.MATPLOTLIB and self.rng.random() < 0.5:
            fmt = Format.PDF
        anchor = f"chart-{len(self.specs) + 1}"
        out = render(spec, self.renderer, self.style, fmt, width_pt)
        self.specs.append((anchor, spec, raster))
        if out.fmt is Format.PDF:
            height = _pdf_height(out.data, width_pt)
            self.placed.append((anchor, out.data, width_pt))
            self.body.append(f'<div class="chart" id="{anchor}" style="width:{width_pt:.0f}pt;height:{height:.1f}pt;{css}"></div>')
            return
        mime = "image/png" if out.fmt is Format.PNG else "image/svg+xml"
        src = f"data:{mime};base64,{base64.b64encode(out.data).decode()}"
        self.body.append(f'<div class="chart" id="{anchor}" style="{css}"><img src="{src}" style="width:{width_pt:.0f}pt"></div>')


def _pdf_height(pdf: bytes, width_pt: float) -> float:
    import pymupdf

    r = pymupdf.open("pdf", pdf)[0].rect
    return width_pt * r.height / r.width


def _columns_above(d: _Doc, topic: str, width: float) -> None:
    d.heading(topic)
    paras = [text.paragraph(d.rng, 2, 3) for _ in range(d.rng.randint(2, 3))]
    d.body.append('<div class="cols">')
    for p in paras:
        d.para(p)
    d.body.append("</div>")
    d.chart(random_spec(d.rng, wide=True), width)


def _pie_then_list(d: _Doc, topic: str, width: float) -> None:
    d.heading(topic)
    d.para(text.paragraph(d.rng, 1, 2))
    d.chart(random_spec(d.rng, kind=Kind.PIE, wide=False), min(width * 0.6, 300.0))
    used = {h.text.split(" ", 1)[1] for h in d.truth.headings}
    d.heading(next(t for t in text.topics(d.rng, len(used) + 1) if t not in used))
    items = text.list_items(d.rng, d.rng.randint(2, 4))
    tag = d.rng.choice(("ul", "ol"))
    d.body.append(f"<{tag}>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + f"</{tag}>")
    d.truth.list_items.extend(items)
    d.truth.body.extend(items)


def _narrow(d: _Doc, topic: str, width: float) -> None:
    d.heading(topic)
    d.para(text.paragraph(d.rng))
    kind = d.rng.choice([k for k in Kind if k is not Kind.PIE])
    d.chart(random_spec(d.rng, kind=kind, wide=False), width * d.rng.uniform(0.5, 0.62),
            css=d.rng.choice(("", "margin-left:auto;margin-right:auto;width:max-content")))
    if d.rng.random() < 0.5:
        cap = f"Figure {len(d.specs)}: {d.specs[-1][1].title} by period."
        d.body.append(f'<p class="caption">{html.escape(cap)}</p>')
        d.truth.captions.append(cap)
        d.truth.body.append(cap)
    d.para(text.paragraph(d.rng))


def _later_page(d: _Doc, topic: str, width: float) -> None:
    d.body.append('<div style="break-before: page"></div>')
    kind = d.rng.choice((Kind.LINE, Kind.LINE, Kind.AREA, Kind.BAR))
    d.chart(random_spec(d.rng, kind=kind, wide=True), width)
    d.heading(topic)
    d.para(text.paragraph(d.rng))


_SECTIONS = {Section.COLUMNS_ABOVE: _columns_above, Section.PIE_THEN_LIST: _pie_then_list,
             Section.NARROW: _narrow, Section.LATER_PAGE: _later_page}


def _css(rng: random.Random, split: Split) -> tuple[str, float]:
    page = rng.choice(PAGES[split])
    margin = rng.choice((54, 62, 72))
    width = (595 if page == "A4" else 612) - 2 * margin
    font, size = rng.choice(FONTS[split]), rng.choice((9.5, 10, 10.5, 11))
    css = (f"@page {{ size: {page}; margin: {margin}pt }} body {{ font-family: '{font}'; font-size: {size}pt; "
           f"line-height: {rng.choice((1.25, 1.35, 1.45))} }} h1 {{ font-size: {size * 2:.0f}pt; margin: 0 0 10pt }} "
           f"h2 {{ font-size: {size * 1.35:.1f}pt; margin: {rng.choice((4, 8, 12))}pt 0 5pt }} "
           f".cols {{ column-count: 2; column-gap: {rng.choice((14, 18, 24))}pt }} .cols p {{ margin: 0 0 6pt }} "
           f".chart {{ margin: {rng.choice((2, 6, 10))}pt 0 }} p {{ margin: 0 0 7pt }} "
           f"p.caption {{ font-size: {size - 1}pt; font-style: italic }} li {{ margin: 2pt 0 }}")
    return css, float(width)


def _compose(d: _Doc) -> str:
    css, width = _css(d.rng, d.split)
    d.truth.title = text.title(d.rng)
    d.truth.body.append(d.truth.title)  # the body truth in reading order (title, headings, text, captions)
    d.para(text.paragraph(d.rng, 2, 3))
    order = [Section.COLUMNS_ABOVE, Section.PIE_THEN_LIST, Section.NARROW]
    d.rng.shuffle(order)
    order.append(Section.LATER_PAGE)
    if d.rng.random() < 0.5:
        order.insert(-1, d.rng.choice((Section.COLUMNS_ABOVE, Section.NARROW)))
    for sec, topic in zip(order, text.topics(d.rng, len(order))):
        _SECTIONS[sec](d, topic, width)
    return (f"<html><head><meta charset='utf-8'><title>{html.escape(d.truth.title)}</title><style>{css}</style></head>"
            f"<body><h1>{html.escape(d.truth.title)}</h1>{''.join(d.body)}</body></html>")


def _finish_pdf(d: _Doc, pdf: Path) -> None:
    """Place the matplotlib PDFs and read each chart's page from its anchor."""
    import pymupdf

    doc = pymupdf.open(pdf)
    names = doc.resolve_names()
    for anchor, data, width in d.placed:
        dest = names[anchor]
        page = doc[dest["page"]]
        x, y = dest["to"]
        top = page.rect.height - y
        src = pymupdf.open("pdf", data)
        rect = pymupdf.Rect(x, top, x + width, top + _pdf_height(data, width))
        page.show_pdf_page(rect, src, 0)
    for anchor, spec, raster in d.specs:
        style = f"{d.renderer.value}:{d.style}:{'png' if raster else 'vector'}"
        d.truth.charts.append(chart_truth(spec, vector=not raster, page=names[anchor]["page"] + 1, style=style))
    d.truth.pages = doc.page_count
    if d.placed:
        doc.save(pdf.with_suffix(".tmp.pdf"))
        doc.close()
        pdf.with_suffix(".tmp.pdf").replace(pdf)


def build_doc(split: Split, renderer: Renderer, style: str, seed: int, out: Path, raster_share: float) -> DocTruth:
    d = _Doc(random.Random(seed), split, renderer, style, raster_share)
    page_html = _compose(d)
    src = out.with_suffix(".html")
    src.write_text(page_html, encoding="utf-8")
    subprocess.run(["weasyprint", str(src), str(out)], check=True, capture_output=True, timeout=300)
    src.unlink()
    _finish_pdf(d, out)
    return d.truth
