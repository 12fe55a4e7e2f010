"""A text layer whose font maps its codes to the wrong characters is OCRed; text in
languages with many accents is not taken for such a layer."""

from __future__ import annotations

import pytest

from docparse.config import OcrMode
from docparse.pages.analysis import Line, PageAnalysis, Span
from docparse.pages.textsource import OcrDecisionOptions, decide_ocr, mojibake_ratio

# the sidebar of a brochure page set in a font without a usable encoding (IBM Redpaper 5110)
MIS_ENCODED = ("]üìÜüéê •ìê °ê£ë†£ûÜüéê †ë ∞†¶£ èÜ•ÜáÜ§ê †°ê£Ü•î†ü§ ]Ü£ü í£êÜ•ê£ £ê•¶£ü †ü ar °£†ïêé•§ "
               "•ì£†¶íì û†èê£üî±Ü•î†ü †ë èÜ•ÜáÜ§ê Üüè Ü°°óîéÜ•î†ü§")
REAL = [
    "L'été dernier, les élèves ont étudié à Genève où ils ont créé un système déjà éprouvé.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy; účty za služby byly zaplaceny včas.",
    "Tiếng Việt được viết bằng chữ Quốc ngữ, một hệ chữ dựa trên bảng chữ cái Latinh.",
    "Die Größenänderung übernimmt der Prüfer für Änderungen an öffentlichen Gebäuden.",
    "Árvíztűrő tükörfúrógép: a főnök őrző ügyfelei számára készült.",
]


def _page(texts: list[str]) -> PageAnalysis:
    lines = [Line([Span(t, (50, 100 + 14 * i, 550, 112 + 14 * i), "Helvetica", 10)], (50, 100 + 14 * i, 550, 112 + 14 * i))
             for i, t in enumerate(texts)]
    return PageAnalysis(number=1, width=600, height=800, lines=lines)


def test_mis_encoded_words_are_measured() -> None:
    assert mojibake_ratio(MIS_ENCODED) > 0.9
    for text in REAL:
        assert mojibake_ratio(text) < 0.1, text


def test_mis_encoded_lines_are_ocred_alone_or_with_the_page() -> None:
    s = OcrDecisionOptions()
    body = "No one else has the vast consulting experiences, skills sharing and renown service offerings."
    some = decide_ocr(_page([body, body, MIS_ENCODED]), OcrMode.AUTO, s)
    assert some.run and some.lines_only and some.reason == "some text lines are mis-encoded"
    most = decide_ocr(_page([body, MIS_ENCODED, MIS_ENCODED]), OcrMode.AUTO, s)
    assert most.run and not most.lines_only and most.reason == "text layer is mis-encoded"
    assert not decide_ocr(_page(REAL), OcrMode.AUTO, s).run


_MIS_ENCODING = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
                 b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Mis def /CMapType 2 def 1 begincodespacerange "
                 b"<0000> <FFFF> endcodespacerange 1 beginbfchar <0003> <0020> endbfchar 1 beginbfrange <0000> <0FFF> "
                 b"<00C0> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")


def _page_with_mis_encoded_lines() -> bytes:
    """Good text-layer lines above and below; between them two lines set in an embedded font
    whose ToUnicode map sends every glyph to the wrong character (spaces stay spaces), as a
    font without a usable encoding leaves them: they print right and extract as "èđċĄđĆĈ"."""
    import os

    import pymupdf
    import reportlab

    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 100), "Solution Brief and Highlights", fontname="hebo", fontsize=16)
    page.insert_text((72, 130), "No one else has the vast consulting experiences and renown services.",
                     fontname="helv", fontsize=11)
    page.insert_font(fontname="vera", fontfile=os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"))
    page.insert_text((72, 170), "Enhance the performance of your database", fontname="vera", fontsize=14)
    page.insert_text((72, 194), "Earn greater return on modern projects", fontname="vera", fontsize=14)
    page.insert_text((72, 240), "Because no one else is IBM, the closing line keeps its text layer.",
                     fontname="helv", fontsize=11)
    for xref in range(1, doc.xref_length()):
        kind, value = doc.xref_get_key(xref, "ToUnicode")
        if kind == "xref":
            doc.update_stream(int(value.split()[0]), _MIS_ENCODING)
    return doc.tobytes()


@pytest.mark.model
def test_only_the_mis_encoded_lines_are_ocred() -> None:
    import docparse

    doc = docparse.parse(_page_with_mis_encoded_lines())
    text = " ".join(r.text for r in doc.regions())
    assert "Enhance the performance" in text and "greater return" in text
    assert "°ê£" not in text and "ü" not in text
    page = doc.pages[0]
    assert not page.ocr  # the page stays born-digital …
    assert any("of 2 lines" in issue.message for issue in page.issues)  # … with two lines OCRed
    heading = next(r for r in doc.regions() if "Solution Brief" in r.text)
    assert heading.text == "Solution Brief and Highlights"  # text layer, untouched
