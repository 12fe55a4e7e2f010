"""Region-level synthetic data for the VLM: rendered crops with exact targets.

Three groups, as the pipeline routes them:

* **text blocks** (semantic) — a few lines of words in many fonts, sizes and colours, with
  the three corruption levels of the design: ``light`` (noise and slight blur, still legible:
  learn OCR), ``medium`` (a span of words blurred: learn to use context), ``heavy`` (a span
  erased: learn to reconstruct from context). The target is always the full text.
* **tables with merged cells** (structural) — column-group headers (colspan), row-header
  rowspans, ruled / booktabs / borderless; target OTSL (or HTML).
* **charts** (chart) — vertical bars, horizontal bars and lines with axes, ticks, legends and
  optional value labels; target the value table as CSV.

Everything is a pure function of a ``random.Random``: a seed gives the same samples.
"""

from __future__ import annotations

import glob
import random
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Iterator

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from docparse.document import Cell, Chart, ChartType, RegionGroup, Series, Table

WORDS = ("the of and to in is for on that by with as at from this are be or an was which "
          "report results data table value market growth price rate total year quarter "
          "revenue cost share index model system method analysis figure section page review "
          "annual net sales region north south east west average increase decrease level "
          "first second new high low number time period based shown above below each").split()
_CATS = [["Q1", "Q2", "Q3", "Q4"], ["2019", "2020", "2021", "2022", "2023", "2024"],
         ["North", "South", "East", "West", "Central"], ["Jan", "Feb", "Mar", "Apr", "May", "Jun"],
         ["A", "B", "C", "D", "E"]]
_SERIES = ["Sales", "Cost", "Profit", "Revenue", "Exports", "Imports", "Actual", "Target"]
_HEAD = ["Region", "Item", "Segment", "Group", "Country", "Product"]
_GROUPS = ["Revenue", "Output", "Share", "Budget", "Volume"]
_PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
            (90, 90, 90)]


class Corruption(str, Enum):
    NONE = "none"
    LIGHT = "light"  # legible: learn OCR
    MEDIUM = "medium"  # blurred span: learn to use context
    HEAVY = "heavy"  # erased span: learn to reconstruct from context


@dataclass(frozen=True)
class RegionSynthOptions:
    mix: tuple[float, float, float] = (0.4, 0.3, 0.3)  # text, table, chart
    text_lines: tuple[int, int] = (1, 2)
    words_per_line: tuple[int, int] = (2, 5)
    font_size: tuple[int, int] = (13, 22)
    corruption_weights: tuple[float, float, float, float] = (0.2, 0.5, 0.2, 0.1)  # none..heavy
    table_body_rows: tuple[int, int] = (2, 3)
    table_cols: tuple[int, int] = (2, 4)
    table_target: str = "otsl"  # or "html"
    chart_categories: tuple[int, int] = (2, 5)
    chart_series: tuple[int, int] = (1, 2)


@dataclass
class RegionSample:
    image: np.ndarray  # H×W×3 uint8
    group: RegionGroup
    task: str  # prompt/task name: text, table, chart
    target: str
    corruption: Corruption = Corruption.NONE
    text: str = ""
    table: Table | None = None
    chart: Chart | None = None


LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def covers_latin(path: str) -> bool:
    """Whether the font has every basic Latin letter and digit: a font for another script draws
    them as empty boxes (of the 320 fonts on the dev machine after the Noto install, 250 do)."""
    from fontTools.ttLib import TTFont

    try:
        cmap = TTFont(path, lazy=True).getBestCmap() or {}
    except Exception:  # noqa: BLE001 - a broken font file is just not used
        return False
    return all(ord(c) in cmap for c in LATIN)


@lru_cache(maxsize=1)
def _font_files() -> tuple[str, ...]:
    files = sorted(f for f in glob.glob("/usr/share/fonts/**/*.ttf", recursive=True)
                   if "Math" not in f and "ExtraLight" not in f)
    return tuple(f for f in files if covers_latin(f))


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def random_font(rng: random.Random, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    files = _font_files()
    return _font(rng.choice(files) if files else "", size)


def _colors(rng: random.Random) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    bg = tuple(rng.randint(225, 255) for _ in range(3))
    fg = tuple(rng.randint(0, 70) for _ in range(3))
    return bg, fg  # type: ignore[return-value]


# ---------------------------------------------------------------- text blocks


def random_text_lines(rng: random.Random, options: RegionSynthOptions) -> list[str]:
    lines = []
    for _ in range(rng.randint(*options.text_lines)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(*options.words_per_line))]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words) + 1), str(rng.randint(1, 2030)))
        if rng.random() < 0.4:
            words[0] = words[0].capitalize()
        lines.append(" ".join(words) + ("." if rng.random() < 0.3 else ""))
    return lines


