"""Cross-page tables: a table continued on the next page is merged into the first.

Continuation: the last body region of page N and the first body region of page N+1 are
both tables with the same column count; a repeated header on page N+1 is dropped.
"""

from __future__ import annotations

from docparse.document import Cell, Document, Page, Region, RegionKind, Table


def _first_body(page: Page) -> Region | None:
    return next(iter(page.body()), None)


def _last_body(page: Page) -> Region | None:
    body = list(page.body())
    return body[-1] if body else None


def _header_texts(table: Table) -> list[list[str]]:
    grid = table.grid()
    return [[c.strip().lower() for c in row] for row in grid[: table.header_rows or 1]]


def merge_tables(first: Table, second: Table) -> Table:
    """Append ``second``'s rows to ``first``, dropping a header that repeats ``first``'s."""
    skip = 0
    h = first.header_rows or 1
    if second.n_rows >= h and _header_texts(first)[:h] == [
        [c.strip().lower() for c in row] for row in second.grid()[:h]
    ]:
        skip = h
    offset = first.n_rows
    cells = list(first.cells)
    for cell in second.cells:
        if cell.row < skip:
            continue
        cells.append(Cell(row=cell.row - skip + offset, col=cell.col, rowspan=cell.rowspan,
                          colspan=cell.colspan, is_header=False, text=cell.text, bbox=None))
    return Table(n_rows=offset + second.n_rows - skip, n_cols=first.n_cols, cells=cells,
                 header_rows=first.header_rows, style=first.style,
                 continued_on_pages=list(first.continued_on_pages))


def merge_cross_page_tables(document: Document) -> None:
    pages = document.pages
    for i in range(len(pages) - 1):
        a, b = _last_body(pages[i]), _first_body(pages[i + 1])
        if a is None or b is None or a.kind is not RegionKind.TABLE or b.kind is not RegionKind.TABLE:
            continue
        if not a.table or not b.table or a.table.n_cols != b.table.n_cols or b.caption_id:
            continue
        root = document.find(a.continues) if a.continues else a
        root = root if root is not None and root.table is not None else a
        merged = merge_tables(root.table, b.table)  # type: ignore[arg-type]
        merged.continued_on_pages.append(pages[i + 1].number)
        root.table = merged
        b.continues = root.id
        b.table = None
        b.text = ""
