"""Scanned pages: OCR accuracy, scanned tables and speed, side by side.

Systems (same files, same run):
- ``docparse``: the pipeline with RapidOCR (default engine);
- ``docparse-tess``: the pipeline with ``--ocr-engine tesseract``;
- ``tesseract``: the ``tesseract`` CLI alone (plain text of the page image);
- ``pymupdf4llm``: PyMuPDF 2.x ``pymupdf4llm.to_markdown`` (OCRs with RapidOCR/Tesseract).

Data: scans/sroie receipts (line transcriptions → CER, word recall), scans/tesseract pages
(incl. rotated copies), generated reports rasterized at 150 dpi with blur, rotation, noise at
15 dB SNR and JPEG artefacts (text edit distance, word F1), generated tables scanned the same
way and PubTabNet table images (TEDS). Speed: pages/s over all scanned pages, whole pipeline.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Callable, TypeVar

from benchmarks import text_metrics as tm
from benchmarks.common import Row, SuiteArgs, SuiteResult

SNR_DB = 15.0
T = TypeVar("T")


@dataclass
class Timer:
    pages: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def run(self, system: str, pages: int, fn: Callable[[], str]) -> str:
        out = self.timed(system, pages, fn)
        return out if out is not None else ""

    def timed(self, system: str, pages: int, fn: Callable[[], T]) -> T | None:
        start = time.perf_counter()
        try:
            out: T | None = fn()
        except Exception as exc:  # noqa: BLE001 - a failing system scores zero, the run goes on
            print(f"[scans] {system} failed: {exc}".replace("\n", " "), flush=True)
            out = None
        self.seconds[system] = self.seconds.get(system, 0.0) + time.perf_counter() - start
        self.pages[system] = self.pages.get(system, 0) + pages
        return out


class CerMode(Enum):
    """What the CER compares. SROIE's transcriptions are upper-cased whatever the print says
    ("DATE:" for "Date :") and space around punctuation inconsistently ("DOCUMENT NO :" but
    "DATE:"), so each mode is reported."""

    FOLDED = "case and whitespace ignored"
    CASELESS = "case ignored, word spaces kept"
    EXACT = "exact case and spaces"


def cer_text(text: str, mode: CerMode = CerMode.FOLDED) -> str:
    """Text as the CER compares it (runs of whitespace always collapse to one space)."""
    folded = tm.fold_text(text)
    if mode is CerMode.EXACT:
        return " ".join(folded.split())
    if mode is CerMode.CASELESS:
        return " ".join(folded.lower().split())
    return "".join(folded.lower().split())


def cer(prediction: str, truth: str, mode: CerMode = CerMode.FOLDED) -> float:
    """Character error rate: edit distance / truth length."""
    from rapidfuzz.distance import Levenshtein

    p, t = cer_text(prediction, mode), cer_text(truth, mode)
    return Levenshtein.distance(p, t) / max(len(t), 1)


def matched_cer(prediction: str, truth_lines: list[str], mode: CerMode = CerMode.FOLDED) -> float:
    """Line-matched CER: each truth line against its best-matching stretch of the output
    (order-free at line level, so reading order across receipt columns does not count)."""
    pred = cer_text(prediction, mode)
    errors = total = 0
    for line in truth_lines:
        t = cer_text(line, mode)
        if not t:
            continue
        total += len(t)
        if not pred:
            errors += len(t)
            continue
        errors += min(len(t), infix_distance(t, pred))
    return errors / max(total, 1)


def infix_distance(line: str, text: str, slack: int = 4) -> int:
    """Edit distance from ``line`` to its best-matching stretch of ``text``: the stretch that
    fuzzy alignment finds, with its ends moved by up to ``slack`` characters (the alignment
    maximises a ratio over a fixed-width window, which can cut a character off either end)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    a = fuzz.partial_ratio_alignment(line, text)
    if a is None:
        return len(line)
    best = Levenshtein.distance(line, text[a.dest_start:a.dest_end])
    for start in range(max(0, a.dest_start - slack), a.dest_start + slack + 1):
        for end in range(max(start, a.dest_end - slack), min(len(text), a.dest_end + slack) + 1):
            best = min(best, Levenshtein.distance(line, text[start:end], score_cutoff=best))
    return best


