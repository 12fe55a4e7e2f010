"""What a new user hits in the Python API and the CLI (issue 16): option mistakes are docparse
errors, ``--version``, pages the document lacks, and documented output methods."""

from __future__ import annotations

import os
import pydoc
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

import docparse
from docparse import cli
from docparse.batch.manifest import MANIFEST_NAME, Status, latest_records, read_manifest

TOPICS = ("Revenue grew in every region", "Costs fell after the merger", "Hiring slowed in spring",
          "Outlook for the coming year", "Risks and their owners", "Appendix of figures")


def _pdf(pages: int) -> bytes:
    """``pages`` pages, each with its own sentence in the body (nothing repeats, so nothing is a running text)."""
    doc = pymupdf.open()
    for n in range(pages):
        doc.new_page(width=595, height=842).insert_text((72, 300), TOPICS[n], fontsize=11)
    return doc.tobytes()


@pytest.fixture()
def four_pages(tmp_path: Path) -> Path:
    path = tmp_path / "four.pdf"
    path.write_bytes(_pdf(4))
    return path


def test_usage_error_is_public_and_a_docparse_error() -> None:
    assert "UsageError" in docparse.__all__
    assert issubclass(docparse.UsageError, docparse.DocparseError)


@pytest.mark.parametrize(("keyword", "value", "choices"), [
    ("ocr", "sometimes", "'auto', 'always', 'never'"),
    ("rasterizer", "ghostscript", "'pymupdf', 'poppler'"),
    ("reader", "gpt", "'auto', 'native', 'vlm'"),
])
def test_a_bad_option_value_is_a_usage_error_naming_the_choices(keyword: str, value: str, choices: str) -> None:
    with pytest.raises(docparse.UsageError) as caught:
        docparse.parse(_pdf(1), **{keyword: value})
    assert repr(value) in str(caught.value) and choices in str(caught.value)


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"docparse {docparse.__version__}"


def test_pages_the_document_lacks_are_an_error_in_python() -> None:
    with pytest.raises(docparse.UsageError, match=r"page 9 not in the document \(4 pages\)"):
        docparse.parse(_pdf(4), pages="9")


def test_pages_partly_missing_convert_the_others_with_a_warning() -> None:
    document = docparse.parse(_pdf(4), pages="3-9")
    assert [p.number for p in document.pages] == [3, 4]
    assert any("pages 5-9 not in the document (4 pages)" in i.message for i in document.issues)


def test_cli_pages_beyond_the_document_exit_non_zero_with_a_clear_error(
        four_pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(four_pages), "-q", "--pages", "9"]) == cli.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "four.pdf" in captured.err and "page 9 not in the document (4 pages)" in captured.err


