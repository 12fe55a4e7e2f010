"""Formula atoms: glyphs turned into symbols with LaTeX, a kind and a box; accents put on their
letters, upright letters joined into words (function names), extensible delimiter pieces joined."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from docparse.options.formulas import FormulaOptions
from docparse.pages.glyphs import Glyph
from docparse.pages.mathsymbols import (
    ACCENTS,
    FUNCTION_NAMES,
    LIMIT_FUNCTIONS,
    NEGATED,
    NEGATIONS,
    SYMBOL_FONT_GREEK,
    FontRole,
    SymKind,
    font_role,
    is_extension_code,
    is_symbol_font,
    negated_glyph,
    omx_symbol,
    unicode_symbol,
)


@dataclass(slots=True)
class Sym:
    """One symbol of a formula, or a built part (fraction, radical, fenced group, word)."""

    latex: str
    kind: SymKind
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline (y down)
    size: float
    role: FontRole = FontRole.ITALIC
    built: bool = False  # a fraction, radical, fenced group: always sits on its line's baseline
    tall: bool = False  # an extension-font glyph (big operator, delimiter): its origin is its top
    limits: bool = False  # a word that takes limits below (lim, max)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


ASCENT = 0.7  # em: a glyph's nominal ink above its baseline
DESCENT = 0.2  # em: and below it
SYMBOL_RADICAL_DEPTH = 1.0  # em: a symbol-font radical hangs below its origin like an extension glyph


def _tall(g: Glyph, latex: str, kind: SymKind, depth: float, axis: float) -> Sym:
    top, bottom = g.baseline, g.baseline + depth * g.size
    return Sym(latex, kind, g.x0, g.x1, top, bottom, (top + bottom) / 2 + axis * g.size, g.size,
               FontRole.EXTENSION, tall=True)


def _letter(latex: str, role: FontRole) -> str:
    if not (len(latex) == 1 and latex.isalpha() and latex.isascii()):
        return latex
    if role is FontRole.BLACKBOARD:
        return rf"\mathbb{{{latex}}}"
    if role is FontRole.FRAKTUR:
        return rf"\mathfrak{{{latex}}}"
    if role is FontRole.SYMBOL and latex.isupper():
        return rf"\mathcal{{{latex}}}"
    if role is FontRole.BOLD:
        return rf"\mathbf{{{latex}}}"
    return latex


def glyph_sym(g: Glyph, options: FormulaOptions) -> Sym:
    role = font_role(g.font)
    if role is FontRole.EXTENSION and is_extension_code(g.char):
        omx = omx_symbol(g.char)
        if omx is not None:
            return _tall(g, omx[0], omx[1], omx[2], options.axis_height)
    negated = negated_glyph(g.char, g.font)
    latex, kind = (negated, SymKind.REL) if negated is not None else unicode_symbol(g.char)
    if is_symbol_font(g.font):
        latex = SYMBOL_FONT_GREEK.get(g.char, latex)  # Adobe Symbol draws \epsilon as ε and \phi as φ
    if kind is SymKind.RADICAL and role in (FontRole.SYMBOL, FontRole.EXTENSION):
        return _tall(g, latex, kind, SYMBOL_RADICAL_DEPTH, options.axis_height)
    return Sym(_letter(latex, role), kind, g.x0, g.x1, g.baseline - ASCENT * g.size, g.baseline + DESCENT * g.size,
               g.baseline, g.size, role)


def _accent_target(accent: Sym, syms: Sequence[Sym], taken: set[int]) -> int | None:
    """The symbol under an accent glyph: most of the narrower one's width shared, not above it."""
    best, best_overlap = None, 0.0
    # a combining accent has no width of its own: it is drawn over the next half em
    zero = accent.x1 - accent.x0 <= 0.1 * accent.size
    x1 = accent.x0 + 0.8 * accent.size if zero else accent.x1
    need = 0.3 if zero else 0.5
    for k, s in enumerate(syms):
        if k in taken or s is accent or s.latex in ACCENTS.values():
            continue
        overlap = min(s.x1, x1) - max(s.x0, accent.x0)
        narrow = max(min(s.x1 - s.x0, x1 - accent.x0), 0.1)
        if overlap >= need * narrow and s.base >= accent.base - 0.2 * s.size and overlap > best_overlap and (
                s.top - accent.top < accent.size):
            best, best_overlap = k, overlap
    return best


def _accent_command(s: Sym, char: str) -> str | None:
    if s.kind is SymKind.ACCENT:
        return s.latex
    return ACCENTS.get(char)


