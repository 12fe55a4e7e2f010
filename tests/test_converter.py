"""docparse.Converter: configured once, components built once, many documents converted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import docparse
from docparse.batch.manifest import Status
from docparse.config import ParseOptions
from docparse.errors import InputError, UsageError


def _pdf(pages: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for text in pages:
        c.setFont("Helvetica-Bold", 18)
        c.drawString(72, 760, f"Heading {text}")
        c.setFont("Helvetica", 11)
        c.drawString(72, 730, f"The body of {text} is one plain sentence for the converter test.")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture()
def counting(monkeypatch: pytest.MonkeyPatch) -> list[ParseOptions]:
    """Records each default_components call (the models a converter loads)."""
    import docparse.components as components

    calls: list[ParseOptions] = []
    real = components.default_components

    def counted(options: ParseOptions, engine: object = None) -> components.Components:
        calls.append(options)
        return real(options)

    monkeypatch.setattr(components, "default_components", counted)
    return calls


def test_components_load_once_for_many_documents(tmp_path: Path, counting: list[ParseOptions]) -> None:
    converter = docparse.Converter(ParseOptions.from_kwargs(ocr="never"))
    assert counting == []  # nothing loads before the first document
    paths = []
    for n in range(3):
        path = tmp_path / f"doc{n}.pdf"
        path.write_bytes(_pdf([f"alpha{n}", f"beta{n}"]))
        paths.append(path)
    first = converter.convert(paths[0])
    results = list(converter.convert_many(paths[1:] + [_pdf(["gamma"])]))
    pages = list(converter.iter_pages(paths[2]))
    assert len(counting) == 1  # one set of components for five conversions
    assert len(first.pages) == 2 and "alpha0" in first.to_markdown()
    assert [r.status for r in results] == [Status.OK] * 3
    assert [r.input for r in results] == [str(paths[1]), str(paths[2]), "<bytes>"]
    assert all(r.document is not None and r.pages == len(r.document.pages) for r in results)
    assert [p.number for p in pages] == [1, 2] and "beta2" in pages[1].to_markdown()


def test_convert_many_reports_a_bad_input_and_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"this is not a PDF at all")
    good = tmp_path / "good.pdf"
    good.write_bytes(_pdf(["delta"]))
    converter = docparse.Converter(ocr="never")
    results = list(converter.convert_many([bad, good]))
    assert results[0].status is Status.FAILED and results[0].document is None and results[0].error
    assert results[1].ok and "delta" in results[1].document.to_markdown()  # type: ignore[union-attr]
    with pytest.raises(InputError):
        list(converter.convert_many([bad], raises_on_error=True))


def test_options_and_keywords_are_exclusive() -> None:
    with pytest.raises(UsageError):
        docparse.Converter(ParseOptions(), ocr="never")
    assert docparse.Converter(dpi=200).options.raster.dpi == 200


def test_parse_is_the_one_line_path(counting: list[ParseOptions]) -> None:
    doc = docparse.parse(_pdf(["epsilon"]), ocr="never")
    assert "epsilon" in doc.to_markdown() and len(counting) == 1
