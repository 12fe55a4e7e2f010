"""Text-layer lines cut at the producer's own text runs (``PageAnalysis.glyph_runs``): labels
set close together that the text layer merged into one line become one line each. Used by the
chart classifier (regions) and the vector chart reader (readers), so it lives below both."""

from __future__ import annotations

from typing import Sequence

from docparse.pages.analysis import Line, bbox_overlap_fraction, bbox_union


def split_glyph_runs(lines: list[Line], runs: list[Line], label_gap: float,
                     anchors: Sequence[float] = (), anchor_reach: float = 2.0) -> list[Line]:
    """Each horizontal line cut where the producer's own text runs overlap or stand apart by
    more than ``label_gap`` font sizes: tick labels set close together (merged by the text
    layer into "OnlineWholesaleWest") become one text each. Runs a word-space apart are cut
    only when every piece is centred (within ``anchor_reach`` points) on its own anchor (a tick
    mark, a gridline, a bar's middle): some producers draw a word at a time ("Q1" "18"), and a
    label of two words sits on one tick. Runs that abut (a glyph at a time) stay together."""
    out: list[Line] = []
    for line in lines:
        mine = sorted((r for r in runs if r.horizontal and bbox_overlap_fraction(r.bbox, line.bbox) >= 0.8),
                      key=lambda r: r.bbox[0])
        pieces = _label_pieces(mine, label_gap) if line.horizontal else []
        fine = _label_pieces(mine, _ABUTTING) if line.horizontal and anchors else []
        if len(fine) > len(pieces) and _anchored(fine, anchors, anchor_reach):
            pieces = fine
        if len(pieces) < 2 and line.horizontal and anchors:
            pieces = _anchor_pieces(mine, anchors, anchor_reach) or pieces
        if len(pieces) < 2 or "".join(" ".join(p.text.split()) for p in pieces).replace(" ", "") != line.text.replace(" ", ""):
            out.append(line)
            continue
        out.extend(pieces)
    return out


_ABUTTING = 0.05  # font sizes: runs closer than this were drawn as one piece of text


def _anchored(pieces: list[Line], anchors: Sequence[float], reach: float) -> bool:
    """Every piece centred on a different anchor."""
    taken: set[int] = set()
    for p in pieces:
        cx = (p.bbox[0] + p.bbox[2]) / 2
        near = [k for k, a in enumerate(anchors) if abs(a - cx) <= reach and k not in taken]
        if not near:
            return False
        taken.add(min(near, key=lambda k: abs(anchors[k] - cx)))
    return True


def _anchor_pieces(runs: list[Line], anchors: Sequence[float], reach: float) -> list[Line]:
    """Labels set edge to edge a glyph at a time (pygal's year row "2013201420152016": the
    glyph boxes of neighbouring labels touch as closely as those inside a label): the runs cut
    halfway between the anchors under the line, kept only when every piece is centred on its
    own anchor; else no pieces."""
    inked = [r for r in runs if r.text.strip()]
    if len(inked) < 2:
        return []
    x0, x1 = inked[0].bbox[0], max(r.bbox[2] for r in inked)
    under = sorted({round(a, 1) for a in anchors if x0 <= a <= x1})
    if len(under) < 2:
        return []
    cuts = [(a + b) / 2 for a, b in zip(under, under[1:])]
    groups: list[list[Line]] = [[] for _ in under]
    for run in inked:
        groups[sum(1 for c in cuts if (run.bbox[0] + run.bbox[2]) / 2 > c)].append(run)
    if any(not g for g in groups):
        return []
    pieces = [Line(spans=[sp for r in g for sp in r.spans], bbox=bbox_union([r.bbox for r in g]), block=g[0].block,
                   direction=g[0].direction) for g in groups]
    return pieces if _anchored(pieces, under, reach) else []


def _label_pieces(runs: list[Line], label_gap: float) -> list[Line]:
    groups: list[list[Line]] = []
    for run in runs:
        if not run.text.strip():
            continue
        if groups:
            prev = groups[-1][-1]
            gap = run.bbox[0] - prev.bbox[2]
            size = max(prev.size, run.size, 1.0)
            if -_ABUTTING * size <= gap <= label_gap * size:
                groups[-1].append(run)
                continue
        groups.append([run])
    return [Line(spans=[sp for r in g for sp in r.spans], bbox=bbox_union([r.bbox for r in g]), block=g[0].block,
                 direction=g[0].direction) for g in groups]
