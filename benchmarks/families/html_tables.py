"""Random report tables for the HTML families: one spec, rendered twice.

:func:`make_table` draws a :class:`TableSpec` (stub columns, one or two header rows with column
groups, row groups as a full-width label row or as a rowspan label cell beside its rows, totals,
footnote marks, long tables). :func:`display_html` prints it for the renderer (with the CSS
class of its style); :func:`truth_html` writes the exact truth (``thead``/``tbody``, ``th`` for
header cells, spans) from the same spec. The truth never comes from the PDF.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from enum import Enum

from benchmarks.families import html_words as words


class TableStyle(str, Enum):
    ZEBRA = "zebra"
    RULED = "ruled"  # every cell framed
    BOOKTABS = "booktabs"  # top, mid and bottom rules only
    BORDERLESS = "borderless"
    SHADED_HEADER = "shaded-header"  # filled header, hairlines between rows
    FRAME_FILL = "frame-fill"  # outer frame and header fill, no inner rules
    HLINES = "hlines"  # a rule under every row, nothing else


class GroupMode(str, Enum):
    NONE = "none"
    LABEL_ROW = "group-rows"  # "Alpine" across all columns above its rows
    ROWSPAN = "rowspan-groups"  # "South" in a first column, vertically centred beside its rows


@dataclass
class Cell:
    text: str
    header: bool = False
    rowspan: int = 1
    colspan: int = 1
    mark: str = ""  # footnote mark printed as a superscript after the text
    css: str = ""  # extra class for the display (group label, total, numeric)


@dataclass
class TableSpec:
    style: TableStyle
    header: list[list[Cell]]
    body: list[list[Cell]]
    caption: str
    notes: list[str] = field(default_factory=list)  # "a Restated for ..." under the table
    features: list[str] = field(default_factory=list)
    caption_below: bool = False

    @property
    def label(self) -> str:
        """Style and structural features for per-style/per-feature breakdowns."""
        return ";".join([self.style.value, *self.features])


class NumberFormat(Enum):
    COUNT = "12,345"
    PERCENT = "−4.1%"
    AMOUNT = "123.4 or (123.4)"
    RATIO = "1.23"


def _number(rng: random.Random, kind: NumberFormat) -> str:
    if kind is NumberFormat.COUNT:
        return f"{rng.randint(120, 98000):,}"
    if kind is NumberFormat.PERCENT:
        return f"{rng.uniform(-15, 40):.1f}%".replace("-", "\u2212")
    if kind is NumberFormat.AMOUNT:
        v = rng.uniform(0.5, 950)
        return f"({v:.1f})" if rng.random() < 0.12 else f"{v:.1f}"
    return f"{rng.uniform(0.01, 9.99):.2f}"


def _column_header(rng: random.Random, n_data: int, two_rows: bool) -> tuple[list[str], list[str]]:
    """(group labels, leaf labels) for the data columns; no groups for a one-row header."""
    if two_rows:
        per = rng.choice([2, 3]) if n_data >= 4 else 2
        groups = n_data // per
        tops = rng.sample(words.YEARS, groups) if rng.random() < 0.6 else rng.sample(words.MEASURES, groups)
        tops = sorted(tops) if tops[0].isdigit() else tops
        subs = rng.choice([["H1", "H2", "H3"], ["Actual", "Plan", "Var."], ["Q1", "Q2", "Q3"], ["Low", "Mid", "High"]])
        return tops, subs[:per] * groups
    if rng.random() < 0.5:
        return [], sorted(rng.sample(words.YEARS, n_data))
    return [], rng.sample(words.MEASURES, n_data)


def _header_rows(stubs: list[str], tops: list[str], leaves: list[str]) -> list[list[Cell]]:
    if not tops:
        return [[Cell(s, header=True) for s in stubs] + [Cell(v, header=True) for v in leaves]]
    per = len(leaves) // len(tops)
    first = [Cell(s, header=True, rowspan=2) for s in stubs] + [Cell(t, header=True, colspan=per) for t in tops]
    return [first, [Cell(v, header=True) for v in leaves]]


def _data_row(rng: random.Random, label: str, n_data: int, kinds: list[NumberFormat]) -> list[Cell]:
    return [Cell(label)] + [Cell(_number(rng, kinds[i]), css="num") for i in range(n_data)]


def make_table(rng: random.Random, number: int, style: TableStyle, long: bool = False) -> TableSpec:
    """One random table; ``long`` gives 30-55 body rows (it will cross a page)."""
    n_data = rng.randint(2, 6)
    two_rows = rng.random() < 0.4 and n_data >= 4
    group_mode = rng.choice([GroupMode.NONE, GroupMode.NONE, GroupMode.LABEL_ROW, GroupMode.ROWSPAN])
    stubs = [rng.choice(["Segment", "Region", "Division", "Unit"])]
    if group_mode is GroupMode.ROWSPAN:
        stubs.append(rng.choice(["Metric", "Line item", "Indicator"]))
    tops, leaves = _column_header(rng, n_data, two_rows)
    n_data = len(leaves)
    kinds = [list(NumberFormat)[rng.randrange(len(NumberFormat))] for _ in range(n_data)]
    features = []
    if tops:
        features.append("colgroups")
    if group_mode is not GroupMode.NONE:
        features.append(group_mode.value)
    rows = rng.randint(30, 55) if long else rng.randint(3, 9)
    body: list[list[Cell]] = []
    if group_mode is GroupMode.NONE:
        labels = words.pick_labels(rng, rows)
        body = [_data_row(rng, lab, n_data, kinds) for lab in labels]
    else:
        per_group = rng.randint(2, 4)
        n_groups = max(2, rows // per_group)
        groups = words.pick_groups(rng, n_groups)
        metrics = words.pick_metrics(rng, per_group)
        for g in groups:
            if group_mode is GroupMode.LABEL_ROW:
                body.append([Cell(g, colspan=1 + n_data, css="group")])
                body += [_data_row(rng, m, n_data, kinds) for m in words.pick_labels(rng, per_group)]
            else:
                for k, m in enumerate(metrics):
                    row = _data_row(rng, m, n_data, kinds)
                    if k == 0:
                        row.insert(0, Cell(g, rowspan=per_group, css="group"))
                    body.append(row)
    if rng.random() < 0.35 and group_mode is not GroupMode.ROWSPAN:
        features.append("totals")
        body.append([Cell("Total", css="total")] + [Cell(_number(rng, kinds[i]), css="num total")
                                                     for i in range(n_data)])
    notes = []
    if rng.random() < 0.3:
        features.append("marks")
        data_cells = [c for row in body for c in row if "num" in c.css]
        for mark in ["a", "b"][: rng.randint(1, 2)]:
            rng.choice(data_cells).mark = mark
            notes.append(f"{mark} {words.sentence(rng, 6, 12)}")
    if long:
        features.append("long")
    caption = f"{rng.choice(['Table {n}:', 'Table {n}.', 'Exhibit {n}:'])} {words.title_phrase(rng)}"
    caption = caption.replace("{n}", str(number))
    return TableSpec(style, _header_rows(stubs, tops, leaves), body, caption, notes, features,
                     caption_below=rng.random() < 0.25)


def _cell_html(c: Cell, tag: str, with_class: bool) -> str:
    attrs = ""
    if c.rowspan > 1:
        attrs += f' rowspan="{c.rowspan}"'
    if c.colspan > 1:
        attrs += f' colspan="{c.colspan}"'
    if with_class and c.css:
        attrs += f' class="{c.css}"'
    mark = f"<sup>{c.mark}</sup>" if with_class and c.mark else (c.mark if c.mark else "")
    return f"<{tag}{attrs}>{html.escape(c.text)}{mark}</{tag}>"


def _rows_html(rows: list[list[Cell]], tag: str, display: bool, zebra: bool = False) -> str:
    out = []
    for k, row in enumerate(rows):
        cls = ' class="odd"' if display and zebra and k % 2 else ""
        out.append(f"<tr{cls}>" + "".join(_cell_html(c, tag, display) for c in row) + "</tr>")
    return "".join(out)


def truth_html(spec: TableSpec) -> str:
    return ("<table><thead>" + _rows_html(spec.header, "th", False) + "</thead><tbody>"
            + _rows_html(spec.body, "td", False) + "</tbody></table>")


def display_html(spec: TableSpec, caption_tag: bool) -> str:
    """The table as printed: ``<caption>`` or a caption paragraph, notes below the table."""
    cap = html.escape(spec.caption)
    head = _rows_html(spec.header, "th", True)
    body = _rows_html(spec.body, "td", True, zebra=spec.style is TableStyle.ZEBRA)
    side = "bottom" if spec.caption_below else "top"
    inner = f'<caption style="caption-side:{side}">{cap}</caption>' if caption_tag else ""
    table = f'<table class="t-{spec.style.value}">{inner}<thead>{head}</thead><tbody>{body}</tbody></table>'
    if not caption_tag:
        para = f'<p class="caption">{cap}</p>'
        table = table + para if spec.caption_below else para + table
    notes = "".join(f'<p class="tnote"><sup>{html.escape(n[0])}</sup>{html.escape(n[1:])}</p>' for n in spec.notes)
    return f'<div class="tablewrap">{table}{notes}</div>'


def look_css(rng: random.Random) -> str:
    """Per-document table look on top of the style: width, alignment, size, padding, stub."""
    width = rng.choice(["auto", "auto", "100%", "85%"])
    centre = "margin-left: auto; margin-right: auto;" if rng.random() < 0.35 else ""
    head_align = rng.choice(["left", "center", "right"])
    num_align = rng.choice(["right", "right", "center"])
    size = round(rng.uniform(0.78, 1.0), 2)
    pad_v, pad_h = round(rng.uniform(0.1, 0.4), 2), round(rng.uniform(0.3, 0.9), 2)
    stub = "font-weight: bold;" if rng.random() < 0.2 else ""
    head_weight = rng.choice(["bold", "bold", "normal"])
    return (f"table {{ width: {width}; {centre} font-size: {size}em; }}\n"
            f"th, td {{ padding: {pad_v}em {pad_h}em; }}\n"
            f"th {{ text-align: {head_align}; font-weight: {head_weight}; }}\n"
            f"td.num {{ text-align: {num_align}; }}\n"
            f"tbody td:first-child {{ {stub} }}\n")


TABLE_CSS = """
table { border-collapse: collapse; margin: 0.4em 0 0.6em 0; font-size: 0.92em; }
th, td { padding: 0.18em 0.55em; }
td.num { text-align: right; }
td.total { font-weight: bold; }
td.group { font-weight: bold; }
td[rowspan] { vertical-align: middle; }
caption, p.caption { font-size: 0.9em; font-style: italic; text-align: left; margin: 0.3em 0; }
p.tnote { font-size: 0.78em; margin: 0.1em 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.t-zebra thead th { border-bottom: 1.5px solid #333; }
table.t-zebra tr.odd td { background: #e4ebf3; }
table.t-ruled th, table.t-ruled td { border: 0.6px solid #444; }
table.t-ruled thead th { background: #f0f0f0; }
table.t-booktabs { border-top: 1.6px solid black; border-bottom: 1.6px solid black; }
table.t-booktabs thead tr:last-child th { border-bottom: 0.8px solid black; }
table.t-booktabs thead tr:first-child th[colspan] { border-bottom: 0.5px solid black; }
table.t-shaded-header thead th { background: #2f4b6e; color: white; }
table.t-shaded-header td { border-bottom: 0.4px solid #bbb; }
table.t-frame-fill { border: 1px solid #333; }
table.t-frame-fill thead th { background: #d9d9d9; }
table.t-hlines tr { border-bottom: 0.5px solid #777; }
table.t-borderless th { font-weight: bold; }
td.total { border-top: 0.8px solid #333; }
"""
