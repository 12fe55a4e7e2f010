"""Markdown renderer: headings, paragraphs (joined across breaks), lists, tables, charts.

Emphasis appears only where the PDF has it (bold/italic runs inside a block, not whole
bold headings). Tables without merged cells are GitHub tables, tables with merged cells are
HTML with rowspan/colspan. A chart's value table is rendered under its caption.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Mapping

from docparse.document import Chart, Document, Page, Region, RegionKind, TextRun

_LEADING_SPECIAL = re.compile(r"^(\s*)([#>+]|[-*](?=\s)|\d+[.)](?=\s)|={3,}|-{3,})")
_INLINE_SPECIAL = re.compile(r"([\\`*]|<(?=[A-Za-z/!?])|\[(?=[^\]]*\]\())")
_UNDERSCORES = re.compile(r"_+")
_LIST_MARKER = re.compile(r"^\s*([•·▪▫◦●○■□➢➤►▶✓✔‣⁃∙\-–—*]|\(?(\d{1,3})[.)]|\(?([a-zA-Z])[.)]|\([ivx]+\))\s+")


def _escape_underscores(m: re.Match[str]) -> str:
    """A run of underscores inside a word ("FUNCTION_USAGE") stays; any other run (a form's
    blank "______", "_init_") is escaped underscore by underscore."""
    text, start, end = m.string, m.start(), m.end()
    intraword = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return m.group(0) if intraword else "\\_" * (end - start)


def escape_inline(text: str) -> str:
    return _UNDERSCORES.sub(_escape_underscores, _INLINE_SPECIAL.sub(r"\\\1", text))


def _escape_block_start(text: str) -> str:
    """Text that would start a Markdown block (a heading, a list, a rule) kept as text. A
    numbered marker escapes its delimiter ("3\\) note"): a backslash before a digit would show."""
    def escape(m: re.Match[str]) -> str:
        marker = m.group(2)
        if marker[0].isdigit():
            return m.group(1) + marker[:-1] + "\\" + marker[-1]
        return m.group(1) + "\\" + marker

    return _LEADING_SPECIAL.sub(escape, text, count=1)


def runs_to_markdown(runs: Iterable[TextRun], emphasis: bool = True) -> str:
    out = []
    for run in runs:
        if run.latex:
            lead, trail = run.text[: len(run.text) - len(run.text.lstrip())], run.text[len(run.text.rstrip()):]
            out.append(f"{lead}${run.latex}${trail}")
            continue
        text = escape_inline(run.text)
        core = text.strip()
        if not core or not emphasis or len(core) < 2 or not any(c.isalpha() for c in core):
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        if run.monospace:
            core = "`" + run.text.strip().replace("`", "'") + "`"
        elif run.bold and run.italic:
            core = f"***{core}***"
        elif run.bold:
            core = f"**{core}**"
        elif run.italic:
            core = f"*{core}*"
        out.append(lead + core + trail)
    return "".join(out)


def _region_markdown_text(region: Region, emphasis: bool = True) -> str:
    if region.runs:
        styled = [r for r in region.runs if r.text.strip()]
        uniform = styled and all(
            (r.bold, r.italic, r.monospace) == (styled[0].bold, styled[0].italic, styled[0].monospace)
            for r in styled)
        # a block that is bold/italic throughout is a style of the block, not emphasis
        return runs_to_markdown(region.runs, emphasis=emphasis and not uniform).strip()
    return escape_inline(region.text)


def chart_to_markdown(chart: Chart) -> str:
    """The chart's value table (its title in bold above it): one row per category, one column
    per series; column heads carry the axis units when the labels do not already."""
    if not chart.series:
        return ""
    head = [_with_unit(chart.x_label or "category", chart.x_unit)]
    head += [_with_unit(s.name, chart.y_unit) for s in chart.series]
    n = max([len(chart.categories)] + [len(s.values) for s in chart.series])
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "|" + "|".join(" --- " for _ in head) + "|"]
    for i in range(n):
        cat = chart.categories[i] if i < len(chart.categories) else str(i + 1)
        vals = []
        for s in chart.series:
            v = s.values[i] if i < len(s.values) else None
            vals.append("" if v is None else chart_number(v))
        lines.append("| " + " | ".join([_cell(cat)] + vals) + " |")
    table = "\n".join(lines)
    return f"**{escape_inline(' '.join(chart.title.split()))}**\n\n{table}" if chart.title else table


def _with_unit(label: str, unit: str | None) -> str:
    if not unit or unit in label:
        return label
    return f"{label} ({unit})"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def chart_number(value: float) -> str:
    """A read value in plain digits (no exponent for everyday magnitudes), up to 6 significant."""
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    if magnitude >= 15 or magnitude < -6:
        return f"{value:.6g}"
    decimals = max(0, 5 - magnitude)
    text = f"{round(value, decimals):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def figure_text_markdown(text: str) -> str:
    """The labels drawn inside a figure, one row a line, kept out of the body's paragraphs."""
    rows = [" · ".join(escape_inline(" ".join(label.split())) for label in re.split(r"\s{2,}", row.strip()))
            for row in text.splitlines() if row.strip()]
    return _escape_block_start("  \n".join(rows)) if rows else ""


def _strip_marker(region: Region) -> tuple[str | None, list[TextRun]]:
    """The list marker's number (None for bullets) and the item's runs without the marker."""
    m = _LIST_MARKER.match(region.text)
    runs = list(region.runs) or [TextRun(text=region.text)]
    if not m:
        return None, runs
    cut = len(m.group(0))
    out: list[TextRun] = []
    for run in runs:
        if cut >= len(run.text):
            cut -= len(run.text)
            continue
        out.append(run.model_copy(update={"text": run.text[cut:]}) if cut else run)
        cut = 0
    return m.group(2), out


