"""Chart and diagram options: vector chart detection and reading, raster chart reading and its
cheap pre-check, and vector diagrams."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChartClassifierOptions:
    join_gap: float = 10.0  # points: drawings closer than this belong to one cluster
    min_size: float = 40.0  # points: smaller clusters are icons
    margin_left: float = 70.0  # where tick labels and axis titles may sit around the marks
    margin_bottom: float = 45.0
    margin_top: float = 32.0
    margin_right: float = 70.0
    canvas_tolerance: float = 2.0  # points: a filled rectangle this close to a cluster's box is the figure's canvas, and the chart's text stays inside it
    canvas_cover: float = 0.9  # share of a cluster's box a filled rectangle must cover (and no more than 1/this larger) to be its canvas
    canvas_gap: float = 2.0  # points: drawings further than this outside a cluster's one figure canvas are not the chart's (a table row's rules just above it)
    legend_reach: float = 130.0  # points: small swatches in the chart's colours, each with a name after it, this far beside, under or over the region are its legend (pygal)
    legend_swatch: float = 14.0  # points: a legend swatch is at most this large both ways; its name starts within twice this after it
    canvas_padding: float = 4.0  # points: a canvas leaves this much room for text inside it on two sides at least (a plot background does not)
    max_label_words: int = 6  # outside the marks; titles above may have twice as many
    label_gap: float = 0.7  # font sizes: text runs that overlap or stand further apart are separate labels (as VectorChartOptions.label_gap)
    max_drawings: int = 5000
    min_points: int = 2


@dataclass(frozen=True)
class VectorChartOptions:
    label_reach: float = 16.0  # points: how far a printed data label may sit from its bar end
    label_tolerance: float = 0.25  # relative disagreement above which geometry beats a label
    min_points: int = 1
    min_line_extent: float = 1.0  # points: a stroked path shorter than this both ways is a tick stub, not a line
    label_gap: float = 0.7  # font sizes (more than a monospace space, 0.6): the producer's text runs that overlap or stand further apart are separate labels (a word-space apart: only when each sits on its own tick or bar)
    text_box_fill: float = 0.85  # a grey filled shape covering this share of its box with text inside is a legend/annotation frame
    backdrop_bars: int = 2  # a filled rectangle holding this many bars whole is the plot's backdrop, not a bar (bars never hold bars)…
    backdrop_markers: int = 3  # …or this many markers, or any whole line (pygal's tinted plot area, a ggplot-like grey panel)
    legend_line_pad: float = 3.0  # points: a marker this close to a legend line swatch is drawn on it (square or marker swatches keep only what sits on them)


@dataclass(frozen=True)
class GreyFillOptions:
    """Series filled in grey or black (docparse.readers.charts.greys): solid unsaturated areas."""

    max_saturation: int = 40  # HSV saturation (0-255) below which a pixel is grey
    max_value: int = 205  # HSV value (0-255): paler greys are plot panels (ggplot ~229), not data
    min_width: float = 2.5  # points: a grey fill is at least this wide both ways (text strokes and rules are thinner)
    max_share: float = 0.4  # of the picture: one larger solid grey area is a dark backdrop
    level_distance: float = 24.0  # grey values (0-255) closer than this are one shade
    level_tolerance: float = 12.0  # a solid pixel within this of a shade's value belongs to it
    max_levels: int = 6


@dataclass(frozen=True)
class SlantOptions:
    """Category labels set at an angle, read turned level (docparse.readers.charts.slant)."""

    join: float = 1.0  # glyph heights: letters (and words) this close are joined into one label blob
    min_length: float = 3.0  # glyph heights: a label blob is at least this long (diagonal)
    min_elongation: float = 2.5  # its long axis this many times its short one
    min_angle: float = 15.0  # degrees from level: leaning at least this much…
    max_angle: float = 75.0  # …and at most this much (upright labels are read turned by the OCR)
    angle_tolerance: float = 8.0  # degrees: blobs this close to the median angle are one row of labels
    min_labels: int = 2  # this many slanted blobs (and lines read on them) at least


@dataclass(frozen=True)
class RasterChartOptions:
    dpi: int = 200  # page raster resolution for embedded images…
    max_side: int = 1100  # …capped so the crop's long side stays OCR-friendly (pixels)
    min_saturation: int = 50  # HSV saturation (0-255) above which a pixel is a data colour
    min_color_fraction: float = 0.0004  # of the image: smaller colour clusters are noise
    merge_distance: float = 60.0  # RGB distance within which a pixel belongs to a series colour
    palette_distance: float = 45.0  # RGB distance under which two colour bins are one series
    max_colors: int = 10
    bar_fill: float = 0.82  # a component filling this much of its box is a bar
    # legend line swatch with a marker on it (raster_rules.marker_line_swatch), sizes in points
    swatch_min_width: float = 4.0  # its line is at least this long…
    swatch_max_width: float = 40.0  # …and at most this long
    swatch_max_height: float = 14.0  # the marker makes it at most this tall
    swatch_min_aspect: float = 1.8  # width / height at least
    swatch_row_fill: float = 0.9  # a row filled across this share of its width belongs to the line
    swatch_line_height: float = 3.5  # the line's full-width rows are at most this thick
    swatch_marker_span: float = 0.6  # the marker's pixels lie in this middle share of the width
    tick_text_thinness: float = 0.35  # a one-glyph stroke reading this thin (width/height) may be a tick mark…
    tick_text_reach: float = 1.5  # …when it sits within this many label heights beside a longer label
    text_color_share: float = 0.8  # a colour with this share of its pixels inside read text boxes is the text's colour, not a series
    word_gap: float = 0.25  # label heights: an ink gap this wide inside a label read as one word is a word space…
    word_gap_reach: float = 0.2  # …when it lies within this share of the label's width of a lower/upper-case join
    word_number_reach: float = 1.6  # character advances: a number this close after a word on its row is one label with it ('Q1 19', monospace)
    run_numbers: int = 3  # a digits-only reading that spells this many numbers stepping by one amount…
    run_min_digits: int = 6  # …in at least this many digits is tick labels read as one ('2015201620172018')
    wedge_share: float = 0.01  # of the picture: a solid shape (no bar, line or marker) this large is a pie wedge…
    sliver_share: float = 0.002  # …and one this large a thin wedge, kept when it lies inside the pie the others make
    pie_swatch_share: float = 0.05  # beside wedges, a bar under this share of their area is a legend square
    rule_width: float = 1.2  # points (plus an antialiased pixel each side): grey runs up to this thick are ticks/gridlines
    baseline_tolerance: float = 1.0  # points: bars whose bottoms (left ends) lie this close stand on one baseline…
    baseline_min_bar: float = 14.0  # …counting bars at least this long (legend squares are not)
    marker_core: float = 1.8  # line half-widths: a line's distance transform peaking this high is a marker on it…
    marker_reach: float = 2.0  # …found within this many pixels of a category's column…
    marker_line_max: float = 1.5  # …on a line at most this half-width (points; thicker: a filled area, whose middle is no marker)
    pale_line_markers: int = 3  # a paler colour is the line between a colour's markers when it touches this many of them…
    pale_line_touch: float = 0.6  # …and at least this share of that colour's pieces…
    pale_line_speck: float = 0.25  # …counting pieces of at least this share of its largest marker's area (a pale line crossing dark dashes blends to specks of the marker's shade)
    require_evidence: bool = True  # no full read without a numeric axis or a pie (precheck)
    greys: GreyFillOptions = field(default_factory=GreyFillOptions)  # series filled in grey or black
    slant: SlantOptions = field(default_factory=SlantOptions)  # category labels set at an angle
    precheck: PrecheckOptions = field(default_factory=lambda: PrecheckOptions())  # its cheap tests (class below)
    ocr: ChartOcrOptions = field(default_factory=lambda: ChartOcrOptions())  # tick/legend label OCR (class below)


@dataclass(frozen=True)
class ChartOcrOptions:
    """RapidOCR on a raster chart's labels (docparse.readers.charts.ocr.ChartOcr)."""

    min_score: float = 0.5  # label reads scored lower are dropped
    dark_text_value: int = 110  # HSV value (0-255) under which a pixel is label ink whatever its hue (plotly's navy #2a3f5f)
    flat_stroke: float = 2.5  # a label blob this many times wider than tall (a dash, a minus) sets no letter height (the word gap)
    det_text_height: float = 20.0  # pixels: the detector sees label text scaled to about this…
    det_side: int = 960  # …and the image's long side at most this
    max_upscale: float = 2.0  # …enlarging small images at most this much
    sure_score: float = 0.85  # an orientation read this well is not tried turned
    turn_short_labels: bool = True  # also try squarish blobs turned (single rotated letters)
    split_min: int = 3  # a detected line holding this many label blobs at one pitch is a row of labels…
    split_pitch_tolerance: float = 0.15  # …their centres' steps within this share of the pitch…
    split_min_pitch: float = 1.5  # …at least this many line heights apart…
    split_similarity: float = 0.8  # …and their own readings spell the line this closely (difflib ratio)
    rec_width: int = 96  # pixels: recognition pads each batch to at least this width (RapidOCR: 320)
    # graph folds (docparse.ocr.fold) in the three models, whose sessions' threads sleep when idle
    # either way: ~2x less CPU with sleeping threads, reads unchanged on the 27 dev family documents
    simplify_models: bool = True
    threads: int | None = None  # ONNX Runtime intra-op threads; None: ParseOptions.ocr.threads


