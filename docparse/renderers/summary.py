"""A JSON summary of a document: title, type, language, counts, keywords and a short summary.

The summary is extractive by default (offline, no model): sentences are scored by how central
their words are to the document (term frequency weighted by spread over pages), the language
from its script or common words (renderers/language.py) and the document type from textual and
layout cues (renderers/doctype.py); thresholds in ``ParseOptions.output.summary``. A
:class:`Summarizer` (e.g. :class:`ChatCompletionsSummarizer` on an OpenAI-compatible VLM/LLM
server) makes it abstractive.
"""

from __future__ import annotations

import json
import math
import re
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from docparse.document import Document, RegionKind
from docparse.options.summary import SummaryOptions
from docparse.options.vlm import SummaryServerOptions
from docparse.renderers.doctitle import document_title
from docparse.renderers.doctype import DocumentType, classify_document_type
from docparse.renderers.language import detect_language

SUMMARY_SCHEMA_VERSION = "1.0"
MAX_SUMMARY_CHARS = 700
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-ZÀ-ÖØ-Þ0-9])")


class DocumentSummary(BaseModel):
    """What ``OUT/<stem>.summary.json`` holds."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = SUMMARY_SCHEMA_VERSION
    source: str
    title: str | None = None
    document_type: DocumentType
    language: str | None = Field(description="ISO 639-1 code, None when unknown")
    page_count: int = Field(ge=0)
    table_count: int = Field(ge=0)
    chart_count: int = Field(ge=0)
    figure_count: int = Field(ge=0)
    word_count: int = Field(ge=0)
    keywords: list[str] = Field(default_factory=list, max_length=5)
    summary: str = Field(max_length=2000)
    method: Literal["extractive", "abstractive"] = "extractive"

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)


class Summarizer(Protocol):
    """Writes the summary text; the rest of :class:`DocumentSummary` is computed here."""

    @property
    def method(self) -> Literal["extractive", "abstractive"]: ...  # read-only (frozen implementations)

    def summarize(self, document: Document) -> str: ...


# -- words left out of keywords --------------------------------------------------------------------

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for it as was with be by on not this are or from at an "
                    "which have has but were their been we they its also these than our".split()),
    "de": frozenset("der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
                    "auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie".split()),
    "fr": frozenset("le la les de des du et en un une est que qui dans pour pas sur au par plus ce "
                    "il elle sont avec ou aux nous vous mais cette ses leur été".split()),
    "es": frozenset("el la los las de del y en un una es que por con para no se su al lo como más "
                    "pero sus le ha este esta son entre cuando muy sin sobre también".split()),
    "it": frozenset("il lo la i gli le di del della e è in un una che per con non si da al alla "
                    "sono come anche più ma nel nella questo questa dei delle".split()),
    "nl": frozenset("de het een en van in is dat op te zijn met voor niet aan er om ook als bij door "
                    "maar naar dan wordt uit tot over deze worden".split()),
    "pt": frozenset("o a os as de do da dos das e em um uma é que para com não se por mais como "
                    "mas ao aos pela pelo foi são seu sua também".split()),
}


# -- text, keywords, sentences ---------------------------------------------------------------------

@dataclass(frozen=True)
class Passage:
    text: str
    page: int
    kind: RegionKind


def document_passages(document: Document) -> list[Passage]:
    """Body text in reading order (furniture, tables and charts left out)."""
    keep = {RegionKind.TITLE, RegionKind.HEADING, RegionKind.PARAGRAPH, RegionKind.LIST_ITEM,
            RegionKind.CAPTION}
    return [Passage(r.text.strip(), r.page, r.kind) for r in document.regions()
            if r.kind in keep and r.text.strip()]


def tokenize(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def content_words(words: list[str], language: str | None) -> list[str]:
    stop = STOPWORDS.get(language or "en", STOPWORDS["en"]) | STOPWORDS["en"]
    return [w for w in words if len(w) > 2 and w not in stop]


def term_weights(passages: list[Passage], language: str | None) -> dict[str, float]:
    """Frequency × spread: a word used often and on many pages is central to the document."""
    freq: defaultdict[str, float] = defaultdict(float)
    spread: dict[str, set[int]] = {}
    for i, passage in enumerate(passages):
        boost = 2.0 if passage.kind in (RegionKind.TITLE, RegionKind.HEADING) else 1.0
        for word in content_words(tokenize(passage.text), language):
            freq[word] += boost
            spread.setdefault(word, set()).add(i)
    n = max(len(passages), 1)
    return {w: f * (1.0 + math.log(len(spread[w]))) / math.log(2 + n) for w, f in freq.items()}


def top_keywords(weights: dict[str, float], limit: int = 5) -> list[str]:
    chosen: list[str] = []
    for word, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if any(_same_root(word, c) for c in chosen):
            continue
        chosen.append(word)
        if len(chosen) == limit:
            break
    return chosen


def _same_root(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return (long.startswith(short) and len(long) - len(short) <= 3) or short in long.split("-")


def split_sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text).strip()
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


@dataclass(frozen=True)
class ScoredSentence:
    index: int
    text: str
    score: float


def score_sentences(passages: list[Passage], weights: dict[str, float], language: str | None) -> list[ScoredSentence]:
    """Mean centrality of a sentence's content words, a little favour for early sentences."""
    scored: list[ScoredSentence] = []
    body = [p for p in passages if p.kind in (RegionKind.PARAGRAPH, RegionKind.LIST_ITEM)]
    for passage in body:
        for sentence in split_sentences(passage.text):
            words = content_words(tokenize(sentence), language)
            n_words = len(sentence.split())
            if n_words < 6 or n_words > 60 or len(words) < 3:
                continue
            centrality = sum(weights.get(w, 0.0) for w in set(words)) / math.sqrt(len(set(words)))
            position = 1.0 + 0.3 / (1 + len(scored) / 5)
            scored.append(ScoredSentence(len(scored), sentence, centrality * position))
    return scored


