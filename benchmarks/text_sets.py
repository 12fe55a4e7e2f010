"""Data sets of the text suite and their ground truth readers.

- ``synth-reports``: generated reports (benchmarks.synth.reports), exact truth.
- ``docbank``: page N of each arXiv PDF vs its token file. The token file is in pdfplumber's
  line order, which runs across both columns of a two-column page, so the truth reading order
  is rebuilt from the token boxes (:func:`docbank_reading_order`, Manhattan column order).
- ``docling``: docling's own saved Markdown (a reference point, not truth).
- ``icdar2013-us``: table cell contents of the official ``-str.xml`` (truth for table text),
  and the PDF text layer's words (a completeness reference: no human truth for the rest).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.text_metrics import word_list


@dataclass(frozen=True)
class Job:
    id: str
    path: Path
    pages: tuple[int, ...] | None = None  # 1-based; None = all

    def as_json(self) -> dict:
        return {"id": self.id, "path": str(self.path), "pages": list(self.pages) if self.pages else None}


def synth_jobs(work_dir: Path, limit: int | None, count: int = 20, seed: int = 2026) -> list[Job]:
    """Generate (once per work dir) the report set; jobs in file order."""
    from benchmarks.synth.reports import generate_report_set

    out = work_dir / f"synth-reports-s{seed}-n{count}"
    marker = out / "_complete"
    if not marker.exists():
        generate_report_set(out, count=count, seed=seed, target_pages=2.5)
        marker.write_text("ok")
    pdfs = sorted(out.glob("report_*.pdf"))[: limit or None]
    return [Job(p.stem, p) for p in pdfs]


def long_report_job(work_dir: Path, pages: int) -> Job:
    from benchmarks.synth.reports import generate_long_report

    path = work_dir / f"long-report-{pages}p.pdf"
    if not path.exists():
        generate_long_report(path, pages=pages)
    return Job(path.stem, path)


# --- DocBank -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    word: str
    box: tuple[int, int, int, int]  # 0..1000 page scale
    label: str


def docbank_dir(corpus: Path) -> Path:
    return corpus / "text" / "docbank" / "DocBank_samples" / "DocBank_samples"


def docbank_jobs(corpus: Path, limit: int | None) -> list[Job]:
    """One job per token file: the PDF ``<stem>_black.pdf`` at page N+1 (N from the name)."""
    folder = docbank_dir(corpus)
    jobs = []
    for txt in sorted(folder.glob("*.txt")):
        stem, _, index = txt.stem.rpartition("_")
        pdf = folder / f"{stem}_black.pdf"
        if index.isdigit() and pdf.exists():
            jobs.append(Job(txt.stem, pdf, (int(index) + 1,)))
    return jobs[: limit or None]


def read_tokens(path: Path) -> list[Token]:
    tokens = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.rstrip("\r").split("\t")
        word = _CID.sub("", parts[0]) if len(parts) >= 10 else ""
        if not word.strip() or word.startswith("##LT"):
            continue  # ##LTLine##/##LTFigure## mark drawn graphics, (cid:N) unmapped glyphs
        x0, y0, x1, y1 = (int(v) for v in parts[1:5])
        tokens.append(Token(word, (x0, y0, x1, y1), parts[9]))
    return tokens


def _segments(tokens: list[Token], gap: int = 15, dy: int = 4) -> list[list[Token]]:
    """Runs of tokens on one line without a column-sized gap (file order is line order)."""
    segments: list[list[Token]] = []
    for tok in tokens:
        if segments:
            last = segments[-1][-1]
            if abs(tok.box[1] - last.box[1]) <= dy and 0 <= tok.box[0] - last.box[2] <= gap:
                segments[-1].append(tok)
                continue
        segments.append([tok])
    return segments


def docbank_reading_order(tokens: list[Token], middle: int = 500, slack: int = 5) -> list[Token]:
    """Tokens in Manhattan reading order: bands split by full-width lines; in a band, the left
    column top to bottom, then the right column. Single-column pages keep line order."""
    segments = sorted(_segments(tokens), key=lambda s: (min(t.box[1] for t in s), s[0].box[0]))
    ordered: list[Token] = []
    left: list[list[Token]] = []
    right: list[list[Token]] = []

    def flush() -> None:
        for seg in left + right:
            ordered.extend(seg)
        left.clear()
        right.clear()

    for seg in segments:
        x0, x1 = min(t.box[0] for t in seg), max(t.box[2] for t in seg)
        if x1 <= middle + slack:
            left.append(seg)
        elif x0 >= middle - slack:
            right.append(seg)
        else:
            flush()
            ordered.extend(seg)
    flush()
    return ordered


@dataclass(frozen=True)
class DocbankTruth:
    recall_words: list[str]  # body words in reading order (no furniture/figure/equation tokens)
    all_words: list[str]  # every token's words: the bag precision is measured against


_NOT_REQUIRED = {"footer", "figure", "equation"}
_MARGIN = 60  # of 1000: running heads and page numbers live in the top/bottom 6 %


def _in_margin(token: Token) -> bool:
    """DocBank labels running heads inconsistently (often "paragraph"); a parser that removes
    them must not lose recall, so the margin bands are not required (they stay in precision)."""
    return token.box[3] <= _MARGIN or token.box[1] >= 1000 - _MARGIN


def docbank_truth(corpus: Path, job: Job) -> DocbankTruth:
    tokens = join_hyphenated(docbank_reading_order(read_tokens(docbank_dir(corpus) / f"{job.id}.txt")))
    recall = [w for t in tokens if t.label not in _NOT_REQUIRED and not _in_margin(t)
              for w in word_list(t.word)]
    everything = [w for t in tokens for w in word_list(t.word)]
    return DocbankTruth(recall, everything)


def join_hyphenated(tokens: list[Token]) -> list[Token]:
    """Rejoin words split at a line end ("distribu-", "tion" → "distribution"): the truth is
    the word, and a parser that dehyphenates should not lose two words for it. A compound
    broken at its hyphen ("higher-", "order") is joined too; rare, and the same for all systems.
    """
    out: list[Token] = []
    skip = False
    for k, tok in enumerate(tokens):
        if skip:
            skip = False
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if (nxt is not None and _HYPHEN_END.search(tok.word) and nxt.word[:1].islower()
                and nxt.label == tok.label):
            out.append(Token(tok.word[:-1] + nxt.word, tok.box, tok.label))
            skip = True
        else:
            out.append(tok)
    return out


_HYPHEN_END = re.compile(r"[A-Za-z]-$")
_CID = re.compile(r"\(cid:\d+\)")


# --- docling ------------------------------------------------------------------------------

def docling_jobs(corpus: Path, limit: int | None) -> list[Job]:
    root = corpus / "text" / "docling" / "tests" / "data" / "pdf"
    jobs = [Job(pdf.stem, pdf) for pdf in sorted((root / "sources").glob("*.pdf"))
            if (root / "groundtruth" / f"{pdf.stem}.md").exists()]
    return jobs[: limit or None]


def docling_reference(job: Job) -> str:
    return (job.path.parent.parent / "groundtruth" / f"{job.id}.md").read_text(encoding="utf-8")


# --- ICDAR 2013 (US) ----------------------------------------------------------------------

def icdar_jobs(corpus: Path, limit: int | None) -> list[Job]:
    root = corpus / "tables" / "icdar2013-us" / "tests" / "files" / "tabula" / "icdar2013-dataset"
    folder = root / "competition-dataset-us"
    jobs = [Job(pdf.stem, pdf) for pdf in sorted(folder.glob("*.pdf"))
            if (folder / f"{pdf.stem}-str.xml").exists()]
    return jobs[: limit or None]


@dataclass(frozen=True)
class IcdarTruth:
    cell_words: list[str]  # words of every table cell (official GT)
    layer_words: list[str] = field(default_factory=list)  # words of the PDF text layer


def icdar_truth(job: Job) -> IcdarTruth:
    import pymupdf

    root = ET.parse(job.path.with_name(f"{job.id}-str.xml")).getroot()
    cells = [w for content in root.iter("content") for w in word_list(content.text or "")]
    with pymupdf.open(job.path) as doc:
        layer = [w for page in doc for w in word_list(page.get_text("text"))]
    return IcdarTruth(cells, layer)
