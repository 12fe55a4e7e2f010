"""Formula lines: rows by baseline, nuclei on the baseline, scripts and limits attached to them,
and the LaTeX written out with spaces only where they help reading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from docparse.options.formulas import FormulaOptions
from docparse.pages.mathsymbols import SymKind
from docparse.readers.formulas.atoms import Sym
from docparse.readers.formulas.structure import apply_delimiters


def _anchors(syms: Sequence[Sym]) -> list[Sym]:
    """The symbols that show where a line's baseline runs: the largest ordinary glyphs and built parts."""
    plain = [s for s in syms if not s.tall and s.kind is not SymKind.OP]  # a big operator may be set larger
    if not plain:
        return list(syms)
    top = max(s.size for s in plain)
    return [s for s in plain if s.size >= 0.9 * top]


def split_rows(syms: list[Sym], options: FormulaOptions) -> list[list[Sym]]:
    """Rows of a display (align, gather, a matrix's content): baselines of main-size symbols far apart."""
    anchors = _anchors(syms)
    if not anchors:
        return [syms] if syms else []
    size = max(s.size for s in anchors)
    bases: list[list[float]] = []
    for b in sorted(s.base for s in anchors):
        if bases and b - bases[-1][-1] < options.row_gap * size * 2:
            bases[-1].append(b)
        else:
            bases.append([b])
    if len(bases) == 1:
        return [syms]
    centres = [sorted(b)[len(b) // 2] for b in bases]
    rows: list[list[Sym]] = [[] for _ in centres]
    for s in syms:
        rows[min(range(len(centres)), key=lambda k: abs(centres[k] - s.base))].append(s)
    return [r for r in rows if r]


def _baseline(syms: Sequence[Sym]) -> float:
    anchors = sorted(s.base for s in _anchors(syms))
    return anchors[len(anchors) // 2]


@dataclass
class _Nucleus:
    sym: Sym
    sub: list[Sym] = field(default_factory=list)
    sup: list[Sym] = field(default_factory=list)


def _is_nucleus(s: Sym, baseline: float, size: float, options: FormulaOptions) -> bool:
    """On the line's baseline; a big glyph, or a built part of the line's size (a fraction in a
    superscript is a script)."""
    if s.tall or s.kind is SymKind.OP and s.size >= options.script_size * size:
        return True  # a big operator is centred on the axis, whatever its baseline
    big_enough = s.size >= options.script_size * size  # a second-level script may come back to the baseline
    on_line = abs(s.base - baseline) <= options.script_shift * size
    built_on_line = abs(s.base - baseline) <= options.built_shift * size  # a built part's baseline is estimated
    return (s.built and (big_enough or built_on_line)) or (big_enough and on_line)


def _limit_host(s: Sym, nuclei: Sequence[_Nucleus]) -> _Nucleus | None:
    """A big operator (or lim, max) whose width the symbol sits above or below: its limit."""
    for n in nuclei:
        op = n.sym
        takes = op.kind is SymKind.OP or op.limits
        # over or under its box, or smaller and over or under its baseline (a Symbol-font sum's box is loose)
        beside = s.cy < op.top or s.cy > op.bottom or (s.size < 0.85 * op.size and (s.base < op.top + 0.3 * op.size
                                                                                      or s.cy > op.base))
        if takes and op.x0 - 0.3 * op.size <= s.cx <= op.x1 + 0.3 * op.size and beside:
            return n
    return None


def _attach(syms: list[Sym], options: FormulaOptions) -> list[_Nucleus]:
    ordered = sorted(syms, key=lambda s: s.x0)
    baseline = _baseline(ordered)
    size = max(s.size for s in _anchors(ordered))
    nuclei = [_Nucleus(s) for s in ordered if _is_nucleus(s, baseline, size, options)]
    for s in ordered:
        if _is_nucleus(s, baseline, size, options):
            continue
        host = _limit_host(s, nuclei)
        if host is not None:
            (host.sup if s.cy < host.sym.cy else host.sub).append(s)
            continue
        left = [n for n in nuclei if n.sym.x0 <= s.x0 + 0.1 * s.size]
        if not left:
            nuclei.append(_Nucleus(s))
            nuclei.sort(key=lambda n: n.sym.x0)
            continue
        host = left[-1]
        (host.sup if s.base < baseline else host.sub).append(s)
    return nuclei


def _group(text: str) -> str:
    return text if len(text) == 1 else "{" + text + "}"


def _spaced(parts: Sequence[tuple[str, SymKind]]) -> str:
    out = ""
    for k, (text, kind) in enumerate(parts):
        if kind in (SymKind.BIN, SymKind.REL) and k > 0 and k < len(parts) - 1:
            out = out.rstrip() + " " + text + " "
            continue
        if kind is SymKind.PUNCT and text == ",":
            out = out.rstrip() + ", "
            continue
        if out and text[:1].isalnum() and (out[-1].isalpha() and _ends_in_command(out) or _ends_in_script(out)):
            out += " "
        out += text
    return _ELLIPSIS.sub(r"\\ldots ", out).strip()


_ELLIPSIS = re.compile(r"\.\s*\.\s*\.\s*")


def _ends_in_script(text: str) -> bool:
    """``x^2`` or ``\\sum^n``: a one-character script, which the next letter must not touch."""
    return len(text) >= 2 and text[-2] in "_^" and text[-1].isalnum()


def _ends_in_command(text: str) -> bool:
    k = len(text)
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return k > 0 and text[k - 1] == "\\"


def _alone(s: Sym) -> str:
    """A symbol's LaTeX where it stands: an accent or radical sign that found nothing to cover is
    written so that it still typesets (``\\widetilde{}``, ``\\surd``)."""
    if s.kind is SymKind.ACCENT:
        return s.latex + "{}"
    if s.kind is SymKind.RADICAL and not s.built:
        return r"\surd"
    return s.latex


def render_line(syms: list[Sym], options: FormulaOptions) -> str:
    if not syms:
        return ""
    parts: list[tuple[str, SymKind]] = []
    for n in _attach(syms, options):
        text = _alone(n.sym)
        if n.sub:
            text += "_" + _group(render(n.sub, options))
        if n.sup:
            text += "^" + _group(render(n.sup, options))
        kind = n.sym.kind if not (n.sub or n.sup) or n.sym.kind is SymKind.OP else SymKind.ORD
        if kind is SymKind.BIN and not parts or parts and parts[-1][1] in (SymKind.BIN, SymKind.REL, SymKind.OPEN):
            kind = SymKind.ORD if kind is SymKind.BIN else kind  # a sign, not an operation: "-x", "(-1"
        parts.append((text, kind))
    return _spaced(parts)


def render(syms: list[Sym], options: FormulaOptions) -> str:
    """A group of symbols (the whole formula, a numerator, a script) as LaTeX."""
    if not syms:
        return ""
    syms = apply_delimiters(syms, lambda g: render(g, options), lambda g: split_rows(g, options), options)
    rows = split_rows(syms, options)
    if len(rows) == 1:
        return render_line(rows[0], options)
    return r" \\ ".join(render_line(r, options) for r in rows)
