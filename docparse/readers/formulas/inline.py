"""Inline math inside running text: stretches of math-font spans (with the digits, signs and scripts
set around them) found on each line, rebuilt as LaTeX, and carried as runs with ``latex``.

The stretches are cut out of the lines before the text reader joins them (a placeholder span
stands in for each), so hyphenation, spacing and styles of the prose stay the text reader's."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from docparse.document import TextRun
from docparse.pages.analysis import Line, Span, bbox_union
from docparse.pages.mathsymbols import ACCENTS, FUNCTION_NAMES, GREEK, FontRole, font_role

PLACEHOLDER = "\ue000"  # a private-use character: stands for one math stretch in the joined text
_MATH_ROLES = (FontRole.EXTENSION, FontRole.BLACKBOARD, FontRole.FRAKTUR)
_BULLETS = frozenset({"•", "◦", "▪", "●", "○", "■", "□", "‣", "∙", "➢", "➤", "►", "▶", "✓", "✔"})
_ORDINALS = frozenset({"st", "nd", "rd", "th", "er", "e", "o", "a", "ème", "re"})  # 2nd, 1er: no math
_SEED_SIGNS = set("=<>≤≥≠≈∈∼≡→+×±")
_MATH_SIGNS = set("=+−-<>≤≥≠≈×·±∈∼≡→()[]|,.′^_/*!'{}")


def _math_font(span: Span) -> bool:
    """A span set in a math font (TeX's cmmi/cmsy/cmex, Latin Modern Math, msbm, …); a bullet drawn
    from a symbol font is no math."""
    from docparse.regions.block_cues import MATH_FONT_RE

    text = span.text.strip()
    if text in _BULLETS or all("\ue000" <= c <= "\uf8ff" for c in text):
        return False  # a bullet or a private-use dingbat (Symbol's arrows) is no math
    return bool(MATH_FONT_RE.search(span.font)) or font_role(span.font) in _MATH_ROLES


def _joins_math(span: Span, line_size: float) -> bool:
    """A span that continues math next to a math-font span: digits, signs, or a script (smaller)."""
    text = span.text.strip()
    if not text:
        return True
    if span.size < 0.85 * line_size and len(text) <= 6:
        return True
    if span.italic and len(text) <= 2 and text.isalpha() or all(c in GREEK for c in text):
        return True  # a variable in a text italic (Times-like math), a Greek letter set upright
    if text in FUNCTION_NAMES:
        return True  # log n
    return all(c.isdigit() or c in _MATH_SIGNS or c in ACCENTS or c in GREEK for c in text)  # (Ω), 2π


def _math_token(token: str) -> bool:
    return bool(token) and all(c.isdigit() or c in _MATH_SIGNS or c in GREEK or c in ACCENTS for c in token)


_CHAR_WIDTH = 0.55  # em: a digit's or letter's width, to place a short token cut from a span's end


def _split_span(span: Span, at: int) -> tuple[Span, Span]:
    """The span cut before character ``at``; a short piece at either end gets its own width in
    characters, else the boxes split in proportion to the characters."""
    x0, y0, x1, y1 = span.bbox
    head, tail = span.text[:at], span.text[at:]
    cut = x0 + (x1 - x0) * at / max(len(span.text), 1)
    if len(tail.strip()) <= 4 < len(head):
        cut = max(x0, x1 - len(tail.rstrip()) * _CHAR_WIDTH * span.size)
    elif len(head.strip()) <= 4 < len(tail):
        cut = min(x1, x0 + len(head) * _CHAR_WIDTH * span.size)
    first = Span(span.text[:at], (x0, y0, cut, y1), span.font, span.size, span.flags, span.color)
    return first, Span(span.text[at:], (cut, y0, x1, y1), span.font, span.size, span.flags, span.color)


def _peel(spans: list[Span], k: int, math_left: bool, math_right: bool) -> list[Span]:
    """A text span beside math gives up the number or sign that belongs to the math ("… satisfies 3"
    before "< n", "0.05" after "p <")."""
    span = spans[k]
    text = span.text
    if math_right:
        stripped = text.rstrip()
        cut = stripped.rfind(" ") + 1
        if 0 < cut < len(stripped) and _math_token(stripped[cut:]):
            head, tail = _split_span(span, cut)
            return _peel([head], 0, math_left, False) + [tail]  # "…) when … shows 2" gives up both ends
    if math_left:
        body = text.lstrip()
        lead = len(text) - len(body)
        token = body.split(" ")[0].rstrip(".,;:")
        if token and lead + len(token) < len(text) and _math_token(token):
            return list(_split_span(span, lead + len(token)))
    return [span]


def _mathy(span: Span) -> bool:
    text = span.text.strip()
    return _math_font(span) or bool(text) and all(c in _SEED_SIGNS for c in text)


def _stacked(left: Span, right: Span) -> bool:
    """The right span starts well before the left one ends: a numerator over a denominator."""
    size = min(left.size, right.size)
    apart = abs((left.bbox[1] + left.bbox[3]) - (right.bbox[1] + right.bbox[3])) / 2 > 0.3 * size
    return right.bbox[0] < left.bbox[2] - 0.2 * size and right.bbox[0] >= left.bbox[0] - 0.5 and apart


def _script_after(span: Span, nxt: Span, size: float) -> bool:
    """A smaller span set right after this one, with no space between: a script on its last glyph."""
    return (nxt.size < 0.85 * size and bool(nxt.text.strip()) and not nxt.text[0].isspace()
            and span.text == span.text.rstrip() and nxt.text.strip() not in _ORDINALS)


def _closes_italic_letter(prev: Span, span: Span) -> bool:
    """A span that starts with ")" right after an italic letter: the end of ``f(x)``."""
    word = prev.text.strip()
    return span.text.startswith(")") and prev.italic and 0 < len(word) <= 2 and prev.text == prev.text.rstrip()


def peel_spans(line: Line) -> Line:
    spans = list(line.spans)
    out: list[Span] = []
    for k, span in enumerate(spans):
        if _math_font(span) or not span.text.strip():
            out.append(span)
            continue
        left = k > 0 and (_mathy(spans[k - 1]) or _stacked(spans[k - 1], span) or _closes_italic_letter(spans[k - 1], span))
        right = k + 1 < len(spans) and (_mathy(spans[k + 1]) or _stacked(span, spans[k + 1])
                                        or _script_after(span, spans[k + 1], line.size))
        out += _peel(spans, k, left, right) if (left or right) else [span]
    return replace(line, spans=out) if len(out) != len(spans) else line


def _sign_between_math(spans: Sequence[Span], k: int, size: float) -> bool:
    """A relation sign set alone between math pieces ("a = b" in a Times-like math font set)."""
    text = spans[k].text.strip()
    if text not in _SEED_SIGNS:
        return False
    left = next((s for s in reversed(spans[:k]) if s.text.strip()), None)
    right = next((s for s in spans[k + 1:] if s.text.strip()), None)
    return left is not None and right is not None and all(
        _math_font(s) or (_joins_math(s, size) and s.text.strip() not in (",", ".")) for s in (left, right))


def _scripted_letter(spans: Sequence[Span], k: int, size: float) -> bool:
    """A single letter or number with a script set right after it (x_i, x^2, 2^n in a text font)."""
    text, nxt = spans[k].text, spans[k + 1] if k + 1 < len(spans) else None
    if nxt is None or text != text.rstrip() or not nxt.text.strip() or nxt.text[0].isspace():
        return False
    word = text.strip()  # the span is the letter or number alone: "ranking it 2" + "nd" is prose
    script = nxt.text.strip()
    # a number with a raised number is a footnote mark (1900 + 23), with a letter it is math (2^n)
    single = len(word) == 1 and word.isalpha() and spans[k].italic or word.isdigit() and not script.isdigit()
    return single and nxt.size < 0.85 * size and len(nxt.text.strip()) <= 4 and nxt.text.strip() not in _ORDINALS


def _function_call(spans: Sequence[Span], k: int) -> bool:
    """A single italic letter with a parenthesis right after it: ``f(x)``, ``O(n log n)``."""
    text, nxt = spans[k].text, spans[k + 1] if k + 1 < len(spans) else None
    return (nxt is not None and spans[k].italic and len(text.strip()) == 1 and text.strip().isalpha()
            and text == text.rstrip() and nxt.text.startswith("(") and len(nxt.text.strip()) <= 2)


def _stacked_piece(spans: Sequence[Span], k: int) -> bool:
    """A short number or letter stacked over or under its neighbour (an inline fraction's part)."""
    def short(span: Span) -> bool:
        text = span.text.strip()
        return bool(text) and len(text) <= 4 and (_math_token(text) or (text.isalpha() and len(text) == 1))

    if not short(spans[k]):
        return False  # both parts short: a numerator over a denominator, not a mark over a word
    return (k > 0 and short(spans[k - 1]) and _stacked(spans[k - 1], spans[k])) or (
        k + 1 < len(spans) and short(spans[k + 1]) and _stacked(spans[k], spans[k + 1]))


def _stretches(line: Line) -> list[tuple[int, int]]:
    """Index ranges [a, b) of the line's spans that are inline math."""
    spans = line.spans
    seeds = [k for k, s in enumerate(spans) if s.text.strip() and (
        _math_font(s) or _sign_between_math(spans, k, line.size) or _scripted_letter(spans, k, line.size)
        or _stacked_piece(spans, k) or _function_call(spans, k))]
    out: list[tuple[int, int]] = []
    size = line.size
    for k in seeds:
        if out and k < out[-1][1]:
            continue
        a, b = k, k + 1
        while a > 0 and _joins_math(spans[a - 1], size) and spans[a - 1].text.strip() not in (",", "."):
            a -= 1
        while b < len(spans) and (_math_font(spans[b]) or _joins_math(spans[b], size)):
            b += 1
        while b > a + 1 and spans[b - 1].text.strip() in ("", ",", ".", "(", "["):
            b -= 1  # punctuation after the math belongs to the sentence
        while a < b - 1 and spans[a].text.strip() in ("", ")", "]"):
            a += 1
        between = spans[out[-1][1]:a] if out else []
        if out and (a <= out[-1][1] or all(s.text.strip() in ("", ",") for s in between)):
            out[-1] = (out[-1][0], max(b, out[-1][1]))  # "k = 1, …, K" is one formula
        else:
            out.append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class InlineMath:
    text: str
    latex: str | None


def cut_inline_math(lines: Sequence[Line], latex_of: Callable[[Sequence[Span]], str | None]) -> tuple[list[Line], list[InlineMath]]:
    """The lines with each math stretch replaced by one placeholder span, and the stretches in order."""
    out_lines: list[Line] = []
    found: list[InlineMath] = []
    for line in lines:
        if not line.horizontal:
            out_lines.append(line)
            continue
        line = peel_spans(line)
        spans = list(line.spans)
        here: list[InlineMath] = []
        for a, b in reversed(_stretches(line)):
            piece = spans[a:b]
            text = "".join(s.text for s in piece).strip()
            if not text:
                continue
            here.insert(0, InlineMath(text, latex_of(piece)))
            first = piece[0]
            lead = " " if first.text[:1].isspace() else ""
            tail = " " if piece[-1].text[-1:].isspace() else ""
            holder = Span(lead + PLACEHOLDER + tail, bbox_union([s.bbox for s in piece]), "math-placeholder",
                          first.size, 0, first.color)
            spans[a:b] = [holder]
        found += here
        out_lines.append(replace(line, spans=spans, style_cache=None) if here else line)
    return out_lines, found


def expand_runs(runs: Sequence[TextRun], maths: Sequence[InlineMath]) -> list[TextRun]:
    """Runs with each placeholder replaced by a math run (its glyph text, and ``latex``)."""
    out: list[TextRun] = []
    queue = list(maths)
    for run in runs:
        if PLACEHOLDER not in run.text:
            out.append(run)
            continue
        parts = run.text.split(PLACEHOLDER)
        for k, part in enumerate(parts):
            if part:
                out.append(run.model_copy(update={"text": part}))
            if k < len(parts) - 1 and queue:
                m = queue.pop(0)
                out.append(TextRun(text=m.text, latex=m.latex))
    return out
