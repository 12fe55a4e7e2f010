"""python-docx building blocks for the ``libreoffice`` family: raw WordprocessingML elements, PAGE
fields, real footnotes (a footnotes part added to the package), table borders and shading, column
widths that keep words whole, merged-cell tables and multi-column sections."""

from __future__ import annotations

import random

from benchmarks.families import _content as C

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

BANDED = ("Light Shading Accent 1", "Medium Shading 1 Accent 1", "Light List Accent 1", "Light Shading",
          "Light Grid Accent 5", "Medium Shading 1 Accent 5")


def el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), v)
    return e


def field(paragraph, instr: str) -> None:
    fld = el("w:fldSimple", instr=instr)
    r = el("w:r")
    t = el("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def set_font(style, name: str, size: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for a in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(a), None)
        fonts.set(qn("w:cs"), name)
    if size:
        style.font.size = Pt(size)


class Notes:
    """Real footnotes: references in the body, texts in a footnotes part added at save time."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def reference(self, paragraph, text: str) -> None:
        self.texts.append(text)
        r = el("w:r")
        rpr = el("w:rPr")
        rpr.append(el("w:vertAlign", val="superscript"))
        r.append(rpr)
        r.append(el("w:footnoteReference", id=str(len(self.texts))))
        paragraph._p.append(r)

    def attach(self, document) -> None:
        if not self.texts:
            return
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        sup = '<w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr>'
        notes = "".join(
            f'<w:footnote w:id="{i + 1}"><w:p><w:r>{sup}<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="16"/></w:rPr>'
            f'<w:t xml:space="preserve"> {C.esc(t)}</w:t></w:r></w:p></w:footnote>' for i, t in enumerate(self.texts))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               f'</w:p></w:footnote>{notes}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)


def borders(tbl_pr, **edges: tuple[str, int]) -> None:
    b = el("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        val, sz = edges.get(edge, ("nil", 0))
        b.append(el(f"w:{edge}", val=val, sz=str(sz), space="0", color="000000"))
    tbl_pr.append(b)


def cell_shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(el("w:shd", val="clear", color="auto", fill=fill))


def cell_bottom(cell, sz: int) -> None:
    tb = el("w:tcBorders")
    tb.append(el("w:bottom", val="single", sz=str(sz), space="0", color="000000"))
    cell._tc.get_or_add_tcPr().append(tb)


EM_PER_CHAR = 0.64  # a generous average glyph width (bold DejaVu is the widest font used)
MIN_TABLE_PT = 6.5


def column_widths(spec: C.TableSpec, font_pt: float, width_in: float, pad_in: float) -> tuple[float, list[float]]:
    """Type size and inches per column so that no word (or number) breaks inside a cell: the size
    steps down until the columns fit ``width_in``; the columns are then spread to ``width_in``."""
    pt = font_pt
    while True:
        need = [0.3] * spec.n_cols
        for cell in spec.cells:
            if cell.colspan == 1:
                longest = max((len(w) for w in cell.text.split()), default=1) * (1.1 if cell.header else 1.0)
                need[cell.col] = max(need[cell.col], longest * pt * EM_PER_CHAR / 72 + 2 * pad_in + 0.05)
        if sum(need) <= width_in or pt - 0.5 < MIN_TABLE_PT:
            return pt, [w * width_in / sum(need) for w in need]
        pt -= 0.5


def write_table(doc, spec: C.TableSpec, style: C.TableStyle, rng: random.Random, width_in: float, font_pt: float) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt, RGBColor

    table = doc.add_table(rows=spec.n_rows, cols=spec.n_cols)
    if style is C.TableStyle.GRID:
        table.style = doc.styles["Table Grid"]
    elif style is C.TableStyle.BANDED:
        table.style = doc.styles[rng.choice(BANDED)]
    table.alignment = rng.choice((WD_TABLE_ALIGNMENT.LEFT, WD_TABLE_ALIGNMENT.CENTER))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    if style is C.TableStyle.RULES:
        borders(tbl_pr, top=("single", 12), bottom=("single", 12))
    elif style in (C.TableStyle.BORDERLESS, C.TableStyle.SHADED):
        borders(tbl_pr, **({"insideH": ("single", 2)} if style is C.TableStyle.SHADED else {}))
    pad = rng.choice((0.03, 0.05)) if width_in < 4 else rng.choice((0.04, 0.08))
    mar = el("w:tblCellMar")
    for side in ("left", "right"):
        mar.append(el(f"w:{side}", w=str(int(pad * 1440)), type="dxa"))
    tbl_pr.append(mar)
    font_pt, widths = column_widths(spec, font_pt, width_in, pad)
    for gc, w in zip(table._tbl.tblGrid.findall(f"{{{W_NS}}}gridCol"), widths):
        gc.set(f"{{{W_NS}}}w", str(int(w * 1440)))
    fill = rng.choice(("1F3B5A", "3D3D3D", "2E5E3A"))
    for r, row in enumerate(spec.grid()):
        for c, w in enumerate(widths):
            table.cell(r, c).width = Inches(w)
        for c, cell_spec in enumerate(row):
            if cell_spec is None:
                continue
            cell = table.cell(r, c)
            if cell_spec.rowspan > 1 or cell_spec.colspan > 1:
                cell = cell.merge(table.cell(r + cell_spec.rowspan - 1, c + cell_spec.colspan - 1))
            cell.text = cell_spec.text
            para = cell.paragraphs[0]
            para.paragraph_format.space_after = Pt(0)
            run = para.runs[0]
            run.font.size = Pt(font_pt)
            head = r < spec.header_rows
            if head or r in spec.group_label_rows or r in spec.total_rows:
                run.bold = True
            if cell_spec.rowspan > 1:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if head:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if style is C.TableStyle.SHADED:
                    cell_shade(cell, fill)
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                elif style is C.TableStyle.RULES and r == spec.header_rows - 1 or (style is C.TableStyle.RULES and cell_spec.rowspan > 1):
                    cell_bottom(cell, 6)
                elif style is C.TableStyle.RULES and cell_spec.colspan > 1:
                    cell_bottom(cell, 4)
            elif c >= spec.stub_cols and r not in spec.group_label_rows:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for r in range(spec.header_rows):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(el("w:tblHeader", val="true"))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(el("w:cantSplit", val="true"))


def columns(section, n: int) -> None:
    from docx.oxml.ns import qn

    sect_pr = section._sectPr
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = el("w:cols")
        sect_pr.append(cols)
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), "454")
