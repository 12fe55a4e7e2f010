"""Train the learned block-role model (issue 15 item 2) and export it for docparse.

    python -m tools.train_block_roles extract --work /tmp/brm [--families weasyprint,...] [--count 12]
    python -m tools.train_block_roles fit --work /tmp/brm

``extract`` builds the **dev** split of each text family (never test), parses every document
with docparse while recording, for each text block the block-role rules classify, its feature
row (:func:`docparse.regions.block_features.block_features`) and the hand rules' answer; each
block is labelled by matching its text against the family's :class:`DocTruth` (title, headings,
paragraphs, list items, captions, footnotes, per-page furniture). DocBank pages
(``../shared/corpus/text/docbank``) add real arXiv blocks labelled by the majority DocBank token
label inside the block. Rows go to ``<work>/rows.jsonl``.

``fit`` trains a LightGBM binary model "heading (or title) against body text" on those rows
(document-grouped cross-validation prints how its decisions compare with the hand rules'), then
exports the trees to ``docparse/models/block_roles.json`` (evaluated with numpy at run time by
:mod:`docparse.models.trees`) and a few feature rows with LightGBM's own probabilities to
``tests/fixtures/block_roles_expected.json`` for the evaluator test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCBANK = REPO.parent / "shared" / "corpus" / "text" / "docbank" / "DocBank_samples" / "DocBank_samples"
TEXT_FAMILIES = ("weasyprint", "chromium", "reportlab", "libreoffice", "pdflatex")
CLASSES = ("paragraph", "heading", "title", "list_item", "caption", "footnote", "furniture")
MODEL_OUT = REPO / "docparse" / "models" / "block_roles.json"
FIXTURE_OUT = REPO / "tests" / "fixtures" / "block_roles_expected.json"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


class Recorder:
    """Wraps ``classify_block`` in docparse.regions.semantic: every call adds one row."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def install(self) -> None:
        from docparse.regions import semantic
        from docparse.regions.block_features import block_features
        from docparse.regions.block_roles import RULES, BlockFacts, classify_block

        def recording(block, page, context, settings, rules=RULES, peers=None, **kw):  # type: ignore[no-untyped-def]
            kind, level = classify_block(block, page, context, settings, rules, peers, **kw)
            facts = BlockFacts(block, page, context, settings, peers)
            name = next((rule.__name__ for rule in rules if rule(facts) is not None), "paragraph")
            self.rows.append({"page": page.number, "text": facts.text, "features": block_features(facts),
                              "rule": kind.value, "rule_name": name, "level": level, "in_band": facts.in_band,
                              "bbox": list(facts.bbox), "pw": page.width, "ph": page.height})
            return kind, level

        semantic.classify_block = recording


def label_family_block(row: dict, truth) -> str | None:  # type: ignore[no-untyped-def]
    """The truth class of a block by its text; None when it matches nothing or is ambiguous."""
    text = _norm(row["text"])
    if not text:
        return None
    furniture = {w for page, texts in truth.furniture if page == row["page"] for t in texts for w in _norm(t).split()}
    if row["in_band"] and furniture and set(text.split()) <= furniture:
        return "furniture"
    if row["page"] == 1 and text == _norm(truth.title):
        return "title"
    heading = any(text == _norm(h.text) for h in truth.headings)
    cell = text in _cell_texts(truth)
    if heading or cell:  # a table header cell left outside its table reads like a heading
        return None if heading and cell else "heading" if heading else "cell"
    hits = set()
    for name, texts in (("caption", truth.captions), ("footnote", truth.footnotes),
                        ("list_item", truth.list_items), ("paragraph", truth.paragraphs)):
        for t in texts:
            n = _norm(t)
            if n and (len(text) >= 12 and text in n or n in text and len(n) >= 0.7 * len(text)):
                hits.add(name)
    return hits.pop() if len(hits) == 1 else None


