"""Formula options: how born-digital math is rebuilt as LaTeX from glyphs and rules.

Lengths are in font sizes (em of the formula's main size) unless named otherwise."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormulaOptions:
    formula_latex: bool = True  # rebuild LaTeX for formula regions and inline math (False: Unicode text only)
    inline_latex: bool = True  # math-font runs inside paragraphs become inline $…$ spans
    script_size: float = 0.9  # a glyph smaller than this share of the line's main size may be a script
    built_shift: float = 0.3  # em: a fraction or radical whose estimated baseline is this close sits on the line
    script_shift: float = 0.12  # a baseline this far (em) above/below the line's is a superscript/subscript
    row_gap: float = 0.55  # baselines of main-size glyphs this far apart (em) are separate rows
    rule_max_thickness: float = 1.6  # points: thicker drawings are no fraction bar or radical overbar
    rule_min_width: float = 2.0  # points: shorter rules are no fraction bar
    rule_reach: float = 0.9  # em: numerator/denominator glyphs start within this of their bar
    overline_reach: float = 0.2  # em: a rule with nothing over it and glyphs' tops this close under it is an \overline (a display fraction's denominator starts 0.24 em under its bar)
    stack_touch: float = 0.35  # em: glyphs this close vertically stack into one numerator/denominator
    stack_line: float = 0.8  # em: a numerator's/denominator's glyphs keep their baselines this close to its seeds'
    radical_join: float = 0.6  # em: an overbar starts this close to its radical sign's right edge
    column_gap: float = 0.7  # em: a gap this wide across every row of a matrix or cases separates columns
    binom_row_gap: float = 1.3  # em: two rows in parentheses this far apart are a \binom (a matrix's are 1.2 em)
    word_gap: float = 0.2  # em: upright letters closer than this form one word (a function name)
    tag_gap: float = 1.0  # em: an equation number stands at least this far right of the formula
    axis_height: float = 0.25  # em: the math axis above the baseline (fraction bars sit on it)
    max_glyphs: int = 600  # a region with more glyphs keeps its Unicode text (no LaTeX)
    inline_min_math_share: float = 0.5  # of a run's glyphs in math fonts: it is inline math
    prose_row_words: int = 3  # running words (not function names) that make a row prose, never a display formula
    display_min_math: int = 2  # math glyphs a line needs to seed a display formula
    display_math_share: float = 0.3  # of a display formula's glyphs, at least this share are math
    display_join: float = 0.9  # em: lines this close vertically belong to one display formula
    display_reach: float = 16.0  # em: an equation number "(3)" sits this far right of its formula at most
    row_reach: float = 0.8  # em: pieces of one prose row follow one another this closely (a column gutter is wider)
    display_row_reach: float = 3.0  # em: pieces of one display row (split by \\quad, a big operator) stand this close
    stack_reach: float = 1.0  # em: lines stacked in one display overlap or stand this close horizontally
    inline_join: float = 0.6  # em: pieces of a prose row this close are joined when one holds math
