"""Tables suite: TEDS / TEDS-S and detection precision/recall, docparse vs the anchors.

Systems, run on the same files (the anchors in a fresh process of their own: docparse changes
PyMuPDF's global state, after which pymupdf4llm misses tables on some pages):
- ``docparse``: the full pipeline (cross-page merge off, so that tables are scored per page);
- ``pymupdf4llm``: ``pymupdf4llm.to_markdown`` tables (GitHub Markdown: no spans);
- ``find_tables``: PyMuPDF's ``page.find_tables()`` grids.

Each ground-truth table is matched to the unused prediction on its page whose words overlap it
most (word-set Jaccard; a missed table scores 0), then TEDS and TEDS-S are computed once, against
the truth's best reading when a set gives several (camelot's per-flavor expectations). Sets
whose ground truth is a flattened grid (camelot, tabula) are compared as flattened grids for
every system. Detection counts a prediction as correct when its box and the GT region overlap
with IoU ≥ 0.5. tables/pdfplumber has only spot checks (asserted rows, cells, counts): the
share each system reproduces (:mod:`benchmarks.tables_spot`).
"""

from __future__ import annotations

import html as _html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from benchmarks.common import Row, SuiteArgs, SuiteResult
from benchmarks.tables_gt import GtTable, camelot_tables, generated_tables, icdar_tables, tabula_tables
from benchmarks.tables_spot import SpotCheck, html_grid, pdfplumber_checks, score_check
from benchmarks.teds import grid_to_html, teds

BBox = tuple[float, float, float, float]


@dataclass
class PredTable:
    page: int
    html: str  # with spans (and thead when the system marks headers)
    flat_html: str  # the grid, spans flattened (merged slots empty)
    bbox: BBox | None = None
    filled_html: str = ""  # the grid with merged slots filled (systems that know spans)


@dataclass
class SystemRun:
    tables: dict[Path, list[PredTable]] = field(default_factory=dict)
    seconds: float = 0.0
    pages: int = 0


def _header_html(rows: list[list[str]], header_rows: int = 1) -> str:
    parts = ["<table>"]
    for i, row in enumerate(rows):
        if i == 0 and header_rows:
            parts.append("<thead>")
        if i == header_rows:
            parts.append("<tbody>")
        tag = "th" if i < header_rows else "td"
        parts.append("<tr>" + "".join(f"<{tag}>{_html.escape(' '.join(c.split()))}</{tag}>" for c in row) + "</tr>")
        if i == header_rows - 1:
            parts.append("</thead>")
    if len(rows) > header_rows:
        parts.append("</tbody>")
    return "".join(parts) + "</table>"


def run_docparse(pdf: Path) -> list[PredTable]:
    import docparse
    from docparse.config import AssemblyOptions, ParseOptions

    doc = docparse.parse(pdf, options=ParseOptions(assembly=AssemblyOptions(merge_cross_page_tables=False)))
    out = []
    for page in doc.pages:
        for region in page.regions:
            if region.table is not None and region.table.n_rows:
                t = region.table
                out.append(PredTable(page.number, t.to_html(), grid_to_html(t.grid()), tuple(region.bbox),
                                     grid_to_html(t.grid(fill_merged=True))))
    return out


def run_find_tables(pdf: Path) -> list[PredTable]:
    import pymupdf

    out = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            for t in page.find_tables().tables:
                rows = [[c or "" for c in row] for row in t.extract()]
                if rows:
                    out.append(PredTable(page.number + 1, _header_html(rows), grid_to_html(rows), tuple(t.bbox)))
    return out


_SEP = re.compile(r"^\|?\s*:?-{3,}")


def markdown_tables(md: str) -> list[list[list[str]]]:
    """GitHub tables in Markdown text as grids (the separator row dropped)."""
    tables, cur = [], []
    for line in md.splitlines() + [""]:
        s = line.strip()
        if s.startswith("|"):
            cells = [c.replace("<br>", " ").strip() for c in re.split(r"(?<!\\)\|", s.strip("|"))]
            if not all(_SEP.match("|" + c) or not c.strip("-: ") for c in cells) or not cells:
                cur.append(cells)
            continue
        if cur:
            tables.append(cur)
            cur = []
    return tables


