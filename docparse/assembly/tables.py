"""Cross-page tables: a table continued on the next page is merged into the first.

Continuation: the last body region of page N and the first body region of page N+1 are both
tables with the same columns (same count and, when cell boxes are known, the same column
positions), and the second has no caption of its own (or one that says "continued"). A header
on page N+1 that repeats the first table's header is dropped; the merged table keeps the
first table's header rows.
"""

from __future__ import annotations

import re

from docparse.document import Cell, Document, Page, Region, RegionKind, Table

_CONTINUED = re.compile(r"\b(cont(inued|\.|'d)?|fortsetzung|suite)\b", re.IGNORECASE)


RUNNING_LINE_SHARE = 0.08  # the top share of a page where a lone one-line paragraph above a table is a running header


def is_running_line_above(page: Page, region: Region, nxt: Region | None) -> bool:
    """A one-line paragraph in the top band of the page right above a table: a running header
    the furniture pass could not see repeat (printed on one page of a short document)."""
    return (region.kind is RegionKind.PARAGRAPH and nxt is not None and nxt.kind is RegionKind.TABLE
            and "\n" not in (region.text or "").strip() and region.bbox[3] <= RUNNING_LINE_SHARE * page.height
            and region.bbox[3] <= nxt.bbox[1])


def _first_body(page: Page) -> Region | None:
    body = [r for r in page.body() if r.kind is not RegionKind.CAPTION or not r.caption_of]
    if len(body) >= 2 and is_running_line_above(page, body[0], body[1]):
        return body[1]
    return body[0] if body else None


def _last_body(page: Page) -> Region | None:
    body = [r for r in page.body() if r.kind not in (RegionKind.FOOTNOTE,)]
    return body[-1] if body else None


_NOTE_MARK = re.compile(r"^\s*(\d{1,2}|[*†‡§])\s+\S")
FOOT_SHARE = 0.2  # the bottom share of a page where numbered notes are footnotes whatever their role


def is_foot_note(page: Page, region: Region) -> bool:
    """A numbered note in the bottom fifth of the page ("1 Restated for ..."), even where the
    block roles left it a paragraph."""
    return region.bbox[1] >= (1 - FOOT_SHARE) * page.height and bool(_NOTE_MARK.match(region.text or ""))


def _at_column_foot(page: Page, region: Region) -> bool:
    """Nothing of the page's body lies below ``region`` in its column (a two-column page may go
    on in the other column after a table that ends the first); footnotes do not count."""
    def below(r: Region) -> bool:
        overlap = min(r.bbox[2], region.bbox[2]) - max(r.bbox[0], region.bbox[0])
        return r is not region and r.bbox[1] >= region.bbox[3] - 2 and overlap > 0
    return not any(below(r) for r in page.body() if r.kind is not RegionKind.FOOTNOTE and not is_foot_note(page, r))


def _last_table(page: Page) -> Region | None:
    """The last body region when it is a table, else the last table that ends its column."""
    last = _last_body(page)
    if last is None or last.kind is RegionKind.TABLE:
        return last
    tables = [r for r in page.body() if r.kind is RegionKind.TABLE]
    return tables[-1] if tables and _at_column_foot(page, tables[-1]) else last


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def header_texts(table: Table, rows: int) -> list[list[str]]:
    """The first ``rows`` rows of the grid with merged areas filled, normalized."""
    return [[_norm(c) for c in row] for row in table.grid(fill_merged=True)[:rows]]


def repeated_header_rows(first: Table, second: Table) -> int:
    """How many leading rows of ``second`` repeat ``first``'s header (0 when none)."""
    h = first.header_rows or 1
    if second.n_rows < h or first.n_rows < h:  # a part that is only the repeated header adds nothing
        return 0
    if header_texts(first, h) == header_texts(second, h) or header_words(first, h) == header_words(second, h):
        return h
    return 0


def header_words(table: Table, rows: int) -> list[str]:
    """The words of each of the first ``rows`` rows, cell boundaries aside: a continuation
    part of few rows gridded from too little evidence ("Segment 2015" read as one cell) still
    repeats the header word for word."""
    return [" ".join(_norm(c) for c in row if c.strip()) for row in table.grid()[:rows]]


def column_lefts(table: Table, right: bool = False) -> list[float] | None:
    """Left x (or right x) of each column from the cells that start there (None when boxes
    are missing)."""
    sides: list[float | None] = [None] * table.n_cols
    for cell in table.cells:
        if cell.bbox is not None and cell.colspan == 1 and cell.text.strip():
            x, v = (cell.bbox[2], sides[cell.col]) if right else (cell.bbox[0], sides[cell.col])
            sides[cell.col] = x if v is None else (max(v, x) if right else min(v, x))
    if any(v is None for v in sides):
        return None
    return [float(v) for v in sides]  # type: ignore[arg-type]


