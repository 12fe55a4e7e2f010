"""Display formulas found among a page's text lines, before they are split into prose blocks.

TeX draws a displayed equation as many small lines (a numerator, a denominator, a big operator and
its limits, each script): the paragraph splitter would scatter them. Here the lines are grouped by
rows (lines sharing a baseline band); a row with running words is prose; the other rows that hold
math (math fonts, math signs, extension-font glyphs) and the small pieces stacked against them form
one display formula region each. Pieces of one prose row split around inline math are joined."""

from __future__ import annotations

import re
from typing import Sequence

from docparse.document import RegionKind
from docparse.options.formulas import FormulaOptions
from docparse.pages.analysis import Drawing, Line, Span, bbox_union
from docparse.pages.mathsymbols import (
    OPERATORS,
    RADICALS,
    RELATIONS,
    FontRole,
    font_role,
    is_extension_code,
    omx_symbol,
)
from docparse.regions.base import RegionProposal
from docparse.regions.block_cues import BULLET_RE, EQUATION_NUMBER_RE, MATH_FONT_RE

_MORE_MATH_FONTS = re.compile(r"txex|pxex|txsy|pxsy|txmi|pxmi|rtx|rpx|bbold|eufm|lmex|lmsy|lmmi", re.I)
_LETTERS_RE = re.compile(r"[A-Za-z]+")
# short italic words of prose, never math letters: "et al." set in italic in a reference list
ITALIC_PROSE = frozenset({"et", "al", "cf", "vs", "ie", "eg", "ibid", "op", "cit", "etc", "viz"})
_ITALIC_WORD = 3  # letters: a shorter italic "word" (dx, ab, Lx) may be math letters set close
_BULLETS = ("•", "·", "◦", "▪", "●", "○", "■", "□", "–", "-")
_RELATIONS = set(RELATIONS) - {":"}
_ENDS_IN_NUMBER_RE = re.compile(r"(^|\s)\(\d{1,3}(\.\d{1,3})?[a-z]?\)\s*$")
_WORD_RE = re.compile(r"[A-Za-z]{2,}")
_FUNCTION_WORDS = frozenset({"sin", "cos", "tan", "log", "ln", "exp", "max", "min", "lim", "sup", "inf", "det",
                             "arg", "if", "for", "and", "dx", "dt", "mod", "otherwise", "where", "with"})
_MATH_SIGNS = set("=+−<>≤≥≠≈×±∈∼≡→∑∏∫√∞∂∇⊂⊆∪∩∀∃")
_SPLIT_SIGNS = set("=+−<>≤≥≠≈∈∼≡→")  # a row (not a line) that shows them between its pieces


def _math_span(span: Span) -> bool:
    """Set in a math font (bullets drawn from a symbol font are not math)."""
    return bool(MATH_FONT_RE.search(span.font) or _MORE_MATH_FONTS.search(span.font)) and (
        span.text.strip() not in _BULLETS)


def math_glyphs(line: Line) -> int:
    """Glyphs of the line that are math: set in a math font, math signs, or letters standing alone
    in an italic text font (Times-like math sets its variables in the text italic)."""
    n = 0
    for s in line.spans:
        text = s.text.strip()
        if _math_span(s):
            n += len(text)
            continue
        n += sum(1 for c in text if c in _MATH_SIGNS)
        if s.italic:
            n += sum(len(w) for w in _LETTERS_RE.findall(text)
                     if len(w) < _ITALIC_WORD and w.lower() not in ITALIC_PROSE)
    return n


def prose_words(lines: Sequence[Line]) -> int:
    """Running words in text fonts (function names and connectives of formulas left out)."""
    n = 0
    for line in lines:
        for s in line.spans:
            if _math_span(s):
                continue
            shortest = _ITALIC_WORD if s.italic else 2  # italic math letters set close read as "words"
            n += sum(1 for w in _WORD_RE.findall(s.text) if len(w) >= shortest and w.lower() not in _FUNCTION_WORDS)
    return n


def _has_big_glyph(line: Line) -> bool:
    """A big operator, delimiter or radical from a math-extension font."""
    return any(font_role(s.font) is FontRole.EXTENSION and s.text.strip() for s in line.spans)


def _overlap_y(a: Line, b: Line) -> float:
    inter = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    return inter / max(min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]), 0.1)


def _same_row(a: Line, b: Line, reach: float) -> bool:
    gap = max(a.bbox[0], b.bbox[0]) - min(a.bbox[2], b.bbox[2])
    return _overlap_y(a, b) >= 0.5 and gap <= reach * max(a.size, b.size, 1.0)


def rows_of(lines: Sequence[Line], reach: float) -> list[list[int]]:
    """Line indices grouped by rows: lines whose boxes share most of their height and follow one
    another closely (``reach`` em: a page's other column is another row)."""
    order = sorted(range(len(lines)), key=lambda k: (lines[k].bbox[1] + lines[k].bbox[3]) / 2)
    rows: list[list[int]] = []
    for k in order:
        line = lines[k]
        host = next((r for r in reversed(rows[-8:]) if any(_same_row(lines[j], line, reach) for j in r)), None)
        if host is None:
            rows.append([k])
        else:
            host.append(k)
    return rows


