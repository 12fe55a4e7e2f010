"""OCR options: the engines (RapidOCR, Tesseract), word spacing, the decision whether a page
needs OCR, scan clean-up before it, and turning OCR lines into text-layer lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# The threads rule of the options tree: ``ParseOptions.ocr.threads`` is the intra-op thread count
# of every model session (ONNX Runtime: OCR, orientation, layout model, SLANet, chart OCR; torch:
# a local VLM) and Tesseract's OMP threads. A nested ``threads`` field (``ocr.rapid.threads``,
# ``layout.model.threads``, ``tables.scan.threads``, ``charts.raster.ocr.threads``,
# ``vlm.local.threads`` …) defaults to None, meaning "inherit ``ocr.threads``"; an explicit value
# wins for that component. The composition root (docparse.components) applies the rule.
DEFAULT_THREADS = 2  # ocr.threads when not set (and a component built by hand with threads=None)


def inherit_threads(own: int | None, shared: int = DEFAULT_THREADS) -> int:
    """A component's own ``threads`` when set, else the shared ``ocr.threads``."""
    return shared if own is None else own


class RecModel(str, Enum):
    """The RapidOCR recognition model: which wheel ships it and which characters it can read."""

    AUTO = "auto"  # PP-OCRv6 small when its wheel is installed, else PP-OCRv4
    PP_OCRV4 = "pp-ocrv4"  # rapidocr-onnxruntime 1.4.4: Chinese + English, no accented Latin letters
    PP_OCRV6_SMALL = "pp-ocrv6-small"  # rapidocr 3.x: 18,708 characters, accented Latin letters included


@dataclass(frozen=True, slots=True)
class SpacingOptions:
    space_ratio: float = 0.33  # blank run / text height above which a gap may be a word space
    median_ratio: float = 1.5  # … and it must be this much wider than the line's typical gap
    keep_ratio: float = 0.15  # a space the recogniser emitted survives with this much blank
    min_ink_fraction: float = 0.02  # a column is ink if this share of text rows is dark
    # a new space also needs the recogniser to have seen one there (P(space) at least this),
    # unless the blank is wider than ``wide_ratio`` text heights: glyph pairs with a wide
    # blank ("T|he", "1|8") are not word spaces, and the recogniser knows it
    min_space_prob: float = 0.02
    faint_stop: float = 0.7  # a full stop read with less confidence than this, inside a word, is a speck
    wide_ratio: float = 0.7


@dataclass(frozen=True)
class RapidOcrOptions:
    threads: int | None = None  # None: ParseOptions.ocr.threads (inherit_threads)
    # the recognition model. PP-OCRv6 small reads accents (über, cão) and had lower CER on SROIE
    # receipts and the Tesseract pages than PP-OCRv4, at about half the OCR speed (ocr_rec_probe)
    rec_model: RecModel = RecModel.AUTO
    # line crops per recognition call, of widths within ``bucket_spread`` of each other (padding
    # costs more than batching saves). Measured on 20 SROIE receipts + 7 Tesseract pages, 2 cores:
    # batches of 6 with crops padded to 240 px (not the wheel's 320) read 8-15 % more pages/s
    # than one crop a call at 320, same CER (0.0434 vs 0.0435); padding to 0 px cost CER (0.0451).
    rec_batch: int = 6
    bucket_spread: float = 1.15
    # … and of at most this many pixels of padded width in all (at ``rec_height``): past about
    # 2,500 px a batch no longer fits the CPU caches and costs more per pixel than single crops
    # (measured, PP-OCRv4 rec on 2 cores: 6 crops of 960 px 34 us/px, one crop 29 us/px)
    rec_batch_px: int = 2400
    min_score: float = 0.5
    # line crops are scaled to this height for recognition: the model was trained at 48 (40
    # is ~20 % faster but loses letters on small serif text: scanned reports 0.02 -> 0.1 edit)
    rec_height: int = 48
    # narrower crops are padded to this width (the model was trained on 320 px wide crops)
    rec_min_width: int = 240
    det_max_side: int = 2000  # the page image is scaled down to this longest side first …
    det_limit_side: int = 736
    # … and text is detected on a copy scaled down to this longest side (0 = not scaled);
    # lines are still cut from the full image for recognition
    det_side: int = 1280
    box_thresh: float = 0.5
    unclip_ratio: float = 1.6
    fix_spaces: bool = True
    column_gap: float = 1.0  # a gap inside a detected line wider than this many text heights splits it
    spacing: SpacingOptions = field(default_factory=SpacingOptions)
    simplify_models: bool = True  # exact graph folds (docparse.ocr.fold): ~20 % faster


@dataclass(frozen=True)
class TesseractOptions:
    languages: tuple[str, ...] = ("eng",)
    threads: int | None = None  # OMP threads; None: ParseOptions.ocr.threads (inherit_threads)
    psm: int = 3  # fully automatic page segmentation
    min_confidence: float = 10.0  # 0–100, as Tesseract reports it
    timeout_s: float = 120.0
    binary: str = "tesseract"


@dataclass(frozen=True)
class OcrDecisionOptions:
    full_page_image: float = 0.6  # an image covering this share of the page makes it a scan
    max_garbage: float = 0.2  # share of unreadable characters above which the layer is garbage
    # share of characters in mis-encoded words ("°ê£ë†£ûÜüéê") above which the whole page is
    # OCRed; below it, only the mis-encoded lines are (the rest keeps its text layer)
    max_mojibake_page: float = 0.5
    min_agreement: float = 0.5  # word agreement between a scan's text layer and OCR of it
    sample_lines: int = 8  # text-layer lines checked against the image
    min_chars: int = 20  # fewer text-layer characters than this count as no text layer


@dataclass(frozen=True)
class PreprocessOptions:
    orientation: bool = True
    orientation_min_prob: float = 0.85
    deskew: bool = True
    max_skew_deg: float = 5.0
    min_skew_deg: float = 0.15  # smaller angles are left alone
    denoise: bool = True
    noise_threshold: float = 0.05  # isolated specks per 10,000 pixels that make a page noisy


@dataclass(frozen=True)
class OcrLineOptions:
    size_per_height: float = 0.78  # font size (pt) per point of line-box height …
    size_per_ink: float = 1.0  # … or per point of ascender-to-descender ink, when the engine measured it
    own_size: float = 1.2  # a line this much larger than its block's median keeps its own size (a heading)
    block_gap: float = 0.9  # vertical gap, in line heights, that still joins lines into a block
    min_overlap: float = 0.3  # horizontal overlap (share of the narrower line) to share a block
    # horizontal gap, in line heights, joining fragments of one line: about a word space (a
    # column gap is about one line height); a list number or bullet may stand further off
    same_line_gap: float = 0.6
    marker_gap: float = 1.2
    max_marker_chars: int = 3
    # sizes are relative: the page's body text is set to this size (the document pre-pass has
    # no text on a scan, so the classifiers compare with the default body size); 0 = absolute
    body_size: float = 10.0
