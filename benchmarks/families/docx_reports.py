"""Family ``libreoffice``: DOCX reports written with python-docx and converted by LibreOffice.

Word-style documents: Title and Heading 1–3 styles, header and footer parts with PAGE / NUMPAGES
fields, real footnotes (a footnotes part added to the package), bulleted and numbered lists,
captions, tables with vertical merges (row-group labels), horizontal merges (column groups and
full-width group rows), table styles (grid, shaded header, banded built-in styles, top/bottom
rules, no borders), a long table with a repeated header row that breaks across pages, one- and
two-column sections, and matplotlib charts embedded as PNG pictures.

Templates A–C make the dev split, D–F the test split, from disjoint seeds. The truth is the data
the DOCX was written from; only *where* things landed (page count, the page of a caption, of a
table's last row) is looked up in the PDF, never their text.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from benchmarks.families import _content as C
from benchmarks.families._content import Footer, Header, Numbering
from benchmarks.families._content import TableStyle as TS
from benchmarks.families._docx_parts import Notes, columns, field, set_font, write_table
from benchmarks.families._mplchart import chart_truth, draw_chart
from benchmarks.families.base import (
    DocTruth,
    FamilyDoc,
    HeadingTruth,
    Split,
    TableTruth,
)

VERSION = "lo-4"
CONVERT_TIMEOUT_S = 120  # plus CONVERT_TIMEOUT_PER_DOC_S for each document of the call
CONVERT_TIMEOUT_PER_DOC_S = 30


@dataclass(frozen=True)
class Template:
    key: str
    fonts: tuple[str, ...]
    sizes: tuple[float, ...]
    two_columns: bool
    table_styles: tuple[TS, ...]
    numbering: Numbering
    header: Header
    footer: Footer
    first_page_plain: bool
    mpl_styles: tuple[str, ...]


DEV_TEMPLATES = (
    Template("A", ("Liberation Serif",), (10.5, 11), False, (TS.GRID, TS.BANDED), Numbering.PLAIN, Header.ORG,
             Footer.PAGE_WORD, False, ("ggplot", "seaborn-v0_8-whitegrid")),
    Template("B", ("Liberation Sans",), (9.5, 10), True, (TS.BORDERLESS, TS.SHADED, TS.RULES), Numbering.NONE,
             Header.ORG, Footer.OF_TOTAL, True, ("bmh", "default")),
    Template("C", ("DejaVu Sans",), (9.5, 10), False, (TS.BANDED, TS.RULES, TS.GRID), Numbering.DOTTED, Header.TITLE,
             Footer.NUMBER, False, ("seaborn-v0_8-muted", "ggplot")),
)
TEST_TEMPLATES = (
    Template("D", ("DejaVu Serif",), (10, 10.5), False, (TS.SHADED, TS.BORDERLESS, TS.RULES), Numbering.PLAIN,
             Header.ORG, Footer.DASHED, True, ("fivethirtyeight", "grayscale")),
    Template("E", ("Liberation Sans Narrow", "Liberation Sans"), (10.5, 11), True, (TS.GRID, TS.BANDED),
             Numbering.DOTTED, Header.TITLE, Footer.OF_TOTAL, False, ("seaborn-v0_8-darkgrid", "Solarize_Light2")),
    Template("F", ("Liberation Serif", "DejaVu Sans"), (11, 12), False, (TS.BANDED, TS.GRID, TS.BORDERLESS),
             Numbering.NONE, Header.TITLE, Footer.PAGE_WORD, True, ("tableau-colorblind10", "seaborn-v0_8-pastel")),
)
def _heading(tpl: Template, nums: list[int], text: str) -> str:
    if tpl.numbering is Numbering.NONE:
        return text
    label = ".".join(map(str, nums)) + ("." if tpl.numbering is Numbering.DOTTED and len(nums) == 1 else "")
    return f"{label} {text}"


@dataclass
class _Draft:
    """A written DOCX and what its truth needs once the PDF exists."""

    docx: Path
    pdf: Path
    truth_path: Path
    truth: DocTruth
    header: str
    footer: str
    first_plain: bool
    tables: list[tuple[C.TableSpec, TS, str]]  # spec, style label, anchor text (caption)
    charts: list[tuple[C.ChartSpec, str]]  # spec, caption


def write_docx(tpl: Template, rng: random.Random, stem: Path, tmp: Path) -> _Draft:
    """Write one DOCX report from ``rng``; the truth is filled except pages and furniture."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt, RGBColor

    d = docx.Document()
    font, size = rng.choice(tpl.fonts), rng.choice(tpl.sizes)
    set_font(d.styles["Normal"], font, size)
    head_font = rng.choice((font, "Liberation Sans", "DejaVu Sans"))
    color = rng.choice((None, RGBColor(0x1F, 0x3B, 0x5A), RGBColor(0, 0, 0)))
    for lvl, extra in ((1, 5), (2, 3), (3, 1.5)):
        st = d.styles[f"Heading {lvl}"]
        set_font(st, head_font, size + extra)
        if color is not None:
            st.font.color.rgb = color
    set_font(d.styles["Title"], head_font, rng.choice((22, 24, 26)))
    set_font(d.styles["Caption"], font, size - 1)
    d.styles["Caption"].font.italic = rng.random() < 0.5
    sec = d.sections[0]
    sec.page_width, sec.page_height = rng.choice(((Inches(8.5), Inches(11)), (Inches(8.27), Inches(11.69))))
    margin = Inches(rng.uniform(0.6, 0.8) if tpl.two_columns else rng.uniform(0.75, 1.25))
    sec.left_margin = sec.right_margin = margin
    sec.top_margin = sec.bottom_margin = Inches(rng.uniform(0.8, 1.1))
    text_w = (sec.page_width - 2 * margin) / 914400
    col_w = (text_w - 0.32) / 2 if tpl.two_columns else text_w
    align = rng.choice((WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT))
    indent = rng.choice((0, 0, 14))
    space_after = rng.choice((4, 6, 8, 10))

    org, kind, year = rng.choice(C.COMPANIES), rng.choice(C.REPORT_KINDS), rng.randint(2018, 2025)
    title = f"{kind} {year}: {org}" if rng.random() < 0.5 else f"{org} {kind}"
    truth = DocTruth(title=title)
    order: list[str] = [title]
    d.add_paragraph(title, style="Title")
    notes = Notes()
    notes_left = rng.randint(1, 3)

    def para(text: str | None = None, note: bool = False) -> None:
        nonlocal notes_left
        text = text or C.paragraph(rng)
        p = d.add_paragraph(text)
        p.alignment = align
        p.paragraph_format.first_line_indent = Pt(indent)
        p.paragraph_format.space_after = Pt(space_after)
        truth.paragraphs.append(text)
        order.append(text)
        if note and notes_left and rng.random() < 0.45:
            notes_left -= 1
            notes.reference(p, C.note_text(rng))

    para(f"Prepared for the {rng.choice(('board', 'executive team', 'shareholders', 'regional managers'))} "
         f"by {rng.choice(('Group Finance', 'the Strategy Office', 'Operations Planning'))}.")
    if tpl.two_columns:
        columns(d.add_section(WD_SECTION.CONTINUOUS), 2)

    n_sections = rng.randint(4, 6)
    plan_tables = [C.TableKind.ROW_AND_COLUMN_GROUPS, C.TableKind.GROUP_ROWS] + rng.sample(
        [C.TableKind.SIMPLE_TOTAL, C.TableKind.ROW_AND_COLUMN_GROUPS], 1)
    if rng.random() < 0.6:
        plan_tables.append(C.TableKind.LONG)
    rng.shuffle(plan_tables)
    plan_charts = rng.sample(list(C.ChartKind), rng.randint(2, 3))
    tables: list[tuple[C.TableSpec, TS, str]] = []
    charts: list[tuple[C.ChartSpec, str]] = []
    n_tab = n_fig = 0
    for s, topic in enumerate(rng.sample(C.SECTION_TOPICS, n_sections)):
        h = _heading(tpl, [s + 1], topic)
        d.add_paragraph(h, style="Heading 1")
        truth.headings.append(HeadingTruth(h, 2))
        order.append(h)
        para(note=True)
        subs = rng.choice((0, 1, 1, 2))
        for k in range(subs):
            sh = _heading(tpl, [s + 1, k + 1], rng.choice(C.SUB_TOPICS))
            d.add_paragraph(sh, style="Heading 2")
            truth.headings.append(HeadingTruth(sh, 3))
            order.append(sh)
            para(note=True)
            if rng.random() < 0.3:
                h3 = _heading(tpl, [s + 1, k + 1, 1], rng.choice(C.SUB_TOPICS))
                d.add_paragraph(h3, style="Heading 3")
                truth.headings.append(HeadingTruth(h3, 4))
                order.append(h3)
                para()
        if rng.random() < 0.45:
            style = rng.choice(("List Bullet", "List Number"))
            for it in C.list_items(rng, rng.randint(3, 5)):
                d.add_paragraph(it, style=style)
                truth.list_items.append(it)
                order.append(it)
        if plan_tables and (rng.random() < 0.7 or n_sections - s <= len(plan_tables)):
            tkind = plan_tables.pop()
            n_tab += 1
            for _ in range(20):  # a table that fits the page
                spec = C.make_table(rng, tkind, long_rows=rng.randint(40, 60))
                if spec.n_cols <= (6 if tpl.two_columns else 8):
                    break
            style = rng.choice(tpl.table_styles)
            cap = f"Table {n_tab}. {rng.choice(('Figures by region', 'Half-year results', 'Key measures', 'Account detail', 'Segment view'))}"
            above = rng.random() < 0.7
            if above:
                cp = d.add_paragraph(cap, style="Caption")
                cp.paragraph_format.keep_with_next = True
            # mid-document section breaks to one column lost text in LibreOffice 7.4: tables stay in the column
            write_table(d, spec, style, rng, col_w * rng.uniform(0.85, 1.0),
                         size - (2.5 if tpl.two_columns else rng.choice((0.5, 1, 1.5))))
            if not above:
                d.add_paragraph(cap, style="Caption")
            truth.captions.append(cap)
            order.append(cap)
            tables.append((spec, style, cap))
        if plan_charts and rng.random() < 0.6 or (s == n_sections - 1 and plan_charts):
            ck = plan_charts.pop()
            n_fig += 1
            spec = C.make_chart(rng, ck, rng.choice(tpl.mpl_styles))
            png = draw_chart(spec, tmp / f"{stem.name}-fig{n_fig}.png", dpi=rng.choice((120, 160, 220)),
                             font=rng.choice(("DejaVu Sans", "Liberation Sans")), title=rng.random() < 0.6)
            d.add_picture(str(png), width=Inches(min(col_w, spec.width_in * rng.uniform(0.8, 1.0))))
            pic = d.paragraphs[-1]
            pic.alignment = rng.choice((WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT))
            pic.paragraph_format.keep_with_next = True
            cap = f"Figure {n_fig}: {spec.title}"
            d.add_paragraph(cap, style="Caption")
            truth.captions.append(cap)
            order.append(cap)
            charts.append((spec, cap))
        if rng.random() < 0.5:
            para(note=True)

    header = {Header.TITLE: title, Header.ORG: f"{org} | {kind}", Header.NONE: ""}[tpl.header]
    footer_word = {Footer.PAGE_WORD: "Page {p}", Footer.NUMBER: "{p}", Footer.OF_TOTAL: "Page {p} of {n}",
                   Footer.DASHED: "- {p} -"}[tpl.footer]
    d.sections[0].different_first_page_header_footer = tpl.first_page_plain
    for sec in d.sections:
        sec.header.is_linked_to_previous = sec is not d.sections[0]
        sec.footer.is_linked_to_previous = sec is not d.sections[0]
    first = d.sections[0]
    if header:
        hp = first.header.paragraphs[0]
        hp.text = header
        hp.alignment = rng.choice((WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER))
    fp = first.footer.paragraphs[0]
    fp.alignment = rng.choice((WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT))
    pre, _, post = footer_word.partition("{p}")
    fp.add_run(pre)
    field(fp, "PAGE")
    if "{n}" in post:
        a, _, b = post.partition("{n}")
        fp.add_run(a)
        field(fp, "NUMPAGES")
        fp.add_run(b)
    else:
        fp.add_run(post)
    notes.attach(d)
    truth.footnotes = list(notes.texts)
    truth.body = order
    path = stem.with_suffix(".docx")
    d.save(path)
    return _Draft(path, stem.with_suffix(".pdf"), stem.with_suffix(".json"), truth, header, footer_word,
                  tpl.first_page_plain, tables, charts)


