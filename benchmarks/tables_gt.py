"""Ground-truth tables for the tables suite, one loader per corpus set (+ the generated set).

Each loader returns :class:`GtTable` items: the PDF, the 1-based page, the table's HTML and,
when the set has one, its region on the page (for detection precision/recall).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.teds import grid_to_html
from docparse.document import Cell, Table

BBox = tuple[float, float, float, float]


@dataclass
class GtTable:
    pdf: Path
    page: int
    html: str
    bbox: BBox | None = None
    spans: bool = True  # GT marks merged cells (score spans), else grids are compared flattened
    sections: bool = False  # GT marks header rows (score thead/tbody)
    filled: bool = False  # GT grid repeats a merged cell's text in every slot (camelot copy_text)
    # other readings of the same table (camelot's lattice/stream/network expectations for one
    # table): the table is scored once, against the reading it matches best
    alternatives: tuple["GtTable", ...] = ()

    @property
    def readings(self) -> tuple["GtTable", ...]:
        return (self,) + self.alternatives


ICDAR_DIR = ("tables", "icdar2013-us", "tests", "files", "tabula", "icdar2013-dataset", "competition-dataset-us")


def _page_height(pdf: Path, page: int) -> float:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return doc[page - 1].rect.height


def icdar_tables(corpus: Path) -> list[GtTable]:
    """ICDAR 2013 (US): one GT table per table region; cells with spans from ``-str.xml``,
    regions from ``-reg.xml`` (PDF coordinates, origin bottom-left, flipped here)."""
    root = corpus.joinpath(*ICDAR_DIR)
    out: list[GtTable] = []
    for pdf in sorted(root.glob("*.pdf")):
        str_xml, reg_xml = pdf.with_name(pdf.stem + "-str.xml"), pdf.with_name(pdf.stem + "-reg.xml")
        if not str_xml.exists() or not reg_xml.exists():
            continue
        boxes = _icdar_regions(reg_xml)
        for t_idx, table in enumerate(ET.parse(str_xml).getroot().iter("table")):
            for r_idx, region in enumerate(table.iter("region")):
                page = int(region.get("page", "1"))
                height = _page_height(pdf, page)
                box = boxes.get((t_idx, r_idx))
                bbox = (box[0], height - box[3], box[2], height - box[1]) if box else None
                out.append(GtTable(pdf, page, _icdar_region_table(region).to_html(), bbox, True, False))
    return out


def _icdar_regions(path: Path) -> dict[tuple[int, int], BBox]:
    out = {}
    for t_idx, table in enumerate(ET.parse(path).getroot().iter("table")):
        for r_idx, region in enumerate(table.iter("region")):
            bb = region.find("bounding-box")
            if bb is not None:
                x1, y1, x2, y2 = (float(bb.get(k, "0")) for k in ("x1", "y1", "x2", "y2"))
                out[(t_idx, r_idx)] = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    return out


def _icdar_region_table(region: ET.Element) -> Table:
    raw = []
    for cell in region.iter("cell"):
        r0, c0 = int(cell.get("start-row", "0")), int(cell.get("start-col", "0"))
        r1, c1 = int(cell.get("end-row", r0)), int(cell.get("end-col", c0))
        text = " ".join((cell.findtext("content") or "").split())
        raw.append((r0, c0, r1, c1, text))
    if not raw:
        return Table(n_rows=0, n_cols=0)
    rmin, cmin = min(r[0] for r in raw), min(r[1] for r in raw)
    cells = [Cell(row=r0 - rmin, col=c0 - cmin, rowspan=r1 - r0 + 1, colspan=c1 - c0 + 1, text=t)
             for r0, c0, r1, c1, t in raw]
    n_rows = max(c.row + c.rowspan for c in cells)
    n_cols = max(c.col + c.colspan for c in cells)
    taken = {(r, k) for c in cells for r in range(c.row, c.row + c.rowspan) for k in range(c.col, c.col + c.colspan)}
    cells += [Cell(row=r, col=k) for r in range(n_rows) for k in range(n_cols) if (r, k) not in taken]
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(n_rows=n_rows, n_cols=n_cols, cells=cells)


def generated_tables(work_dir: Path, n: int = 30, seed: int = 11) -> list[GtTable]:
    from benchmarks.synth.tables import generate_table_set

    out_dir = work_dir / "tables-generated"
    truths = generate_table_set(out_dir, n=n, seed=seed)
    return [GtTable(out_dir / t.file, t.page, t.table.to_html(), t.bbox, True, True) for t in truths]


_SKIP_ARGS = ("table_areas", "table_regions", "columns", "split_text", "strip_text", "flag_size",
              "edge_tol", "layout_kwargs", "shift_text", "header_text")


def _table_words(html: str) -> set[str]:
    return set(re.sub(r"<[^>]+>", " ", html).lower().split())


def _same_table(a: GtTable, b: GtTable, min_jaccard: float = 0.5) -> bool:
    wa, wb = _table_words(a.html), _table_words(b.html)
    return a.pdf == b.pdf and a.page == b.page and len(wa & wb) >= min_jaccard * max(1, len(wa | wb))


def group_readings(tables: list[GtTable]) -> list[GtTable]:
    """One GtTable per physical table: expectations of the same table (same page, mostly the
    same words) become ``alternatives`` of the first one."""
    out: list[GtTable] = []
    for t in tables:
        k = next((i for i, g in enumerate(out) if _same_table(g, t)), None)
        if k is None:
            out.append(t)
        else:
            out[k] = replace(out[k], alternatives=out[k].alternatives + (t,))
    return out


def _camelot_pdf(corpus: Path, rel: str) -> Path:
    """camelot's test file; its ICDAR 2013 files live in the icdar2013-us set of the corpus."""
    own = corpus / "tables" / "camelot" / "tests" / "files" / rel
    return own if own.exists() else corpus / "tables" / "icdar2013-us" / "tests" / "files" / rel


