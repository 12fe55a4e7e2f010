"""Explain a generated report's text score: what docparse got wrong, block by block.

    python -m benchmarks.text_diff REPORT.pdf [MARKDOWN.md]

REPORT.pdf needs its truth ``REPORT.json`` beside it (as ``generate_report_set`` writes them).
Without MARKDOWN.md docparse converts the PDF. Prints the scores, headings missed or invented
(with levels), furniture found in the body, paragraphs that are not one block, and the word
diff between truth and output.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from benchmarks import text_metrics as tm
from benchmarks.suite_text import _drop_footnotes, score_synth


def explain(pdf: Path, markdown: str, context: int = 200) -> list[str]:
    from benchmarks.synth.reports import PARAGRAPH, load_truth

    truth = load_truth(pdf)
    score = score_synth(truth, markdown)
    out = [f"{truth.file} ({truth.style}, {truth.pages} pages): edit {score.edit:.3f}, "
           f"order {score.order}, headings {score.headings}, leaked pages {score.leaked}/"
           f"{score.furniture_pages}, intact paragraphs {score.intact}/{score.paragraphs}"]
    predicted = tm.markdown_headings(markdown)
    expected = [tm.MdHeading(tm.normalize_markdown(h.text), h.level) for h in truth.headings]
    pred_text = {h.text: h.level for h in predicted}
    for h in expected:
        if h.text not in pred_text:
            out.append(f"  heading missing: {'#' * h.level} {h.text}")
        elif pred_text[h.text] != h.level:
            out.append(f"  heading level {pred_text[h.text]} (truth {h.level}): {h.text}")
    truth_text = {h.text for h in expected}
    out += [f"  heading invented: {'#' * h.level} {h.text}" for h in predicted if h.text not in truth_text]
    body = tm.normalize_markdown(markdown)
    for f in truth.furniture:
        for text in f.texts:
            if not text.strip("0123456789 \u2013-") or tm.occurrences(tm.fold_text(text), body) == 0:
                continue
            out.append(f"  furniture in body (page {f.page}): {text!r}")
    stripped = _drop_footnotes(markdown, [tm.fold_text(f.text) for f in truth.footnotes])
    for block in truth.blocks:
        if block.kind == PARAGRAPH:
            para = tm.normalize_markdown(block.text)
            if tm.intact_paragraphs([para], stripped) == (0, 1):
                out.append(f"  paragraph not one block: {para[:70]!r}…")
    a = tm.normalize_markdown(truth.markdown()).split(" ")
    b = tm.normalize_markdown(stripped).split(" ")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"  {op}: truth={' '.join(a[i1:i2])[:context]!r} output={' '.join(b[j1:j2])[:context]!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.text_diff")
    p.add_argument("pdf", type=Path)
    p.add_argument("markdown", type=Path, nargs="?")
    args = p.parse_args(argv)
    if args.markdown:
        markdown = args.markdown.read_text(encoding="utf-8")
    else:
        import docparse

        markdown = docparse.parse(args.pdf).to_markdown()
    print("\n".join(explain(args.pdf, markdown)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
