"""Bad input at the door: content sniffing, empty files, passwords, broken page trees, limits."""

from __future__ import annotations

import io
import re

import pymupdf
import pytest

from docparse.config import OpenOptions, ParseOptions
from docparse.errors import DocparseError, InputError, LimitExceeded, PasswordRequired
from docparse.pages.open import MupdfMessages, open_document, sniff_kind
from docparse.pipeline import convert
from tests.conftest import corpus_path

FAST = dict(ocr="never", page_timeout_s=30.0, detect_charts=False)  # open is under test, not charts


def text_pdf(pages: int = 1, text: str = "Hello robustness") -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        page.insert_text((72, 300), f"{text} page {i + 1}", fontsize=12)
    return doc.tobytes()


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, format="PNG")
    return buf.getvalue()


def test_sniff_by_content_not_extension() -> None:
    assert sniff_kind(b"%PDF-1.7\n") == "pdf"
    assert sniff_kind(b"\n\n  junk %PDF-1.4") == "pdf"
    assert sniff_kind(png_bytes()) == "png"
    assert sniff_kind(b"\xff\xd8\xff\xe0rest") == "jpeg"
    assert sniff_kind(b"oops\n") == "unknown"
    assert sniff_kind(b"<html><body>hi</body></html>") == "unknown"
    # a PDF that lost its header still shows its structure
    assert sniff_kind(b"0009 0 obj<</Type/XRef>>stream") == "pdf"
    assert sniff_kind(b"      ", b"endobj\rstartxref\r116\r%%EOF\r") == "pdf"


