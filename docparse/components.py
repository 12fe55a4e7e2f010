"""The composition root: every component of the pipeline is built here, from one options tree
(:class:`~docparse.config.ParseOptions`), and nowhere else. Tests build their own
:class:`Components` (a fake rasterizer, a fake OCR engine, …) and hand it to ``convert``.

``ParseOptions.ocr.threads`` reaches every model session: the OCR engine, the orientation
classifier, the layout model, the table-structure model (SLANet), chart OCR and a local VLM. A
nested ``threads`` field left at None inherits it; an explicit one wins (:func:`inherit_threads`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Callable

from docparse.config import OcrMode, ParseOptions, RasterOptions, VlmOptions
from docparse.ocr import make_engine
from docparse.options.ocr import inherit_threads
from docparse.pages.preprocess import Orientation
from docparse.pages.rasterize import Rasterizer, make_rasterizer
from docparse.pages.textsource import OcrTextSource, TextLayerOnly, TextSource
from docparse.readers.base import ReaderSet
from docparse.readers.charts.ocr import ChartOcr
from docparse.readers.charts.raster import RasterChartReader
from docparse.readers.charts.reader import VectorChartReader
from docparse.readers.charts.vector import read_vector_chart
from docparse.readers.figure_text import FigureTextReader
from docparse.readers.figures import FigureReader
from docparse.readers.scantables import ScanTableReader, SlanetTableModel
from docparse.readers.tables import TableReader
from docparse.readers.text import TextLayerReader
from docparse.regions.base import RegionClassifier
from docparse.regions.charts import ChartClassifier
from docparse.regions.diagrams import DiagramClassifier
from docparse.regions.figures import FigureClassifier
from docparse.regions.layout_model import CdlaLayoutModel, LayoutModelClassifier
from docparse.regions.reading_order import ReadingOrder, XYCutOrder
from docparse.regions.semantic import HeuristicSemanticClassifier
from docparse.regions.tables import TableClassifier
from docparse.renderers.summary import ChatCompletionsSummarizer, ExtractiveSummarizer, Summarizer

if TYPE_CHECKING:
    import pymupdf

    from docparse.ocr.base import OcrEngine

RasterizerFactory = Callable[["pymupdf.Document"], Rasterizer]
"""An open document in, the rasterizer of its pages out (one per document)."""


@dataclass
class Components:
    text_source: TextSource
    classifiers: list[RegionClassifier]  # run in this order: structural, chart, semantic
    readers: ReaderSet
    reading_order: ReadingOrder = field(default_factory=XYCutOrder)
    rasterizer: RasterizerFactory = field(default=partial(make_rasterizer, options=RasterOptions()))
    summarizer: Summarizer = field(default_factory=ExtractiveSummarizer)


def default_components(options: ParseOptions, engine: "OcrEngine | None" = None) -> Components:
    """Every component, built from ``options`` (``engine``: an OCR engine to use instead of the
    one ``options.ocr.engine`` names)."""
    ocr = options.ocr.mode is not OcrMode.NEVER
    threads = options.ocr.threads
    text_source: TextSource = TextLayerOnly()
    if ocr:
        text_source = OcrTextSource(options.ocr, engine or make_engine(options.ocr), Orientation(threads))
    return Components(
        text_source=text_source,
        classifiers=default_classifiers(options),
        readers=default_readers(options),
        reading_order=XYCutOrder(options.layout.reading_order),
        rasterizer=partial(make_rasterizer, options=options.raster, limits=options.limits),
        summarizer=default_summarizer(options.vlm),
    )


def default_classifiers(options: ParseOptions) -> list[RegionClassifier]:
    """Structural, chart, then semantic classifiers (each sees what earlier ones claimed)."""
    classifiers: list[RegionClassifier] = []
    if options.ocr.mode is not OcrMode.NEVER:  # tables and figures on OCR pages (nothing on born-digital ones)
        model = replace(options.layout.model, threads=inherit_threads(options.layout.model.threads, options.ocr.threads))
        classifiers.append(LayoutModelClassifier(model, CdlaLayoutModel(model)))
    if options.layout.detect_tables:
        classifiers.append(TableClassifier(options.tables.detection))
    if options.layout.detect_charts:
        charts = options.charts
        classifiers.append(ChartClassifier(partial(read_vector_chart, options=charts.vector), charts.classifier))
        classifiers.append(FigureClassifier())
        classifiers.append(DiagramClassifier(charts.diagrams))
    classifiers.append(HeuristicSemanticClassifier(options.blocks, options.formulas))
    return classifiers


def default_readers(options: ParseOptions) -> ReaderSet:
    """One reader per region group; the VLM reader (and its backend) wraps them when one is
    configured."""
    threads = options.ocr.threads
    charts = options.charts
    raster = None
    if options.ocr.mode is not OcrMode.NEVER:  # raster charts need OCR for their labels
        chart_ocr = replace(charts.raster.ocr, threads=inherit_threads(charts.raster.ocr.threads, threads))
        raster = RasterChartReader(charts.raster, ChartOcr(chart_ocr))
    chart = FigureTextReader(FigureReader(vector=VectorChartReader(charts.vector), raster=raster,
                                          precheck=charts.raster.precheck, options=charts.group),
                             charts.group.figure_text_overlap)
    scan_threads = inherit_threads(options.tables.scan.threads, threads)
    scan = replace(options.tables.scan, threads=scan_threads)
    structural = ScanTableReader(TableReader(options.tables.detection.grid), scan, SlanetTableModel(scan_threads),
                                 options.tables.rulings)
    readers = ReaderSet(semantic=TextLayerReader(options.formulas), structural=structural, chart=chart)
    from docparse.readers.vlm import wants_vlm, wrap_readers  # no torch at import

    if wants_vlm(options.vlm):
        from docparse.vlm.backends import make_backend

        vlm = options.vlm
        local = replace(vlm.local, threads=inherit_threads(vlm.local.threads, threads))
        readers = wrap_readers(readers, vlm, make_backend(vlm.model_path, vlm.server_url, local, vlm.server))
    return readers


def default_summarizer(options: VlmOptions) -> Summarizer:
    """Abstractive when a VLM/LLM server is configured, else extractive."""
    if options.server_url:
        s = options.summary
        return ChatCompletionsSummarizer(server_url=options.server_url, model=s.model, timeout_s=s.timeout_s,
                                         max_input_chars=s.max_input_chars, max_tokens=s.max_tokens)
    return ExtractiveSummarizer()
