"""The chart-page families, one per chart renderer (see :mod:`benchmarks.families.chart_pages`)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks.families.base import FamilyDoc, Split
from benchmarks.families.chart_pages import SEED_BASE, build_doc
from benchmarks.families.chart_render import Renderer

RASTER_SHARE = 0.4  # share of charts embedded as PNG pictures (the rest are vectors)


def _weasyprint() -> str | None:
    return None if shutil.which("weasyprint") else "weasyprint CLI not installed"


def _vega() -> str | None:
    try:
        import vl_convert  # noqa: F401
    except ImportError:
        return "vl-convert-python not installed"
    return None


def _matplotlib() -> str | None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return "matplotlib not installed"
    return None


@dataclass(frozen=True)
class ChartPageFamily:
    name: str
    renderer: Renderer
    dev_styles: tuple[str, ...]
    test_styles: tuple[str, ...]
    seed_offset: int

    def available(self) -> str | None:
        from benchmarks.families.chart_web import plotly_available, pygal_available

        probe = {Renderer.VEGA: _vega, Renderer.MATPLOTLIB: _matplotlib, Renderer.PYGAL: pygal_available,
                 Renderer.PLOTLY: plotly_available}[self.renderer]
        return _weasyprint() or probe()

    def build(self, split: Split, out_dir: Path, count: int) -> list[FamilyDoc]:
        out_dir.mkdir(parents=True, exist_ok=True)
        styles = self.dev_styles if split is Split.DEV else self.test_styles
        docs = []
        for i in range(count):
            name = f"{self.name}-{split.value}-{i:03d}"
            pdf = out_dir / f"{name}.pdf"
            truth = build_doc(split, self.renderer, styles[i % len(styles)], SEED_BASE[split] + self.seed_offset + i,
                              pdf, RASTER_SHARE)
            (out_dir / f"{name}.json").write_text(truth.to_json(), encoding="utf-8")
            docs.append(FamilyDoc(self.name, split, name, pdf, truth))
        return docs


def _families() -> tuple[ChartPageFamily, ...]:
    from benchmarks.families.chart_mpl import DEV_STYLES, TEST_STYLES
    from benchmarks.families.chart_vega import DEV_THEMES, TEST_THEMES
    from benchmarks.families.chart_web import (
        PLOTLY_DEV,
        PLOTLY_TEST,
        PYGAL_DEV,
        PYGAL_TEST,
    )

    return (ChartPageFamily("charts-vega", Renderer.VEGA, DEV_THEMES, TEST_THEMES, 0),
            ChartPageFamily("charts-matplotlib", Renderer.MATPLOTLIB, DEV_STYLES, TEST_STYLES, 1000),
            ChartPageFamily("charts-pygal", Renderer.PYGAL, PYGAL_DEV, PYGAL_TEST, 2000),
            ChartPageFamily("charts-plotly", Renderer.PLOTLY, PLOTLY_DEV, PLOTLY_TEST, 3000))


VEGA, MATPLOTLIB, PYGAL, PLOTLY = _families()
