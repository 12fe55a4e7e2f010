"""Generated multi-page report PDFs with known ground truth, for text-layout tests and benchmarks.

A report is drawn from a seed: a full-width title and byline, sections with numbered or
unnumbered headings at two or three levels, paragraphs that flow across columns and pages
(justified and hyphenated in some styles), bullet and numbered lists, footnotes, tables and
figures with captions (column-width or full-width, interrupting the columns), and running
headers/footers with page numbers. :func:`plan_report` builds the content model,
:mod:`benchmarks.synth.report_layout` draws it with reportlab, and the ground truth records what
was drawn: the body in reading order (:meth:`ReportTruth.markdown`), the headings with levels,
the running header/footer strings per page, captions, footnotes (page, number, text) and the
words split by hyphenation at line ends.

    >>> truths = generate_report_set(Path("out"), count=20, seed=7)
    >>> truths[0].markdown()
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.synth import text as words

# block kinds in the ground truth body
TITLE, HEADING, PARAGRAPH, LIST_ITEM, CAPTION, TABLE, FIGURE = (
    "title", "heading", "paragraph", "list_item", "caption", "table", "figure")


@dataclass(frozen=True)
class ReportStyle:
    """How a report looks: columns, fonts, sizes, heading styles and page furniture."""

    name: str
    columns: int = 1
    font: str = "Times"  # Times, Helvetica, DejaVuSerif, DejaVuSans
    heading_font: str = "Helvetica"
    body_size: float = 10.0
    leading: float = 12.5
    justify: bool = True
    hyphenate: bool = True
    numbered_headings: bool = True
    number_suffix: str = ""  # "1 Intro" or "1. Intro"
    heading_sizes: tuple[float, float, float] = (14.0, 12.0, 10.5)  # levels 2, 3, 4
    heading_bold: tuple[bool, bool, bool] = (True, True, True)
    heading_italic: tuple[bool, bool, bool] = (False, False, True)
    depth: int = 3  # heading levels below the title: 2 (##, ###) or 3 (down to ####)
    title_size: float = 22.0
    page_size: tuple[float, float] = (612.0, 792.0)  # letter; A4 is (595.28, 841.89)
    margin: float = 60.0
    header: str = "org_kind"  # org_kind | kind_only | page_outer | none
    footer: str = "page_word"  # page_word | number | dashed | org_number | none
    header_on_first_page: bool = False
    bullet: str = "\u2022"
    table_style: str = "grid"  # grid | rules | zebra


STYLES: tuple[ReportStyle, ...] = (
    ReportStyle("classic-1col", columns=1, font="Times", heading_font="Times", justify=True,
                hyphenate=True, numbered_headings=True, number_suffix="", depth=3,
                header="org_kind", footer="page_word", table_style="rules"),
    ReportStyle("journal-2col", columns=2, font="Times", heading_font="Helvetica", body_size=9.5,
                leading=11.5, justify=True, hyphenate=True, numbered_headings=True,
                number_suffix=".", heading_sizes=(12.0, 10.5, 9.5), depth=3, header="kind_only",
                footer="number", bullet="\u2013", table_style="rules"),
    ReportStyle("modern-2col", columns=2, font="DejaVuSans", heading_font="DejaVuSans",
                body_size=9.0, leading=12.0, justify=False, hyphenate=False,
                numbered_headings=False, heading_sizes=(15.0, 12.0, 9.0),
                heading_bold=(True, True, True), heading_italic=(False, False, False), depth=3,
                header="org_kind", footer="org_number", header_on_first_page=True,
                page_size=(595.28, 841.89), margin=50.0, table_style="zebra"),
    ReportStyle("dense-3col", columns=3, font="Helvetica", heading_font="Helvetica",
                body_size=8.5, leading=10.5, justify=True, hyphenate=True, numbered_headings=True,
                heading_sizes=(11.0, 9.5, 8.5), heading_italic=(False, False, False), depth=2,
                header="page_outer", footer="dashed", margin=42.0, bullet="\u25a0",
                table_style="grid"),
    ReportStyle("serif-1col-plain", columns=1, font="DejaVuSerif", heading_font="DejaVuSerif",
                body_size=10.5, leading=14.0, justify=False, hyphenate=False,
                numbered_headings=False, heading_sizes=(16.0, 13.0, 11.0), depth=2,
                header="kind_only", footer="number", page_size=(595.28, 841.89),
                table_style="grid"),
)


@dataclass(frozen=True)
class Block:
    """One body element in reading order. Tables carry their rows; figures their size."""

    kind: str
    text: str = ""
    level: int = 0  # heading level (1 = title); list depth for list items
    ordered: bool = False  # numbered list item
    number: int = 0  # list item number, table/figure number
    full_width: bool = False  # tables/figures spanning all columns
    rows: tuple[tuple[str, ...], ...] = ()
    footnote: int = 0  # paragraph carries footnote reference number N (0 = none)


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    page: int = 0  # filled in when drawn


@dataclass(frozen=True)
class PageFurniture:
    """Running header/footer strings drawn on one page (page numbers included)."""

    page: int
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass
class ReportPlan:
    """The content model of one report, before layout."""

    style: ReportStyle
    masthead: words.Masthead
    blocks: list[Block]
    footnotes: list[Footnote]


@dataclass
class ReportTruth:
    """Ground truth for one generated report PDF."""

    file: str
    style: str
    columns: int
    pages: int
    blocks: list[Block]
    furniture: list[PageFurniture]
    footnotes: list[Footnote]
    hyphenated: list[str] = field(default_factory=list)  # words split at a line end

    @property
    def headings(self) -> list[Heading]:
        return [Heading(b.text, b.level) for b in self.blocks if b.kind in (TITLE, HEADING)]

    @property
    def captions(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == CAPTION]

    def markdown(self, tables: bool = True) -> str:
        """The body in reading order as Markdown; footnote references as ``[^n]``."""
        return body_markdown(self.blocks, tables=tables)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> "ReportTruth":
        data = json.loads(text)
        blocks = [Block(**{**b, "rows": tuple(tuple(r) for r in b["rows"])}) for b in data["blocks"]]
        furniture = [PageFurniture(f["page"], tuple(f["texts"])) for f in data["furniture"]]
        footnotes = [Footnote(**f) for f in data["footnotes"]]
        return cls(file=data["file"], style=data["style"], columns=data["columns"],
                   pages=data["pages"], blocks=blocks, furniture=furniture, footnotes=footnotes,
                   hyphenated=list(data.get("hyphenated", [])))


def block_markdown(block: Block, tables: bool = True) -> str:
    if block.kind in (TITLE, HEADING):
        return "#" * block.level + " " + block.text
    if block.kind == LIST_ITEM:
        indent = "  " * max(0, block.level - 1)
        return f"{indent}{block.number}. {block.text}" if block.ordered else f"{indent}- {block.text}"
    if block.kind == TABLE:
        if not tables or not block.rows:
            return ""
        head, *body = block.rows
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in body]
        return "\n".join(lines)
    if block.kind == FIGURE:
        return ""
    if block.kind == PARAGRAPH and block.footnote:
        return footnoted_text(block.text, f"[^{block.footnote}]")
    return block.text


def footnoted_text(text: str, marker: str) -> str:
    """A paragraph with its footnote marker after the last sentence's full stop."""
    return text + marker


