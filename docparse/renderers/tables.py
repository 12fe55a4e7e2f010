"""Table exports: grid, HTML (with rowspan/colspan), Markdown, CSV, pandas DataFrame."""

from __future__ import annotations

import csv
import html
import io
from typing import TYPE_CHECKING

from docparse.document import Cell, Table

if TYPE_CHECKING:
    import pandas as pd


def _clean(text: str) -> str:
    return " ".join(text.split())


def occupancy(table: Table) -> list[list[Cell | None]]:
    """For each grid slot, the cell covering it (spans expanded), or None."""
    grid: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        for r in range(cell.row, min(cell.row + cell.rowspan, table.n_rows)):
            for c in range(cell.col, min(cell.col + cell.colspan, table.n_cols)):
                if grid[r][c] is None:
                    grid[r][c] = cell
    return grid


def table_grid(table: Table, fill_merged: bool = False) -> list[list[str]]:
    out: list[list[str]] = []
    for r, row in enumerate(occupancy(table)):
        line = []
        for c, cell in enumerate(row):
            if cell is None:
                line.append("")
            elif cell.row == r and cell.col == c or fill_merged:
                line.append(_clean(cell.text))
            else:
                line.append("")
        out.append(line)
    return out


def table_to_html(table: Table) -> str:
    by_pos = {(c.row, c.col): c for c in table.cells}
    covered = occupancy(table)
    parts = ["<table>"]
    header_rows = table.header_rows
    for r in range(table.n_rows):
        if r == 0 and header_rows:
            parts.append("<thead>")
        if r == header_rows and header_rows and r > 0:
            parts.append("<tbody>")
        elif r == 0 and not header_rows:
            parts.append("<tbody>")
        parts.append("<tr>")
        for c in range(table.n_cols):
            cell = by_pos.get((r, c))
            if cell is None:
                if covered[r][c] is None:
                    parts.append("<td></td>")
                continue
            tag = "th" if cell.is_header else "td"
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            parts.append(f"<{tag}{attrs}>{html.escape(_clean(cell.text))}</{tag}>")
        parts.append("</tr>")
        if header_rows and r == header_rows - 1:
            parts.append("</thead>")
    if table.n_rows and (not header_rows or header_rows < table.n_rows):
        parts.append("</tbody>")
    parts.append("</table>")
    return "".join(parts)


def _md_cell(text: str) -> str:
    return _clean(text).replace("\\", "\\\\").replace("|", "\\|") or " "


def table_to_markdown(table: Table) -> str:
    """A GitHub table when the table has no merged cells, HTML with spans otherwise."""
    if table.n_rows == 0 or table.n_cols == 0:
        return ""
    if table.has_spans:
        return table_to_html(table)
    grid = table_grid(table)
    header = grid[0] if table.header_rows else [""] * table.n_cols
    body = grid[1:] if table.header_rows else grid
    if table.header_rows > 1:  # stack extra header rows into the body
        body = grid[1:]
    lines = ["| " + " | ".join(_md_cell(t) for t in header) + " |",
             "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(t) for t in row) + " |" for row in body]
    return "\n".join(lines)


def table_to_csv(table: Table, fill_merged: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(table_grid(table, fill_merged=fill_merged))
    return buf.getvalue()


def header_levels(table: Table) -> list[list[str]]:
    """Column labels per header row: a column group's label repeats over the columns it spans;
    a label spanning header rows sits in its top row (lower levels empty)."""
    h = min(table.header_rows, table.n_rows)
    levels = [[""] * table.n_cols for _ in range(h)]
    for cell in table.cells:
        if cell.row < h:
            for c in range(cell.col, min(cell.col + cell.colspan, table.n_cols)):
                levels[cell.row][c] = _clean(cell.text)
    return levels


def table_to_dataframe(table: Table, fill_merged: bool = False, index_cols: int = 0,
                       numeric: bool = False) -> "pd.DataFrame":
    """Header rows become the columns (a MultiIndex when there are several).

    ``fill_merged`` repeats a merged cell's text in every slot it covers (else they stay
    empty); ``index_cols`` leading columns become the row index (row headers); ``numeric``
    turns columns of numbers into floats and empty cells into NaN (:mod:`docparse.renderers.numbers`).
    """
    import pandas as pd

    grid = table_grid(table, fill_merged=fill_merged)
    h = min(table.header_rows, len(grid))
    body = grid[h:]
    if h == 0:
        frame = pd.DataFrame(body)
    elif h == 1:
        frame = pd.DataFrame(body, columns=_dedupe(header_levels(table)[0]))
    else:
        tuples = list(zip(*header_levels(table)))
        frame = pd.DataFrame(body, columns=pd.MultiIndex.from_tuples(_dedupe_tuples(tuples)))
    if numeric:
        from docparse.renderers.numbers import to_numbers

        frame = to_numbers(frame, skip=index_cols)
    if index_cols > 0 and table.n_cols > index_cols:
        frame = frame.set_index(list(frame.columns[:index_cols]))
    return frame


def table_to_json(table: Table, indent: int | None = 2) -> str:
    """The table as JSON: size, header rows and every cell with its span, text and box."""
    return table.model_dump_json(indent=indent)


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n}.{seen[n]}")
        else:
            seen[n] = 0
            out.append(n)
    return out


def _dedupe_tuples(tuples: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for t in tuples:
        if t in seen:
            seen[t] += 1
            out.append(t[:-1] + (f"{t[-1]}.{seen[t]}",))
        else:
            seen[t] = 0
            out.append(t)
    return out