def run_pymupdf4llm(pdf: Path, pages: list[int] | None = None) -> list[PredTable]:
    """``pages`` (1-based): only these pages (the slow anchor is run where tables are scored)."""
    import pymupdf4llm

    out = []
    zero_based = [p - 1 for p in pages] if pages else None
    for chunk in pymupdf4llm.to_markdown(str(pdf), pages=zero_based, page_chunks=True, show_progress=False):
        meta = chunk.get("metadata", {})
        page = int(meta.get("page_number", meta.get("page", 1)))
        for rows in markdown_tables(chunk.get("text", "")):
            out.append(PredTable(page, _header_html(rows), grid_to_html(rows), None))
    return out


SYSTEMS: dict[str, Callable[[Path], list[PredTable]]] = {
    "docparse": run_docparse,
    "pymupdf4llm": run_pymupdf4llm,
    "find_tables": run_find_tables,
}


def _page_count(pdf: Path) -> int:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return doc.page_count


def cache_file(cache: Path, name: str, pdf: Path, pages: list[int] | None = None) -> Path:
    """The cached output of one system on one file (and page selection: the same file can be
    scored on other pages in another set)."""
    import hashlib

    digest = hashlib.sha1(pdf.read_bytes()).hexdigest()[:16]
    suffix = "-p" + "_".join(map(str, pages)) if pages else ""
    return cache / name / f"{pdf.stem}-{digest}{suffix}.json"


def _load_cached(path: Path) -> tuple[list[PredTable], float] | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    tables = [PredTable(t["page"], t["html"], t["flat_html"], tuple(t["bbox"]) if t["bbox"] else None,
                        t.get("filled_html", "")) for t in data["tables"]]
    return tables, float(data["seconds"])


def _run_one(name: str, pdf: Path, pages: list[int] | None) -> list[PredTable]:
    return run_pymupdf4llm(pdf, pages) if name == "pymupdf4llm" and pages else SYSTEMS[name](pdf)


def _anchor_pool():  # noqa: ANN202
    """A fresh interpreter for the anchors: docparse, run first in this process, changes
    PyMuPDF's global state (pymupdf4llm then finds no table on some pages)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


def run_system(name: str, pdfs: list[Path], cache: Path | None = None,
               pages: dict[Path, list[int]] | None = None) -> SystemRun:
    """Run one system over ``pdfs``; anchors run in their own process and their outputs are
    cached under ``cache`` (their code does not change between runs, docparse's does)."""
    res = SystemRun()
    pool = None
    for pdf in pdfs:
        selected = pages.get(pdf) if name == "pymupdf4llm" and pages else None
        cached_path = cache_file(cache, name, pdf, selected) if cache is not None and name != "docparse" else None
        hit = _load_cached(cached_path) if cached_path is not None else None
        if hit is not None:
            res.tables[pdf], seconds = hit
        else:
            start = time.perf_counter()
            try:
                if name == "docparse":
                    res.tables[pdf] = _run_one(name, pdf, selected)
                else:
                    pool = pool or _anchor_pool()
                    res.tables[pdf] = pool.submit(_run_one, name, pdf, selected).result()
            except Exception as exc:  # noqa: BLE001 - a system failing on a file scores 0 there
                print(f"[tables] {name} failed on {pdf.name}: {exc}", file=sys.stderr)
                res.tables[pdf] = []
            seconds = time.perf_counter() - start
            if cached_path is not None:
                cached_path.parent.mkdir(parents=True, exist_ok=True)
                cached_path.write_text(json.dumps({"seconds": seconds, "tables": [
                    {"page": t.page, "html": t.html, "flat_html": t.flat_html, "bbox": t.bbox,
                     "filled_html": t.filled_html} for t in res.tables[pdf]]}))
        res.seconds += seconds
        res.pages += len(pages[pdf]) if name == "pymupdf4llm" and pages and pdf in pages else _page_count(pdf)
    if pool is not None:
        pool.shutdown()
    return res


def iou(a: BBox, b: BBox) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0.0, w) * max(0.0, h)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


@dataclass
class SetScore:
    teds: list[float] = field(default_factory=list)
    teds_s: list[float] = field(default_factory=list)
    precision: float | None = None
    recall: float | None = None


def _words(html: str) -> set[str]:
    return set(re.sub(r"<[^>]+>", " ", _html.unescape(html)).lower().split())


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _pred_html(pred: PredTable, gt: GtTable) -> str:
    """The prediction in the form the truth is written in (spans, flattened, or filled)."""
    if gt.spans:
        return pred.html
    return pred.filled_html or pred.flat_html if gt.filled else pred.flat_html


