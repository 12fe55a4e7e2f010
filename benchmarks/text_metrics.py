"""Text metrics for the text suite: normalization, edit distance, headings, order, leakage, words.

All functions are pure. Both sides of every comparison go through :func:`normalize_markdown`
(Markdown markup stripped, NFC, ligatures, quotes and dashes folded to ASCII, whitespace
collapsed), as olmOCR-Bench and OmniDocBench do. Tables (GitHub pipes and HTML) are removed
from both sides before body-text scores: table structure is scored by the tables suite.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00ad": None,
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\u2026": "...",
})
_HTML_TABLE = re.compile(r"(?<!\\)<table\b.*?</table>", re.S | re.I)  # "\<table name>" is text
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_FOOTREF = re.compile(r"\[\^(\w+)\]")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_LIST_MARK = re.compile(r"^\s*(?:[-*+\u2022\u25a0\u2013]|\d{1,3}[.)])\s+", re.M)
_QUOTE_MARK = re.compile(r"^\s*>\s?", re.M)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_HIDDEN = 0xF0000  # escaped ASCII punctuation is parked in a private-use plane meanwhile
_HIDDEN_CHAR = re.compile("[\U000F0000-\U000F007F]")
_TAG = re.compile(r"(?<!\\)</?[a-zA-Z][^>]*>")
_BLOCK_TAG = re.compile(r"(?<!\\)</?(?:table|thead|tbody|tfoot|tr|td|th|br|p|div|li|ul|ol|caption)\b[^>]*>", re.I)
_EMPH = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|~~")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)
_FENCE = re.compile(r"^\s*```.*$", re.M)
_SPACE = re.compile(r"\s+")
_HEADING_LINE = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_WORD = re.compile(r"\w+", re.U)


def fold_text(text: str) -> str:
    """NFC, ligatures/quotes/dashes folded, whitespace collapsed (no Markdown handling)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_FOLD)).strip()


def strip_tables(markdown: str) -> str:
    return _PIPE_ROW.sub("", _HTML_TABLE.sub("", markdown))


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M)


def strip_markdown(markdown: str, tables: bool = False) -> str:
    """Plain text of a Markdown document: markup gone, text kept in order. Tables are removed
    unless ``tables`` (then their cell text stays, separators dropped). Math (``$…$``, ``$$…$$``)
    is read back as the glyph text it shows (``$x_i^2$`` → xi2), as the text layer draws it."""
    from benchmarks.formulas.plaintext import markdown_math_as_text

    text = markdown_math_as_text(_COMMENT.sub("", markdown)) if "$" in markdown else _COMMENT.sub("", markdown)
    if tables:
        text = _PIPE_RULE.sub("", text).replace("|", " ")
    else:
        text = strip_tables(text)
    text = _FENCE.sub("", _RULE.sub("", text))
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTREF.sub(r"\1", text)
    text = _HEADING_MARK.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", text))  # cells stay apart, <sup>1</sup> stays attached
    text = html.unescape(text) if "&" in text else text
    # escaped characters ("FUNCTION\\_USAGE") are text, not emphasis: hide them from _EMPH
    text = _ESCAPE.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), text)
    text = _EMPH.sub("", text)
    return _HIDDEN_CHAR.sub(lambda m: chr(ord(m.group(0)) - _HIDDEN), text)


def normalize_markdown(markdown: str, tables: bool = False) -> str:
    return fold_text(strip_markdown(markdown, tables=tables))


def markdown_words(markdown: str) -> list[str]:
    """Lower-cased words of a Markdown document, table cells included."""
    return word_list(strip_markdown(markdown, tables=True))


def edit_distance(prediction: str, truth: str) -> float:
    """Levenshtein distance / max length (OmniDocBench's normalized edit distance)."""
    from rapidfuzz.distance import Levenshtein

    if not prediction and not truth:
        return 0.0
    return Levenshtein.normalized_distance(prediction, truth)


@dataclass(frozen=True)
class MdHeading:
    text: str
    level: int


def markdown_headings(markdown: str) -> list[MdHeading]:
    """ATX headings outside code fences, text normalized."""
    out: list[MdHeading] = []
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        m = _HEADING_LINE.match(line)
        if m and not fenced:
            out.append(MdHeading(normalize_markdown(m.group(2)), len(m.group(1))))
    return out


@dataclass(frozen=True)
class HeadingScore:
    truth: int
    predicted: int
    matched: int
    level_correct: int

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.truth else 0.0)

    @property
    def level_accuracy(self) -> float | None:
        return self.level_correct / self.matched if self.matched else None


def score_headings(truth: Sequence[MdHeading], predicted: Sequence[MdHeading],
                   threshold: float = 90.0) -> HeadingScore:
    """Greedy one-to-one fuzzy matching in document order (rapidfuzz ratio ≥ threshold)."""
    from rapidfuzz import fuzz

    used: set[int] = set()
    matched = level_ok = 0
    for t in truth:
        best, best_score = -1, threshold
        for k, p in enumerate(predicted):
            if k in used:
                continue
            s = fuzz.ratio(t.text.lower(), p.text.lower())
            if s >= best_score:
                best, best_score = k, s
                if s == 100:
                    break
        if best >= 0:
            used.add(best)
            matched += 1
            level_ok += predicted[best].level == t.level
    return HeadingScore(len(truth), len(predicted), matched, level_ok)


