"""The command line: stdout mode, batch mode exit codes and failure lines, usage errors,
subcommand dispatch (serve) with clear errors when a module is missing, and a pointer for the
former subcommands that are now developer tools outside the package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from docparse import cli
from tests.test_batch_support import text_pdf, write, zip_bytes


@pytest.fixture()
def pdf(tmp_path: Path) -> Path:
    return write(tmp_path / "report.pdf", text_pdf("Quarterly report", pages=2))


def test_markdown_on_stdout(pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(pdf), "-q"]) == 0
    out = capsys.readouterr().out
    assert "Quarterly report" in out


def test_summary_and_json_on_stdout(pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(pdf), "-q", "--format", "summary"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["page_count"] == 2 and summary["source"] == str(pdf) and len(summary["keywords"]) <= 5
    assert cli.main([str(pdf), "-q", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == str(pdf)


def test_single_member_archive_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write(tmp_path / "one.zip", zip_bytes({"docs/a.pdf": text_pdf("Zipped report", 1)}))
    assert cli.main([str(archive), "-q"]) == 0
    assert "Zipped report" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["--format", "docx"], ["-o", "OUT", "--workers", "0"], ["--pages", "0-2"], ["--dpi", "5"], ["--no-such-flag"],
    ["-o", "OUT", "--ray", "some/dir"], ["--ray"],
])
def test_usage_errors_exit_2_without_traceback(pdf: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(pdf), *argv]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error" in err


def test_several_inputs_need_an_output_dir(pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = write(tmp_path / "b.pdf", text_pdf("B", 1))
    assert cli.main([str(pdf), str(other)]) == 2
    assert "-o" in capsys.readouterr().err


def test_missing_and_bad_inputs_exit_1_one_line_each(pdf: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(tmp_path / "nope.pdf"), "-q"]) == 1
    assert capsys.readouterr().err.strip() == f"docparse: {tmp_path / 'nope.pdf'}: file not found"
    bad = write(tmp_path / "in" / "bad.pdf", b"this is not a pdf")
    write(tmp_path / "in" / "good.pdf", text_pdf("Good", 1))
    code = cli.main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-j", "1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [f"docparse: {bad}: not a PDF or a supported image (checked by content) [failed]"]
    assert (tmp_path / "out" / "good.md").exists() and (tmp_path / "out" / "good.summary.json").exists()
    assert (tmp_path / "out" / "manifest.jsonl").exists()


def test_batch_all_good_exits_0(pdf: Path, tmp_path: Path) -> None:
    assert cli.main([str(pdf), "-o", str(tmp_path / "out"), "-q", "--format", "md"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["manifest.jsonl", "report.md"]


def main(argv: list[str]) -> int:  # the fake subcommand below dispatches here
    print("fake subcommand got", " ".join(argv))
    return 3


def test_subcommand_dispatch(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(cli.SUBCOMMANDS, "fake", ("tests.test_cli", "vlm"))
    assert cli.main(["fake", "--epochs", "2"]) == 3
    assert capsys.readouterr().out.strip() == "fake subcommand got --epochs 2"
    monkeypatch.setitem(cli.SUBCOMMANDS, "fake", ("docparse.no_such_module", "vlm"))
    assert cli.main(["fake"]) == 2
    err = capsys.readouterr().err
    assert "'fake' is not available" in err and "pip install -e '.[vlm]'" in err and "docparse[" not in err


@pytest.mark.parametrize(("name", "command"), [("train-vlm", "python -m tools.train_vlm"),
                                               ("robustness", "python -m benchmarks.robustness")])
def test_former_subcommands_point_to_the_developer_tools(name: str, command: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([name, "--help"]) == 2
    err = capsys.readouterr().err
    assert "not part of the installed package" in err and command in err and "Traceback" not in err


def test_serve_help_and_import_stays_light() -> None:
    result = subprocess.run([sys.executable, "-m", "docparse", "serve", "--help"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "--token" in result.stdout and "--max-upload-mb" in result.stdout
    code = ("import sys, docparse.cli, docparse.cli_progress, docparse.cli_batch, docparse.cli_serve; "
            "heavy = [m for m in ('pandas', 'fastapi', 'uvicorn', 'ray', 'rich') if m in sys.modules]; "
            "print(heavy)")
    light = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert light.stdout.strip() == "[]", light.stderr


def test_scanned_pdf_without_the_ocr_extra_fails_loudly(tmp_path: Path) -> None:
    """Issue 16: without the OCR extra a scanned page gave empty Markdown, exit 0 and nothing on
    stderr. It now fails that page: a message naming the file, the page and the extra, exit 1."""
    import pymupdf
    from PIL import Image, ImageDraw

    picture = Image.new("L", (1200, 400), 255)
    ImageDraw.Draw(picture).text((40, 150), "Quarterly revenue grew in every region", fill=0)
    png = tmp_path / "scan.png"
    picture.save(png)
    doc = pymupdf.open()
    doc.new_page(width=612, height=204).insert_image(pymupdf.Rect(0, 0, 612, 204), filename=str(png))
    pdf = tmp_path / "scan.pdf"
    doc.save(pdf)
    code = ("import sys\nfor name in ('rapidocr_onnxruntime', 'rapidocr', 'pytesseract'):\n    sys.modules[name] = None\n"
            "from docparse.cli import main\nsys.argv = ['docparse', sys.argv[1]]\nraise SystemExit(main())")
    run = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "scan.pdf (page 1)" in run.stderr and "needs OCR" in run.stderr and "[ocr]" in run.stderr
