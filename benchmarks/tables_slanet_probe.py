"""SLANet-plus fed with text-layer words vs the grid heuristics on rule-less born-digital tables
(issue 15 item 2, "decide by measurement").

    python -m benchmarks.tables_slanet_probe DOCS_DIR [DOCS_DIR ...]

DOCS_DIR: a families split as ``python -m benchmarks families`` builds it
(``<work-dir>/families/docs/<family>/<split>``: ``<name>.pdf`` + ``<name>.json`` truth).
For each truth table whose style is rule-less (borderless, booktabs, rules/hlines, banded,
zebra, shaded) and that docparse found on one page (not joined across pages): TEDS of the
grid reading and TEDS of SLANet-plus on the same region (crop at 200 dpi, page words matched
into the predicted cell boxes); thead/tbody are not scored when the truth has none, as in the
families suite. Prints per table and per style, and SLANet's seconds per table.
"""

from __future__ import annotations

import glob
import json
import os
import sys
import time

import numpy as np
import pymupdf

import docparse
from benchmarks.families.base import DocTruth
from benchmarks.families_score import match_tables
from benchmarks.teds import teds
from docparse.readers.scantables import SlanetTableModel, recognise_table

RULELESS = ("borderless", "booktabs", "rules", "hlines", "banded", "zebra", "shaded")
DPI, PAD = 200, 3.0


def style_of(label: str) -> str:
    return label.split(":")[0].split(";")[0]


def _truth(pdf: str) -> DocTruth:
    raw = json.loads(open(pdf[:-4] + ".json", encoding="utf-8").read())
    raw.pop("_version", None)
    return DocTruth.from_json(json.dumps(raw))


def _slanet_html(page: pymupdf.Page, bbox: tuple[float, float, float, float], model: SlanetTableModel) -> tuple[str, float]:
    x0, y0, x1, y1 = bbox
    box = (max(0, x0 - PAD), max(0, y0 - PAD), min(page.rect.width, x1 + PAD), min(page.rect.height, y1 + PAD))
    pix = page.get_pixmap(clip=pymupdf.Rect(box), dpi=DPI)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]
    px = DPI / 72.0
    words = [(((w[0] - box[0]) * px, (w[1] - box[1]) * px, (w[2] - box[0]) * px, (w[3] - box[1]) * px), w[4])
             for w in page.get_text("words")
             if box[0] <= (w[0] + w[2]) / 2 <= box[2] and box[1] <= (w[1] + w[3]) / 2 <= box[3]]
    t0 = time.perf_counter()
    table = recognise_table(img, words, model, 1 / px, (box[0], box[1]))
    return table.to_html(), time.perf_counter() - t0


def probe_doc(pdf: str, model: SlanetTableModel) -> list[tuple[str, str, float, float, float]]:
    """(doc, style, grid TEDS, SLANet TEDS, SLANet seconds) per rule-less one-page table."""
    truth = _truth(pdf)
    if not any(style_of(t.style) in RULELESS for t in truth.tables):
        return []
    regions = [r for r in docparse.parse(pdf).tables if r.table is not None and r.table.n_rows]
    preds = [r.table.to_html() for r in regions]
    doc = pymupdf.open(pdf)
    out = []
    for t, m in zip(truth.tables, match_tables([t.html for t in truth.tables], preds)):
        if style_of(t.style) not in RULELESS or m is None:
            continue
        region = regions[preds.index(m)]
        if region.table.continued_on_pages:  # parts on other pages: no one crop to compare
            continue
        html, seconds = _slanet_html(doc.load_page(region.page - 1), region.bbox, model)
        bare = "<tbody" not in t.html and "<thead" not in t.html
        out.append((os.path.basename(pdf), t.style, teds(m, t.html, ignore_sections=bare),
                    teds(html, t.html, ignore_sections=bare), seconds))
        print(f"{out[-1][0]} {t.style:32s} grid {out[-1][2]:.3f} slanet {out[-1][3]:.3f} ({seconds:.2f}s)", flush=True)
    return out


def summary(rows: list[tuple[str, str, float, float, float]]) -> None:
    n = len(rows)
    grid, slanet = sum(r[2] for r in rows) / n, sum(r[3] for r in rows) / n
    better = sum(r[3] > r[2] + 0.01 for r in rows)
    worse = sum(r[3] < r[2] - 0.01 for r in rows)
    print(f"{n} tables: grid {grid:.3f}, slanet {slanet:.3f}; slanet better on {better}, worse on {worse}")
    groups: dict[str, list[tuple[str, str, float, float, float]]] = {}
    for r in rows:
        groups.setdefault(style_of(r[1]), []).append(r)
        groups.setdefault("with " + r[1].split(":")[-1], []).append(r)
    for key, rs in sorted(groups.items()):
        print(f"  {key:22s} n={len(rs):2d} grid {sum(x[2] for x in rs) / len(rs):.3f} "
              f"slanet {sum(x[3] for x in rs) / len(rs):.3f}")
    print(f"slanet seconds per table {sum(r[4] for r in rows) / n:.2f}")


def main(dirs: list[str]) -> int:
    model = SlanetTableModel(2)
    rows = [r for d in dirs for pdf in sorted(glob.glob(os.path.join(d, "*.pdf"))) for r in probe_doc(pdf, model)]
    if rows:
        summary(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
