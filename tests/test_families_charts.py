"""Chart-page families (benchmarks/families/chart_*): data, splits and one built document."""

from __future__ import annotations

import random

import pytest

from benchmarks.families.base import DocTruth, Split
from benchmarks.families.chart_data import Kind, LabelSet, chart_truth, random_spec

pytestmark = pytest.mark.timeout(120)


def test_specs_are_deterministic_and_years_stay_categories() -> None:
    a = [random_spec(random.Random(5)) for _ in range(3)]
    b = [random_spec(random.Random(5)) for _ in range(3)]
    assert a == b
    specs = [random_spec(random.Random(s), kind=Kind.LINE) for s in range(60)]
    years = [s for s in specs if s.labels is LabelSet.YEARS]
    assert years and all(c.isdigit() and len(c) == 4 for s in years for c in s.categories)
    for s in specs:
        assert 3 <= len(s.categories) <= 14
        assert all(len(x.values) == len(s.categories) for x in s.series)


def test_truth_types_and_split_styles_are_disjoint() -> None:
    from benchmarks.families.chart_families import MATPLOTLIB, PLOTLY, PYGAL, VEGA

    for fam in (VEGA, MATPLOTLIB, PYGAL, PLOTLY):
        assert not set(fam.dev_styles) & set(fam.test_styles), fam.name
    spec = random_spec(random.Random(1), kind=Kind.HBAR)
    truth = chart_truth(spec, vector=True, page=2, style="x")
    assert truth.type == "horizontal_bar" and truth.page == 2 and truth.categories == spec.categories


def test_vega_document_places_charts_and_text(tmp_path) -> None:
    pytest.importorskip("vl_convert")
    import shutil

    if shutil.which("weasyprint") is None:
        pytest.skip("weasyprint CLI not installed")
    import pymupdf

    from benchmarks.families.chart_pages import build_doc
    from benchmarks.families.chart_render import Renderer

    pdf = tmp_path / "doc.pdf"
    truth = build_doc(Split.DEV, Renderer.VEGA, "default", 11_000, pdf, raster_share=0.4)
    doc = pymupdf.open(pdf)
    assert truth.pages == doc.page_count >= 2
    assert len(truth.charts) >= 4 and truth.charts[-1].page == truth.pages  # the later-page chart
    assert any(c.type == "pie" for c in truth.charts)
    text = " ".join(p.get_text() for p in doc)
    assert truth.title.split()[0] in text and all(h.text.split(" ", 1)[1] in text for h in truth.headings)
    assert DocTruth.from_json(truth.to_json()) == truth
    # the body truth is in reading order, as printed: the title first, each heading before the text under
    # it (an empty body made the scorer list every heading ahead of the paragraphs: edit distance 0.23)
    assert truth.body[0] == truth.title and [b for b in truth.body if b in {h.text for h in truth.headings}] == [
        h.text for h in truth.headings]
    flat = " ".join(" ".join(p.get_text().split()) for p in doc)
    at = 0
    for block in truth.body:  # each block found after the one before it
        at = flat.find(" ".join(block.split()[:4]), at)
        assert at >= 0, block
