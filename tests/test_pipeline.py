"""The foundation pipeline on generated born-digital PDFs with known ground truth."""

from __future__ import annotations

import random
import re

import pymupdf
import pytest
from markdown_it import MarkdownIt

import docparse
from docparse.components import Components, default_components
from docparse.config import ParseOptions
from docparse.document import RegionGroup, RegionKind
from docparse.pipeline import convert
from docparse.readers.base import ReaderSet, RegionContent
from docparse.regions.base import RegionProposal
from tests.pdfgen import Builder, columns_page, paragraph


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_#`\\]", "", text).split())


@pytest.mark.parametrize("n_cols", [1, 2, 3])
def test_reading_order_in_columns(n_cols: int) -> None:
    rng = random.Random(n_cols)
    b = Builder()
    columns_page(b, rng, n_cols, title="Quarterly Results Overview", heading="Summary of the year")
    doc = docparse.parse(b.tobytes())
    body = [r for r in doc.regions() if r.kind is not RegionKind.PAGE_HEADER]
    texts = [_norm(r.text) for r in body]
    expected = [_norm(p.text) for p in b.truth]
    assert texts == expected
    assert body[0].kind is RegionKind.TITLE
    assert body[1].kind is RegionKind.HEADING and body[1].level == 2


def test_full_width_table_like_block_interrupts_columns() -> None:
    """A full-width paragraph between two-column bands is read between the bands."""
    rng = random.Random(7)
    b = Builder()
    page = b.new_page()
    col_w = (b.width - 2 * b.margin - 18) / 2
    truth = []
    for band_y, n in ((70, 2), (420, 2)):
        if band_y == 420:
            wide = paragraph(rng, 2)
            b.box(page, pymupdf.Rect(b.margin, 330, b.width - b.margin, 410), wide)
            truth.append(wide)
        for c in range(n):
            x0 = b.margin + c * (col_w + 18)
            text = paragraph(rng, 2)
            b.box(page, pymupdf.Rect(x0, band_y, x0 + col_w, band_y + 240), text)
            truth.append(text)
    doc = docparse.parse(b.tobytes())
    assert [_norm(r.text) for r in doc.regions()] == [_norm(t) for t in truth]


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    rng = random.Random(3)
    b = Builder()
    for n in range(1, 6):
        columns_page(b, rng, 2, header="ACME Corp — Annual Report 2024", footer=f"Page {n} of 5")
    doc = docparse.parse(b.tobytes())
    md = doc.to_markdown()
    assert "ACME Corp" not in md
    assert "Page 3 of 5" not in md
    kinds = {r.kind for p in doc.pages for r in p.regions}
    assert RegionKind.PAGE_HEADER in kinds and RegionKind.PAGE_FOOTER in kinds
    furniture = [r for p in doc.pages for r in p.regions if r.kind.is_furniture]
    assert all(r.order == -1 for r in furniture)
    assert len(furniture) == 10


def test_heading_levels_from_numbering_and_outline() -> None:
    b = Builder()
    page = b.new_page()
    y = 70.0
    items = [("Annual Report", 24, "title"), ("1 Introduction", 16, "h"), (paragraph(random.Random(1), 2), 10, "p"),
             ("1.1 Scope", 13, "h"), (paragraph(random.Random(2), 2), 10, "p"),
             ("2 Results", 16, "h"), (paragraph(random.Random(3), 2), 10, "p")]
    for text, size, _ in items:
        y = b.box(page, pymupdf.Rect(72, y, 540, y + 200), text, size=size,
                  font="hebo" if size > 10 else "helv") + 12
    md = docparse.parse(b.tobytes()).to_markdown()
    assert "# Annual Report\n" in md
    assert "## 1 Introduction\n" in md
    assert "### 1.1 Scope\n" in md
    assert "## 2 Results\n" in md


def test_lists_captions_and_dehyphenation() -> None:
    b = Builder()
    page = b.new_page()
    page.insert_text((72, 80), "The measure-", fontsize=10)
    page.insert_text((72, 93), "ments were taken in the field and then", fontsize=10)
    page.insert_text((72, 106), "compared with a state-of-the-", fontsize=10)
    page.insert_text((72, 119), "art baseline.", fontsize=10)
    for i, item in enumerate(["• First point about revenue", "• Second point about margins",
                              "• Third point about cash"]):
        page.insert_text((72, 150 + 14 * i), item, fontsize=10)
    page.draw_rect(pymupdf.Rect(72, 220, 300, 380), color=(0, 0, 0), fill=(0.8, 0.8, 0.9))
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 40), 0)
    pix.set_rect(pix.irect, (200, 40, 40))
    page.insert_image(pymupdf.Rect(72, 220, 300, 380), pixmap=pix)
    page.insert_text((72, 396), "Figure 1: Revenue by region.", fontsize=9)
    doc = docparse.parse(b.tobytes())
    md = doc.to_markdown()
    assert "The measurements were taken" in md
    assert "state-of-the-art baseline" in md
    assert "- First point about revenue\n- Second point about margins\n- Third point about cash" in md
    fig = next(r for r in doc.pages[0].regions if r.kind is RegionKind.FIGURE)
    cap = doc.find(fig.caption_id or "")
    assert cap is not None and cap.text.startswith("Figure 1") and cap.caption_of == fig.id


def test_paragraph_split_across_pages_is_joined() -> None:
    b = Builder()
    p1 = b.new_page()
    p1.insert_text((72, 700), "This sentence starts on the first page and", fontsize=10)
    p2 = b.new_page()
    p2.insert_text((72, 80), "continues on the second page of the report.", fontsize=10)
    doc = docparse.parse(b.tobytes())
    md = doc.to_markdown()
    assert "first page and continues on the second page" in md
    second = doc.pages[1].regions[0]
    assert second.continues == doc.pages[0].regions[0].id


