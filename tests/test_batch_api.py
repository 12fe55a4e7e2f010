"""The Python ETL API: parse_many yields documents or errors as they finish; table helpers
collect a batch's tables into DataFrames with provenance."""

from __future__ import annotations

from pathlib import Path

import docparse
from docparse.batch.manifest import Status
from tests.test_batch_support import table_pdf, text_pdf, write, zip_bytes


def test_parse_many_yields_documents_and_errors(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.pdf", text_pdf("Alpha", 2))
    write(tmp_path / "in" / "t.pdf", table_pdf())
    write(tmp_path / "in" / "bad.pdf", b"garbage")
    write(tmp_path / "pack.zip", zip_bytes({"z.pdf": text_pdf("Zed", 1), "../x.pdf": b"%PDF-"}))
    results = list(docparse.parse_many([tmp_path / "in", tmp_path / "pack.zip", table_pdf(),
                                        tmp_path / "missing.pdf"], workers=2, pages="1"))
    by_name = {r.input.replace(str(tmp_path) + "/", ""): r for r in results}
    assert set(by_name) == {"in/a.pdf", "in/t.pdf", "in/bad.pdf", "pack.zip::z.pdf", "pack.zip::../x.pdf",
                            "<bytes 2>", "missing.pdf"}
    assert by_name["in/a.pdf"].ok and len(by_name["in/a.pdf"].document.pages) == 1  # pages="1" applied
    assert by_name["in/a.pdf"].document.source == str(tmp_path / "in" / "a.pdf")
    assert by_name["pack.zip::z.pdf"].ok
    assert not by_name["in/bad.pdf"].ok and by_name["in/bad.pdf"].status is Status.FAILED
    assert "unsafe path" in by_name["pack.zip::../x.pdf"].error
    assert by_name["missing.pdf"].error == "file not found"

    frames = docparse.collect_tables(results)
    assert {(f.file.replace(str(tmp_path) + "/", ""), f.page, f.table_id) for f in frames} == {
        ("in/t.pdf", 1, "/page/1/table/1"), ("<bytes 2>", 1, "/page/1/table/1")}
    frame = next(f.frame for f in frames if f.file.endswith("t.pdf"))
    assert list(frame.columns) == ["Region", "Q1", "Q2"] and frame.iloc[0].tolist() == ["North", "10", "12"]
    assert frame.attrs["table_id"] == "/page/1/table/1"

    cells = docparse.tables_long_frame(results)
    assert list(cells.columns) == ["file", "page", "table_id", "row", "col", "rowspan", "colspan", "is_header", "text"]
    assert len(cells) == 18 and cells[cells.is_header].text.tolist()[:3] == ["Region", "Q1", "Q2"]


def test_parse_many_rejects_unknown_options() -> None:
    import pytest

    with pytest.raises(docparse.DocparseError, match="unknown option"):
        docparse.parse_many([table_pdf()], workers=1, colour="red")
