"""Font facts measured from the text layer: which fonts are fixed-pitch.

Many PDFs set program listings in a typewriter face that carries no monospace flag and no
telling name (IBM's "BookMasterGothic", a CJK font's Latin half). Such a font shows itself
in its glyph advances: every span of it has the same width per character, while a
proportional font's width per character changes with the letters ("mill" against "MW"), by
about as much as a typical proportional face's widths predict.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from docparse.pages.analysis import Span


def advance_ratio(span: Span) -> float | None:
    """Width per character in font-size units; None for short spans or spans without letters."""
    text = span.text
    if len(text) < 4 or span.size <= 0 or not any(c.isalpha() for c in text):
        return None
    return (span.bbox[2] - span.bbox[0]) / len(text) / span.size


# advance widths (1/1000 em) of a typical proportional face (Helvetica) for the characters
# whose widths stand out; other characters count 556
_PROPORTIONAL_WIDTHS = {
    " ": 278, "i": 222, "l": 222, "j": 222, "f": 278, "t": 278, "r": 333, "I": 278, ".": 278, ",": 278,
    ";": 278, ":": 278, "!": 278, "'": 191, '"': 355, "/": 278, "(": 333, ")": 333, "-": 333, "*": 389,
    "[": 278, "]": 278, "|": 260, "m": 833, "w": 722, "M": 833, "W": 944, "c": 500, "k": 500, "s": 500,
    "v": 500, "x": 500, "y": 500, "z": 500, "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611,
    "G": 778, "H": 722, "J": 500, "K": 667, "L": 556, "N": 722, "O": 778, "P": 667, "Q": 778, "R": 722,
    "S": 667, "T": 611, "U": 722, "V": 667, "X": 667, "Y": 667, "Z": 611, "=": 584, "+": 584,
}


def proportional_ratio(text: str) -> float:
    """The width per character ``text`` would have in a typical proportional face."""
    return sum(_PROPORTIONAL_WIDTHS.get(c, 556) for c in text) / len(text) / 1000


def _spread(values: Sequence[float]) -> float:
    """Coefficient of variation."""
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5 / mean if mean > 0 else 0.0


def is_fixed_pitch(texts_and_ratios: Sequence[tuple[str, float]], min_spread: float = 0.03,
                   max_share: float = 0.25) -> bool:
    """The spans' widths per character hardly change while their letters would change a
    proportional face's width a lot (long sentences average out: they decide nothing)."""
    expected = _spread([proportional_ratio(t) for t, _ in texts_and_ratios])
    observed = _spread([r for _, r in texts_and_ratios])
    return expected >= min_spread and observed <= max_share * expected


def fixed_pitch_fonts(spans: Iterable[Span], min_spans: int = 5) -> frozenset[str]:
    """Fonts flagged or named monospace, and fonts whose ``min_spans`` or more distinct
    measured spans have one width per character, whatever their letters."""
    measured: dict[str, dict[str, float]] = defaultdict(dict)
    flagged: set[str] = set()
    for span in spans:
        if not span.text.strip():
            continue
        if span.monospace:
            flagged.add(span.font)
        ratio = advance_ratio(span)
        if ratio is not None:
            measured[span.font][span.text] = ratio
    fixed = {font for font, by_text in measured.items()
             if len(by_text) >= min_spans and is_fixed_pitch(list(by_text.items()))}
    return frozenset(flagged | fixed)


def main_font(spans: Iterable[Span]) -> str | None:
    """The font most characters are set in."""
    chars: dict[str, int] = defaultdict(int)
    for span in spans:
        chars[span.font] += len(span.text.strip())
    return max(chars, key=chars.__getitem__) if chars else None
