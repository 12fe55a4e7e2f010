"""Glyph → LaTeX: Unicode math characters, the TeX math-extension font's codes (CMEX, Latin Modern
Math Extension, txex/pxex: one OMX encoding), and the font families that change a letter's command
(\\mathbb, \\mathcal, \\mathfrak, \\mathbf, upright letters)."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class FontRole(Enum):
    ITALIC = "italic"  # math italic letters: plain letters in LaTeX
    ROMAN = "roman"  # upright letters: function names, \mathrm
    SYMBOL = "symbol"  # cmsy-like: operators, relations; capitals are \mathcal
    EXTENSION = "extension"  # cmex-like: big operators, delimiters, radicals by code
    BLACKBOARD = "blackboard"
    FRAKTUR = "fraktur"
    BOLD = "bold"


class SymKind(Enum):
    ORD = "ord"
    BIN = "bin"  # binary operator: spaced
    REL = "rel"  # relation: spaced
    OP = "op"  # big operator: takes limits
    OPEN = "open"
    CLOSE = "close"
    PUNCT = "punct"
    RADICAL = "radical"
    ACCENT = "accent"


_FONT_ROLES: tuple[tuple[FontRole, re.Pattern[str]], ...] = (
    (FontRole.EXTENSION, re.compile(r"cmex|mathextension|txex|pxex|esint|mathex|^ex\d", re.I)),
    (FontRole.BLACKBOARD, re.compile(r"msbm|bbold|dsrom|bbm|doublestruck|txsyb|pxsyb", re.I)),
    (FontRole.FRAKTUR, re.compile(r"eufm|eufb|fraktur", re.I)),
    (FontRole.SYMBOL, re.compile(r"cmsy|mathsymbols|txsy|pxsy|rsfs|eusm|cmbsy|zplm|symbol", re.I)),
    (FontRole.BOLD, re.compile(r"cmbx|cmmib|bold|-bd\b|medi", re.I)),
    (FontRole.ITALIC, re.compile(r"cmmi|mathitalic|txmi|pxmi|italic|ital|oblique|-it\b|cmti|lmmi", re.I)),
)


_SYMBOL_FONT = re.compile(r"^symbol|standardsym|rpsy|psyr|symbolmt", re.I)
# the Greek letters whose shapes Adobe Symbol swaps against TeX's: there ε is \epsilon, φ is \phi
SYMBOL_FONT_GREEK = {"ε": r"\epsilon", "φ": r"\phi", "ϕ": r"\varphi", "ϵ": r"\varepsilon"}


def is_symbol_font(font: str) -> bool:
    return bool(_SYMBOL_FONT.search(font))


def font_role(font: str) -> FontRole:
    for role, pattern in _FONT_ROLES:
        if pattern.search(font):
            return role
    return FontRole.ROMAN


GREEK = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ϵ": r"\epsilon", "ε": r"\varepsilon",
    "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ϑ": r"\vartheta", "ι": r"\iota", "κ": r"\kappa",
    "λ": r"\lambda", "μ": r"\mu", "µ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ϖ": r"\varpi",
    "ρ": r"\rho", "ϱ": r"\varrho", "σ": r"\sigma", "ς": r"\varsigma", "τ": r"\tau", "υ": r"\upsilon",
    "ϕ": r"\phi", "φ": r"\varphi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma",
    "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma",
    "Υ": r"\Upsilon", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega",
    "\u2206": r"\Delta", "\u2126": r"\Omega", "ϒ": r"\Upsilon",
}
BINARY = {
    "+": "+", "−": "-", "-": "-", "±": r"\pm", "∓": r"\mp", "×": r"\times", "÷": r"\div", "·": r"\cdot",
    "⋅": r"\cdot", "∗": "*", "*": "*", "◦": r"\circ", "∘": r"\circ", "•": r"\bullet", "∩": r"\cap",
    "∪": r"\cup", "⊕": r"\oplus", "⊗": r"\otimes", "∧": r"\wedge", "∨": r"\vee", "∖": r"\setminus",
    "⋆": r"\star", "†": r"\dagger", "⊙": r"\odot",
}
RELATIONS = {
    "=": "=", "<": "<", ">": ">", "≤": r"\leq", "≥": r"\geq", "≠": r"\neq", "≈": r"\approx",
    "≡": r"\equiv", "∼": r"\sim", "≃": r"\simeq", "≅": r"\cong", "∝": r"\propto", "∈": r"\in",
    "∉": r"\notin", "∋": r"\ni", "⊂": r"\subset", "⊃": r"\supset", "⊆": r"\subseteq", "⊇": r"\supseteq",
    "→": r"\rightarrow", "←": r"\leftarrow", "↔": r"\leftrightarrow", "⇒": r"\Rightarrow",
    "⇐": r"\Leftarrow", "⇔": r"\Leftrightarrow", "↦": r"\mapsto", "≪": r"\ll", "≫": r"\gg",
    "⊥": r"\perp", "≺": r"\prec", "≻": r"\succ", "⊢": r"\vdash", "≜": r"\triangleq",
    ":": ":", "≔": ":=", "⟶": r"\longrightarrow", "⟹": r"\Longrightarrow", "↑": r"\uparrow",
    "↓": r"\downarrow", "⪯": r"\preceq", "⩽": r"\leq", "⩾": r"\geq",
}
OPERATORS = {"∑": r"\sum", "∏": r"\prod", "∫": r"\int", "∮": r"\oint", "∬": r"\iint", "⋃": r"\bigcup",
             "⋂": r"\bigcap", "∐": r"\coprod", "⨁": r"\bigoplus", "⨂": r"\bigotimes", "⋁": r"\bigvee",
             "⋀": r"\bigwedge"}
OPENING = {"(": "(", "[": "[", "{": r"\{", "⟨": r"\langle", "⌊": r"\lfloor", "⌈": r"\lceil"}
CLOSING = {")": ")", "]": "]", "}": r"\}", "⟩": r"\rangle", "⌋": r"\rfloor", "⌉": r"\rceil"}
FENCES = {"|": "|", "‖": r"\|", "∣": "|", "∥": r"\|"}  # ∥ is TeX's \| (norms far outnumber \parallel)
MISC = {
    "∞": r"\infty", "∂": r"\partial", "∇": r"\nabla", "∀": r"\forall", "∃": r"\exists", "∅": r"\emptyset",
    "¬": r"\neg", "ℓ": r"\ell", "ℏ": r"\hbar", "ℜ": r"\Re", "ℑ": r"\Im", "ℵ": r"\aleph", "′": r"\prime",
    "…": r"\ldots", "⋯": r"\cdots", "⋮": r"\vdots", "⋱": r"\ddots", "#": r"\#", "%": r"\%", "&": r"\&",
    "_": r"\_", "$": r"\$", "⊤": r"\top", "△": r"\triangle", "□": r"\square", "ı": r"\imath",
    "ȷ": r"\jmath", "\\": r"\backslash", "♯": r"\sharp", "°": r"^{\circ}", "ℕ": r"\mathbb{N}",
    "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}", "ℝ": r"\mathbb{R}", "ℂ": r"\mathbb{C}", "ℙ": r"\mathbb{P}",
    "ℒ": r"\mathcal{L}", "ℋ": r"\mathcal{H}", "ℱ": r"\mathcal{F}",
}
PUNCT = {",": ",", ";": ";", ".": ".", "!": "!", "'": "'", "?": "?", "/": "/"}
ACCENTS = {"ˆ": r"\hat", "^": r"\hat", "¯": r"\bar", "˜": r"\tilde", "~": r"\tilde", "˙": r"\dot",
           "¨": r"\ddot", "´": r"\acute", "`": r"\grave", "ˇ": r"\check", "˘": r"\breve",
           "\u20d7": r"\vec", "→": r"\vec", "˚": r"\mathring"}
RADICALS = {"√"}

# the OMX (cmex) encoding by code: (latex, kind, depth below the origin in em)
_BIG_DELIMS = {0: "(", 1: ")", 2: "[", 3: "]", 4: r"\lfloor", 5: r"\rfloor", 6: r"\lceil", 7: r"\rceil",
               8: r"\{", 9: r"\}", 10: r"\langle", 11: r"\rangle", 12: "|", 13: r"\|", 14: "/", 15: r"\backslash"}


def _omx_delimiter(code: int) -> tuple[str, float] | None:
    if code <= 0x0F:
        return _BIG_DELIMS[code], 1.2
    if code in (0x10, 0x11):
        return ("(", ")")[code - 0x10], 1.8
    if 0x12 <= code <= 0x1F:
        return ("(", ")", "[", "]", r"\lfloor", r"\rfloor", r"\lceil", r"\rceil", r"\{", r"\}", r"\langle",
                r"\rangle", "/", r"\backslash")[code - 0x12], 2.4
    if 0x20 <= code <= 0x2D:
        return _BIG_DELIMS[code - 0x20], 3.0
    if code in (0x2E, 0x2F):
        return ("/", r"\backslash")[code - 0x2E], 1.8
    if 0x30 <= code <= 0x43:  # extensible pieces: tops, bottoms, middles, repeaters
        piece = {0x30: "(", 0x31: ")", 0x32: "[", 0x33: "]", 0x34: "[", 0x35: "]", 0x36: "[", 0x37: "]",
                 0x38: r"\{", 0x39: r"\}", 0x3A: r"\{", 0x3B: r"\}", 0x3C: r"\{", 0x3D: r"\}", 0x3E: r"\{",
                 0x3F: "|", 0x40: "(", 0x41: ")", 0x42: "(", 0x43: ")"}
        return piece[code], 0.6 if code in (0x36, 0x37, 0x3E, 0x3F, 0x42, 0x43) else 1.8
    if code in (0x44, 0x45):
        return (r"\langle", r"\rangle")[code - 0x44], 1.8
    if 0x68 <= code <= 0x6F:
        return ("[", "]", r"\lfloor", r"\rfloor", r"\lceil", r"\rceil", r"\{", r"\}")[code - 0x68], 1.8
    if code in (0x0C, 0x77):
        return "|", 0.6
    return None


_OMX_OPS = {0x46: r"\bigsqcup", 0x48: r"\oint", 0x4A: r"\bigodot", 0x4C: r"\bigoplus", 0x4E: r"\bigotimes",
            0x50: r"\sum", 0x51: r"\prod", 0x52: r"\int", 0x53: r"\bigcup", 0x54: r"\bigcap", 0x55: r"\biguplus",
            0x56: r"\bigwedge", 0x57: r"\bigvee", 0x60: r"\coprod"}
_OMX_ACCENTS = {0x62: r"\widehat", 0x63: r"\widehat", 0x64: r"\widehat", 0x65: r"\widetilde",
                0x66: r"\widetilde", 0x67: r"\widetilde"}


# delimiter pieces by the Adobe private-use code points MuPDF gives them (parenlefttp = U+F8EB, …)
_PUA_PIECES = {0xF8EB: "(", 0xF8EC: "(", 0xF8ED: "(", 0xF8EE: "[", 0xF8EF: "[", 0xF8F0: "[", 0xF8F1: r"\{",
               0xF8F2: r"\{", 0xF8F3: r"\{", 0xF8F4: r"\{", 0xF8F6: ")", 0xF8F7: ")", 0xF8F8: ")", 0xF8F9: "]",
               0xF8FA: "]", 0xF8FB: "]", 0xF8FC: r"\}", 0xF8FD: r"\}", 0xF8FE: r"\}", 0xF8E6: "|"}
_PUA_REPEATERS = {0xF8EC, 0xF8EF, 0xF8F4, 0xF8F7, 0xF8FA, 0xF8E6}
NEGATIONS = {"\u0338", "\u29f8"}  # the slash TeX draws over a relation (\not)
_NEGATED_FONT = re.compile(r"txsyc|pxsyc", re.I)  # txfonts' and pxfonts' negated relations, one glyph each
# their codes (txfonts.sty, symbolsC), which MuPDF reads as ASCII: \neq is drawn as ","
_NEGATED_CODES = {",": r"\neq", "-": r"\not\asymp", ".": r"\not\equiv", "/": r"\nsim", "0": r"\not\approx",
                  "1": r"\not\subset", "2": r"\not\supset", "3": r"\not\ll", "4": r"\not\gg", "<": r"\notin",
                  "=": r"\not\ni"}


def is_negation(char: str) -> bool:
    return char in NEGATIONS


def negated_glyph(char: str, font: str) -> str | None:
    """A negated relation drawn as one glyph (txfonts' ``\\neq``), or None."""
    return _NEGATED_CODES.get(char) if _NEGATED_FONT.search(font) else None
NEGATED = {"=": r"\neq", r"\in": r"\notin", r"\equiv": r"\not\equiv", r"\leq": r"\nleq", r"\geq": r"\ngeq",
           r"\subset": r"\not\subset", r"\sim": r"\nsim", "<": r"\nless", ">": r"\ngtr"}


def _closing(latex: str) -> bool:
    return latex in (")", "]", r"\}", r"\rfloor", r"\rceil", r"\rangle")


def omx_symbol(char: str) -> tuple[str, SymKind, float] | None:
    """A math-extension glyph by its code: (latex, kind, depth below the origin in em)."""
    code = ord(char)
    if code in _PUA_PIECES:
        latex = _PUA_PIECES[code]
        kind = SymKind.CLOSE if _closing(latex) else (SymKind.ORD if latex == "|" else SymKind.OPEN)
        return latex, kind, 0.6 if code in _PUA_REPEATERS else 1.8
    if code in _OMX_ACCENTS:
        return _OMX_ACCENTS[code], SymKind.ACCENT, 0.3
    if 0x70 <= code <= 0x76:
        return r"\sqrt", SymKind.RADICAL, (1.2, 1.8, 2.4, 3.0, 1.8, 0.6, 0.6)[code - 0x70]
    for base, display in ((0x46, 0x47), (0x48, 0x49), (0x4A, 0x4B), (0x4C, 0x4D), (0x4E, 0x4F)):
        if code in (base, display):
            return _OMX_OPS[base], SymKind.OP, 1.4 if code == display else 1.0
    if 0x50 <= code <= 0x57:
        return _OMX_OPS[code], SymKind.OP, 1.11 if code == 0x52 else 1.0
    if 0x58 <= code <= 0x5F:
        return _OMX_OPS[code - 8], SymKind.OP, 2.22 if code == 0x5A else 1.4
    if code in (0x60, 0x61):
        return r"\coprod", SymKind.OP, 1.0 if code == 0x60 else 1.4
    delim = _omx_delimiter(code)
    if delim is None:
        return None
    latex, depth = delim
    kind = SymKind.CLOSE if _closing(latex) else SymKind.OPEN
    if latex in ("|", r"\|", "/", r"\backslash"):
        kind = SymKind.ORD
    return latex, kind, depth


def is_extension_code(char: str) -> bool:
    """A code the extension font's table knows: ASCII codes, or delimiter pieces in Adobe's private use."""
    return len(char) == 1 and (ord(char) < 0x80 or ord(char) in _PUA_PIECES)


_MATH_ALPHA = (("DOUBLE-STRUCK", r"\mathbb"), ("FRAKTUR", r"\mathfrak"), ("SCRIPT", r"\mathcal"),
               ("BOLD", r"\mathbf"), ("SANS-SERIF", r"\mathsf"), ("MONOSPACE", r"\mathtt"))


def math_alphanumeric(char: str) -> str | None:
    """U+1D400… letters: 𝑥 → x, 𝐱 → \\mathbf{x}, 𝔼 → \\mathbb{E}."""
    if not 0x1D400 <= ord(char) <= 0x1D7FF:
        return None
    name = unicodedata.name(char, "")
    letter = unicodedata.normalize("NFKC", char)
    if "ITALIC" in name and "BOLD" not in name:
        return GREEK.get(letter, letter)
    for key, command in _MATH_ALPHA:
        if key in name:
            return f"{command}{{{GREEK.get(letter, letter)}}}"
    return GREEK.get(letter, letter)


def unicode_symbol(char: str) -> tuple[str, SymKind]:
    """The LaTeX of one Unicode math character and how it behaves."""
    for table, kind in ((GREEK, SymKind.ORD), (BINARY, SymKind.BIN), (RELATIONS, SymKind.REL),
                        (OPERATORS, SymKind.OP), (OPENING, SymKind.OPEN), (CLOSING, SymKind.CLOSE),
                        (FENCES, SymKind.ORD), (MISC, SymKind.ORD), (PUNCT, SymKind.PUNCT)):
        if char in table:
            return table[char], kind
    if char in RADICALS:
        return r"\sqrt", SymKind.RADICAL
    if char in NEGATIONS:
        return "/", SymKind.ORD  # a negation slash over nothing we read
    alpha = math_alphanumeric(char)
    if alpha is not None:
        return alpha, SymKind.ORD
    return char, SymKind.ORD


FUNCTION_NAMES = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "arcsin",
                            "arccos", "arctan", "log", "ln", "lg", "exp", "det", "dim", "ker", "deg", "arg",
                            "hom", "gcd", "lim", "liminf", "limsup", "max", "min", "sup", "inf", "Pr"})
LIMIT_FUNCTIONS = frozenset({"lim", "max", "min", "sup", "inf", "det", "gcd", "Pr", "liminf", "limsup"})
