"""The text-layer reader: lines of a semantic region → text and styled runs.

Lines are joined with spaces; a word hyphenated at a line end is rejoined ("exam-" +
"ple" → "example") unless the fragment is itself a compound ("state-of-the-" keeps its hyphen).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from docparse.document import RegionKind, TextRun
from docparse.pages.analysis import Line, PageAnalysis
from docparse.readers.base import RegionContent
from docparse.regions.base import RegionProposal
from docparse.regions.semantic import MATH_FONT_RE


def is_math_font(font: str) -> bool:
    return bool(MATH_FONT_RE.search(font))

_HYPHENS = ("-", "\u00ad", "\u2010")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


# spacing accents that TeX draws as separate glyphs before the letter → combining marks
_SPACING_ACCENTS = {"\u00a8": "\u0308", "\u00b4": "\u0301", "`": "\u0300", "\u02c6": "\u0302",
                    "\u02dc": "\u0303", "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02da": "\u030a"}
_ACCENT_BEFORE_LETTER = re.compile("([\u00a8\u00b4`\u02c6\u02dc\u00b8\u02c7\u02da]) ?([A-Za-z\u0131])")


def _compose_accents(text: str) -> str:
    return _ACCENT_BEFORE_LETTER.sub(
        lambda m: (m.group(2).replace("\u0131", "i")) + _SPACING_ACCENTS[m.group(1)], text)


def clean_text(text: str) -> str:
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    if any(c in text for c in _SPACING_ACCENTS):
        text = _compose_accents(text)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text)


def _joins_without_space(prev: str, nxt: str) -> tuple[bool, bool]:
    """(drop the trailing hyphen, join without a space) for a line break between two lines."""
    stripped = prev.rstrip()
    if not stripped.endswith(_HYPHENS) or len(stripped) < 2:
        return False, False
    if stripped.endswith("\u00ad"):
        return True, True
    fragment = stripped.split(" ")[-1]
    nxt = nxt.lstrip()
    if not nxt or not stripped[-2].isalpha():
        return False, False
    if "-" in fragment[:-1]:
        return False, True  # compound: keep the hyphen, no space ("state-of-the-art")
    if nxt[0].islower():
        return True, True
    return False, True


def lines_to_runs(lines: Sequence[Line]) -> list[TextRun]:
    runs: list[TextRun] = []

    def add(text: str, bold: bool, italic: bool, mono: bool, sup: bool) -> None:
        if not text:
            return
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].monospace, runs[-1].superscript) == (
            bold, italic, mono, sup) or (runs and not text.strip()):
            runs[-1] = runs[-1].model_copy(update={"text": runs[-1].text + text})
        else:
            runs.append(TextRun(text=text, bold=bold, italic=italic, monospace=mono, superscript=sup))

    for n, line in enumerate(lines):
        spans = list(line.spans)
        line_text = clean_text(line.text)
        if n > 0:
            drop, tight = _joins_without_space(runs[-1].text if runs else "", line_text)
            if runs:
                if drop:
                    runs[-1] = runs[-1].model_copy(update={"text": runs[-1].text.rstrip()[:-1]})
                elif not tight:
                    runs[-1] = runs[-1].model_copy(update={"text": runs[-1].text.rstrip() + " "})
                else:
                    runs[-1] = runs[-1].model_copy(update={"text": runs[-1].text.rstrip()})
        texts = [span.text for span in spans]
        for k in range(len(texts) - 1):  # an accent glyph drawn in its own span
            if texts[k][-1:] in _SPACING_ACCENTS and texts[k + 1][:1].isalpha():
                texts[k], texts[k + 1] = texts[k][:-1], texts[k][-1] + texts[k + 1]
        for k, span in enumerate(spans):
            text = clean_text(texts[k])
            if k == 0 and n > 0:
                text = text.lstrip()
            math = is_math_font(span.font)
            add(text, span.bold and not math, span.italic and not math, span.monospace, span.superscript)
    if runs:
        runs[0] = runs[0].model_copy(update={"text": runs[0].text.lstrip()})
        runs[-1] = runs[-1].model_copy(update={"text": runs[-1].text.rstrip()})
    return [r for r in runs if r.text]


def lines_to_text(lines: Sequence[Line]) -> str:
    return "".join(r.text for r in lines_to_runs(lines)).strip()


class TextLayerReader:
    """Reads semantic regions from the PDF text layer (or OCR lines placed there)."""

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        if proposal.kind in (RegionKind.CODE,):
            text = "\n".join(clean_text(line.text).rstrip() for line in proposal.lines)
            return RegionContent(text=text, runs=[TextRun(text=text, monospace=True)])
        runs = lines_to_runs(proposal.lines)
        return RegionContent(text="".join(r.text for r in runs).strip(), runs=runs)
