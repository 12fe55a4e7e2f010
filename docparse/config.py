"""Options: one small dataclass per component, gathered in :class:`ParseOptions`.

Each options class is frozen and validated in ``__post_init__``; components receive only
their own options object.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import TypeVar

from docparse.errors import UsageError
from docparse.options.batch import BatchOptions
from docparse.options.charts import ChartOptions
from docparse.options.formulas import FormulaOptions
from docparse.options.layout import LayoutModelOptions, OcrFurnitureOptions, ReadingOrderOptions
from docparse.options.ocr import (
    DEFAULT_THREADS,
    OcrDecisionOptions,
    OcrLineOptions,
    PreprocessOptions,
    RapidOcrOptions,
    TesseractOptions,
)
from docparse.options.outputs import OutputOptions
from docparse.options.serve import ServeOptions
from docparse.options.tables import TableOptions
from docparse.options.vlm import LocalModelOptions, SummaryServerOptions, VlmRegionOptions, VlmServerOptions

E = TypeVar("E", bound=Enum)


def choice(enum: type[E], value: object, what: str) -> E:
    """``value`` as a member of ``enum``, else a :class:`UsageError` that lists the choices."""
    try:
        return enum(value)
    except ValueError:
        names = ", ".join(repr(e.value) for e in enum)
        raise UsageError(f"unknown {what} {value!r} (use {names})") from None


class RasterizerName(str, Enum):
    PYMUPDF = "pymupdf"
    POPPLER = "poppler"


class OcrEngineName(str, Enum):
    """The OCR engines (the one place their names are written)."""

    RAPIDOCR = "rapidocr"
    TESSERACT = "tesseract"


class OcrMode(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class ReaderMode(str, Enum):
    AUTO = "auto"
    NATIVE = "native"
    VLM = "vlm"


@dataclass(frozen=True)
class OpenOptions:
    password: str | None = None
    max_pages: int = 5000
    max_file_bytes: int = 2 * 1024**3

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise UsageError("max_pages must be >= 1")


@dataclass(frozen=True)
class RasterOptions:
    rasterizer: RasterizerName = RasterizerName.PYMUPDF
    dpi: int = 150
    max_pixels: int = 40_000_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "rasterizer", choice(RasterizerName, self.rasterizer, "rasterizer"))
        if not 20 <= self.dpi <= 1200:
            raise UsageError(f"dpi must be between 20 and 1200, got {self.dpi}")


@dataclass(frozen=True)
class LayoutOptions:
    """Region classification on born-digital pages."""

    detect_tables: bool = True
    detect_charts: bool = True
    margin_fraction: float = 0.09  # top/bottom band where running headers/footers live
    model: LayoutModelOptions = field(default_factory=LayoutModelOptions)  # tables/figures on OCR pages
    reading_order: ReadingOrderOptions = field(default_factory=ReadingOrderOptions)  # XY-cut thresholds


@dataclass(frozen=True)
class BlockRoleOptions:
    """Thresholds of the block-role rules (title, heading, list item, caption, footnote,
    running header/footer, page number) on text-layer pages. Sizes are ratios to the
    document's body size; positions are shares of the page height."""

    heading_size_ratio: float = 1.12  # a short block this much larger than the body is a heading
    title_size_ratio: float = 1.3  # the first page's largest size marks a title if this much larger
    max_title_sized_lines: int = 3  # more short lines at that size: it is a heading size, not a title's
    title_size_tolerance_pt: float = 0.6  # a block within this of the title size is the title
    ocr_title_size_tolerance: float = 0.08  # the same as a share of the title size on OCR pages
    title_top_fraction: float = 0.5  # the title starts in this top share of the first page
    title_search_regions: int = 3  # without a title-size block, the title is a heading among these first regions
    title_centre_tolerance: float = 0.05  # such a heading is centred if its middle is this share of the width off
    enumerated_heading_ratio: float = 1.06  # "(2) Scope" one line this much above body: a heading
    styled_heading_min_ratio: float = 0.85  # bold/italic headings are at least this large
    styled_heading_max_chars: int = 120  # and at most this long (and two lines)
    caps_heading_max_chars: int = 60  # an ALL-CAPS single line up to this long is a heading
    distinct_face_min_ratio: float = 0.97  # a one-line block in a face not the body's, this large or more,
    distinct_face_max_chars: int = 80  # this short and with at least
    distinct_face_min_letters: int = 4  # this many letters, is a heading (Type3 fonts carry no bold)
    footnote_size_ratio: float = 0.88  # footnotes are set at most this large
    footnote_top_fraction: float = 0.6  # and start below this share of the page height
    max_heading_chars: int = 200
    max_heading_lines: int = 3
    max_caption_lines: int = 8
    paragraph_gap_ratio: float = 0.75  # vertical gap (in line heights) that starts a new block
    band_slack: float = 0.03  # added to the layout margin fraction for the header/footer bands
    running_max_size_ratio: float = 1.05  # margin lines with a page number are at most this large
    small_head_size_ratio: float = 0.95  # a single smaller line above the text block is a running head
    lone_head_gap_lines: float = 1.5  # a plain top-margin line on a later page this many of its heights above the text
    title_head_min_share: float = 0.6  # a later page's plain top-margin line made of this share of the title's words
    title_head_max_ratio: float = 0.6  # or more, at most this share of the title's size, is a running head
    page_number_max_chars: int = 20
    low_number_top_fraction: float = 0.75  # a bare number below this share of the page height,
    page_number_centre_tolerance: float = 0.05  # centred (its middle this share of the width off),
    low_number_gap_lines: float = 1.0  # the page's lowest line, this many of its heights under the text: a page number
    cell_max_chars: int = 30  # a short line beside others this short on one baseline is a table cell
    cell_max_ems: float = 15.0  # and at most this many of its font sizes wide (CJK column lines have few chars)
    min_row_neighbours: int = 2  # when at least this many share its baseline
    row_overlap_share: float = 0.25  # a row-mate overlaps the line by this share of the lower height
    claimed_cell_reach: float = 6.0  # row-mates a table claimed count within this many font sizes sideways
    row_label_gap: float = 0.25  # short cells beside a line, just above and just below it (this share of its height
    # away at most): a row-group label centred on its rows, no heading
    row_label_reach: float = 8.0  # those cells lie at most this many font sizes beside it (not a table a column off)
    header_row_min_cells: int = 3  # a bold line right under a row of at least this many bold cells of its size
    header_row_gap: float = 1.5  # (at most this many of its heights below them) is a table's row label, no heading
    header_over_table_gap: float = 4.0  # a line this many of its heights or less over a table row it spans
    header_edge_ems: float = 1.0  # end to end (both ends within this many font sizes), cells' size: the header
    spilled_marker_share: float = 0.95  # a small top-band note whose number is set this much smaller than its text
    title_echo_size_ratio: float = 1.15  # a running text on page 1 this much larger than its repeats is the title
    # the learned block-role model (docparse/models/block_roles.json, trees over block_features) on
    # heading decisions: the rule learned_heading (docparse.regions.block_roles)
    learned_headings: bool = True  # ask the model where the heading rules decide heading vs body text
    learned_heading_min: float = 0.9  # a heading-shaped block the rules leave as text is a heading at this probability
    learned_body_max: float = 0.02  # a block the heading rules take stays body text at or below this probability
    byline_title_ratio: float = 1.25  # no title size known: a centred opening line this much larger than a
    byline_max_chars: int = 80  # centred plain line under it (only lines this short between) makes that a byline
    page_body_max_ratio: float = 0.85  # a page whose own commonest size is at most this share of the body size,
    page_body_min_share: float = 0.6  # on at least this share of its characters (and at least
    page_body_min_chars: int = 300  # this many), with at most
    page_body_max_doc_share: float = 0.15  # this share at the document's body size, is set in its own
    # smaller body (a brochure or solution-brief page in a report): its headings are larger than that

    def __post_init__(self) -> None:
        if self.heading_size_ratio <= 0 or self.title_size_ratio < self.heading_size_ratio:
            raise UsageError("heading_size_ratio must be > 0 and title_size_ratio >= heading_size_ratio")