def test_markdown_parses_back_with_emphasis_only_where_pdf_has_it() -> None:
    b = Builder()
    page = b.new_page()
    page.insert_text((72, 80), "Plain text with ", fontsize=10, fontname="helv")
    x = 72 + pymupdf.get_text_length("Plain text with ", fontname="helv", fontsize=10)
    page.insert_text((x, 80), "bold words", fontsize=10, fontname="hebo")
    x += pymupdf.get_text_length("bold words", fontname="hebo", fontsize=10)
    page.insert_text((x, 80), " inside a sentence.", fontsize=10, fontname="helv")
    md = docparse.parse(b.tobytes()).to_markdown()
    assert "**bold words**" in md
    tokens = MarkdownIt().parse(md)
    assert any(t.type == "strong_open" for t in tokens[1].children or [])


@pytest.mark.parametrize("text", ["3) The act was amended in 2020.", "12. Notes on the survey",
                                  "# not a heading", "- not a list", "+ plus", "> not a quote",
                                  "Other (Please specify) ______________ or none", "__init__ and _private_ names",
                                  "the FUNCTION_USAGE view", "a *star* and `tick`"])
def test_paragraph_starting_like_markdown_block_renders_as_its_own_text(text: str) -> None:
    """Escapes keep block syntax inert and never show: "3\\) …", not "\\3) …" (a backslash
    before a digit is not an escape in CommonMark and would print)."""
    from docparse.document import Region, RegionKind
    from docparse.renderers.markdown import render_region

    region = Region(id="/page/1/paragraph/1", group=RegionGroup.SEMANTIC, kind=RegionKind.PARAGRAPH, page=1,
                    bbox=(0, 0, 10, 10), order=0, text=text)
    html = MarkdownIt().render(render_region(region, docparse.Document(source="x", pages=[])))
    assert html.strip() == f"<p>{text.replace('>', '&gt;')}</p>"


def test_ids_and_groups() -> None:
    rng = random.Random(5)
    b = Builder()
    columns_page(b, rng, 2, title="Title Of The Report")
    doc = docparse.parse(b.tobytes())
    ids = [r.id for p in doc.pages for r in p.regions]
    assert len(ids) == len(set(ids))
    assert "/page/1/title/1" in ids and "/page/1/paragraph/1" in ids
    assert all(r.group is RegionGroup.SEMANTIC for r in doc.regions())


class _FailingReader:
    """Page 2: a reader bug on every region; page 3: a docparse limit error (kills the page)."""

    def read(self, proposal: RegionProposal, page) -> RegionContent:  # noqa: ANN001
        if page.number == 2:
            raise RuntimeError("reader exploded")
        if page.number == 3:
            raise docparse.LimitExceeded("image too large", page=3)
        return RegionContent(text="ok")


def test_injected_fakes_and_per_page_errors_do_not_lose_other_pages() -> None:
    rng = random.Random(9)
    b = Builder()
    for _ in range(4):
        columns_page(b, rng, 1)
    options = ParseOptions()
    base = default_components(options)
    fake = _FailingReader()
    components = Components(text_source=base.text_source, classifiers=base.classifiers,
                            readers=ReaderSet(semantic=fake, structural=fake, chart=fake))
    doc = convert(b.tobytes(), options, components)
    assert [len(p.regions) > 0 for p in doc.pages] == [True, True, False, True]
    # a reader bug costs the region's content and is recorded, the page survives
    page2 = doc.pages[1]
    assert all(r.source == "failed" and r.text == "" for r in page2.regions)
    assert page2.issues and not any(i.fatal for i in page2.issues)
    assert "reader exploded" in page2.issues[0].message
    # a docparse error (a limit) abandons that page only
    issue = doc.pages[2].issues[0]
    assert issue.fatal and "image too large" in issue.message and issue.page == 3


def test_page_selection_and_streaming() -> None:
    rng = random.Random(11)
    b = Builder()
    for _ in range(4):
        columns_page(b, rng, 1)
    data = b.tobytes()
    doc = docparse.parse(data, pages="2-3")
    assert [p.number for p in doc.pages] == [2, 3]
    streamed = list(docparse.iter_pages(data))
    assert [p.number for p in streamed] == [1, 2, 3, 4]


def test_encrypted_and_non_pdf_inputs_raise_clear_errors(tmp_path) -> None:  # noqa: ANN001
    fake = tmp_path / "notes.pdf"
    fake.write_text("just some text, not a PDF")
    with pytest.raises(docparse.InputError, match="not a PDF"):
        docparse.parse(fake)
    b = Builder()
    columns_page(b, random.Random(1), 1)
    enc = b.doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    with pytest.raises(docparse.PasswordRequired, match="password required"):
        docparse.parse(enc)
    assert docparse.parse(enc, password="secret").pages[0].regions


def test_unknown_option_is_a_usage_error() -> None:
    with pytest.raises(docparse.DocparseError, match="unknown option"):
        docparse.parse(b"%PDF-1.4", colour="blue")


def test_nested_lists_follow_indentation() -> None:
    b = Builder()
    page = b.new_page()
    items = [(72, "• Revenue grew in all regions"), (90, "– North grew fastest"), (90, "– South grew least"),
             (72, "• Costs fell")]
    for i, (x, text) in enumerate(items):
        page.insert_text((x, 100 + 15 * i), text, fontsize=10)
    md = docparse.parse(b.tobytes()).to_markdown()
    assert md.strip() == ("- Revenue grew in all regions\n  - North grew fastest\n  - South grew least\n"
                          "- Costs fell")