def same_columns(first: Table, second: Table, tolerance: float = 25.0) -> bool:
    """Same column count, and each column starts or ends where it did (right-aligned numbers of
    another width on the next page move the column's left side, not its right)."""
    if first.n_cols != second.n_cols or first.n_cols == 0:
        return False
    a, b = column_lefts(first), column_lefts(second)
    ar, br = column_lefts(first, right=True), column_lefts(second, right=True)
    if a is None or b is None or ar is None or br is None:
        return True
    shift = b[0] - a[0]  # a page may shift the table as a whole
    return all(abs((y - shift) - x) <= tolerance or abs((yr - shift) - xr) <= tolerance
               for x, y, xr, yr in zip(a, b, ar, br))


def merge_tables(first: Table, second: Table) -> Table:
    """Append ``second``'s rows to ``first``, dropping a header that repeats ``first``'s."""
    skip = repeated_header_rows(first, second)  # a different header stays, as body rows
    offset = first.n_rows
    cells = list(first.cells)
    for cell in second.cells:
        if cell.row < skip:
            continue
        cells.append(Cell(row=cell.row - skip + offset, col=cell.col, rowspan=cell.rowspan,
                          colspan=cell.colspan, is_header=False, text=cell.text, bbox=None))
    merged = Table(n_rows=offset + second.n_rows - skip, n_cols=first.n_cols, cells=cells,
                   header_rows=first.header_rows, style=first.style,
                   continued_on_pages=list(first.continued_on_pages))
    return span_like_group_titles(continue_split_group(merged, offset))


def _label_at(table: Table, row: int, col: int) -> Cell | None:
    return next((c for c in table.cells if c.row == row and c.col == col and c.text.strip()), None)


def continue_split_group(table: Table, offset: int) -> Table:
    """A row group broken by the page: the rows that open the part from the next page (from
    row ``offset``) with an empty group-label cell and an item label of their own belong to the
    last group of the first part, whose label runs to that part's end; it spans them too. Only
    in tables whose group labels span their rows elsewhere (a stub column of row groups)."""
    if not any(c.col == 0 and c.rowspan > 1 and c.row >= table.header_rows for c in table.cells):
        return table
    labels = [c for c in table.cells if c.col == 0 and table.header_rows <= c.row < offset and c.text.strip()]
    if not labels:
        return table
    last = max(labels, key=lambda c: c.row)
    k = offset
    while k < table.n_rows and _label_at(table, k, 0) is None and _label_at(table, k, 1) is not None:
        k += 1
    if k == offset or last.rowspan > 1 and last.row + last.rowspan != offset:
        return table
    grown = last.model_copy(update={"rowspan": k - last.row})
    cells = [grown if c is last else c for c in table.cells
             if not (c.col == 0 and last.row < c.row < k and not c.text.strip())]
    return table.model_copy(update={"cells": cells})


def _is_title_row(row: list[Cell], n_cols: int) -> bool:
    return len(row) == 1 and row[0].col == 0 and row[0].colspan == n_cols and bool(row[0].text.strip())


def _is_lone_label_row(row: list[Cell]) -> bool:
    filled = [c for c in row if c.text.strip()]
    return (len(filled) == 1 and filled[0].col == 0 and filled[0].colspan == 1 and filled[0].rowspan == 1
            and not any(ch.isdigit() for ch in filled[0].text))


