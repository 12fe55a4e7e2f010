"""VLM output formats: OTSL/HTML tables, CSV charts, text validation (no torch needed)."""

from __future__ import annotations

import random

import pytest

from benchmarks.synth.regions import RegionSynthOptions, random_region_table
from docparse.document import Cell, Chart, Series, Table
from docparse.vlm.formats import (
    VlmOutputError,
    chart_to_csv,
    check_text,
    csv_to_chart,
    has_runaway_repetition,
    html_to_table,
    otsl_to_table,
    parse_table_output,
    table_to_otsl,
)


def test_otsl_round_trips_generated_tables_with_spans() -> None:
    rng = random.Random(3)
    spans = 0
    for _ in range(50):
        table = random_region_table(rng, RegionSynthOptions())
        spans += table.has_spans
        assert otsl_to_table(table_to_otsl(table)) == table
    assert spans > 10


def test_otsl_encodes_merged_cells_with_continuation_tokens() -> None:
    table = Table(n_rows=2, n_cols=3, header_rows=1, cells=[
        Cell(row=0, col=0, rowspan=2, is_header=True, text="Region"),
        Cell(row=0, col=1, colspan=2, is_header=True, text="Sales"),
        Cell(row=1, col=1, text="1"), Cell(row=1, col=2, text="")])
    assert table_to_otsl(table) == "<ched>Region<ched>Sales<lcel><nl><ucel><fcel>1<ecel><nl>"


@pytest.mark.parametrize("bad", [
    "<fcel>a<fcel>b<nl><fcel>c<nl>",  # ragged
    "<lcel>a<fcel>b<nl>",  # lcel at row start
    "<ucel><fcel>b<nl>",  # ucel in the first row
    "garbage before<fcel>a<nl>",
    "",
])
def test_malformed_otsl_is_rejected(bad: str) -> None:
    with pytest.raises(VlmOutputError):
        otsl_to_table(bad)


def test_html_table_with_rowspan_and_colspan() -> None:
    html = ("```html\n<table><tr><th rowspan=2>Region</th><th colspan=2>Sales</th></tr>"
            "<tr><th>2023</th><th>2024</th></tr><tr><td>North</td><td>1</td><td>2</td></tr></table>\n```")
    table = parse_table_output(html)
    assert (table.n_rows, table.n_cols, table.header_rows) == (3, 3, 2)
    region = next(c for c in table.cells if c.text == "Region")
    assert (region.rowspan, region.colspan) == (2, 1)
    assert table.grid()[2] == ["North", "1", "2"]


def test_html_table_that_does_not_tile_is_rejected() -> None:
    with pytest.raises(VlmOutputError):
        html_to_table("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    with pytest.raises(VlmOutputError):
        html_to_table("no table here")


def test_table_with_runaway_repetition_is_rejected() -> None:
    looped = "<table>" + "<tr><td>x</td></tr>" * 40 + "</table>"
    with pytest.raises(VlmOutputError):
        parse_table_output(looped)


def test_chart_csv_round_trip_and_number_parsing() -> None:
    chart = Chart(categories=["Q1", "Q2"], series=[Series(name="Sales", values=[10.0, 2.5]),
                                                  Series(name="Cost", values=[None, 4.0])])
    csv_text = chart_to_csv(chart)
    assert csv_text == "category,Sales,Cost\nQ1,10,\nQ2,2.5,4"
    back = csv_to_chart(csv_text)
    assert back.categories == ["Q1", "Q2"]
    assert [s.values for s in back.series] == [[10.0, 2.5], [None, 4.0]]
    parsed = csv_to_chart("```csv\nyear,Share\n2020,\"1,200\"\n2021,35%\n2022,(4)\n```")
    assert parsed.series[0].values == [1200.0, 35.0, -4.0]


@pytest.mark.parametrize("bad", ["just words", "a,b\nx,y\nz,w", "a,b\n1,2,3", ""])
def test_chart_csv_without_values_is_rejected(bad: str) -> None:
    with pytest.raises(VlmOutputError):
        csv_to_chart(bad)


def test_text_validation_rejects_empty_and_loops_but_keeps_normal_text() -> None:
    assert check_text("  The quarterly report shows growth.  ") == "The quarterly report shows growth."
    with pytest.raises(VlmOutputError):
        check_text("   ")
    with pytest.raises(VlmOutputError):
        check_text("the table " * 30)
    assert has_runaway_repetition("a" * 60)
    assert not has_runaway_repetition("Contents ........................................ 4")


def test_table_whose_output_ends_in_a_loop_is_rejected_but_a_long_table_is_kept() -> None:
    with pytest.raises(VlmOutputError):
        parse_table_output("<fcel>a<fcel>b<nl>" + "<fcel>7<fcel>7<nl>" * 30)
    rows = "".join(f"<tr><td>row {k}</td><td>{k * 3}</td></tr>" for k in range(40))
    assert parse_table_output(f"<table>{rows}</table>").n_rows == 40