def score_pair(pred: PredTable, gt: GtTable) -> tuple[float, float]:
    """(TEDS, TEDS-S) against the truth's best-matching reading."""
    pairs = [(teds(_pred_html(pred, r), r.html, ignore_sections=not r.sections),
              teds(_pred_html(pred, r), r.html, True, not r.sections)) for r in gt.readings]
    return max(pairs)


def score_set(gts: list[GtTable], run: SystemRun) -> SetScore:
    score = SetScore()
    used: set[int] = set()
    for gt in gts:
        preds = [p for p in run.tables.get(gt.pdf, []) if p.page == gt.page and id(p) not in used]
        best, best_s = 0.0, 0.0
        gt_words = set().union(*(_words(r.html) for r in gt.readings))
        best_p = max(preds, key=lambda p: _jaccard(_words(p.flat_html), gt_words), default=None)
        if best_p is not None and _jaccard(_words(best_p.flat_html), gt_words) > 0:
            used.add(id(best_p))
            best, best_s = score_pair(best_p, gt)
        score.teds.append(best)
        score.teds_s.append(best_s)
    boxed = [g for g in gts if g.bbox is not None]
    preds = [p for pdf in {g.pdf for g in boxed} for p in run.tables.get(pdf, [])]
    if boxed and (not preds or all(p.bbox is not None for p in preds)):
        hit_gt = sum(1 for g in boxed if any(p.page == g.page and iou(p.bbox, g.bbox) >= 0.5 for p in preds))
        hit_pred = sum(1 for p in preds if any(p.page == g.page and iou(p.bbox, g.bbox) >= 0.5 for g in boxed))
        score.recall = hit_gt / len(boxed)
        score.precision = hit_pred / len(preds) if preds else 0.0
    return score


