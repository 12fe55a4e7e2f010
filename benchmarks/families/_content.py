"""Renderer-neutral content for the office-style families (ReportLab, LibreOffice, pdflatex).

Everything here is plain data drawn from a seeded :class:`random.Random`: document titles,
section plans, paragraphs, list items, notes, tables with row groups / column groups / group
rows, and chart data. The renderers turn the same data into PDF and into the truth, so the
truth never comes from reading a PDF back. Written for the families; it shares no vocabulary,
templates or code with ``benchmarks/synth``.
"""

from __future__ import annotations

import html
import random
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from benchmarks.families.base import Split

COMPANIES = ("Harbor Vale", "Kestrel Mills", "Orchard Lane", "Bluefin Logistics", "Pinecrest Foods",
             "Granite Peak", "Tidewater Energy", "Silverline Retail", "Cobalt Freight", "Meridian Health",
             "Juniper Textiles", "Northgate Paper", "Amberfield Farms", "Redstone Tools", "Larkspur Media")
REPORT_KINDS = ("Annual Performance Review", "Quarterly Business Report", "Market Outlook",
                "Operations Summary", "Regional Sales Update", "Investor Briefing", "Board Report",
                "Budget Memorandum", "Customer Insights Study", "Supply Chain Assessment")
SECTION_TOPICS = ("Executive Summary", "Revenue and Margin", "Regional Performance", "Customer Trends",
                  "Operating Costs", "Channel Mix", "Outlook and Risks", "Product Portfolio",
                  "Workforce and Hiring", "Capital Spending", "Pricing Review", "Inventory Position",
                  "Digital Sales", "Service Quality", "Methodology", "Sustainability Measures",
                  "Market Share", "Cash Flow", "Procurement", "Logistics Network")
SUB_TOPICS = ("Key Drivers", "Segment Detail", "Seasonal Pattern", "Year on Year", "Cost Breakdown",
              "Forecast Assumptions", "Open Questions", "Data Sources", "Peer Comparison",
              "Regional Notes", "Unit Economics", "Retention", "Next Steps", "Method Changes")
REGIONS = ("North", "South", "East", "West", "Central", "Coastal", "Alpine", "Metro", "Rural",
           "Overseas", "Islands", "Highlands")
METRICS = ("Revenue", "Margin", "Returns", "Sessions", "Orders", "Units", "Churn", "Headcount",
           "Backlog", "Tickets", "Visits", "Leads", "Refunds", "Yield")
SEGMENTS = ("Online", "Wholesale", "Retail", "Direct", "Partner", "Export", "Enterprise", "Consumer",
            "Public Sector", "Small Business")
PRODUCTS = ("Cedar", "Maple", "Willow", "Aspen", "Birch", "Hazel", "Rowan", "Alder", "Laurel", "Spruce",
            "Poplar", "Linden")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")

SUBJECTS = ("Demand in the {r} region", "The {s} channel", "Spending on {m}", "Our {p} line",
            "Average order value", "Gross margin", "Customer retention", "Freight cost per unit",
            "The share of repeat buyers", "Working capital", "Staff turnover", "Supplier lead time")
VERBS = ("rose steadily", "fell slightly", "held broadly flat", "recovered in the second half",
         "outpaced the plan", "lagged the prior year", "improved after the price change",
         "softened late in the year", "stayed within the target range", "grew faster than expected")
CLAUSES = ("as new accounts came on stream", "despite higher input costs", "while volumes were stable",
           "helped by a milder winter", "because two large contracts moved into the next period",
           "and the trend continued into the first weeks of the new year", "in line with the budget",
           "after the warehouse consolidation", "with most of the change in the last quarter",
           "although the comparison base was unusually strong")
FOLLOWS = ("Management expects the pattern to persist.", "The board asked for a closer review.",
           "No adjustment to guidance is proposed.", "Further detail is given in the tables below.",
           "This reverses the decline reported last year.", "The effect on cash was limited.",
           "A revised forecast will follow in the spring.", "Both effects are expected to fade.")
LIST_ITEMS = ("Consolidate the {r} distribution centres", "Renegotiate freight rates with two carriers",
              "Extend the {p} range into {s} accounts", "Review pricing for small orders",
              "Publish monthly margin figures by region", "Reduce stock held for more than 90 days",
              "Train staff on the new ordering system", "Close the remaining legacy contracts",
              "Introduce a loyalty offer for {s} customers", "Automate invoice matching",
              "Hire a data lead for the {r} team", "Report {m} weekly to the steering group")