def convert(docx_files: list[Path], out_dir: Path) -> None:
    """All DOCX files to PDF in one LibreOffice call with a fresh profile."""
    profile = Path(tempfile.mkdtemp(prefix=f"lo-profile-{os.getpid()}-{uuid.uuid4().hex[:6]}-"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)],
                       check=True, capture_output=True,
                       timeout=CONVERT_TIMEOUT_S + CONVERT_TIMEOUT_PER_DOC_S * len(docx_files))
    finally:
        shutil.rmtree(profile, ignore_errors=True)




def finish(draft: _Draft) -> DocTruth:
    """Page count, furniture and table/chart pages from the converted PDF's layout."""
    import pymupdf

    t = draft.truth
    with pymupdf.open(draft.pdf) as pdf:
        pages = [C.located_text(p.get_text()) for p in pdf]
    n = len(pages)
    t.pages = n
    for p in range(1, n + 1):
        texts = []
        if not (draft.first_plain and p == 1):
            if draft.header:
                texts.append(draft.header)
            texts.append(draft.footer.format(p=p, n=n))
        t.furniture.append((p, texts))
    for spec, style, cap in draft.tables:
        start = C.page_of(pages, cap)
        last_row = " ".join(c.text for c in spec.grid()[-1] if c is not None)
        last_value = [c for c in spec.grid()[-1] if c is not None][-1].text
        end = C.page_of(pages, last_value, start - 1) if last_row else start
        first = start if spec.n_rows < 30 else C.page_of(pages, spec.grid()[spec.header_rows][0].text, max(0, start - 2))
        t.tables.append(TableTruth(html=spec.html(), style=f"{style.value}:{spec.kind.value}",
                                   pages=tuple(range(min(first, start), max(end, start) + 1))))
    for spec, cap in draft.charts:
        t.charts.append(chart_truth(spec, vector=False, page=C.page_of(pages, cap), label="docx-png"))
    return t


