"""Ruled tables on scans read from their ruling lines (OpenCV), spans included."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")
pytest.importorskip("rapidocr_onnxruntime")

from benchmarks.teds import teds  # noqa: E402
from docparse.readers.scan_rulings import ScanRulingOptions, anchored_edges, ruling_edges  # noqa: E402
from docparse.tablegrid.edges import Edge  # noqa: E402


def _grid_image(rows: int = 4, cols: int = 3, cell: int = 40, stroke: int = 2) -> np.ndarray:
    """White image with a full grid; the middle vertical ruling is missing in row 0 (a colspan)."""
    h, w = rows * cell + stroke, cols * cell + stroke
    img = np.full((h + 20, w + 20, 3), 255, np.uint8)
    for r in range(rows + 1):
        img[10 + r * cell:10 + r * cell + stroke, 10:10 + w] = 0
    for c in range(cols + 1):
        top = 10 + cell if c == 1 else 10  # no ruling between columns 0 and 1 in the first row
        img[top:10 + h, 10 + c * cell:10 + c * cell + stroke] = 0
    img[10 + 2 * cell + 12:10 + 2 * cell + 28, 10 + 2 * cell + 20:10 + 2 * cell + 22] = 0  # a "1" in a cell
    return img


def test_rulings_found_and_glyph_strokes_dropped() -> None:
    edges = ruling_edges(_grid_image(), 1.0, (0.0, 0.0), ScanRulingOptions(min_line_fraction=0.05))
    hs = sorted(round(e.pos) for e in edges if e.orientation == "h")
    vs = sorted((round(e.pos), round(e.start)) for e in edges if e.orientation == "v")
    assert hs == [11, 51, 91, 131, 171]
    assert [v[0] for v in vs] == [11, 51, 91, 131]
    assert abs(dict(vs)[51] - 50) <= 3  # the broken ruling starts under the merged cell
    assert not any(90 < e.pos < 110 and e.orientation == "v" and e.length < 30 for e in edges)


def test_anchoring_keeps_overshooting_frames_and_drops_floating_strokes() -> None:
    frame = [Edge("h", 10, 8, 102), Edge("h", 50, 8, 102), Edge("v", 10, 10, 50), Edge("v", 100, 10, 50)]
    floating = Edge("v", 60, 14, 46)  # inside a cell, 4 pt short of both rulings
    kept = anchored_edges(frame + [floating], short=1.5)
    assert floating not in kept and len(kept) == 4


def test_scanned_ruled_table_with_spans_read_from_rulings(tmp_path) -> None:  # noqa: ANN001
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf
    from benchmarks.synth.tables import generate_table_set
    from docparse.config import ParseOptions
    from docparse.pipeline import convert

    truths = [t for t in generate_table_set(tmp_path, n=6, seed=5) if t.style == "ruled"][:2]
    assert truths
    for k, truth in enumerate(truths):
        pdf = degrade_pdf((tmp_path / truth.file).read_bytes(), DegradeSettings(snr_db=15), seed=k)
        doc = convert(pdf, ParseOptions())
        tables = [r for r in doc.regions() if r.table is not None]
        assert [r.source for r in tables] == ["rulings"]
        assert teds(tables[0].table.to_html(), truth.table.to_html()) >= 0.95