def _cell_texts(truth) -> set[str]:  # type: ignore[no-untyped-def]
    """Normalized texts of the truth's table cells and chart labels (categories, series names)."""
    cells = {_norm(c) for t in truth.tables for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", t.html, re.S)}
    for chart in truth.charts:
        cells |= {_norm(c) for c in chart.categories} | {_norm(s.name) for s in chart.series}
    return cells - {""}


def relabel(work: Path, rows: list[dict]) -> None:
    """Label family rows again from their truth (the documents are cached under ``work``)."""
    from benchmarks.families import families
    from benchmarks.families.base import Split

    counts = Counter(r["source"].split("/")[0] for r in rows)
    for fam in families():
        if fam.name in counts:
            truths = {f"{fam.name}/{d.name}": d.truth for d in fam.build(Split.DEV, work / "docs", _count(rows, fam.name))}
            for r in rows:
                if r["source"] in truths:
                    r["label"] = label_family_block(r, truths[r["source"]])


def _count(rows: list[dict], family: str) -> int:
    return len({r["source"] for r in rows if r["source"].startswith(family + "/")})


DOCBANK_CLASS = {"title": "title", "section": "heading", "paragraph": "paragraph", "abstract": "paragraph",
                 "list": "list_item", "caption": "caption", "author": "paragraph", "date": "paragraph"}


def label_docbank_block(row: dict, tokens: list[tuple[float, float, str]]) -> str | None:
    """The majority DocBank label of the tokens whose centre lies in the block (0..1000 scale)."""
    x0, y0, x1, y1 = row["bbox"]
    sx, sy = 1000 / row["pw"], 1000 / row["ph"]
    labels = Counter(lab for cx, cy, lab in tokens if x0 * sx - 2 <= cx <= x1 * sx + 2 and y0 * sy - 2 <= cy <= y1 * sy + 2)
    if not labels:
        return None
    label, n = labels.most_common(1)[0]
    if n < 0.8 * sum(labels.values()):
        return None
    if label == "footer":
        return "furniture" if row["in_band"] and len(row["text"]) <= 80 else None
    return DOCBANK_CLASS.get(label)


def extract_families(work: Path, names: list[str], count: int, recorder: Recorder, out,  # type: ignore[no-untyped-def]
                     start: int = 0) -> None:
    import docparse
    from benchmarks.families import families
    from benchmarks.families.base import Split

    for fam in families():
        if fam.name not in names or fam.available() is not None:
            continue
        for doc in fam.build(Split.DEV, work / "docs", count)[start:]:  # dev split only: never test
            recorder.rows.clear()
            docparse.parse(doc.pdf)
            for row in recorder.rows:
                row.update(source=f"{fam.name}/{doc.name}", label=label_family_block(row, doc.truth))
                out.write(json.dumps(row) + "\n")
            print(fam.name, doc.name, len(recorder.rows), flush=True)


def extract_docbank(recorder: Recorder, out) -> None:  # type: ignore[no-untyped-def]
    import docparse

    for txt in sorted(DOCBANK.glob("*.txt")):
        stem, _, page = txt.stem.rpartition("_")
        pdf = txt.with_name(f"{stem}_black.pdf")
        if not pdf.exists():
            continue
        tokens = []
        for line in txt.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) == 10:
                tokens.append(((int(parts[1]) + int(parts[3])) / 2, (int(parts[2]) + int(parts[4])) / 2, parts[9]))
        recorder.rows.clear()
        docparse.parse(pdf, pages=(int(page) + 1,))
        for row in recorder.rows:
            row.update(source=f"docbank/{txt.stem}", label=label_docbank_block(row, tokens))
            out.write(json.dumps(row) + "\n")
        print("docbank", txt.stem, len(recorder.rows), flush=True)


def cmd_extract(args: argparse.Namespace) -> None:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    recorder = Recorder()
    recorder.install()
    with open(work / args.out, "w", encoding="utf-8") as out:
        if args.families:
            extract_families(work, args.families.split(","), args.count, recorder, out, args.start)
        if args.docbank:
            extract_docbank(recorder, out)


def main(argv: list[str] | None = None) -> None:
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("--work", default="/tmp/brm")
    ex.add_argument("--families", default=",".join(TEXT_FAMILIES))
    ex.add_argument("--count", type=int, default=12)
    ex.add_argument("--start", type=int, default=0, help="skip the first N documents (already extracted)")
    ex.add_argument("--docbank", action="store_true")
    ex.add_argument("--out", default="rows.jsonl")
    fit = sub.add_parser("fit")
    fit.add_argument("--work", default="/tmp/brm")
    fit.add_argument("--hi", type=float, default=0.9, help="print the flips at this learned_heading_min")
    fit.add_argument("--lo", type=float, default=0.1, help="and this learned_body_max")
    fit.add_argument("--rows", default="fam1.jsonl,fam2.jsonl,docbank.jsonl", help="row files under --work")
    args = parser.parse_args(argv)
    if args.cmd == "extract":
        cmd_extract(args)
    else:
        from tools.block_roles_fit import cmd_fit

        cmd_fit(args)


if __name__ == "__main__":
    main()
