"""The OCR the raster chart reader needs (RapidOCR / PP-OCRv4 weights from its wheel).

Chart labels are short and sparse (single letters, tick numbers) and text detectors miss many
of them, so :class:`ChartOcr` also finds dark text blobs itself (OpenCV) and recognises each
crop alone. Everything goes through :meth:`ChartOcr.read`, the one call to swap for the shared
OCR reader later.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from docparse.options.charts import ChartOcrOptions
from docparse.readers.charts.ticks import parse_tick

if TYPE_CHECKING:
    import numpy as np

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class OcrText:
    text: str
    box: Box  # pixels x0, y0, x1, y1
    score: float
    slanted: bool = False  # read turned level: a label set at an angle (docparse.readers.charts.slant)
    descends: bool = False  # a slanted label reading downwards to the right

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def clean_ocr_text(text: object) -> str:
    """The recogniser's Chinese charset gives full-width forms (``Ａ``, ``１０``): fold them."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def share_inside(a: Box, b: Box) -> float:
    """Share of ``a`` inside ``b``."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    return max(0.0, w) * max(0.0, h) / area if area > 0 else 0.0


def find_text_boxes(image: "np.ndarray", max_height: int = 40, dark_value: int = 110,
                    flat_stroke: float = 2.5) -> list[Box]:
    """Boxes of dark, unsaturated blobs the size of label text (lines and marks left out);
    pixels darker than ``dark_value`` are ink whatever their hue (ChartOcrOptions.dark_text_value).
    Blobs ``flat_stroke`` times wider than tall do not count as letter heights
    (ChartOcrOptions.flat_stroke)."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    dark = (((hsv[:, :, 2] < 150) & (hsv[:, :, 1] < 90)) | (hsv[:, :, 2] < dark_value)).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    glyphs = np.zeros_like(dark)
    dashes = dash_components(stats[1:])
    strokes = []
    for k in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[k])
        if h > max_height or w > 3 * max_height or (w > 12 and h <= 2) or (k - 1) in dashes:
            continue  # axis lines, gridlines, dashes of dashed gridlines
        if h > 12 and w <= 2:
            strokes.append(k)  # a tick mark, or the stem of an l or I beside its letters
            continue
        glyphs[y : y + h, x : x + w] |= dark[y : y + h, x : x + w]
    # letter heights from the glyphs with 1-2 px cracks closed: thin antialiased strokes of
    # coloured text (plotly's navy) fall apart into pieces that would make the 'letter' small
    closed = cv2.morphologyEx(glyphs, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    _, _, parts, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    heights = [int(h) for _, _, w, h, _ in parts[1:] if 4 <= h <= max_height and not is_flat_stroke(int(w), int(h), flat_stroke)]
    if not heights:
        return []
    char_h = float(np.median(heights))
    gap = max(2, int(round(0.45 * char_h)))
    for k in strokes:
        x, y, w, h, _ = (int(v) for v in stats[k])
        if letter_stem(glyphs, (x, y, w, h), char_h, gap):
            glyphs[y : y + h, x : x + w] |= dark[y : y + h, x : x + w]
    joined = cv2.dilate(glyphs, np.ones((1, gap), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out: list[Box] = []
    for k in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[k])
        if 4 <= h <= max_height and w >= 2:
            out.append((float(x), float(y), float(x + w - gap + 1), float(y + h)))
    return out


def is_flat_stroke(width: int, height: int, ratio: float) -> bool:
    """A blob ``ratio`` times wider than tall is a dash or a minus sign: its height is no letter
    height (pygal's dashed guides, four pixels tall, made the median 'letter' that small and
    the word gap too narrow to join a monospace label's glyphs)."""
    return width >= ratio * height


def letter_stem(glyphs: "np.ndarray", stroke: tuple[int, int, int, int], char_h: float, gap: int,
                most: float = 2.0) -> bool:
    """A thin upright stroke no taller than ``most`` text heights with glyphs right beside it
    (within twice the word ``gap``, level with it) is a letter (the l of "Jul", an I), not a tick mark.
    ``stroke``: its pixel box (x, y, w, h)."""
    x, y, w, h = stroke
    if h > most * char_h:
        return False
    band, reach = glyphs[y : y + h], 2 * gap  # thin text loses its pale edge pixels: letters stand further apart
    return bool(band[:, max(0, x - reach) : x].any() or band[:, x + w : x + w + reach].any())


def dash_components(stats: "np.ndarray", thin: int = 3, least: int = 3) -> set[int]:
    """Indices of thin strokes (at most ``thin`` pixels across) lined up ``least`` or more at
    one x (upright dashes) or one y (level dashes): a dashed gridline, not glyphs. ``stats``:
    OpenCV component rows (x, y, w, h, area), background left out."""
    from collections import defaultdict

    lines: dict[tuple[bool, int], list[int]] = defaultdict(list)
    for k, (x, y, w, h, _) in enumerate(stats):
        if w <= thin and h > w:
            lines[(True, int(x))].append(k)
        elif h <= thin and w > h:
            lines[(False, int(y))].append(k)
    out: set[int] = set()
    for (upright, at), members in lines.items():
        near = members + lines.get((upright, at - 1), []) + lines.get((upright, at + 1), [])
        if len(near) >= least:
            out.update(k for k in members if not _between_glyphs(stats, k))
    return out


def _between_glyphs(stats: "np.ndarray", k: int) -> bool:
    """Component ``k`` has wider components level with it close on both sides: the comma of
    '2,000' or a letter's stroke, lined up with the same glyph in the labels above and below."""
    import numpy as np

    x, y, w, h = (int(v) for v in stats[k][:4])
    xs, ys, ws, hs = (stats[:, i].astype(np.int64) for i in range(4))
    level = (ys < y + h) & (ys + hs > y) & (ws > w)
    reach = max(h, 4) * 2
    left = level & (xs + ws <= x) & (x - (xs + ws) <= reach)
    right = level & (xs >= x + w) & (xs - (x + w) <= reach)
    return bool(left.any() and right.any())


def labels_run_together(line: OcrText, pieces: Sequence[OcrText | None], options: ChartOcrOptions) -> bool:
    """A detected line that is a row of separate labels ('JanFeb Mar Apr ... Dec' along a
    category axis): ``split_min`` or more blobs inside it, centred at one pitch (within
    ``split_pitch_tolerance`` of it) of ``split_min_pitch`` line heights at least (pieces of
    one word stand closer), each read on its own as two characters or more, and their readings put together
    spell the line (``split_similarity``). Words of one label are too few or too unevenly
    spaced for this ('Public sector')."""
    from difflib import SequenceMatcher

    if len(pieces) < options.split_min or any(p is None or len(p.text.strip()) < 2 for p in pieces):
        return False  # a lone letter is a piece of a word
    row = sorted((p for p in pieces if p is not None), key=lambda p: p.cx)
    steps = [b.cx - a.cx for a, b in zip(row, row[1:])]
    pitch = sorted(steps)[len(steps) // 2]
    height = line.box[3] - line.box[1]
    if pitch < options.split_min_pitch * height or any(abs(d - pitch) > options.split_pitch_tolerance * pitch for d in steps):
        return False
    joined = "".join(p.text for p in row).replace(" ", "").lower()
    whole = line.text.replace(" ", "").lower()
    return SequenceMatcher(None, joined, whole).ratio() >= options.split_similarity


@dataclass(frozen=True, slots=True)
class _Job:
    """One label crop to recognise, in up to three orientations (upright first)."""

    box: Box
    turns: tuple["np.ndarray", ...]

    @property
    def ambiguous(self) -> bool:
        """Tried upright, then turned both ways: a squarish label (not a thin tick mark)."""
        w, h = self.box[2] - self.box[0], self.box[3] - self.box[1]
        return len(self.turns) == 3 and self.turns[0].shape[:2] == self.turns[1].shape[1::-1] and \
            0.4 * h <= w <= 2.5 * h and h <= 2.2 * w


def label_rows(jobs: Sequence[_Job], least: int = 3) -> list[list[int]]:
    """Rows (by centre height) of ``least`` or more ambiguous labels: category names along an
    axis, all set at one angle."""
    cands = sorted((k for k, job in enumerate(jobs) if job.ambiguous and not _in_word(job.box, jobs)),
                   key=lambda k: _cy(jobs[k].box))
    rows: list[list[int]] = []
    for k in cands:
        height = jobs[k].box[3] - jobs[k].box[1]
        if rows and _cy(jobs[k].box) - _cy(jobs[rows[-1][-1]].box) <= 0.5 * height:
            rows[-1].append(k)
        else:
            rows.append([k])
    rows = [row for row in rows if len(row) >= least]
    member = {k for row in rows for k in row}
    for row in rows:
        _extend_row(row, jobs, member)
    return rows


def _in_word(box: Box, jobs: Sequence[_Job]) -> bool:
    """Another blob right above or below it (a letter of a turned word), or right beside it
    (a piece of an upright word split at a wide letter gap): no label of its own."""
    h = box[3] - box[1]
    for job in jobs:
        b = job.box
        if b == box:
            continue
        x_overlap = min(b[2], box[2]) - max(b[0], box[0])
        y_overlap = min(b[3], box[3]) - max(b[1], box[1])
        y_gap, x_gap = max(b[1] - box[3], box[1] - b[3]), max(b[0] - box[2], box[0] - b[2])
        if x_overlap >= 0.5 * min(b[2] - b[0], box[2] - box[0]) and y_gap < 0.5 * h:
            return True
        if y_overlap >= 0.5 * min(b[3] - b[1], h) and x_gap < 0.8 * h:
            return True
    return False


def _extend_row(row: list[int], jobs: Sequence[_Job], member: set[int]) -> None:
    """Add the row's other labels that are not squarish (a turned ``I`` is a flat bar), as wide
    as the row's labels and centred on it, so the whole row is read at one angle."""
    heights = sorted(jobs[k].box[3] - jobs[k].box[1] for k in row)
    widths = sorted(jobs[k].box[2] - jobs[k].box[0] for k in row)
    h, w = heights[len(heights) // 2], widths[len(widths) // 2]
    cy = sorted(_cy(jobs[k].box) for k in row)[len(row) // 2]
    for k, job in enumerate(jobs):
        bw, bh = job.box[2] - job.box[0], job.box[3] - job.box[1]
        if k in member or not job.turns or abs(_cy(job.box) - cy) > 0.5 * h:
            continue
        if (0.6 * w <= bw <= 1.6 * w and bh <= 1.3 * h) or (bw >= 2 and 0.9 * h <= bh <= 1.15 * h):
            row.append(k)
            member.add(k)


def is_stroke_glyph(crop: "np.ndarray", fill: float = 0.75, ratio: float = 2.5) -> bool:
    """The crop's ink (dark on light) is one solid upright bar: a ``1``, ``I`` or ``l`` that
    the recogniser, given no context, does not read."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return False
    h, w = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    return h >= ratio * w and len(xs) >= fill * h * w


# what a recogniser makes of a single capital letter set at an angle, by shape
_AS_LETTER = {"0": "O", "1": "I", "l": "I", "|": "I", "2": "Z", "5": "S", "6": "G", "7": "Z", "8": "B",
              "工": "H", "一": "I", "口": "D"}


def letters_row(texts: Sequence[str], share: float = 0.6) -> list[str]:
    """A row of category labels that are mostly single letters: read its single digits (and
    look-alike glyphs) as the letters they resemble, in the row's case (``8`` → ``B``)."""
    single = [t for t in texts if len(t) == 1 and t.isascii() and t.isalpha()]
    if len(single) < share * len(texts):
        return list(texts)
    upper = sum(t.isupper() for t in single) >= len(single) / 2
    out = []
    for t in texts:
        t = _AS_LETTER.get(t, t)
        out.append(t.upper() if upper and len(t) == 1 and t.isalpha() else t)
    return out


def _beats_row(line: OcrText, row_texts: Mapping[Box, OcrText | None], sure: float) -> bool:
    """A detected line over labels of a turned row stands only where it is one surely read
    letter (or word) over one label the row read unsurely; elsewhere the row's reading wins."""
    under = [b for b in row_texts if share_inside(b, line.box) > 0.3]
    if not under:
        return True
    if len(under) > 1 or line.score < sure or not line.text.isalpha():
        return False
    found = row_texts[under[0]]
    return found is None or found.score < sure


def _cy(box: Box) -> float:
    return (box[1] + box[3]) / 2


def row_orientation(readings: Sequence[Sequence[tuple[str, float]]], wide: bool = False) -> int:
    """The orientation (index into each label's turns) read best over the whole row. ``wide``:
    the labels are wider than tall, which single upright capitals and digits are not, so a row
    read upright as single characters is read turned instead."""
    best = max(range(3), key=lambda t: sum(r[t][1] for r in readings))
    upright = [r[0][0] for r in readings if r[0][0]]
    if best == 0 and wide and upright and all(len(t) == 1 for t in upright):
        return max((1, 2), key=lambda t: sum(r[t][1] for r in readings))
    return best


def is_wide_row(boxes: Sequence[Box], ratio: float = 1.15) -> bool:
    aspects = sorted((b[2] - b[0]) / max(1e-6, b[3] - b[1]) for b in boxes)
    return bool(aspects) and aspects[len(aspects) // 2] > ratio


def label_crop(image: "np.ndarray", box: Box, pad: int = 3, height: float = 40.0, most: float = 3.0,
               binarize: bool = False) -> "np.ndarray":
    """The label's pixels with a small margin, small text enlarged (cubic) towards ``height``,
    optionally made black on white (Otsu; see :meth:`ChartOcr.read_boxes`)."""
    import cv2

    x0, y0, x1, y1 = (int(round(v)) for v in box)
    crop = image[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
    if crop.size == 0:
        return crop
    factor = max(1.0, min(most, height / max(1, crop.shape[0])))
    if factor != 1.0:
        crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return black_on_white(crop) if binarize else crop


def black_on_white(crop: "np.ndarray") -> "np.ndarray":
    import cv2

    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return cv2.cvtColor(ink, cv2.COLOR_GRAY2RGB)


def label_turns(crop: "np.ndarray", turn_all: bool) -> tuple["np.ndarray", ...]:
    """The orientations a label crop may be read in, most likely first. A tall blob is most
    likely a rotated title; a short squarish one (a single rotated letter) is ambiguous."""
    import cv2

    h, w = crop.shape[:2]
    if not (turn_all and w <= 2.5 * h) and h <= 1.2 * w:
        return (crop,)
    turned = (cv2.rotate(crop, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(crop, cv2.ROTATE_90_COUNTERCLOCKWISE))
    return turned + (crop,) if h > 2.2 * w and h > 20 else (crop,) + turned


def all_turns(crop: "np.ndarray") -> tuple["np.ndarray", ...]:
    """The crop upright, turned clockwise and counter-clockwise (one order for a whole row)."""
    import cv2

    return (crop, cv2.rotate(crop, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(crop, cv2.ROTATE_90_COUNTERCLOCKWISE))


def pick_turn(readings: Sequence[tuple[str, float]], sure: float) -> tuple[str, float]:
    """The first orientation read with a ``sure`` score, else the best one."""
    best = ("", 0.0)
    for text, score in readings:
        if score > best[1]:
            best = (text, score)
        if best[1] >= sure:
            break
    return best


@dataclass
class ChartOcr:
    """Takes its RapidOCR engine on first use (:func:`~docparse.readers.charts.ocr_engine.chart_engine`:
    models loaded once per process). Detection runs once on an image of bounded size;
    every label crop the detector missed is then recognised in one batched call."""

    options: ChartOcrOptions = field(default_factory=ChartOcrOptions)  # thresholds, threads
    _engine: Any = field(default=None, repr=False)

    def _load(self) -> Any:
        if self._engine is None:
            from docparse.readers.charts.ocr_engine import chart_engine

            self._engine = chart_engine(self.options)
        return self._engine

    def detect_scale(self, image: "np.ndarray", text_height: float | None) -> float:
        """How much to resize ``image`` for the detector: text towards ``det_text_height``
        pixels, the long side at most ``det_side``, never enlarged more than ``max_upscale``."""
        most = min(self.options.max_upscale, self.options.det_side / max(1, max(image.shape[:2])))
        if not text_height:
            return most
        return max(0.25, min(most, self.options.det_text_height / text_height))

    def detect_and_read(self, image: "np.ndarray", text_height: float | None = None) -> list[OcrText]:
        import cv2

        factor = self.detect_scale(image, text_height)
        src = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
        result, _ = self._load()(src[:, :, ::-1].copy())  # RapidOCR expects BGR
        out = []
        for quad, text, score in result or []:
            if float(score) < self.options.min_score or not clean_ocr_text(text):
                continue
            xs = [p[0] / factor for p in quad]
            ys = [p[1] / factor for p in quad]
            out.append(OcrText(clean_ocr_text(text), (min(xs), min(ys), max(xs), max(ys)), float(score)))
        return out

    def recognize_many(self, crops: Sequence["np.ndarray"]) -> list[tuple[str, float]]:
        """Text and score of each crop, all in one batched recognition call."""
        if not crops:
            return []
        bgr = [c[:, :, ::-1].copy() for c in crops]
        results, _ = self._load().text_rec(bgr)
        return [(clean_ocr_text(text), float(score)) for text, score in results]

    def read_boxes(self, image: "np.ndarray", boxes: Sequence[Box]) -> list[OcrText | None]:
        """Each label box recognised alone, in two batched calls: every crop in its likeliest
        orientation, then the other turns of those not read surely (rotated labels)."""
        jobs = []
        for box in boxes:
            crop = label_crop(image, box)
            jobs.append(_Job(box, label_turns(crop, self.options.turn_short_labels) if crop.size else ()))
        rows = label_rows(jobs) if self.options.turn_short_labels else []
        in_rows = {k for row in rows for k in row}
        for k in in_rows:  # tiny turned letters: blurred strokes read as other letters when grey
            jobs[k] = _Job(jobs[k].box, tuple(black_on_white(t) for t in all_turns(label_crop(image, jobs[k].box))))
        first = iter(self.recognize_many([job.turns[0] for job in jobs if job.turns]))
        readings = [[next(first)] if job.turns else [] for job in jobs]
        unsure = [k for k, job in enumerate(jobs) if readings[k] and (readings[k][0][1] < self.options.sure_score or k in in_rows)]
        rest = iter(self.recognize_many([t for k in unsure for t in jobs[k].turns[1:]]))
        for k in unsure:
            readings[k] += [next(rest) for _ in jobs[k].turns[1:]]
        chosen = [pick_turn(tried, self.options.sure_score) for tried in readings]
        for row in rows:  # one angle for a whole row of labels
            turn = row_orientation([readings[k] for k in row], is_wide_row([jobs[k].box for k in row]))
            for k in row:
                chosen[k] = readings[k][turn]
                if chosen[k][1] < self.options.min_score and is_stroke_glyph(jobs[k].turns[turn]):
                    chosen[k] = ("1", self.options.min_score)  # a lone upright stroke: 1 (or I, below)
            fixed = letters_row([chosen[k][0] for k in row])
            for k, text in zip(row, fixed):  # a look-alike the row vouches for is read
                chosen[k] = (text, chosen[k][1] if text == chosen[k][0] else max(chosen[k][1], self.options.min_score))
        return [OcrText(text, job.box, score) if text and score >= self.options.min_score else None
                for job, (text, score) in zip(jobs, chosen)]

    def read_box(self, image: "np.ndarray", box: Box) -> OcrText | None:
        """Recognise one label crop (see :meth:`read_boxes`)."""
        return self.read_boxes(image, [box])[0]

    def _row_labels(self, image: "np.ndarray", blobs: Sequence[Box]) -> set[Box]:
        """The blobs in rows of labels set at one angle (read together by :meth:`read_boxes`)."""
        if not self.options.turn_short_labels:
            return set()
        jobs = [_Job(b, label_turns(label_crop(image, b), True)) for b in blobs]
        return {blobs[k] for row in label_rows(jobs) for k in row}

    def read(self, image: "np.ndarray", known: Mapping[Box, OcrText | None] | None = None) -> list[OcrText]:
        """Detected lines, plus label blobs the detector missed or merged, each read alone
        (``known``: blobs read already, by the precheck)."""
        known = known or {}
        blobs = find_text_boxes(image, max(40, int(0.08 * image.shape[0])), self.options.dark_text_value,
                                self.options.flat_stroke)
        heights = sorted(b[3] - b[1] for b in blobs)
        detected = self.detect_and_read(image, heights[len(heights) // 2] if heights else None)
        in_rows = self._row_labels(image, blobs)  # read at the row's angle (the detector reads upright)
        known = {b: r for b, r in known.items() if b not in in_rows}
        row_texts = dict(zip(sorted(in_rows), self.read_boxes(image, sorted(in_rows))))
        detected = [d for d in detected if parse_tick(d.text) is not None or _beats_row(d, row_texts, self.options.sure_score)]
        merged = [[b for b in blobs if share_inside(b, d.box) > 0.6] for d in detected]
        merged = [inside if len(inside) >= 2 and parse_tick(d.text) is None else [] for d, inside in zip(detected, merged)]
        loose = [b for b in blobs if not any(share_inside(b, d.box) > 0.3 for d in detected)]
        parts = [b for inside in merged for b in inside]
        unread = [b for b in parts + loose if b not in known and b not in row_texts]
        fresh = dict(zip(unread, self.read_boxes(image, unread))) | row_texts
        readings = [known[b] if b in known else fresh[b] for b in parts + loose]
        by_box = dict(zip(parts, readings[: len(parts)]))
        out: list[OcrText] = []
        kept: list[OcrText] = []
        for d, inside in zip(detected, merged):
            pieces = [by_box[b] for b in inside]
            if inside and all(p is not None and parse_tick(p.text) is not None for p in pieces):
                out.extend(p for p in pieces if p is not None)  # tick labels read as one line
            elif inside and labels_run_together(d, pieces, self.options):
                out.extend(p for p in pieces if p is not None)  # category names read as one line
            else:
                kept.append(d)
        out.extend(kept)
        for box, found in zip(loose, readings[len(parts):]):
            if found is not None and not any(share_inside(box, d.box) > 0.3 for d in out):
                out.append(found)
        return out
