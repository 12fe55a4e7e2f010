"""The formula part of the text-layer reader: a formula region's LaTeX, and inline math in runs."""

from __future__ import annotations

from typing import Callable, Sequence

from docparse.document import TextRun
from docparse.geometry import BBox
from docparse.options.formulas import FormulaOptions
from docparse.pages.analysis import Line, PageAnalysis, Span, bbox_union
from docparse.pages.glyphs import Glyph, is_combining
from docparse.pages.mathsymbols import RADICALS, FontRole, font_role, is_negation
from docparse.readers.formulas import formula_latex, rules_in
from docparse.readers.formulas.inline import cut_inline_math, expand_runs


def _hanging_radical(g: Glyph) -> bool:
    """A radical sign of a symbol or extension font: TeX hangs it from its origin (the text layer's
    box for it stands a line too high)."""
    return g.char in RADICALS and font_role(g.font) in (FontRole.SYMBOL, FontRole.EXTENSION)


def _inside(g: Glyph, box: BBox, pad: float) -> bool:
    cx = (g.x0 + g.x1) / 2
    cy = g.baseline + 0.5 * g.size if _hanging_radical(g) else (g.top + g.bottom) / 2
    return box[0] - pad <= cx <= box[2] + pad and box[1] - pad <= cy <= box[3] + pad


def glyphs_of(spans: Sequence[Span], glyphs: Sequence[Glyph], pad: float = 0.5) -> list[Glyph]:
    """The glyphs drawn by these spans: same font, inside one of their boxes (a tall radical's box
    reaches into the next line; that line's glyphs are in another font or outside the x range)."""
    out = []
    for g in glyphs:
        if any(g.font == s.font and _inside(g, s.bbox, pad) for s in spans) or (
                font_role(g.font) is FontRole.EXTENSION and (g.char.isspace() or g.char < "\x20")) or (  # no span holds these codes
                (is_negation(g.char) or is_combining(g.char)) and any(_inside(g, s.bbox, pad) for s in spans)) or (  # a slash, an arrow over a glyph of another font
                _hanging_radical(g) and spans and _inside(g, bbox_union([s.bbox for s in spans]), pad)):  # a root sign beside its spans
            out.append(g)
    return out


class FormulaReader:
    """Reads formulas from a page's glyphs (read once per page and kept for its regions)."""

    def __init__(self, options: FormulaOptions | None = None) -> None:
        self.options = options or FormulaOptions()
        self._page: tuple[PageAnalysis, list[Glyph]] | None = None  # the page last read, and its glyphs

    def _glyphs(self, page: PageAnalysis) -> list[Glyph]:
        if self._page is None or self._page[0] is not page:
            glyphs = page.glyphs(page.bbox) if page.glyphs is not None else []
            self._page = (page, glyphs)
        return self._page[1]

    def usable(self, page: PageAnalysis) -> bool:
        return self.options.formula_latex and not page.ocr and page.glyphs is not None

    def display(self, lines: Sequence[Line], page: PageAnalysis) -> str | None:
        """A formula region's LaTeX (``\\tag{n}`` for its equation number); None when not rebuilt."""
        if not self.usable(page) or not lines:
            return None
        box = bbox_union([line.bbox for line in lines])
        spans = [s for line in lines for s in line.spans]
        size = max(line.size for line in lines)
        # a stretched bar at the formula's edge has no text-layer line of its own: look a little wider
        wide = (box[0] - size, box[1], box[2] + size, box[3])
        glyphs = glyphs_of(spans, [g for g in self._glyphs(page) if _inside(g, box, 1.0) or (
            _inside(g, wide, 1.0) and font_role(g.font) is FontRole.EXTENSION)])
        found = formula_latex(glyphs, rules_in(page.drawings, box, self.options), self.options)
        if found is None:
            return None
        return found.latex + (f" \\tag{{{found.tag}}}" if found.tag else "")

    def _span_latex(self, spans: Sequence[Span], page: PageAnalysis) -> str | None:
        box = bbox_union([s.bbox for s in spans])
        glyphs = glyphs_of(spans, [g for g in self._glyphs(page) if _inside(g, box, 1.0)], 0.3)
        found = formula_latex(glyphs, rules_in(page.drawings, box, self.options), self.options)
        return found.latex if found is not None else None

    def inline_runs(self, lines: Sequence[Line], page: PageAnalysis,
                    to_runs: Callable[[Sequence[Line]], list[TextRun]]) -> list[TextRun] | None:
        """The lines' runs with inline math as runs carrying ``latex``; None when there is none."""
        if not self.usable(page) or not self.options.inline_latex:
            return None
        cut, maths = cut_inline_math(lines, lambda spans: self._span_latex(spans, page))
        if not maths:
            return None
        return expand_runs(to_runs(cut), maths)