def word_scores(prediction: str, truth: str) -> tuple[float, float]:
    """(recall, F1) of lower-cased word bags."""
    s = tm.score_words(tm.word_list(truth), tm.word_list(prediction))
    f1 = 2 * s.recall * s.precision / (s.recall + s.precision) if s.recall + s.precision else 0.0
    return s.recall, f1


# --- systems ---------------------------------------------------------------------------------

@dataclass
class Converter:
    """One set of pipeline components per engine for the whole run: models load once per
    process, as in batch use (``convert(source, options, components)``)."""

    engine: str
    _components: object = None

    def __call__(self, source: Path | bytes):  # noqa: ANN204
        from docparse.components import default_components
        from docparse.config import ParseOptions
        from docparse.pipeline import convert

        options = ParseOptions.from_kwargs(engine=self.engine, page_timeout_s=None)
        if self._components is None:
            self._components = default_components(options)
        return convert(source, options, self._components)  # type: ignore[arg-type]


def docparse_text(convert: Converter, source: Path | bytes) -> str:
    return tm.strip_markdown(convert(source).to_markdown(), tables=True)


def anchor_markdown(source: Path | bytes) -> str:
    import pymupdf
    import pymupdf4llm

    doc = _open(source)
    try:
        return pymupdf4llm.to_markdown(doc, show_progress=False)
    finally:
        doc.close()
        del pymupdf


def _open(source: Path | bytes):  # noqa: ANN202
    """A PDF document for a PDF or an image path/bytes (images converted like docparse does)."""
    import pymupdf

    if isinstance(source, bytes):
        return pymupdf.open(stream=source, filetype="pdf")
    doc = pymupdf.open(str(source))
    if doc.is_pdf:
        return doc
    pdf = doc.convert_to_pdf()
    doc.close()
    return pymupdf.open(stream=pdf, filetype="pdf")


def tesseract_text(source: Path | bytes) -> str:
    """The tesseract CLI on each page image (rendered at the scan's own resolution)."""
    from docparse.ocr.tesseract import TesseractEngine, TesseractOptions

    engine = TesseractEngine(TesseractOptions(timeout_s=600))
    doc = _open(source)
    texts = []
    for page in doc:
        texts.extend(line.text for line in engine.recognize(_page_image(page)))
    doc.close()
    return "\n".join(texts)


def _page_image(page):  # noqa: ANN001, ANN202
    import numpy as np
    import pymupdf

    infos = page.get_image_info()
    dpi = 150
    if infos:
        big = max(infos, key=lambda i: (i["bbox"][2] - i["bbox"][0]) * (i["bbox"][3] - i["bbox"][1]))
        dpi = max(72, min(400, round(big["width"] / max((big["bbox"][2] - big["bbox"][0]) / 72, 1e-6))))
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()


def _systems(args: SuiteArgs, rapid: Converter, tess: Converter,
             anchor: Callable[[Path | bytes], str]) -> dict[str, Callable[[Path | bytes], str]]:
    systems: dict[str, Callable[[Path | bytes], str]] = {"docparse": lambda s: docparse_text(rapid, s)}
    if shutil.which("tesseract"):
        if args.limit is None:  # the full run also scores docparse with the Tesseract engine
            systems["docparse-tess"] = lambda s: docparse_text(tess, s)
        systems["tesseract"] = tesseract_text
    if args.anchor:
        systems["pymupdf4llm"] = lambda s: tm.strip_markdown(anchor(s), tables=True)
    return systems


