"""Small rules of the raster chart reader about what a pixel shape or an OCR reading is: a
legend line swatch with a marker on it, a tick mark read as a letter, a legend square beside a
pie. Each rule says what it tests; thresholds come from :class:`RasterChartOptions`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from docparse.options.charts import RasterChartOptions
from docparse.pages.analysis import BBox

if TYPE_CHECKING:
    import numpy as np

    from docparse.readers.charts.marks import Bar, Rule, TextItem, Wedge
    from docparse.readers.charts.ocr import OcrText

# what OCR makes of a lone tick mark (a short straight stroke)
STROKE_GLYPHS = frozenset("1Il|i!一-_—–丨")


def marker_line_swatch(component: "np.ndarray", box: BBox, options: RasterChartOptions) -> bool:
    """A legend line swatch with a marker drawn at its middle (matplotlib ``'o-'`` and plotly
    ``lines+markers`` legends): a short, flat component whose full-width rows form one thin
    stroke, and whose other pixels (the marker) stay in its middle part. ``component``: the
    component's boolean crop; ``box``: its extent in points."""
    import numpy as np

    wp, hp = box[2] - box[0], box[3] - box[1]
    if not (options.swatch_min_width <= wp <= options.swatch_max_width and hp <= options.swatch_max_height
            and wp >= options.swatch_min_aspect * hp):
        return False
    h, w = component.shape
    full = np.nonzero(component.sum(axis=1) >= options.swatch_row_fill * w)[0]
    if not len(full) or full[-1] - full[0] + 1 != len(full):
        return False
    if len(full) * hp / h > options.swatch_line_height or abs((full[0] + full[-1]) / 2 - (h - 1) / 2) > 0.25 * h:
        return False
    rest = component.copy()
    rest[full[0] : full[-1] + 1] = False
    cols = np.nonzero(rest.any(axis=0))[0]
    if not len(cols):
        return True  # a plain thick line swatch
    margin = options.swatch_marker_span * w
    return bool(cols[0] >= (w - margin) / 2 and cols[-1] <= (w + margin) / 2)


def swatch_line_y(component: "np.ndarray") -> float:
    """The pixel row (in the crop) at the middle of a swatch's full-width stroke."""
    import numpy as np

    w = component.shape[1]
    rows = np.nonzero(component.sum(axis=1) >= 0.9 * w)[0]
    return float((rows[0] + rows[-1]) / 2) if len(rows) else (component.shape[0] - 1) / 2


def _stroke_text(t: "TextItem", ratio: float) -> tuple[bool, bool]:
    """(a thin upright stroke, a thin level stroke): a one-character reading of a line."""
    w, h = t.bbox[2] - t.bbox[0], t.bbox[3] - t.bbox[1]
    if len(t.text.strip()) != 1 or t.text.strip() not in STROKE_GLYPHS:
        return False, False
    return w <= ratio * h, h <= ratio * w


def _marks_label(t: "TextItem", u: "TextItem", upright: bool, reach: float) -> bool:
    """``t`` sits right beside label ``u`` where its tick would be: above or below it within
    ``reach`` of its height and inside its width (an x tick), or left or right of it within
    reach and inside its height (a y tick)."""
    uh = u.bbox[3] - u.bbox[1]
    if upright:
        gap = max(u.bbox[1] - t.bbox[3], t.bbox[1] - u.bbox[3])
        return u.bbox[0] <= t.cx <= u.bbox[2] and -0.5 <= gap <= reach * uh and t.bbox[3] - t.bbox[1] < uh
    gap = max(u.bbox[0] - t.bbox[2], t.bbox[0] - u.bbox[2])
    return u.bbox[1] <= t.cy <= u.bbox[3] and -0.5 <= gap <= reach * uh


