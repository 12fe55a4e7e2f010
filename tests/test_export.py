"""Batch data export (issue 19 item 5): ``--format parquet`` / ``jsonl`` write OUT/documents.* and
OUT/tables.* as folders of one part per input, read by pandas and DuckDB; a resumed batch adds
the rest without duplicate rows; a failed input has a row saying why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docparse.cli import main

pd = pytest.importorskip("pandas")


def make_table_pdf(path: Path, rows: int, title: str) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    data = [["Region", "Revenue", "Growth"]]
    data += [[f"Area {i}", f"{1200 + 15 * i:,}", f"{i - 2}.5%"] for i in range(rows)]
    table = Table(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]))
    styles = getSampleStyleSheet()
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(title, styles["Heading1"]), Paragraph("Revenue by area for the year.", styles["BodyText"]), table])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-in")
    make_table_pdf(folder / "a.pdf", 4, "Report A")
    make_table_pdf(folder / "b.pdf", 6, "Report B")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    return folder


def _run(args: list[str]) -> int:
    return main([*args, "-q", "-j", "1"])


def test_parquet_export_read_by_pandas_and_duckdb(inputs: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    assert _run([str(inputs / "a.pdf"), str(inputs / "broken.pdf"), "-o", str(out), "--format", "parquet"]) == 1
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(Path(p).name for p in docs["path"]) == ["a.pdf", "broken.pdf"]
    ok = docs[docs["status"] == "ok"].iloc[0]
    assert "Report A" in ok["markdown"] and json.loads(ok["json"])["pages"] and len(ok["sha256"]) == 64
    bad = docs[docs["status"] != "ok"].iloc[0]
    assert bad["status"] == "failed" and bad["error"] and pd.isna(bad["markdown"])
    cells = pd.read_parquet(out / "tables.parquet")
    assert len(cells) == 5 * 3 and set(cells["page"]) == {1}
    header = cells[cells["is_header"]]
    assert list(header.sort_values("col")["text"]) == ["Region", "Revenue", "Growth"]
    value = cells[(cells["row"] == 2) & (cells["col"] == 1)].iloc[0]
    assert value["text"] == "1,215" and value["value"] == 1215.0
    growth = cells[(cells["row"] == 1) & (cells["col"] == 2)].iloc[0]
    assert growth["value"] == -2.5 and growth["unit"] == "%"

    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    n, total = con.execute(f"select count(*), sum(value) from read_parquet('{out}/tables.parquet/*.parquet') "
                           "where col = 1 and not is_header").fetchone()
    assert n == 4 and total == sum(1200 + 15 * i for i in range(4))


def test_resume_adds_the_rest_without_duplicates(inputs: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    assert _run([str(inputs / "a.pdf"), "-o", str(out), "--format", "parquet,jsonl,md"]) == 0
    assert len(pd.read_parquet(out / "documents.parquet")) == 1
    # a batch killed after a: the rest comes with --resume, a is neither redone nor repeated
    assert _run([str(inputs / "a.pdf"), str(inputs / "b.pdf"), "-o", str(out), "--format", "parquet,jsonl,md",
                 "--resume"]) == 0
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(Path(p).name for p in docs["path"]) == ["a.pdf", "b.pdf"]
    cells = pd.read_parquet(out / "tables.parquet")
    assert len(cells) == (5 + 7) * 3
    lines = [json.loads(line) for part in sorted((out / "tables.jsonl").glob("*.jsonl"))
             for line in part.read_text().splitlines()]
    assert len(lines) == len(cells) and {"file", "value", "is_header"} <= set(lines[0])
    # redoing everything (no --resume) replaces each input's parts: still one row per input
    assert _run([str(inputs / "a.pdf"), str(inputs / "b.pdf"), "-o", str(out), "--format", "parquet"]) == 0
    assert len(pd.read_parquet(out / "documents.parquet")) == 2
    assert len(pd.read_parquet(out / "tables.parquet")) == (5 + 7) * 3


def test_parquet_needs_an_output_folder(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run([str(inputs / "a.pdf"), "--format", "parquet"]) == 2
    assert "need -o" in capsys.readouterr().err
