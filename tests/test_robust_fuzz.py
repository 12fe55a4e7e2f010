"""A short, bounded atheris run of tests/fuzz_atheris.py (skipped when atheris is missing)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from tests.conftest import CORPUS

HARNESS = Path(__file__).with_name("fuzz_atheris.py")
SEEDS = (
    "pypdf/001-trivial/minimal-document.pdf",
    "qpdf/qpdf/qtest/qpdf/bad9.pdf",
    "pdfjs/test/pdfs/poppler-67295-0.pdf",
)


def seed_dir(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 300), "Fuzzing seed with some text", fontsize=12)
    page.draw_rect(pymupdf.Rect(72, 320, 300, 400))
    (seeds / "generated.pdf").write_bytes(doc.tobytes())
    for rel in SEEDS:  # copies in a temporary folder, never in the repository
        path = CORPUS / "robustness" / rel
        if path.is_file():
            shutil.copy(path, seeds / path.name)
    return seeds


def test_atheris_finds_no_foreign_exception(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    run = subprocess.run(
        [sys.executable, str(HARNESS), "-runs=400", "-max_total_time=30", "-max_len=65536",
         "-timeout=30", "-rss_limit_mb=3072", f"-artifact_prefix={artifacts}/", str(seed_dir(tmp_path))],
        capture_output=True, text=True, timeout=150, cwd=tmp_path,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    assert "Uncaught Python exception" not in output
    assert not list(artifacts.iterdir()), "atheris saved a crashing input"
    assert "Done" in output
