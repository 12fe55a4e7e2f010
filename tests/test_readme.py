"""Every code block in the README runs: the command lines through the installed `docparse`
command, the Python blocks as scripts, in a folder holding the files they name.

Only the set-up blocks are not run here, because this suite is what they run: `bash scripts/test.sh`
is the CI command itself, and the install lines and `scripts/example.sh` create environments and
call apt and pip (tests/test_install.py checks what they do)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pymupdf
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)
SETUP_LINE = re.compile(r"^(pip install |python3 -m venv |bash scripts/(example|test)\.sh$)")


def readme_blocks(language: str) -> list[str]:
    return [m.group(2) for m in BLOCK.finditer(README) if m.group(1) == language]


def command_lines() -> list[str]:
    lines = []
    for block in readme_blocks("bash"):
        for line in block.splitlines():
            command = line.split("  #", 1)[0].strip()
            if command and not SETUP_LINE.match(command):
                lines.append(command)
    return lines


def _report(path: Path, copies: int = 4) -> None:
    """An 8-page report: the example report (text, tables, a chart) four times over."""
    example = pymupdf.open(ROOT / "examples" / "sample-report.pdf")
    out = pymupdf.open()
    for _ in range(copies):
        out.insert_pdf(example)
    out.save(path)


def _scan(path: Path) -> None:
    page = pymupdf.open(ROOT / "examples" / "sample-report.pdf")[0]
    page.get_pixmap(dpi=150).pil_save(path, format="TIFF")


def _locked(path: Path) -> None:
    doc = pymupdf.open(ROOT / "examples" / "sample-report.pdf")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner-secret")


def _archives(folder: Path, pdf: bytes) -> None:
    with zipfile.ZipFile(folder / "archive.zip", "w") as zf:
        zf.writestr("zipped/one.pdf", pdf)
    with tarfile.open(folder / "more.tar.gz", "w:gz") as tf:
        info = tarfile.TarInfo("tarred/two.pdf")
        info.size = len(pdf)
        tf.addfile(info, io.BytesIO(pdf))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    _report(folder / "report.pdf")
    _report(folder / "huge.pdf", copies=2)
    sample = (ROOT / "examples" / "sample-report.pdf").read_bytes()
    for name in ("a.pdf", "b.pdf", "reports/q1.pdf", "reports/drafts/q2-draft.pdf"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(sample)
    _archives(folder, sample)
    _scan(folder / "scan.tiff")
    _locked(folder / "locked.pdf")
    return folder


def _docparse() -> str:
    found = shutil.which("docparse")
    return found if found else f"{sys.executable} -m docparse"


def test_readme_has_command_and_python_blocks() -> None:
    assert len(command_lines()) >= 8 and len(readme_blocks("python")) >= 3


@pytest.mark.parametrize("line", command_lines())
def test_readme_command_runs(line: str, workspace: Path) -> None:
    assert line.startswith("docparse "), f"a README command this test cannot run: {line!r}"
    command = _docparse() + line[len("docparse"):]
    done = subprocess.run(command, shell=True, cwd=workspace, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{line}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr
    if "-o OUT" not in line:
        assert done.stdout.strip(), f"{line} printed nothing"


def test_readme_python_blocks_run(workspace: Path) -> None:
    """The API and options blocks form one session (the second uses the first's import); the batch
    block is its own script, as its main guard says."""
    blocks = readme_blocks("python")
    session = [b for b in blocks if "__main__" not in b]
    scripts = [b for b in blocks if "__main__" in b]
    for i, source in enumerate(["\n".join(session), *scripts]):
        script = workspace / f"readme_block_{i}.py"
        script.write_text(source, encoding="utf-8")
        done = subprocess.run([sys.executable, script.name], cwd=workspace, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"README python block {i} failed:\n{source}\n{done.stderr[-3000:]}"