class LibreOfficeReports:
    """DOCX reports (python-docx) converted to PDF by LibreOffice."""

    name = "libreoffice"
    salt = 12
    default_count = 6

    def available(self) -> str | None:
        if shutil.which("soffice") is None:
            return "LibreOffice (soffice) is not installed"
        try:
            import docx  # noqa: F401
            import matplotlib  # noqa: F401
            import pymupdf  # noqa: F401
        except ImportError as e:
            return f"libreoffice family needs python-docx, matplotlib and pymupdf ({e})"
        return None

    def version(self) -> str:
        import docx

        out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=60, check=False)
        return f"{out.stdout.strip() or 'soffice'}, python-docx {getattr(docx, '__version__', '?')} (generator {VERSION})"

    def build(self, split: Split, out_dir: Path, count: int) -> list[FamilyDoc]:
        split = Split(split)
        stems = C.doc_slots(self.name, split, out_dir, count, DEV_TEMPLATES, TEST_TEMPLATES)
        folder = Path(out_dir) / self.name / split.value
        truths: dict[Path, DocTruth] = {}
        drafts: list[_Draft] = []
        tmp = Path(tempfile.mkdtemp(prefix="docxfam-"))
        try:
            for stem, tpl, i in stems:
                cached = C.cached_truth(stem.with_suffix(".pdf"), stem.with_suffix(".json"), VERSION)
                if cached is not None:
                    truths[stem] = cached
                    continue
                drafts.append(write_docx(tpl, random.Random(C.split_seed(split, i, self.salt)), stem, tmp))
            if drafts:
                convert([dr.docx for dr in drafts], folder)
            for dr in drafts:
                truth = finish(dr)
                C.write_truth(truth, dr.truth_path, VERSION)
                truths[dr.truth_path.with_suffix("")] = truth
                dr.docx.unlink(missing_ok=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return [FamilyDoc(self.name, split, stem.name, stem.with_suffix(".pdf"), truths[stem]) for stem, _, _ in stems]
