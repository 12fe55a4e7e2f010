"""Formula structure drawn in two dimensions: fractions and radicals from their rules, fenced groups
(``\\left( … \\right)``), matrices and cases from stretched delimiters and column alignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from docparse.options.formulas import FormulaOptions
from docparse.pages.mathsymbols import SymKind
from docparse.readers.formulas.atoms import Sym

Render = Callable[[list[Sym]], str]


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal rule in the formula: a fraction bar or a radical's overbar."""

    x0: float
    x1: float
    y: float


def _in_columns(s: Sym, x0: float, x1: float, slack: float) -> bool:
    return x0 - slack <= s.cx <= x1 + slack


def _blocked(s: Sym, rule: Rule, others: Sequence[Rule]) -> bool:
    """Another (longer, not yet built) rule lies between the symbol and this rule."""
    lo, hi = sorted((s.cy, rule.y))
    return any(r is not rule and lo < r.y < hi and r.x0 < s.x1 and r.x1 > s.x0 for r in others)


def _stack(syms: Sequence[Sym], rule: Rule, above: bool, others: Sequence[Rule], options: FormulaOptions) -> list[int]:
    """Indices of the symbols stacked on one side of a rule: those starting within reach of it,
    and those touching them (scripts, taller parts), all inside the rule's width."""
    size = max((s.size for s in syms if _in_columns(s, rule.x0, rule.x1, 0)), default=10.0)
    slack = 0.15 * size

    def side(s: Sym) -> bool:
        return (s.base < rule.y if above else s.top > rule.y - 0.25 * size) and _in_columns(s, rule.x0, rule.x1, slack) \
            and not _blocked(s, rule, others)

    def gap(s: Sym) -> float:
        return rule.y - s.bottom if above else s.top - rule.y

    chosen = [k for k, s in enumerate(syms) if side(s) and gap(s) <= options.rule_reach * s.size]
    if not chosen:
        return chosen
    # one line of its own above or below the bar: its scripts and taller parts, no line beyond it
    lines = [syms[k].base for k in chosen if not syms[k].tall]
    low = min(lines, default=syms[chosen[0]].base) - options.stack_line * size
    high = max(lines, default=syms[chosen[0]].base) + options.stack_line * size
    grew = True
    while grew:
        lo = min(syms[k].top for k in chosen)
        hi = max(syms[k].bottom for k in chosen)
        touch = options.stack_touch * size
        more = [k for k, s in enumerate(syms) if k not in chosen and side(s) and s.bottom >= lo - touch
                and s.top <= hi + touch and (s.tall or low <= s.base <= high)]
        grew = bool(more)
        chosen += more
    return chosen


def _radical_for(syms: Sequence[Sym], rule: Rule, options: FormulaOptions) -> int | None:
    for k, s in enumerate(syms):
        if s.kind is SymKind.RADICAL and not s.built and abs(rule.x0 - s.x1) <= options.radical_join * s.size and (
                s.top - 0.4 * s.size <= rule.y <= s.top + 0.6 * s.size):
            return k
    return None


def _build(parts: Sequence[Sym], latex: str, base: float, size: float, x0: float, x1: float) -> Sym:
    return Sym(latex, SymKind.ORD, x0, x1, min(p.top for p in parts), max(p.bottom for p in parts), base, size,
               built=True)


def body_size(parts: Sequence[Sym], default: float) -> float:
    """The size of a built part's text: big operators (a Symbol-font sum set at 15.7 pt) left out."""
    return max((p.size for p in parts if not p.tall and p.kind is not SymKind.OP), default=default)


