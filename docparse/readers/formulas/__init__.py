"""Born-digital formulas as LaTeX, rebuilt from the text layer's glyphs and the page's rules.

The chain: glyphs → symbols (:mod:`.atoms`: glyph-to-command maps for Computer Modern, AMS, Latin
Modern, Times-like math fonts and Unicode math; accents; function names) → fractions and radicals
from their rules, fenced groups, matrices and cases (:mod:`.structure`) → rows, nuclei, scripts and
limits (:mod:`.lines`). Equation numbers at the far right become ``\\tag{n}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from docparse.geometry import BBox
from docparse.options.formulas import FormulaOptions
from docparse.pages.analysis import Drawing
from docparse.pages.glyphs import Glyph
from docparse.pages.mathsymbols import RELATIONS, FontRole, font_role, is_negation
from docparse.readers.formulas.atoms import attach_accents, glyph_sym, join_pieces, join_words, negate_relations
from docparse.readers.formulas.lines import render, render_line, split_rows
from docparse.readers.formulas.structure import Rule, apply_delimiters, apply_rules

__all__ = ["FormulaLatex", "formula_latex", "rules_in"]

_TAG_RE = re.compile(r"^\((\S{1,8})\)$")


@dataclass(frozen=True, slots=True)
class FormulaLatex:
    latex: str
    tag: str | None = None  # the equation number, left out of ``latex`` (``\tag{…}`` is added by callers)


def rules_in(drawings: Sequence[Drawing], bbox: BBox, options: FormulaOptions) -> list[Rule]:
    """Thin horizontal drawings inside the box: fraction bars and radical overbars."""
    out = []
    for d in drawings:
        x0, y0, x1, y1 = d.bbox
        if y1 - y0 <= options.rule_max_thickness and x1 - x0 >= options.rule_min_width and (
                x0 >= bbox[0] - 2 and x1 <= bbox[2] + 2 and y0 >= bbox[1] - 4 and y1 <= bbox[3] + 4):
            out.append(Rule(x0, x1, (y0 + y1) / 2))
    return out


def _split_tags(glyphs: list[Glyph], options: FormulaOptions) -> tuple[list[Glyph], list[str]]:
    """Glyphs right of a wide empty gap that read "(n)" on each of their baselines: equation numbers."""
    if len(glyphs) < 4:
        return glyphs, []
    ordered = sorted(glyphs, key=lambda g: g.x0)
    size = max(g.size for g in glyphs)
    reach = ordered[0].x1
    for k in range(1, len(ordered)):
        if ordered[k].x0 - reach >= options.tag_gap * size:
            right = ordered[k:]
            tags = _tag_texts(right)
            if tags:
                return ordered[:k], tags
        reach = max(reach, ordered[k].x1)
    return glyphs, []


def _tag_texts(glyphs: list[Glyph]) -> list[str]:
    lines: dict[int, list[Glyph]] = {}
    for g in glyphs:
        lines.setdefault(round(g.baseline / 3), []).append(g)
    texts = ["".join(g.char for g in sorted(row, key=lambda g: g.x0)) for _, row in sorted(lines.items())]
    found = [m.group(1) for m in map(_TAG_RE.match, texts) if m]
    return found if len(found) == len(texts) else []


def _aligned(rows: list[str]) -> str:
    """Rows of a multi-line display, aligned at each row's first relation."""
    out = []
    for row in rows:
        at = _first_relation(row)
        out.append(row[:at] + " &" + row[at:] if at >= 0 else "& " + row)
    return r"\begin{aligned} " + r" \\ ".join(out) + r" \end{aligned}"


_RELATION_AT = re.compile(" (" + "|".join(re.escape(r) for r in sorted(set(RELATIONS.values()), key=len, reverse=True)) + ") ")


def _first_relation(row: str) -> int:
    """Where the row's first relation stands outside every brace group (not in a subscript); -1 if none."""
    for m in _RELATION_AT.finditer(row):
        head = row[:m.start()]
        if head.count("{") == head.count("}") and head.count(r"\left") == head.count(r"\right"):
            return m.start()
    return -1


def formula_latex(glyphs: Sequence[Glyph], rules: Sequence[Rule], options: FormulaOptions | None = None) -> FormulaLatex | None:
    """The LaTeX of one formula from its glyphs and rules; None when there is nothing to read."""
    options = options or FormulaOptions()
    glyphs = [g for g in glyphs if g.char.strip() or font_role(g.font) is FontRole.EXTENSION]  # 0x0C, 0x20: glyphs
    if not glyphs or len(glyphs) > options.max_glyphs:
        return None
    glyphs, tags = _split_tags(list(glyphs), options)
    syms = [glyph_sym(g, options) for g in glyphs]
    syms, chars = negate_relations(syms, ["\u0338" if is_negation(g.char) else g.char for g in glyphs])
    syms = attach_accents(syms, chars)
    syms = join_pieces(join_words(syms, options))
    syms = apply_rules(syms, rules, lambda g: render(g, options), options)
    syms = apply_delimiters(syms, lambda g: render(g, options), lambda g: split_rows(g, options), options)
    rows = split_rows(syms, options)
    if len(rows) == 1:
        latex = render_line(rows[0], options)
    else:
        latex = _aligned([render_line(r, options) for r in rows])
    if not latex:
        return None
    return FormulaLatex(latex, tags[0] if len(tags) == 1 else None)