class AnchorProcess:
    """pymupdf4llm in its own (persistent) process: once docparse's OCR models are loaded in a
    process, pymupdf4llm there returns empty Markdown for scans, so the anchor must not share it."""

    def __init__(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))

    def __call__(self, source: Path | bytes) -> str:
        return self.pool.submit(anchor_markdown, source).result()

    def close(self) -> None:
        self.pool.shutdown()


# --- data sets -------------------------------------------------------------------------------

def sroie_items(corpus: Path, limit: int | None) -> list[tuple[Path, str]]:
    root = corpus / "scans" / "sroie" / "data"
    items = []
    for img in sorted((root / "img").glob("*.jpg"))[:limit]:
        box = root / "box" / f"{img.stem}.csv"
        if box.exists():
            lines = [row.split(",", 8)[8] for row in box.read_text(errors="replace").splitlines()
                     if row.count(",") >= 8]
            items.append((img, "\n".join(lines)))
    return items


def tesseract_items(corpus: Path) -> list[tuple[Path, str]]:
    root = corpus / "scans" / "tesseract" / "testing"
    pairs = [("phototest.tif", "phototest.txt"), ("phototest-rotated-L.png", "phototest.txt"),
             ("phototest-rotated-180.png", "phototest.txt"), ("eurotext.tif", "eurotext.txt"),
             ("8071_093.3B.tif", "8071_093.3B.txt"), ("8087_054.3B.tif", "8087_054.3B.txt"),
             ("phototest-rotated-R.png", "phototest.txt")]
    return [(root / a, (root / b).read_text(errors="replace")) for a, b in pairs
            if (root / a).exists() and (root / b).exists()]


def text_rows(name: str, items: list[tuple[Path | bytes, str]], systems: dict, timer: Timer,
              pages: Callable[[Path | bytes], int]) -> list[Row]:
    cers: dict[str, list[float]] = {s: [] for s in systems}
    line_cers: dict[CerMode, dict[str, list[float]]] = {m: {s: [] for s in systems} for m in CerMode}
    recalls: dict[str, list[float]] = {s: [] for s in systems}
    f1s: dict[str, list[float]] = {s: [] for s in systems}
    for source, truth in items:
        for system, fn in systems.items():
            out = timer.run(system, pages(source), lambda: fn(source))
            cers[system].append(cer(out, truth))
            for mode in CerMode:
                line_cers[mode][system].append(matched_cer(out, truth.splitlines(), mode))
            recall, f1 = word_scores(out, truth)
            recalls[system].append(recall)
            f1s[system].append(f1)
    n = len(items)

    def avg(d: dict[str, list[float]]) -> dict[str, float | None]:
        return {s: tm.mean(v) for s, v in d.items()}

    rows = [Row(name, "CER, line-matched", avg(line_cers[CerMode.FOLDED]), n, "lower", CerMode.FOLDED.value)]
    rows += [Row(name, f"CER, line-matched, {m.value}", avg(line_cers[m]), n, "lower")
             for m in (CerMode.CASELESS, CerMode.EXACT)]
    return rows + [Row(name, "CER, page order", avg(cers), n, "lower", "sensitive to column order"),
                   Row(name, "word recall", avg(recalls), n), Row(name, "word F1", avg(f1s), n)]


def scanned_reports(work: Path, count: int) -> list[tuple[bytes, object]]:
    from benchmarks.synth.reports import generate_report_set
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf

    truths = generate_report_set(work / "reports", count=count, seed=11, target_pages=1.0)
    out = []
    for k, truth in enumerate(truths):
        pdf = (work / "reports" / truth.file).read_bytes()
        out.append((degrade_pdf(pdf, DegradeSettings(snr_db=SNR_DB), seed=k), truth))
    return out