def render_text_block(rng: random.Random, lines: list[str], size: int
                      ) -> tuple[Image.Image, list[tuple[int, int, int, int]], tuple[int, int, int]]:
    """The block image, every word's pixel box (in reading order) and the background colour."""
    font = random_font(rng, size)
    bg, fg = _colors(rng)
    pad = rng.randint(2, 8)
    gap = int(size * rng.uniform(1.15, 1.5))
    space = max(3, int(font.getlength(" ")))
    widths = [sum(int(font.getlength(w)) for w in ln.split()) + space * (len(ln.split()) - 1)
              for ln in lines]
    img = Image.new("RGB", (max(widths) + 2 * pad, gap * len(lines) + 2 * pad), bg)
    draw = ImageDraw.Draw(img)
    boxes = []
    for k, line in enumerate(lines):
        x, y = pad, pad + k * gap
        for word in line.split():
            draw.text((x, y), word, font=font, fill=fg)
            w = int(font.getlength(word))
            boxes.append((x, y, x + w, y + int(size * 1.2)))
            x += w + space
    return img, boxes, bg


def corrupt_text_block(rng: random.Random, img: Image.Image, boxes: list[tuple[int, int, int, int]],
                       bg: tuple[int, int, int], level: Corruption) -> Image.Image:
    if level is Corruption.NONE:
        return img
    if level is Corruption.LIGHT:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.8)))
        arr = np.asarray(img).astype(np.int16)
        noise = np.random.default_rng(rng.randrange(2**31)).normal(0, rng.uniform(3, 14), arr.shape)
        return Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8))
    n = max(1, int(len(boxes) * rng.uniform(0.15, 0.4)))
    start = rng.randrange(0, len(boxes) - n + 1)
    span = boxes[start : start + n]
    out = img.copy()
    draw = ImageDraw.Draw(out)
    for x0, y0, x1, y1 in span:
        if level is Corruption.HEAVY:
            draw.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), fill=bg)
        else:
            region = out.crop((x0, y0, x1, y1)).filter(ImageFilter.GaussianBlur(rng.uniform(2.5, 4.0)))
            out.paste(region, (x0, y0))
    return out


def text_sample(rng: random.Random, options: RegionSynthOptions,
                level: Corruption | None = None) -> RegionSample:
    lines = random_text_lines(rng, options)
    if level is None:
        level = rng.choices(list(Corruption), weights=options.corruption_weights)[0]
    img, boxes, bg = render_text_block(rng, lines, rng.randint(*options.font_size))
    img = corrupt_text_block(rng, img, boxes, bg, level)
    text = " ".join(lines)
    return RegionSample(np.asarray(img), RegionGroup.SEMANTIC, "text", text, level, text=text)


# ---------------------------------------------------------------- tables


def random_region_table(rng: random.Random, options: RegionSynthOptions) -> Table:
    n_cols = rng.randint(*options.table_cols)
    body = rng.randint(*options.table_body_rows)
    cells: list[Cell] = []
    grouped = n_cols >= 3 and rng.random() < 0.5
    head = rng.choice(_HEAD)
    subs = rng.sample(_CATS[rng.randrange(len(_CATS))] + _SERIES, n_cols - 1)
    if grouped:
        cells.append(Cell(row=0, col=0, rowspan=2, is_header=True, text=head))
        cells.append(Cell(row=0, col=1, colspan=n_cols - 1, is_header=True, text=rng.choice(_GROUPS)))
        cells += [Cell(row=1, col=c, is_header=True, text=subs[c - 1]) for c in range(1, n_cols)]
        header_rows = 2
    else:
        cells.append(Cell(row=0, col=0, is_header=True, text=head))
        cells += [Cell(row=0, col=c, is_header=True, text=subs[c - 1]) for c in range(1, n_cols)]
        header_rows = 1
    labels = rng.sample(_CATS[2] + _SERIES, body)
    r = header_rows
    while r < header_rows + body:
        span = 2 if r + 1 < header_rows + body and rng.random() < 0.3 else 1
        cells.append(Cell(row=r, col=0, rowspan=span, text=labels[r - header_rows]))
        for rr in range(r, r + span):
            for c in range(1, n_cols):
                value = "" if rng.random() < 0.08 else _table_number(rng)
                cells.append(Cell(row=rr, col=c, text=value))
        r += span
    return Table(n_rows=header_rows + body, n_cols=n_cols, cells=cells, header_rows=header_rows)


