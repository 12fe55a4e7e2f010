"""Formulas as LaTeX (issue 18): ``python -m benchmarks formulas [--split dev|test] [--limit N]``.

pdflatex documents from :mod:`benchmarks.formulas` (grammar + well-known formulas; Computer Modern,
Latin Modern, Times-like math; one and two columns; 10-12 pt). Display formulas: normalized LaTeX
token edit distance after canonicalization (a missed formula counts 1.0), exact match, rendering
match (both canonical forms typeset by pdflatex and compared as pictures). Inline math: share of
the truth's inline formulas that come out as ``$…$`` in the Markdown, and their edit distance.
The anchor is the formula's text layer in ``$$`` (what docparse wrote before: the region's glyph
text), scored the same way with each character mapped to its LaTeX command.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import Row, SuiteArgs, SuiteResult
from benchmarks.families.base import Split
from benchmarks.formulas.documents import FormulaDoc, make_docs
from benchmarks.formulas.scoring import align, canonical_tokens, normalized_distance, rendering_matches

DOCS_PER_SPLIT = 12
_INLINE_RE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$")


@dataclass
class _Scores:
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (prediction, truth); "" = missed
    inline_found: int = 0
    inline_total: int = 0
    inline_distance: list[float] = field(default_factory=list)
    seconds: float = 0.0
    formulas_read: int = 0


def _anchor_latex(text: str) -> str:
    from docparse.pages.mathsymbols import unicode_symbol

    return " ".join(unicode_symbol(c)[0] for c in text if not c.isspace())


def _predictions(doc: FormulaDoc) -> tuple[list[str], list[str], list[str]]:
    """(docparse display LaTeX, anchor display text, docparse inline LaTeX) in reading order."""
    import docparse
    from docparse.document import RegionKind

    parsed = docparse.parse(str(doc.pdf))
    regions = list(parsed.regions(RegionKind.FORMULA))
    display = [r.latex or r.text for r in regions]
    anchor = [_anchor_latex(r.text) for r in regions]
    inline = [m.group(1) for m in _INLINE_RE.finditer(parsed.to_markdown())]
    return display, anchor, inline


def _score_docs(docs: list[FormulaDoc]) -> tuple[_Scores, _Scores]:
    ours, anchor = _Scores(), _Scores()
    for doc in docs:
        truths = [f.latex for f in doc.display]
        start = time.perf_counter()
        display, text_layer, inline = _predictions(doc)
        ours.seconds += time.perf_counter() - start
        ours.formulas_read += len(display)
        for scores, preds in ((ours, display), (anchor, text_layer)):
            for t, k in zip(truths, align(preds, truths)):
                scores.pairs.append((preds[k] if k is not None else "", t))
        inline_truth = [f.latex for f in doc.inline]
        ours.inline_total += len(inline_truth)
        anchor.inline_total += len(inline_truth)
        for t, k in zip(inline_truth, align(inline, inline_truth)):
            if k is not None:
                ours.inline_found += 1
                ours.inline_distance.append(normalized_distance(inline[k], t))
    return ours, anchor


def _summary(scores: _Scores) -> dict[str, float]:
    dist = [normalized_distance(p, t) if p else 1.0 for p, t in scores.pairs]
    exact = [bool(p) and canonical_tokens(p) == canonical_tokens(t) for p, t in scores.pairs]
    rendered = rendering_matches([p for p, _ in scores.pairs], [t for _, t in scores.pairs])
    n = max(len(scores.pairs), 1)
    return {"distance": sum(dist) / n, "exact": sum(exact) / n, "render": sum(rendered) / n,
            "inline": scores.inline_found / max(scores.inline_total, 1),
            "inline_distance": sum(scores.inline_distance) / max(len(scores.inline_distance), 1)}


def _rebuild_ms(docs: list[FormulaDoc]) -> tuple[float, float, int]:
    """Milliseconds per display formula spent rebuilding LaTeX from glyphs and rules (one core;
    glyph extraction excluded): (mean, worst, formulas)."""
    import pymupdf

    import docparse
    from docparse.document import RegionKind
    from docparse.options.formulas import FormulaOptions
    from docparse.pages.glyphs import read_glyphs
    from docparse.pages.textlayer import read_drawings
    from docparse.readers.formulas import formula_latex, rules_in

    options, times = FormulaOptions(), []
    for doc in docs:
        parsed = docparse.parse(str(doc.pdf))
        with pymupdf.open(doc.pdf) as pdf:
            for region in parsed.regions(RegionKind.FORMULA):
                page = pdf[region.page - 1]
                glyphs, rules = read_glyphs(page, region.bbox), rules_in(read_drawings(page), region.bbox, options)
                start = time.perf_counter()
                formula_latex(glyphs, rules, options)
                times.append((time.perf_counter() - start) * 1000)
    return (sum(times) / max(len(times), 1), max(times, default=0.0), len(times))


SCANNED_DOCS = 4


def _scanned_rows(docs: list[FormulaDoc], work: Path, name: str) -> list[Row]:
    """Scanned copies (200 dpi-like raster, noise): formulas keep their OCR text as formula regions;
    no formula recognizer for pixels ships (see docs/formulas.md)."""
    import docparse
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf
    from docparse.document import RegionKind

    work.mkdir(parents=True, exist_ok=True)
    pairs: list[tuple[str, str]] = []
    found = total = 0
    for k, doc in enumerate(docs[:SCANNED_DOCS]):
        scan = work / f"scan-{doc.pdf.name}"
        if not scan.exists():
            scan.write_bytes(degrade_pdf(doc.pdf.read_bytes(), DegradeSettings(snr_db=25.0), seed=k))
        parsed = docparse.parse(str(scan))
        preds = [_anchor_latex(r.text) for r in parsed.regions(RegionKind.FORMULA)]
        truths = [f.latex for f in doc.display]
        matched = align(preds, truths)
        total += len(truths)
        found += sum(1 for m in matched if m is not None)
        pairs += [(preds[m] if m is not None else "", t) for t, m in zip(truths, matched)]
    dist = sum(normalized_distance(p, t) if p else 1.0 for p, t in pairs) / max(len(pairs), 1)
    note = "no VLM formula checkpoint ships: OCR text kept (no GPU this session; the VLM reads text at CER 0.79)"
    return [Row(f"{name} scanned", "display edit distance, OCR text fallback", {"docparse": dist}, n=len(pairs),
                better="lower", note=note),
            Row(f"{name} scanned", "display formulas found as formula regions", {"docparse": found / max(total, 1)},
                n=total)]


def _per_template(docs: list[FormulaDoc]) -> dict[str, list[FormulaDoc]]:
    out: dict[str, list[FormulaDoc]] = {}
    for doc in docs:
        out.setdefault(doc.template, []).append(doc)
    return out


def run(args: SuiteArgs) -> SuiteResult:
    result = SuiteResult("formulas")
    splits = [Split.DEV, Split.TEST] if args.split == "both" else [Split(args.split)]
    for split in splits:
        docs = make_docs(split, args.limit or DOCS_PER_SPLIT, args.work_dir / "formulas" / split.value)
        ours, anchor = _score_docs(docs)
        a, b = _summary(ours), _summary(anchor)
        name = f"pdflatex {split.value} ({len(docs)} docs)"
        n = len(ours.pairs)
        result.rows += [
            Row(name, "display edit distance (canonical tokens)", {"docparse": a["distance"], "text layer": b["distance"]},
                n=n, better="lower"),
            Row(name, "display exact match", {"docparse": a["exact"], "text layer": b["exact"]}, n=n),
            Row(name, "display rendering match (pdflatex)", {"docparse": a["render"], "text layer": b["render"]}, n=n),
            Row(name, "inline math as $LaTeX$", {"docparse": a["inline"], "text layer": 0.0}, n=ours.inline_total),
            Row(name, "inline edit distance (found ones)", {"docparse": a["inline_distance"]}, n=ours.inline_found,
                better="lower"),
            Row(name, "seconds per document (whole parse)", {"docparse": ours.seconds / max(len(docs), 1)}, n=len(docs),
                better="lower"),
        ]
        mean_ms, worst_ms, count = _rebuild_ms(docs)
        result.rows.append(Row(name, "ms per formula, LaTeX rebuild (mean; worst in note)", {"docparse": mean_ms},
                               n=count, better="lower", note=f"worst {worst_ms:.1f} ms"))
        result.rows += _scanned_rows(docs, args.work_dir / "formulas" / f"{split.value}-scanned", name)
        if args.split != "both":
            for template, group in _per_template(docs).items():
                t_ours, _ = _score_docs(group)
                s = _summary(t_ours)
                result.rows.append(Row(f"  {template}", "display distance / render / inline",
                                       {"distance": s["distance"], "render": s["render"], "inline": s["inline"]},
                                       n=len(t_ours.pairs)))
    return result
