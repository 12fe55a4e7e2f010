"""Six report templates (CSS themes + layout choices) for the HTML families.

Templates A-C make the dev split, D-F the test split: a model tuned on dev never saw the fonts,
furniture layout or column setup of a test template. Each template still draws its sizes,
spacing, colours and alignment at random per document.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from benchmarks.families.html_tables import TableStyle


class PageNumber(str, Enum):
    BARE = "{n}"
    PAGE = "Page {n}"
    PAGE_OF = "Page {n} of {total}"
    SLASH = "{n} / {total}"
    DASHED = "- {n} -"

    def text(self, n: int, total: int) -> str:
        return self.value.format(n=n, total=total)

    def css(self) -> str:
        parts = []
        for piece in self.value.replace("{n}", "\0n\0").replace("{total}", "\0t\0").split("\0"):
            if piece == "n":
                parts.append("counter(page)")
            elif piece == "t":
                parts.append("counter(pages)")
            elif piece:
                parts.append(f'"{piece}"')
        return " ".join(parts)


class H2Decor(str, Enum):
    """How section headings are set off: nothing, a rule below, or a filled band."""
    PLAIN = "plain"
    RULE = "rule"
    BAR = "bar"


class Running(str, Enum):
    """What a running header or footer slot prints."""
    COMPANY = "company"
    TITLE = "title"  # the document title again (must not cost the title itself)
    KIND = "kind"  # "Annual Report 2021"
    CONFIDENTIAL = "confidential"
    DATE = "date"


@dataclass(frozen=True)
class Theme:
    template: str
    font: str
    heading_font: str
    size_pt: float
    line_height: float
    columns: int
    justify: bool
    margin_mm: tuple[int, int]  # vertical, horizontal
    page_size: str
    header: tuple[tuple[str, Running], ...]  # (slot like "top-left", what)
    footer: tuple[tuple[str, Running], ...]
    page_number: PageNumber
    number_slot: str
    furniture_on_first: bool
    numbered_headings: float  # probability a document numbers its headings
    float_footnotes: bool  # WeasyPrint float: footnote (else notes at the end of the section)
    table_styles: tuple[TableStyle, ...]
    accent: str
    title_size_em: float
    indent_paragraphs: bool
    caption_tag: bool  # <caption> instead of a caption paragraph
    chart_font: str
    title_align: str = "left"
    h2_decor: H2Decor = H2Decor.PLAIN


SANS = ["Liberation Sans", "DejaVu Sans", "Noto Sans", "TeX Gyre Heros", "Nimbus Sans"]
SERIF = ["DejaVu Serif", "Liberation Serif", "Noto Serif", "TeX Gyre Termes", "TeX Gyre Pagella",
         "TeX Gyre Bonum", "TeX Gyre Schola", "C059", "P052"]
ACCENTS = ["#1f3b63", "#7a1f2b", "#225c3a", "#333333", "#5a2d82", "#0b5c6b", "#000000"]
ALL_STYLES = tuple(TableStyle)


def _pick(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool)


def _base(rng: random.Random, template: str, **kw: object) -> Theme:
    """The per-document draws every template shares; ``kw`` is the template's own choices."""
    theme = Theme(
        template=template, font=_pick(rng, SANS), heading_font="", size_pt=round(rng.uniform(9.0, 11.5), 1),
        line_height=round(rng.uniform(1.2, 1.6), 2), columns=1, justify=rng.random() < 0.4,
        margin_mm=(rng.randint(18, 28), rng.randint(16, 26)), page_size=rng.choice(["A4", "Letter"]),
        header=(), footer=(), page_number=PageNumber.BARE, number_slot="bottom-center",
        furniture_on_first=rng.random() < 0.6, numbered_headings=0.5, float_footnotes=rng.random() < 0.6,
        table_styles=ALL_STYLES, accent=rng.choice(ACCENTS), title_size_em=round(rng.uniform(1.6, 2.4), 2),
        indent_paragraphs=rng.random() < 0.25, caption_tag=rng.random() < 0.5,
        chart_font=rng.choice(["DejaVu Sans", "Liberation Sans", "Noto Sans"]),
        title_align=rng.choice(["left", "left", "center"]), h2_decor=rng.choice([H2Decor.PLAIN, H2Decor.PLAIN, H2Decor.RULE, H2Decor.BAR]))
    theme = replace(theme, **kw)  # type: ignore[arg-type]
    heading_font = theme.font if rng.random() < 0.6 else _pick(rng, SANS + SERIF)
    return replace(theme, heading_font=heading_font)


def template_a(rng: random.Random) -> Theme:
    """Corporate: sans, one column, company top right, bare page number centred."""
    return _base(rng, "A", header=(("top-right", Running.COMPANY),), page_number=PageNumber.BARE,
                 number_slot=rng.choice(["bottom-center", "bottom-right"]), numbered_headings=0.3)


def template_b(rng: random.Random) -> Theme:
    """Technical: serif, two columns, the title repeated top left, "Page n of N"."""
    return _base(rng, "B", font=_pick(rng, SERIF), columns=2, size_pt=round(rng.uniform(8.5, 10.0), 1),
                 header=(("top-left", Running.TITLE),), page_number=PageNumber.PAGE_OF,
                 number_slot="bottom-right", numbered_headings=0.9, justify=True)


def template_c(rng: random.Random) -> Theme:
    """Memo: one column, confidentiality footer left, "n / N" right, no furniture on page 1."""
    return _base(rng, "C", font=_pick(rng, ["Noto Serif", "Noto Sans", "Liberation Serif"]),
                 footer=(("bottom-left", Running.CONFIDENTIAL),), page_number=PageNumber.SLASH,
                 number_slot="bottom-right", furniture_on_first=False, numbered_headings=0.2,
                 float_footnotes=False)


