"""Issue 15's "Done when" checks over the families suite's rows, printed per family and split.

Each family's split passes when docparse meets every target below *and* is at or above the
anchor on every scored metric (lower-is-better metrics at or below), and its born-digital
pages/s is at least ``speed_factor`` times the anchor's. Metrics without data (a family with no
raster charts) are not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.common import Row

OURS, ANCHOR = "docparse", "pymupdf4llm"


@dataclass(frozen=True)
class DoneWhen:
    teds: float = 0.95  # table TEDS at least
    heading_recall: float = 0.97  # heading recall at least
    heading_level: float = 0.95  # heading level accuracy at least
    title: float = 1.0  # share of documents whose title is found, at least
    leak: float = 0.0  # share of pages leaking running header/footer/page number, at most
    edit: float = 0.03  # body text normalized edit distance, at most
    vector_f1: float = 0.95  # vector chart F1 at least
    raster_f1: float = 0.85  # raster chart F1 at least
    speed_factor: float = 5.0  # docparse pages/s over the anchor's, at least

    def targets(self) -> dict[str, tuple[float, str]]:
        """metric label (as in the suite's rows) -> (target, better)."""
        return {"table TEDS": (self.teds, "higher"), "heading recall": (self.heading_recall, "higher"),
                "heading level accuracy": (self.heading_level, "higher"),
                "title found (docs)": (self.title, "higher"), "header/footer leak (pages)": (self.leak, "lower"),
                "body edit distance": (self.edit, "lower"), "vector chart F1": (self.vector_f1, "higher"),
                "raster chart F1": (self.raster_f1, "higher")}


def _meets(value: float, target: float, better: str) -> bool:
    return value >= target - 1e-9 if better == "higher" else value <= target + 1e-9


def check(rows: list[Row], goals: DoneWhen = DoneWhen()) -> list[str]:
    """One line per dataset: PASS, or FAIL with what missed."""
    by_set: dict[str, list[Row]] = {}
    for row in rows:
        if not row.dataset.startswith("all/"):
            by_set.setdefault(row.dataset, []).append(row)
    lines = []
    for dataset, set_rows in by_set.items():
        misses = []
        for row in set_rows:
            ours, theirs = row.values.get(OURS), row.values.get(ANCHOR)
            if ours is None:
                continue
            goal = goals.targets().get(row.metric)
            if goal is not None and not _meets(ours, *goal):
                misses.append(f"{row.metric} {ours:.3f} (target {goal[0]:g})")
            if row.metric == "pages/s":
                if theirs and ours < goals.speed_factor * theirs:
                    misses.append(f"pages/s {ours / theirs:.1f}x the anchor (target {goals.speed_factor:g}x)")
            elif row.metric != "peak RSS MB" and theirs is not None and not _meets(ours, theirs, row.better):
                misses.append(f"{row.metric} below the anchor ({ours:.3f} vs {theirs:.3f})")
        lines.append(f"{dataset}: " + ("PASS" if not misses else "FAIL: " + "; ".join(misses)))
    return lines
