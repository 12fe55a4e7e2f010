"""Family ``pdflatex``: LaTeX reports typeset by pdflatex (texlive from Debian).

article and report classes at 10–12 pt, one and two columns, several font packages, fancyhdr
running headers and footers (with ``Page n of N`` through lastpage), ``\\title``/``\\maketitle``,
numbered and starred sections down to subsubsections, itemize/enumerate, ``\\footnote``, booktabs
tables with ``\\cmidrule`` column groups, ``\\multicolumn`` group rows and ``\\multirow`` row-group
labels, ruled and borderless tables, longtable across pages with a repeated head, and charts as
pgfplots (vector, TeX text), matplotlib PDF (vector) or matplotlib PNG (raster).

Templates A–C make the dev split, D–F the test split, from disjoint seeds. The truth is the data
the source was written from; only *where* things landed (page count, the page of a caption or of
a long table's last row) is looked up in the PDF, never their text.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from benchmarks.families import _content as C
from benchmarks.families._content import Footer, Header
from benchmarks.families._content import TableStyle as TS
from benchmarks.families._mplchart import chart_truth, draw_chart
from benchmarks.families.base import (
    DocTruth,
    FamilyDoc,
    HeadingTruth,
    Split,
    TableTruth,
)

VERSION = "tex-3"
COMPILE_TIMEOUT_S = 180
FONT_PACKAGES = {"lmodern": r"\usepackage{lmodern}", "times": r"\usepackage{mathptmx}",
                 "helvet": "\\usepackage[scaled=0.92]{helvet}\n\\renewcommand{\\familydefault}{\\sfdefault}",
                 "charter": r"\usepackage{charter}", "palatino": r"\usepackage{mathpazo}",
                 "termes": r"\usepackage{tgtermes}",
                 "heros": "\\usepackage{tgheros}\n\\renewcommand{\\familydefault}{\\sfdefault}"}
TEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def tex(text: str) -> str:
    return "".join(TEX_SPECIALS.get(ch, ch) for ch in text)


class DocClass(str, Enum):
    ARTICLE = "article"
    REPORT = "report"  # chapters as the top level, each on a new page


class R(str, Enum):
    """How a chart is made."""

    PGFPLOTS = "pgfplots"  # vector, TeX text
    MPL_PDF = "mpl_pdf"  # matplotlib PDF: vector
    MPL_PNG = "mpl_png"  # matplotlib PNG: raster


@dataclass(frozen=True)
class Template:
    key: str
    doc_class: DocClass
    sizes: tuple[int, ...]
    two_column: bool
    fonts: tuple[str, ...]
    table_styles: tuple[TS, ...]
    starred: float  # share of unnumbered sections
    header: Header
    footer: Footer
    charts: tuple[R, ...]
    mpl_styles: tuple[str, ...]


DEV_TEMPLATES = (
    Template("A", DocClass.ARTICLE, (10, 11), False, ("lmodern", "times"), (TS.BOOKTABS, TS.RULED), 0.0, Header.ORG,
             Footer.NUMBER, (R.PGFPLOTS, R.MPL_PDF, R.MPL_PNG), ("ggplot", "bmh")),
    Template("B", DocClass.ARTICLE, (10,), True, ("times", "charter"), (TS.BOOKTABS, TS.BORDERLESS), 0.2, Header.TITLE,
             Footer.PAGE_WORD, (R.PGFPLOTS, R.MPL_PDF), ("seaborn-v0_8-whitegrid", "default")),
    Template("C", DocClass.REPORT, (11, 12), False, ("helvet", "lmodern"), (TS.BOOKTABS, TS.RULED, TS.BORDERLESS), 0.0,
             Header.ORG, Footer.OF_TOTAL, (R.MPL_PDF, R.MPL_PNG, R.PGFPLOTS), ("seaborn-v0_8-muted", "ggplot")),
)
TEST_TEMPLATES = (
    Template("D", DocClass.ARTICLE, (11, 12), False, ("palatino", "termes"), (TS.BOOKTABS, TS.BORDERLESS), 0.3,
             Header.TITLE, Footer.OF_TOTAL, (R.PGFPLOTS, R.MPL_PNG, R.MPL_PDF), ("fivethirtyeight", "grayscale")),
    Template("E", DocClass.ARTICLE, (10, 11), True, ("heros", "lmodern"), (TS.BOOKTABS, TS.RULED), 0.0, Header.ORG,
             Footer.NUMBER, (R.MPL_PDF, R.PGFPLOTS, R.MPL_PNG), ("seaborn-v0_8-darkgrid", "Solarize_Light2")),
    Template("F", DocClass.REPORT, (10, 11), False, ("charter", "termes"), (TS.RULED, TS.BOOKTABS, TS.BORDERLESS), 0.0,
             Header.NONE, Footer.PAGE_WORD, (R.PGFPLOTS, R.MPL_PDF), ("tableau-colorblind10", "seaborn-v0_8-pastel")),
)


def _colspec(spec: C.TableSpec, style: TS) -> str:
    cols = "l" * spec.stub_cols + "r" * (spec.n_cols - spec.stub_cols)
    return "|" + "|".join(cols) + "|" if style is TS.RULED else cols


def _rows(spec: C.TableSpec, style: TS) -> list[str]:
    """One LaTeX row per grid row (multicolumn / multirow for spans, & for covered places)."""
    out = []
    grid = spec.grid()
    origin = spec.origin_at()
    ruled = style is TS.RULED
    for r, row in enumerate(grid):
        parts: list[str] = []
        c = 0
        while c < spec.n_cols:
            cell = row[c]
            if cell is None:  # covered by a multirow above, or the rest of a multicolumn
                owner = origin[(r, c)]
                if owner.row != r:
                    parts.append("" if owner.colspan == 1 else
                                  rf"\multicolumn{{{owner.colspan}}}{{{'|c|' if ruled else 'c'}}}{{}}")
                    c += owner.colspan
                    continue
                c += 1
                continue
            text = tex(cell.text)
            if cell.header or r in spec.group_label_rows or r in spec.total_rows:
                text = rf"\textbf{{{text}}}" if text else text
            if r in spec.group_label_rows:
                text = rf"\textit{{{tex(cell.text)}}}"
            if cell.rowspan > 1:
                text = rf"\multirow{{{cell.rowspan}}}{{*}}{{{text}}}"
            if cell.colspan > 1:
                al = "l" if r in spec.group_label_rows else "c"
                if ruled:
                    al = f"|{al}|" if c == 0 else f"{al}|"
                text = rf"\multicolumn{{{cell.colspan}}}{{{al}}}{{{text}}}"
            parts.append(text)
            c += cell.colspan
        out.append(" & ".join(parts) + r" \\")
    return out


def _rules_after(spec: C.TableSpec, r: int, style: TS) -> str:
    """The rule drawn below row ``r``."""
    if style is TS.RULED:
        # inside a row group only the columns right of the running label get a line
        spanned = [c for c in spec.cells if c.rowspan > 1 and c.row <= r < c.row + c.rowspan - 1]
        if spanned:
            first = max(c.col + c.colspan for c in spanned) + 1
            return rf"\cline{{{first}-{spec.n_cols}}}"
        return r"\hline"
    if style is TS.BOOKTABS:
        if r == spec.header_rows - 1:
            return r"\midrule"
        if spec.header_rows > 1 and r == 0:
            return " ".join(rf"\cmidrule(lr){{{c.col + 1}-{c.col + c.colspan}}}" for c in spec.cells
                            if c.row == 0 and c.colspan > 1)
        if r + 1 in spec.total_rows or (r + 1 in spec.group_label_rows and r >= spec.header_rows):
            return r"\midrule" if r + 1 in spec.total_rows else r"\addlinespace"
    return ""


def table_tex(spec: C.TableSpec, style: TS, size_cmd: str, caption: str, long: bool, wide: bool,
              placement: str) -> str:
    rows = _rows(spec, style)
    body: list[str] = []
    top = r"\toprule" if style is TS.BOOKTABS else (r"\hline" if style is TS.RULED else "")
    bottom = r"\bottomrule" if style is TS.BOOKTABS else (r"\hline" if style is TS.RULED else "")
    head = [top] + [x for r in range(spec.header_rows) for x in (rows[r], _rules_after(spec, r, style))]
    for r in range(spec.header_rows, spec.n_rows):
        body += [rows[r], _rules_after(spec, r, style) if r < spec.n_rows - 1 else ""]
    head, body = [x for x in head if x], [x for x in body if x]
    if long:
        return "\n".join([size_cmd, rf"\begin{{longtable}}{{{_colspec(spec, style)}}}",
                          rf"\caption{{{tex(caption)}}}\\", *head, r"\endfirsthead", *head, r"\endhead",
                          bottom, r"\endlastfoot", *body, r"\end{longtable}", r"\normalsize"])
    env = "table*" if wide else "table"
    return "\n".join([rf"\begin{{{env}}}[{placement}]", r"\centering", size_cmd, rf"\caption{{{tex(caption)}}}",
                      rf"\begin{{tabular}}{{{_colspec(spec, style)}}}", *head, *body, bottom, r"\end{tabular}",
                      rf"\end{{{env}}}"])


def pgfplots_tex(spec: C.ChartSpec, rng: random.Random, width: str) -> str:
    """A pgfplots axis for bar / grouped / stacked / horizontal / line / scatter charts."""
    k = spec.kind
    names = [tex(n) for n, _ in spec.series]
    cats = [tex(c) for c in spec.categories]
    opts = [f"width={width}", f"height={rng.uniform(5.0, 6.5):.1f}cm", "scaled y ticks=false", "scaled x ticks=false",
            "yticklabel style={/pgf/number format/fixed}", "xticklabel style={/pgf/number format/fixed}",
            "/pgf/number format/1000 sep={,}"]
    if spec.title:
        opts.append(f"title={{{tex(spec.title)}}}")
    coords = ",".join(cats)
    if k in (C.ChartKind.BAR, C.ChartKind.GROUPED, C.ChartKind.STACKED):
        opts += ["ybar stacked" if k is C.ChartKind.STACKED else "ybar", f"symbolic x coords={{{coords}}}",
                 "xtick=data", "enlarge x limits=0.12", "ymin=0"]
        if len(spec.series) > 1 and k is C.ChartKind.GROUPED:
            opts.append(f"bar width={max(3, 14 - 2 * len(cats))}pt")
        if spec.rotate:
            opts.append(f"x tick label style={{rotate={spec.rotate},anchor=east}}")
        if spec.grid:
            opts.append("ymajorgrids")
        if spec.data_labels and k is not C.ChartKind.STACKED:
            opts.append("nodes near coords, nodes near coords style={font=\\tiny}")
        plots = [" ".join(f"({c},{v:g})" for c, v in zip(cats, vals)) for _, vals in spec.series]
    elif k is C.ChartKind.HORIZONTAL:
        opts += ["xbar", f"symbolic y coords={{{coords}}}", "ytick=data", "y dir=reverse", "enlarge y limits=0.15",
                 "xmin=0", "xticklabel style={font=\\scriptsize}", "max space between ticks=50"]
        if spec.grid:
            opts.append("xmajorgrids")
        plots = [" ".join(f"({v:g},{c})" for c, v in zip(cats, vals)) for _, vals in spec.series]
    else:
        xs = spec.categories if spec.x_numeric else [str(i) for i in range(len(cats))]
        opts += ["xtick=data" if k is C.ChartKind.LINE else "", "/pgf/number format/1000 sep={}" if spec.x_numeric else ""]
        if not spec.x_numeric:
            opts.append(f"xticklabels={{{coords}}}")
        if k is C.ChartKind.SCATTER:
            opts.append("only marks")
        if spec.grid:
            opts.append("grid=major")
        plots = [" ".join(f"({x},{v:g})" for x, v in zip(xs, vals)) for _, vals in spec.series]
    if len(spec.series) > 1:
        opts.append({"outside right": "legend pos=outer north east", "lower center":
                     "legend style={at={(0.5,-0.25)},anchor=north,legend columns=-1}",
                     "upper left": "legend pos=north west"}.get(spec.legend, "legend pos=north east"))
    mark = "" if k is not C.ChartKind.LINE else "mark=*, "
    lines = [r"\begin{tikzpicture}", rf"\begin{{axis}}[{', '.join(o for o in opts if o)}]"]
    lines += [rf"\addplot+[{mark}] coordinates {{{p}}};" if mark else rf"\addplot coordinates {{{p}}};" for p in plots]
    if len(spec.series) > 1:
        lines.append(rf"\legend{{{','.join(names)}}}")
    lines += [r"\end{axis}", r"\end{tikzpicture}"]
    return "\n".join(lines)


@dataclass
class _Draft:
    tex: Path
    pdf: Path
    truth_path: Path
    truth: DocTruth
    header: list[str]
    footer: str  # with {p} and {n}
    first_plain: bool  # page 1 prints the page number only
    tables: list[tuple[C.TableSpec, TS, str, bool]]  # spec, style, caption, long
    charts: list[tuple[C.ChartSpec, str, bool, R]]  # spec, caption, vector, renderer


def _heading_text(number: str, text: str) -> str:
    return f"{number} {text}" if number else text


def _preamble(tpl: Template, rng: random.Random, size: int, font: str) -> list[str]:
    margin = rng.uniform(2.0, 3.0)
    paper = rng.choice(("a4paper", "letterpaper"))
    col = "twocolumn" if tpl.two_column else "onecolumn"
    if tpl.doc_class is DocClass.REPORT:  # the title on page 1, not on a title page of its own
        col += ",notitlepage"
    return [rf"\documentclass[{size}pt,{paper},{col}]{{{tpl.doc_class.value}}}", r"\usepackage[T1]{fontenc}",
            r"\usepackage[utf8]{inputenc}", FONT_PACKAGES[font],
            rf"\usepackage[margin={margin:.2f}cm,headheight=14pt]{{geometry}}",
            r"\usepackage{booktabs,multirow,longtable,graphicx,fancyhdr,lastpage,float,array,xcolor}",
            r"\usepackage{pgfplots}", r"\pgfplotsset{compat=1.17}", r"\usepackage{titlesec}",
            r"\titleformat{\chapter}[hang]{\LARGE\bfseries}{\thechapter}{1em}{}",
            r"\titlespacing*{\chapter}{0pt}{6pt}{12pt}", r"\setlength{\LTcapwidth}{\textwidth}",
            rf"\setlength{{\parskip}}{{{rng.choice((0, 0, 3, 6))}pt}}",
            rf"\setlength{{\parindent}}{{{rng.choice((0, 12, 15))}pt}}"]


def write_tex(tpl: Template, rng: random.Random, stem: Path, tmp: Path) -> _Draft:
    """Write one LaTeX report (and its chart files) from ``rng``; truth lacks pages/furniture."""
    size, font = rng.choice(tpl.sizes), rng.choice(tpl.fonts)
    org, kind, year = rng.choice(C.COMPANIES), rng.choice(C.REPORT_KINDS), rng.randint(2017, 2025)
    title = f"{org}: {kind}" if rng.random() < 0.5 else f"{kind} {year}"
    author = f"{rng.choice(('Finance Office', 'Planning Unit', 'Research Desk', 'Group Controlling'))}, {org}"
    date = f"{rng.choice(('January', 'March', 'June', 'September', 'November'))} {year}"
    truth = DocTruth(title=title)
    order = [title, author, date]
    truth.paragraphs += [author, date]
    lines = _preamble(tpl, rng, size, font)
    header = {Header.ORG: [org, kind], Header.TITLE: [title], Header.NONE: []}[tpl.header]
    footer = {Footer.NUMBER: "{p}", Footer.PAGE_WORD: "Page {p}", Footer.OF_TOTAL: "Page {p} of {n}"}[tpl.footer]
    foot_tex = footer.replace("{p}", r"\thepage").replace("{n}", r"\pageref{LastPage}")
    lines += [r"\pagestyle{fancy}", r"\fancyhf{}", r"\renewcommand{\headrulewidth}{0.4pt}"]
    if len(header) == 2:
        lines += [rf"\fancyhead[L]{{\small {tex(header[0])}}}", rf"\fancyhead[R]{{\small {tex(header[1])}}}"]
    elif header:
        lines.append(rf"\fancyhead[{rng.choice('LCR')}]{{\small\itshape {tex(header[0])}}}")
    else:
        lines.append(r"\renewcommand{\headrulewidth}{0pt}")
    lines.append(rf"\fancyfoot[{rng.choice('CR')}]{{{foot_tex}}}")
    # report chapters open with the plain style: there it is the running style itself
    first_plain = rng.choice((True, False)) if tpl.doc_class is DocClass.ARTICLE else False
    if first_plain:
        lines.append(rf"\fancypagestyle{{plain}}{{\fancyhf{{}}\renewcommand{{\headrulewidth}}{{0pt}}\fancyfoot[C]{{{foot_tex}}}}}")
    else:
        lines.append(r"\fancypagestyle{plain}{}")
    lines += [rf"\title{{{tex(title)}}}", rf"\author{{{tex(author)}}}", rf"\date{{{tex(date)}}}",
              r"\begin{document}", r"\maketitle"]
    if tpl.doc_class is DocClass.REPORT:
        lines.insert(lines.index(r"\begin{document}"), r"\counterwithout{table}{chapter}\counterwithout{figure}{chapter}")
    if tpl.doc_class is DocClass.REPORT and not first_plain:
        lines.append(r"\thispagestyle{fancy}")

    section_cmds = (("chapter", "section", "subsection") if tpl.doc_class is DocClass.REPORT
                    else ("section", "subsection", "subsubsection"))
    n_sections = rng.randint(3, 5) if tpl.doc_class is DocClass.REPORT else rng.randint(4, 6)
    plan_tables = [C.TableKind.ROW_AND_COLUMN_GROUPS, C.TableKind.GROUP_ROWS] + rng.sample(
        [C.TableKind.SIMPLE_TOTAL, C.TableKind.ROW_AND_COLUMN_GROUPS], 1)
    if not tpl.two_column and rng.random() < 0.6:
        plan_tables.append(C.TableKind.LONG)
    rng.shuffle(plan_tables)
    plan_charts = rng.sample([k for k in C.ChartKind], rng.randint(2, 3))
    tables: list[tuple[C.TableSpec, TS, str, bool]] = []
    charts: list[tuple[C.ChartSpec, str, bool, R]] = []
    notes_left = rng.randint(1, 3)
    counters = [0, 0, 0]

    def para() -> None:
        nonlocal notes_left
        text = C.paragraph(rng)
        truth.paragraphs.append(text)
        order.append(text)
        src = tex(text)
        if notes_left and rng.random() < 0.4:
            notes_left -= 1
            note = C.note_text(rng)
            truth.footnotes.append(note)
            cut = src.find(". ") + 1 or len(src)
            src = src[:cut] + rf"\footnote{{{tex(note)}}}" + src[cut:]
        lines.extend(["", src, ""])

    def heading(level: int) -> None:
        starred = level == 0 and rng.random() < tpl.starred
        topic = rng.choice(C.SECTION_TOPICS if level == 0 else C.SUB_TOPICS)
        if not starred:
            counters[level] += 1
            for k in range(level + 1, 3):
                counters[k] = 0
        number = "" if starred else ".".join(str(counters[k]) for k in range(level + 1))
        lines.append(rf"\{section_cmds[level]}{'*' if starred else ''}{{{tex(topic)}}}")
        text = _heading_text(number, topic)
        truth.headings.append(HeadingTruth(text, level + 2))
        order.append(text)

    n_tab = n_fig = 0
    for s in range(n_sections):
        heading(0)
        para()
        for _ in range(rng.choice((0, 1, 1, 2))):
            heading(1)
            para()
            if rng.random() < 0.25:
                heading(2)
                para()
        if rng.random() < 0.45:
            env = rng.choice(("itemize", "enumerate"))
            items = C.list_items(rng, rng.randint(3, 5))
            lines += [rf"\begin{{{env}}}"] + [rf"\item {tex(it)}" for it in items] + [rf"\end{{{env}}}"]
            truth.list_items += items
            order += items
        if plan_tables and (rng.random() < 0.7 or n_sections - s <= len(plan_tables)):
            tkind = plan_tables.pop()
            n_tab += 1
            for _ in range(20):
                spec = C.make_table(rng, tkind, long_rows=rng.randint(40, 60))
                if spec.n_cols <= (6 if tpl.two_column else 9):
                    break
            style = rng.choice(tpl.table_styles)
            cap = rng.choice(("Results by region", "Half-year comparison", "Key measures", "Account detail",
                              "Segment figures"))
            long = tkind is C.TableKind.LONG
            wide = tpl.two_column and spec.n_cols > 4
            placement = "t" if wide else rng.choice(("H", "H", "htbp"))
            size_cmd = rng.choice((r"\small", r"\footnotesize", r"\normalsize" if not tpl.two_column else r"\small"))
            lines += ["", table_tex(spec, style, size_cmd, cap, long, wide, placement), ""]
            caption = f"Table {n_tab}: {cap}"
            truth.captions.append(caption)
            if long or placement == "H":
                order.append(caption)
            tables.append((spec, style, caption, long))
        if plan_charts and (rng.random() < 0.6 or n_sections - s <= len(plan_charts)):
            ck = plan_charts.pop()
            n_fig += 1
            spec = C.make_chart(rng, ck, rng.choice(tpl.mpl_styles))
            how = rng.choice(tpl.charts) if ck is not C.ChartKind.PIE else rng.choice((R.MPL_PDF, R.MPL_PNG))
            width = r"\columnwidth" if tpl.two_column else rf"{rng.uniform(0.6, 0.9):.2f}\textwidth"
            if how is R.PGFPLOTS:
                spec.title = spec.title if rng.random() < 0.6 else ""
                body = pgfplots_tex(spec, rng, "0.95\\columnwidth" if tpl.two_column else
                                    f"{rng.uniform(9, 13):.1f}cm")
            else:
                f = draw_chart(spec, tmp / f"{stem.name}-fig{n_fig}.{'pdf' if how is R.MPL_PDF else 'png'}",
                               dpi=rng.choice((120, 160, 220)), title=rng.random() < 0.6,
                               font=rng.choice(("DejaVu Sans", "Liberation Sans", "Liberation Serif")),
                               fonttype=rng.choice((3, 42)))
                body = rf"\includegraphics[width={width}]{{{f.name}}}"
            placement = rng.choice(("H", "H", "htbp"))
            caption = f"Figure {n_fig}: {spec.title or 'Chart'}"
            lines += ["", rf"\begin{{figure}}[{placement}]", r"\centering", body,
                      rf"\caption{{{tex(spec.title or 'Chart')}}}", r"\end{figure}", ""]
            truth.captions.append(caption)
            if placement == "H":
                order.append(caption)
            charts.append((spec, caption, how is not R.MPL_PNG, how))
        if rng.random() < 0.5:
            para()
    lines += [r"\end{document}", ""]
    path = stem.with_suffix(".tex")
    path.write_text("\n".join(lines))
    truth.body = order
    return _Draft(path, stem.with_suffix(".pdf"), stem.with_suffix(".json"), truth, header, footer, first_plain,
                  tables, charts)


def compile_tex(draft: _Draft, workdir: Path) -> None:
    """pdflatex twice (longtable widths, LastPage) in ``workdir``; the PDF lands beside the truth."""
    src = workdir / draft.tex.name
    shutil.copy(draft.tex, src)
    for _ in range(2):
        subprocess.run(["pdflatex", "-interaction=batchmode", "-halt-on-error", src.name], cwd=workdir,
                       capture_output=True, timeout=COMPILE_TIMEOUT_S, check=False)
    out = src.with_suffix(".pdf")
    if not out.exists():
        log = src.with_suffix(".log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"pdflatex failed on {draft.tex.name}:\n{log}")
    shutil.move(out, draft.pdf)




def finish(draft: _Draft) -> DocTruth:
    """Page count, furniture and the pages of tables and charts from the PDF's layout."""
    import pymupdf

    t = draft.truth
    with pymupdf.open(draft.pdf) as pdf:
        pages = [C.located_text(p.get_text()) for p in pdf]
    n = len(pages)
    t.pages = n
    for p in range(1, n + 1):
        texts = [] if (p == 1 and draft.first_plain) else list(draft.header)
        t.furniture.append((p, texts + [draft.footer.format(p=p, n=n)]))
    for spec, style, cap, long in draft.tables:
        start = C.page_of(pages, cap)
        end = start
        if long:
            last = next(c for c in spec.grid()[-1] if c is not None).text
            end = max(start, C.page_of(pages, last, start - 1))
        t.tables.append(TableTruth(html=spec.html(), style=f"{style.value}:{spec.kind.value}",
                                   pages=tuple(range(start, end + 1))))
    for spec, cap, vector, how in draft.charts:
        t.charts.append(chart_truth(spec, vector=vector, page=C.page_of(pages, cap), label=how.value))
    return t


