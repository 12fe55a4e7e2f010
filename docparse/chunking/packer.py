"""Packing blocks into chunks of at most ``max_tokens`` tokens.

Blocks go into the current chunk whole while they fit; a block that does not fit starts a new
chunk, and one longer than a whole chunk is cut into its pieces (sentences, list-item sentences,
table rows under repeated header lines, code lines). Only a single sentence or row longer than
``max_tokens`` is cut between words: nothing else can keep the limit. Token counts are taken on
the chunk's final text, so they are exact for the counter's tokenizer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docparse.chunking.blocks import Block, BlockKind, heading_text
from docparse.chunking.model import Chunk, ChunkRegion
from docparse.chunking.tokens import TokenCounter
from docparse.options.chunking import ChunkOptions

BLOCK_GAP = "\n\n"  # between blocks in a chunk
ROW_GAP = "\n"  # between rows of a table, lines of code, items of one list


@dataclass
class _Open:
    """The chunk being filled."""

    text: str = ""
    regions: list[ChunkRegion] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    headings_only: bool = True  # nothing but headings yet: a heading under a heading joins them


@dataclass
class Packer:
    counter: TokenCounter
    options: ChunkOptions
    source: str = ""
    chunks: list[Chunk] = field(default_factory=list)
    path: list[tuple[int, str]] = field(default_factory=list)  # (level, text) of the headings in force
    current: _Open = field(default_factory=_Open)
    last_kind: BlockKind | None = None

    # -- the current chunk -------------------------------------------------------------------
    def tokens(self, text: str) -> int:
        return self.counter.count(text)

    def joined(self, text: str, gap: str) -> str:
        return self.current.text + gap + text if self.current.text else text

    def fits(self, text: str, gap: str = BLOCK_GAP) -> bool:
        return self.tokens(self.joined(text, gap)) <= self.options.max_tokens

    def fits_alone(self, text: str) -> bool:
        return self.tokens(text) <= self.options.max_tokens

    def add(self, text: str, regions: list[ChunkRegion], gap: str = BLOCK_GAP) -> None:
        if not self.current.text:
            self.current.headings = [h for _, h in self.path]
        self.current.text = self.joined(text, gap)
        for region in regions:
            if region not in self.current.regions:
                self.current.regions.append(region)

    def flush(self) -> None:
        if self.current.text.strip():
            text = self.current.text
            self.chunks.append(Chunk(
                source=self.source, index=len(self.chunks), text=text, tokens=self.tokens(text),
                headings=self.current.headings, pages=sorted({r.page for r in self.current.regions}),
                regions=self.current.regions, repeated="\n".join(self.current.repeated)))
        self.current = _Open()

    def place(self, text: str, regions: list[ChunkRegion], gap: str = BLOCK_GAP) -> None:
        """Add ``text`` to the current chunk, or start a new one; cut between words only when
        it is longer than a chunk on its own."""
        if self.fits(text, gap):
            self.add(text, regions, gap)
            return
        self.flush()
        if self.fits_alone(text):
            self.add(text, regions)
            return
        for part in self.word_cut(text):
            self.flush()
            self.add(part, regions)

    def word_cut(self, text: str) -> list[str]:
        """``text`` cut between words into parts that fit a chunk each (the last resort)."""
        parts: list[str] = []
        words = text.split(" ")
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if line and not self.fits_alone(candidate):
                parts.append(line)
                candidate = word
            line = candidate
        if line:
            parts.append(line)
        return parts

    # -- blocks ------------------------------------------------------------------------------
    def heading(self, block: Block) -> None:
        if self.options.heading_breaks and not self.current.headings_only:
            self.flush()
        self.path = [(level, text) for level, text in self.path if level < block.level]
        self.path.append((block.level, heading_text(block)))
        headings_only = self.current.headings_only
        self.place(block.text, block.regions)
        if headings_only:  # headings over headings: the chunk's path reaches the last of them
            self.current.headings = [h for _, h in self.path]
        self.current.headings_only = headings_only

    def block(self, block: Block) -> None:
        gap = ROW_GAP if block.kind is BlockKind.LIST_ITEM and self.last_kind is BlockKind.LIST_ITEM else BLOCK_GAP
        if block.kind is BlockKind.HEADING:
            self.heading(block)
        elif self.fits(block.text, gap):
            self.add(block.text, block.regions, gap)
        elif self.fits_alone(block.text):
            self.flush()
            self.add(block.text, block.regions)
        elif block.kind is BlockKind.ROWS:
            self.rows(block)
        else:
            inner = " " if block.kind in (BlockKind.TEXT, BlockKind.LIST_ITEM) else ROW_GAP
            for n, piece in enumerate(block.pieces()):
                self.place(piece, block.regions, gap if n == 0 else inner)
        if block.kind is not BlockKind.HEADING:
            self.current.headings_only = False
        self.last_kind = block.kind

    def rows(self, block: Block) -> None:
        """A table too long for a chunk: its rows in pieces, each under the header lines."""
        head = block.head
        repeat = self.options.repeat_table_header and self.tokens(head) <= \
            self.options.max_header_share * self.options.max_tokens
        if block.lead:
            self.place_lead(block, head)
        head_placed = False  # the header lines were placed once (later copies are repeated context)
        open_here = False  # the current chunk ends with this table: rows append to it
        for row in block.rows:
            if open_here and self.fits(row, ROW_GAP):
                self.add(row, block.regions, ROW_GAP)
                continue
            if open_here:
                self.flush()
            with_head = not head_placed or repeat
            part = f"{head}{ROW_GAP}{row}" if with_head else row
            if with_head and not self.fits_alone(part):
                if not head_placed:  # header and one row never share a chunk: the header goes alone
                    self.place(head, block.regions)
                    head_placed = True
                with_head, part = False, row
            if not self.fits(part):
                self.flush()
            if with_head and head_placed:
                self.current.repeated.append(head)
            self.place(part, block.regions)
            head_placed = head_placed or with_head
            open_here = True

    def place_lead(self, block: Block, head: str) -> None:
        """A caption or chart title: kept with the table's first row when they fit together."""
        first = f"{head}{ROW_GAP}{block.rows[0]}" if block.rows else head
        together = f"{block.lead}{BLOCK_GAP}{first}"
        if not self.fits(together) and self.fits_alone(together):
            self.flush()
        self.place(block.lead, block.regions)


def pack(blocks: list[Block], counter: TokenCounter, options: ChunkOptions, source: str = "") -> list[Chunk]:
    packer = Packer(counter=counter, options=options, source=source)
    for block in blocks:
        packer.block(block)
    packer.flush()
    return packer.chunks