@dataclass(frozen=True)
class PrecheckOptions:
    min_saturation: int = 50  # HSV saturation (0-255) above which a pixel is a data colour
    top_colors: int = 6  # this many quantised colours…
    flat_share: float = 0.8  # …cover at least this share of a chart's pixels
    min_tick_labels: int = 3  # numbers in order along one axis
    max_groups: int = 4  # label columns/rows tried
    max_per_group: int = 5  # labels read per column/row
    pie_min_share: float = 0.03  # of the picture: the disc's area at least
    pie_roundness: float = 0.7  # disc area / area of the circle around its box
    faint_edge_low: float = 12.0  # grey-level step of faint gridlines (white on a tinted plot) for the second line test
    dash_gap: float = 0.03  # of the picture's short side: gaps of dashed gridlines bridged in that test
    dash_aspect: float = 0.45  # a group of label blobs most of them narrower than this (width/height) is a dashed gridline
    stack_gap: float = 0.5  # label heights: a column of blobs mostly closer than this is a turned word, not tick labels…
    pitch_tolerance: float = 0.2  # …unless their centres step at one pitch (each step within this share of the median): dense tick labels
    grey_fill_size: float = 0.015  # of the picture's short side: solid grey areas this wide count as data fills (grey pies)
    greys: GreyFillOptions = field(default_factory=GreyFillOptions)  # which grey pixels may be data fills