def report_rows(items: list[tuple[bytes, object]], args: SuiteArgs, timer: Timer,
                convert: Converter, anchor: Callable[[Path | bytes], str]) -> list[Row]:
    from benchmarks.suite_text import score_synth

    systems: dict[str, Callable[[bytes], str]] = {"docparse": lambda s: convert(s).to_markdown()}
    if args.anchor:
        systems["pymupdf4llm"] = anchor
    edits: dict[str, list[float]] = {s: [] for s in systems}
    f1s: dict[str, list[float]] = {s: [] for s in systems}
    for pdf, truth in items:
        n_pages = _page_count(pdf)
        for system, fn in systems.items():
            md = timer.run(system, n_pages, lambda: fn(pdf))
            edits[system].append(score_synth(truth, md).edit)  # type: ignore[arg-type]
            f1s[system].append(word_scores(tm.strip_markdown(md, tables=True), truth.markdown())[1])  # type: ignore[attr-defined]
    n = len(items)
    note = f"generated reports at 150 dpi, SNR {SNR_DB:g} dB, blur, JPEG q60, rotation"
    return [Row("synth-reports-scanned", "text edit distance", {s: tm.mean(v) for s, v in edits.items()}, n, "lower", note),
            Row("synth-reports-scanned", f"word F1 @ {SNR_DB:g} dB", {s: tm.mean(v) for s, v in f1s.items()}, n, "higher", note)]


def _page_count(source: Path | bytes) -> int:
    doc = _open(source)
    n = doc.page_count
    doc.close()
    return n


# --- tables ----------------------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")


