"""The vega-lite corpus set as Chart ground truth (see corpus/charts/vega-lite/SOURCE.txt).

Each record's inline ``data_values`` and ``encoding`` give the plotted points: the category
channel (nominal/ordinal, or x when both axes are quantitative), the value channel, and the
series channel (``color``/``xOffset`` when it is not the category itself). Aggregates (mean,
sum, min, max, count) are applied per (category, series). Charts that are not one value per
(category, series) — faceted views, bins, time units, box plots, ranges, 1-D strips — are
left out with the reason, so the score says what it covers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from docparse.document import Chart, ChartType, Series


@dataclass(frozen=True, slots=True)
class VegaCase:
    name: str
    svg: Path
    png: Path
    truth: Chart | None
    skip_reason: str | None = None


_MARK_TYPE = {"bar": ChartType.BAR, "line": ChartType.LINE, "area": ChartType.AREA, "point": ChartType.SCATTER,
              "circle": ChartType.SCATTER, "square": ChartType.SCATTER, "tick": ChartType.SCATTER,
              "arc": ChartType.PIE}


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _quantitative(channel: dict, rows: list[dict]) -> bool:
    if channel.get("type"):
        return channel["type"] == "quantitative"
    if channel.get("aggregate"):
        return True
    values = [r.get(channel.get("field")) for r in rows if r.get(channel.get("field")) is not None]
    return bool(values) and all(_is_number(v) for v in values)


def _category_text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _aggregate(values: list[float], how: str | None) -> float | None:
    if not values:
        return None
    if how in (None, "sum"):
        return sum(values) if how == "sum" or len(values) > 1 else values[0]
    if how in ("mean", "average"):
        return sum(values) / len(values)
    if how == "min":
        return min(values)
    if how == "max":
        return max(values)
    if how == "count":
        return float(len(values))
    return None


def vega_truth(record: dict, spec: dict | None = None) -> tuple[Chart | None, str | None]:
    """(chart, None) or (None, why it is not scored). ``spec``: the vega-lite spec, for the
    rows vega adds or keeps (impute, ``invalid: null``)."""
    enc: dict = record.get("encoding", {})
    rows: list[dict] = record.get("data_values", [])
    mark = record.get("mark")
    if any(k in enc for k in ("row", "column", "facet")):
        return None, "faceted"
    if mark not in _MARK_TYPE:
        return None, f"mark {mark}"
    if any(c.get("bin") or c.get("timeUnit") or c.get("type") == "temporal" for c in enc.values()):
        return None, "bin/time unit"
    if any(k in enc for k in ("x2", "y2")):
        return None, "ranged marks"
    if mark == "arc":
        theta, color = enc.get("theta"), enc.get("color")
        if not theta or not color or not _quantitative(theta, rows) or "radius" in enc:
            return None, "arc without quantitative theta"
        cats = [_category_text(r[color["field"]]) for r in rows]
        vals = [float(r[theta["field"]]) for r in rows]
        return Chart(type=ChartType.PIE, categories=cats, series=[Series(name="share", values=vals)]), None
    x, y = enc.get("x"), enc.get("y")
    if not x or not y or not x.get("field") or not y.get("field"):
        return None, "one positional channel"
    xq, yq = _quantitative(x, rows), _quantitative(y, rows)
    if yq:
        cat, val, kind = x, y, _MARK_TYPE[mark]
    elif xq:
        cat, val, kind = y, x, (ChartType.HORIZONTAL_BAR if mark == "bar" else _MARK_TYPE[mark])
    else:
        return None, "no quantitative axis"
    series_ch = enc.get("xOffset") or enc.get("color")
    series_field = series_ch.get("field") if series_ch else None
    if series_field == cat["field"] or (series_ch and _quantitative(series_ch, rows)):
        series_field = None
    rows = plotted_rows(rows, spec or {}, cat, val, series_field)
    if mark == "bar" and series_field and "xOffset" not in enc and enc.get("y", {}).get("stack") is not False:
        kind = ChartType.STACKED_BAR
    groups: dict[tuple[str, str], list[float]] = {}
    for r in rows:
        c, v = r.get(cat["field"]), r.get(val["field"])
        if c is None and not _quantitative(cat, rows):
            c = "null"  # vega draws a missing nominal value as the category "null"
        if c is None or not _is_number(v):
            continue
        s = _category_text(r.get(series_field)) if series_field else "value"
        groups.setdefault((_category_text(c), s), []).append(float(v))
    if not groups:
        return None, "no plotted values"
    how = val.get("aggregate")
    repeated = any(len(v) > 1 for v in groups.values())
    if repeated and how is None and kind is not ChartType.SCATTER:
        how = "sum" if kind in (ChartType.BAR, ChartType.HORIZONTAL_BAR, ChartType.STACKED_BAR) else None
    categories = list(dict.fromkeys(c for c, _ in groups))
    names = list(dict.fromkeys(s for _, s in groups))
    if repeated and how is None:  # scatter with repeated x: one row per point
        cats, series_vals = [], {n: [] for n in names}
        for (c, s), vals in groups.items():
            for v in vals:
                cats.append(c)
                for n in names:
                    series_vals[n].append(v if n == s else None)
        return Chart(type=kind, categories=cats, series=[Series(name=n, values=series_vals[n]) for n in names]), None
    series = [Series(name=n, values=[_aggregate(groups.get((c, n), []), how) for c in categories]) for n in names]
    return Chart(type=kind, categories=categories, series=series), None


def plotted_rows(rows: list[dict], spec: dict, cat: dict, val: dict, series_field: str | None) -> list[dict]:
    """The data rows vega draws: with ``mark.invalid: null`` a missing value is drawn at zero;
    an ``impute`` on the value channel adds a row for every (series, key) that has none."""
    mark = spec.get("mark")
    if isinstance(mark, dict) and "invalid" in mark and mark["invalid"] is None:
        rows = [{**r, val["field"]: 0.0} if r.get(val["field"]) is None and r.get(cat["field"]) is not None else r
                for r in rows]
    impute = (spec.get("encoding", {}).get(_channel_of(spec, val["field"])) or {}).get("impute")
    if isinstance(impute, dict):
        rows = rows + imputed_rows(rows, impute, cat["field"], val["field"], series_field)
    return rows


def _channel_of(spec: dict, field: str) -> str:
    return next((k for k, c in spec.get("encoding", {}).items() if isinstance(c, dict) and c.get("field") == field), "")


def imputed_rows(rows: list[dict], impute: dict, key: str, field: str, group: str | None) -> list[dict]:
    """vega-lite's impute: keys are the data's keys plus ``keyvals``; a missing (group, key)
    gets ``value``, or ``method`` (mean, median, min, max) over the group's values in ``frame``."""
    keys = sorted({r[key] for r in rows if _is_number(r.get(key))} | set(impute.get("keyvals") or []))
    method = impute.get("method", "value")
    lo, hi = (impute.get("frame") or [None, None])
    out = []
    for g in dict.fromkeys(r.get(group) for r in rows) if group else [None]:
        have = {r[key]: r[field] for r in rows if (group is None or r.get(group) == g) and _is_number(r.get(field))}
        for i, k in enumerate(keys):
            if k in have:
                continue
            if method == "value":
                value = impute.get("value")
            else:
                window = [have[keys[j]] for j in range(max(0, i + lo) if lo is not None else 0,
                                                       min(len(keys), i + hi + 1) if hi is not None else len(keys))
                          if keys[j] in have]
                value = _aggregate(window, method) if window else None
            if _is_number(value):
                out.append({key: k, field: float(value), **({group: g} if group else {})})
    return out


def load_vega_cases(root: Path) -> list[VegaCase]:
    gt = root / "ground_truth.jsonl"
    cases = []
    for line in gt.read_text().splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        spec_path = root / record.get("spec", "")
        spec = json.loads(spec_path.read_text()) if record.get("spec") and spec_path.is_file() else None
        truth, why = vega_truth(record, spec)
        cases.append(VegaCase(record["name"], root / record["svg"], root / record["png"], truth, why))
    return cases