def drop_tick_marks(texts: list["TextItem"], options: RasterChartOptions) -> list["TextItem"]:
    """OCR readings that are tick marks, not labels: a one-character stroke reading (``1``,
    ``I``, ``一``) as thin as a line, sitting right beside a longer label in the direction its
    tick points (matplotlib's short ticks between the axis and each category name)."""
    out = []
    for t in texts:
        upright, level = _stroke_text(t, options.tick_text_thinness)
        others = [u for u in texts if u is not t and len(u.text.strip()) > 1]
        if (upright or level) and any(_marks_label(t, u, upright, options.tick_text_reach) for u in others):
            continue
        out.append(t)
    return out


def pie_data_bars(bars: Sequence["Bar"], wedges: Sequence["Wedge"], options: RasterChartOptions) -> list["Bar"]:
    """The bars that could be data beside wedges: legend squares (each under
    ``pie_swatch_share`` of the wedges' area) are not."""
    total = sum(w.area for w in wedges)
    return [b for b in bars if (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) > options.pie_swatch_share * total]


def _shape(text: str) -> str:
    """The text's character classes: letters ``A``, digits ``9``, anything else itself."""
    return "".join("A" if ch.isalpha() else "9" if ch.isdigit() else ch for ch in text)


def respace_like_siblings(texts: list["TextItem"]) -> list["TextItem"]:
    """OCR drops a narrow word space now and then (``Q324`` beside ``Q1 24``, ``Q2 24``): a
    label with digits and no spaces whose character classes are those of another label with
    its spaces taken out gets that label's spaces at the same places (a chart sets its labels
    alike). Plain words are left alone: 'Institutional' is no 'community park'."""
    from dataclasses import replace

    spaced = {_shape(t.text.replace(" ", "")): _shape(t.text) for t in texts if " " in t.text.strip()}
    out = []
    for t in texts:
        digits = any(ch.isdigit() for ch in t.text)  # words differ in length: only codes like Q324 compare
        model = spaced.get(_shape(t.text)) if digits and " " not in t.text and t.tick is None else None
        if model is None:
            out.append(t)
            continue
        chars = iter(t.text)
        out.append(replace(t, text="".join(" " if m == " " else next(chars) for m in model)))
    return out


def joins_markers(pale: "np.ndarray", base: "np.ndarray", options: RasterChartOptions) -> bool:
    """A line drawn with opacity between markers drawn solid in its colour (pygal): most of
    the ``base`` colour's pieces (at least ``pale_line_markers``) touch the ``pale`` colour's
    pixels, so both are one series."""
    import cv2
    import numpy as np

    n, _, stats, _ = cv2.connectedComponentsWithStats(base, connectivity=8)
    shaped = [area for x, y, w, h, area in stats[1:] if min(w, h) >= 3 and 0.5 <= w / h <= 2.0]
    least = max(6.0, options.pale_line_speck * max(shaped, default=0))  # antialiasing specks left out…
    pieces = [(x, y, w, h) for x, y, w, h, area in stats[1:] if area >= least]  # …and the line's blends with dark dashes
    markers = [(x, y, w, h) for x, y, w, h in pieces if min(w, h) >= 3 and 0.5 <= w / h <= 2.0]
    if len(markers) < options.pale_line_markers or len(markers) < options.pale_line_touch * len(pieces):
        return False  # a colour of flat pieces (dashes drawn over a paler bar) has no markers
    near = cv2.dilate(pale, np.ones((3, 3), np.uint8))
    touching = sum(1 for x, y, w, h in markers if near[y : y + h, x : x + w].any())
    return touching >= options.pale_line_touch * len(markers)


def merge_pale_lines(centers: list["np.ndarray"], masks: list["np.ndarray"], options: RasterChartOptions,
                     is_paler: Callable[["np.ndarray", "np.ndarray"], bool]) -> tuple[list["np.ndarray"], list["np.ndarray"]]:
    """Fold each paler colour into the colour whose markers it joins (:func:`joins_markers`)."""
    gone: set[int] = set()
    merged = [m.copy() for m in masks]
    for k, center in enumerate(centers):
        host = next((i for i in range(len(centers)) if i != k and i not in gone and is_paler(center, centers[i])
                     and joins_markers(masks[k], masks[i], options)), None)
        if host is not None:
            merged[host] |= masks[k]
            gone.add(k)
    keep = [i for i in range(len(centers)) if i not in gone]
    return [centers[i] for i in keep], [merged[i] for i in keep]


