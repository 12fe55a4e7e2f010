"""Scores of one system's output on one family document against its :class:`DocTruth`.

Pure functions, shared by the families suite and its tests:

- tables: each truth table is matched one-to-one to the unused predicted table sharing the most
  words with it (none shared: missed, TEDS 0); TEDS and TEDS-S as in ``benchmarks.teds``, with
  thead/tbody left out of both trees when the truth has none (as the tables suite does);
- headings: truth section headings against the Markdown ``#`` headings, after the first
  heading that is the title is set aside (so the title neither counts against precision nor
  as a section heading); level accuracy on the matched ones;
- title found: the first Markdown heading, or any H1, is the title;
- furniture leak: pages whose running header/footer/page number is in the Markdown
  (``text_metrics.leaked_pages``; one printing of the title is not a leak of a running title);
- footnote recall, body text edit distance (tables and footnotes out of the Markdown; title,
  headings, paragraphs, list items and captions as the truth), chart F1 (vector and raster).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from benchmarks import text_metrics as tm
from benchmarks.families.base import ChartTruth, DocTruth

if TYPE_CHECKING:
    from docparse.document import Chart

TITLE_MATCH = 90.0  # rapidfuzz ratio for "this heading is the title"
FOOTNOTE_MATCH = 90.0  # rapidfuzz partial ratio for "this footnote is in the output"


@dataclass
class SystemOutput:
    markdown: str
    tables: list[str] | None  # HTML tables; None: read GitHub tables from the Markdown
    charts: list[dict[str, Any]] | None  # docparse Chart JSON; None: read value tables from the Markdown


@dataclass
class TableScore:
    style: str
    teds: float
    teds_s: float


@dataclass
class ChartResult:
    vector: bool
    f1: float
    style: str


@dataclass
class DocScore:
    tables: list[TableScore] = field(default_factory=list)
    headings: tm.HeadingScore = field(default_factory=lambda: tm.HeadingScore(0, 0, 0, 0))
    title_found: bool = False
    leaked: int = 0
    furniture_pages: int = 0
    footnotes_found: int = 0
    footnotes: int = 0
    edit: float = 0.0
    charts: list[ChartResult] = field(default_factory=list)


def _words(html_or_text: str) -> Counter[str]:
    return Counter(tm.word_list(re.sub(r"<[^>]+>", " ", html_or_text)))


def match_tables(truth: list[str], predicted: list[str]) -> list[str | None]:
    """For each truth table (in order) the unused predicted table sharing most words, or None."""
    bags = [_words(p) for p in predicted]
    used: set[int] = set()
    out: list[str | None] = []
    for t in truth:
        want = _words(t)
        best, best_shared = None, 0
        for k, bag in enumerate(bags):
            shared = sum((want & bag).values())
            if k not in used and shared > best_shared:
                best, best_shared = k, shared
        if best is not None:
            used.add(best)
        out.append(predicted[best] if best is not None else None)
    return out


def anchor_tables(markdown: str) -> list[str]:
    """GitHub tables of a Markdown text as HTML with the first row as the header."""
    from benchmarks.suite_tables import _header_html, markdown_tables

    return [_header_html(rows) for rows in markdown_tables(markdown)]


def _has_sections(html: str) -> bool:
    return bool(re.search(r"<(thead|tbody|tfoot)\b", html, re.IGNORECASE))


def score_tables(truth: DocTruth, predicted: list[str]) -> list[TableScore]:
    from benchmarks.teds import teds

    out = []
    for t, pred in zip(truth.tables, match_tables([t.html for t in truth.tables], predicted)):
        if pred is None:
            out.append(TableScore(t.style, 0.0, 0.0))
        else:
            bare = not _has_sections(t.html)  # as the tables suite: no thead/tbody in the truth, none scored
            out.append(TableScore(t.style, teds(pred, t.html, ignore_sections=bare),
                                  teds(pred, t.html, structure_only=True, ignore_sections=bare)))
    return out


def _is_title(text: str, title: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(text.lower(), title.lower()) >= TITLE_MATCH


def split_title(headings: list[tm.MdHeading], title: str) -> tuple[bool, list[tm.MdHeading]]:
    """(title found, the headings without the first one that is the title)."""
    title_n = tm.normalize_markdown(title)
    found = bool(headings) and _is_title(headings[0].text, title_n)
    found = found or any(h.level == 1 and _is_title(h.text, title_n) for h in headings)
    rest = list(headings)
    for k, h in enumerate(headings):
        if _is_title(h.text, title_n):
            del rest[k]
            break
    return found, rest


def _without_title_once(markdown: str, title: str) -> str:
    """The Markdown with its first printing of the title removed (a running header that repeats
    the title is furniture on every page, the title line itself is not)."""
    lines = markdown.splitlines()
    title_n = tm.normalize_markdown(title)
    for k, line in enumerate(lines):
        if line.strip() and _is_title(tm.normalize_markdown(line), title_n):
            return "\n".join(lines[:k] + lines[k + 1:])
    return markdown.replace(title, "", 1)


def _body_without_title(truth: DocTruth) -> str:
    """The body text the document prints besides its title (the title's one printing is taken
    out of the output instead: :func:`_without_title_once`)."""
    blocks = truth.body or [*[h.text for h in truth.headings], *truth.paragraphs, *truth.list_items]
    return "\n\n".join(b for b in blocks if b != truth.title)


def drop_footnotes(markdown: str, footnotes: list[str]) -> str:
    from benchmarks.suite_text import _drop_footnotes

    return _drop_footnotes(markdown, footnotes)


def body_truth(truth: DocTruth) -> str:
    blocks = truth.body or [truth.title, *[h.text for h in truth.headings], *truth.paragraphs, *truth.list_items]
    return tm.normalize_markdown("\n\n".join(blocks))


def _truth_chart(c: ChartTruth) -> Chart:
    from docparse.document import Chart, ChartType, Series  # noqa: F811

    kind = ChartType(c.type) if c.type in ChartType._value2member_map_ else ChartType.UNKNOWN
    return Chart(type=kind, categories=list(c.categories),
                 series=[Series(name=s.name, values=list(s.values)) for s in c.series])


def score_charts(truth: DocTruth, out: SystemOutput) -> list[ChartResult]:
    from benchmarks.chartf1 import best_f1, markdown_tables_as_charts
    from docparse.document import Chart  # noqa: F811 - the runtime import of the TYPE_CHECKING name

    if not truth.charts:
        return []
    if out.charts is None:
        predicted = markdown_tables_as_charts(out.markdown)
    else:
        predicted = [Chart.model_validate(c) for c in out.charts]
    return [ChartResult(c.vector, best_f1(predicted, _truth_chart(c)).f1, c.style) for c in truth.charts]


def score_doc(truth: DocTruth, out: SystemOutput) -> DocScore:
    from rapidfuzz import fuzz

    md = out.markdown
    tables = out.tables if out.tables is not None else anchor_tables(md)
    title_found, headings = split_title(tm.markdown_headings(md), truth.title)
    truth_heads = [tm.MdHeading(tm.normalize_markdown(h.text), h.level) for h in truth.headings]
    leaked, with_furniture = tm.leaked_pages(truth.furniture, _without_title_once(md, truth.title),
                                             _body_without_title(truth))
    footnotes = [tm.fold_text(f) for f in truth.footnotes]
    whole = tm.normalize_markdown(md, tables=True)
    found = sum(1 for f in footnotes if fuzz.partial_ratio(f, whole) >= FOOTNOTE_MATCH)
    body = tm.normalize_markdown(drop_footnotes(md, footnotes))
    return DocScore(score_tables(truth, tables), tm.score_headings(truth_heads, headings), title_found,
                    leaked, with_furniture, found, len(footnotes), tm.edit_distance(body, body_truth(truth)),
                    score_charts(truth, out))
