"""Fixing words that PP-OCR runs together on Latin text, from character positions and ink gaps.

The CTC recogniser tells where each character was emitted along the line; the line image
tells where the ink is. A blank stretch between two neighbouring characters that is wide
compared with the text height is a word space, whether or not the recogniser emitted one.
Everything here is pure numpy on one line crop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from docparse.options.ocr import SpacingOptions

if TYPE_CHECKING:
    import numpy as np


_NO_SPACE_BEFORE = frozenset(".,:;!?%)]}'")
_NO_SPACE_AFTER = frozenset("([{$#£€'")


@dataclass(frozen=True, slots=True)
class CharPos:
    """One decoded character and its horizontal extent in crop pixels."""

    text: str
    x0: float
    x1: float
    confidence: float
    # the recogniser's highest space probability between the previous character and this one
    # (it often sees a space it does not emit); 1.0 = not known, the ink gap decides alone
    space_prob: float = 1.0


@dataclass(frozen=True, slots=True)
class WordSpan:
    text: str
    x0: float
    x1: float
    confidence: float


def ink_mask(crop: "np.ndarray") -> "np.ndarray":
    """Dark-text mask of a line crop (Otsu), inverted automatically for light-on-dark text."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    gray = cv2.medianBlur(np.ascontiguousarray(gray), 3) if min(gray.shape) >= 9 else gray
    _, mask = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if mask.mean() > 0.5:  # light text on a dark background
        mask = 1 - mask
    return mask.astype(bool)


def text_rows(mask: "np.ndarray") -> tuple[int, int]:
    """Top and bottom rows of the text body (rows holding most of the ink)."""
    import numpy as np

    rows = mask.sum(axis=1).astype(float)
    if rows.sum() == 0:
        return 0, mask.shape[0]
    cum = np.cumsum(rows) / rows.sum()
    top = int(np.searchsorted(cum, 0.03))
    bottom = int(np.searchsorted(cum, 0.97)) + 1
    return top, max(bottom, top + 1)


def text_height(crop: "np.ndarray") -> int:
    """Height of a line crop's text body in pixels (rows holding most of the ink)."""
    top, bottom = text_rows(ink_mask(crop))
    return bottom - top


def ink_columns(mask: "np.ndarray", settings: SpacingOptions) -> "np.ndarray":
    top, bottom = text_rows(mask)
    body = mask[top:bottom]
    need = max(1, int(round(settings.min_ink_fraction * body.shape[0])))
    return body.sum(axis=0) >= need


def longest_blank_run(columns: "np.ndarray", start: float, end: float) -> int:
    """Longest stretch of ink-free columns between two x positions."""
    a, b = max(0, int(round(start))), min(len(columns), int(round(end)))
    best = run = 0
    for has_ink in columns[a:b]:
        run = 0 if has_ink else run + 1
        best = max(best, run)
    return best


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def split_words(
    chars: Sequence[CharPos], crop: "np.ndarray", settings: SpacingOptions = SpacingOptions()
) -> list[WordSpan]:
    """Group decoded characters into words, adding spaces where the ink has a word gap."""
    chars = punctuation_spaces(chars, settings)
    if not any(c.text != " " for c in chars):
        return []
    mask = ink_mask(crop)
    top, bottom = text_rows(mask)
    height = max(bottom - top, 1)
    columns = ink_columns(mask, settings)
    visible = [c for c in chars if c.text != " "]
    gaps = [longest_blank_run(columns, _centre(a), _centre(b)) for a, b in zip(visible, visible[1:])]
    typical = float(sorted(gaps)[len(gaps) // 2]) + 1.0 if gaps else 1.0
    emitted = _spaces_before(chars)
    words: list[list[CharPos]] = [[visible[0]]]
    for k, (prev, ch) in enumerate(zip(visible, visible[1:])):
        spoken = k + 1 in emitted
        if is_word_gap(gaps[k], height, typical, spoken, _is_latin(prev.text) and _is_latin(ch.text),
                       settings, ch.space_prob) and (spoken or may_split(prev.text, ch.text)):
            words.append([ch])
        else:
            words[-1].append(ch)
    return [_word_span(w, columns) for w in words]


def punctuation_spaces(chars: Sequence[CharPos], settings: SpacingOptions) -> list[CharPos]:
    """Spaces that the punctuation says are there: a faint full stop between a letter and a
    lower-case letter is a speck in a word gap (or a misread comma) and becomes a space; an
    opening quote between letters gets a space before it, a closing one a space after."""
    out: list[CharPos] = []
    for k, c in enumerate(chars):
        prev = chars[k - 1].text if k else ""
        nxt = chars[k + 1].text if k + 1 < len(chars) else ""
        between_letters = prev.isalpha() and nxt.isalpha()
        if c.text == "." and between_letters and nxt.islower() and c.confidence < settings.faint_stop:
            out.append(CharPos(" ", c.x0, c.x1, c.confidence))
            continue
        opening = c.text == "\u201c" or (c.text == '"' and nxt.islower())
        closing = c.text == "\u201d" or (c.text == '"' and (nxt.isupper() or nxt in ".,;:"))
        if opening and prev.isalpha() and nxt.isalpha():
            out.append(CharPos(" ", c.x0, c.x0, c.confidence))
        out.append(c)
        if closing and prev.isalpha() and nxt.isalpha():
            out.append(CharPos(" ", c.x1, c.x1, c.confidence))
    return out


def is_word_gap(gap: int, height: int, typical: float, emitted: bool, latin: bool,
                settings: SpacingOptions, space_prob: float = 1.0) -> bool:
    """The decision for one pair of neighbouring characters."""
    if emitted and (not latin or gap >= settings.keep_ratio * height):
        return True
    seen = space_prob >= settings.min_space_prob or gap >= settings.wide_ratio * height
    return latin and seen and gap >= settings.space_ratio * height and gap >= settings.median_ratio * typical


def may_split(prev: str, nxt: str) -> bool:
    """No new space before closing punctuation or after opening brackets and currency signs."""
    return nxt not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER


def _centre(c: CharPos) -> float:
    return (c.x0 + c.x1) / 2


def _spaces_before(chars: Sequence[CharPos]) -> set[int]:
    """Indices (among visible characters) that the recogniser put a space before."""
    out: set[int] = set()
    k = 0
    for c in chars:
        if c.text == " ":
            out.add(k)
        else:
            k += 1
    return out


def _word_span(chars: Sequence[CharPos], columns: "np.ndarray") -> WordSpan:
    """A word's text and extent: its characters' span tightened to the ink inside, then
    widened over the ink that touches it (CTC places a character near its centre, so the
    first and last glyphs reach past the decoded span)."""
    import numpy as np

    x0, x1 = chars[0].x0, chars[-1].x1
    a, b = max(0, int(x0)), min(len(columns), int(np.ceil(x1)))
    ink = np.flatnonzero(columns[a:b])
    if len(ink):
        start, end = a + int(ink[0]), a + int(ink[-1]) + 1
        while start > 0 and columns[start - 1]:
            start -= 1
        while end < len(columns) and columns[end]:
            end += 1
        x0, x1 = float(start), float(end)
    conf = sum(c.confidence for c in chars) / len(chars)
    return WordSpan("".join(c.text for c in chars), x0, x1, conf)
