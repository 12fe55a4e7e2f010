"""Charts to value tables: chart F1 (category [+ series] match, value within 5 %).

Data sets: vega-lite (SVG converted to vector PDF; PNG embedded in a PDF page for raster),
and a generated set (matplotlib PDF/PNG, reportlab PDF, many styles; the PNGs also on report
pages scanned at 150 dpi with noise). Also counts non-chart figures (photo, diagram, logo,
born-digital and scanned) reported as charts. The anchor pymupdf4llm prints no chart
values; it is scored on whatever numbers its Markdown tables hold.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.chartf1 import ChartScore, best_f1, markdown_tables_as_charts, mean_f1
from benchmarks.common import Row, Stopwatch, SuiteArgs, SuiteResult
from docparse.document import Chart


@dataclass(frozen=True, slots=True)
class ChartCase:
    pdf: Path
    truth: Chart


def svg_to_pdf(svg: Path, out: Path) -> Path:
    import pymupdf

    if not out.exists():
        src = pymupdf.open(svg)
        pymupdf.open("pdf", src.convert_to_pdf()).save(out)
    return out


def _png_to_pdf(png: Path, out: Path) -> Path:
    """The chart picture placed on a page (as a report would embed it), 1 px = 1 pt."""
    import pymupdf

    if not out.exists():
        pix = pymupdf.Pixmap(str(png))
        doc = pymupdf.open()
        page = doc.new_page(width=pix.width + 72, height=pix.height + 72)
        page.insert_image(pymupdf.Rect(36, 36, 36 + pix.width, 36 + pix.height), filename=str(png))
        doc.save(out)
    return out


def _charts_only_options():  # noqa: ANN202
    """The chart path alone: no table classifier, no OCR decision (isolates this component)."""
    from docparse.config import LayoutOptions, OcrOptions, ParseOptions

    return ParseOptions(layout=LayoutOptions(detect_tables=False), ocr=OcrOptions(mode="never"))


def _docparse_charts(pdf: Path, charts_only: bool = False) -> list[Chart]:
    import docparse
    from docparse.config import LimitOptions

    try:  # a generous page timeout: the 2-core benchmark machine is shared and often loaded
        doc = (docparse.parse(pdf, replace(_charts_only_options(), limits=LimitOptions(page_timeout_s=600)))
               if charts_only else docparse.parse(pdf, page_timeout_s=600))
    except Exception as exc:  # noqa: BLE001 - a failure scores 0 and is reported
        print(f"[charts] docparse failed on {pdf.name}: {exc}", file=sys.stderr)
        return []
    return [r.chart for r in doc.charts if r.chart is not None]


def _anchor_charts(pdf: Path) -> list[Chart]:
    import pymupdf4llm

    try:
        md = pymupdf4llm.to_markdown(str(pdf), show_progress=False)
    except Exception:  # noqa: BLE001
        return []
    return markdown_tables_as_charts(md)


@dataclass
class _Scores:
    ours: list[ChartScore]
    charts_only: list[ChartScore]
    anchor: list[ChartScore]
    seconds: float


def _score(cases: list[ChartCase], anchor: bool, charts_only: bool) -> _Scores:
    ours, alone, theirs = [], [], []
    with Stopwatch() as sw:
        for case in cases:
            ours.append(best_f1(_docparse_charts(case.pdf), case.truth))
    for case in cases if charts_only else []:
        alone.append(best_f1(_docparse_charts(case.pdf, charts_only=True), case.truth))
    for case in cases if anchor else []:
        theirs.append(best_f1(_anchor_charts(case.pdf), case.truth))
    return _Scores(ours, alone, theirs, sw.seconds / max(1, len(cases)))


def vega_cases(corpus: Path, work: Path, raster: bool, limit: int | None) -> tuple[list[ChartCase], int]:
    from benchmarks.vega_charts import load_vega_cases

    root = corpus / "charts" / "vega-lite"
    if not root.is_dir():
        return [], 0
    all_cases = load_vega_cases(root)
    scored = [c for c in all_cases if c.truth is not None][: limit or None]
    out = []
    for c in scored:
        assert c.truth is not None
        pdf = _png_to_pdf(c.png, work / f"{c.name}.png.pdf") if raster else svg_to_pdf(c.svg, work / f"{c.name}.svg.pdf")
        out.append(ChartCase(pdf, c.truth))
    return out, len(all_cases) - len([c for c in all_cases if c.truth is not None])


def synth_cases(work: Path, limit: int | None) -> tuple[list[ChartCase], list[ChartCase], list[ChartCase]]:
    """Generated charts: vector PDFs, PNGs embedded in a page, and the PNGs on scanned pages."""
    from benchmarks.synth.charts import generate_charts, scan_chart_pages

    cases = generate_charts(work / "synth", n=limit or 16, seed=7)
    vector = [ChartCase(c.path, c.truth) for c in cases if not c.raster]
    raster = [ChartCase(_png_to_pdf(c.path, c.path.with_suffix(".png.pdf")), c.truth) for c in cases if c.raster]
    scanned = [ChartCase(c.path, c.truth) for c in scan_chart_pages(cases, work / "scanned", seed=7)]
    return vector, raster, scanned


def scanned_nonchart_figures(figures: list[Path], out: Path) -> list[Path]:
    """The non-chart figure pages scanned like the scanned charts (OCR pages take another path)."""
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, pdf in enumerate(figures):
        paths.append(out / f"scan-{pdf.name}")
        paths[-1].write_bytes(degrade_pdf(pdf.read_bytes(), DegradeSettings(snr_db=20.0), seed=k))
    return paths


def _row(dataset: str, scores: _Scores, note: str = "") -> Row:
    values: dict[str, float | None] = {"docparse": mean_f1(scores.ours),
                                       "docparse charts-only": mean_f1(scores.charts_only) if scores.charts_only else None}
    values["pymupdf4llm"] = mean_f1(scores.anchor) if scores.anchor else None
    return Row(dataset, "chart F1", values, n=len(scores.ours), note=note)


def run(args: SuiteArgs) -> SuiteResult:
    from benchmarks.synth.charts import generate_nonchart_figures

    result = SuiteResult("charts")
    work = args.work_dir / "charts"
    work.mkdir(parents=True, exist_ok=True)
    timing: list[tuple[str, float, int]] = []
    for raster in (False, True):
        cases, skipped = vega_cases(args.corpus, work, raster, args.limit)
        if not cases:
            continue
        scores = _score(cases, args.anchor, charts_only=not raster)
        name = "vega-lite " + ("raster (PNG)" if raster else "vector (SVG→PDF)")
        result.rows.append(_row(name, scores, f"{skipped} charts not scorable (facets, bins, time units, box plots)"))
        timing.append((name, scores.seconds, len(cases)))
    vector, raster_cases, scanned = synth_cases(work, args.limit)
    for name, cases, alone in (("synthetic vector (matplotlib+reportlab PDF)", vector, True),
                               ("synthetic raster (matplotlib PNG)", raster_cases, False),
                               ("synthetic raster on scanned pages (150 dpi, 20 dB)", scanned, False)):
        scores = _score(cases, args.anchor, charts_only=alone)
        result.rows.append(_row(name, scores))
        timing.append((name, scores.seconds, len(cases)))
    false_charts = 0
    figures = generate_nonchart_figures(work / "nonchart")
    for pdf in figures:
        false_charts += len(_docparse_charts(pdf))
    result.rows.append(Row("non-chart figures (photo, diagram, logo)", "reported as charts", {"docparse": float(false_charts)},
                           n=len(figures), better="lower"))
    scanned_figures = scanned_nonchart_figures(figures, work / "nonchart-scanned")
    false_scanned = sum(len(_docparse_charts(pdf)) for pdf in scanned_figures)
    result.rows.append(Row("non-chart figures, scanned", "reported as charts", {"docparse": float(false_scanned)},
                           n=len(scanned_figures), better="lower"))
    for name, secs, n in timing:
        result.rows.append(Row(name, "seconds per chart", {"docparse": secs}, n=n, better="lower"))
    return result
