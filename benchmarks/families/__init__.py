"""Independent document families (see ``base.py``) and their registry.

``families()`` lists every family the ``families`` benchmark suite builds and scores. To add
one, append a single line to ``_registry`` that imports and returns it; keep imports inside
``_registry`` so that a family's renderer modules load only when the suite runs. Optional
family attributes the suite reads: ``version() -> str`` (the renderer versions that made the
set, printed with the results) and ``default_count`` (documents per split without --limit).
"""

from __future__ import annotations

from benchmarks.families.base import Family


def _registry() -> list[Family]:
    from benchmarks.families import chart_families as charts
    from benchmarks.families.docx_reports import LibreOfficeReports
    from benchmarks.families.html_reports import CHROMIUM, WEASYPRINT
    from benchmarks.families.latex_reports import LatexReports
    from benchmarks.families.reportlab_business import ReportLabBusiness

    registry: list[Family] = []
    registry.append(WEASYPRINT)
    registry.append(CHROMIUM)
    registry.append(ReportLabBusiness())
    registry.append(charts.VEGA)  # chart pages, charts by Vega-Lite
    registry.append(charts.MATPLOTLIB)  # chart pages, charts by matplotlib in non-default styles
    registry.append(charts.PYGAL)  # chart pages, charts by pygal
    registry.append(charts.PLOTLY)  # chart pages, charts by plotly (kaleido + chromium)
    registry.append(LibreOfficeReports())
    registry.append(LatexReports())
    return registry


def families() -> list[Family]:
    """Every registered family (available or not: check ``family.available()``)."""
    return _registry()
