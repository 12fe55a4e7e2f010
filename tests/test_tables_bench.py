"""The tables benchmark's scoring: readings of one table, spot checks, anchor cache keys."""

from __future__ import annotations

from pathlib import Path

from benchmarks.suite_tables import PredTable, SystemRun, cache_file, score_set
from benchmarks.tables_gt import GtTable, group_readings
from benchmarks.tables_spot import CheckKind, SpotCheck, score_check
from benchmarks.teds import grid_to_html


def test_expectations_of_one_table_are_scored_once_against_the_best_reading(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    lattice = GtTable(pdf, 1, grid_to_html([["a", "b"], ["1", "2"]]), spans=False)
    stream = GtTable(pdf, 1, grid_to_html([["a b"], ["1 2"]]), spans=False)
    other = GtTable(pdf, 1, grid_to_html([["x", "y"], ["7", "8"]]), spans=False)
    gts = group_readings([lattice, stream, other])
    assert len(gts) == 2 and gts[0].alternatives == (stream,)
    pred = grid_to_html([["a b"], ["1 2"]])
    run = SystemRun(tables={pdf: [PredTable(1, pred, pred)]})
    assert score_set(gts, run).teds == [1.0, 0.0]


def test_anchor_cache_key_names_the_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert cache_file(tmp_path, "x", pdf, [2]) != cache_file(tmp_path, "x", pdf, [1])
    assert cache_file(tmp_path, "x", pdf) != cache_file(tmp_path, "x", pdf, [1])


def test_spot_checks() -> None:
    pdf = Path("a.pdf")
    grid = [["", "h1", "h2", ""], ["", "x", "1", ""], ["", "y", "2", ""]]
    assert score_check(SpotCheck(pdf, 1, CheckKind.ROW, ("y", "2", "")), [grid]) == 1.0
    assert score_check(SpotCheck(pdf, 1, CheckKind.CELL, ("x",), (-2, 1)), [grid]) == 1.0
    assert score_check(SpotCheck(pdf, 1, CheckKind.TABLE_COUNT, numbers=(2,)), [grid]) == 0.0
    assert score_check(SpotCheck(pdf, 1, CheckKind.ROW_COUNTS, numbers=(3, 5)), [grid]) == 0.5
    stacked = SpotCheck(pdf, 1, CheckKind.STACKED, ("x", "y"))
    assert score_check(stacked, [grid]) == 1.0 and score_check(stacked, [[["x y"]]]) == 1.0
    assert score_check(SpotCheck(pdf, 1, CheckKind.NON_EMPTY), [[["a"]]]) == 0.0


def test_tabula_csv_holding_two_tables_is_cut_by_its_json_twin(corpus: Path) -> None:
    from benchmarks.tables_gt import tabula_tables

    gts = tabula_tables(corpus)
    two = [g for g in gts if g.pdf.name == "twotables.pdf"]
    assert len(two) == 2 and all(g.page == 1 for g in two)
    assert [g.page for g in gts if g.pdf.name == "us-020.pdf"] == [2]  # no JSON: the page with its words


def test_large_table_pays_once_for_section_wrappers_the_truth_lacks() -> None:
    """Over 300 nodes TEDS uses the row-alignment bound; a predicted thead/tbody around rows
    the truth lists bare costs two node deletions (as the exact distance says), not one per row."""
    from benchmarks.teds import parse_table_html, row_alignment_distance, teds

    rows = "".join(f"<tr><td>AC-{k}</td><td>{k}</td><td>x</td><td>y</td><td>z</td></tr>" for k in range(60))
    head = "".join("<td>h</td>" for _ in range(5))
    truth = f"<table><tr>{head}</tr>{rows}</table>"
    pred = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    assert row_alignment_distance(parse_table_html(pred), parse_table_html(truth)) == 2.0
    assert teds(pred, truth) > 0.99
    assert teds(pred, pred) == 1.0