NOTES = ("Figures are unaudited and may be restated.", "Excludes discontinued operations.",
         "Converted at average exchange rates for the period.", "Includes one acquisition from March.",
         "Based on a sample of {n} customer accounts.", "Restated for the new segment definitions.",
         "Seasonally adjusted using a twelve-month window.", "Headcount measured at period end.")


def _fill(rng: random.Random, template: str) -> str:
    return template.format(r=rng.choice(REGIONS), s=rng.choice(SEGMENTS), m=rng.choice(METRICS).lower(),
                           p=rng.choice(PRODUCTS), n=rng.randint(120, 4800))


def sentence(rng: random.Random) -> str:
    s = f"{_fill(rng, rng.choice(SUBJECTS))} {rng.choice(VERBS)} {rng.choice(CLAUSES)}."
    return s[0].upper() + s[1:]


def paragraph(rng: random.Random, lo: int = 2, hi: int = 5) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.5:
        parts.append(rng.choice(FOLLOWS))
    return " ".join(parts)


def list_items(rng: random.Random, n: int) -> list[str]:
    picks = rng.sample(LIST_ITEMS, n)
    return [_fill(rng, t) for t in picks]


def note_text(rng: random.Random) -> str:
    return _fill(rng, rng.choice(NOTES))


def esc(text: str) -> str:
    return html.escape(text, quote=False)


class TableStyle(str, Enum):
    """How a table is ruled and shaded (the renderers draw each their own way)."""

    BOOKTABS = "booktabs"
    RULED = "ruled"  # every cell ruled (LaTeX / ReportLab)
    GRID = "grid"  # Word "Table Grid"
    BORDERLESS = "borderless"
    ZEBRA = "zebra"
    BANDED = "banded"  # Word built-in banded styles
    SHADED = "shaded"  # dark header fill, white header text
    RULES = "rules"  # top/bottom rules and a rule under the header (Word)


class Header(str, Enum):
    """What the running header prints."""

    ORG = "org"
    TITLE = "title"
    NONE = "none"


class Footer(str, Enum):
    """How the footer prints the page number."""

    PAGE_WORD = "page_word"  # Page 3
    NUMBER = "number"  # 3
    DASHED = "dashed"  # – 3 –
    ORG_PAGE = "org_page"  # Org | 3
    OF_TOTAL = "of_total"  # Page 3 of 7


class Numbering(str, Enum):
    """How section headings are numbered."""

    PLAIN = "1"
    DOTTED = "1."
    PAREN = "1)"
    NONE = "none"


class Placement(str, Enum):
    """Where a caption goes."""

    ABOVE = "above"
    BELOW = "below"
    NONE = "none"


class Legend(str, Enum):
    """Legend position; the matplotlib loc names, plus outside-right and none."""

    BEST = "best"
    UPPER_RIGHT = "upper right"
    UPPER_LEFT = "upper left"
    UPPER_CENTER = "upper center"
    LOWER_RIGHT = "lower right"
    LOWER_CENTER = "lower center"  # below the axes for bar/line charts
    RIGHT = "right"  # beside a pie
    OUTSIDE_RIGHT = "outside right"
    NONE = "none"


# ---------------------------------------------------------------------------------------- tables


class TableKind(str, Enum):
    ROW_AND_COLUMN_GROUPS = "row_col_groups"  # stub "Region | Metric", years over H1 | H2
    GROUP_ROWS = "group_rows"  # full-width group label rows
    SIMPLE_TOTAL = "simple_total"  # one header row, a totals row
    LONG = "long"  # many rows, breaks across pages


@dataclass
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class TableSpec:
    kind: TableKind
    n_rows: int
    n_cols: int
    header_rows: int
    cells: list[Cell]
    caption: str = ""
    group_label_rows: tuple[int, ...] = ()  # rows that are one full-width group label
    total_rows: tuple[int, ...] = ()
    stub_cols: int = 1

    def grid(self) -> list[list[Cell | None]]:
        """Row-major grid: the cell at its origin, None where a span covers the position."""
        g: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            g[c.row][c.col] = c
        return g

    def origin_at(self) -> dict[tuple[int, int], Cell]:
        """Every grid position mapped to the cell that covers it."""
        out: dict[tuple[int, int], Cell] = {}
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[(r, k)] = c
        return out

    def html(self) -> str:
        rows: list[str] = []
        g = self.grid()
        for r in range(self.n_rows):
            out = []
            for c in g[r]:
                if c is None:
                    continue
                tag = "th" if c.header else "td"
                attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                    f' colspan="{c.colspan}"' if c.colspan > 1 else "")
                out.append(f"<{tag}{attrs}>{esc(c.text)}</{tag}>")
            rows.append("<tr>" + "".join(out) + "</tr>")
        return "<table>" + "".join(rows) + "</table>"