def _table_number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return str(rng.randint(0, 999))
    if kind < 0.8:
        return f"{rng.uniform(0, 100):.1f}"
    return f"{rng.randint(1, 99)}%"


def render_table(rng: random.Random, table: Table, style: str | None = None) -> Image.Image:
    style = style or rng.choice(("ruled", "booktabs", "borderless"))
    size = rng.randint(12, 18)
    font = random_font(rng, size)
    bg, fg = _colors(rng)
    pad = rng.randint(4, 9)
    col_w = [0] * table.n_cols
    for c in table.cells:
        if c.colspan == 1:
            col_w[c.col] = max(col_w[c.col], int(font.getlength(c.text)) + 2 * pad)
    col_w = [max(w, 3 * pad) for w in col_w]
    row_h = int(size * 1.3) + pad
    xs = np.cumsum([2] + col_w).tolist()
    ys = [2 + row_h * k for k in range(table.n_rows + 1)]
    img = Image.new("RGB", (xs[-1] + 3, ys[-1] + 3), bg)
    draw = ImageDraw.Draw(img)
    for c in table.cells:
        x0, x1 = xs[c.col], xs[c.col + c.colspan]
        y0, y1 = ys[c.row], ys[c.row + c.rowspan]
        if style == "ruled":
            draw.rectangle((x0, y0, x1, y1), outline=fg, width=1)
        w = font.getlength(c.text)
        tx = x0 + pad if c.col == 0 else x0 + (x1 - x0 - w) / 2
        draw.text((tx, y0 + (y1 - y0 - size) / 2 - 1), c.text, font=font, fill=fg)
    if style != "ruled":
        hy = ys[table.header_rows]
        width = 2 if style == "booktabs" else 1
        draw.line((xs[0], hy, xs[-1], hy), fill=fg, width=1)
        if style == "booktabs":
            draw.line((xs[0], ys[0], xs[-1], ys[0]), fill=fg, width=width)
            draw.line((xs[0], ys[-1], xs[-1], ys[-1]), fill=fg, width=width)
    return img


def table_sample(rng: random.Random, options: RegionSynthOptions) -> RegionSample:
    from docparse.vlm.formats import table_to_otsl

    table = random_region_table(rng, options)
    img = render_table(rng, table)
    target = table_to_otsl(table) if options.table_target == "otsl" else table.to_html()
    return RegionSample(np.asarray(img), RegionGroup.STRUCTURAL, "table", target, table=table)


# ---------------------------------------------------------------- charts