def test_non_pdf_named_pdf_is_a_clean_input_error(tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("this is a plain text file, not a PDF\n")
    with pytest.raises(InputError) as err:
        convert(path, ParseOptions.from_kwargs(**FAST))
    assert "not a PDF" in err.value.message
    assert str(path) in err.value.one_line() and "\n" not in err.value.one_line()


def test_image_named_pdf_goes_to_the_image_path(tmp_path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(png_bytes())
    document = convert(path, ParseOptions.from_kwargs(**FAST))
    assert len(document.pages) == 1


def test_empty_file_and_missing_file(tmp_path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        open_document(empty, OpenOptions())
    with pytest.raises(InputError, match="not found"):
        open_document(tmp_path / "nope.pdf", OpenOptions())
    with pytest.raises(InputError, match="directory"):
        open_document(tmp_path, OpenOptions())


def test_encrypted_pdf_needs_password() -> None:
    doc = pymupdf.open(stream=text_pdf(), filetype="pdf")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="s3cret", owner_pw="owner")
    with pytest.raises(PasswordRequired, match="password required"):
        convert(data, ParseOptions.from_kwargs(**FAST))
    with pytest.raises(PasswordRequired, match="wrong password"):
        convert(data, ParseOptions.from_kwargs(password="nope", **FAST))
    document = convert(data, ParseOptions.from_kwargs(password="s3cret", **FAST))
    assert document.metadata.encrypted
    assert "Hello robustness" in document.to_markdown()


def test_corpus_password_files() -> None:
    plumber = corpus_path("robustness", "pdfplumber", "tests", "pdfs", "password-example.pdf")
    with pytest.raises(PasswordRequired):
        convert(plumber, ParseOptions.from_kwargs(**FAST))
    document = convert(plumber, ParseOptions.from_kwargs(password="test", **FAST))
    assert document.pages and document.to_markdown().strip()
    office = corpus_path("robustness", "pypdf", "005-libreoffice-writer-password",
                         "libreoffice-writer-password.pdf")
    assert convert(office, ParseOptions.from_kwargs(password="openpassword", **FAST)).pages


def test_headerless_pdf_still_opens() -> None:
    data = text_pdf()
    stripped = data.replace(b"%PDF-", b"%XYZ-", 1)
    assert b"%PDF-" not in stripped[:1024]
    document = convert(stripped, ParseOptions.from_kwargs(**FAST))
    assert "Hello robustness" in document.to_markdown()


def _break_page_tree(data: bytes, count: str) -> bytes:
    """Point the catalog at a /Pages node that lies about its count and has no kids."""
    return re.sub(rb"/Count \d+", f"/Count {count}".encode(), data).replace(b"/Kids", b"/Kidz")


def test_broken_page_tree_is_rebuilt_and_recorded() -> None:
    broken = _break_page_tree(pymupdf.open(stream=text_pdf(3), filetype="pdf").tobytes(expand=255), "1410065407")
    document = convert(broken, ParseOptions.from_kwargs(**FAST))
    assert len(document.pages) == 3
    assert any("rebuilt from 3 page objects" in i.message for i in document.issues)
    assert "page 2" in document.to_markdown()


def test_corpus_file_claiming_billions_of_pages() -> None:
    path = corpus_path("robustness", "pdfjs", "test", "pdfs", "poppler-67295-0.pdf")
    document = convert(path, ParseOptions.from_kwargs(**FAST))
    assert len(document.pages) == 1
    assert "TestString123" in document.to_markdown()
    assert any("page tree" in i.message for i in document.issues)


@pytest.mark.parametrize("parts, expected", [
    (("qpdf", "qpdf", "qtest", "qpdf", "bad1.pdf"), "not a PDF"),
    (("pdfjs", "test", "pdfs", "poppler-85140-0.pdf"), "damaged beyond repair"),
    (("pdfjs", "test", "pdfs", "poppler-742-0-fuzzed.pdf"), "damaged beyond repair"),
    (("pdfplumber", "tests", "pdfs", "empty.pdf"), "empty"),
])
def test_corpus_unreadable_files_fail_with_one_line(parts, expected) -> None:
    path = corpus_path("robustness", *parts)
    with pytest.raises(InputError) as err:
        convert(path, ParseOptions.from_kwargs(**FAST))
    line = err.value.one_line()
    assert expected in line and line.startswith(str(path)) and "\n" not in line


def test_max_pages_converts_the_first_pages_and_records_it() -> None:
    document = convert(text_pdf(4), ParseOptions.from_kwargs(max_pages=2, **FAST))
    assert [p.number for p in document.pages] == [1, 2]
    assert any("only the first 2" in i.message for i in document.issues)


def test_image_input_over_the_decode_limit() -> None:
    with pytest.raises(LimitExceeded, match="decode limit"):
        convert(png_bytes(400, 300), ParseOptions.from_kwargs(max_image_pixels=100_000, **FAST))
    assert convert(png_bytes(400, 300), ParseOptions.from_kwargs(max_image_pixels=200_000, **FAST)).pages


def test_file_size_limit(tmp_path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf())
    with pytest.raises(LimitExceeded, match="over the limit"):
        open_document(path, OpenOptions(max_file_bytes=100))


def test_mupdf_printing_is_silenced_while_open_and_restored() -> None:
    tools = pymupdf.TOOLS
    before = MupdfMessages.silence()
    MupdfMessages(errors=True, warnings=True, exceptions_verbose=1).restore()
    try:
        with open_document(text_pdf(), OpenOptions()):
            assert not tools.mupdf_display_errors() and not tools.mupdf_display_warnings()
            assert pymupdf.g_exceptions_verbose == 0
        assert tools.mupdf_display_errors() and tools.mupdf_display_warnings()
        assert pymupdf.g_exceptions_verbose == 1
    finally:
        before.restore()


def test_damaged_corpus_file_records_mupdf_warnings() -> None:
    path = corpus_path("robustness", "pypdf", "017-unreadable-meta-data", "unreadablemetadata.pdf")
    document = convert(path, ParseOptions.from_kwargs(**FAST))
    assert document.pages
    messages = [i.message for i in document.issues] + [i.message for p in document.pages for i in p.issues]
    assert any(m.startswith("MuPDF: ") for m in messages)
    assert all("\n" not in m for m in messages)


def test_every_error_is_a_docparse_error_subclass() -> None:
    for exc_type in (InputError, PasswordRequired, LimitExceeded):
        assert issubclass(exc_type, DocparseError)


def xref_that_loses_the_page_tree() -> bytes:
    """A one-page PDF whose only xref section lists the catalog alone and names itself as its
    /Prev (a loop MuPDF stops): the page tree and the page are in the file but in no section."""
    text = b"BT /F1 12 Tf 72 300 Td (Salad of lost pages) Tj ET"
    bodies = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
              b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
              b"<</Length %d>>stream\n%s\nendstream" % (len(text), text), b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 2\n0000000000 65535 f \n%010d 00000 n \n" % offsets[0]
    out += b"trailer\n<</Size 6/Root 1 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (xref, xref)
    return bytes(out)


def test_pages_lost_by_a_looping_xref_are_found_by_re_reading_the_file() -> None:
    """qpdf's append-xref-loop.pdf (30 pages) and bad11.pdf were 'document has no pages': the
    xref left the page tree out and no page object was listed to rebuild it from."""
    data = xref_that_loses_the_page_tree()
    assert pymupdf.open(stream=data, filetype="pdf").page_count == 0  # MuPDF alone
    with open_document(data, OpenOptions()) as opened:
        assert opened.page_count == 1
        assert any("re-reading every object" in w for w in opened.warnings)
    assert "Salad of lost pages" in convert(data, ParseOptions()).to_markdown()
