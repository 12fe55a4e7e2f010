"""Numbers in table cells, for ``Table.to_dataframe(numeric=True)``: ``18,870`` → 18870.0,
``(1,234)`` → -1234.0, ``12.5%`` → 12.5 with the unit ``%``, ``$1,200`` → 1200.0 with ``$``; an
empty cell (or a lone dash) is NaN. A column becomes numeric only when every cell that is not
empty reads as a number with one and the same unit (or none); the unit goes into the column name
(``Growth (%)``) and into ``frame.attrs["units"]``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Hashable

if TYPE_CHECKING:
    import pandas as pd

CURRENCIES = "$€£¥₹"
EMPTY_MARKS = {"", "-", "–", "—", "−"}  # a cell with nothing, or only a dash, has no value
_DIGITS = re.compile(r"^(\d{1,3}(?:[, \u00a0\u2009\u202f]\d{3})+|\d+)(\.\d+)?$|^\.\d+$")


@dataclass(frozen=True)
class CellNumber:
    value: float
    unit: str | None = None  # "%", or a currency sign


def is_empty_cell(text: str) -> bool:
    """No value: blank, or only a dash."""
    return text.strip() in EMPTY_MARKS


def _split_unit(text: str) -> tuple[str, str | None]:
    """The number's text without a leading/trailing currency sign or a trailing percent sign."""
    if text.endswith("%"):
        return text[:-1].strip(), "%"
    for sign in CURRENCIES:
        if text.startswith(sign) or text.endswith(sign):
            return text.strip(sign).strip(), sign
    return text, None


def _split_sign(text: str) -> tuple[str, float]:
    """``(1,234)`` and ``-1,234`` / ``−1,234`` are negative; ``+1`` positive."""
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip(), -1.0
    if text[:1] in "-−":
        return text[1:].strip(), -1.0
    if text[:1] == "+":
        return text[1:].strip(), 1.0
    return text, 1.0


def parse_cell_number(text: str) -> CellNumber | None:
    """The number a cell's text writes, or None when it is not one number (a word, a range, a date)."""
    body = " ".join(text.split())
    body, outer = _split_sign(body)  # "(12.5%)"
    body, unit = _split_unit(body)
    body, inner = _split_sign(body)  # "$-12" / "-$12"
    if unit is None:
        body, unit = _split_unit(body)
    if not _DIGITS.match(body):
        return None
    digits = re.sub(r"[, \u00a0\u2009\u202f]", "", body)
    return CellNumber(outer * inner * float(digits), unit)


def numeric_column(texts: list[str]) -> tuple[list[float], str | None] | None:
    """Every cell's value (NaN where empty) and the column's unit, or None when some cell is not
    a number or the units disagree."""
    values: list[float] = []
    units: set[str | None] = set()
    for text in texts:
        if is_empty_cell(text):
            values.append(math.nan)
            continue
        number = parse_cell_number(text)
        if number is None:
            return None
        values.append(number.value)
        units.add(number.unit)
    if len(values) == sum(math.isnan(v) for v in values) or len(units - {None}) > 1:
        return None
    return values, next((u for u in units if u), None)


def _with_unit(label: Hashable, unit: str) -> Hashable:
    if isinstance(label, tuple) and label and isinstance(label[-1], str):
        return label[:-1] + (f"{label[-1]} ({unit})".strip(),)
    if isinstance(label, str):
        return f"{label} ({unit})" if label else f"({unit})"
    return label  # an unnamed (numbered) column: the unit is in frame.attrs["units"]


def to_numbers(frame: "pd.DataFrame", skip: int = 0) -> "pd.DataFrame":
    """Numeric columns of ``frame`` (all cells texts) as floats, empty cells NaN everywhere; the
    first ``skip`` columns (row headers) keep their text."""
    import pandas as pd

    out = frame.copy()
    units: dict[Hashable, str] = {}
    labels: list[Hashable] = []
    for k, label in enumerate(frame.columns):
        texts = ["" if v is None else str(v) for v in frame.iloc[:, k]]
        converted = numeric_column(texts) if k >= skip else None
        if converted is None:  # text stays text; blank cells are NaN
            out.isetitem(k, [math.nan if not t.strip() else t for t in texts])
            labels.append(label)
            continue
        values, unit = converted
        out.isetitem(k, values)
        labels.append(_with_unit(label, unit) if unit else label)
        if unit:
            units[labels[-1]] = unit
    if isinstance(frame.columns, pd.MultiIndex):
        out.columns = pd.MultiIndex.from_tuples(labels, names=frame.columns.names)
    else:
        out.columns = pd.Index(labels)
    out.attrs["units"] = units
    return out
