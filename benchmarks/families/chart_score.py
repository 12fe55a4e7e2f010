"""Chart F1 on family documents: each true chart against the best docparse chart on its page,
vector and raster charts apart. ``python -m benchmarks.families.chart_score FAMILY SPLIT N``
builds and scores one family (used to tune on the dev split)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.chartf1 import ChartScore, best_f1, mean_f1
from benchmarks.families.base import ChartTruth, FamilyDoc, Split


@dataclass
class ChartScores:
    vector: list[ChartScore] = field(default_factory=list)
    raster: list[ChartScore] = field(default_factory=list)
    details: list[tuple[str, ChartTruth, ChartScore]] = field(default_factory=list)

    @property
    def vector_f1(self) -> float | None:
        return mean_f1(self.vector) if self.vector else None

    @property
    def raster_f1(self) -> float | None:
        return mean_f1(self.raster) if self.raster else None


def chart_of(truth: ChartTruth):
    from docparse.document import Chart, ChartType, Series

    return Chart(type=ChartType(truth.type), categories=list(truth.categories),
                 series=[Series(name=s.name, values=list(s.values)) for s in truth.series])


def score_doc(doc: FamilyDoc, parsed, scores: ChartScores) -> None:
    """Add the scores of ``doc``'s true charts, each matched on its own page only."""
    found = [(r.page, r.chart) for r in parsed.charts if r.chart is not None]
    for truth in doc.truth.charts:
        score = best_f1([c for p, c in found if p == truth.page], chart_of(truth))
        (scores.vector if truth.vector else scores.raster).append(score)
        scores.details.append((doc.name, truth, score))


def score_family(docs: list[FamilyDoc]) -> ChartScores:
    import docparse

    scores = ChartScores()
    for doc in docs:
        score_doc(doc, docparse.parse(doc.pdf), scores)
    return scores


def _built(family, split: Split, out: Path, count: int) -> list[FamilyDoc]:
    """The family's documents, reusing PDFs already built under ``out`` (building is slow)."""
    from benchmarks.families.base import DocTruth

    names = [f"{family.name}-{split.value}-{i:03d}" for i in range(count)]
    if all((out / f"{n}.json").exists() for n in names):
        return [FamilyDoc(family.name, split, n, out / f"{n}.pdf",
                          DocTruth.from_json((out / f"{n}.json").read_text(encoding="utf-8"))) for n in names]
    return family.build(split, out, count)


def main(argv: list[str]) -> None:
    from benchmarks.families import chart_families

    family = getattr(chart_families, argv[0].upper())
    split, count = Split(argv[1]), int(argv[2])
    out = Path(argv[3] if len(argv) > 3 else f"/tmp/families/{family.name}-{split.value}")
    scores = score_family(_built(family, split, out, count))
    for name, truth, s in scores.details:
        if s.f1 < 0.999:
            print(f"{name} p{truth.page} {truth.type:15s} {truth.style:40s} {'vec' if truth.vector else 'png'} "
                  f"F1 {s.f1:.2f} ({s.matched}/{s.truth}, {s.predicted} predicted)")
    print(f"{family.name} {split.value}: vector F1 {scores.vector_f1} (n={len(scores.vector)}), "
          f"raster F1 {scores.raster_f1} (n={len(scores.raster)})")


if __name__ == "__main__":
    main(sys.argv[1:])