def markdown_tables(md: str) -> list[list[list[str]]]:
    """GitHub pipe tables of a Markdown text as grids."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in md.splitlines() + [""]:
        m = _PIPE_ROW.match(line)
        if m and not _PIPE_SEP.match(line):
            current.append([c.strip().replace("<br>", " ") for c in m.group(1).split("|")])
        elif not m:
            if current:
                tables.append(current)
            current = []
    return tables


def best_teds(candidates: list[str], truth_html: str) -> float:
    from benchmarks.teds import teds

    return max((teds(c, truth_html) for c in candidates), default=0.0)


def scanned_table_rows(work: Path, count: int, args: SuiteArgs, timer: Timer,
                       convert: Converter, anchor: Callable[[Path | bytes], str]) -> list[Row]:
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf
    from benchmarks.synth.tables import generate_table_set
    from benchmarks.teds import grid_to_html

    truths = generate_table_set(work / "tables", n=count, seed=5)
    scores: dict[str, list[float]] = {"docparse": []}
    if args.anchor:
        scores["pymupdf4llm"] = []
    for k, t in enumerate(truths):
        pdf = degrade_pdf((work / "tables" / t.file).read_bytes(), DegradeSettings(snr_db=SNR_DB), seed=k)
        truth_html = t.table.to_html()
        doc = timer.timed("docparse", 1, lambda: convert(pdf))
        tables = [r.table.to_html() for r in doc.tables if r.table is not None] if doc else []
        scores["docparse"].append(best_teds(tables, truth_html))
        if args.anchor:
            md = timer.run("pymupdf4llm", 1, lambda: anchor(pdf))
            scores["pymupdf4llm"].append(best_teds([grid_to_html(g) for g in markdown_tables(md)], truth_html))
    return [Row("synth-tables-scanned", "TEDS", {s: tm.mean(v) for s, v in scores.items()}, len(truths),
                note=f"ruled/booktabs/borderless with spans, 150 dpi, SNR {SNR_DB:g} dB")]


def pubtabnet_truth(entry: dict) -> str:
    cells = entry["html"]["cells"]
    out, k = [], 0
    for tok in entry["html"]["structure"]["tokens"]:
        if tok == "</td>":
            out.append("".join(cells[k]["tokens"]))
            k += 1
        out.append(tok)
    return "<table>" + "".join(out) + "</table>"


def pubtabnet_rows(corpus: Path, limit: int | None, args: SuiteArgs,
                   anchor: Callable[[Path | bytes], str]) -> list[Row]:
    import numpy as np
    import pymupdf

    from benchmarks.teds import grid_to_html
    from docparse.ocr.rapid import RapidOcrEngine
    from docparse.readers.scantables import SlanetTableModel, recognise_table

    root = corpus / "tables" / "pubtabnet" / "examples"
    entries = [json.loads(x) for x in (root / "PubTabNet_Examples.jsonl").read_text().splitlines() if x.strip()]
    entries = entries[: limit or len(entries)]
    engine, model = RapidOcrEngine(), SlanetTableModel()
    scores: dict[str, list[float]] = {"docparse": []}
    structure: list[float] = []
    if args.anchor:
        scores["pymupdf4llm"] = []
    from benchmarks.teds import teds

    for e in entries:
        path = root / e["filename"]
        pix = pymupdf.Pixmap(str(path))
        if pix.alpha or pix.n != 3:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix, 0)
        img = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()
        lines = [(line.bbox, line.text) for line in engine.recognize(img)]  # as the scan table reader does
        html = recognise_table(img, lines, model).to_html()
        truth = pubtabnet_truth(e)
        scores["docparse"].append(teds(html, truth))
        structure.append(teds(html, truth, structure_only=True))
        if args.anchor:
            md = anchor(path)
            scores["pymupdf4llm"].append(best_teds([grid_to_html(g) for g in markdown_tables(md)], truth))
    rows = [Row("pubtabnet-images", "TEDS", {s: tm.mean(v) for s, v in scores.items()}, len(entries),
                note="table images; docparse = SLANet-plus + RapidOCR lines")]
    rows.append(Row("pubtabnet-images", "TEDS-S", {"docparse": tm.mean(structure)}, len(entries)))
    return rows


def _section(result: SuiteResult, name: str, make: Callable[[], list[Row]]) -> None:
    """Run one data set; print its rows at once (long runs keep partial results); a crash in one
    data set is reported and the others still run."""
    import sys
    import traceback

    from benchmarks.common import format_rows

    try:
        rows = make()
    except Exception:  # noqa: BLE001
        print(f"[scans] {name} failed:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
        return
    result.rows += rows
    print(format_rows([SuiteResult("scans", rows)]), file=sys.stderr, flush=True)


def run(args: SuiteArgs) -> SuiteResult:
    result = SuiteResult("scans")
    work = Path(args.work_dir) / "scans"
    work.mkdir(parents=True, exist_ok=True)
    timer = Timer()
    rapid, tess = Converter("rapidocr"), Converter("tesseract")
    anchor = AnchorProcess()
    systems = _systems(args, rapid, tess, anchor)
    corpus = args.corpus
    if (corpus / "scans" / "sroie").is_dir():
        _section(result, "sroie", lambda: text_rows(
            "sroie", sroie_items(corpus, args.limit), systems, timer, lambda s: 1))  # type: ignore[arg-type]
    if (corpus / "scans" / "tesseract").is_dir():
        _section(result, "tesseract", lambda: text_rows(
            "tesseract-pages", tesseract_items(corpus)[: args.limit], systems, timer, lambda s: 1))  # type: ignore[arg-type]
    _section(result, "reports", lambda: report_rows(scanned_reports(work, args.limit or 4), args, timer, rapid, anchor))
    _section(result, "tables", lambda: scanned_table_rows(work, args.limit or 6, args, timer, rapid, anchor))
    if (corpus / "tables" / "pubtabnet").is_dir():
        _section(result, "pubtabnet", lambda: pubtabnet_rows(corpus, args.limit, args, anchor))
    anchor.close()
    speed = {s: timer.pages[s] / timer.seconds[s] for s in timer.seconds if timer.seconds[s] > 0}
    result.rows.append(Row("all scanned pages", "pages/s", speed, max(timer.pages.values(), default=0),
                           note="whole pipeline per system, same pages, same run, 2 threads"))
    return result
