"""Summary options (``ParseOptions.output.summary``): the evidence the language detector needs,
the thresholds of the document-type tests and the title rules (docparse.renderers.language,
.doctype, .doctitle)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LanguageOptions:
    """Evidence the detector needs before it names a language."""

    min_script_share: float = 0.3  # share of letters in one non-Latin script that names its language
    min_kana_share: float = 0.05  # share of kana letters that makes Han text Japanese
    min_tokens: int = 3  # fewer Latin-script tokens than this: no language
    min_hits: int = 2  # common-word hits the best language needs
    min_lead: float = 1.5  # best hits / runner-up hits
    min_hit_share: float = 0.02  # best hits / tokens, for texts of more than short_text tokens
    short_text: int = 60  # below this many tokens the share test is skipped (invoices, forms)
    lorem_share: float = 0.02  # share of Lorem ipsum words that marks placeholder text


@dataclass(frozen=True)
class DocumentTypeOptions:
    """Thresholds of the layout tests and the cue scoring."""

    data_sheet_table_share: float = 0.6  # words in tables / all words
    strong_cue: float = 3.0  # a cue score this high (an invoice's title) wins over the table share
    slide_landscape_share: float = 0.6  # share of landscape pages (width > 1.2 × height)
    slide_words_per_page: float = 150.0  # … and fewer words a page than this: a slide deck
    slide_bonus: float = 6.0  # score the slide test adds to slide_deck
    report_min_pages: int = 3  # a document of this many pages or more leans to report …
    report_pages_bonus: float = 1.0  # … by this much
    book_min_pages: int = 40  # a document this long leans to manual/book …
    book_bonus: float = 3.0  # … by this much
    min_score: float = 1.5  # below this the type is "report" for documents of several pages, else "other"


@dataclass(frozen=True)
class TitleOptions:
    """How the summary finds the document's title (docparse.renderers.doctitle)."""

    size_tolerance: float = 0.1  # two title lines: font sizes within this share of the larger one
    align_tolerance: float = 6.0  # … centres or left edges within this many points
    max_gap: float = 1.0  # … the gap between them at most this many times the font size
    max_lines: int = 3  # a title joined from at most this many regions
    title_pages: int = 2  # a title region on these first pages wins over a differing metadata title
    header_band: float = 0.1  # top share of the page where a running header sits
    excerpt_min_words: int = 3  # a one-page excerpt's header/footer with this many words can be its title
    min_letter_share: float = 0.6  # … and at least this share of its characters letters


@dataclass(frozen=True)
class SummaryOptions:
    """How ``OUT/<stem>.summary.json`` decides the language, the document type and the title."""

    language: LanguageOptions = field(default_factory=LanguageOptions)
    types: DocumentTypeOptions = field(default_factory=DocumentTypeOptions)
    title: TitleOptions = field(default_factory=TitleOptions)
