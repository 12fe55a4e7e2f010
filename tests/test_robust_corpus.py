"""The robustness corpus through the real ``docparse`` command, and the report's bookkeeping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.robustness import (
    ChildRun,
    FileResult,
    Outcome,
    RobustnessOptions,
    RobustnessReport,
    classify_run,
    count_pages,
    format_summary,
    list_inputs,
    main,
    parse_document,
    run_one,
    run_report,
)
from tests.conftest import corpus_path

OPTIONS = RobustnessOptions(timeout_s=120, memory_mb=3072, page_timeout_s=20, file_timeout_s=90,
                            extra_args=("--ocr", "never"))

# (file under robustness/, expected outcome, text expected in the one-line error or page count)
CLI_CASES = [
    (("qpdf", "qpdf", "qtest", "qpdf", "bad1.pdf"), Outcome.CLEAN_ERROR, "not a PDF"),
    (("pdfplumber", "tests", "pdfs", "empty.pdf"), Outcome.CLEAN_ERROR, "empty"),
    (("pdfplumber", "tests", "pdfs", "password-example.pdf"), Outcome.CLEAN_ERROR, "password required"),
    (("pdfjs", "test", "pdfs", "poppler-85140-0.pdf"), Outcome.CLEAN_ERROR, "damaged beyond repair"),
    (("pdfjs", "test", "pdfs", "poppler-67295-0.pdf"), Outcome.CONVERTED, ""),
    (("pdfjs", "test", "pdfs", "PDFBOX-3148-2-fuzzed.pdf"), Outcome.CONVERTED, ""),
    (("qpdf", "qpdf", "qtest", "qpdf", "bad2.pdf"), Outcome.CONVERTED, ""),
]


@pytest.mark.parametrize("parts, outcome, text", CLI_CASES, ids=[c[0][-1] for c in CLI_CASES])
def test_cli_on_corpus_files(parts, outcome, text) -> None:
    path = corpus_path("robustness", *parts)
    result = run_one("case", path, OPTIONS)
    assert result.outcome == outcome, result
    assert result.stray_stderr == 0, result
    if outcome == Outcome.CLEAN_ERROR:
        assert result.exit_code == 1
        assert result.message == f"docparse: {path}: {result.message.split(': ', 2)[2]}"
        assert text in result.message
    else:
        assert result.pages >= 1 and result.exit_code in (0, 1)


def run(stdout: str = "", stderr: str = "", exit_code: int | None = 0) -> ChildRun:
    return ChildRun(exit_code=exit_code, seconds=1.0, max_rss_mb=100.0, stdout=stdout, stderr=stderr)


DOC = json.dumps({"pages": [{"issues": []}, {"issues": [{"fatal": True, "message": "x"}]}]})


def test_classification_of_child_runs() -> None:
    doc = parse_document(DOC)
    assert doc is not None and count_pages(doc) == (2, 1, 1)
    assert classify_run(run(DOC, "docparse: a.pdf (page 2): broken\n", 1), doc)[0] == Outcome.CONVERTED
    assert classify_run(run("", "docparse: a.pdf: not a PDF\n", 1), None) == (
        Outcome.CLEAN_ERROR, "docparse: a.pdf: not a PDF")
    assert classify_run(run("", "", None), None)[0] == Outcome.HANG
    assert classify_run(run("", "docparse: a.pdf: still running 9 s after it started; killed\n", -9),
                        None)[0] == Outcome.HANG
    assert classify_run(run("", "", -11), None) == (Outcome.CRASH, "killed by signal SIGSEGV")
    crash = "Traceback (most recent call last):\n  File \"x\", line 1\nKeyError: 'a'\n"
    assert classify_run(run("", crash, 1), None) == (Outcome.CRASH, "traceback: KeyError: 'a'")
    assert classify_run(run("", "docparse: a.pdf: internal error: KeyError: 'a'\n", 1), None)[0] == Outcome.CRASH
    assert classify_run(run("", "", 3), None)[0] == Outcome.CRASH
    assert parse_document("not json") is None and parse_document("{\"a\": 1}") is None


def test_summary_table_and_exit_status(tmp_path: Path) -> None:
    report = RobustnessReport(results=[
        FileResult("a.pdf", "qpdf", Outcome.CONVERTED, 0, 2.5, 300.0, pages=3),
        FileResult("b.pdf", "qpdf", Outcome.CLEAN_ERROR, 1, 1.0, 90.0),
        FileResult("c.pdf", "pdfjs", Outcome.HANG, None, 120.0, 500.0),
    ])
    summaries = {s.group: s for s in report.summaries()}
    assert (summaries["total"].tried, summaries["total"].converted, summaries["total"].clean_errors,
            summaries["total"].hangs, summaries["total"].max_seconds) == (3, 1, 1, 1, 120.0)
    assert not report.ok
    table = format_summary(report)
    assert table.splitlines()[0].split(" | ")[0].strip() == "set" and "total" in table
    (tmp_path / "set" / "sub").mkdir(parents=True)
    (tmp_path / "set" / "SOURCE.txt").write_text("x")
    (tmp_path / "set" / "sub" / "x.pdf").write_bytes(b"oops")
    (tmp_path / "set" / "sub" / "x.out").write_bytes(b"oops")
    assert list_inputs([tmp_path], all_files=False) == [("set", tmp_path / "set" / "sub" / "x.pdf")]
    assert list_inputs([tmp_path / "set"], all_files=True)[0][0] == "set"
    assert main(["--timeout", "0"]) == 2
    assert main([str(tmp_path / "missing")]) == 2


def test_report_command_on_a_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"this is not a pdf")
    assert main([str(tmp_path), "--timeout", "60", "--json", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    assert "clean errors" in out and "total" in out
    results = json.loads((tmp_path / "r.json").read_text())
    assert results[0]["outcome"] == "clean_error"


@pytest.mark.slow
@pytest.mark.timeout(2400)  # the whole corpus, ~8-10 min on 2 cores; the suite default is 600 s
def test_whole_robustness_corpus_no_crash_no_hang(corpus: Path) -> None:
    """Every file converts or fails with one line; none crashes or hangs (about 10 min on 2 cores)."""
    report = run_report([corpus / "robustness"], RobustnessOptions(jobs=2))
    bad = [f"{r.outcome.value}: {r.path}: {r.message}" for r in report.results
           if r.outcome in (Outcome.CRASH, Outcome.HANG) or r.stray_stderr]
    assert not bad, "\n".join(bad)
    assert len(report.results) >= 300
