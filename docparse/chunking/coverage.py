"""How well chunks cover a document: every body word in exactly one chunk.

Words are runs of letters and digits of the document Markdown (HTML tags of tables with merged
cells left out, their entities such as ``&lt;`` read as the character); a chunk's ``repeated`` text (a split table's header rows) is not counted.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from docparse.chunking.model import Chunk
    from docparse.document import Document

_TAG = re.compile(r"</?(?:table|thead|tbody|tr|td|th|br)\b[^>]*>")  # the table renderer's tags only (math has '<')
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(html.unescape(_TAG.sub(" ", text))))


@dataclass(frozen=True)
class Coverage:
    body_words: int  # words of the document Markdown
    once: int  # of them, found in the chunks exactly as often as in the body
    missing: int  # body words no chunk holds
    extra: int  # chunk words beyond the body's count (duplicates, words the Markdown lacks)

    @property
    def share_once(self) -> float:
        return self.once / self.body_words if self.body_words else 1.0


def coverage(document: "Document", chunks: Iterable["Chunk"]) -> Coverage:
    """Body words covered exactly once by ``chunks`` (as a multiset: a word that occurs n times in
    the body must occur n times in the chunks)."""
    from docparse.document import ImageMode

    body = words(document.to_markdown(images=ImageMode.NONE))
    held: Counter[str] = Counter()
    for chunk in chunks:
        held.update(words(chunk.text))
        held.subtract(words(chunk.repeated))
    once = sum(min(n, max(0, held[w])) for w, n in body.items())
    missing = sum(max(0, n - max(0, held[w])) for w, n in body.items())
    extra = sum(max(0, n - body[w]) for w, n in held.items())
    return Coverage(body_words=sum(body.values()), once=once, missing=missing, extra=extra)
