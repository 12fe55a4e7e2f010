"""Independent document families: the shared shape of a generated document and its truth.

A *family* is one renderer plus a set of templates (WeasyPrint HTML, Chromium HTML, LibreOffice
DOCX, pdflatex, ReportLab business reports, chart pages from Vega-Lite / matplotlib styles /
pygal …). Each family makes documents for two splits that never share a seed **or** a template:

* ``dev``  — tune heuristics and train learned models here;
* ``test`` — report numbers here, never tune on it.

A generator returns :class:`FamilyDoc` records: the PDF on disk plus a :class:`DocTruth` built
from the same data the renderer was given (never from reading the PDF back). Scoring lives in
``benchmarks/suite_families.py``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Protocol


class Split(str, Enum):
    DEV = "dev"
    TEST = "test"


@dataclass(frozen=True)
class HeadingTruth:
    text: str
    level: int  # 1 = the document title's level; section headings 2, subsections 3, ...


@dataclass(frozen=True)
class TableTruth:
    html: str  # <table><tr><td rowspan=.. colspan=..>..</td></tr></table>; header cells may be <th>
    style: str = ""  # free label for per-style breakdowns: zebra, ruled, booktabs, borderless, ...
    pages: tuple[int, ...] = ()  # 1-based pages the table spans (several when split across pages)


@dataclass(frozen=True)
class SeriesTruth:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartTruth:
    type: str  # bar, line, pie, scatter, area, ...
    categories: tuple[str, ...]
    series: tuple[SeriesTruth, ...]
    vector: bool  # drawn as vector paths (True) or embedded as a picture (False)
    page: int = 1
    style: str = ""  # renderer/style label for breakdowns


@dataclass
class DocTruth:
    title: str
    headings: list[HeadingTruth] = field(default_factory=list)  # section headings, not the title
    paragraphs: list[str] = field(default_factory=list)  # body text blocks in reading order
    list_items: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    # Running headers/footers and page numbers: (page, texts printed as page furniture on it).
    furniture: list[tuple[int, list[str]]] = field(default_factory=list)
    tables: list[TableTruth] = field(default_factory=list)
    charts: list[ChartTruth] = field(default_factory=list)
    pages: int = 0
    # Title, headings, paragraphs, list items and captions in reading order, as printed (the
    # body-text truth); empty: the suite joins title, headings, paragraphs and list items.
    body: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @staticmethod
    def from_json(text: str) -> "DocTruth":
        raw = json.loads(text)
        raw["headings"] = [HeadingTruth(**h) for h in raw.get("headings", [])]
        raw["tables"] = [TableTruth(html=t["html"], style=t.get("style", ""), pages=tuple(t.get("pages", ())))
                         for t in raw.get("tables", [])]
        raw["charts"] = [
            ChartTruth(type=c["type"], categories=tuple(c["categories"]),
                       series=tuple(SeriesTruth(s["name"], tuple(s["values"])) for s in c["series"]),
                       vector=c["vector"], page=c.get("page", 1), style=c.get("style", ""))
            for c in raw.get("charts", [])
        ]
        raw["furniture"] = [(int(p), list(t)) for p, t in raw.get("furniture", [])]
        return DocTruth(**raw)


@dataclass(frozen=True)
class FamilyDoc:
    family: str
    split: Split
    name: str
    pdf: Path
    truth: DocTruth


class Family(Protocol):
    """One renderer and its templates. ``build`` writes PDFs under ``out_dir`` and is
    deterministic for (split, count): the same call gives the same documents."""

    name: str

    def available(self) -> str | None:
        """None when the renderer is installed, else a one-line reason to skip the family."""

    def build(self, split: Split, out_dir: Path, count: int) -> list[FamilyDoc]:
        """Make ``count`` documents of ``split``; dev and test use disjoint seeds and templates."""