def _mean(xs: list[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def load_sets(args: SuiteArgs) -> dict[str, list[GtTable]]:
    sets: dict[str, list[GtTable]] = {"generated": generated_tables(args.work_dir)}
    loaders = {"icdar2013-us": icdar_tables, "camelot": camelot_tables, "tabula": tabula_tables}
    for name, loader in loaders.items():
        try:
            sets[name] = loader(args.corpus)
        except FileNotFoundError as exc:
            print(f"[tables] skip {name}: {exc}", file=sys.stderr)
    if args.limit:
        for name, gts in sets.items():
            keep = sorted({g.pdf for g in gts})[: args.limit]
            sets[name] = [g for g in gts if g.pdf in keep]
    return sets


DOCBANK_PROSE = frozenset({"paragraph", "equation", "reference", "footer"})


@dataclass
class DocbankWords:
    prose: int = 0  # words labelled paragraph/equation/reference/footer
    prose_in_table: int = 0
    table: int = 0  # words labelled table
    table_in_table: int = 0


def docbank_pages(corpus: Path) -> list[tuple[Path, int, Path]]:
    """(pdf, 1-based page, token file) for each DocBank sample."""
    root = corpus / "text" / "docbank" / "DocBank_samples" / "DocBank_samples"
    out = []
    for tokens in sorted(root.glob("*.txt")):
        stem, _, n = tokens.stem.rpartition("_")
        pdf = root / f"{stem}_black.pdf"
        if n.isdigit() and pdf.exists():
            out.append((pdf, int(n) + 1, tokens))
    return out


def docparse_table_boxes(pdf: Path, page: int) -> tuple[list[BBox], float, float]:
    """Table region boxes on one page (PDF points) and the page size."""
    import docparse

    doc = docparse.parse(pdf, pages=str(page))
    pg = doc.pages[0]
    boxes = [tuple(r.bbox) for r in pg.regions if r.table is not None or str(r.kind).endswith("table")]
    return boxes, float(pg.width), float(pg.height)


def score_docbank_page(tokens: Path, boxes: list[BBox], width: float, height: float) -> DocbankWords:
    """Count DocBank words (0–1000 coordinates) whose centre falls inside a table box."""
    out = DocbankWords()
    for line in tokens.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) < 10 or parts[0].startswith("##LT"):  # ##LTLine##, ##LTFigure##: drawings, not words
            continue
        label = parts[-1].strip()
        x = (float(parts[1]) + float(parts[3])) / 2 * width / 1000
        y = (float(parts[2]) + float(parts[4])) / 2 * height / 1000
        inside = any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
        if label in DOCBANK_PROSE:
            out.prose += 1
            out.prose_in_table += inside
        elif label == "table":
            out.table += 1
            out.table_in_table += inside
    return out


def docbank_rows(args: SuiteArgs) -> list[Row]:
    """Share of non-table DocBank words inside docparse tables (lower is better) and the share
    of table words inside them (a recall proxy)."""
    pages = docbank_pages(args.corpus)
    if args.limit:
        pages = pages[: args.limit]
    total = DocbankWords()
    for pdf, page, tokens in pages:
        try:
            boxes, width, height = docparse_table_boxes(pdf, page)
        except Exception as exc:  # noqa: BLE001 - a failing page counts as no tables
            print(f"[tables] docbank {pdf.name} p{page}: {exc}", file=sys.stderr)
            boxes, width, height = [], 1.0, 1.0
        s = score_docbank_page(tokens, boxes, width, height)
        total.prose += s.prose
        total.prose_in_table += s.prose_in_table
        total.table += s.table
        total.table_in_table += s.table_in_table
    if not pages:
        return []
    return [Row("docbank", "false-table words", {"docparse": total.prose_in_table / max(1, total.prose)},
                len(pages), better="lower"),
            Row("docbank", "table-word recall", {"docparse": total.table_in_table / max(1, total.table)}, len(pages))]


def load_spot_checks(args: SuiteArgs) -> list[SpotCheck]:
    try:
        checks = pdfplumber_checks(args.corpus)
    except FileNotFoundError as exc:
        print(f"[tables] skip pdfplumber: {exc}", file=sys.stderr)
        return []
    if args.limit:
        keep = sorted({c.pdf for c in checks})[: args.limit]
        checks = [c for c in checks if c.pdf in keep]
    return checks


def page_grids(run: SystemRun, pdf: Path, page: int) -> list[list[list[str]]]:
    """A system's tables on one page as grids, top to bottom."""
    tables = [t for t in run.tables.get(pdf, []) if t.page == page]
    if all(t.bbox is not None for t in tables):
        tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return [html_grid(t.flat_html) for t in tables]


def score_spot_checks(checks: list[SpotCheck], run: SystemRun) -> list[float]:
    return [score_check(c, page_grids(run, c.pdf, c.page)) for c in checks]


def spot_check_rows(args: SuiteArgs, systems: list[str]) -> list[Row]:
    """tables/pdfplumber: the share of pdfplumber's asserted facts each system reproduces."""
    checks = load_spot_checks(args)
    if not checks:
        return []
    pdfs = sorted({c.pdf for c in checks})
    pages = {pdf: sorted({c.page for c in checks if c.pdf == pdf}) for pdf in pdfs}
    runs = {name: run_system(name, pdfs, args.work_dir / "anchor-cache", pages) for name in systems}
    return [Row("pdfplumber", "spot checks", {k: _mean(score_spot_checks(checks, r)) for k, r in runs.items()},
                len(checks), note="asserted last rows, cells, table/row counts (no full grids)")]


def run(args: SuiteArgs) -> SuiteResult:
    systems = ["docparse"] + (["pymupdf4llm", "find_tables"] if args.anchor else [])
    result = SuiteResult(suite="tables")
    for set_name, gts in load_sets(args).items():
        if not gts:
            continue
        pdfs = sorted({g.pdf for g in gts})
        pages = {pdf: sorted({g.page for g in gts if g.pdf == pdf}) for pdf in pdfs}
        runs = {name: run_system(name, pdfs, args.work_dir / "anchor-cache", pages) for name in systems}
        scores = {name: score_set(gts, r) for name, r in runs.items()}
        n = len(gts)
        result.rows.append(Row(set_name, "TEDS", {k: _mean(s.teds) for k, s in scores.items()}, n))
        result.rows.append(Row(set_name, "TEDS-S", {k: _mean(s.teds_s) for k, s in scores.items()}, n))
        if any(s.recall is not None for s in scores.values()):
            result.rows.append(Row(set_name, "detection precision", {k: s.precision for k, s in scores.items()}, n))
            result.rows.append(Row(set_name, "detection recall", {k: s.recall for k, s in scores.items()}, n))
        result.rows.append(Row(set_name, "s/page", {k: r.seconds / max(1, r.pages) for k, r in runs.items()},
                               sum(r.pages for r in runs.values()) // max(1, len(runs)), better="lower"))
    result.rows.extend(spot_check_rows(args, systems))
    result.rows.extend(docbank_rows(args))
    return result
