"""Chart-group reader for figures and charts: see :mod:`docparse.readers.charts`.

Kept as the historic import path; the chart group is read by :class:`ChartGroupReader`.
"""

from __future__ import annotations

from docparse.readers.charts.reader import ChartGroupReader

FigureReader = ChartGroupReader

__all__ = ["ChartGroupReader", "FigureReader"]
