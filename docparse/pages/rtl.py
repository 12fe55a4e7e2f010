"""Right-to-left text from the PDF text layer.

MuPDF emits the two letters of an Arabic lam-alef ligature glyph ("لا", "لإ") in visual
order, so "المشكلات" extracts as "المشكالت". The swapped pair shows in the glyph boxes: the
alef has no width and sits at the edge of the lam, which spans the whole ligature. Pages with
such pairs are read from MuPDF's per-character output and the pairs put back in order.
"""

from __future__ import annotations

import re
from typing import Sequence

LAM = "\u0644"
ALEFS = frozenset("\u0622\u0623\u0625\u0627")
_SUSPECT = re.compile("[\u0622\u0623\u0625\u0627]\u0644")
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufefc]")


def is_rtl_text(text: str) -> bool:
    """Mostly Hebrew or Arabic letters."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _RTL_LETTER.match(c)) > 0.5 * len(letters)


def may_hold_swapped_ligatures(text: str) -> bool:
    return bool(_SUSPECT.search(text))


def ligatures_in_order(chars: Sequence[tuple[str, float, float]]) -> str:
    """Text of ``chars`` (character, x0, x1) with each lam-alef ligature's letters in logical
    order: an alef of no width at the lam's box, right before the lam, goes after it."""
    out = [c for c, _, _ in chars]
    i = 0
    while i < len(chars) - 1:
        c, x0, x1 = chars[i]
        nxt, nx0, nx1 = chars[i + 1]
        if c in ALEFS and nxt == LAM and x1 - x0 < 0.05 and nx0 - 0.5 <= x0 <= nx1 + 0.5:
            out[i], out[i + 1] = nxt, c
            i += 2
            continue
        i += 1
    return "".join(out)
