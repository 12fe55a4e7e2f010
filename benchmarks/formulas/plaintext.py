"""Math in Markdown read back as the text its glyphs show (for word-level text metrics).

A word metric compares the words a PDF's text layer draws; docparse writes math as LaTeX
(``$x_i^2$``, ``$$\\frac{a}{b}$$``). This turns the LaTeX back into glyph text the way the page
draws it: commands to their characters (``\\alpha`` → α, ``\\sin`` → sin), scripts set right after
their base (``x_i^2`` → xi2), a fraction's numerator and denominator apart, structure dropped."""

from __future__ import annotations

import re

from docparse.pages.mathsymbols import BINARY, CLOSING, GREEK, MISC, OPENING, OPERATORS, RELATIONS

MATH_RE = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", re.S)
_TOKEN_RE = re.compile(r"\\[A-Za-z]+|\\.|[^\s]|\s+")
_STRUCTURE = {r"\left", r"\right", r"\sqrt", r"\mathrm", r"\mathbb", r"\mathcal", r"\mathfrak", r"\mathbf",
              r"\mathsf", r"\mathtt", r"\hat", r"\bar", r"\tilde", r"\vec", r"\dot", r"\ddot", r"\acute", r"\grave",
              r"\check", r"\breve", r"\widehat", r"\widetilde", r"\mathring", r"\not", r"\operatorname"}
_SCRIPT_JOIN = " "  # the text layer mostly draws a script as a word of its own ("x i", "e −x2")
_SPACES = {r"\\", "&", r"\quad", r"\qquad", r"\,", r"\;", r"\:", r"\ ", "~"}


def _symbols() -> dict[str, str]:
    out: dict[str, str] = {}
    out[r"\mu"] = "µ"  # the micro sign, as TeX's math fonts draw it in the text layer
    for table in (GREEK, BINARY, RELATIONS, OPERATORS, MISC, OPENING, CLOSING):
        for char, latex in table.items():
            out.setdefault(latex, char)
    return out


_SYMBOLS = _symbols()


def latex_to_text(latex: str) -> str:
    out: list[str] = []
    toks = _TOKEN_RE.findall(latex)
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
            out.append(_SCRIPT_JOIN)
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