def test_cli_batch_records_pages_beyond_the_document_as_failed(four_pages: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main([str(four_pages), "-q", "-o", str(out), "-j", "1", "--pages", "9"]) == cli.EXIT_FAILED
    (record,) = latest_records(read_manifest(out / MANIFEST_NAME)).values()
    assert record.status is Status.FAILED and "page 9 not in the document" in (record.error or "")
    assert "page 9 not in the document" in capsys.readouterr().err


@pytest.mark.parametrize("method", [
    docparse.Document.to_markdown, docparse.Document.to_json, docparse.Table.to_dataframe,
    docparse.Table.to_html, docparse.Table.to_markdown, docparse.Table.to_csv, docparse.Chart.to_dataframe,
])
def test_output_methods_have_docstrings(method: object) -> None:
    assert (getattr(method, "__doc__", None) or "").strip()


def test_help_on_document_shows_the_output_methods() -> None:
    text = pydoc.render_doc(docparse.Document, renderer=pydoc.plaintext)
    assert "The document as Markdown in reading order" in text
    assert "The whole document as JSON" in text


@pytest.mark.parametrize(("argv", "needs"), [
    (["--format", "csv"], "--format csv needs -o OUTDIR"),
    (["--format", "md,json"], "without -o, --format takes one of md, json, summary"),
    (["--debug-overlay"], "--debug-overlay needs -o OUTDIR"),
])
def test_options_that_need_an_output_directory_are_usage_errors(
        four_pages: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needs: str) -> None:
    """Without -o these did nothing (Markdown on stdout, exit 0); now they say what they need."""
    assert cli.main([str(four_pages), "-q", *argv]) == cli.EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == "" and needs in captured.err


def test_document_warnings_reach_stderr_on_stdout(four_pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--max-pages 2`` to stdout converts two pages and says so on stderr (not only in the JSON)."""
    assert cli.main([str(four_pages), "-q", "--max-pages", "2"]) == 0
    captured = capsys.readouterr()
    assert TOPICS[1] in captured.out and TOPICS[2] not in captured.out
    assert f"docparse: {four_pages}: warning: document has 4 pages; only the first 2" in captured.err
    assert cli.main([str(four_pages), "-q", "--pages", "3-9"]) == 0
    assert "warning: pages 5-9 not in the document (4 pages)" in capsys.readouterr().err


def _readme_block(containing: str) -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("\n", 1)[1] for b in readme.split("```")[1::2] if b.startswith("python")]
    (block,) = [b for b in blocks if containing in b]
    return block


def _run_script(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    (cwd / "a.pdf").write_bytes(_pdf(2))
    (cwd / "b.pdf").write_bytes(_pdf(3))
    (cwd / "script.py").write_text(code)
    env = dict(os.environ, PYTHONPATH=str(Path(docparse.__file__).resolve().parents[1]))
    return subprocess.run([sys.executable, "script.py"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=180)


def test_readme_parse_many_example_runs(tmp_path: Path) -> None:
    """The README's parse_many block, as written, converts both files (it used result.key,
    an undefined ``results`` and no main guard)."""
    done = _run_script(_readme_block("parse_many") + "\n    print(len(frames), 'frames')\n", tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "a.pdf True None" in done.stdout and "b.pdf True None" in done.stdout


def test_parse_many_without_main_guard_is_a_docparse_error_that_says_so(tmp_path: Path) -> None:
    code = ("import docparse\ntry:\n    list(docparse.parse_many(['a.pdf', 'b.pdf'], workers=2))\n"
            "except docparse.DocparseError as exc:\n    print('CAUGHT', exc)\n")
    done = _run_script(code, tmp_path)
    caught = [line for line in done.stdout.splitlines() if line.startswith("CAUGHT")]
    assert caught and 'if __name__ == "__main__":' in caught[-1] and "die while starting" in caught[-1]


def _table(rows: list[list[str]], header_rows: int = 1) -> docparse.Table:
    cells = [docparse.Cell(row=r, col=c, text=t, is_header=r < header_rows)
             for r, row in enumerate(rows) for c, t in enumerate(row)]
    return docparse.Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=header_rows)


def test_to_dataframe_numeric_reads_numbers_units_and_blanks() -> None:
    import math

    table = _table([["Region", "Sales", "Change", "Budget", "Note"],
                    ["North", "18,870", "12.5%", "$1,200", "on plan"],
                    ["South", "(1,234)", "-3%", "$950.50", ""],
                    ["East", "", "—", "$0", "late"]])
    text = table.to_dataframe()
    assert text.loc[0, "Sales"] == "18,870" and text.loc[2, "Sales"] == ""  # default: texts as they are
    frame = table.to_dataframe(numeric=True, index_cols=1)
    assert list(frame.columns) == ["Sales", "Change (%)", "Budget ($)", "Note"]
    assert frame.loc["North", "Sales"] == 18870.0 and frame.loc["South", "Sales"] == -1234.0
    assert math.isnan(frame.loc["East", "Sales"]) and math.isnan(frame.loc["East", "Change (%)"])
    assert frame.loc["South", "Change (%)"] == -3.0 and frame.loc["South", "Budget ($)"] == 950.5
    assert frame["Sales"].dtype.kind == "f"
    assert frame.loc["North", "Note"] == "on plan" and math.isnan(frame.loc["South", "Note"])
    assert frame.attrs["units"] == {"Change (%)": "%", "Budget ($)": "$"}


def test_to_dataframe_numeric_leaves_mixed_columns_as_text() -> None:
    table = _table([["Item", "Code", "Price"], ["a", "12", "€3"], ["b", "7-B", "$4"]])
    frame = table.to_dataframe(numeric=True)
    assert list(frame["Code"]) == ["12", "7-B"]  # a code is not a number
    assert list(frame["Price"]) == ["€3", "$4"]  # two currencies: not one column of numbers


def test_to_dataframe_numeric_on_a_generated_pdf_table(tmp_path: Path) -> None:
    """A reportlab table with thousands separators and a parenthesised negative, through parse."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    path = tmp_path / "figures.pdf"
    rows = [["Division", "Revenue", "Margin"], ["Retail", "18,870", "12.5%"], ["Online", "9,410", "(2.0%)"],
            ["Wholesale", "4,005", "7.25%"], ["Services", "1,250", "3.0%"]]
    pdf = SimpleDocTemplate(str(path), pagesize=A4)
    grid = Table(rows)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    pdf.build([grid])
    (region,) = docparse.parse(path).tables
    assert region.table is not None
    frame = region.table.to_dataframe(numeric=True, index_cols=1)
    assert frame.loc["Retail", "Revenue"] == 18870.0 and frame.loc["Online", "Margin (%)"] == -2.0
    (collected,) = docparse.collect_tables([docparse.parse(path)], numeric=True)
    assert collected.frame["Revenue"].tolist() == [18870.0, 9410.0, 4005.0, 1250.0]


def test_resume_matches_the_same_bytes_typed_another_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``docparse reports -o OUT`` then ``docparse /abs/reports -o OUT --resume`` converts nothing
    again: resume is keyed on the bytes and the options, not on the path as typed."""
    import tarfile

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(_pdf(2))
    (folder / "b.pdf").write_bytes(_pdf(3))
    with tarfile.open(tmp_path / "more.tar.gz", "w:gz") as tar:
        tar.add(folder / "a.pdf", arcname="docs/c.pdf")
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    assert cli.main(["reports", "more.tar.gz", "-q", "-o", "out", "-j", "1"]) == 0
    first = read_manifest(out / MANIFEST_NAME)
    assert len(first) == 3
    again = [str(folder.resolve()), str((tmp_path / "more.tar.gz").resolve())]
    assert cli.main([*again, "-q", "-o", str(out), "-j", "1", "--resume"]) == 0
    assert len(read_manifest(out / MANIFEST_NAME)) == 3  # nothing converted again, no new lines
    (folder / "b.pdf").write_bytes(_pdf(4))  # new bytes under the same name: converted again
    assert cli.main([*again, "-q", "-o", str(out), "-j", "1", "--resume"]) == 0
    assert len(read_manifest(out / MANIFEST_NAME)) == 4


def test_lang_without_tesseract_is_a_usage_error(four_pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang fra`` with the default engine did nothing; it now says which engine reads it."""
    assert cli.main([str(four_pages), "-q", "--lang", "fra"]) == cli.EXIT_USAGE
    assert "--lang applies to --ocr-engine tesseract" in capsys.readouterr().err


@pytest.mark.skipif(not __import__("shutil").which("tesseract"), reason="tesseract not installed")
def test_tesseract_language_without_data_is_an_error(four_pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A language Tesseract has no data for (``xyz``) is named, with the package to install,
    instead of pages read with the wrong model."""
    with pytest.raises(docparse.UsageError, match=r"tesseract has no data for xyz .*tesseract-ocr-xyz"):
        docparse.parse(_pdf(1), ocr="always", engine="tesseract", languages="eng+xyz")
    assert cli.main([str(four_pages), "-q", "--ocr-engine", "tesseract", "--lang", "eng+xyz"]) != 0
    assert "tesseract has no data for xyz" in capsys.readouterr().err