def locate(needle: str, haystack: str, min_score: float = 85.0) -> int | None:
    """Start offset of needle in haystack: exact, else fuzzy (partial ratio alignment)."""
    from rapidfuzz import fuzz

    if not needle:
        return None
    pos = haystack.find(needle)
    if pos >= 0:
        return pos
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=min_score)
    return None if alignment is None else alignment.dest_start


@dataclass(frozen=True)
class OrderScore:
    blocks: int
    found: int
    pairs: int
    pairs_in_order: int

    @property
    def score(self) -> float | None:
        return self.pairs_in_order / self.pairs if self.pairs else None


def reading_order(blocks: Sequence[str], prediction: str, probe: int = 100) -> OrderScore:
    """Fraction of pairs of located truth blocks whose predicted order is the truth order.

    Each block is located by its first ``probe`` normalized characters (a paragraph split
    across columns still starts where it starts). Blocks not found, and blocks whose probe is
    not unique (in the truth or the output), are left out of the pairs.
    """
    probes = [b[:probe] for b in blocks]
    positions = []
    for k, needle in enumerate(probes):
        if not needle or sum(needle in other for other in blocks) > 1 or prediction.count(needle) > 1:
            continue
        pos = locate(needle, prediction)
        if pos is not None:
            positions.append(pos)
    pairs = in_order = 0
    for i in range(len(positions)):
        for j in range(i + 1, len(positions)):
            pairs += 1
            in_order += positions[i] < positions[j]
    return OrderScore(len(blocks), len(positions), pairs, in_order)


def intact_paragraphs(paragraphs: Sequence[str], markdown: str, min_score: float = 95.0) -> tuple[int, int]:
    """(truth paragraphs that come out as one block, paragraphs): a paragraph split across
    columns or pages must be joined, without furniture or footnotes inside it."""
    from rapidfuzz import fuzz

    blocks = [normalize_markdown(b) for b in re.split(r"\n\s*\n", markdown)]
    blocks = [b for b in blocks if b]
    intact = 0
    for para in paragraphs:
        need = 0.95 * len(para)
        if any(len(b) >= need and (para in b or fuzz.partial_ratio(para, b) >= min_score)
               for b in blocks):
            intact += 1
    return intact, len(paragraphs)


def occurrences(needle: str, haystack: str) -> int:
    """Whole-token occurrences of needle (so 'Page 3' does not match 'Page 31')."""
    return len(re.findall(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack))


def leaked_pages(furniture: Sequence[tuple[int, Sequence[str]]], markdown: str,
                 body: str = "") -> tuple[int, int]:
    """(pages whose running header/footer text is in the body, pages with furniture).

    A string repeated on k pages and found n times in the output counts for min(n, k) pages.
    Bare page numbers are looked for as a whole line (block) of the output, other strings
    anywhere in the normalized text, less the times the truth's ``body`` text prints them (an
    organisation named by the running header and by the byline "Research Desk, <org>").
    """
    text = normalize_markdown(markdown)
    expected = normalize_markdown(body)
    lines = [normalize_markdown(line) for line in markdown.splitlines()]
    pages_of: dict[str, list[int]] = {}
    for page, texts in furniture:
        for s in texts:
            pages_of.setdefault(fold_text(s), []).append(page)
    leaked: set[int] = set()
    for s, pages in pages_of.items():
        if re.fullmatch(r"[-\s\d]+", s):
            n = sum(1 for line in lines if line == s)
        else:
            n = max(0, occurrences(s, text) - occurrences(s, expected))
        leaked.update(pages[: min(n, len(pages))])
    with_furniture = sum(1 for _, texts in furniture if texts)
    return len(leaked), with_furniture


def broken_hyphenations(words: Iterable[str], prediction: str) -> tuple[int, int]:
    """(words the output still splits at a hyphen, words looked for); truth words are whole."""
    total = broken = 0
    for word in words:
        total += 1
        pattern = r"(?<!\w)" + r"-?\s?".join(re.escape(c) for c in word) + r"(?!\w)"
        whole = occurrences(word, prediction)
        split = len(re.findall(pattern, prediction)) - whole
        broken += split > 0
    return broken, total


def word_list(text: str) -> list[str]:
    """Lower-cased word tokens of a normalized text (hyphens split words)."""
    return [w.lower() for w in _WORD.findall(fold_text(text))]


@dataclass(frozen=True)
class WordScore:
    truth: int
    predicted: int
    recalled: int  # truth words found (bag-of-words intersection)
    correct: int  # predicted words found in the precision truth bag
    in_order: int  # longest common subsequence of truth and predicted word sequences

    @property
    def recall(self) -> float:
        return self.recalled / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def order(self) -> float | None:
        """Share of the recalled words that come in the truth order (LCS / recalled)."""
        return self.in_order / self.recalled if self.recalled else None


def score_words(truth: Sequence[str], predicted: Sequence[str],
                precision_truth: Sequence[str] | None = None) -> WordScore:
    """Bag-of-words recall and precision, and order (LCS).

    ``precision_truth`` is the bag precision is measured against when it should be larger
    than the recall truth (e.g. page furniture is not required but is not wrong either).
    """
    from collections import Counter

    from rapidfuzz.distance import LCSseq

    t, p = Counter(truth), Counter(predicted)
    recalled = sum((t & p).values())
    correct = sum((Counter(precision_truth) & p).values()) if precision_truth is not None else recalled
    lcs = LCSseq.similarity(list(truth), list(predicted)) if truth and predicted else 0
    return WordScore(len(truth), len(predicted), recalled, correct, min(lcs, recalled))


def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None
