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

_HYPHENS = ("-", "\u00ad", "\u2010")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def clean_text(text: str) -> str:
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
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
        for k, span in enumerate(spans):
            text = clean_text(span.text)
            if k == 0 and n > 0:
                text = text.lstrip()
            add(text, span.bold, span.italic, span.monospace, span.superscript)
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