def extractive_summary(passages: list[Passage], weights: dict[str, float], language: str | None,
                       max_sentences: int = 3, max_chars: int = MAX_SUMMARY_CHARS) -> str:
    """The best-scoring sentences, in document order, within ``max_chars``."""
    scored = score_sentences(passages, weights, language)
    if not scored:
        fallback = " ".join(p.text for p in passages if p.kind is not RegionKind.TITLE)
        return _clip(re.sub(r"\s+", " ", fallback).strip(), max_chars)
    picked: list[ScoredSentence] = []
    length = 0
    for sentence in sorted(scored, key=lambda s: -s.score):
        if len(picked) == max_sentences:
            break
        if length + len(sentence.text) > max_chars and picked:
            continue
        if any(_overlap(sentence.text, p.text) > 0.6 for p in picked):
            continue
        picked.append(sentence)
        length += len(sentence.text) + 1
    return _clip(" ".join(s.text for s in sorted(picked, key=lambda s: s.index)), max_chars)


def _overlap(a: str, b: str) -> float:
    wa, wb = set(tokenize(a)), set(tokenize(b))
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _clip(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1].rsplit(" ", 1)[0]
    return cut + "…"


def language_evidence(document: Document, passages: list[Passage]) -> tuple[list[str], str]:
    """Tokens and raw text for language detection: the body and the words in table cells."""
    cells = [c.text for region in document.tables if region.table for c in region.table.cells]
    text = "\n".join([p.text for p in passages] + cells)
    return tokenize(text), text


# -- summarizers -----------------------------------------------------------------------------------

class ExtractiveSummarizer:
    method: Literal["extractive", "abstractive"] = "extractive"

    def summarize(self, document: Document) -> str:
        passages = document_passages(document)
        language = detect_language(*language_evidence(document, passages))
        return extractive_summary(passages, term_weights(passages, language), language)


@dataclass(frozen=True)
class ChatCompletionsSummarizer:
    """Abstractive summaries from an OpenAI-compatible ``/v1/chat/completions`` server."""

    server_url: str
    model: str = SummaryServerOptions.model  # defaults: ParseOptions.vlm.summary
    timeout_s: float = SummaryServerOptions.timeout_s
    max_input_chars: int = SummaryServerOptions.max_input_chars
    max_tokens: int = SummaryServerOptions.max_tokens
    method: Literal["extractive", "abstractive"] = "abstractive"

    def prompt(self, document: Document) -> str:
        passages = document_passages(document)
        text = "\n\n".join(p.text for p in passages)[: self.max_input_chars]
        template = resources.files("docparse.prompts").joinpath("summary.txt").read_text(encoding="utf-8")
        return template.format(language=detect_language(*language_evidence(document, passages)) or "unknown", title=document_title(document) or "",
                               document_type=classify_document_type(document, text).value, text=text)

    def summarize(self, document: Document) -> str:
        url = self.server_url.rstrip("/")
        if not url.endswith("/chat/completions"):
            url += "/chat/completions" if url.endswith("/v1") else "/v1/chat/completions"
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"summary server must be an http(s) URL, got {self.server_url!r}")
        body = {"model": self.model, "temperature": 0.0, "max_tokens": self.max_tokens,
                "messages": [{"role": "user", "content": self.prompt(document)}]}
        request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 - http(s) only
            answer = json.loads(response.read().decode("utf-8"))
        return _clip(str(answer["choices"][0]["message"]["content"]).strip(), MAX_SUMMARY_CHARS)


def summarize_document(document: Document, summarizer: Summarizer | None = None,
                       options: SummaryOptions | None = None) -> DocumentSummary:
    """Build and validate the summary; an abstractive backend that fails falls back to extractive.
    ``options``: ``ParseOptions.output.summary`` (language, document-type and title thresholds)."""
    options = options or SummaryOptions()
    passages = document_passages(document)
    text = "\n".join(p.text for p in passages)
    words = tokenize(text)
    language = detect_language(*language_evidence(document, passages), options=options.language)
    summarizer = summarizer or ExtractiveSummarizer()
    try:
        summary, method = summarizer.summarize(document), summarizer.method
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:  # server down or bad answer
        del exc
        summary, method = ExtractiveSummarizer().summarize(document), "extractive"
    figures = sum(1 for _ in document.regions(RegionKind.FIGURE))
    return DocumentSummary(
        source=document.source, title=document_title(document, options.title),
        document_type=classify_document_type(document, text, options.types), language=language,
        page_count=len(document.pages), table_count=len(document.tables), chart_count=len(document.charts),
        figure_count=figures, word_count=len(words),
        keywords=top_keywords(term_weights(passages, language)), summary=summary, method=method,
    )