def _number(rng: random.Random, metric: str) -> str:
    if metric in ("Margin", "Churn", "Yield", "Returns"):
        return f"{rng.uniform(0.5, 48):.1f}%"
    v = rng.randint(40, 98000)
    return f"{v:,}" if v >= 1000 else str(v)


def _cells_from_rows(rows: list[list[tuple[str, int, int, bool]]]) -> tuple[list[Cell], int]:
    """Cells from HTML-style rows of (text, rowspan, colspan, header); returns cells and width."""
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    width = 0
    for r, row in enumerate(rows):
        col = 0
        for text, rs, cs, hd in row:
            while (r, col) in taken:
                col += 1
            cells.append(Cell(text, r, col, rs, cs, hd))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, col + dc))
            col += cs
            width = max(width, col)
    return cells, width


def table_row_col_groups(rng: random.Random) -> TableSpec:
    years = sorted(rng.sample(range(2016, 2025), rng.choice((2, 2, 3))))
    halves = rng.choice((("H1", "H2"), ("Q1", "Q2", "Q3", "Q4")[: rng.choice((2, 3))], ("Plan", "Actual")))
    stub = rng.choice((("Region", "Metric"), ("Segment", "Metric"), ("Market", "Measure")))
    groups = rng.sample(REGIONS if stub[0] != "Segment" else SEGMENTS, rng.randint(2, 4))
    rows: list[list[tuple[str, int, int, bool]]] = [
        [(stub[0], 2, 1, True), (stub[1], 2, 1, True)] + [(str(y), 1, len(halves), True) for y in years],
        [(h, 1, 1, True) for _ in years for h in halves],
    ]
    for g in groups:
        metrics = rng.sample(METRICS, rng.randint(2, 4))
        for i, m in enumerate(metrics):
            lead = [(g, len(metrics), 1, False)] if i == 0 else []
            rows.append(lead + [(m, 1, 1, False)] + [(_number(rng, m), 1, 1, False) for _ in years for _ in halves])
    cells, width = _cells_from_rows(rows)
    return TableSpec(TableKind.ROW_AND_COLUMN_GROUPS, len(rows), width, 2, cells, stub_cols=2)


def table_group_rows(rng: random.Random, n_groups: int | None = None, per_group: tuple[int, int] = (2, 4)) -> TableSpec:
    cols = rng.sample(("Units", "Revenue", "Orders", "Visits", "Leads", "Refunds", "Backlog"), rng.randint(3, 5))
    stub = rng.choice(("Product", "Line", "Item"))
    rows: list[list[tuple[str, int, int, bool]]] = [[(stub, 1, 1, True)] + [(c, 1, 1, True) for c in cols]]
    group_rows = []
    for g in rng.sample(REGIONS, n_groups or rng.randint(2, 3)):
        group_rows.append(len(rows))
        rows.append([(g, 1, len(cols) + 1, False)])
        for p in rng.sample(PRODUCTS, rng.randint(*per_group)):
            rows.append([(p, 1, 1, False)] + [(_number(rng, c), 1, 1, False) for c in cols])
    cells, width = _cells_from_rows(rows)
    return TableSpec(TableKind.GROUP_ROWS, len(rows), width, 1, cells, group_label_rows=tuple(group_rows))


def table_simple_total(rng: random.Random) -> TableSpec:
    cols = rng.sample(MONTHS[:6] if rng.random() < 0.5 else QUARTERS, rng.randint(3, 4))
    stub = rng.choice(("Segment", "Channel", "Product"))
    names = rng.sample(SEGMENTS if stub != "Product" else PRODUCTS, rng.randint(3, 6))
    rows: list[list[tuple[str, int, int, bool]]] = [[(stub, 1, 1, True)] + [(c, 1, 1, True) for c in cols]]
    sums = [0] * len(cols)
    for n in names:
        vals = [rng.randint(100, 9900) for _ in cols]
        sums = [a + b for a, b in zip(sums, vals)]
        rows.append([(n, 1, 1, False)] + [(f"{v:,}", 1, 1, False) for v in vals])
    rows.append([("Total", 1, 1, False)] + [(f"{v:,}", 1, 1, False) for v in sums])
    cells, width = _cells_from_rows(rows)
    return TableSpec(TableKind.SIMPLE_TOTAL, len(rows), width, 1, cells, total_rows=(len(rows) - 1,))