def main_baseline(syms: Sequence[Sym], default: float) -> float:
    """The baseline of a group's largest plain glyphs and built parts (the median of theirs)."""
    plain = [s for s in syms if not s.tall and s.kind is not SymKind.OP]
    if not plain:
        return default
    top = max(s.size for s in plain)
    bases = sorted(s.base for s in plain if s.size >= 0.9 * top)
    return bases[len(bases) // 2]


def _under_rule(syms: Sequence[Sym], k: int, rule: Rule, sign: Sym) -> list[int]:
    """What a radical covers: symbols under its overbar reaching down to the sign's foot, and the
    parts touching them there (a sum's lower limit)."""
    def under(s: Sym) -> bool:
        return rule.x0 - 0.1 * sign.size <= s.cx <= rule.x1 + 0.1 * sign.size and s.top >= rule.y - 0.3 * s.size

    chosen = [j for j, s in enumerate(syms) if j != k and under(s) and s.base <= sign.bottom + 0.3 * sign.size]
    grew = bool(chosen)
    while grew:
        low = max(syms[j].bottom for j in chosen)
        more = [j for j, s in enumerate(syms) if j != k and j not in chosen and under(s)
                and s.top <= low + 0.35 * sign.size and s.size < sign.size]
        grew = bool(more)
        chosen += more
    return chosen


def _radical(syms: list[Sym], k: int, rule: Rule, render: Render, options: FormulaOptions) -> list[Sym]:
    sign = syms[k]
    inside = _under_rule(syms, k, rule, sign)
    # the root's index sits over the sign's left arm: it ends inside the sign
    index = [j for j, s in enumerate(syms) if j != k and j not in inside and sign.x0 + 0.1 * sign.size < s.x1 <= sign.x1
             and s.x0 >= sign.x0 - 1.5 * sign.size and s.size < 0.9 * sign.size and sign.top < s.base < sign.cy]
    body = render([syms[j] for j in inside])
    root = render([syms[j] for j in index])
    latex = rf"\sqrt[{root}]{{{body}}}" if root else rf"\sqrt{{{body}}}"
    parts = [sign] + [syms[j] for j in inside + index]
    base = main_baseline([syms[j] for j in inside], sign.bottom - 0.25 * sign.size)
    built = _build(parts, latex, base, body_size(parts[1:], sign.size), min(p.x0 for p in parts), rule.x1)
    return [s for j, s in enumerate(syms) if j not in {k, *inside, *index}] + [built]


def _fraction(syms: list[Sym], rule: Rule, others: Sequence[Rule], render: Render, options: FormulaOptions) -> list[Sym] | None:
    num = _stack(syms, rule, True, others, options)
    den = _stack(syms, rule, False, others, options)
    if not num or not den:
        return None
    parts = [syms[j] for j in num + den]
    size = body_size(parts, max(p.size for p in parts))
    latex = rf"\frac{{{render([syms[j] for j in num])}}}{{{render([syms[j] for j in den])}}}"
    built = _build(parts, latex, rule.y + options.axis_height * size, size, rule.x0, rule.x1)
    return [s for j, s in enumerate(syms) if j not in set(num + den)] + [built]


def _overline(syms: list[Sym], rule: Rule, others: Sequence[Rule], render: Render, options: FormulaOptions) -> list[Sym] | None:
    """A rule with symbols right under it and nothing over it: ``\\overline``."""
    if _stack(syms, rule, True, others, options):
        return None
    under = [j for j in _stack(syms, rule, False, others, options) if syms[j].top - rule.y <= options.overline_reach * syms[j].size]
    if not under:
        return None
    parts = [syms[j] for j in under]
    latex = rf"\overline{{{render(parts)}}}"
    built = _build(parts, latex, main_baseline(parts, parts[0].base), body_size(parts, parts[0].size),
                   min(rule.x0, *(p.x0 for p in parts)), max(rule.x1, *(p.x1 for p in parts)))
    built.top = min(built.top, rule.y)
    return [s for j, s in enumerate(syms) if j not in set(under)] + [built]


def apply_rules(syms: list[Sym], rules: Sequence[Rule], render: Render, options: FormulaOptions) -> list[Sym]:
    """Radicals and fractions, the shortest rule first (inner parts are built before outer ones)."""
    pending = sorted(rules, key=lambda r: r.x1 - r.x0)
    while pending:
        rule = pending.pop(0)
        k = _radical_for(syms, rule, options)
        if k is not None:
            syms = _radical(syms, k, rule, render, options)
            continue
        built = _fraction(syms, rule, pending, render, options)
        if built is None:
            built = _overline(syms, rule, pending, render, options)
        if built is not None:
            syms = built
    return syms


# ---------------------------------------------------------------- stretched delimiters

_MATRIX_ENV = {"(": "pmatrix", "[": "bmatrix", "|": "vmatrix", r"\|": "Vmatrix", r"\{": "Bmatrix"}


def _big(s: Sym) -> bool:
    return s.tall and s.kind in (SymKind.OPEN, SymKind.CLOSE, SymKind.ORD) and s.latex not in ("/", r"\backslash")


def _similar(a: Sym, b: Sym) -> bool:
    return abs(a.top - b.top) < 0.5 * a.size and abs(a.bottom - b.bottom) < 0.5 * a.size


def _first_pair(syms: Sequence[Sym]) -> tuple[int, int] | None:
    """The first innermost pair of stretched delimiters of one height (a stack over x order)."""
    stack: list[int] = []
    for k in sorted((k for k, s in enumerate(syms) if _big(s)), key=lambda k: syms[k].x0):
        s = syms[k]
        opener = next((j for j in reversed(stack) if _similar(syms[j], s)), None)
        closes = s.kind is SymKind.CLOSE or (s.kind is SymKind.ORD and opener is not None and syms[opener].kind is SymKind.ORD)
        if closes and opener is not None:
            return opener, k
        if s.kind is not SymKind.CLOSE:
            stack.append(k)
    return None


def _columns(rows: list[list[Sym]], gap: float) -> list[tuple[float, float]]:
    """Column spans: the x ranges left covered by every row's symbols together, split at wide gaps."""
    spans = sorted((s.x0, s.x1) for row in rows for s in row)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 - cols[-1][1] < gap:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def grid_latex(rows: list[list[Sym]], render: Render, options: FormulaOptions) -> str:
    size = max(s.size for row in rows for s in row)
    cols = _columns(rows, options.column_gap * size)
    lines = []
    for row in rows:
        cells = [render([s for s in row if a - 0.01 <= s.cx <= b + 0.01]) for a, b in cols]
        lines.append(" & ".join(cells))
    return r" \\ ".join(lines)


def _binomial(left: Sym, right: Sym | None, rows: list[list[Sym]], options: FormulaOptions) -> bool:
    """Two single-column rows in parentheses set as TeX sets ``\\binom``: its rows stand further
    apart than a matrix's (1.35 em against 1.2 em in display), or are set smaller than the
    parentheses (in running text)."""
    if right is None or left.latex != "(" or right.latex != ")" or len(rows) != 2:
        return False
    size = max(s.size for row in rows for s in row)
    if len(_columns(rows, options.column_gap * size)) != 1:
        return False
    bases = [sorted(s.base for s in row)[len(row) // 2] for row in rows]
    return bases[1] - bases[0] >= options.binom_row_gap * size or size < options.script_size * left.size


def _fenced(left: Sym, right: Sym | None, inside: list[Sym], render: Render, split_rows: Callable[[list[Sym]], list[list[Sym]]],
            options: FormulaOptions) -> str:
    rows = split_rows(inside) if inside else []
    if _binomial(left, right, rows, options):
        return rf"\binom{{{render(rows[0])}}}{{{render(rows[1])}}}"
    if len(rows) >= 2:
        if right is None and left.latex == r"\{":
            return rf"\begin{{cases}} {grid_latex(rows, render, options)} \end{{cases}}"
        env = _MATRIX_ENV.get(left.latex) if right is not None else None
        if env is not None:
            return rf"\begin{{{env}}} {grid_latex(rows, render, options)} \end{{{env}}}"
    body = render(inside)
    return rf"\left{left.latex} {body} \right{right.latex if right is not None else '.'}"


def apply_delimiters(syms: list[Sym], render: Render, split_rows: Callable[[list[Sym]], list[list[Sym]]],
                     options: FormulaOptions) -> list[Sym]:
    """Pairs of stretched delimiters become fenced groups or matrices; a lone stretched ``{``
    with rows to its right becomes ``cases``."""
    while (pair := _first_pair(syms)) is not None:
        i, j = pair
        left, right = syms[i], syms[j]
        inside = [k for k, s in enumerate(syms) if k not in pair and left.x1 - 0.1 * left.size <= s.cx <= right.x0 + 0.1 * left.size
                  and left.top - 0.3 * left.size <= s.cy <= left.bottom + 0.3 * left.size]
        latex = _fenced(left, right, [syms[k] for k in inside], render, split_rows, options)
        parts = [left, right] + [syms[k] for k in inside]
        built = Sym(latex, SymKind.ORD, left.x0, right.x1, min(p.top for p in parts), max(p.bottom for p in parts),
                    left.cy + options.axis_height * left.size, left.size, built=True)
        syms = [s for k, s in enumerate(syms) if k not in {i, j, *inside}] + [built]
    for k, s in enumerate(syms):
        if _big(s) and s.latex == r"\{" and s.kind is SymKind.OPEN:
            inside = [m for m, t in enumerate(syms) if t.cx > s.x1 and s.top - 0.3 * s.size <= t.cy <= s.bottom + 0.3 * s.size]
            latex = _fenced(s, None, [syms[m] for m in inside], render, split_rows, options)
            parts = [s] + [syms[m] for m in inside]
            built = Sym(latex, SymKind.ORD, s.x0, max(p.x1 for p in parts), min(p.top for p in parts),
                        max(p.bottom for p in parts), s.cy + options.axis_height * s.size, s.size, built=True)
            return [t for m, t in enumerate(syms) if m not in {k, *inside}] + [built]
    return syms
