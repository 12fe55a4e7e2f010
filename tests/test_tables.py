"""Born-digital tables: the structure chain, detection on generated pages, exports, TEDS."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from docparse.document import Cell, Table
from docparse.options.tables import GridOptions
from docparse.pages.analysis import Drawing, PageAnalysis, PathItem, Word
from docparse.tablegrid.cells import cells_from_intersections, find_intersections, group_cells
from docparse.tablegrid.edges import Edge, edges_from_drawings, join_edges, snap_edges, table_edges
from docparse.tablegrid.grid import grid_from_rects


def _line(x0: float, y0: float, x1: float, y1: float) -> Drawing:
    return Drawing(bbox=(x0, y0, x1, y1), items=[PathItem("l", ((x0, y0), (x1, y1)))], stroke=(0, 0, 0), width=0.5)


def test_settings_resolve_fills_axis_tolerances() -> None:
    s = GridOptions(snap_tolerance=2.5, snap_y_tolerance=1.0).resolve()
    assert s.snap_x_tolerance == 2.5 and s.snap_y_tolerance == 1.0
    with pytest.raises(ValueError):
        GridOptions(join_tolerance=-1)


def test_thin_filled_rect_is_a_ruling_and_blank_fill_is_not() -> None:
    thin = Drawing(bbox=(10, 50, 200, 51), items=[PathItem("re", ((10, 50), (200, 51)))], fill=(0, 0, 0))
    blank = Drawing(bbox=(0, 0, 595, 842), items=[PathItem("re", ((0, 0), (595, 842)))], fill=(1, 1, 1))
    edges = edges_from_drawings([thin, blank], GridOptions())
    assert edges == [Edge("h", 50.5, 10, 200, 1.0)]


def test_snap_and_join_make_one_edge_from_broken_collinear_pieces() -> None:
    pieces = [Edge("h", 100.0, 0, 50), Edge("h", 101.2, 51, 120), Edge("h", 100.4, 119, 200)]
    joined = join_edges(snap_edges(pieces, GridOptions().resolve()), GridOptions())
    assert len(joined) == 1 and joined[0].start == 0 and joined[0].end == 200


def test_missing_internal_ruling_gives_a_merged_cell() -> None:
    # 3 columns x 2 rows; the rule between the rows is missing under column 0 -> rowspan 2
    xs, ys = [0, 50, 100, 150], [0, 20, 40]
    drawings = [_line(xs[0], y, xs[-1], y) for y in (ys[0], ys[2])] + [_line(xs[1], ys[1], xs[-1], ys[1])]
    drawings += [_line(x, ys[0], x, ys[-1]) for x in xs]
    edges = table_edges(drawings, GridOptions())
    groups = group_cells(cells_from_intersections(find_intersections(edges, 3.0)))
    assert len(groups) == 1 and len(groups[0]) == 5
    words = [Word("A", (10, 15, 20, 25), 0, 0), Word("b", (60, 5, 70, 15), 0, 0)]
    cells = grid_from_rects(groups[0], words)
    merged = [c for c in cells if c.rowspan == 2]
    assert len(merged) == 1 and (merged[0].row, merged[0].col, merged[0].text) == (0, 0, "A")
    assert len(cells) == 5  # every slot covered exactly once


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from benchmarks.synth.tables import generate_table_set

    out = tmp_path_factory.mktemp("tables")
    return out, generate_table_set(out, n=9, seed=21)


def _analysis(path: Path, page: int = 1) -> PageAnalysis:
    import pymupdf

    from docparse.pages.textlayer import analyze_page

    with pymupdf.open(path) as doc:
        return analyze_page(doc[page - 1], page, None)


def _iou(a, b) -> float:  # noqa: ANN001
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0, w) * max(0, h)
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def test_generated_tables_detected_and_reconstructed(generated) -> None:  # noqa: ANN001
    from benchmarks.teds import teds
    from docparse.regions.tables import TableClassifier
    from docparse.tablegrid import read_table

    out, truths = generated
    scores: dict[str, list[float]] = {}
    for truth in truths:
        page = _analysis(out / truth.file)
        found = TableClassifier().find(page)
        assert len(found) == 1, truth.file
        assert _iou(found[0].bbox, truth.bbox) > 0.8, truth.file
        assert found[0].style == truth.style
        table = read_table(page, found[0].bbox, found[0].style)
        scores.setdefault(truth.style, []).append(teds(table.to_html(), truth.table.to_html()))
    for style, vals in scores.items():
        assert sum(vals) / len(vals) >= 0.95, (style, vals)


def test_table_does_not_swallow_paragraphs_or_caption(generated) -> None:  # noqa: ANN001
    import docparse
    from docparse.document import RegionKind

    out, truths = generated
    doc = docparse.parse(out / truths[1].file)
    tables = doc.tables
    assert len(tables) == 1
    paragraphs = [r for r in doc.regions() if r.kind in (RegionKind.PARAGRAPH, RegionKind.CAPTION)]
    assert len(paragraphs) >= 2  # the prose above and below survived as text
    for p in paragraphs:
        assert _iou(p.bbox, tables[0].bbox) < 0.05


def test_two_column_prose_is_not_a_table(tmp_path: Path) -> None:
    from benchmarks.synth.tables import generate_two_column_page
    from docparse.regions.tables import TableClassifier

    for seed in (1, 2, 3):
        path = tmp_path / f"two_col_{seed}.pdf"
        generate_two_column_page(path, seed=seed)
        assert TableClassifier().find(_analysis(path)) == []


@pytest.mark.parametrize(("style", "repeat_header"), [("ruled", True), ("booktabs", False)])
def test_cross_page_table_merged_with_repeated_header_dropped(tmp_path: Path, repeat_header: bool, style: str) -> None:
    import docparse
    from benchmarks.synth.tables import generate_cross_page_table

    path = tmp_path / "cross.pdf"
    whole = generate_cross_page_table(path, repeat_header=repeat_header, style=style)
    doc = docparse.parse(path)
    merged = [r for r in doc.tables if r.table is not None]
    assert len(merged) == 1
    table = merged[0].table
    assert table.continued_on_pages == [2]
    assert table.grid() == whole.grid()
    assert table.header_rows == 1


def _spanned() -> Table:
    cells = [Cell(row=0, col=0, rowspan=2, is_header=True, text="Region"),
             Cell(row=0, col=1, colspan=2, is_header=True, text="Sales"),
             Cell(row=1, col=1, is_header=True, text="2022"), Cell(row=1, col=2, is_header=True, text="2023"),
             Cell(row=2, col=0, rowspan=2, text="North"), Cell(row=2, col=1, text="1"),
             Cell(row=2, col=2, text="2"), Cell(row=3, col=1, text="3"), Cell(row=3, col=2, text="4")]
    return Table(n_rows=4, n_cols=3, cells=cells, header_rows=2)


def test_exports_with_spans() -> None:
    t = _spanned()
    html = t.to_html()
    assert '<th rowspan="2">Region</th>' in html and '<th colspan="2">Sales</th>' in html
    assert t.to_markdown() == html  # spans: Markdown falls back to HTML
    assert t.to_csv().splitlines()[3] == ",3,4"
    assert t.to_csv(fill_merged=True).splitlines()[3] == "North,3,4"
    df = t.to_dataframe()
    assert list(df.columns) == [("Region", ""), ("Sales", "2022"), ("Sales", "2023")]
    assert df.iloc[1].tolist() == ["", "3", "4"]
    assert t.to_dataframe(fill_merged=True).iloc[1].tolist() == ["North", "3", "4"]
    indexed = t.to_dataframe(fill_merged=True, index_cols=1)
    assert indexed.loc["North"].shape == (2, 2)


def test_markdown_github_table_without_spans() -> None:
    t = Table(n_rows=2, n_cols=2, header_rows=1, cells=[
        Cell(row=0, col=0, is_header=True, text="a|b"), Cell(row=0, col=1, is_header=True, text="c"),
        Cell(row=1, col=0, text="1"), Cell(row=1, col=1, text="2")])
    assert t.to_markdown().splitlines() == ["| a\\|b | c |", "| --- | --- |", "| 1 | 2 |"]


def test_teds_values() -> None:
    from benchmarks.teds import teds

    a = _spanned().to_html()
    assert teds(a, a) == 1.0
    changed = a.replace(">North<", ">Nord<")
    assert 0.95 < teds(changed, a) < 1.0 and teds(changed, a, structure_only=True) == 1.0
    flat = a.replace(' rowspan="2"', "")
    assert teds(flat, a, structure_only=True) < 1.0
    assert teds("<p>no table</p>", a) == 0.0


def test_random_tables_cover_every_slot_once() -> None:
    from benchmarks.synth.tables import TableSynthOptions, random_table
    from docparse.renderers.tables import occupancy

    rng = random.Random(0)
    for style in ("ruled", "booktabs", "borderless"):
        for _ in range(20):
            t = random_table(rng, TableSynthOptions(style=style))
            slots = [(r, c) for cell in t.cells for r in range(cell.row, cell.row + cell.rowspan)
                     for c in range(cell.col, cell.col + cell.colspan)]
            assert len(slots) == len(set(slots)) == t.n_rows * t.n_cols
            assert all(x is not None for row in occupancy(t) for x in row)


ICDAR = ("tables", "icdar2013-us", "tests", "files", "tabula", "icdar2013-dataset", "competition-dataset-us")


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["us-001", "us-003", "us-023"])
def test_icdar_regions_detected(corpus: Path, name: str) -> None:
    """Ruled-with-unruled-labels (us-001), booktabs next to rules in the page furniture
    (us-003), header above partial group rules (us-023): every GT region found, nothing else."""
    from benchmarks.tables_gt import icdar_tables
    from docparse.regions.tables import TableClassifier

    truths = [t for t in icdar_tables(corpus) if t.pdf.stem == name and t.bbox is not None]
    assert truths, f"no ground truth for {name}"
    for page in sorted({t.page for t in truths}):
        found = TableClassifier().find(_analysis(truths[0].pdf, page))
        gts = [t for t in truths if t.page == page]
        assert len(found) == len(gts)
        for gt in gts:
            assert any(_iou(c.bbox, gt.bbox) >= 0.5 for c in found), (name, page)


@pytest.mark.corpus
def test_icdar_partial_rules_header_structure(corpus: Path) -> None:
    from benchmarks.tables_gt import icdar_tables
    from benchmarks.teds import teds
    from docparse.regions.tables import TableClassifier
    from docparse.tablegrid import read_table

    gt = next(t for t in icdar_tables(corpus) if t.pdf.stem == "us-023" and t.page == 2)
    page = _analysis(gt.pdf, 2)
    cand = TableClassifier().find(page)[0]
    table = read_table(page, cand.bbox, cand.style)
    assert table.n_rows == 9 and table.header_rows == 2
    assert teds(table.to_html(), gt.html, structure_only=True, ignore_sections=True) >= 0.95
