"""The text-layer reader: lines of a semantic region → text and styled runs.

Lines are joined with spaces; a word hyphenated at a line end is rejoined ("exam-" +
"ple" → "example") unless the fragment is itself a compound ("state-of-the-" keeps its hyphen).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Sequence

from docparse.document import RegionKind, TextRun
from docparse.options.formulas import FormulaOptions
from docparse.pages.analysis import Line, PageAnalysis, gap_reads_as_space
from docparse.readers.base import RegionContent
from docparse.readers.formulas.reader import FormulaReader
from docparse.regions.base import RegionProposal
from docparse.regions.semantic import MATH_FONT_RE, is_glyph_code


def is_math_font(font: str) -> bool:
    return bool(MATH_FONT_RE.search(font))

_HYPHENS = ("-", "\u00ad", "\u2010")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CODE_SPACES = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")


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


@dataclass(slots=True)
class _Run:
    """A mutable run while joining lines; frozen into a TextRun at the end."""

    text: str
    style: tuple[bool, bool, bool, bool]  # bold, italic, monospace, superscript


def _span_texts(line: Line) -> list[str]:
    """Each span's text; a span after a visible gap starts with a space (``gap_reads_as_space``)."""
    texts = [span.text for span in line.spans]
    if line.horizontal:
        for k in range(1, len(texts)):
            if gap_reads_as_space(line.spans[k - 1], line.spans[k]):
                texts[k] = " " + texts[k]
    for k in range(len(texts) - 1):  # an accent glyph drawn in its own span
        if texts[k][-1:] in _SPACING_ACCENTS and texts[k + 1][:1].isalpha():
            texts[k], texts[k + 1] = texts[k][:-1], texts[k][-1] + texts[k + 1]
    return texts


def lines_to_runs(lines: Sequence[Line]) -> list[TextRun]:
    runs: list[_Run] = []
    for n, line in enumerate(lines):
        if n > 0 and runs:
            drop, tight = _joins_without_space(runs[-1].text, clean_text(line.text))
            tail = runs[-1].text.rstrip()
            runs[-1].text = tail[:-1] if drop else (tail if tight else tail + " ")
        for k, (span, raw) in enumerate(zip(line.spans, _span_texts(line))):
            text = clean_text(raw)
            if k == 0 and n > 0:
                text = text.lstrip()
            if not text:
                continue
            math = is_math_font(span.font)
            style = (span.bold and not math, span.italic and not math, span.monospace, span.superscript)
            if runs and (runs[-1].style == style or not text.strip()):
                runs[-1].text += text
            else:
                runs.append(_Run(text, style))
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
    return [TextRun(text=r.text, bold=r.style[0], italic=r.style[1], monospace=r.style[2],
                    superscript=r.style[3]) for r in runs if r.text]


def lines_to_text(lines: Sequence[Line]) -> str:
    return "".join(r.text for r in lines_to_runs(lines)).strip()


def _code_line(text: str) -> str:
    """A listing line with its own spacing: leading and inner spaces kept, one per space."""
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    return _CODE_SPACES.sub(" ", unicodedata.normalize("NFC", text)).rstrip()


def _char_width(lines: Sequence[Line]) -> float:
    widths = sorted((s.bbox[2] - s.bbox[0]) / len(s.text) for line in lines for s in line.spans if len(s.text) >= 2)
    return widths[len(widths) // 2] if widths else 0.0


def listing_text(lines: Sequence[Line]) -> str:
    """A program listing's lines as printed: each line's indentation from its offset in
    character widths, and a blank line where the listing leaves one."""
    ordered = sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    width = _char_width(ordered)
    left = min((ln.bbox[0] for ln in ordered), default=0.0)
    out: list[str] = []
    for prev, line in zip([None, *ordered], ordered):
        if prev is not None and line.bbox[1] - prev.bbox[3] > 0.8 * max(1.0, line.bbox[3] - line.bbox[1]):
            out.append("")
        indent = round((line.bbox[0] - left) / width) if width > 0 else 0
        out.append(" " * indent + _code_line(line.text))
    return "\n".join(out)


def _dingbat_marker_spans(line: Line) -> int:
    """How many leading spans of ``line`` are bullet glyph codes."""
    k = 0
    while k < len(line.spans) - 1 and (not line.spans[k].text.strip() or is_glyph_code(line.spans[k])):
        k += 1
    return k if any(s.text.strip() for s in line.spans[:k]) else 0


class TextLayerReader:
    """Reads semantic regions from the PDF text layer (or OCR lines placed there); formulas also as
    LaTeX (a formula region's ``latex``, inline math as runs with ``latex``)."""

    def __init__(self, formulas: FormulaOptions | None = None) -> None:
        self.formulas = FormulaReader(formulas)

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        if proposal.kind is RegionKind.FORMULA:
            runs = lines_to_runs(proposal.lines)
            return RegionContent(text="".join(r.text for r in runs).strip(), runs=runs,
                                 latex=self.formulas.display(proposal.lines, page))
        if proposal.kind is RegionKind.CODE:
            text = listing_text(proposal.lines)
            return RegionContent(text=text, runs=[TextRun(text=text, monospace=True)])
        lines = proposal.lines
        marker: list[TextRun] = []
        if proposal.kind is RegionKind.LIST_ITEM and lines and _dingbat_marker_spans(lines[0]):
            marker = [TextRun(text="• ")]  # the glyph's code means nothing as text ("\x84", "r")
            lines = [replace(lines[0], spans=lines[0].spans[_dingbat_marker_spans(lines[0]):]), *lines[1:]]
        runs = marker + (self.formulas.inline_runs(lines, page, lines_to_runs) or lines_to_runs(lines))
        return RegionContent(text="".join(r.text for r in runs).strip(), runs=runs)