def baseline_rules(bars: Sequence["Bar"], width: float, height: float, options: RasterChartOptions) -> list["Rule"]:
    """The line bars stand on, across the picture, where two or more long bars share their
    bottom (columns) or their left end (horizontal bars): the value axis's zero or floor even
    where no gridline shows there (fivethirtyeight draws none at 0; its '0' label sits 4 pt
    below it). ``width``/``height``: the picture's size in points."""
    from docparse.readers.charts.marks import Rule

    tol, long = options.baseline_tolerance, options.baseline_min_bar
    out = []
    for horizontal in (True, False):
        ends = sorted(b.bbox[3] if horizontal else b.bbox[0] for b in bars
                      if (b.bbox[3] - b.bbox[1] if horizontal else b.bbox[2] - b.bbox[0]) >= long)
        groups: list[list[float]] = []
        for e in ends:
            if groups and e - groups[-1][-1] <= tol:
                groups[-1].append(e)
            else:
                groups.append([e])
        best = max(groups, key=len, default=[])
        if len(best) >= 2:
            at = sorted(best)[len(best) // 2]
            out.append(Rule((0.0, at, width, at) if horizontal else (at, 0.0, at, height), horizontal, "#808080"))
    return out


def ink_gap_centres(img: "np.ndarray", box: BBox, min_gap: float, upright: bool = False) -> list[float]:
    """Where (as a share of the ink's width) a label crop has an empty column run at least
    ``min_gap`` pixels wide between its first and last inked columns (``upright``: rows, for
    a label turned 90 degrees). ``box``: pixels."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = (int(round(v)) for v in box)
    crop = img[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if crop.size == 0:
        return []
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    cols = np.nonzero(ink.any(axis=1 if upright else 0))[0]
    if len(cols) < 2:
        return []
    first, last = int(cols[0]), int(cols[-1])
    out = []
    for a, b in zip(cols, cols[1:]):
        if b - a - 1 >= min_gap:
            out.append(((a + b) / 2 - first) / max(1, last - first))
    return out


def respace_joined_words(texts: Sequence["OcrText"], img: "np.ndarray", options: RasterChartOptions) -> list["OcrText"]:
    """OCR drops a word space now and then ('DirectSouth' for 'Direct South'): a lower-case
    letter followed by a capital gets a space where the label's crop has an ink gap of a word
    space (``word_gap`` text heights) near that letter's place along the label (``word_gap_reach``
    of its length; letters taken as equally wide). A label taller than wide is turned 90
    degrees: its rows are looked at, from either end (it may read up or down)."""
    import re
    from dataclasses import replace

    out = []
    for t in texts:
        x0, y0, x1, y1 = t.box
        joins = [m.start() + 1 for m in re.finditer(r"[a-z][A-Z]", t.text)]
        if not joins:
            out.append(t)
            continue
        upright = y1 - y0 > x1 - x0
        gaps = ink_gap_centres(img, t.box, options.word_gap * min(x1 - x0, y1 - y0), upright)
        gaps += [1 - g for g in gaps] if upright else []
        cuts = [k for k in joins if any(abs(k / len(t.text) - g) <= options.word_gap_reach for g in gaps)]
        text = t.text
        for k in reversed(cuts):
            text = text[:k] + " " + text[k:]
        out.append(t if text == t.text else replace(t, text=text))
    return out


def ridge_half_width(dist: "np.ndarray") -> float:
    """Half a drawn line's width: the median distance-transform value along its ridge (pixels
    no farther from the edge than a neighbour is; a few markers on it barely move it)."""
    import cv2
    import numpy as np

    ridge = (dist > 0) & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)))
    return float(np.median(dist[ridge])) if ridge.any() else 0.0


def marker_centre_y(dist: "np.ndarray", x_px: float, half_width: float, options: RasterChartOptions) -> float | None:
    """The centre (pixel row) of a marker drawn on a line at column ``x_px``: where the line's
    distance transform ``dist`` peaks at ``marker_core`` times the line's half width
    (:func:`ridge_half_width`) or more, within ``marker_reach`` pixels of the column. None
    where no marker sits there. A line running steeply into a point pulls a column's middle
    off the point; its marker does not."""
    import numpy as np

    x = int(round(x_px))
    reach = int(options.marker_reach)
    band = dist[:, max(0, x - reach) : x + reach + 1]
    if band.size == 0:
        return None
    peak = float(band.max())
    if peak < max(2.0, options.marker_core * half_width):
        return None
    rows = np.nonzero((band >= peak - 0.5).any(axis=1))[0]
    return float(rows.mean())


def capital_i_in_title_case(texts: Sequence["OcrText"], least: int = 3) -> list["OcrText"]:
    """A sans-serif capital I and lower-case l are one glyph: a label starting 'l' then a
    lower-case letter ('lberia') among labels that all start with a capital (``least`` of
    them at least, none lower-case; single characters aside) starts with 'I'."""
    from dataclasses import replace

    words = [w for t in texts if len(w := t.text.strip()) > 1 and w[0].isalpha()]  # a lone 'o' is a misread 0
    suspects = [w for w in words if len(w) > 1 and w[0] == "l" and w[1].islower()]
    capitals = sum(1 for w in words if w[0].isupper())
    if not suspects or capitals < least or capitals + len(suspects) < len(words):
        return list(texts)
    return [replace(t, text="I" + t.text.strip()[1:]) if t.text.strip() in suspects else t for t in texts]


# what OCR makes of a tick mark read together with the label beside it ('East·', 'North -')
TICK_TAIL = "·•‧∙-–—_|"


def strip_tick_tails(texts: Sequence["OcrText"]) -> list["OcrText"]:
    """A label read with the tick mark beside it as a trailing dot or dash ('East·',
    'North ·', horizontal bars' category names; plotly's y ticks '100-', '50-'): the mark is
    dropped. A sign leads its number, so a number keeps only a leading one."""
    from dataclasses import replace

    from docparse.readers.charts.ticks import parse_tick

    out = []
    for t in texts:
        core = t.text.rstrip(TICK_TAIL + " ")
        if core != t.text and (core[-1:].isalpha() or (parse_tick(t.text) is None and parse_tick(core) is not None)):
            out.append(replace(t, text=core))
        else:
            out.append(t)
    return out


def text_colours(masks: Sequence["np.ndarray"], boxes: Sequence[BBox], share: float) -> set[int]:
    """Indices of the colours drawn (``share`` or more of their pixels) inside read text
    boxes: the colour of titles and labels (plotly's navy #2a3f5f is saturated), not a
    series. A series colour with data labels on it has its bars or line outside them.
    ``boxes``: pixels."""
    import numpy as np

    if not masks or not boxes:
        return set()
    inside = np.zeros(masks[0].shape, bool)
    for x0, y0, x1, y1 in boxes:
        inside[max(0, int(y0) - 1) : int(y1) + 2, max(0, int(x0) - 1) : int(x1) + 2] = True
    out = set()
    for k, mask in enumerate(masks):
        total = int(np.count_nonzero(mask))
        if total and np.count_nonzero(mask.astype(bool) & inside) >= share * total:
            out.add(k)
    return out


def number_sequence(text: str, least: int, min_digits: int) -> list[str] | None:
    """``text`` (``min_digits`` or more digits, no spaces) cut into ``least`` or more numbers that step by one
    amount ('2015201620172018' → 2015 2016 2017 2018, '0246810' → 0 2 4 6 8 10); None where
    no such cut spells it whole."""
    if not text.isdigit() or len(text) < min_digits:
        return None
    for first in range(1, len(text) // least + 1):
        for second in range(first, min(first + 1, len(text) - first) + 1):
            a, b = int(text[:first]), int(text[first : first + second])
            if text[0] == "0" and first > 1 or b <= a:
                continue
            parts, pos, value = [text[:first]], first, a
            while pos < len(text):
                value += b - a
                piece = str(value)
                if not text.startswith(piece, pos):
                    break
                parts.append(piece)
                pos += len(piece)
            if pos == len(text) and len(parts) >= least:
                return parts
    return None


def split_number_runs(texts: Sequence["OcrText"], options: RasterChartOptions) -> list["OcrText"]:
    """Tick numbers or years set so close that OCR reads them as one ('2015201620172018'
    under four bars, '0123456789101112131415' under a dense axis) come apart into their
    numbers; figures are equally wide in nearly every font, so each number gets its share of
    the box by its count of digits. A level reading only (a column of ticks is read apart)."""
    from dataclasses import replace

    out: list[OcrText] = []
    for t in texts:
        parts = number_sequence(t.text.strip(), options.run_numbers, options.run_min_digits) if t.box[2] - t.box[0] > t.box[3] - t.box[1] else None
        if parts is None:
            out.append(t)
            continue
        x0, y0, x1, y1 = t.box
        per = (x1 - x0) / sum(len(p) for p in parts)
        at = x0
        for p in parts:
            out.append(replace(t, text=p, box=(at, y0, at + per * len(p), y1)))
            at += per * len(p)
    return out


def _number_after_word(t: "OcrText", u: "OcrText", reach: float) -> bool:
    """``u``, a number, follows the word ``t`` on its row within ``reach`` of ``t``'s
    character advance (its width per character)."""
    from docparse.readers.charts.ticks import parse_tick

    if t.slanted or u.slanted or parse_tick(t.text) is not None or parse_tick(u.text) is None:
        return False
    th, uh = t.box[3] - t.box[1], u.box[3] - u.box[1]
    if min(th, uh) <= 0 or max(th, uh) > 1.4 * min(th, uh) or abs(t.cy - u.cy) > 0.3 * max(th, uh):
        return False
    advance = (t.box[2] - t.box[0]) / max(1, len(t.text.strip()))
    return 0 <= u.box[0] - t.box[2] <= reach * advance


def join_word_and_number(texts: Sequence["OcrText"], options: RasterChartOptions) -> list["OcrText"]:
    """A label of a word and a number set in a monospace font ('Q1 19' in pygal's legend: its
    space is a whole character wide) that the detector read as two: a number right after a
    word on its row, within ``word_number_reach`` character advances, joins it. Two numbers
    stay apart (tick labels), and so do two words (category names set close)."""
    from dataclasses import replace

    out = sorted(texts, key=lambda t: t.box[0])
    joined = True
    while joined:
        joined = False
        for t in out:
            u = next((u for u in out if u is not t and _number_after_word(t, u, options.word_number_reach)), None)
            if u is not None:
                box = (t.box[0], min(t.box[1], u.box[1]), u.box[2], max(t.box[3], u.box[3]))
                out = [replace(t, text=f"{t.text.strip()} {u.text.strip()}", box=box, score=min(t.score, u.score))
                       if v is t else v for v in out if v is not u]
                joined = True
                break
    return out


def slivers_in_pie(wedges: Sequence["Wedge"], slivers: Sequence["Wedge"], reach: float = 1.04) -> list["Wedge"]:
    """The small solid shapes lying wholly inside the disc the big wedges make (within
    ``reach`` of its radius, as pie.is_pie allows): thin slices of the pie (a 6 % slice of a
    pie a fifth of the picture wide is under the wedge size), not specks beside it."""
    import math

    from docparse.pages.analysis import bbox_union

    x0, y0, x1, y1 = bbox_union([w.bbox for w in wedges])
    cx, cy, radius = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0) / 2
    return [s for s in slivers if all(math.hypot(px - cx, py - cy) <= reach * radius for px, py in s.polygon)]
