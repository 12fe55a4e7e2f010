"""Spot checks for sets whose ground truth is only a few assertions (tables/pdfplumber).

pdfplumber's own tests assert a table's last row, one cell, the number of tables or their row
counts, not whole grids, so TEDS cannot be computed there. Each assertion becomes a
:class:`SpotCheck` scored in [0, 1] for any system's predicted grids on the page:

- ``ROW``: the predicted row most like the asserted one (TEDS of the two one-row tables; empty
  cells at either end are dropped from both, as pdfplumber's lines strategy adds them);
- ``CELL``: the asserted text at (row, col) of the largest predicted table (negative indexes
  count from the end, as in the Python tests);
- ``TABLE_COUNT``: the number of predicted tables equals the asserted one;
- ``ROW_COUNTS``: share of tables (top to bottom) whose row count equals the asserted one;
- ``STACKED``: two values drawn one above the other in one ruled cell are found in reading
  order in one column: in one cell (pdfplumber) or in two consecutive rows (one row per value);
- ``NON_EMPTY``: some table with at least two rows and two columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Sequence

from benchmarks.teds import grid_to_html, parse_table_html, teds

Grid = list[list[str]]


class CheckKind(str, Enum):
    ROW = "row"
    CELL = "cell"
    TABLE_COUNT = "table count"
    ROW_COUNTS = "row counts"
    STACKED = "stacked values"
    NON_EMPTY = "non-empty"


@dataclass(frozen=True)
class SpotCheck:
    pdf: Path
    page: int
    kind: CheckKind
    values: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()  # (row, col) for CELL; counts for TABLE_COUNT / ROW_COUNTS


PDFPLUMBER_DIR = ("tables", "pdfplumber")


def pdfplumber_checks(corpus: Path) -> list[SpotCheck]:
    """The assertions transcribed in ``asserted_values.json``, one check each."""
    root = corpus.joinpath(*PDFPLUMBER_DIR)
    data = json.loads((root / "asserted_values.json").read_text())
    out: list[SpotCheck] = []
    for rel, facts in data.items():
        if rel.startswith("_"):
            continue
        pdf, page = root / rel, int(facts.get("page", 1))
        out.extend(_checks_of(pdf, page, facts))
    return out


def _checks_of(pdf: Path, page: int, facts: dict) -> list[SpotCheck]:
    out: list[SpotCheck] = []
    row = facts.get("last_row") or facts.get("last_row_text_x_tolerance_1")
    if row:  # senate: the x_tolerance=1 row keeps the words' spaces (the default run glues them)
        out.append(SpotCheck(pdf, page, CheckKind.ROW, tuple(row)))
    for key, value in facts.items():
        if key.startswith("cell[") and key.endswith("]") and "][" in key:
            r, c = (int(v) for v in key[5:-1].split("]["))
            out.append(SpotCheck(pdf, page, CheckKind.CELL, (value,), (r, c)))
        elif key.startswith("cell[") and "_with_keep_blank_chars" in key:
            out.append(SpotCheck(pdf, page, CheckKind.STACKED, tuple(value.split())))
    count = facts.get("n_tables", facts.get("n_tables_default"))
    if count is not None:
        out.append(SpotCheck(pdf, page, CheckKind.TABLE_COUNT, numbers=(int(count),)))
    if facts.get("rows_per_table"):
        out.append(SpotCheck(pdf, page, CheckKind.ROW_COUNTS, numbers=tuple(facts["rows_per_table"])))
    if not out:
        out.append(SpotCheck(pdf, page, CheckKind.NON_EMPTY))
    return out


def html_grid(html: str) -> Grid:
    """The rows of an HTML table as lists of cell texts (spans not expanded)."""
    root = parse_table_html(html)
    rows: Grid = []
    for child in root.children:
        trs = [child] if child.tag == "tr" else [t for t in child.children if t.tag == "tr"]
        rows.extend([c.text for c in tr.children] for tr in trs)
    return rows


def _trim(row: Sequence[str]) -> list[str]:
    cells = [" ".join(c.split()) for c in row]
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _row_score(check: SpotCheck, grids: Sequence[Grid]) -> float:
    want = grid_to_html([_trim(check.values)])
    rows = [_trim(r) for g in grids for r in g]
    return max((teds(grid_to_html([r]), want) for r in rows if r), default=0.0)


def _cell_score(check: SpotCheck, grids: Sequence[Grid]) -> float:
    if not grids:
        return 0.0
    grid = max(grids, key=lambda g: sum(len(r) for r in g))
    r, c = check.numbers
    try:
        text = grid[r][c]
    except IndexError:
        return 0.0
    return float(" ".join(text.split()) == " ".join(check.values[0].split()))


def _stacked_score(check: SpotCheck, grids: Sequence[Grid]) -> float:
    want = " ".join(check.values)
    for grid in grids:
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                if " ".join(text.split()) == want:
                    return 1.0
                below = grid[r + 1][c] if r + 1 < len(grid) and c < len(grid[r + 1]) else ""
                if [text.strip(), below.strip()] == list(check.values):
                    return 1.0
    return 0.0


def score_check(check: SpotCheck, grids: Sequence[Grid]) -> float:
    """``grids``: a system's tables on the check's page, top to bottom."""
    if check.kind is CheckKind.ROW:
        return _row_score(check, grids)
    if check.kind is CheckKind.CELL:
        return _cell_score(check, grids)
    if check.kind is CheckKind.STACKED:
        return _stacked_score(check, grids)
    if check.kind is CheckKind.TABLE_COUNT:
        return float(len(grids) == check.numbers[0])
    if check.kind is CheckKind.ROW_COUNTS:
        hits = sum(1 for g, n in zip(grids, check.numbers) if len(g) == n)
        return hits / len(check.numbers)
    return float(any(len(g) >= 2 and max(map(len, g)) >= 2 for g in grids))