@dataclass(frozen=True)
class DiagramOptions:
    join_gap: float = 12.0  # points: drawings closer than this are one figure
    min_width: float = 60.0  # points
    min_height: float = 40.0
    min_drawings: int = 4
    min_shapes: int = 3  # connectors, curves or boxes beyond a single frame
    max_label_words: float = 5.0  # median words per label line; prose inside a box is longer
    max_long_lines: float = 0.25  # share of label lines over 10 words
    max_prose_lines: int = 4  # this many lines of 8+ words are running text, not labels
    max_page_fraction: float = 0.85  # larger clusters are page decorations
    max_label_size_ratio: float = 2.0  # a label this much larger than the body is a headline: a masthead, no diagram
    max_drawings: int = 5000


@dataclass(frozen=True)
class ChartGroupOptions:
    """How the chart group's reader (docparse.readers.charts.reader.ChartGroupReader) treats
    pictures and charts, and how figure text is gathered (docparse.readers.figure_text)."""

    precheck_dpi: int = 100  # the "looks like a chart" test reads the picture at this resolution
    min_points: int = 2  # a "chart" with fewer read values stays a figure
    # seconds of raster chart reading per page; pictures after that stay figures (a page of many
    # chart-like pictures must not run into the page timeout); None: no limit
    raster_budget_s: float | None = 20.0
    figure_text_overlap: float = 0.6  # share of a line's box inside a figure for the line to be its text


@dataclass(frozen=True)
class ChartOptions:
    """Charts and diagrams: vector charts found and read from drawings, raster charts read from
    images (after a cheap pre-check), vector diagrams."""

    classifier: ChartClassifierOptions = field(default_factory=ChartClassifierOptions)
    vector: VectorChartOptions = field(default_factory=VectorChartOptions)
    raster: RasterChartOptions = field(default_factory=RasterChartOptions)
    diagrams: DiagramOptions = field(default_factory=DiagramOptions)
    group: ChartGroupOptions = field(default_factory=ChartGroupOptions)  # the chart group's reader