def camelot_tables(corpus: Path) -> list[GtTable]:
    """camelot's expected grids for tests that need no user-given areas/columns (flattened grids).

    camelot tests one table with several flavors (lattice, stream, network, hybrid), each with
    its own expected grid: those are readings of one table, scored once (best reading)."""
    root = corpus / "tables" / "camelot"
    expected = json.loads((root / "expected_tables.json").read_text())
    seen: set[tuple[str, str]] = set()
    out: list[GtTable] = []
    for entry in json.loads((root / "test_map.json").read_text()):
        args = " ".join(entry["read_pdf_args"])
        if any(k in args for k in _SKIP_ARGS) or "password" in args:
            continue
        m = re.search(r'pages="(\d+)"', args)
        page = int(m.group(1)) if m else 1
        pdf = _camelot_pdf(corpus, entry["pdfs"][0])
        for var in entry["expected_vars"]:
            if (str(pdf), var) in seen or var not in expected or not pdf.exists():
                continue
            seen.add((str(pdf), var))
            out.append(GtTable(pdf, page, grid_to_html(expected[var]), None, False, False, "copy_text" in args))
    return group_readings(out)


def _best_page(pdf: Path, rows: list[list[str]]) -> int:
    """The 1-based page whose words cover most of the grid's words (tabula's CSVs say no page)."""
    import pymupdf

    want = {w.lower() for row in rows for c in row for w in c.split()}
    with pymupdf.open(pdf) as doc:
        shared = [len(want & {w[4].lower() for w in page.get_text("words")}) for page in doc]
    return 1 + max(range(len(shared)), key=shared.__getitem__) if shared else 1


def _tabula_json_tables(path: Path) -> list[dict]:
    """The tables of tabula's JSON twin of a CSV (a list, or one table), [] when there is none."""
    if not path.exists():
        return []
    data = json.loads(path.read_text())
    tables = data if isinstance(data, list) else [data]
    return [t for t in tables if isinstance(t, dict) and isinstance(t.get("data"), list)]


def tabula_tables(corpus: Path) -> list[GtTable]:
    """tabula-java's expected CSV grids whose name matches a PDF.

    A CSV holds every table the test extracted, one after the other; when the JSON twin lists
    several tables whose row counts add up to the CSV's, the CSV is cut into those tables (each
    on its JSON page). Without a JSON twin the page is the one holding most of the grid's words.
    """
    root = corpus / "tables" / "tabula" / "src" / "test" / "resources" / "technology" / "tabula"
    out: list[GtTable] = []
    for csv_path in sorted((root / "csv").glob("*.csv")):
        pdf = root / f"{csv_path.stem}.pdf"
        if not pdf.exists():
            continue
        rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8", errors="replace"))))
        parts = _tabula_json_tables(root / "json" / f"{csv_path.stem}.json")
        if parts and sum(len(t["data"]) for t in parts) == len(rows):
            start = 0
            for t in parts:
                chunk = rows[start:start + len(t["data"])]
                start += len(t["data"])
                out.append(GtTable(pdf, int(t.get("page_number", 1)), grid_to_html(chunk), None, False, False))
            continue
        page = int(parts[0].get("page_number", 1)) if parts else _best_page(pdf, rows)
        out.append(GtTable(pdf, page, grid_to_html(rows), None, False, False))
    return out
