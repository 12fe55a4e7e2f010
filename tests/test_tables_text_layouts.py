"""Pages laid out in aligned blocks that are not tables: a back cover in three text columns
(short taglines, a paragraph, a side panel), a program listing, a questionnaire spread of
numbered questions with checkbox options. Each gives no table, while a real borderless table
on the same page is still found."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from docparse.pages.analysis import BBox, PageAnalysis

PARAGRAPH = ("This technical paper provides information about the new release of the database "
             "feature for row and column access control. It offers a broad description of the "
             "function and advantages of controlling access to data in a comprehensive and "
             "transparent way. This publication helps you understand the capabilities of the "
             "feature and provides examples of defining, creating, and implementing the row "
             "permissions and column masks in a relational database environment.")
PARAGRAPH_2 = ("This paper is intended for database engineers, data-centric application developers, "
               "and security officers who want to design and implement access control as a part of "
               "their data control and governance policy. A solid background in object level "
               "security, relational database concepts, and the query language is assumed.")
PANEL = ("Technical reports are developed by the international support organization. Experts "
         "from industry, customers and partners from around the world create timely technical "
         "information based on realistic scenarios. Specific recommendations are provided to "
         "help you implement solutions more effectively in your environment.")
TABLE = [["Region", "Units", "Revenue", "Margin"], ["North", "120", "4,310", "12.5"],
         ["South", "95", "3,020", "9.8"], ["East", "143", "5,115", "14.1"], ["West", "88", "2,760", "8.2"]]
CODE = ["CREATE MASK   HR_SCHEMA.MASK_TAX_ID_ON_EMPLOYEES", "ON            HR_SCHEMA.EMPLOYEES AS EMPLOYEES",
        "FOR COLUMN    TAX_ID", "RETURN", "CASE", "       WHEN VERIFY_GROUP ( SESSION_USER , 'HR' ) = 1",
        "       THEN EMPLOYEES . TAX_ID", "       WHEN VERIFY_GROUP ( SESSION_USER , 'MGR' ) = 1",
        "       AND SESSION_USER = EMPLOYEES . USER_ID", "       THEN EMPLOYEES . TAX_ID",
        "       ELSE 'XXX-XX-XXXX'", "END", "ENABLE  ;"]


def _analysis(path: Path) -> PageAnalysis:
    from docparse.pages.textlayer import analyze_page

    with pymupdf.open(path) as doc:
        return analyze_page(doc[0], 1, None)


def _tables(doc: pymupdf.Document, tmp_path: Path) -> list[BBox]:
    from docparse.regions.tables import TableClassifier

    path = tmp_path / "page.pdf"
    doc.save(path)
    return [c.bbox for c in TableClassifier().find(_analysis(path))]


def _table(page: pymupdf.Page, x: float, y: float, col_x: tuple[float, ...] = (0, 90, 170, 250),
           pitch: float = 14.0) -> BBox:
    """A borderless table of short cells; its box."""
    for k, row in enumerate(TABLE):
        for cx, text in zip(col_x, row):
            page.insert_text((x + cx, y + k * pitch), text, fontsize=9, fontname="hebo" if k == 0 else "helv")
    return (x, y - 9, x + col_x[-1] + 40, y + (len(TABLE) - 1) * pitch + 3)


def _holds(found: list[BBox], box: BBox, tol: float = 12.0) -> bool:
    return any(f[0] <= box[0] + tol and f[1] <= box[1] + tol and f[2] >= box[2] - tol and f[3] >= box[3] - tol
               and f[3] - f[1] <= (box[3] - box[1]) + 4 * tol for f in found)


def _rule(page: pymupdf.Page, y: float, x0: float = 0, x1: float = 612) -> None:
    page.draw_line((x0, y), (x1, y), color=(0, 0, 0), width=0.8)


def _back_cover(page: pymupdf.Page, top: float, ruled: bool) -> None:
    """Bold taglines on the left, a paragraph in the middle, a side panel on the right
    (between full-width rules when ``ruled``)."""
    if ruled:
        _rule(page, top - 14)
    for k, tagline in enumerate(["Implement roles and separation of duties",
                                 "Leverage row permissions on the database",
                                 "Protect columns by defining column masks"]):
        page.insert_textbox(pymupdf.Rect(27, top + 44 * k, 125, top + 44 * k + 40), tagline, fontsize=10,
                            fontname="hebo", lineheight=1.2)
    end = top + 400 - page.insert_textbox(pymupdf.Rect(153, top, 414, top + 400), PARAGRAPH, fontsize=9,
                                          fontname="helv", lineheight=1.3)
    page.insert_textbox(pymupdf.Rect(153, end + 10, 414, end + 300), PARAGRAPH_2, fontsize=9, fontname="helv",
                        lineheight=1.3)
    page.insert_textbox(pymupdf.Rect(467, top + 6, 590, top + 60), "INTERNATIONAL TECHNICAL SUPPORT ORGANIZATION",
                        fontsize=10, fontname="hebo", lineheight=1.2)
    page.insert_textbox(pymupdf.Rect(467, top + 110, 590, top + 150), "BUILDING TECHNICAL INFORMATION BASED ON "
                        "PRACTICAL EXPERIENCE", fontsize=9, fontname="hebo", lineheight=1.2)
    page.insert_textbox(pymupdf.Rect(467, top + 160, 590, top + 340), PANEL, fontsize=9, fontname="helv",
                        lineheight=1.2)
    if ruled:
        _rule(page, top + 350)


@pytest.mark.parametrize("ruled", [True, False])
def test_three_text_columns_with_taglines_are_no_table(tmp_path: Path, ruled: bool) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((150, 60), "Back cover", fontsize=20, fontname="hebo")
    _back_cover(page, 120, ruled)
    table = _table(page, 150, 560)
    found = _tables(doc, tmp_path)
    assert len(found) == 1 and _holds(found, table), found


def _listing(page: pymupdf.Page, x: float, top: float, ruled: bool) -> float:
    """A code example in Courier (between rules when ``ruled``); the y below it."""
    if ruled:
        _rule(page, top - 12, x, 547)
    y = top
    for line in CODE:
        page.insert_text((x, y), line, fontsize=8.3, fontname="cour")
        y += 12
    if ruled:
        _rule(page, y - 4, x, 547)
    return y


@pytest.mark.parametrize("ruled", [True, False])
def test_code_listing_is_no_table(tmp_path: Path, ruled: bool) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((137, 80), "Example 3-9   Creating a mask on the TAX_ID column", fontsize=8, fontname="hebo")
    end = _listing(page, 137, 110, ruled)
    page.insert_textbox(pymupdf.Rect(137, end + 10, 547, end + 60), "To implement this column mask, run the "
                        "statement that is shown in the example above and check the result.", fontsize=10,
                        fontname="helv")
    table = _table(page, 137, end + 120)
    found = _tables(doc, tmp_path)
    assert len(found) == 1 and _holds(found, table), found


def _checkbox_options(page: pymupdf.Page, x: float, y: float, options: list[str]) -> float:
    for option in options:
        page.draw_rect(pymupdf.Rect(x, y - 7, x + 7, y), color=(0, 0, 0), width=0.5)
        page.insert_text((x + 14, y), option, fontsize=9, fontname="helv")
        y += 17
    return y


QUESTIONS = [
    ("26.", "If your country allows legal aid services through university-based student law clinics, are "
            "there national guidelines on how students are supervised? (Please select all that apply)",
     ["Yes, there are specific guidelines for non-lawyers", "Yes, there are guidelines on faculty/student ratios",
      "No, it is up to the discretion of each university", "Don't know"]),
    ("27.", "If your country allows legal aid services through student law clinics, what type of legal aid "
            "services is a student authorized to undertake? (Please select all that apply)",
     ["There is no limitation; they have the same authority as lawyers", "They can provide primary legal aid",
      "They can prepare legal documents", "They can conduct mediation", "Don't know"]),
    ("28.", "If your country has an institutional legal aid provider, do the staff lawyers coordinate to "
            "challenge common violations of due process rights?",
     ["Yes, at the national (federal) level", "Yes, at regional (district) level", "No"]),
]


def _questions(page: pymupdf.Page, x: float, y: float) -> float:
    for number, question, options in QUESTIONS:
        page.insert_text((x, y + 9), number, fontsize=9, fontname="helv")
        used = 60 - page.insert_textbox(pymupdf.Rect(x + 18, y, x + 350, y + 60), question, fontsize=9,
                                        fontname="helv", lineheight=1.3)
        y = _checkbox_options(page, x + 19, y + used + 12, options) + 22
    return y


def test_questionnaire_spread_is_no_table(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=1224, height=792)
    tint = (0.8, 0.83, 0.92)
    page.draw_rect(pymupdf.Rect(0, 0, 612, 792), color=None, fill=tint)  # the two pages' backgrounds
    page.draw_rect(pymupdf.Rect(612, -14, 1238, 806), color=None, fill=tint)
    page.draw_line((612, -14), (612, 806), color=(0, 0, 0), width=0.5)
    _questions(page, 130, 60)
    end = _questions(page, 756, 60)
    table = _table(page, 775, end + 30)
    found = _tables(doc, tmp_path)
    assert len(found) == 1 and _holds(found, table), found
