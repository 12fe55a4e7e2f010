"""RapidOCR (PP-OCRv4, the ONNX models inside the ``rapidocr-onnxruntime`` wheel).

Detection and direction classification come from the wheel; recognition runs the wheel's
model here so that the CTC output keeps each character's position, which
:func:`docparse.ocr.spacing.split_words` uses to restore word spaces on Latin text.
Crops are recognised in width-sorted batches; ONNX Runtime uses ``threads`` intra-op threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from docparse.config import OcrEngineName
from docparse.errors import UsageError
from docparse.ocr.base import OcrLine, OcrWord
from docparse.ocr.fold import cpu_session
from docparse.ocr.spacing import CharPos, WordSpan, split_words, text_height
from docparse.options.ocr import RapidOcrOptions, RecModel, inherit_threads

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class DecodedLine:
    text: str
    confidence: float
    chars: tuple[CharPos, ...]


def rec_model_path(model: RecModel) -> str | None:
    """The ONNX file of a recognition model other than the default wheel's own (None for that one).

    PP-OCRv6 small comes in the ``rapidocr`` 3.x wheel; docparse reads only the model file (its
    character list is in the model's metadata), so the wheel is installed without its
    dependencies (``pip install --no-deps rapidocr==3.10.0``, as the set-up scripts do): its own
    dependency on opencv-python-headless would put a second OpenCV beside the OCR wheels' one.
    ``AUTO`` takes PP-OCRv6 small when that file is there, else PP-OCRv4."""
    if model is RecModel.PP_OCRV4:
        return None
    path = _v6_rec_model()
    if path is None and model is RecModel.PP_OCRV6_SMALL:
        raise UsageError(f"OCR model {model.value} needs the rapidocr 3.x wheel: "
                         "pip install --no-deps rapidocr==3.10.0")
    return path


def _v6_rec_model() -> str | None:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("rapidocr")
    path = Path(spec.origin).parent / "models" / "PP-OCRv6_rec_small.onnx" if spec and spec.origin else None
    return str(path) if path is not None and path.is_file() else None


def width_buckets(ratios: Sequence[float], size: int, spread: float, max_sum: float = float("inf")) -> list[list[int]]:
    """Indices grouped into batches of similar aspect ratio (sorted, at most ``size`` each,
    and at most ``max_sum`` in padded width: the widest ratio times the batch's length)."""
    order = sorted(range(len(ratios)), key=lambda i: ratios[i])
    buckets: list[list[int]] = []
    for i in order:
        last = buckets[-1] if buckets else None
        if (last is not None and len(last) < size and ratios[i] <= spread * max(ratios[last[0]], 1e-6)
                and ratios[i] * (len(last) + 1) <= max_sum):
            last.append(i)
        else:
            buckets.append([i])
    return buckets


def ctc_decode(probs: "np.ndarray", charset: Sequence[str], width_scale: float) -> DecodedLine:
    """Greedy CTC decoding of one line (T×C probabilities) keeping each character's span.

    ``width_scale`` converts frame indices to crop pixels.
    """
    import numpy as np

    idx = probs.argmax(axis=1)
    conf = probs.max(axis=1)
    space = list(charset).index(" ") if " " in charset else None
    chars: list[CharPos] = []
    t = 0
    prev_end = -1  # last frame of the previous emitted character
    while t < len(idx):
        k = int(idx[t])
        end = t
        while end + 1 < len(idx) and idx[end + 1] == k:
            end += 1
        if k != 0 and k < len(charset):
            chars.append(CharPos(charset[k], t * width_scale, (end + 1) * width_scale,
                                 float(conf[t:end + 1].max()), _space_prob(probs, space, prev_end, t)))
            prev_end = end
        t = end + 1
    text = "".join(c.text for c in chars)
    mean = float(np.mean([c.confidence for c in chars])) if chars else 0.0
    return DecodedLine(text, mean, tuple(chars))


def _space_prob(probs: "np.ndarray", space: int | None, prev_end: int, start: int) -> float:
    """Highest P(space) on the frames between two emitted characters (their edges included)."""
    if space is None or prev_end < 0:
        return 1.0
    return float(probs[prev_end:start + 1, space].max())


class RapidOcrEngine:
    """PP-OCRv4 det + cls + rec; models load on first use and stay on this object."""

    name = OcrEngineName.RAPIDOCR.value

    def __init__(self, settings: RapidOcrOptions | None = None) -> None:
        self.settings = settings or RapidOcrOptions()
        self._ocr: Any = None

    def _engine(self) -> Any:
        if self._ocr is None:
            from rapidocr_onnxruntime import RapidOCR

            s = self.settings
            threads = inherit_threads(s.threads)
            rec_path = rec_model_path(s.rec_model)
            self._ocr = RapidOCR(
                **({"rec_model_path": rec_path} if rec_path else {}),
                intra_op_num_threads=threads, inter_op_num_threads=1,
                max_side_len=s.det_max_side, det_limit_side_len=s.det_limit_side,
                det_box_thresh=s.box_thresh, det_unclip_ratio=s.unclip_ratio,
                rec_batch_num=s.rec_batch,
            )
            for infer in (self._ocr.text_det.infer, self._ocr.text_cls.infer, self._ocr.text_rec.session):
                infer.session = cpu_session(infer.session._model_path, threads, s.simplify_models)
            channels, _, width = self._ocr.text_rec.rec_image_shape
            self._ocr.text_rec.rec_image_shape = [channels, s.rec_height, width]
        return self._ocr

    def recognize(self, image: "np.ndarray") -> list[OcrLine]:
        import numpy as np

        ocr = self._engine()
        bgr = np.ascontiguousarray(image[:, :, ::-1])
        small, ratio_h, ratio_w = ocr.preprocess(bgr)
        small, record = ocr.maybe_add_letterbox(small, {"preprocess": {"ratio_h": ratio_h, "ratio_w": ratio_w}})
        boxes = self._detect(small)
        if boxes is None or len(boxes) == 0:
            return []
        crops, decoded = self._read_crops(ocr.get_crop_img_list(small, boxes))
        quads = ocr._get_origin_points(boxes, record, image.shape[0], image.shape[1])
        lines: list[OcrLine] = []
        for quad, crop, dec in zip(quads, crops, decoded):
            if dec.confidence < self.settings.min_score or not dec.text.strip():
                continue
            lines.extend(self._to_lines(quad, crop, dec))
        return lines

    def _detect(self, image: "np.ndarray") -> "np.ndarray | None":
        """Line quadrilaterals (top-down) in ``image`` pixels, found on a scaled-down copy."""
        import cv2
        import numpy as np

        side = self.settings.det_side
        k = min(1.0, side / max(image.shape[:2])) if side else 1.0
        small = image if k >= 1.0 else cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
        boxes, _ = self._engine().auto_text_det(small)
        if boxes is None or len(boxes) == 0:
            return None
        return (np.asarray(boxes, dtype=np.float32) / k).astype(np.float32)

    def _read_crops(self, crops: list["np.ndarray"]) -> tuple[list["np.ndarray"], list[DecodedLine]]:
        """Crops as read (turned where the line classifier says upside down) and their text.

        The classifier is sometimes sure of a wrong half turn (a receipt line read as spaces);
        a turned crop is read both ways and the more confident reading wins. A crop labelled
        upside down below the classifier's threshold was not turned: it is read once.
        """
        cls = self._engine().text_cls
        turned, results, _ = cls(list(crops))
        decoded = self._recognize_crops(turned)
        # a classifier without a known threshold: every crop labelled upside down is read twice
        flipped = turned_crops(results, getattr(cls, "cls_thresh", 0.0))
        if flipped:
            again = self._recognize_crops([crops[i] for i in flipped])
            for i, dec in zip(flipped, again):
                if dec.confidence > decoded[i].confidence:
                    turned[i], decoded[i] = crops[i], dec
        return turned, decoded

    def _recognize_crops(self, crops: Sequence["np.ndarray"]) -> list[DecodedLine]:
        import numpy as np

        rec = self._engine().text_rec
        charset = rec.postprocess_op.character
        _, height, _ = rec.rec_image_shape
        ratios = [c.shape[1] / max(c.shape[0], 1) for c in crops]
        out: list[DecodedLine | None] = [None] * len(crops)
        s = self.settings
        padded = [max(r, s.rec_min_width / height) for r in ratios]  # crops are read this wide
        for ids in width_buckets(padded, s.rec_batch, s.bucket_spread, s.rec_batch_px / height):
            max_ratio = max(padded[i] for i in ids)
            norm = np.stack([rec.resize_norm_img(crops[i], max_ratio) for i in ids]).astype(np.float32)
            probs = rec.session(norm)[0]
            padded_w = norm.shape[3]
            for k, i in enumerate(ids):
                resized_w = min(padded_w, int(np.ceil(height * ratios[i])))
                frame_px = padded_w / probs.shape[1]
                out[i] = ctc_decode(probs[k], charset, frame_px * crops[i].shape[1] / max(resized_w, 1))
        return [d for d in out if d is not None]

    def _to_lines(self, quad: "np.ndarray", crop: "np.ndarray", dec: DecodedLine) -> list[OcrLine]:
        if self.settings.fix_spaces:
            spans = split_words(dec.chars, crop, self.settings.spacing)
        else:
            spans = _spans_from_text(dec)
        x0, y0 = float(quad[:, 0].min()), float(quad[:, 1].min())
        x1, y1 = float(quad[:, 0].max()), float(quad[:, 1].max())
        scale = (x1 - x0) / max(crop.shape[1], 1)
        words = [OcrWord(s.text, (x0 + s.x0 * scale, y0, x0 + s.x1 * scale, y1), s.confidence)
                 for s in spans if s.text.strip()]
        ink = text_height(crop) * (y1 - y0) / max(crop.shape[0], 1)
        if not self.settings.fix_spaces or len(words) < 2:
            return [OcrLine(" ".join(w.text for w in words), (x0, y0, x1, y1), dec.confidence, tuple(words), ink)]
        groups = split_at_column_gaps(words, ink, self.settings.column_gap)
        # x extent from the words' ink: the detector's box is padded, and its padding narrows
        # the gaps that tell columns apart
        return [OcrLine(" ".join(w.text for w in g), (g[0].bbox[0], y0, g[-1].bbox[2], y1), dec.confidence,
                        tuple(g), ink) for g in groups]


def turned_crops(results: Sequence[Sequence[Any]], threshold: float) -> list[int]:
    """Indices of the crops that the line classifier turned: labelled upside down with a
    score above its threshold (as ``rapidocr``'s ``TextClassifier`` decides)."""
    return [i for i, (label, score) in enumerate(results) if "180" in str(label) and float(score) > threshold]


def split_at_column_gaps(words: Sequence[OcrWord], height: float, ratio: float) -> list[list[OcrWord]]:
    """A detected line cut where its words are a column gap apart: wider than ``ratio`` text
    heights and than three times the line's usual word gap (a detector joins lines of
    neighbouring columns when the gutter is narrow, or the page was scaled down for it)."""
    gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(words, words[1:])]
    usual = sorted(gaps)[len(gaps) // 2]
    groups: list[list[OcrWord]] = [[words[0]]]
    for gap, word in zip(gaps, words[1:]):
        if gap > ratio * height and gap > 3 * max(usual, 1.0):
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def _spans_from_text(dec: DecodedLine) -> list[WordSpan]:
    """Words as the recogniser spaced them (no ink-gap correction)."""
    spans: list[WordSpan] = []
    current: list[CharPos] = []
    for ch in list(dec.chars) + [CharPos(" ", 0, 0, 0)]:
        if ch.text == " ":
            if current:
                conf = sum(c.confidence for c in current) / len(current)
                spans.append(WordSpan("".join(c.text for c in current), current[0].x0, current[-1].x1, conf))
            current = []
        else:
            current.append(ch)
    return spans