def body_markdown(blocks: list[Block], tables: bool = True) -> str:
    out: list[str] = []
    prev_list = False
    for block in blocks:
        md = block_markdown(block, tables=tables)
        if not md:
            continue
        is_list = block.kind == LIST_ITEM
        if is_list and prev_list:
            out[-1] += "\n" + md
        else:
            out.append(md)
        prev_list = is_list
    return "\n\n".join(out) + "\n"


def _heading_number(counters: list[int], level: int) -> str:
    counters[level - 2] += 1
    for k in range(level - 1, len(counters)):
        counters[k] = 0
    return ".".join(str(c) for c in counters[: level - 1])


def _heading_block(style: ReportStyle, rng: random.Random, level: int, counters: list[int],
                   used: set[str]) -> Block:
    title = words.section_title(rng, used) if level == 2 else words.subsection_title(rng, used)
    if style.numbered_headings:
        title = f"{_heading_number(counters, level)}{style.number_suffix} {title}"
    return Block(HEADING, title, level=level)


def _list_blocks(rng: random.Random) -> list[Block]:
    ordered = rng.random() < 0.45
    return [Block(LIST_ITEM, words.list_item(rng), level=1, ordered=ordered, number=i + 1)
            for i in range(rng.randint(3, 5))]


@dataclass
class _Counters:
    tables: int = 0
    figures: int = 0
    footnotes: int = 0


def _float_blocks(style: ReportStyle, rng: random.Random, counts: _Counters) -> list[Block]:
    """A table (caption above) or a figure (caption below), column- or full-width."""
    full = style.columns > 1 and rng.random() < 0.5
    if rng.random() < 0.5:
        counts.tables += 1
        n_cols = rng.randint(3, 4 if style.columns > 1 and not full else 6)
        rows = tuple(tuple(r) for r in words.table_rows(rng, rng.randint(3, 7), n_cols))
        caption = f"Table {counts.tables}: {words.table_caption(rng)}"
        return [Block(CAPTION, caption, number=counts.tables),
                Block(TABLE, number=counts.tables, full_width=full, rows=rows)]
    counts.figures += 1
    caption = f"Figure {counts.figures}: {words.figure_caption(rng)}"
    return [Block(FIGURE, number=counts.figures, full_width=full),
            Block(CAPTION, caption, number=counts.figures)]


