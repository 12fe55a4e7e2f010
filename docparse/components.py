"""Choosing the pipeline's components from the options. Tests build their own."""

from __future__ import annotations

from dataclasses import dataclass, field

from docparse.config import OcrMode, ParseOptions
from docparse.pages.textsource import OcrTextSource, TextLayerOnly, TextSource
from docparse.readers.base import ReaderSet
from docparse.readers.charts.vector import read_vector_chart
from docparse.readers.figure_text import FigureTextReader
from docparse.readers.figures import FigureReader
from docparse.readers.scantables import ScanTableReader
from docparse.readers.tables import TableReader
from docparse.readers.text import TextLayerReader
from docparse.regions.base import RegionClassifier
from docparse.regions.charts import ChartClassifier
from docparse.regions.diagrams import DiagramClassifier
from docparse.regions.figures import FigureClassifier
from docparse.regions.layout_model import LayoutModelClassifier
from docparse.regions.reading_order import ReadingOrder, XYCutOrder
from docparse.regions.semantic import HeuristicSemanticClassifier
from docparse.regions.tables import TableClassifier


@dataclass
class Components:
    text_source: TextSource
    classifiers: list[RegionClassifier]  # run in this order: structural, chart, semantic
    readers: ReaderSet
    reading_order: ReadingOrder = field(default_factory=XYCutOrder)


def default_components(options: ParseOptions) -> Components:
    classifiers: list[RegionClassifier] = []
    ocr = options.ocr.mode is not OcrMode.NEVER
    if ocr:  # tables and figures on OCR pages (does nothing on born-digital pages)
        classifiers.append(LayoutModelClassifier())
    if options.layout.detect_tables:
        classifiers.append(TableClassifier())
    if options.layout.detect_charts:
        classifiers.append(ChartClassifier(read_vector_chart))
        classifiers.append(FigureClassifier())
        classifiers.append(DiagramClassifier())
    classifiers.append(HeuristicSemanticClassifier(options.blocks))
    chart_reader = FigureTextReader(FigureReader(raster=None) if options.ocr.mode is OcrMode.NEVER
                                    else FigureReader())  # raster charts OCR
    readers = ReaderSet(semantic=TextLayerReader(), structural=ScanTableReader(TableReader()), chart=chart_reader)
    from docparse.readers.vlm import wants_vlm, wrap_readers  # no torch at import

    if wants_vlm(options.vlm):
        readers = wrap_readers(readers, options.vlm)
    return Components(
        text_source=OcrTextSource(options.ocr) if ocr else TextLayerOnly(),
        classifiers=classifiers,
        readers=readers,
    )
