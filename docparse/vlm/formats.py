"""What a VLM writes and how docparse checks it: OTSL/HTML tables, CSV charts, plain text.

Serialisers turn ground truth into training targets; parsers turn model (or server) output
back into :class:`~docparse.document.Table` / :class:`~docparse.document.Chart` and raise
:class:`VlmOutputError` on anything malformed — ragged grids, spans that do not tile, CSV
without numbers, runaway repetition — so the reader can fall back to the native reader.
Pure standard library.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docparse.document import Cell, Chart, ChartType, Series, Table

OTSL_TOKEN = re.compile(r"<(fcel|ecel|lcel|ucel|xcel|nl|ched)>")
_NUMBER = re.compile(r"^[-+]?\(?[$€£]?\s*[-+]?\d[\d,]*(\.\d+)?\)?\s*%?$")


class VlmOutputError(ValueError):
    """Model output that cannot be trusted; the caller falls back to the native reader."""


# ---------------------------------------------------------------- tables: OTSL


def table_to_otsl(table: Table) -> str:
    """``<ched>``/``<fcel>`` cell with text, ``<ecel>`` empty, ``<lcel>`` ``<ucel>`` ``<xcel>``
    continuation slots of a span, ``<nl>`` ends a row."""
    slots = [["<ecel>"] * table.n_cols for _ in range(table.n_rows)]
    for c in table.cells:
        text = " ".join(c.text.split())
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if (r, k) == (c.row, c.col):
                    tag = "<ched>" if c.is_header else ("<fcel>" if text else "<ecel>")
                    slots[r][k] = tag + text if tag != "<ecel>" else tag
                elif r == c.row:
                    slots[r][k] = "<lcel>"
                elif k == c.col:
                    slots[r][k] = "<ucel>"
                else:
                    slots[r][k] = "<xcel>"
    return "".join("".join(row) + "<nl>" for row in slots)


def otsl_to_table(otsl: str) -> Table:
    rows: list[list[tuple[str, str]]] = [[]]
    parts = OTSL_TOKEN.split(otsl)
    if parts[0].strip():
        raise VlmOutputError("OTSL text before the first cell token")
    for k in range(1, len(parts), 2):
        tag, text = parts[k], parts[k + 1].strip()
        if tag == "nl":
            rows.append([])
        else:
            rows[-1].append((tag, text))
    rows = [r for r in rows if r]
    if not rows:
        raise VlmOutputError("empty OTSL table")
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise VlmOutputError(f"ragged OTSL rows: {sorted({len(r) for r in rows})}")
    return Table(n_rows=len(rows), n_cols=width, cells=_otsl_cells(rows),
                 header_rows=_leading_header_rows(rows))


def _otsl_cells(rows: list[list[tuple[str, str]]]) -> list[Cell]:
    cells = []
    for r, row in enumerate(rows):
        for c, (tag, text) in enumerate(row):
            if tag in ("lcel", "ucel", "xcel"):
                _check_continuation(rows, r, c, tag)
                continue
            colspan = 1
            while c + colspan < len(row) and row[c + colspan][0] == "lcel":
                colspan += 1
            rowspan = 1
            while r + rowspan < len(rows) and rows[r + rowspan][c][0] == "ucel":
                rowspan += 1
            cells.append(Cell(row=r, col=c, rowspan=rowspan, colspan=colspan,
                              is_header=tag == "ched", text=text))
    return cells


def _check_continuation(rows: list[list[tuple[str, str]]], r: int, c: int, tag: str) -> None:
    if tag == "lcel" and c == 0:
        raise VlmOutputError(f"<lcel> at the start of row {r}")
    if tag == "ucel" and r == 0:
        raise VlmOutputError("<ucel> in the first row")
    if tag == "xcel" and (r == 0 or c == 0):
        raise VlmOutputError(f"<xcel> without a cell above-left at row {r}")


def _leading_header_rows(rows: list[list[tuple[str, str]]]) -> int:
    n = 0
    for row in rows:
        if not any(tag == "ched" for tag, _ in row):
            break
        n += 1
    return n


# ---------------------------------------------------------------- tables: HTML


@dataclass
class _HtmlCell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class _TableHtmlParser(HTMLParser):
    rows: list[list[_HtmlCell]] = field(default_factory=list)
    cell: _HtmlCell | None = None
    tables: int = 0

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            a = dict(attrs)
            self.cell = _HtmlCell(rowspan=_span(a.get("rowspan")), colspan=_span(a.get("colspan")),
                                  header=tag == "th")
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append(self.cell)
        elif tag == "br" and self.cell is not None:
            self.cell.text += " "

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        raise VlmOutputError(f"bad span {value!r}") from None


def html_to_table(html: str) -> Table:
    """Parse the first ``<table>`` of ``html``; spans must tile a rectangular grid."""
    parser = _TableHtmlParser()
    parser.feed(html)
    parser.close()
    rows = [r for r in parser.rows if r]
    if parser.tables == 0 or not rows:
        raise VlmOutputError("no <table> with rows in the output")
    occupied: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        c = 0
        for hc in row:
            while (r, c) in occupied:
                c += 1
            rowspan = min(hc.rowspan, len(rows) - r)
            for dr in range(rowspan):
                for dc in range(hc.colspan):
                    occupied.add((r + dr, c + dc))
            cells.append(Cell(row=r, col=c, rowspan=rowspan, colspan=hc.colspan,
                              is_header=hc.header, text=" ".join(hc.text.split())))
            c += hc.colspan
    n_cols = max(c for _, c in occupied) + 1
    if len(occupied) != len(rows) * n_cols:
        raise VlmOutputError("table spans do not tile a rectangular grid")
    header_rows = 0
    for r in range(len(rows)):
        if not all(cell.is_header for cell in cells if cell.row == r):
            break
        header_rows += 1
    return Table(n_rows=len(rows), n_cols=n_cols, cells=cells, header_rows=header_rows)


# ---------------------------------------------------------------- charts: CSV


def chart_to_csv(chart: Chart) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([chart.x_label or "category", *(s.name for s in chart.series)])
    for i, cat in enumerate(chart.categories):
        writer.writerow([cat, *(_fmt(s.values[i]) for s in chart.series)])
    return buf.getvalue().strip()


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def parse_number(text: str) -> float | None:
    t = text.strip()
    if not t or not _NUMBER.match(t):
        return None
    negative = t.startswith("-") or (t.startswith("(") and t.endswith(")"))
    digits = re.sub(r"[^\d.]", "", t)
    try:
        value = float(digits)
    except ValueError:
        return None
    return -value if negative else value


def csv_to_chart(text: str, chart_type: ChartType = ChartType.UNKNOWN) -> Chart:
    """A value table (header row: label, series names; then one row per category)."""
    body = _strip_fences(text)
    rows = [r for r in csv.reader(io.StringIO(body)) if any(x.strip() for x in r)]
    if len(rows) < 2 or len(rows[0]) < 2:
        raise VlmOutputError("chart CSV needs a header and at least one row of values")
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise VlmOutputError("ragged chart CSV")
    values = [[parse_number(x) for x in r[1:]] for r in rows[1:]]
    cells = [v for row in values for v in row]
    if sum(v is not None for v in cells) < max(1, len(cells) // 2):
        raise VlmOutputError("chart CSV has too few numeric values")
    header = [h.strip() for h in rows[0]]
    series = [Series(name=header[j + 1] or f"series {j + 1}", values=[row[j] for row in values])
              for j in range(width - 1)]
    return Chart(type=chart_type, x_label=header[0] or None,
                 categories=[r[0].strip() for r in rows[1:]], series=series)


def _strip_fences(text: str) -> str:
    """Servers often wrap CSV/HTML in Markdown code fences."""
    m = re.search(r"```[a-zA-Z]*\n(.*?)```", text, flags=re.S)
    return m.group(1) if m else text.strip()


# ---------------------------------------------------------------- text


def check_text(text: str, max_chars: int = 20_000) -> str:
    """Plain text that is non-empty, bounded and free of runaway repetition."""
    t = text.strip()
    if not t:
        raise VlmOutputError("empty output")
    if len(t) > max_chars:
        raise VlmOutputError(f"output longer than {max_chars} characters")
    if has_runaway_repetition(t):
        raise VlmOutputError("runaway repetition in the output")
    return t


def has_runaway_repetition(text: str, repeats: int = 6, max_ngram: int = 8) -> bool:
    """True when a word n-gram (n ≤ ``max_ngram``) repeats ``repeats`` times in a row, or one
    character repeats 40 times in a row (leader dots and rules excepted)."""
    if re.search(r"([^.\-_=·\s])\1{39,}", text):
        return True
    words = text.split()
    for n in range(1, max_ngram + 1):
        span = n * repeats
        for start in range(0, len(words) - span + 1):
            window = words[start : start + span]
            if all(window[k] == window[k % n] for k in range(span)):
                return True
    return False


def ends_in_loop(tokens: list[str], repeats: int = 12, max_ngram: int = 64) -> bool:
    """True when the sequence ends with some n-gram repeated ``repeats`` times: the signature of
    a decoder that ran into its token limit inside a loop (identical rows, one cell forever)."""
    for n in range(1, max_ngram + 1):
        span = n * repeats
        if len(tokens) < span:
            break
        tail = tokens[-span:]
        if all(tail[k] == tail[k % n] for k in range(span)):
            return True
    return False


def parse_table_output(text: str) -> Table:
    """A table from either OTSL (the project's checkpoint) or HTML (server models)."""
    body = _strip_fences(text)
    tokens = re.findall(r"<[^>]+>|[^<\s]+", body)
    while tokens and tokens[-1].lower() in ("</table>", "</tbody>", "</body>", "</html>"):
        tokens.pop()  # a loop the model closed off is still a loop
    if ends_in_loop(tokens):
        raise VlmOutputError("runaway repetition in the table")
    if OTSL_TOKEN.search(body) and "<table" not in body.lower():
        return otsl_to_table(body)
    return html_to_table(body)
