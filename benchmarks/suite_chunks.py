"""Chunks suite: retrieval chunks (``Document.chunks``) on the corpus's real documents.

Data: the born-digital PDFs of ``text/docling`` (papers, a Redbook sample; the password copy
left out), ``tables/icdar2013-us`` (government reports, long tables) and the ``text/docbank``
arXiv pages, read in place. Each document is converted once (default options); chunking is then
timed alone, in this process (CPU seconds), at 128 and 512 tokens with the default word counter.

Rows (system ``docparse``), per set and max_tokens:
- body words exactly once: share of the document Markdown's words (letters/digits; HTML tags of
  merged-cell tables left out) found in the chunks exactly as often (a split table's repeated
  header rows not counted), over the set;
- words missing / extra: body words no chunk holds, chunk words beyond the body's count;
- chunks over max_tokens (must be 0); chunking ms/page; mean tokens per chunk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, SuiteArgs, SuiteResult
from docparse.chunking import ChunkOptions, chunk_document
from docparse.chunking.coverage import coverage
from docparse.config import ParseOptions
from docparse.converter import Converter
from docparse.document import Document

SIZES = (128, 512)


@dataclass
class Tally:
    documents: int = 0
    pages: int = 0
    body_words: int = 0
    once: int = 0
    missing: int = 0
    extra: int = 0
    chunks: int = 0
    tokens: int = 0
    over_limit: int = 0
    seconds: float = 0.0

    def add(self, document: Document, max_tokens: int) -> None:
        start = time.process_time()
        chunks = chunk_document(document, ChunkOptions(max_tokens=max_tokens))
        self.seconds += time.process_time() - start
        cov = coverage(document, chunks)
        self.documents += 1
        self.pages += len(document.pages)
        self.body_words += cov.body_words
        self.once += cov.once
        self.missing += cov.missing
        self.extra += cov.extra
        self.chunks += len(chunks)
        self.tokens += sum(c.tokens for c in chunks)
        self.over_limit += sum(1 for c in chunks if c.tokens > max_tokens)


def corpus_sets(corpus: Path) -> list[tuple[str, list[Path]]]:
    docling = corpus / "text" / "docling" / "tests" / "data"
    icdar = corpus / "tables" / "icdar2013-us"
    docbank = corpus / "text" / "docbank" / "DocBank_samples" / "DocBank_samples"
    return [
        ("text/docling", sorted(p for p in docling.rglob("*.pdf") if "password" not in p.as_posix())),
        ("tables/icdar2013-us", sorted(icdar.rglob("*.pdf"))),
        ("text/docbank", sorted(docbank.glob("*.pdf"))),
    ]


def run(args: SuiteArgs) -> SuiteResult:
    result = SuiteResult("chunks")
    converter = Converter(ParseOptions())
    for name, paths in corpus_sets(args.corpus):
        paths = paths[: args.limit] if args.limit else paths
        if not paths:
            continue
        tallies = {size: Tally() for size in SIZES}
        for path in paths:
            try:
                document = converter.convert(path)
            except Exception:  # noqa: BLE001 - an unreadable file is the robustness suite's business
                continue
            for size, tally in tallies.items():
                tally.add(document, size)
        for size, t in tallies.items():
            n = t.documents
            result.rows += [
                Row(name, f"body words exactly once @{size}", {"docparse": t.once / max(1, t.body_words)}, n,
                    note=f"{t.body_words} words"),
                Row(name, f"words missing / extra @{size}", {"docparse": float(t.missing + t.extra)}, n, "lower",
                    note=f"missing {t.missing}, extra {t.extra}"),
                Row(name, f"chunks over max_tokens @{size}", {"docparse": float(t.over_limit)}, n, "lower",
                    note=f"{t.chunks} chunks"),
                Row(name, f"chunking ms/page @{size}", {"docparse": 1000 * t.seconds / max(1, t.pages)}, n, "lower",
                    note=f"{t.pages} pages, CPU"),
                Row(name, f"mean tokens per chunk @{size}", {"docparse": t.tokens / max(1, t.chunks)}, n),
            ]
    return result
