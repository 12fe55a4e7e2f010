"""A document's body as blocks for the chunker: headings, text, list items, tables and charts.

A block knows the pieces it may be cut into when it does not fit a chunk whole: a paragraph its
sentences, a list item its sentences, a table its rows (under its header lines, which a split
table repeats), a code block or figure its lines. Text is the document's own Markdown
(:mod:`docparse.renderers.markdown`), so chunk words are the Markdown's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from docparse.chunking.model import ChunkRegion
from docparse.document import Document, Region, RegionKind, Table
from docparse.renderers.markdown import render_region

# a sentence ends at . ! ? (closing quotes/brackets may follow) before a space and a capital, digit or opening mark
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'’”)\]*]*)\s+(?=[\"'‘“(\[*]*[A-Z0-9À-Ý])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|Fig|Figs|Eq|Eqs|No|Nos|Dr|Mr|Mrs|Ms|Prof|al|vs|cf|Sec|Ref|Refs|St|Inc|Ltd|Co|Jr|Sr|"
    r"Vol|pp|approx|Dept|Tab|Ch|Art)|\b[A-Z])\.[\"'’”)\]*]*$")


class BlockKind(str, Enum):
    HEADING = "heading"
    TEXT = "text"  # paragraphs, captions, footnotes, figures' text: cut at sentences
    LIST_ITEM = "list_item"
    LINES = "lines"  # code and formulas: cut at lines
    ROWS = "rows"  # tables and chart value tables: cut at rows, header lines repeated


@dataclass
class Block:
    kind: BlockKind
    text: str  # the whole block as Markdown
    regions: list[ChunkRegion]
    level: int = 1  # heading level (1 = title)
    lead: str = ""  # ROWS: a title or caption above the table (never repeated)
    head: str = ""  # ROWS: header lines (with the Markdown separator), repeated in each piece
    rows: list[str] = field(default_factory=list)  # ROWS: one line per row

    def pieces(self) -> list[str]:
        """The parts the block may be cut into (ROWS blocks are cut by the packer)."""
        if self.kind in (BlockKind.TEXT, BlockKind.LIST_ITEM):
            return split_sentences(self.text)
        if self.kind is BlockKind.LINES:
            return [line for line in self.text.split("\n") if line.strip()] or [self.text]
        return [self.text]


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (abbreviations such as 'e.g.', 'Fig.', initials do not end one)."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        cut = m.start() + len(m.group(1))
        if _ABBREVIATION.search(text[start:cut]):
            continue
        out.append(text[start:cut].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def region_ref(region: Region) -> ChunkRegion:
    return ChunkRegion(id=region.id, page=region.page, bbox=region.bbox, kind=region.kind.value)


def ordered_body(document: Document) -> list[Region]:
    """Body regions in reading order, each caption next to its table (above) or figure (below),
    as the document Markdown places them."""
    body = list(document.regions())
    captions = {r.caption_of: r for r in body if r.kind is RegionKind.CAPTION and r.caption_of}
    out: list[Region] = []
    for region in body:
        if region.kind is RegionKind.CAPTION and region.caption_of in {r.id for r in body}:
            continue
        caption = captions.get(region.id)
        if caption is None:
            out.append(region)
        elif region.kind is RegionKind.FIGURE:
            out += [region, caption]
        else:
            out += [caption, region]
    return out


def join_continued(first: str, second: str) -> str:
    """A paragraph's rest after a column or page break ("in-" + "vestment" joins as one word)."""
    if first.endswith("-") and second[:1].islower() and not first[-2:-1].isspace():
        return first[:-1] + second
    return first + " " + second


def table_rows(table: Table) -> tuple[str, list[str]]:
    """A table as Markdown header lines (the separator included) and one pipe line per row;
    merged cells are written once, in their first slot."""
    grid = table.grid()
    line = ["| " + " | ".join(_cell(t) for t in row) + " |" for row in grid]
    separator = "|" + "|".join(" --- " for _ in range(table.n_cols)) + "|"
    if table.header_rows:
        head = [line[0], separator, *line[1:table.header_rows]]
        return "\n".join(head), line[table.header_rows:]
    blank = "| " + " | ".join(" " for _ in range(table.n_cols)) + " |"
    return blank + "\n" + separator, line


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|") or " "


def _rows_block(region: Region, markdown: str) -> Block:
    if region.table is not None:  # pipe rows even where cells span (the document Markdown's HTML cannot be cut)
        head, rows = table_rows(region.table)
        return Block(BlockKind.ROWS, "\n".join([head, *rows]), [region_ref(region)], head=head, rows=rows)
    # a chart's value table: '**title**' above a pipe table
    title, _, table = markdown.rpartition("\n\n") if "\n\n" in markdown else ("", "", markdown)
    lines = table.split("\n")
    return Block(BlockKind.ROWS, markdown, [region_ref(region)], lead=title, head="\n".join(lines[:2]),
                 rows=lines[2:])


def _block_kind(region: Region) -> BlockKind:
    if region.kind in (RegionKind.TITLE, RegionKind.HEADING):
        return BlockKind.HEADING
    if region.kind is RegionKind.LIST_ITEM:
        return BlockKind.LIST_ITEM
    if region.kind in (RegionKind.CODE, RegionKind.FORMULA):
        return BlockKind.LINES
    if region.kind is RegionKind.TABLE and region.table is not None and region.table.n_rows:
        return BlockKind.ROWS
    if region.kind is RegionKind.CHART and region.chart is not None and region.chart.series:
        return BlockKind.ROWS
    if region.kind is RegionKind.FIGURE and "\n" in region.text:
        return BlockKind.LINES
    return BlockKind.TEXT


def document_blocks(document: Document) -> list[Block]:
    """The body of ``document`` as blocks in reading order (furniture left out, a paragraph
    continued across a break joined to its start, a table continued on later pages kept whole)."""
    blocks: list[Block] = []
    block_of: dict[str, Block] = {}
    for region in ordered_body(document):
        start = block_of.get(region.continues or "")
        if region.kind is RegionKind.TABLE and region.table is None and start is not None:
            start.regions.append(region_ref(region))  # merged into the table it continues
            continue
        markdown = render_region(region, document).strip()
        if not markdown:
            continue
        if start is not None and region.kind is RegionKind.PARAGRAPH and start.kind is BlockKind.TEXT:
            start.text = join_continued(start.text, markdown)
            start.regions.append(region_ref(region))
            block_of[region.id] = start
            continue
        kind = _block_kind(region)
        if kind is BlockKind.ROWS:
            block = _rows_block(region, markdown)
            if blocks and _is_caption_of(blocks[-1], region):
                _take_caption(block, blocks.pop())
        else:
            level = (region.level or 2) if region.kind is RegionKind.HEADING else 1
            block = Block(kind, markdown, [region_ref(region)], level=level)
        blocks.append(block)
        block_of[region.id] = block
    return blocks


def _is_caption_of(block: Block, region: Region) -> bool:
    return block.kind is BlockKind.TEXT and len(block.regions) == 1 and block.regions[0].kind == "caption" \
        and region.caption_id == block.regions[0].id


def _take_caption(block: Block, caption: Block) -> None:
    """A table's caption goes with it as its lead: never left at the end of the chunk before."""
    block.lead = caption.text + ("\n\n" + block.lead if block.lead else "")
    block.text = caption.text + "\n\n" + block.text
    block.regions[:0] = caption.regions


def heading_text(block: Block) -> str:
    """The heading as plain text (its Markdown hashes dropped)."""
    return block.text.lstrip("#").strip()