def template_d(rng: random.Random) -> Theme:
    """Academic: TeX Gyre serif, two columns, kind centred on top, "- n -" centred below."""
    return _base(rng, "D", font=_pick(rng, ["TeX Gyre Pagella", "TeX Gyre Termes", "TeX Gyre Bonum", "P052"]),
                 columns=2, size_pt=round(rng.uniform(8.5, 10.0), 1), header=(("top-center", Running.KIND),),
                 page_number=PageNumber.DASHED, number_slot="bottom-center", numbered_headings=0.8)


def template_e(rng: random.Random) -> Theme:
    """Modern: geometric sans, one column, company left and date right on top, "Page n"."""
    return _base(rng, "E", font=_pick(rng, ["TeX Gyre Adventor", "TeX Gyre Heros", "Noto Sans", "URW Gothic"]),
                 header=(("top-left", Running.COMPANY), ("top-right", Running.DATE)),
                 page_number=PageNumber.PAGE, number_slot=rng.choice(["bottom-right", "bottom-left"]),
                 numbered_headings=0.4)


def template_f(rng: random.Random) -> Theme:
    """Dense: small serif, two columns, title repeated top right, confidential + number below."""
    return _base(rng, "F", font=_pick(rng, ["Liberation Serif", "Noto Serif", "DejaVu Serif", "C059"]),
                 columns=2, size_pt=round(rng.uniform(8.0, 9.5), 1), line_height=round(rng.uniform(1.15, 1.35), 2),
                 margin_mm=(rng.randint(14, 20), rng.randint(12, 18)),
                 header=(("top-right", Running.TITLE),), footer=(("bottom-left", Running.CONFIDENTIAL),),
                 page_number=rng.choice([PageNumber.BARE, PageNumber.PAGE_OF]), number_slot="bottom-right",
                 numbered_headings=0.6)


TemplateFn = Callable[[random.Random], Theme]

DEV_TEMPLATES = (template_a, template_b, template_c)
TEST_TEMPLATES = (template_d, template_e, template_f)


def page_css(theme: Theme, running: dict[Running, str]) -> str:
    """``@page`` rules with margin boxes for the running texts and the page number."""
    boxes = []
    for slot, what in theme.header:
        boxes.append(f'@{slot} {{ content: "{running[what]}"; }}')
    for slot, what in theme.footer:
        boxes.append(f'@{slot} {{ content: "{running[what]}"; }}')
    boxes.append(f"@{theme.number_slot} {{ content: {theme.page_number.css()}; }}")
    box_css = " ".join(boxes)
    font = f'font-family: "{theme.font}"; font-size: {max(7.0, theme.size_pt - 2):.1f}pt; color: #555;'
    v, h = theme.margin_mm
    first = "" if theme.furniture_on_first else "@page :first { " + " ".join(
        f"@{slot} {{ content: none; }}" for slot in _slots(theme)) + " }"
    return (f"@page {{ size: {theme.page_size}; margin: {v}mm {h}mm; {box_css} }}\n"
            f"@page {{ @top-left {{ {font} }} @top-center {{ {font} }} @top-right {{ {font} }}"
            f" @bottom-left {{ {font} }} @bottom-center {{ {font} }} @bottom-right {{ {font} }} }}\n{first}")


def _slots(theme: Theme) -> list[str]:
    return [s for s, _ in theme.header] + [s for s, _ in theme.footer] + [theme.number_slot]


_H2_DECOR = {
    H2Decor.PLAIN: "",
    H2Decor.RULE: "h2 {{ border-bottom: 0.8pt solid {accent}; padding-bottom: 0.15em; }}",
    H2Decor.BAR: "h2 {{ background: {accent}; color: white; padding: 0.15em 0.4em; }}",
}


def body_css(theme: Theme) -> str:
    align = "justify" if theme.justify else "left"
    indent = "text-indent: 1.2em; margin: 0;" if theme.indent_paragraphs else "margin: 0 0 0.6em 0;"
    cols = ""
    if theme.columns > 1:
        cols = (".main { columns: 2; column-gap: 7mm; }\n"
                ".main + .main, .tablewrap + .main, figure + .main { margin-top: 0.4em; }\n")
    return f"""
body {{ font-family: "{theme.font}"; font-size: {theme.size_pt}pt; line-height: {theme.line_height};
       color: #111; margin: 0; }}
p {{ text-align: {align}; {indent} }}
h1, .title {{ font-family: "{theme.heading_font}"; font-size: {theme.title_size_em}em; color: {theme.accent};
             margin: 0 0 0.6em 0; line-height: 1.15; }}
h1, .title {{ text-align: {theme.title_align}; }}
h2 {{ font-family: "{theme.heading_font}"; font-size: 1.35em; color: {theme.accent}; margin: 1.0em 0 0.4em 0; }}
{_H2_DECOR[theme.h2_decor].format(accent=theme.accent)}
h3 {{ font-family: "{theme.heading_font}"; font-size: 1.12em; margin: 0.8em 0 0.3em 0; }}
h4 {{ font-family: "{theme.heading_font}"; font-size: 1.0em; font-style: italic; margin: 0.6em 0 0.2em 0; }}
ul, ol {{ margin: 0.3em 0 0.6em 0; padding-left: 1.6em; }}
li {{ margin-bottom: 0.15em; }}
figure {{ margin: 0.6em 0; text-align: center; }}
figure img {{ max-width: 100%; }}
figcaption {{ font-size: 0.9em; font-style: italic; }}
p.fnote {{ font-size: 0.78em; margin: 0.2em 0; text-indent: 0; }}
.fn {{ float: footnote; font-size: 0.8em; }}
{cols}"""