def random_chart(rng: random.Random, options: RegionSynthOptions) -> Chart:
    cats = rng.choice(_CATS)
    n = min(len(cats), rng.randint(*options.chart_categories))
    start = rng.randint(0, len(cats) - n)
    names = rng.sample(_SERIES, rng.randint(*options.chart_series))
    step = rng.choice((1, 5, 10))
    top = rng.choice((20, 50, 100, 200))
    series = [Series(name=s, values=[float(step * rng.randint(1, top // step)) for _ in range(n)])
              for s in names]
    kind = rng.choice((ChartType.BAR, ChartType.BAR, ChartType.HORIZONTAL_BAR, ChartType.LINE))
    return Chart(type=kind, categories=cats[start : start + n], series=series)


def _nice_max(value: float) -> float:
    for m in (10, 20, 25, 50, 100, 150, 200, 250, 500, 1000):
        if value <= m:
            return float(m)
    return float(value)


def render_chart(rng: random.Random, chart: Chart) -> Image.Image:
    size = rng.randint(10, 14)
    font = random_font(rng, size)
    w, h = rng.randint(220, 320), rng.randint(150, 210)
    bg = tuple(rng.randint(240, 255) for _ in range(3))
    fg = (40, 40, 40)
    img = Image.new("RGB", (w, h), bg)  # type: ignore[arg-type]
    draw = ImageDraw.Draw(img)
    left, bottom, top, right = 38, h - 22, 10, w - 8
    if len(chart.series) > 1:
        top = 10 + size + 6
        x = left
        for k, s in enumerate(chart.series):
            draw.rectangle((x, 6, x + 8, 14), fill=_PALETTE[k])
            draw.text((x + 11, 3), s.name, font=font, fill=fg)
            x += 20 + int(font.getlength(s.name))
    vmax = _nice_max(max(v for s in chart.series for v in s.values if v is not None))
    horizontal = chart.type is ChartType.HORIZONTAL_BAR
    if horizontal:
        left = 12 + max(int(font.getlength(c)) for c in chart.categories)
    draw.line((left, top, left, bottom), fill=fg)
    draw.line((left, bottom, right, bottom), fill=fg)
    for t in range(5):
        value = vmax * t / 4
        label = f"{value:g}"
        if horizontal:
            x = left + (right - left) * t / 4
            draw.line((x, bottom, x, bottom + 3), fill=fg)
            draw.text((x - font.getlength(label) / 2, bottom + 4), label, font=font, fill=fg)
        else:
            y = bottom - (bottom - top) * t / 4
            draw.line((left - 3, y, left, y), fill=fg)
            draw.text((left - 5 - font.getlength(label), y - size / 2), label, font=font, fill=fg)
    labelled = rng.random() < 0.5
    n, k_series = len(chart.categories), len(chart.series)
    if horizontal:
        _draw_hbars(draw, chart, font, (left, top, right, bottom), vmax, labelled, size)
    else:
        band = (right - left) / n
        points: list[list[tuple[float, float]]] = [[] for _ in range(k_series)]
        for i, cat in enumerate(chart.categories):
            cx = left + band * (i + 0.5)
            draw.text((cx - font.getlength(cat) / 2, bottom + 4), cat, font=font, fill=fg)
            for k, s in enumerate(chart.series):
                v = s.values[i] or 0.0
                y = bottom - (bottom - top) * v / vmax
                if chart.type is ChartType.LINE:
                    points[k].append((cx, y))
                    draw.ellipse((cx - 2, y - 2, cx + 2, y + 2), fill=_PALETTE[k])
                else:
                    bw = band * 0.7 / k_series
                    x0 = cx - band * 0.35 + k * bw
                    draw.rectangle((x0, min(y, bottom - 2), x0 + max(1.0, bw - 1), bottom - 1), fill=_PALETTE[k])
                    cx_label = x0 + bw / 2
                    if labelled:
                        lab = f"{v:g}"
                        draw.text((cx_label - font.getlength(lab) / 2, y - size - 1), lab, font=font, fill=fg)
                if labelled and chart.type is ChartType.LINE:
                    lab = f"{v:g}"
                    draw.text((cx - font.getlength(lab) / 2, y - size - 3), lab, font=font, fill=fg)
        for k, pts in enumerate(points):
            if len(pts) > 1:
                draw.line(pts, fill=_PALETTE[k], width=2)
    return img


def _draw_hbars(draw: ImageDraw.ImageDraw, chart: Chart, font: ImageFont.ImageFont,
                box: tuple[float, float, float, float], vmax: float, labelled: bool, size: int) -> None:
    left, top, right, bottom = box
    n, k_series = len(chart.categories), len(chart.series)
    band = (bottom - top) / n
    for i, cat in enumerate(chart.categories):
        cy = top + band * (i + 0.5)
        draw.text((left - 6 - font.getlength(cat), cy - size / 2), cat, font=font, fill=(40, 40, 40))
        for k, s in enumerate(chart.series):
            v = s.values[i] or 0.0
            bh = band * 0.7 / k_series
            y0 = cy - band * 0.35 + k * bh
            x1 = left + (right - left) * v / vmax
            draw.rectangle((left + 1, y0, max(x1, left + 2), y0 + max(1.0, bh - 1)), fill=_PALETTE[k])
            if labelled and x1 + 4 + font.getlength(f"{v:g}") < right + 8:
                draw.text((x1 + 3, y0 + bh / 2 - size / 2), f"{v:g}", font=font, fill=(40, 40, 40))


def chart_sample(rng: random.Random, options: RegionSynthOptions) -> RegionSample:
    from docparse.vlm.formats import chart_to_csv

    chart = random_chart(rng, options)
    img = render_chart(rng, chart)
    return RegionSample(np.asarray(img), RegionGroup.CHART, "chart", chart_to_csv(chart), chart=chart)


# ---------------------------------------------------------------- streams


def region_sample(rng: random.Random, options: RegionSynthOptions) -> RegionSample:
    group = rng.choices((0, 1, 2), weights=options.mix)[0]
    if group == 0:
        return text_sample(rng, options)
    if group == 1:
        return table_sample(rng, options)
    return chart_sample(rng, options)


def region_samples(seed: int, n: int, options: RegionSynthOptions | None = None
                   ) -> Iterator[RegionSample]:
    """``n`` samples, deterministic for ``seed``."""
    rng = random.Random(seed)
    options = options or RegionSynthOptions()
    for _ in range(n):
        yield region_sample(rng, options)
