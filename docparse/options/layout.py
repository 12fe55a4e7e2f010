"""Layout options of OCR pages: the layout model (tables and figures on scans) and running
header/footer removal across OCR pages."""

from __future__ import annotations

from dataclasses import dataclass

from docparse.document import RegionKind


@dataclass(frozen=True)
class LayoutModelOptions:
    dpi: int = 150
    min_score: float = 0.4  # the model's own threshold
    table_score: float = 0.5
    figure_score: float = 0.55
    claim_kinds: tuple[RegionKind, ...] = (RegionKind.TABLE, RegionKind.FIGURE)
    overlap: float = 0.5  # a box mostly inside a higher-scoring one is dropped
    max_figure_text: float = 0.15  # a "figure" whose area is more text than this is text
    max_table_line_words: int = 6  # a "table" whose lines have more words (median) is prose
    # faint grey lifted to white first; specks (read as figures) are gone already where the
    # page was noisy: OCR pages are despeckled by docparse.pages.preprocess.correct_page
    lift_haze: bool = True
    threads: int | None = None  # ONNX Runtime intra-op threads; None: ParseOptions.ocr.threads
    only_ocr: bool = True
    simplify_model: bool = True  # exact graph folds (docparse.ocr.fold): ~35 % faster


@dataclass(frozen=True)
class OcrFurnitureOptions:
    band: float = 0.12  # top/bottom share of the page height where running texts sit
    max_chars: int = 100


@dataclass(frozen=True)
class ReadingOrderOptions:
    """Thresholds of the XY-cut reading order (docparse.regions.reading_order)."""

    # a band of rows that fills only some columns, while the other columns stay blank this many
    # points tall and have text above and below it, spans the columns (a narrow table or figure
    # printed across balanced CSS columns): columns above it are read before it, columns below after.
    # An inch: the blank beside Chromium's spanning tables is 125-200 pt, while the space between
    # two questions of a form page set in columns is ~42 pt (docling table_mislabeled_as_picture)
    spanning_band_min_blank: float = 72.0
    # a left column of one-line boxes at most this share of the width of the text beside them holds
    # side heads ("NOTES:" beside its notes): each head is read before the text nearest to it
    side_head_width_ratio: float = 0.35
    # a box that lies in one column but for at most this share of its width (a display formula set
    # in the left column overhanging the gutter, as LaTeX prints overfull displays) is read in that
    # column instead of cutting the page into bands; 0 turns this off
    overhang_share: float = 0.2
    # ... and only where the boxes on each side of the gutter span at least this share of the width
    overhang_min_column: float = 0.25
