"""Text-layer lines cut at the producer's own text runs (``PageAnalysis.glyph_runs``): labels
set close together that the text layer merged into one line become one line each. Used by the
chart classifier (regions) and the vector chart reader (readers), so it lives below both."""

from __future__ import annotations

from docparse.pages.analysis import Line, bbox_overlap_fraction, bbox_union


def split_glyph_runs(lines: list[Line], runs: list[Line], label_gap: float) -> list[Line]:
    """Each horizontal line cut where the producer's own text runs overlap or stand apart by
    more than ``label_gap`` font sizes: tick labels set close together (merged by the text
    layer into "OnlineWholesaleWest") become one text each. Runs that abut (a glyph or a word
    drawn at a time) stay together."""
    out: list[Line] = []
    for line in lines:
        mine = [r for r in runs if r.horizontal and bbox_overlap_fraction(r.bbox, line.bbox) >= 0.8]
        pieces = _label_pieces(sorted(mine, key=lambda r: r.bbox[0]), label_gap) if line.horizontal else []
        if len(pieces) < 2 or "".join(" ".join(p.text.split()) for p in pieces).replace(" ", "") != line.text.replace(" ", ""):
            out.append(line)
            continue
        out.extend(pieces)
    return out


def _label_pieces(runs: list[Line], label_gap: float) -> list[Line]:
    groups: list[list[Line]] = []
    for run in runs:
        if not run.text.strip():
            continue
        if groups:
            prev = groups[-1][-1]
            gap = run.bbox[0] - prev.bbox[2]
            size = max(prev.size, run.size, 1.0)
            if -0.05 * size <= gap <= label_gap * size:
                groups[-1].append(run)
                continue
        groups.append([run])
    return [Line(spans=[sp for r in g for sp in r.spans], bbox=bbox_union([r.bbox for r in g]), block=g[0].block,
                 direction=g[0].direction) for g in groups]
