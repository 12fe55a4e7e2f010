"""Chart readers: vector (drawings + text layer) and raster (OpenCV + OCR), one protocol."""

from docparse.readers.charts.base import ChartReader
from docparse.readers.charts.reader import ChartGroupReader, VectorChartReader

__all__ = ["ChartGroupReader", "ChartReader", "VectorChartReader"]
