"""Helpers shared by the batch/serve/CLI tests (no tests here): small generated PDFs and archives."""

from __future__ import annotations

import io
import random
import tarfile
import zipfile
from pathlib import Path

import pymupdf

WORDS = ("revenue growth market share operating margin quarter fiscal customers segment analysis "
         "forecast investment capital strategy product region sales efficiency energy service").split()


def text_pdf(title: str, pages: int = 2, seed: int = 0, landscape: bool = False) -> bytes:
    """A born-digital report: a title and a few paragraphs per page."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    width, height = (792, 612) if landscape else (612, 792)
    for n in range(pages):
        page = doc.new_page(width=width, height=height)
        page.insert_text((72, 80), f"{title}" if n == 0 else f"{title} (continued)", fontsize=18)
        sentences = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(10)]
        page.insert_textbox(pymupdf.Rect(72, 110, width - 72, height - 72), " ".join(sentences), fontsize=10)
    data = doc.tobytes()
    doc.close()
    return data


def prose_pdf(paragraphs: list[str], title: str | None = None, landscape: bool = False) -> bytes:
    """One paragraph per page (or all on one page when short), text exactly as given."""
    doc = pymupdf.open()
    width, height = (792, 612) if landscape else (612, 792)
    page = doc.new_page(width=width, height=height)
    y = 72.0
    if title:
        page.insert_text((72, y), title, fontsize=20)
        y += 30
    for text in paragraphs:
        rect = pymupdf.Rect(72, y, width - 72, height - 60)
        left = page.insert_textbox(rect, text, fontsize=10)
        if left < 0:
            page = doc.new_page(width=width, height=height)
            y = 72.0
            left = page.insert_textbox(pymupdf.Rect(72, y, width - 72, height - 60), text, fontsize=10)
        y = rect.y1 - left + 14 if rect.y0 == y else y
    data = doc.tobytes()
    doc.close()
    return data


def many_pages_pdf(pages: int) -> bytes:
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page()
        for k in range(30):
            page.insert_text((60, 60 + 22 * k), f"Line {k} of page {n}: " + " ".join(WORDS[:10]), fontsize=9)
    data = doc.tobytes()
    doc.close()
    return data


def table_pdf() -> bytes:
    """One ruled 3x3 table with a header row."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 60), "Quarterly results", fontsize=14)
    rows = [["Region", "Q1", "Q2"], ["North", "10", "12"], ["South", "7", "9"]]
    x0, y0, cw, rh = 72, 100, 120, 24
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            page.insert_text((x0 + c * cw + 6, y0 + r * rh + 16), text, fontsize=10)
    for r in range(len(rows) + 1):
        page.draw_line((x0, y0 + r * rh), (x0 + 3 * cw, y0 + r * rh))
    for c in range(4):
        page.draw_line((x0 + c * cw, y0), (x0 + c * cw, y0 + len(rows) * rh))
    data = doc.tobytes()
    doc.close()
    return data


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w:gz", symlinks: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for name, target in (symlinks or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tf.addfile(info)
    return buf.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_worker_warm_up_does_not_load_the_pymupdf_layout_model() -> None:
    """A batch worker's warm-up opens MuPDF through load_pymupdf: a plain ``import pymupdf``
    loads ``pymupdf.layout`` and its model (issue 17: ~1.5 s a worker against ~0.8 s)."""
    import subprocess
    import sys

    code = ("import sys\nfrom docparse.batch.pool import warm_up\nfrom docparse.batch.worker import ComponentsCache\n"
            "warm_up(ComponentsCache())\nprint('pymupdf' in sys.modules, 'pymupdf.layout' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split()[-2:] == ["True", "False"], out.stdout + out.stderr