def _list_item(region: Region) -> str:
    number, runs = _strip_marker(region)
    text = runs_to_markdown(runs).strip()
    indent = "  " * max(0, (region.level or 1) - 1)
    return f"{indent}{number}. {text}" if number else f"{indent}- {text}"


def render_region(region: Region, document: Document | None = None) -> str:
    """One region's Markdown (``document`` is not needed; kept for callers that pass it)."""
    kind = region.kind
    if kind is RegionKind.TITLE:
        return "# " + " ".join(region.text.split())
    if kind is RegionKind.HEADING:
        return "#" * max(1, min(6, region.level or 2)) + " " + " ".join(region.text.split())
    if kind is RegionKind.LIST_ITEM:
        return _list_item(region)
    if kind is RegionKind.TABLE:
        return region.table.to_markdown() if region.table else ""
    if kind in (RegionKind.CHART, RegionKind.FIGURE):
        return chart_to_markdown(region.chart) if region.chart else figure_text_markdown(region.text)
    if kind is RegionKind.CODE:
        return "```\n" + region.text + "\n```"
    if kind is RegionKind.FORMULA:
        return "$$\n" + (region.latex or region.text).strip() + "\n$$"
    if kind is RegionKind.CAPTION:
        return _escape_block_start(_region_markdown_text(region))
    if kind is RegionKind.FOOTNOTE:
        return _escape_block_start(_region_markdown_text(region))
    return _escape_block_start(_region_markdown_text(region))


def _ordered_body(regions: Iterable[Region]) -> list[Region]:
    """Body regions in reading order, with each caption moved next to its table/figure."""
    body = list(regions)
    captions = {r.caption_of: r for r in body if r.kind is RegionKind.CAPTION and r.caption_of}
    out: list[Region] = []
    for r in body:
        if r.kind is RegionKind.CAPTION and r.caption_of:
            continue
        cap = captions.get(r.id)
        if cap is not None and r.kind is RegionKind.TABLE:
            out += [cap, r]  # table captions go above the table
        elif cap is not None:
            out += [r, cap] if r.kind is RegionKind.FIGURE else [cap, r]
        else:
            out.append(r)
    return out


def _join(first: str, second: str) -> str:
    if first.endswith("-") and second[:1].islower() and not first[-2:-1].isspace():
        return first[:-1] + second  # "in-" + "vestment"
    return first + " " + second


def page_break_marker(number: int) -> str:
    """The marker that starts page ``number`` in the document's Markdown (``--page-breaks``)."""
    return f"<!-- page {number} -->"


def image_markdown(region: Region, link: str, captions: Mapping[str, Region]) -> str:
    """``![caption](link)``: the caption's text as the alt text, else the chart's title, else the
    region's kind."""
    caption = captions.get(region.caption_id or "")
    title = region.chart.title if region.chart is not None else None
    alt = " ".join((caption.text if caption is not None else title or region.kind.value).split())
    alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"![{alt}]({link.replace(' ', '%20').replace(')', '%29')})"


def render_markdown(document: Document, images: Mapping[str, str] | None = None, page_breaks: bool = False) -> str:
    """The document's body as Markdown. ``images``: region id → link (a relative path or a data
    URL) of the figures and charts that get ``![caption](link)``; ``page_breaks``: a
    :func:`page_break_marker` where each page starts."""
    pages = [p.number for p in document.pages] if page_breaks else None
    return _render(_ordered_body(document.regions()), images or {}, pages)


def render_page_markdown(page: Page, images: Mapping[str, str] | None = None) -> str:
    """One page's body as Markdown (paragraphs continued from the page before start fresh)."""
    return _render(_ordered_body(page.body()), images or {}, None)


def _render(body: list[Region], images: Mapping[str, str], pages: list[int] | None) -> str:
    blocks: list[str] = []
    block_of: dict[str, int] = {}  # region id → index of the block holding its text
    captions = {r.id: r for r in body if r.kind is RegionKind.CAPTION}
    marked = _PageMarks(pages)
    prev_list = False
    for region in body:
        if region.continues and region.kind is RegionKind.TABLE and region.table is None:
            continue  # merged into the table it continues
        text = render_region(region)
        if region.id in images:
            text = "\n\n".join(t for t in (image_markdown(region, images[region.id], captions), text) if t.strip())
        if not text.strip():
            continue
        if region.continues in block_of and region.kind is RegionKind.PARAGRAPH:
            # the rest of a paragraph split by a column/page break (floats in between stay after it)
            k = block_of[region.continues]
            blocks[k] = _join(blocks[k], text)
            block_of[region.id] = k
            continue
        marks = marked.up_to(region.page)
        if marks:
            blocks.extend(marks)
            prev_list = False
        block_of[region.id] = len(blocks) if not (region.kind is RegionKind.LIST_ITEM and prev_list) else len(blocks) - 1
        is_list = region.kind is RegionKind.LIST_ITEM
        if is_list and prev_list:
            blocks[-1] = blocks[-1] + "\n" + text
        else:
            blocks.append(text)
        prev_list = is_list
    blocks.extend(marked.rest())
    return "\n\n".join(blocks).strip() + "\n"


class _PageMarks:
    """The page-break markers still to write, in page order (none when ``pages`` is None)."""

    def __init__(self, pages: list[int] | None) -> None:
        self._pending = list(pages or [])

    def up_to(self, page: int) -> list[str]:
        """Markers of the pages up to ``page`` not written yet."""
        due = [n for n in self._pending if n <= page]
        self._pending = [n for n in self._pending if n > page]
        return [page_break_marker(n) for n in due]

    def rest(self) -> list[str]:
        return self.up_to(max(self._pending, default=0))