class LatexReports:
    """LaTeX reports typeset by pdflatex."""

    name = "pdflatex"
    salt = 13
    default_count = 6

    def available(self) -> str | None:
        if shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None:
            return "pdflatex is not installed (Debian: texlive-latex-recommended texlive-latex-extra texlive-pictures)"
        missing = [s for s in ("booktabs.sty", "multirow.sty", "longtable.sty", "fancyhdr.sty", "pgfplots.sty",
                               "lastpage.sty", "titlesec.sty", "float.sty")
                   if not subprocess.run(["kpsewhich", s], check=False, capture_output=True, text=True).stdout.strip()]
        if missing:
            return f"LaTeX packages missing: {', '.join(missing)} (Debian: texlive-latex-extra texlive-pictures)"
        try:
            import matplotlib  # noqa: F401
            import pymupdf  # noqa: F401
        except ImportError as e:
            return f"pdflatex family needs matplotlib and pymupdf ({e})"
        return None

    def version(self) -> str:
        out = subprocess.run(["pdflatex", "--version"], capture_output=True, text=True, timeout=60, check=False)
        return f"{(out.stdout.splitlines() or ['pdflatex'])[0]} (generator {VERSION})"

    def build(self, split: Split, out_dir: Path, count: int) -> list[FamilyDoc]:
        split = Split(split)
        docs = []
        for stem, tpl, i in C.doc_slots(self.name, split, out_dir, count, DEV_TEMPLATES, TEST_TEMPLATES):
            truth = C.cached_truth(stem.with_suffix(".pdf"), stem.with_suffix(".json"), VERSION)
            if truth is None:
                work = Path(tempfile.mkdtemp(prefix="texfam-"))
                try:
                    draft = write_tex(tpl, random.Random(C.split_seed(split, i, self.salt)), stem, work)
                    compile_tex(draft, work)
                    truth = finish(draft)
                    C.write_truth(truth, draft.truth_path, VERSION)
                finally:
                    shutil.rmtree(work, ignore_errors=True)
            docs.append(FamilyDoc(self.name, split, stem.name, stem.with_suffix(".pdf"), truth))
        return docs
