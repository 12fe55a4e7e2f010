"""Generated table PDFs with exact ground truth: merged cells in ruled, booktabs and borderless styles.

``random_table`` draws a table model (multi-row headers with column groups, a row-header column
with rowspans, multi-line cells, numbers); ``render_table_page`` lays it out with PyMuPDF
between paragraphs and a caption; ``generate_table_set`` writes a numbered set of PDFs and
returns their ground truth (the :class:`~docparse.document.Table` and its bbox on the page).
Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from docparse.document import Cell, Table

STYLES = ("ruled", "booktabs", "borderless")

_WORDS = ("revenue cost margin units share growth index volume price rate total net gross "
          "average median region segment market sales budget actual target").split()
_REGIONS = ["North", "South", "East", "West", "Central", "Pacific", "Atlantic", "Mountain"]
_GROUPS = ["Revenue", "Operating cost", "Headcount", "Market share", "Output", "Exports"]
_SUBS = ["2021", "2022", "2023", "Q1", "Q2", "Q3", "Q4", "Min", "Max", "Mean"]
_PROSE = ("The figures below summarise the results reported by each regional office during the "
          "review period. Values are shown in thousands unless noted otherwise, and totals may "
          "not add up because of rounding. Subsequent sections discuss the main drivers of the "
          "changes observed across segments and the outlook for the coming year.").split()


@dataclass(frozen=True)
class TableSynthOptions:
    style: str = "ruled"
    min_rows: int = 4
    max_rows: int = 9
    min_cols: int = 3
    max_cols: int = 6
    group_header_prob: float = 0.6  # a second header row with column groups
    rowspan_prob: float = 0.5  # a row-header column with rowspans
    multiline_prob: float = 0.15  # body cells with two lines
    empty_prob: float = 0.05
    font_size: float = 9.0

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}")


@dataclass
class SynthTable:
    """Ground truth for one generated table."""

    file: str
    page: int
    bbox: tuple[float, float, float, float]
    table: Table
    style: str
    continued_on_pages: list[int] = field(default_factory=list)


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.randint(10, 99999):,}"
    if kind < 0.7:
        return f"{rng.uniform(0, 100):.1f}"
    if kind < 0.85:
        return f"{rng.uniform(-20, 40):.1f}%"
    return f"${rng.randint(1, 999)}.{rng.randint(0, 99):02d}"


def _label(rng: random.Random, words: int = 2) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize()


def random_table(rng: random.Random, options: TableSynthOptions) -> Table:
    """A random table model with header rows, column groups and rowspans."""
    n_cols = rng.randint(options.min_cols, options.max_cols)
    n_body = rng.randint(options.min_rows, options.max_rows)
    grouped = n_cols >= 4 and rng.random() < options.group_header_prob
    row_spans = rng.random() < options.rowspan_prob
    label_cols = 2 if row_spans and n_cols >= 4 else 1
    cells: list[Cell] = []
    header_rows = 2 if grouped else 1
    data_cols = list(range(label_cols, n_cols))
    if grouped:
        cells.append(Cell(row=0, col=0, rowspan=2, colspan=label_cols, is_header=True, text="Segment"))
        c, groups = label_cols, rng.sample(_GROUPS, len(_GROUPS))
        while c < n_cols:
            width = min(rng.choice((1, 2, 2, 3)) if c > label_cols else 2, n_cols - c)
            if width == 1:
                cells.append(Cell(row=0, col=c, rowspan=2, is_header=True, text=groups.pop()))
            else:
                cells.append(Cell(row=0, col=c, colspan=width, is_header=True, text=groups.pop()))
                subs = rng.sample(_SUBS, width)
                for k in range(width):
                    cells.append(Cell(row=1, col=c + k, is_header=True, text=subs[k]))
            c += width
    else:
        names = ["Region", "Item"][:label_cols] if label_cols == 2 else ["Category"]
        for c in range(label_cols):
            cells.append(Cell(row=0, col=c, is_header=True, text=names[c]))
        for c in data_cols:
            cells.append(Cell(row=0, col=c, is_header=True, text=_label(rng, rng.choice((1, 2)))))
    r = header_rows
    regions = rng.sample(_REGIONS, len(_REGIONS))
    while r < header_rows + n_body:
        if label_cols == 2:
            span = min(rng.choice((1, 2, 2, 3)), header_rows + n_body - r)
            cells.append(Cell(row=r, col=0, rowspan=span, text=regions.pop() if regions else "Other"))
            for k in range(span):
                cells.append(Cell(row=r + k, col=1, text=_label(rng, 1)))
        else:
            span = 1
            text = _label(rng, rng.choice((1, 2, 3)))
            if rng.random() < options.multiline_prob:
                text = text + "\n" + _label(rng, 2).lower()
            cells.append(Cell(row=r, col=0, text=text))
        for k in range(span):
            for c in data_cols:
                text = "" if rng.random() < options.empty_prob else _number(rng)
                cells.append(Cell(row=r + k, col=c, text=text))
        r += span
    # an occasional merged body cell across two data columns ("n/a" style)
    if len(data_cols) >= 3 and rng.random() < 0.3:
        row = rng.randint(header_rows, header_rows + n_body - 1)
        col = rng.choice(data_cols[:-1])
        cells = [c for c in cells if not (c.row == row and c.col in (col, col + 1))]
        cells.append(Cell(row=row, col=col, colspan=2, text="not reported"))
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(n_rows=header_rows + n_body, n_cols=n_cols, cells=cells,
                 header_rows=header_rows, style=options.style)


@dataclass(frozen=True)
class _Layout:
    xs: list[float]  # column boundaries
    ys: list[float]  # row boundaries


def _text_width(text: str, size: float, bold: bool) -> float:
    import pymupdf

    font = "hebo" if bold else "helv"
    return max((pymupdf.get_text_length(t, fontname=font, fontsize=size) for t in text.split("\n")), default=0.0)


def layout_table(table: Table, x0: float, y0: float, size: float, pad: float = 6.0) -> _Layout:
    widths = [24.0] * table.n_cols
    for cell in table.cells:
        if cell.colspan == 1:
            widths[cell.col] = max(widths[cell.col], _text_width(cell.text, size, cell.is_header) + 2 * pad)
    for cell in table.cells:
        if cell.colspan > 1:
            need = _text_width(cell.text, size, cell.is_header) + 2 * pad
            have = sum(widths[cell.col: cell.col + cell.colspan])
            if need > have:
                widths[cell.col + cell.colspan - 1] += need - have
    leading = size * 1.25
    heights = [leading + 2 * pad * 0.5] * table.n_rows
    for cell in table.cells:
        lines = cell.text.count("\n") + 1
        need = lines * leading + pad
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
    xs, ys = [x0], [y0]
    for w in widths:
        xs.append(xs[-1] + w)
    for h in heights:
        ys.append(ys[-1] + h)
    return _Layout(xs=xs, ys=ys)


def _draw_text(page, cell: Cell, lay: _Layout, size: float, center_v: bool) -> None:  # noqa: ANN001
    pad = 6.0
    x0, x1 = lay.xs[cell.col], lay.xs[cell.col + cell.colspan]
    y0, y1 = lay.ys[cell.row], lay.ys[cell.row + cell.rowspan]
    lines = cell.text.split("\n") if cell.text else []
    leading = size * 1.25
    top = y0 + pad * 0.5 if not center_v else (y0 + y1) / 2 - len(lines) * leading / 2
    font = "hebo" if cell.is_header else "helv"
    for k, line in enumerate(lines):
        width = _text_width(line, size, cell.is_header)
        x = (x0 + x1 - width) / 2 if cell.colspan > 1 else x0 + pad
        page.insert_text((x, top + k * leading + size), line, fontname=font, fontsize=size)


def _rule(page, p0, p1, width: float = 0.6) -> None:  # noqa: ANN001
    page.draw_line(p0, p1, color=(0, 0, 0), width=width)


def _draw_rules(page, table: Table, lay: _Layout, style: str) -> None:  # noqa: ANN001
    from docparse.renderers.tables import occupancy

    xs, ys = lay.xs, lay.ys
    if style == "borderless":
        return
    if style == "booktabs":
        _rule(page, (xs[0], ys[0]), (xs[-1], ys[0]), 1.0)
        _rule(page, (xs[0], ys[table.header_rows]), (xs[-1], ys[table.header_rows]), 0.5)
        _rule(page, (xs[0], ys[-1]), (xs[-1], ys[-1]), 1.0)
        for cell in table.cells:  # cmidrules under column groups
            if cell.is_header and cell.colspan > 1 and cell.row + cell.rowspan < table.header_rows:
                y = ys[cell.row + cell.rowspan]
                _rule(page, (xs[cell.col] + 3, y), (xs[cell.col + cell.colspan] - 3, y), 0.4)
        return
    occ = occupancy(table)
    for r in range(table.n_rows + 1):  # horizontal segments where the cells above/below differ
        for c in range(table.n_cols):
            above = occ[r - 1][c] if r > 0 else None
            below = occ[r][c] if r < table.n_rows else None
            if above is None or below is None or above is not below:
                _rule(page, (xs[c], ys[r]), (xs[c + 1], ys[r]))
    for c in range(table.n_cols + 1):
        for r in range(table.n_rows):
            left = occ[r][c - 1] if c > 0 else None
            right = occ[r][c] if c < table.n_cols else None
            if left is None or right is None or left is not right:
                _rule(page, (xs[c], ys[r]), (xs[c], ys[r + 1]))


def _paragraph(page, rng: random.Random, y: float, x0: float, x1: float, size: float = 10.0) -> float:  # noqa: ANN001
    """Justified-looking prose from ``y``; returns the y below it."""
    import pymupdf

    words = [rng.choice(_PROSE) for _ in range(rng.randint(30, 60))]
    line: list[str] = []
    for word in words + [""]:
        trial = " ".join(line + [word]).strip()
        if word and pymupdf.get_text_length(trial, fontname="tiro", fontsize=size) < x1 - x0:
            line.append(word)
            continue
        page.insert_text((x0, y + size), " ".join(line), fontname="tiro", fontsize=size)
        y += size * 1.3
        line = [word]
    return y + size


def render_table_page(doc, table: Table, rng: random.Random, caption: str | None,  # noqa: ANN001
                      font_size: float = 9.0) -> tuple[float, float, float, float]:
    """One A4 page: a paragraph, an optional caption, the table, a paragraph. Returns its bbox."""
    page = doc.new_page(width=595, height=842)
    margin = 60.0
    y = _paragraph(page, rng, 70.0, margin, 595 - margin)
    if caption:
        page.insert_text((margin, y + 10), caption, fontname="tiro", fontsize=10)
        y += 20
    lay = layout_table(table, margin, y + 4, font_size)
    if lay.xs[-1] > 595 - 20:
        raise ValueError("table too wide for the page")
    center = table.style == "ruled" and rng.random() < 0.5
    for cell in table.cells:
        _draw_text(page, cell, lay, font_size, center_v=center and cell.rowspan > 1)
    _draw_rules(page, table, lay, table.style or "ruled")
    _paragraph(page, rng, lay.ys[-1] + 14, margin, 595 - margin)
    return (lay.xs[0], lay.ys[0], lay.xs[-1], lay.ys[-1])


def _save_atomic(doc, path: Path) -> None:  # noqa: ANN001
    """Write then rename, so a reader never sees a half-written file."""
    import os

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    doc.save(tmp)
    doc.close()
    os.replace(tmp, path)


def generate_table_set(out_dir: Path, n: int = 30, seed: int = 7) -> list[SynthTable]:
    """``n`` one-page PDFs cycling through the styles; returns their ground truth."""
    import pymupdf

    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    truths: list[SynthTable] = []
    k = 0
    while len(truths) < n:
        style = STYLES[len(truths) % len(STYLES)]
        table = random_table(rng, TableSynthOptions(style=style))
        doc = pymupdf.open()
        try:
            bbox = render_table_page(doc, table, rng, caption=f"Table {k + 1}: {_label(rng, 3)} by segment")
        except ValueError:
            doc.close()
            continue
        name = f"table_{k:03d}_{style}.pdf"
        _save_atomic(doc, out_dir / name)
        truths.append(SynthTable(file=name, page=1, bbox=bbox, table=table, style=style))
        k += 1
    return truths


def generate_two_column_page(path: Path, seed: int = 3) -> None:
    """A two-column prose page (no table): a detector must not call it a table."""
    import pymupdf

    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y_left, y_right = 70.0, 70.0
    while y_left < 700:
        y_left = _paragraph(page, rng, y_left, 50, 285)
    while y_right < 700:
        y_right = _paragraph(page, rng, y_right, 310, 545)
    doc.save(path)
    doc.close()


def generate_cross_page_table(path: Path, seed: int = 5, repeat_header: bool = True,
                              style: str = "ruled") -> Table:
    """A long table split over two pages (header repeated or not); returns the whole table."""
    import pymupdf

    rng = random.Random(seed)
    n_cols, n_body = 4, 24
    header = [Cell(row=0, col=c, is_header=True, text=t)
              for c, t in enumerate(["Item", "Units", "Price", "Total"][:n_cols])]
    body = [[_label(rng, 2)] + [_number(rng) for _ in range(n_cols - 1)] for _ in range(n_body)]
    whole = Table(n_rows=n_body + 1, n_cols=n_cols, header_rows=1, style=style, cells=header + [
        Cell(row=r + 1, col=c, text=t) for r, row in enumerate(body) for c, t in enumerate(row)])
    split = n_body // 2 + 3
    parts = [body[:split], body[split:]]
    doc = pymupdf.open()
    for k, rows in enumerate(parts):
        with_header = k == 0 or repeat_header
        cells = list(header) if with_header else []
        off = 1 if with_header else 0
        cells += [Cell(row=r + off, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row)]
        part = Table(n_rows=len(rows) + off, n_cols=n_cols, header_rows=off, style=style, cells=cells)
        page = doc.new_page(width=595, height=842)
        y = 70.0
        if k == 0:
            y = _paragraph(page, rng, y, 60, 535)
            page.insert_text((60, y + 10), "Table 1: Units and prices by item", fontname="tiro", fontsize=10)
            y += 20
        lay = layout_table(part, 60, y + 4, 9.0)
        lay = _Layout(xs=[60 + i * 110 for i in range(n_cols + 1)], ys=lay.ys)  # same columns on both pages
        for cell in part.cells:
            _draw_text(page, cell, lay, 9.0, center_v=False)
        _draw_rules(page, part, lay, style)
        if k == 1:
            _paragraph(page, rng, lay.ys[-1] + 14, 60, 535)
    doc.save(path)
    doc.close()
    return whole