def span_like_group_titles(table: Table, min_cols: int = 3) -> Table:
    """In a table joined from parts, a body row holding only a first-column label spans the
    table like the group title rows read as spanning in another part (a part with one or two
    rows under its title gives too little evidence on its own)."""
    if table.n_cols < min_cols:
        return table
    rows: dict[int, list[Cell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    body = [r for r in range(table.header_rows, table.n_rows) if r in rows]
    if not any(_is_title_row(rows[r], table.n_cols) for r in body):
        return table
    lone = {r for r in body if _is_lone_label_row(rows[r])}
    if not lone:
        return table
    cells = [c for c in table.cells if c.row not in lone]
    cells += [next(c for c in rows[r] if c.text.strip()).model_copy(update={"colspan": table.n_cols}) for r in lone]
    cells.sort(key=lambda c: (c.row, c.col))
    return table.model_copy(update={"cells": cells})


def _caption_text(document: Document, region: Region) -> str:
    cap = document.find(region.caption_id) if region.caption_id else None
    return cap.text if cap is not None else ""


def is_continuation(document: Document, a: Region, b: Region) -> bool:
    if a.kind is not RegionKind.TABLE or b.kind is not RegionKind.TABLE or not b.table:
        return False
    root = document.find(a.continues) if a.continues else a
    first = root.table if root is not None and root.table is not None else a.table
    if first is None or not same_columns(first, b.table):
        return False
    return (not b.caption_id or bool(_CONTINUED.search(_caption_text(document, b)))
            or closing_caption(document, root or a, b) is not None)


def closing_caption(document: Document, first: Region, b: Region) -> Region | None:
    """``b``'s caption when it is set below ``b`` while the table's first part has none: a
    caption placed under a table (word processors) lands on the page where the table ends."""
    cap = document.find(b.caption_id) if b.caption_id else None
    if cap is None or first.caption_id or cap.bbox[1] < b.bbox[3] - 2:
        return None
    return cap


def move_closing_caption(document: Document, root: Region, b: Region) -> None:
    """The caption under the last part captions the merged table."""
    cap = closing_caption(document, root, b)
    if cap is not None:
        cap.caption_of, root.caption_id, b.caption_id = root.id, cap.id, None


def is_next_column_part(a: Region, b: Region) -> bool:
    """``b`` continues table ``a`` at the top of the next text column of the same page: it
    starts right of ``a`` and above ``a``'s bottom, and repeats ``a``'s header."""
    if a.table is None or b.table is None or a.kind is not RegionKind.TABLE or b.kind is not RegionKind.TABLE:
        return False
    if not (b.bbox[0] >= a.bbox[2] - 5 and b.bbox[1] < a.bbox[3]):
        return False
    return same_columns(a.table, b.table) and repeated_header_rows(a.table, b.table) > 0


def merge_column_continuations(document: Document) -> None:
    """Tables continued in the next column of the same page (header repeated) become one."""
    for page in document.pages:
        body = [r for r in page.body() if r.kind is not RegionKind.FOOTNOTE]
        for a, b in zip(body, body[1:]):
            if a.continues is None and is_next_column_part(a, b):
                a.table = merge_tables(a.table, b.table)  # type: ignore[arg-type]
                b.continues = a.id
                b.table = None
                b.text = ""


ORPHAN_TITLE_WORDS = 5  # a row-group title left alone at the foot of a page is this short


def orphan_group_title(page: Page) -> tuple[Region, Region] | None:
    """(table, title) when the page ends with a table and then one short line (a paragraph, or
    a heading when set bold) flush with the table's left edge right under it: the title of a
    row group whose rows go on the next page."""
    body = [r for r in page.body() if r.kind is not RegionKind.FOOTNOTE]
    if len(body) < 2:
        return None
    table, line = body[-2], body[-1]
    if table.kind is not RegionKind.TABLE or line.kind not in (RegionKind.PARAGRAPH, RegionKind.HEADING):
        return None
    height = line.bbox[3] - line.bbox[1]
    short = len(line.text.split()) <= ORPHAN_TITLE_WORDS and "\n" not in line.text.strip()
    close = 0 <= line.bbox[1] - table.bbox[3] <= 1.5 * height and abs(line.bbox[0] - table.bbox[0]) <= 6.0
    return (table, line) if short and close else None


def append_title_row(table: Table, text: str) -> Table:
    """``table`` with a full-width row-group title row added at the bottom."""
    cell = Cell(row=table.n_rows, col=0, colspan=max(1, table.n_cols), text=text)
    return table.model_copy(update={"n_rows": table.n_rows + 1, "cells": [*table.cells, cell]})


def merge_cross_page_tables(document: Document) -> None:
    merge_column_continuations(document)
    pages = document.pages
    for i in range(len(pages) - 1):
        if pages[i + 1].number != pages[i].number + 1:
            continue
        a, b = _last_table(pages[i]), _first_body(pages[i + 1])
        orphan = orphan_group_title(pages[i])
        if orphan is not None and b is not None and is_continuation(document, orphan[0], b):
            part, line = orphan  # the rows of the title's group follow on the next page
            root = document.find(part.continues) if part.continues else part
            if root is not None and root.table is not None:
                root.table = append_title_row(root.table, " ".join(line.text.split()))
                line.text, line.runs, line.continues, line.order, a = "", [], root.id, -1, part
        if a is None or b is None or not is_continuation(document, a, b):
            continue
        root = document.find(a.continues) if a.continues else a
        root = root if root is not None and root.table is not None else a
        move_closing_caption(document, root, b)
        merged = merge_tables(root.table, b.table)  # type: ignore[arg-type]
        merged.continued_on_pages.append(pages[i + 1].number)
        root.table = merged
        b.continues = root.id
        b.table = None
        b.text = ""
