"""The public surface: a small sorted __all__, a committed JSON schema, a fast CLI import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import docparse
from docparse.document import Cell, Chart, Series, Table
from docparse.schema import SCHEMA_PATH, schema_text


def test_all_is_sorted_and_importable() -> None:
    assert docparse.__all__ == sorted(docparse.__all__)
    for name in docparse.__all__:
        assert hasattr(docparse, name), name


def test_committed_schema_matches_model() -> None:
    """Golden file: regenerate with DOCPARSE_REGENERATE=1 (or python -m docparse.schema)."""
    if os.environ.get("DOCPARSE_REGENERATE"):
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert committed == json.loads(schema_text()), "schema drifted: run python -m docparse.schema"
    assert committed["version"] == docparse.document.SCHEMA_VERSION


def test_cli_import_is_light() -> None:
    code = ("import sys, docparse.cli; heavy = [m for m in ('torch', 'transformers', 'pandas', "
            "'cv2', 'onnxruntime', 'fastapi', 'ray', 'rich') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_table_exports_with_spans() -> None:
    table = Table(n_rows=3, n_cols=3, header_rows=1, cells=[
        Cell(row=0, col=0, rowspan=1, colspan=1, is_header=True, text="Region"),
        Cell(row=0, col=1, colspan=2, is_header=True, text="Sales"),
        Cell(row=1, col=0, rowspan=2, text="North"),
        Cell(row=1, col=1, text="1"), Cell(row=1, col=2, text="2"),
        Cell(row=2, col=1, text="3"), Cell(row=2, col=2, text="4"),
    ])
    html = table.to_html()
    assert '<th colspan="2">Sales</th>' in html and '<td rowspan="2">North</td>' in html
    assert table.to_markdown() == html  # spans → HTML in Markdown
    assert table.grid() == [["Region", "Sales", ""], ["North", "1", "2"], ["", "3", "4"]]
    assert table.grid(fill_merged=True)[2][0] == "North"
    assert table.to_csv().splitlines()[0] == "Region,Sales,"
    df = table.to_dataframe(fill_merged=True)
    assert list(df.columns) == ["Region", "Sales", "Sales.1"] and df.iloc[1, 0] == "North"


def test_simple_table_is_github_markdown() -> None:
    table = Table(n_rows=2, n_cols=2, header_rows=1, cells=[
        Cell(row=0, col=0, is_header=True, text="a"), Cell(row=0, col=1, is_header=True, text="b|c"),
        Cell(row=1, col=0, text="1"), Cell(row=1, col=1, text="2")])
    assert table.to_markdown() == "| a | b\\|c |\n| --- | --- |\n| 1 | 2 |"


def test_chart_dataframe() -> None:
    chart = Chart(type="bar", categories=["2022", "2023"], x_label="year",
                  series=[Series(name="revenue", values=[1.5, 2.0])])
    df = chart.to_dataframe()
    assert df.loc["2023", "revenue"] == 2.0 and df.index.name == "year"
