"""Small PDF builders for unit tests: pages with known text placed at known positions."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pymupdf

WORDS = (
    "revenue growth market share operating margin quarter fiscal report customers "
    "segment analysis forecast investment capital strategy product region sales "
    "efficiency program energy service network supply demand outlook results"
).split()


def sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng, rng.randint(8, 14)) for _ in range(sentences))


@dataclass
class Placed:
    text: str
    kind: str  # title, heading, paragraph, list_item, header, footer
    level: int | None = None


@dataclass
class Builder:
    """Lays out text top to bottom in columns, recording the ground-truth order."""

    doc: pymupdf.Document = field(default_factory=pymupdf.open)
    width: float = 612
    height: float = 792
    margin: float = 60
    truth: list[Placed] = field(default_factory=list)

    def new_page(self, header: str | None = None, footer: str | None = None) -> pymupdf.Page:
        page = self.doc.new_page(width=self.width, height=self.height)
        if header:
            page.insert_text((self.margin, 35), header, fontsize=8)
        if footer:
            page.insert_text((self.margin, self.height - 25), footer, fontsize=8)
        return page

    def box(self, page: pymupdf.Page, rect: pymupdf.Rect, text: str, size: float = 10,
            font: str = "helv") -> float:
        """Insert text wrapped in ``rect``; returns the y where the text ended."""
        rc = page.insert_textbox(rect, text, fontsize=size, fontname=font, lineheight=1.25)
        if rc < 0:
            raise ValueError(f"text does not fit in {rect}: {text[:40]}")
        # insert_textbox returns the unused height
        return rect.y1 - rc

    def tobytes(self) -> bytes:
        return self.doc.tobytes()


def columns_page(b: Builder, rng: random.Random, n_cols: int, title: str | None = None,
                 header: str | None = None, footer: str | None = None, paras_per_col: int = 2,
                 heading: str | None = None) -> None:
    """One page: optional full-width title, then ``n_cols`` columns of paragraphs."""
    page = b.new_page(header, footer)
    y = 70.0
    if title:
        y = b.box(page, pymupdf.Rect(b.margin, y, b.width - b.margin, y + 40), title, size=22, font="hebo") + 14
        b.truth.append(Placed(title, "title", 1))
    gutter = 18.0
    col_w = (b.width - 2 * b.margin - gutter * (n_cols - 1)) / n_cols
    for c in range(n_cols):
        x0 = b.margin + c * (col_w + gutter)
        cy = y
        if heading and c == 0:
            cy = b.box(page, pymupdf.Rect(x0, cy, x0 + col_w, cy + 30), heading, size=14, font="hebo") + 8
            b.truth.append(Placed(heading, "heading", 2))
        for _ in range(paras_per_col):
            text = paragraph(rng, 3 if n_cols > 1 else 4)
            cy = b.box(page, pymupdf.Rect(x0, cy, x0 + col_w, b.height - 60), text) + 10
            b.truth.append(Placed(text, "paragraph"))