@dataclass(frozen=True)
class OcrOptions:
    mode: OcrMode = OcrMode.AUTO
    engine: OcrEngineName = OcrEngineName.RAPIDOCR
    languages: tuple[str, ...] = ("eng",)
    dpi: int = 200
    # intra-op threads of every model session (ONNX Runtime: OCR, orientation, layout model, SLANet,
    # chart OCR; torch: a local VLM) and Tesseract's OMP threads. Nested ``threads`` fields (None)
    # inherit it; an explicit nested value wins (docparse.options.ocr.inherit_threads)
    threads: int = DEFAULT_THREADS
    rapid: RapidOcrOptions = field(default_factory=RapidOcrOptions)
    tesseract: TesseractOptions = field(default_factory=TesseractOptions)
    decision: OcrDecisionOptions = field(default_factory=OcrDecisionOptions)  # which pages need OCR
    preprocess: PreprocessOptions = field(default_factory=PreprocessOptions)  # scan clean-up first
    lines: OcrLineOptions = field(default_factory=OcrLineOptions)  # OCR lines -> text-layer lines

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", choice(OcrMode, self.mode, "OCR mode"))
        if isinstance(self.languages, str):
            object.__setattr__(self, "languages", tuple(x for x in self.languages.replace(",", "+").split("+") if x))
        try:
            object.__setattr__(self, "engine", OcrEngineName(self.engine))
        except ValueError:
            names = " or ".join(e.value for e in OcrEngineName)
            raise UsageError(f"unknown OCR engine {self.engine!r} (use {names})") from None
        if not 72 <= self.dpi <= 600 or self.threads < 1:
            raise UsageError("ocr dpi must be 72..600 and threads >= 1")