def table_long(rng: random.Random, n_rows: int) -> TableSpec:
    cols = ("Account", "Region", "Segment", "Orders", "Revenue")
    rows: list[list[tuple[str, int, int, bool]]] = [[(c, 1, 1, True) for c in cols]]
    for i in range(n_rows):
        rows.append([(f"AC-{rng.randint(1000, 9999)}-{i + 1:02d}", 1, 1, False), (rng.choice(REGIONS), 1, 1, False),
                     (rng.choice(SEGMENTS), 1, 1, False), (str(rng.randint(3, 950)), 1, 1, False),
                     (f"{rng.randint(1200, 99000):,}", 1, 1, False)])
    cells, width = _cells_from_rows(rows)
    return TableSpec(TableKind.LONG, len(rows), width, 1, cells)


def make_table(rng: random.Random, kind: TableKind, long_rows: int = 45) -> TableSpec:
    if kind is TableKind.ROW_AND_COLUMN_GROUPS:
        return table_row_col_groups(rng)
    if kind is TableKind.GROUP_ROWS:
        return table_group_rows(rng)
    if kind is TableKind.SIMPLE_TOTAL:
        return table_simple_total(rng)
    return table_long(rng, long_rows)


# ---------------------------------------------------------------------------------------- charts


class ChartKind(str, Enum):
    BAR = "bar"
    GROUPED = "grouped"
    STACKED = "stacked"
    HORIZONTAL = "horizontal"
    LINE = "line"
    PIE = "pie"
    SCATTER = "scatter"


TRUTH_TYPE = {ChartKind.BAR: "bar", ChartKind.GROUPED: "bar", ChartKind.STACKED: "stacked_bar",
              ChartKind.HORIZONTAL: "horizontal_bar", ChartKind.LINE: "line", ChartKind.PIE: "pie",
              ChartKind.SCATTER: "scatter"}


@dataclass
class ChartSpec:
    kind: ChartKind
    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]
    x_numeric: bool = False  # line/scatter x values are numbers (categories hold their text)
    rotate: int = 0
    legend: Legend = Legend.BEST
    grid: bool = False
    data_labels: bool = False
    mpl_style: str = "default"
    width_in: float = 6.0
    height_in: float = 3.2
    options: dict[str, str] = field(default_factory=dict)


def _vals(rng: random.Random, n: int, lo: float, hi: float, step: float) -> list[float]:
    return [round(round(rng.uniform(lo, hi) / step) * step, 2) for _ in range(n)]