def _paragraph_block(rng: random.Random, counts: _Counters, footnotes: list[Footnote]) -> Block:
    text = words.paragraph(rng)
    if rng.random() < 0.08:
        counts.footnotes += 1
        footnotes.append(Footnote(counts.footnotes, words.footnote_text(rng)))
        return Block(PARAGRAPH, text, footnote=counts.footnotes)
    return Block(PARAGRAPH, text)


def _chars_per_page(style: ReportStyle) -> float:
    width = style.page_size[0] - 2 * style.margin
    height = style.page_size[1] - 2 * style.margin - 60
    return (width / (style.body_size * 0.5)) * (height / style.leading) * 0.8


def plan_report(seed: int, style: ReportStyle, target_pages: float = 3.0) -> ReportPlan:
    """Draw the content of one report (deterministic for seed and style)."""
    rng = random.Random(seed)
    head = words.masthead(rng)
    month = rng.choice(["January", "March", "May", "July", "September", "November"])
    byline = f"Prepared by the {rng.choice(['Office of Planning', 'Review Unit', 'Analytics Group'])}, {month} {head.year}"
    blocks = [Block(TITLE, head.title, level=1), Block(PARAGRAPH, byline)]
    footnotes: list[Footnote] = []
    counts = _Counters()
    counters = [0, 0, 0]
    used: set[str] = set()
    budget = _chars_per_page(style) * target_pages
    chars = 0
    while chars < budget:
        section = [_heading_block(style, rng, 2, counters, used)]
        section += [_paragraph_block(rng, counts, footnotes) for _ in range(rng.randint(1, 2))]
        for _ in range(rng.randint(0, 3)):
            section.append(_heading_block(style, rng, 3, counters, used))
            section += [_paragraph_block(rng, counts, footnotes) for _ in range(rng.randint(1, 3))]
            if style.depth >= 3 and rng.random() < 0.35:
                section.append(_heading_block(style, rng, 4, counters, used))
                section.append(_paragraph_block(rng, counts, footnotes))
            if rng.random() < 0.3:
                section += _list_blocks(rng)
                section.append(_paragraph_block(rng, counts, footnotes))
            if rng.random() < 0.35:
                section += _float_blocks(style, rng, counts)
                section.append(_paragraph_block(rng, counts, footnotes))
        if rng.random() < 0.3:
            section += _list_blocks(rng)
        chars += sum(len(b.text) + 40 for b in section) + sum(
            400 if b.kind in (TABLE, FIGURE) else 0 for b in section)
        blocks += section
    return ReportPlan(style=style, masthead=head, blocks=blocks, footnotes=footnotes)


def generate_report(path: Path, seed: int, style: ReportStyle, target_pages: float = 3.0) -> ReportTruth:
    """Plan, draw and write one report PDF; return its ground truth."""
    from benchmarks.synth.report_layout import find_hyphenated_words, render_report

    plan = plan_report(seed, style, target_pages)
    drawn = render_report(plan, path)
    return ReportTruth(
        file=path.name, style=style.name, columns=style.columns, pages=drawn.pages,
        blocks=plan.blocks, furniture=drawn.furniture, footnotes=drawn.footnotes,
        hyphenated=find_hyphenated_words(path, plan.blocks),
    )


def generate_report_set(out_dir: Path, count: int = 20, seed: int = 0,
                        target_pages: float = 3.0, write_truth: bool = True) -> list[ReportTruth]:
    """Write ``report_000.pdf``… cycling through :data:`STYLES`; truths also as ``.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for i in range(count):
        style = STYLES[i % len(STYLES)]
        rng = random.Random(seed * 100_003 + i)
        pages = target_pages * rng.uniform(0.6, 1.4)
        path = out_dir / f"report_{i:03d}.pdf"
        truth = generate_report(path, seed * 100_003 + i, style, pages)
        if write_truth:
            path.with_suffix(".json").write_text(truth.to_json())
        truths.append(truth)
    return truths


def load_truth(pdf: Path) -> ReportTruth:
    return ReportTruth.from_json(pdf.with_suffix(".json").read_text())


def generate_long_report(path: Path, pages: int = 500, seed: int = 0, base_pages: float = 25.0) -> int:
    """A long PDF for memory/speed checks: a generated report of about ``base_pages`` pages
    repeated until ``pages`` pages (running headers/footers included). Returns the page count."""
    import tempfile

    import pymupdf

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.pdf"
        generate_report(base, seed, STYLES[1], base_pages)
        with pymupdf.open(base) as src, pymupdf.open() as out:
            while out.page_count < pages:
                last = min(src.page_count, pages - out.page_count) - 1
                out.insert_pdf(src, from_page=0, to_page=last)
            out.save(path, garbage=3, deflate=True)
            return out.page_count