@dataclass(frozen=True)
class AssemblyOptions:
    remove_furniture: bool = True
    join_paragraphs: bool = True
    merge_cross_page_tables: bool = True
    # share of pages a running header/footer must appear on: of the pre-pass's sampled pages
    # (text layer) and of the OCR pages (docparse.assembly.furniture)
    min_repeat_fraction: float = 0.25
    ocr_furniture: OcrFurnitureOptions = field(default_factory=OcrFurnitureOptions)  # on OCR pages


@dataclass(frozen=True)
class VlmOptions:
    """The VLM reader: when it reads (``reader``), with what (a server at ``server_url`` or the
    checkpoint at ``model_path``; for a server, ``model_path`` names the served model), and the
    backend's settings (``local`` for a checkpoint, ``server`` for a server's requests)."""

    reader: ReaderMode = ReaderMode.AUTO
    model_path: str | None = None
    server_url: str | None = None
    local: LocalModelOptions = field(default_factory=LocalModelOptions)
    server: VlmServerOptions = field(default_factory=VlmServerOptions)
    regions: VlmRegionOptions = field(default_factory=VlmRegionOptions)  # crops, prompts
    summary: SummaryServerOptions = field(default_factory=SummaryServerOptions)  # abstractive summaries

    def __post_init__(self) -> None:
        object.__setattr__(self, "reader", choice(ReaderMode, self.reader, "reader"))