def make_chart(rng: random.Random, kind: ChartKind, style: str) -> ChartSpec:
    scale = rng.choice((1, 10, 100, 1000))
    st = 0.5 if scale == 1 else scale / 10
    series_names = rng.sample(("Online", "Retail", "Wholesale", "Export", "Plan", "Actual", "Prior year",
                               "North", "South"), 3)
    if kind is ChartKind.PIE:
        cats = rng.sample(SEGMENTS, rng.randint(3, 6))
        vals = [float(rng.randint(5, 40)) for _ in cats]
        return ChartSpec(kind, "Share of revenue by channel", cats, [("share", vals)], mpl_style=style,
                         legend=rng.choice((Legend.NONE, Legend.RIGHT, Legend.BEST)), data_labels=rng.random() < 0.6,
                         width_in=rng.uniform(4.0, 5.5), height_in=rng.uniform(3.0, 3.8))
    if kind is ChartKind.SCATTER:
        xs = sorted(rng.sample(range(2, 60), rng.randint(7, 14)))
        cats = [str(x) for x in xs]
        n_series = rng.choice((1, 2))
        series = [(series_names[i], _vals(rng, len(xs), 5 * scale, 90 * scale, st))
                  for i in range(n_series)]
        return ChartSpec(kind, "Order size against delivery time", cats, series, x_numeric=True, mpl_style=style,
                         grid=rng.random() < 0.6, legend=rng.choice((Legend.BEST, Legend.UPPER_LEFT, Legend.LOWER_RIGHT)))
    if kind is ChartKind.LINE:
        if rng.random() < 0.5:
            start = rng.randint(2010, 2016)
            cats = [str(y) for y in range(start, start + rng.randint(5, 9))]
            numeric = rng.random() < 0.5
        else:
            cats = list(MONTHS[: rng.choice((6, 8, 12))])
            numeric = False
        n_series = rng.randint(1, 3)
        series = [(series_names[i], _vals(rng, len(cats), 10 * scale, 95 * scale, st))
                  for i in range(n_series)]
        return ChartSpec(kind, "Monthly orders" if not numeric else "Revenue by year", cats, series,
                         x_numeric=numeric, mpl_style=style, grid=rng.random() < 0.6,
                         legend=rng.choice((Legend.BEST, Legend.UPPER_LEFT, Legend.LOWER_CENTER, Legend.OUTSIDE_RIGHT, Legend.UPPER_CENTER)),
                         width_in=rng.uniform(5.0, 7.0), height_in=rng.uniform(2.6, 3.6))
    many = rng.random() < 0.3
    if rng.random() < 0.4:
        cats = rng.sample([f"{a} {b}" for a in SEGMENTS[:6] for b in REGIONS[:4]], rng.randint(4, 7))
    else:
        pool = list(PRODUCTS) + list(REGIONS)
        cats = rng.sample(pool, rng.randint(8, 12) if many else rng.randint(3, 7))
    n_series = 1 if kind in (ChartKind.BAR, ChartKind.HORIZONTAL) else rng.randint(2, 3)
    if kind is ChartKind.HORIZONTAL and rng.random() < 0.3:
        n_series = 2
    series = [(series_names[i], _vals(rng, len(cats), 5 * scale, 95 * scale, st))
              for i in range(n_series)]
    long_labels = max(len(c) for c in cats) > 8 or len(cats) > 7
    rotate = rng.choice((0, 30, 45, 90)) if long_labels and kind is not ChartKind.HORIZONTAL else 0
    width = rng.uniform(3.2, 7.2) if not many else rng.uniform(5.5, 7.2)
    need = len(cats) * (0.085 * max(len(c) for c in cats) + 0.1)  # labels set close, never overlapping
    if rotate == 0 and kind is not ChartKind.HORIZONTAL and width < need:
        width = need if need <= 7.5 else width
        rotate = 0 if need <= 7.5 else rng.choice((30, 45, 90))
    return ChartSpec(kind, rng.choice(("Revenue by segment", "Units sold", "Orders by region", "Cost per unit")),
                     cats, series, mpl_style=style, rotate=rotate, grid=rng.random() < 0.5,
                     legend=rng.choice((Legend.BEST, Legend.UPPER_RIGHT, Legend.LOWER_CENTER, Legend.OUTSIDE_RIGHT, Legend.UPPER_LEFT)),
                     data_labels=rng.random() < 0.35 and len(cats) <= 7,
                     width_in=width, height_in=rng.uniform(2.4, 3.8))


# ----------------------------------------------------------------------------------- build cache

def split_seed(split: Split, index: int, family_salt: int) -> int:
    """Disjoint seed ranges: dev 10_000.., test 900_000.. (plus a per-family salt)."""
    return (10_000 if Split(split) is Split.DEV else 900_000) + family_salt * 1_000 + index


def cached_truth(pdf_path, truth_path, version: str):
    """The stored truth when the PDF and a truth of this generator ``version`` both exist, else None."""
    import json

    from benchmarks.families.base import DocTruth

    if not (pdf_path.exists() and truth_path.exists()):
        return None
    raw = json.loads(truth_path.read_text())
    if raw.pop("_version", None) != version:
        return None
    return DocTruth.from_json(json.dumps(raw))


def write_truth(truth, truth_path, version: str) -> None:
    import json

    raw = json.loads(truth.to_json())
    raw["_version"] = version
    truth_path.write_text(json.dumps(raw, ensure_ascii=False, indent=1))


def located_text(text: str) -> str:
    """Text for locating a known string on a page: ligatures expanded, spaces and hyphens dropped."""
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFKC", text)).casefold()


def page_of(pages: list[str], needle: str, start: int = 0) -> int:
    """1-based page whose located text (``located_text``) holds ``needle``, searching from ``start``."""
    n = located_text(needle)
    for i in range(start, len(pages)):
        if n in pages[i]:
            return i + 1
    return start + 1


def doc_slots(family: str, split: Split, out_dir, count: int, dev_templates, test_templates) -> list:
    """(stem, template, index) for each document of ``split``: the split's own templates in turn,
    the stem ``<out_dir>/<family>/<split>/<family>-<split>-<index>-<template key>`` (folder made)."""
    from pathlib import Path

    templates = dev_templates if split is Split.DEV else test_templates
    folder = Path(out_dir) / family / split.value
    folder.mkdir(parents=True, exist_ok=True)
    return [(folder / f"{family}-{split.value}-{i:03d}-{templates[i % len(templates)].key}",
             templates[i % len(templates)], i) for i in range(count)]
