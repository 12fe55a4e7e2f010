"""A text layer whose font maps its codes to the wrong characters is OCRed; text in
languages with many accents is not taken for such a layer."""

from __future__ import annotations

from docparse.pages.analysis import Line, PageAnalysis, Span
from docparse.pages.textsource import OcrDecisionSettings, decide_ocr, mojibake_ratio

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


def test_page_with_a_mis_encoded_sidebar_is_ocred() -> None:
    s = OcrDecisionSettings()
    body = "No one else has the vast consulting experiences, skills sharing and renown service offerings."
    decision = decide_ocr(_page([body, body, MIS_ENCODED]), "auto", s)
    assert decision.run and decision.reason == "text layer is mis-encoded"
    assert not decide_ocr(_page(REAL), "auto", s).run
