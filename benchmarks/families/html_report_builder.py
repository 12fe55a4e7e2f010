"""One random HTML+CSS business/technical report and its exact truth.

:func:`build_report` draws the content (title, numbered or plain headings at levels 2-4,
paragraphs, bulleted and numbered lists, footnotes - one of them recurring on several pages in
some documents - tables of :mod:`html_tables`, charts of :mod:`html_charts`), writes the HTML
for a :class:`~benchmarks.families.html_themes.Theme`, and records the truth from the same data.
The page furniture depends on the page count, which only the renderer knows: it is filled in by
:func:`furniture_truth` once the PDF exists.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.families import html_charts as charts
from benchmarks.families import html_tables as tables
from benchmarks.families import html_themes as themes
from benchmarks.families import html_words as words
from benchmarks.families.base import DocTruth, HeadingTruth, TableTruth

WIDE = "\0wide\0"  # marks a part that spans all columns (tables and figures)
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


@dataclass
class ReportPlan:
    """Everything the renderer needs besides the HTML, and the truth so far."""
    html: str
    truth: DocTruth
    theme: themes.Theme
    running: dict[themes.Running, str]
    table_captions: list[str] = field(default_factory=list)  # one per truth table, in order
    chart_captions: list[str] = field(default_factory=list)  # one per truth chart, in order


class _Writer:
    def __init__(self, rng: random.Random, theme: themes.Theme, assets: Path, stem: str, float_notes: bool):
        self.rng, self.theme, self.assets, self.stem = rng, theme, assets, stem
        self.float_notes = float_notes
        self.parts: list[str] = []
        self.body: list[str] = []  # body blocks in reading order (truth)
        self.truth = DocTruth(title="")
        self.note_no = 0
        self.pending_notes: list[tuple[int, str]] = []
        self.table_no = 0
        self.figure_no = 0
        self.table_captions: list[str] = []
        self.chart_captions: list[str] = []

    # --- text blocks -------------------------------------------------------------------
    def heading(self, level: int, text: str) -> None:
        self.parts.append(f"<h{level}>{html.escape(text)}</h{level}>")
        self.truth.headings.append(HeadingTruth(text, level))
        self.body.append(text)

    def paragraph(self, text: str, note: str | None = None) -> None:
        call = ""
        if note is not None:
            self.note_no += 1
            if note not in self.truth.footnotes:
                self.truth.footnotes.append(note)
            if self.float_notes:
                call = f'<span class="fn">{html.escape(note)}</span>'
            else:
                call = f"<sup>{self.note_no}</sup>"
                self.pending_notes.append((self.note_no, note))
            text_truth = f"{text}{self.note_no}"
        else:
            text_truth = text
        self.parts.append(f"<p>{html.escape(text)}{call}</p>")
        self.truth.paragraphs.append(text_truth)
        self.body.append(text_truth)

    def flush_notes(self) -> None:
        for no, note in self.pending_notes:
            self.parts.append(f'<p class="fnote"><sup>{no}</sup> {html.escape(note)}</p>')
        self.pending_notes = []

    def bullet_list(self) -> None:
        ordered = self.rng.random() < 0.45
        items = [words.list_item(self.rng) for _ in range(self.rng.randint(3, 6))]
        tag = "ol" if ordered else "ul"
        style = "" if ordered else f' style="list-style-type: {self.rng.choice(["disc", "disc", "square"])}"'
        self.parts.append(f"<{tag}{style}>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + f"</{tag}>")
        self.truth.list_items += items
        self.body += items

    # --- tables and charts -------------------------------------------------------------
    def table(self, long: bool) -> None:
        self.table_no += 1
        style = self.rng.choice(self.theme.table_styles)
        spec = tables.make_table(self.rng, self.table_no, style, long=long)
        self.parts.append(WIDE + tables.display_html(spec, self.theme.caption_tag))
        self.truth.tables.append(TableTruth(tables.truth_html(spec), spec.label))
        self.truth.captions.append(spec.caption)
        self.table_captions.append(spec.caption)
        self.body.append(spec.caption)
        for note in spec.notes:
            self.truth.footnotes.append(note[2:])

    def chart(self, vector: bool) -> None:
        self.figure_no += 1
        spec = charts.make_chart(self.rng, vector, self.theme.chart_font)
        path = charts.render(spec, self.assets / f"{self.stem}_fig{self.figure_no}.{'svg' if vector else 'png'}")
        caption = f"Figure {self.figure_no}: {spec.title}"
        width = self.rng.randint(60, 95) if spec.width_in < 6 else 100
        self.parts.append(WIDE + f'<figure><img src="{path.resolve().as_uri()}" style="width:{width}%">'
                          f"<figcaption>{html.escape(caption)}</figcaption></figure>")
        self.truth.charts.append(charts.truth(spec))
        self.truth.captions.append(caption)
        self.chart_captions.append(caption)
        self.body.append(caption)


def _heading_text(number: str, text: str, style: int) -> str:
    if not number:
        return text
    return f"{number}. {text}" if style == 1 and "." not in number else f"{number} {text}"


def _section(w: _Writer, index: int, numbered: bool, num_style: int, used: set[str],
             long_at: int, recurring: str | None, note_sections: set[int]) -> None:
    rng = w.rng
    w.heading(2, _heading_text(str(index) if numbered else "", words.heading_phrase(rng, used), num_style))
    for k in range(rng.randint(1, 3)):
        note = None
        if k == 0 and index in note_sections:
            note = recurring if recurring else words.sentence(rng, 8, 16)
        elif rng.random() < 0.12:
            note = words.sentence(rng, 8, 16)
        w.paragraph(words.paragraph(rng), note)
    if rng.random() < 0.4:
        w.bullet_list()
    if index == long_at:
        w.table(long=True)
    elif rng.random() < 0.5:
        w.table(long=False)
    if rng.random() < 0.3:
        w.chart(vector=rng.random() < 0.55)
        w.paragraph(words.paragraph(rng, (1, 3)))
    for sub in range(1, rng.randint(0, 2) + 1 if rng.random() < 0.6 else 1):
        w.heading(3, _heading_text(f"{index}.{sub}" if numbered else "", words.heading_phrase(rng, used), num_style))
        w.paragraph(words.paragraph(rng))
        if rng.random() < 0.15:
            w.heading(4, words.heading_phrase(rng, used))
            w.paragraph(words.paragraph(rng, (1, 3)))
        if rng.random() < 0.2:
            w.bullet_list()
    w.flush_notes()


def build_report(seed: int, template: themes.TemplateFn, assets: Path, stem: str,
                 float_footnotes_ok: bool) -> ReportPlan:
    """The HTML of one report and its truth (furniture still empty, see ``furniture_truth``)."""
    rng = random.Random(seed)
    theme = template(rng)
    float_notes = float_footnotes_ok and theme.float_footnotes
    w = _Writer(rng, theme, assets, stem, float_notes)
    title = words.doc_title(rng)
    w.truth.title = title
    w.body.append(title)
    year = title.rsplit(" ", 1)[-1]
    running = {themes.Running.COMPANY: rng.choice(words.COMPANIES), themes.Running.TITLE: title,
               themes.Running.KIND: f"{rng.choice(words.DOC_KINDS)}, fiscal year {year}",
               themes.Running.CONFIDENTIAL: "Confidential: for internal use only",
               themes.Running.DATE: f"{rng.choice(MONTH_NAMES)} {year}"}
    title_tag = "h1" if rng.random() < 0.75 else 'div class="title"'
    w.parts.append(f"<{title_tag}>{html.escape(title)}</{title_tag.split()[0]}>")
    if rng.random() < 0.5:
        w.paragraph(words.paragraph(rng, (2, 4)))  # an introduction before the first section
    n_sections = rng.randint(3, 6)
    recurring = words.sentence(rng, 8, 14) if rng.random() < 0.4 else None
    note_sections = set(rng.sample(range(1, n_sections + 1), k=min(n_sections, rng.randint(2, 3)))) \
        if recurring else set()
    long_at = rng.randint(1, n_sections) if rng.random() < 0.3 else -1
    numbered = rng.random() < theme.numbered_headings
    num_style = rng.randint(0, 1)
    used: set[str] = set()
    main: list[str] = []
    w.parts, head_parts = main, w.parts
    for index in range(1, n_sections + 1):
        _section(w, index, numbered, num_style, used, long_at, recurring, note_sections)
    css = themes.page_css(theme, running) + themes.body_css(theme) + tables.TABLE_CSS + tables.look_css(rng)
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{css}</style></head><body>" + "".join(head_parts)
            + _column_segments(main) + "</body></html>")
    w.truth.body = w.body
    return ReportPlan(page, w.truth, theme, running, w.table_captions, w.chart_captions)


def _column_segments(parts: list[str]) -> str:
    """Text parts in ``main`` column containers, wide parts between them (WeasyPrint 57
    crashes on tables inside a multi-column box, with or without ``column-span``)."""
    out: list[str] = []
    run: list[str] = []
    for part in parts + [WIDE]:
        if part.startswith(WIDE):
            if run:
                out.append('<div class="main">' + "".join(run) + "</div>")
            run = []
            out.append(part[len(WIDE):])
        else:
            run.append(part)
    return "".join(out)


def furniture_truth(plan: ReportPlan, pages: int) -> list[tuple[int, list[str]]]:
    """Running header/footer texts and the page number printed on each page."""
    theme = plan.theme
    out = []
    for n in range(1, pages + 1):
        texts: list[str] = []
        if n > 1 or theme.furniture_on_first:
            texts += [plan.running[what] for _, what in theme.header]
            texts += [plan.running[what] for _, what in theme.footer]
            texts.append(theme.page_number.text(n, pages))
        out.append((n, texts))
    return out