def _is_prose_row(lines: Sequence[Line], options: FormulaOptions) -> bool:
    # a list item is prose too; "· sin q" inside a display only starts with a bullet-like dot
    return prose_words(lines) >= options.prose_row_words or any(
        BULLET_RE.match(line.text) and prose_words([line]) for line in lines)


def _near(a: Line, b: Line, options: FormulaOptions) -> bool:
    """Two pieces of one display: stacked close above one another (a big operator reaching down to
    its limit), side by side on one row, or an equation number "(3)" at the row's far end."""
    size = max(a.size, b.size, 1.0)
    (a_top, a_bottom), (b_top, b_bottom) = _extent(a), _extent(b)
    dy = max(a_top, b_top) - min(a_bottom, b_bottom)
    dx = max(a.bbox[0], b.bbox[0]) - min(a.bbox[2], b.bbox[2])
    if dy < 0 and _overlap_y(a, b) >= 0.3:
        left = a if a.bbox[0] <= b.bbox[0] else b
        if _ENDS_IN_NUMBER_RE.search(left.text):
            return False  # an equation number ends its display: what stands right of it is another one
        number = EQUATION_NUMBER_RE.match(a.text) or EQUATION_NUMBER_RE.match(b.text)
        return dx <= (options.display_reach if number else options.display_row_reach) * size
    return dy <= options.display_join * size and dx <= options.stack_reach * size


def _clusters(lines: Sequence[Line], candidates: list[int], options: FormulaOptions) -> list[list[int]]:
    groups: list[list[int]] = []
    for k in sorted(candidates, key=lambda k: lines[k].bbox[1]):
        joined = [g for g in groups if any(_near(lines[j], lines[k], options) for j in g)]
        merged = [k] + [j for g in joined for j in g]
        groups = [g for g in groups if g not in joined] + [merged]
    return groups


_RADICAL_HANG = 0.8  # em: a symbol-font root sign reaches this far below the box MuPDF gives it


def _extent(line: Line) -> tuple[float, float]:
    """The line's true height: extension-font glyphs (big operators, delimiters, radicals) hang
    far below the box MuPDF gives them."""
    bottom = line.bbox[3]
    for s in line.spans:
        if s.text.strip() in RADICALS and font_role(s.font) in (FontRole.SYMBOL, FontRole.EXTENSION):
            bottom = max(bottom, s.bbox[3] + _RADICAL_HANG * s.size)  # a root sign hangs from its origin
        if font_role(s.font) is FontRole.EXTENSION:
            for c in s.text:
                omx = omx_symbol(c) if is_extension_code(c) else None
                if omx is not None:
                    bottom = max(bottom, s.bbox[1] + omx[2] * s.size)
    return line.bbox[1], bottom


def _relation_x(lines: Sequence[Line], first: bool) -> list[float]:
    """Where relation signs start on these lines (only the row's first glyph when ``first``)."""
    out = []
    row = sorted((s for line in lines for s in line.spans if s.text.strip()), key=lambda s: s.bbox[0])
    for s in row[:1] if first else row:
        text = s.text
        width = (s.bbox[2] - s.bbox[0]) / max(len(text), 1)
        for k, c in enumerate(text):
            if c in _RELATIONS and (not first or not text[:k].strip()):
                out.append(s.bbox[0] + k * width)  # where in the span the sign stands (by characters)
    return out


def _connected(above: Sequence[Line], below: Sequence[Line], gap: tuple[float, float], rules: Sequence[Drawing],
               size: float) -> bool:
    """Two stacks of lines are one formula: a rule between them (a fraction bar), or the lower row
    goes on at the upper row's relation (``&= …`` of an align)."""
    x0 = max(min(ln.bbox[0] for ln in above), min(ln.bbox[0] for ln in below))
    x1 = min(max(ln.bbox[2] for ln in above), max(ln.bbox[2] for ln in below))
    for d in rules:
        y = (d.bbox[1] + d.bbox[3]) / 2
        if gap[0] - 1.5 <= y <= gap[1] + 1.5 and d.bbox[0] < x1 and d.bbox[2] > x0:
            return True
    lower_top = min(ln.bbox[1] for ln in below)
    lower = [ln for ln in below if ln.bbox[1] <= lower_top + size]
    return _limits_under(above, lower, size) or any(
        abs(a - b) <= size for a in _relation_x(above, False) for b in _relation_x(lower, True))


def _limits_under(above: Sequence[Line], lower: Sequence[Line], size: float) -> bool:
    """The lines on one side are script-size and sit under (or over) a big operator of the other
    side: its limits."""
    return _limits_of(above, lower, size) or _limits_of(lower, above, size)


