"""Held-out metrics for region reading: CER on text, chart-value F1, table structure.

Chart F1 follows the field notes: a predicted (category, series, value) triple matches a
ground-truth one when the labels match (case and spacing folded) and the value is within 5 %
relative. When the ground truth has a single series its name is not required to match (a
chart without a legend does not show it).
"""

from __future__ import annotations

from dataclasses import dataclass

from docparse.document import Chart, Table


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(prediction: str, truth: str) -> float:
    """Character error rate, whitespace collapsed; capped at 1.0."""
    p, t = " ".join(prediction.split()), " ".join(truth.split())
    if not t:
        return 0.0 if not p else 1.0
    return min(1.0, levenshtein(p, t) / len(t))


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def _triples(chart: Chart, single_series: bool) -> list[tuple[str, str, float]]:
    out = []
    for s in chart.series:
        for cat, v in zip(chart.categories, s.values):
            if v is not None:
                out.append((_label(cat), "" if single_series else _label(s.name), float(v)))
    return out


@dataclass(frozen=True)
class ChartScore:
    precision: float
    recall: float
    f1: float


def chart_f1(prediction: Chart | None, truth: Chart, rel_tol: float = 0.05) -> ChartScore:
    single = len(truth.series) == 1
    gold = _triples(truth, single)
    if prediction is not None and single and len(prediction.series) > 1:
        prediction = prediction.model_copy(update={"series": prediction.series[:1]})
    pred = _triples(prediction, single) if prediction is not None else []
    used = [False] * len(gold)
    hits = 0
    for cat, ser, val in pred:
        for k, (gc, gs, gv) in enumerate(gold):
            if not used[k] and gc == cat and gs == ser and abs(val - gv) <= rel_tol * max(abs(gv), 1e-9):
                used[k] = True
                hits += 1
                break
    precision = hits / len(pred) if pred else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return ChartScore(precision, recall, f1)


def table_structure_match(prediction: Table | None, truth: Table) -> bool:
    """Same grid and the same spans at the same places (text ignored)."""
    if prediction is None or (prediction.n_rows, prediction.n_cols) != (truth.n_rows, truth.n_cols):
        return False
    spans = {(c.row, c.col, c.rowspan, c.colspan) for c in truth.cells}
    return spans == {(c.row, c.col, c.rowspan, c.colspan) for c in prediction.cells}


def table_cell_accuracy(prediction: Table | None, truth: Table) -> float:
    """Share of ground-truth cells found with the same position, spans and text."""
    if prediction is None or not truth.cells:
        return 0.0
    got = {(c.row, c.col, c.rowspan, c.colspan, " ".join(c.text.split())) for c in prediction.cells}
    hits = sum((c.row, c.col, c.rowspan, c.colspan, " ".join(c.text.split())) in got for c in truth.cells)
    return hits / len(truth.cells)