def attach_accents(syms: list[Sym], chars: list[str]) -> list[Sym]:
    """An accent glyph drawn over a letter becomes ``\\hat{x}``; with nothing under it, it stays a symbol."""
    out = list(syms)
    drop: set[int] = set()
    for k, (s, char) in enumerate(zip(syms, chars)):
        command = _accent_command(s, char)
        if command is None:
            continue
        target = _accent_target(s, out, drop | {k})
        if target is None:
            continue
        t = out[target]
        out[target] = replace(t, latex=f"{command}{{{t.latex}}}", x0=min(t.x0, s.x0), x1=max(t.x1, s.x1),
                              top=min(t.top, s.top))
        drop.add(k)
    return [s for k, s in enumerate(out) if k not in drop]


def negate_relations(syms: list[Sym], chars: list[str]) -> tuple[list[Sym], list[str]]:
    """TeX's negation slash drawn over a relation: ``=`` becomes ``\\neq``, ``\\in`` becomes ``\\notin``."""
    out, kept = list(syms), list(chars)
    drop: set[int] = set()
    for k, char in enumerate(chars):
        if char not in NEGATIONS and char != "/":
            continue
        slash = syms[k]
        # TeX's slash has no width of its own: it is drawn over the relation that follows it; a plain
        # "/" drawn over a relation (\\notin) covers most of it
        target = next((j for j, s in enumerate(syms) if j != k and s.kind is SymKind.REL
                       and abs(s.base - slash.base) < 0.3 * s.size and (
                           -0.6 * s.size <= s.x0 - slash.x0 <= 0.8 * s.size if char in NEGATIONS
                           else min(s.x1, slash.x1) - max(s.x0, slash.x0) >= 0.5 * (slash.x1 - slash.x0))), None)
        if target is None:
            continue
        rel = out[target]
        out[target] = replace(rel, latex=NEGATED.get(rel.latex, r"\not" + rel.latex))
        drop.add(k)
    return [s for k, s in enumerate(out) if k not in drop], [c for k, c in enumerate(kept) if k not in drop]


def _word_letter(s: Sym) -> bool:
    return s.role is FontRole.ROMAN and len(s.latex) == 1 and s.latex.isascii() and s.latex.isalpha()


def _word_sym(letters: list[Sym]) -> Sym:
    word = "".join(s.latex for s in letters)
    first = letters[0]
    latex = f"\\{word}" if word in FUNCTION_NAMES else rf"\mathrm{{{word}}}"
    return replace(first, latex=latex, x1=letters[-1].x1, limits=word in LIMIT_FUNCTIONS)


def join_words(syms: list[Sym], options: FormulaOptions) -> list[Sym]:
    """Upright letters set close on one baseline form a word: a function name (``\\sin``) or ``\\mathrm``."""
    ordered = sorted(syms, key=lambda s: (round(s.base), s.x0))
    out: list[Sym] = []
    run: list[Sym] = []
    items: list[Sym | None] = [*ordered, None]
    for s in items:
        if s is not None and _word_letter(s) and run and abs(s.base - run[-1].base) < 0.1 * s.size and (
                0 <= s.x0 - run[-1].x1 + 0.5 <= options.word_gap * s.size + 0.5):
            run.append(s)
            continue
        if run:
            out.append(_word_sym(run) if len(run) > 1 or run[0].latex in FUNCTION_NAMES else run[0])
        run = [s] if s is not None and _word_letter(s) else []
        if s is not None and not run:
            out.append(s)
    return out


def join_pieces(syms: list[Sym]) -> list[Sym]:
    """Extension-font pieces stacked at one x (a tall parenthesis' top, middle and bottom) are one glyph."""
    out: list[Sym] = []
    for s in sorted(syms, key=lambda s: (s.x0, s.top)):
        prev = out[-1] if out else None
        if prev is not None and s.tall and prev.tall and s.kind is prev.kind and s.kind in (
                SymKind.OPEN, SymKind.CLOSE, SymKind.ORD, SymKind.RADICAL) and abs(s.x0 - prev.x0) < 0.3 * s.size and (
                s.top - prev.bottom < 0.3 * s.size) and s.latex == prev.latex:
            out[-1] = replace(prev, bottom=max(prev.bottom, s.bottom), x1=max(prev.x1, s.x1),
                              base=(prev.top + max(prev.bottom, s.bottom)) / 2 + (prev.base - prev.cy))
            continue
        out.append(s)
    return out