def _limits_of(ops_side: Sequence[Line], scripts: Sequence[Line], size: float) -> bool:
    ops = [s.bbox for ln in ops_side for s in ln.spans if s.text.strip() and (
        font_role(s.font) is FontRole.EXTENSION or any(c in OPERATORS for c in s.text))]  # ∑ from a Symbol font too
    near = [ln for ln in scripts if any(min(abs(ln.bbox[3] - b[1]), abs(ln.bbox[1] - b[3])) <= 2 * size for b in ops)]
    return bool(ops) and bool(near) and all(
        ln.size <= 0.85 * size and any(b[0] - 0.5 * size <= (ln.bbox[0] + ln.bbox[2]) / 2 <= b[2] + 0.5 * size for b in ops)
        for ln in near)


def split_stacked(lines: list[Line], rules: Sequence[Drawing]) -> list[list[Line]]:
    """Displays set one under another without prose between: cut where no glyph spans the height,
    unless a rule or an aligned relation joins the two sides."""
    spans = sorted(((*_extent(ln), k) for k, ln in enumerate(lines)))
    size = max(max(ln.size for ln in lines), 1.0)
    groups: list[list[int]] = []
    bottom = -1e9
    for top, low, k in spans:
        if groups and top > bottom:
            above = [lines[j] for j in groups[-1]]
            if not _connected(above, [lines[k]] + [lines[j] for t, _, j in spans if t >= top and j != k],
                              (bottom, top), rules, size):
                groups.append([])
        if not groups:
            groups.append([])
        groups[-1].append(k)
        bottom = max(bottom, low)
    return [[lines[j] for j in g] for g in groups]


def find_display_formulas(lines: Sequence[Line], options: FormulaOptions,
                          drawings: Sequence[Drawing] = ()) -> tuple[list[RegionProposal], list[Line]]:
    """Display formula regions, and the lines left for the paragraph chain."""
    rows = rows_of(lines, options.row_reach)
    rules = [d for d in drawings if d.bbox[3] - d.bbox[1] <= options.rule_max_thickness
             and d.bbox[2] - d.bbox[0] >= options.rule_min_width]
    candidates: list[int] = []
    for row in rows:
        members = [lines[k] for k in row]
        if not _is_prose_row(members, options) and (any(math_glyphs(m) for m in members) or not prose_words(members)):
            candidates += row  # no running text; a row of words alone ("value.") is no formula piece
    strong = {k for k in candidates if math_glyphs(lines[k]) >= options.display_min_math or _has_big_glyph(lines[k])}
    found: list[RegionProposal] = []
    used: set[int] = set()
    for group in _clusters(lines, candidates, options):
        math = sum(math_glyphs(lines[k]) for k in group)
        chars = sum(len(lines[k].text.replace(" ", "")) for k in group)
        if not strong.intersection(group) or math < options.display_math_share * chars:
            continue
        for part in split_stacked([lines[k] for k in group], rules):
            members = sorted(part, key=lambda ln: (ln.bbox[1], ln.bbox[0]))
            found.append(RegionProposal(bbox=bbox_union([ln.bbox for ln in members]), kind=RegionKind.FORMULA,
                                        lines=members))
        used.update(group)
    rest = [line for k, line in enumerate(lines) if k not in used]
    return found, rest


def _bar_between(a: Line, b: Line, rules: Sequence[Drawing]) -> bool:
    """A fraction bar under the end of ``a`` and over the start of ``b`` (an inline \\frac split in two lines)."""
    x0, x1 = b.bbox[0], a.bbox[2]
    top, bottom = max(a.bbox[1], b.bbox[1]), min(a.bbox[3], b.bbox[3])
    return x1 > x0 and any(d.bbox[0] < x1 and d.bbox[2] > x0 and top <= (d.bbox[1] + d.bbox[3]) / 2 <= bottom
                           for d in rules)


def join_split_rows(lines: Sequence[Line], options: FormulaOptions, drawings: Sequence[Drawing] = ()) -> list[Line]:
    """Pieces of one prose row that MuPDF split around inline math (a raised script starts a new
    line) join again, left to right, when they touch and one of them holds math (or a fraction bar
    stands between them)."""
    rules = [d for d in drawings if d.bbox[3] - d.bbox[1] <= options.rule_max_thickness and d.bbox[2] - d.bbox[0] < 40]
    out = list(lines)
    k = 0
    while k < len(out) - 1:
        a, b = out[k], out[k + 1]
        size = max(a.size, b.size, 1.0)
        gap = b.bbox[0] - a.bbox[2]
        # b starts inside or just after a (a subscript under a superscript starts left of its end)
        if a.horizontal and b.horizontal and _overlap_y(a, b) >= 0.5 and b.bbox[0] >= a.bbox[0] - 0.5 and (
                gap <= options.inline_join * size) and (math_glyphs(a) or math_glyphs(b) or _bar_between(a, b, rules)):
            spans = sorted(a.spans + b.spans, key=lambda s: s.bbox[0])
            out[k] = Line(spans=spans, bbox=bbox_union([a.bbox, b.bbox]), block=a.block, direction=a.direction)
            del out[k + 1]
            continue
        k += 1
    return out
