"""Math in Markdown read back as the text its glyphs show (for word-level text metrics).

A word metric compares the words a PDF's text layer draws; docparse writes math as LaTeX
(``$x_i^2$``, ``$$\\frac{a}{b}$$``). This turns the LaTeX back into glyph text the way the page
draws it: commands to their characters (``\\alpha`` → α, ``\\sin`` → sin), a fraction's numerator
and denominator apart, structure dropped.

Scripts follow the text layer's lines. A superscript sits on its base's line and touches it: the
text layer reads ``x^{2}`` as one word ``x2`` (``L^2(\\Omega)`` → L2(Ω), ``q^{3/8}`` → q3/8). A
subscript drops below the line and a text extractor sets it apart (``\\alpha_2`` → α 2), after
the superscript when a base has both (``\\chi_l^{c}`` → χc l); the limits of a big operator or of
``\\lim`` stand above and below it, apart (``\\sum_{i=1}^n`` → ∑ n i=1). DocBank's tokens (pdfminer
on arXiv PDFs) split them so: ``χc(s)`` and ``l`` for ``\\chi_l^{c(s)}``, ``L2(Ω`` for ``L^2(\\Omega``."""

from __future__ import annotations

import re

from docparse.pages.mathsymbols import BINARY, CLOSING, GREEK, LIMIT_FUNCTIONS, MISC, OPENING, OPERATORS, RELATIONS

MATH_RE = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", re.S)
_TOKEN_RE = re.compile(r"\\[A-Za-z]+|\\.|[^\s]|\s+")
_STRUCTURE = {r"\left", r"\right", r"\sqrt", r"\mathrm", r"\mathbb", r"\mathcal", r"\mathfrak", r"\mathbf",
              r"\mathsf", r"\mathtt", r"\hat", r"\bar", r"\tilde", r"\vec", r"\dot", r"\ddot", r"\acute", r"\grave",
              r"\check", r"\breve", r"\widehat", r"\widetilde", r"\mathring", r"\not", r"\operatorname",
              r"\overline", r"\underline", r"\binom"}
_SUPERSCRIPT_JOIN = ""  # a superscript on its base's line: one word with it ("x2", "L2(Ω)")
_APART = " "  # a subscript, a limit, a script stacked over another: a word of its own ("α 2")
_LIMIT_TAKERS = frozenset(OPERATORS.values()) | {"\\" + name for name in LIMIT_FUNCTIONS}
_SPACES = {r"\\", "&", r"\quad", r"\qquad", r"\,", r"\;", r"\:", r"\ ", "~"}


def _symbols() -> dict[str, str]:
    out: dict[str, str] = {}
    out[r"\mu"] = "µ"  # the micro sign, as TeX's math fonts draw it in the text layer
    out.update({r"\to": "→", r"\gets": "←", r"\ne": "≠", r"\le": "≤", r"\ge": "≥"})  # short names
    for table in (GREEK, BINARY, RELATIONS, OPERATORS, MISC, OPENING, CLOSING):
        for char, latex in table.items():
            out.setdefault(latex, char)
    return out


_SYMBOLS = _symbols()


def _argument_end(toks: list[str], k: int) -> int:
    """Where a script's argument starting at ``k`` ends (one token or a brace group), spaces skipped."""
    while k < len(toks) and toks[k].isspace():
        k += 1
    if k >= len(toks) or toks[k] != "{":
        return min(k + 1, len(toks))
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j] == "{") - (toks[j] == "}")
        if depth == 0:
            return j + 1
    return len(toks)


def superscript_first(toks: list[str]) -> list[str]:
    """``x_i^2`` as ``x^2_i``: the superscript stays on the base's line, the subscript below follows."""
    out = list(toks)
    k = 0
    while k < len(out):
        if out[k] == "_":
            sub_end = _argument_end(out, k + 1)
            if sub_end < len(out) and out[sub_end] == "^":
                sup_end = _argument_end(out, sub_end + 1)
                out[k:sup_end] = out[sub_end:sup_end] + out[k:sub_end]
                k = k + (sup_end - sub_end)
        k += 1
    return out


def _base_token(toks: list[str], k: int) -> str:
    """The token that names the base of the script at ``k``: the one before it, or before its group."""
    j = k - 1
    while j >= 0 and toks[j].isspace():
        j -= 1
    if j >= 0 and toks[j] == "}":
        depth = 0
        while j >= 0:
            depth += (toks[j] == "}") - (toks[j] == "{")
            if depth == 0:
                break
            j -= 1
        j -= 1
    return toks[j] if j >= 0 else ""


def script_join(mark: str, toks: list[str], k: int) -> str:
    """What stands between a script and its base in the text layer (see the module's docstring):
    nothing before a superscript, a space before a subscript or a big operator's limit."""
    if mark == "_" or _base_token(toks, k) in _LIMIT_TAKERS:
        return _APART
    return _SUPERSCRIPT_JOIN


def latex_to_text(latex: str) -> str:
    out: list[str] = []
    toks = superscript_first(_TOKEN_RE.findall(latex))
    k = 0
    while k < len(toks):
        t = toks[k]
        if t in (r"\begin", r"\end", r"\label") and k + 1 < len(toks) and toks[k + 1] == "{":
            k = toks.index("}", k) + 1 if "}" in toks[k:] else len(toks)
            continue
        if t == r"\tag":
            out.append(" (")
            k += 1
            continue
        if t == r"\frac":
            out.append(" ")
        elif t in _SPACES or t.isspace():
            out.append(" ")
        elif t in "^_":
            out.append(script_join(t, toks, k))
        elif t in _STRUCTURE or t == "{":
            pass
        elif t == "}":
            out.append(" " if k + 1 < len(toks) and toks[k + 1] == "{" else "")  # between \frac's parts
        elif t.startswith("\\") and len(t) > 1:
            out.append(_SYMBOLS.get(t, t[1:] if t[1:].isalpha() else t[1:]))
        else:
            out.append(t)
        k += 1
    text = "".join(out)
    return re.sub(r"\(\s*([^()\s]+)\s*$", r"(\1)", text)  # a \tag's number in parentheses


def markdown_math_as_text(markdown: str) -> str:
    return MATH_RE.sub(lambda m: " " + latex_to_text(m.group(1) or m.group(2)) + " ", markdown)
