"""Table options: the grid heuristics shared by detection and reading, detection on text-layer
pages, and reading table images on OCR pages (SLANet structure, ruled grids)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class GridOptions:
    """Tolerances in PDF points. ``None`` x/y variants take the general value in :meth:`resolve`."""

    snap_tolerance: float = 3.0
    snap_x_tolerance: float | None = None
    snap_y_tolerance: float | None = None
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    min_edge_length: float = 3.0
    max_rule_thickness: float = 3.0  # filled/stroked rects thinner than this are rulings
    min_column_gap: float = 4.0  # whitespace that may separate two text columns
    gap_size_ratio: float = 0.55  # word gap (in font sizes) that splits a line into cells
    value_gap_ratio: float = 0.35  # two numbers further apart than this (in word heights) are two cells, not one value
    wide_space_factor: float = 2.0  # inside a table, words this many times the table's own word space apart (and over value_gap_ratio of their height) are two cells
    max_spanning_fraction: float = 0.15  # share of rows allowed to cross a column gap
    soft_gap_ratio: float = 0.34  # whitespace crossed by ≤ this share of the flanking rows splits
    max_header_rows: int = 4
    flush_title_tolerance: float = 1.5  # a group title row spans the table when every stub label starts within this of its x (no indented items)

    def __post_init__(self) -> None:
        for name in ("snap_tolerance", "join_tolerance", "intersection_tolerance", "min_edge_length"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")

    def resolve(self) -> "GridOptions":
        """A copy with every ``None`` replaced by the general tolerance it defaults to."""
        return replace(
            self,
            snap_x_tolerance=self.snap_tolerance if self.snap_x_tolerance is None else self.snap_x_tolerance,
            snap_y_tolerance=self.snap_tolerance if self.snap_y_tolerance is None else self.snap_y_tolerance,
        )

    @property
    def snap_x(self) -> float:
        return self.snap_tolerance if self.snap_x_tolerance is None else self.snap_x_tolerance

    @property
    def snap_y(self) -> float:
        return self.snap_tolerance if self.snap_y_tolerance is None else self.snap_y_tolerance


@dataclass(frozen=True)
class TableDetectionOptions:
    grid: GridOptions = field(default_factory=GridOptions)
    min_cells: int = 4
    min_rule_length: float = 40.0
    rule_extent_tolerance: float = 12.0
    max_rule_stack_gap: float = 800.0
    min_borderless_rows: int = 3
    max_prose_words: int = 7  # a segment with more words and width is prose, not a cell
    max_median_words: float = 4.5
    min_column_fill: float = 0.3  # a column must be filled in this share of rows
    max_row_gap_ratio: float = 2.6  # gap between table rows, in row heights
    max_ocr_line_words: int = 6  # OCR pages: a "table" whose lines have more words (median) is prose
    header_label_overlap: float = 0.1  # a lone label above a booktabs header reaching this share of its height into the header line below is part of the header (centred over two lines)
    stub_column_max_gap: float = 8.0  # booktabs/zebra rules starting at the second column: an unruled label column ending this close left of them joins the table
    max_header_join_gap: float = 2.0  # rule-bounded header block over an unruled body: join across this gap, in body line heights
    min_gutter_lines: int = 3  # two-column pages: running-text lines on each side of a gutter before borderless tables are also sought per column
    max_gutter_crossing: float = 0.25  # share of those lines that may run across the gutter (a full-width paragraph, two lines read as one)
    top_rule_reach: float = 24.0  # a lone rule at most this far above a stack of column-group rules that end where it ends is that table's top rule (a table broken at a page foot right after its first rows)
    header_size_ratio: float = 1.6  # a line above a table's first rule whose height is over this many times the table's own median word height is prose, not a header line (a paragraph right above a table set in small type)
    max_label_words: int = 3  # a group label has at most this many words: a lone row-group label under a header block broken at a page foot, a column-group label ("2019") over a two-line header


@dataclass(frozen=True)
class ScanTableOptions:
    dpi: int = 200
    pad_pt: float = 3.0
    lift_haze: bool = True  # grey haze lifted before the structure model (the page is despeckled)
    threads: int | None = None  # SLANet's ONNX Runtime threads; None: ParseOptions.ocr.threads
    keep_lines: bool = True  # OCR lines, not single words, are matched into the cells
    rulings: bool = True  # a fully ruled grid is read from its ruling lines (OpenCV), not SLANet


@dataclass(frozen=True)
class ScanRulingOptions:
    dpi: int = 150
    min_line_fraction: float = 0.04  # of the crop's side: shorter strokes are text, not rulings
    max_thickness_pt: float = 3.0  # thicker strokes are filled bars or shading
    min_rulings: int = 3  # per direction, spanning most of the table, for a "grid" table
    span_fraction: float = 0.8  # a frame ruling crosses this share of the table
    anchor_tolerance_pt: float = 2.0  # a ruling's ends lie this close to the rulings they meet
    grid: GridOptions = GridOptions(snap_tolerance=3.0, join_tolerance=4.0, intersection_tolerance=4.0)


@dataclass(frozen=True)
class TableOptions:
    """Tables: detection on text-layer pages, reading table images on OCR pages."""

    detection: TableDetectionOptions = field(default_factory=TableDetectionOptions)
    scan: ScanTableOptions = field(default_factory=ScanTableOptions)  # SLANet on OCR pages
    rulings: ScanRulingOptions = field(default_factory=ScanRulingOptions)  # ruled grids on OCR pages
