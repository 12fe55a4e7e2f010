"""Chart F1: a predicted point counts when its category (and series, for multi-series charts)
matches a true point and its value is within 5 % relative of the truth.

Reusable by any chart reader (vector, raster, VLM): ``chart_f1(predicted, truth)`` on two
:class:`docparse.document.Chart` objects. Pie charts are compared as shares of the whole (a
pie encodes proportions only). Numeric categories (x values of line and scatter charts) match
within 2 % of the truth's x range.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from docparse.document import Chart, ChartType
from docparse.readers.charts.ticks import parse_tick

REL_TOL = 0.05
X_TOL = 0.02


@dataclass(frozen=True, slots=True)
class ChartPoint:
    category: str
    series: str
    value: float


@dataclass(frozen=True, slots=True)
class ChartScore:
    matched: int
    predicted: int
    truth: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalize_label(text: str) -> str:
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    t = re.sub(r"\s+", " ", t).strip()
    return t.strip("\"'")


def chart_points(chart: Chart | None, shares: bool = False) -> list[ChartPoint]:
    if chart is None:
        return []
    out: list[ChartPoint] = []
    for s in chart.series:
        values = list(s.values)
        if shares:
            total = sum(v for v in values if v is not None)
            values = [None if v is None or not total else v / total for v in values]
        for i, v in enumerate(values):
            if v is None:
                continue
            cat = chart.categories[i] if i < len(chart.categories) else str(i + 1)
            out.append(ChartPoint(normalize_label(cat), normalize_label(s.name), float(v)))
    return out


def _as_number(text: str) -> float | None:
    tick = parse_tick(text)
    return tick.value if tick is not None else None


def _category_match(pred: str, truth: str, x_span: float) -> bool:
    if pred == truth:
        return True
    a, b = _as_number(pred), _as_number(truth)
    if a is None or b is None:
        return False
    return abs(a - b) <= max(X_TOL * x_span, 1e-9)


def _value_match(pred: float, truth: float, scale: float) -> bool:
    if truth == 0:
        return abs(pred) <= 0.005 * scale
    return abs(pred - truth) <= REL_TOL * abs(truth)


def chart_f1(predicted: Chart | None, truth: Chart) -> ChartScore:
    """Match predicted points one-to-one to true points; see the module docstring."""
    shares = truth.type is ChartType.PIE
    true_pts = chart_points(truth, shares)
    pred_pts = chart_points(predicted, shares)
    multi = len({p.series for p in true_pts}) > 1
    numbers = [n for n in (_as_number(p.category) for p in true_pts) if n is not None]
    x_span = (max(numbers) - min(numbers)) if len(numbers) >= 2 else 1.0
    scale = max([abs(p.value) for p in true_pts] or [1.0])
    used: set[int] = set()
    matched = 0
    for t in true_pts:
        best, best_err = None, float("inf")
        for j, p in enumerate(pred_pts):
            if j in used or (multi and p.series != t.series):
                continue
            if not _category_match(p.category, t.category, x_span) or not _value_match(p.value, t.value, scale):
                continue
            err = abs(p.value - t.value)
            if err < best_err:
                best, best_err = j, err
        if best is not None:
            used.add(best)
            matched += 1
    return ChartScore(matched, len(pred_pts), len(true_pts))


def mean_f1(scores: list[ChartScore]) -> float:
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def markdown_tables_as_charts(markdown: str) -> list[Chart]:
    """Any GitHub tables in a Markdown text, read as value tables (first column = category).

    Lets text-only systems (the pymupdf4llm anchor) be scored on the numbers they print.
    """
    from docparse.document import Series

    charts: list[Chart] = []
    block: list[list[str]] = []
    for line in markdown.splitlines() + [""]:
        if line.strip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
                block.append(cells)
            continue
        if len(block) >= 2 and len(block[0]) >= 2:
            head, rows = block[0], block[1:]
            series = []
            for k in range(1, len(head)):
                vals = [_as_number(r[k]) if k < len(r) else None for r in rows]
                series.append(Series(name=head[k] or f"col {k}", values=vals))
            charts.append(Chart(categories=[r[0] for r in rows], series=series, source="markdown"))
        block = []
    return charts


def best_f1(candidates: list[Chart], truth: Chart) -> ChartScore:
    """The best score any one candidate chart reaches (a page may hold several tables)."""
    scores = [chart_f1(c, truth) for c in candidates] or [chart_f1(None, truth)]
    return max(scores, key=lambda s: (s.f1, s.matched))