@dataclass(frozen=True)
class LimitOptions:
    page_timeout_s: float | None = 60.0
    file_timeout_s: float | None = 1800.0  # pages after it are recorded as not converted
    max_image_pixels: int = 100_000_000  # an embedded image larger than this is never decoded
    max_content_bytes: int = 128 * 1024**2  # a page's inflated content streams
    max_stream_bytes: int = 256 * 1024**2  # any one stream a page uses (font, image, form), decoded
    max_drawn_content_bytes: int = 1024**3  # content a page draws, each form counted per draw
    max_xobject_draws: int = 1_000_000  # XObjects a page draws, nested draws multiplied out
    max_xobject_depth: int = 32  # form XObjects nested deeper than this refuse the page
    max_object_stream_bytes: int = 64 * 1024**2  # one object stream (ObjStm), decoded; over it refuses the file
    isolate: bool = False  # parse()/Converter convert in a child process killed past the file limit
    isolate_grace_s: float = 30.0  # ... that long after file_timeout_s (the soft deadlines go first)

    def __post_init__(self) -> None:
        sizes = ("max_image_pixels", "max_content_bytes", "max_stream_bytes", "max_drawn_content_bytes",
                 "max_xobject_draws", "max_xobject_depth", "max_object_stream_bytes")
        for size in sizes:
            if getattr(self, size) < 1:
                raise UsageError(f"{size} must be >= 1")
        for name in ("page_timeout_s", "file_timeout_s"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                object.__setattr__(self, name, None)  # 0 or less: no limit


@dataclass(frozen=True)
class ParseOptions:
    pages: tuple[int, ...] | None = None  # 1-based page numbers; None = all
    open: OpenOptions = field(default_factory=OpenOptions)
    raster: RasterOptions = field(default_factory=RasterOptions)
    layout: LayoutOptions = field(default_factory=LayoutOptions)
    blocks: BlockRoleOptions = field(default_factory=BlockRoleOptions)
    ocr: OcrOptions = field(default_factory=OcrOptions)
    tables: TableOptions = field(default_factory=TableOptions)
    charts: ChartOptions = field(default_factory=ChartOptions)
    formulas: FormulaOptions = field(default_factory=FormulaOptions)
    assembly: AssemblyOptions = field(default_factory=AssemblyOptions)
    vlm: VlmOptions = field(default_factory=VlmOptions)
    limits: LimitOptions = field(default_factory=LimitOptions)
    output: OutputOptions = field(default_factory=OutputOptions)  # images, page images, page breaks (writers only)

    @classmethod
    def from_kwargs(cls, **kwargs: object) -> "ParseOptions":
        """Build options from flat keyword arguments (``password=…``, ``dpi=…``, ``ocr=…``).

        Every keyword must name exactly one field of one component; unknown keywords raise
        :class:`UsageError` instead of being swallowed.
        """
        top: dict[str, object] = {}
        parts: dict[str, dict[str, object]] = {}
        components = {f.name: f for f in fields(cls) if f.name != "pages"}
        aliases = {"ocr": ("ocr", "mode"), "reader": ("vlm", "reader"),
                   "vlm_model": ("vlm", "model_path"), "vlm_server": ("vlm", "server_url"),
                   "dpi": ("raster", "dpi"), "ocr_dpi": ("ocr", "dpi")}
        for key, value in kwargs.items():
            if key == "pages":
                top["pages"] = parse_page_spec(value) if isinstance(value, str) else (
                    tuple(value) if value is not None else None)  # type: ignore[arg-type]
                continue
            if key in components and not (key in aliases and isinstance(value, str)):  # ocr='never' is the alias
                top[key] = value
                continue
            if key in aliases:
                comp, name = aliases[key]
                parts.setdefault(comp, {})[name] = value
                continue
            owners = [name for name, f in components.items()
                      if key in {g.name for g in fields(f.default_factory())}]  # type: ignore[operator]
            if len(owners) != 1:
                raise UsageError(f"unknown option {key!r}")
            parts.setdefault(owners[0], {})[key] = value
        base = cls(**top)  # type: ignore[arg-type]
        updates = {comp: replace(getattr(base, comp), **vals) for comp, vals in parts.items()}
        return replace(base, **updates)


@dataclass(frozen=True)
class DocparseOptions:
    """The whole options tree: how each document is converted (``parse``: every component's
    options, the VLM backend's included), how a batch runs (``batch``: workers, resume, inputs,
    and its backend, chosen by the type of ``batch.backend``) and how the HTTP service runs
    (``serve``). The command line builds one; ``parse`` is what ``docparse.parse`` takes."""

    parse: ParseOptions = field(default_factory=ParseOptions)
    batch: BatchOptions = field(default_factory=BatchOptions)
    serve: ServeOptions = field(default_factory=ServeOptions)


def parse_page_spec(spec: str) -> tuple[int, ...]:
    """``"1-3,7"`` → ``(1, 2, 3, 7)``; raises :class:`UsageError` on nonsense."""
    pages: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                lo, hi = (int(x) for x in part.split("-", 1))
                if lo < 1 or hi < lo:
                    raise ValueError
                pages.extend(range(lo, hi + 1))
            else:
                n = int(part)
                if n < 1:
                    raise ValueError
                pages.append(n)
        except ValueError:
            raise UsageError(f"bad page range {part!r} (use e.g. 1-3,7)") from None
    if not pages:
        raise UsageError(f"empty page range {spec!r}")
    return tuple(dict.fromkeys(pages))
