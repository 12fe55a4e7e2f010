"""The office-style families (ReportLab business reports, LibreOffice DOCX, pdflatex): one
document each, generated into tmp_path. The PDF exists, the title and every heading of the truth
are in its text layer, table truth HTML parses with the spans the generator meant, and the dev
and test splits share neither seeds nor templates."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmarks.families import _content as C
from benchmarks.families.base import FamilyDoc, Split

pymupdf = pytest.importorskip("pymupdf")


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[int, int]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            a = dict(attrs)
            self.rows[-1].append((int(a.get("rowspan") or 1), int(a.get("colspan") or 1)))


def _grid_width(html: str) -> tuple[int, int, list[tuple[int, int]]]:
    """(rows, columns, spans) of a table, checking every row fills the same width."""
    p = _Spans()
    p.feed(html)
    taken: set[tuple[int, int]] = set()
    widths = []
    for r, row in enumerate(p.rows):
        col = 0
        for rs, cs in row:
            while (r, col) in taken:
                col += 1
            taken |= {(r + i, col + j) for i in range(rs) for j in range(cs)}
            col += cs
        widths.append(max([c for (rr, c) in taken if rr == r], default=-1) + 1)
    assert len(set(widths)) == 1, f"ragged table rows {widths}"
    return len(p.rows), widths[0], [s for row in p.rows for s in row if s != (1, 1)]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).replace("\u00ad", "")).strip().casefold()


def _check_doc(doc: FamilyDoc) -> None:
    assert doc.pdf.exists() and doc.pdf.stat().st_size > 1000
    with pymupdf.open(doc.pdf) as pdf:
        text = _norm(" ".join(page.get_text() for page in pdf))
        assert pdf.page_count == doc.truth.pages
    t = doc.truth
    assert _norm(t.title) in text, t.title
    assert t.headings
    for h in t.headings:
        assert _norm(h.text) in text, h.text
    assert t.tables
    for table in t.tables:
        rows, cols, spans = _grid_width(table.html)
        assert rows >= 3 and cols >= 3
        assert table.pages and all(1 <= p <= t.pages for p in table.pages)
        if "row_col_groups" in table.style:  # stub header rowspan 2, a column group, a row-group label
            assert spans[:2] == [(2, 1), (2, 1)] and any(cs > 1 for rs, cs in spans)
            assert any(rs > 1 for rs, cs in spans[2:] if cs == 1)
        if "group_rows" in table.style:  # a full-width group label row
            assert (1, cols) in spans
    assert t.charts
    for chart in t.charts:
        assert 1 <= chart.page <= t.pages
        assert chart.series and all(len(s.values) == len(chart.categories) for s in chart.series)
    assert t.furniture and t.body and t.body[0] == t.title


def test_content_tables_have_intended_spans() -> None:
    import random

    rng = random.Random(5)
    spec = C.make_table(rng, C.TableKind.ROW_AND_COLUMN_GROUPS)
    _rows, _cols, spans = _grid_width(spec.html())
    assert spans[:2] == [(2, 1), (2, 1)]  # Region and Metric headers span both header rows
    assert any(cs >= 2 and rs == 1 for rs, cs in spans)  # a year over its halves
    assert any(rs >= 2 and cs == 1 for rs, cs in spans[2:])  # a row-group label beside its rows
    spec = C.make_table(rng, C.TableKind.GROUP_ROWS)
    _rows, cols, spans = _grid_width(spec.html())
    assert (1, cols) in spans


def test_split_seeds_disjoint() -> None:
    dev = {C.split_seed("dev", i, s) for i in range(500) for s in (11, 12, 13)}
    test = {C.split_seed("test", i, s) for i in range(500) for s in (11, 12, 13)}
    assert not dev & test


def test_reportlab_family(tmp_path: Path) -> None:
    from benchmarks.families.reportlab_business import (
        DEV_TEMPLATES,
        TEST_TEMPLATES,
        ReportLabBusiness,
    )

    fam = ReportLabBusiness()
    if reason := fam.available():
        pytest.skip(reason)
    assert not {t.key for t in DEV_TEMPLATES} & {t.key for t in TEST_TEMPLATES}
    (doc,) = fam.build(Split.TEST, tmp_path, 1)
    _check_doc(doc)
    assert any(c.vector for c in doc.truth.charts) or any(not c.vector for c in doc.truth.charts)
    again = fam.build(Split.TEST, tmp_path, 1)[0]  # cached, same truth
    assert again.truth == doc.truth


def test_libreoffice_family(tmp_path: Path) -> None:
    from benchmarks.families.docx_reports import (
        DEV_TEMPLATES,
        TEST_TEMPLATES,
        LibreOfficeReports,
    )

    fam = LibreOfficeReports()
    if reason := fam.available():
        pytest.skip(reason)
    assert not {t.key for t in DEV_TEMPLATES} & {t.key for t in TEST_TEMPLATES}
    (doc,) = fam.build(Split.DEV, tmp_path, 1)
    _check_doc(doc)
    assert doc.truth.footnotes  # real DOCX footnotes, rendered at the page foot
    with pymupdf.open(doc.pdf) as pdf:
        text = _norm(" ".join(page.get_text() for page in pdf))
    for note in doc.truth.footnotes:
        assert _norm(note) in text


def test_pdflatex_family(tmp_path: Path) -> None:
    from benchmarks.families.latex_reports import (
        DEV_TEMPLATES,
        TEST_TEMPLATES,
        LatexReports,
        table_tex,
    )

    fam = LatexReports()
    if reason := fam.available():
        pytest.skip(reason)
    assert not {t.key for t in DEV_TEMPLATES} & {t.key for t in TEST_TEMPLATES}
    (doc,) = fam.build(Split.DEV, tmp_path, 1)
    _check_doc(doc)
    with pymupdf.open(doc.pdf) as pdf:
        text = _norm(" ".join(page.get_text() for page in pdf))
    for note in doc.truth.footnotes:
        assert _norm(note) in text
    import random

    spec = C.make_table(random.Random(3), C.TableKind.ROW_AND_COLUMN_GROUPS)
    src = table_tex(spec, C.TableStyle.BOOKTABS, r"\small", "x", long=False, wide=False, placement="H")
    assert r"\cmidrule(lr){3-" in src and r"\multirow{2}{*}" in src and r"\multicolumn{" in src
