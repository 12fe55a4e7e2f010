"""Tick labels to numbers, and tick positions to an axis scale (linear or log).

Understands integers, decimals, thousands separators, percents, currency, unicode minus,
accounting negatives ``(5)``, magnitude suffixes (``10k``, ``2.5M``, ``3bn``) and powers of
ten written as ``10`` followed by a superscript exponent (matplotlib's log axes).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

_MINUS = "\u2212\u2012\u2013\u2014\ufe63\uff0d"
_CURRENCY = "$€£¥₹"
_SUFFIX = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "bn": 1e9, "B": 1e9, "b": 1e9, "T": 1e12}
_NUMBER = re.compile(
    r"^(?P<neg>-)?(?P<cur>[$€£¥₹])?(?P<neg2>-)?(?P<num>\d{1,3}(?:(?:,[\u202f\u2009 ]?|[\u202f\u2009 ])\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)"
    r"(?:[eE](?P<exp>[+-]?\d+))?(?P<suf>bn|mn|[kKmMBbT])?(?P<pct>\s?%)?(?P<cur2>\s?[$€£¥₹])?$"
)


@dataclass(frozen=True, slots=True)
class TickValue:
    value: float
    unit: str | None = None  # "%", "$", …


def normalize_number_text(text: str) -> str:
    t = text.strip()
    for ch in _MINUS:
        t = t.replace(ch, "-")
    return t.replace("\u00a0", " ")


def parse_tick(text: str) -> TickValue | None:
    """``"1,200"`` → 1200 (also ``"1, 200"``: TeX's math comma leaves a space in the text
    layer); ``"−5%"`` → -5 (unit %); ``"$2.5M"`` → 2.5e6 ($); else ``None``."""
    t = normalize_number_text(text)
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    if t.startswith("+"):
        t = t[1:]
    m = _NUMBER.match(t)
    if m is None:
        return None
    raw = re.sub(r"[,\u202f\u2009 ]", "", m.group("num"))
    try:
        value = float(raw)
    except ValueError:
        return None
    if m.group("exp"):
        value *= 10.0 ** int(m.group("exp"))
    if m.group("suf"):
        value *= _SUFFIX[m.group("suf")]
    if negative or m.group("neg") or m.group("neg2"):
        value = -value
    unit = "%" if m.group("pct") else (m.group("cur") or (m.group("cur2") or "").strip() or None)
    return TickValue(value=value, unit=unit)


def parse_power_of_ten(base: str, exponent: str) -> float | None:
    """``("10", "-2")`` → 0.01: a label drawn as a base with a superscript exponent."""
    if normalize_number_text(base) != "10":
        return None
    try:
        return 10.0 ** int(normalize_number_text(exponent))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Tick:
    position: float  # PDF points (x for horizontal axes, y for vertical ones)
    value: float


@dataclass(frozen=True, slots=True)
class AxisScale:
    """value = slope * position + intercept (log scales: log10(value) = …)."""

    slope: float
    intercept: float
    log: bool = False
    residual: float = 0.0  # worst relative misfit over the ticks

    def value(self, position: float) -> float:
        v = self.slope * position + self.intercept
        return 10.0 ** v if self.log else v

    def position(self, value: float) -> float | None:
        if self.log:
            if value <= 0:
                return None
            value = math.log10(value)
        if self.slope == 0:
            return None
        return (value - self.intercept) / self.slope


def _fit(points: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    n = len(points)
    mx = sum(p for p, _ in points) / n
    my = sum(v for _, v in points) / n
    sxx = sum((p - mx) ** 2 for p, _ in points)
    if sxx == 0:
        return 0.0, my, float("inf")
    slope = sum((p - mx) * (v - my) for p, v in points) / sxx
    intercept = my - slope * mx
    span = max(v for _, v in points) - min(v for _, v in points) or 1.0
    worst = max(abs(slope * p + intercept - v) for p, v in points) / span
    return slope, intercept, worst


def fit_axis(ticks: Sequence[Tick], max_residual: float = 0.02) -> AxisScale | None:
    """Fit a linear (or, when that fails and values are powers, log) scale to ticks."""
    pts = sorted({(round(t.position, 2), t.value) for t in ticks})
    if len({v for _, v in pts}) < 2:
        return None
    slope, intercept, worst = _fit(pts)
    if worst <= max_residual and slope != 0:
        return AxisScale(slope, intercept, False, worst)
    if all(v > 0 for _, v in pts):
        lslope, lintercept, lworst = _fit([(p, math.log10(v)) for p, v in pts])
        if lworst <= max_residual and lslope != 0:
            return AxisScale(lslope, lintercept, True, lworst)
    return None


def fit_axis_robust(ticks: Sequence[Tick], max_residual: float = 0.02) -> AxisScale | None:
    """Like :func:`fit_axis`, but tolerates one misread label (OCR) when there are four or more."""
    scale = fit_axis(ticks, max_residual)
    if scale is not None or len(ticks) < 4:
        return scale
    fits = [fit_axis([t for j, t in enumerate(ticks) if j != i], max_residual) for i in range(len(ticks))]
    found = [f for f in fits if f is not None]
    return min(found, key=lambda f: f.residual) if found else None


def format_value(value: float, step: float | None = None) -> str:
    """A readable category string for a numeric x position (``2019``, ``0.25``)."""
    if step and step > 0:
        decimals = max(0, min(6, -int(math.floor(math.log10(step))) + 1))
        text = f"{value:.{decimals}f}"
    else:
        text = f"{value:.6g}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
