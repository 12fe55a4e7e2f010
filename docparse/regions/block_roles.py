"""Block roles on text-layer pages: a list of small named rules over one block's facts.

:func:`classify_block` computes a block's facts once (:class:`BlockFacts`: text, size against
the body, bands, style, numbering) and asks the rules in order; the first that answers gives
the block's kind (and a heading's level). Every threshold is a field of
:class:`~docparse.config.BlockRoleOptions` (``ParseOptions.blocks``). The facts are in
:mod:`docparse.regions.block_facts`, the page-furniture rules in :mod:`docparse.regions.block_furniture`;
this module holds the caption, title, heading and body rules and their order (:data:`RULES`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docparse.config import BlockRoleOptions
from docparse.document import RegionKind
from docparse.models.trees import TreeEnsemble
from docparse.options.formulas import FormulaOptions
from docparse.pages.analysis import BBox, Line, PageAnalysis
from docparse.pages.context import normalize_running
from docparse.pages.document_context import DocumentContext
from docparse.regions.block_cues import (
    _BYLINE_RE,
    BULLET_CHARS,
    CAPTION_RE,
    CODE_LABEL_RE,
    CONTENTS_ENTRY_RE,
    FOOTNOTE_SENTENCE_RE,
    LEGAL_LINE_RE,
    _all_caps,
    _outline_level,
    _title_case,
    heading_level,
    leading_number_smaller,
)
from docparse.regions.block_facts import FOOTNOTE_MARKS, BlockFacts, Role, Rule
from docparse.regions.block_furniture import (
    is_title_echo,
    legal_footer,
    line_beside_page_number,
    lone_top_line,
    lowest_centred_number,
    margin_line_with_number,
    margin_page_number,
    rotated_margin_text,
    running_text,
    small_running_head,
    title_running_head,
)
from docparse.regions.formulas import prose_words

_FORMULAS = FormulaOptions()  # the prose-word threshold shared with the display formula finder


# -- captions, title, headings ------------------------------------------------------------------


def caption(f: BlockFacts) -> Role | None:
    if CAPTION_RE.match(f.text) and len(f.block) <= f.settings.max_caption_lines:
        return RegionKind.CAPTION, None
    return None


def contents_entry(f: BlockFacts) -> Role | None:
    """A contents line names a heading; it is not one."""
    return (RegionKind.PARAGRAPH, None) if CONTENTS_ENTRY_RE.search(f.text) else None


def stamped_code(f: BlockFacts) -> Role | None:
    """A large document code stamped on the page ("B-1191"): no title and no heading; furniture
    in the top band, text elsewhere."""
    if len(f.block) != 1 or f.size < f.body * f.settings.heading_size_ratio or not CODE_LABEL_RE.match(f.text):
        return None
    return (RegionKind.PAGE_HEADER if f.in_top else RegionKind.PARAGRAPH), None


def title_by_size(f: BlockFacts) -> Role | None:
    """The first page's block at the document's title size, in the top half."""
    title_size = f.context.fonts.title_size
    if f.page.number != 1 or not title_size or not f.short:
        return None
    tolerance = (f.settings.ocr_title_size_tolerance * title_size if f.page.ocr  # OCR sizes: ink height
                 else f.settings.title_size_tolerance_pt)
    if abs(f.size - title_size) > tolerance or f.bbox[1] >= f.page.height * f.settings.title_top_fraction:
        return None
    if _outline_level(f.text, f.context) is not None:
        return None
    return RegionKind.TITLE, 1


def running_echo_byline(f: BlockFacts) -> Role | None:
    """A first-page line below the margin that the other pages repeat as their running text,
    at about their size: the author or journal line a paper's running head repeats, no heading."""
    if f.page.number != 1 or f.in_band or is_title_echo(f) or len(f.block) > 2:
        return None
    return (RegionKind.PARAGRAPH, None) if normalize_running(f.text) in f.context.running_texts else None


def _centred(f: BlockFacts, bbox: BBox) -> bool:
    return abs((bbox[0] + bbox[2]) / 2 - f.page.width / 2) <= f.settings.title_centre_tolerance * f.page.width


def _opening_line_above(f: BlockFacts) -> bool:
    """Without a document title size (the title shares its size with the bold section
    headings): the page's first line below the top band is centred, this much larger than the
    block, and only short centred lines stand between them (a title, then author and date)."""
    lines = sorted((line for line in f.page.lines if line.bbox[1] > f.band_edge_top and line.text.strip()),
                   key=lambda line: line.bbox[1])
    if not lines or lines[0].bbox[3] > f.bbox[1] or not _centred(f, lines[0].bbox):
        return False
    if lines[0].size < f.size * f.settings.byline_title_ratio:
        return False
    between = [line for line in lines[1:] if line.bbox[3] <= f.bbox[1]]
    return all(_centred(f, line.bbox) and len(line.text.strip()) <= f.settings.byline_max_chars for line in between)


def _title_line_above(f: BlockFacts) -> bool:
    """A line at the document's title size sits above the block on its page."""
    title_size = f.context.fonts.title_size
    if not title_size:
        return _opening_line_above(f)
    return any(abs(line.size - title_size) <= f.settings.title_size_tolerance_pt and line.bbox[3] <= f.bbox[1]
               for line in f.page.lines)


def title_byline(f: BlockFacts) -> Role | None:
    """A centred plain line under the title on the first page (LaTeX's \\author and \\date set
    large): the byline or date, no heading."""
    if f.page.number != 1 or f.bold or len(f.block) > 2 or f.numbered:
        return None
    if not _centred(f, f.bbox):
        return None
    if f.bbox[1] >= f.page.height * f.settings.title_top_fraction or not _title_line_above(f):
        return None
    return RegionKind.PARAGRAPH, None


def _enumerated_heading(f: BlockFacts) -> bool:
    """"(2) Scope" set on one line a step above the body size: a numbered heading, not a list item."""
    return f.bullet and len(f.block) == 1 and f.size >= f.body * f.settings.enumerated_heading_ratio and (
        len(f.text) <= 80 and not f.dingbat and f.first.lstrip()[:1] not in BULLET_CHARS + "-–—*")


def _heading_shaped(f: BlockFacts) -> bool:
    """Short, no sentence end, has letters, is no plain list item and no formula."""
    looks = f.short and not f.text.endswith((".", ",", ";")) and any(c.isalpha() for c in f.text)
    plain_item = f.bullet and not f.numbered and not _enumerated_heading(f)
    return looks and not plain_item and not f.math and not f.in_cell_row and not _colon_label(f) and (
        not f.under_header_row) and not f.header_over_claimed_row


def _colon_label(f: BlockFacts) -> bool:
    """"NOTES:", "Source:" at about body size: a label that introduces the text beside or
    under it, not a section heading (a larger line ending in a colon may still be one)."""
    return f.text.rstrip().endswith(":") and f.size < f.body * f.settings.heading_size_ratio


def footnote_sentence(f: BlockFacts) -> Role | None:
    """"2 Converted at average exchange rates for the period." in small print in the bottom
    band: a numbered note (a sentence), even where the same note recurs on every page."""
    if not f.in_bottom or f.size > f.body * f.settings.footnote_size_ratio:
        return None
    if FOOTNOTE_SENTENCE_RE.match(f.text) and not LEGAL_LINE_RE.search(f.text):
        return RegionKind.FOOTNOTE, None
    return None


def spilled_footnote(f: BlockFacts) -> Role | None:
    """A note run over to the top of the next page ("5 The northern region exceeded expectations
    despite higher input costs." alone above the text): small print, a numbered sentence, its
    number set smaller than its text or raised; a running head reads no such sentence."""
    if not f.in_top or f.size > f.body * f.settings.footnote_size_ratio:
        return None
    if not FOOTNOTE_SENTENCE_RE.match(f.text) or LEGAL_LINE_RE.search(f.text):
        return None
    if f.footnote_marked or leading_number_smaller(f.block[0], f.settings.spilled_marker_share):
        return RegionKind.FOOTNOTE, None
    return None


def _italic_title(f: BlockFacts) -> bool:
    """Italic alone marks too much (bylines, quotes): an italic heading is numbered or Title Cased."""
    if not (all(line.italic for line in f.block) and len(f.block) == 1):
        return False
    text = f.text
    return f.numbered or _title_case(text) and 2 <= len(text.split()) <= 8 and text[-1:].isalpha() and (
        not _BYLINE_RE.search(text))


def _big_on_small_page(f: BlockFacts) -> bool:
    """Larger than the page's own smaller body (a brochure page's "Highlights" at 9.4 pt over
    7.4 pt text in a 10 pt report), outside the margin bands."""
    page_body = None if f.in_band else f.page_body
    return page_body is not None and f.size >= page_body * f.settings.heading_size_ratio


def heading_by_type(f: BlockFacts) -> Role | None:
    """Larger than the body, an enumerated line a step above it, or bold/italic at about body size."""
    if not _heading_shaped(f):
        return None
    big = f.size >= f.body * f.settings.heading_size_ratio or _big_on_small_page(f)
    styled = (f.bold or _italic_title(f)) and f.size >= f.body * f.settings.styled_heading_min_ratio and (
        len(f.text) <= f.settings.styled_heading_max_chars and len(f.block) <= 2)
    if big or _enumerated_heading(f) or styled:
        return RegionKind.HEADING, heading_level(f.text, f.context, f.page.number)
    return None


def distinct_face_heading(f: BlockFacts) -> Role | None:
    """One short line set in a face of its own, not the body's, at least at body size and
    without a sentence end: a heading whose weight the PDF does not tell (Type3 fonts, italic
    run-in levels)."""
    body_font = f.context.fonts.body_font
    fonts = {s.font for line in f.block for s in line.spans if s.text.strip()}
    if len(f.block) != 1 or body_font is None or body_font in fonts or len(fonts) != 1 or not _heading_shaped(f):
        return None
    if f.size < f.body * f.settings.distinct_face_min_ratio or len(f.text) > f.settings.distinct_face_max_chars:
        return None
    if f.text.rstrip().endswith((":", "!", "?")) or sum(c.isalpha() for c in f.text) < f.settings.distinct_face_min_letters:
        return None
    if not (f.text[:1].isupper() or f.text[:1].isdigit()) or f.block[0].italic and not _italic_title(f):
        return None  # a heading starts with a capital or its number; a known italic face must read as a title
    return RegionKind.HEADING, heading_level(f.text, f.context, f.page.number)


def caps_heading(f: BlockFacts) -> Role | None:
    """An ALL-CAPS single short line (or a numbered one on two lines)."""
    if not _heading_shaped(f) or not _all_caps(f.text):
        return None
    if len(f.block) == 1 and len(f.text) <= f.settings.caps_heading_max_chars or f.numbered and len(f.block) <= 2:
        return RegionKind.HEADING, heading_level(f.text, f.context, f.page.number)
    return None


_BYLINE_WORD_RE = re.compile(r"(^|\s)(by|von|par|por)\s", re.IGNORECASE)  # "Prepared by the Review Unit, 2016"


def learned_heading(f: BlockFacts) -> Role | None:
    """Heading or body text by the learned model (``ParseOptions.blocks.learned_headings``) where
    it is sure and the heading rules below disagree: a block they take as a heading stays text
    at a low probability, a heading-shaped block they leave is a heading at a high one. Where
    they agree, or the model is unsure, the rules' answer stands. The model reads sizes against
    the document's body: a block large on a page set in its own smaller body keeps the rules'
    answer."""
    if f.model is None or not f.settings.learned_headings:
        return None
    by_rules = next((role for rule in HEADING_RULES if (role := rule(f)) is not None), None)
    if by_rules is not None and f.heading_probability <= f.settings.learned_body_max and not _big_on_small_page(f):
        return next((role for rule in BODY_RULES if (role := rule(f)) is not None), (RegionKind.PARAGRAPH, None))
    if by_rules is None and _model_candidate(f) and f.heading_probability >= f.settings.learned_heading_min:
        return RegionKind.HEADING, heading_level(f.text, f.context, f.page.number)
    return by_rules


def _model_candidate(f: BlockFacts) -> bool:
    """A block the model may make a heading: short, with letters, no sentence end, no formula and
    no plain list item, no table header or row label a table left outside (the row-of-cells cue is
    the model's to weigh)."""
    plain_item = f.bullet and not f.numbered and not _enumerated_heading(f)
    return f.short and any(c.isalpha() for c in f.text) and not f.text.endswith((".", ",", ";")) and not (
        f.math or plain_item or _BYLINE_WORD_RE.search(f.text) or f.under_header_row or f.header_over_claimed_row)


# -- body ---------------------------------------------------------------------------------------


def footnote(f: BlockFacts) -> Role | None:
    """"3) Amended in 2020…" in small print at the foot of the page."""
    if f.size > f.body * f.settings.footnote_size_ratio or f.bbox[1] <= f.page.height * f.settings.footnote_top_fraction:
        return None
    if f.first.lstrip()[:1] in FOOTNOTE_MARKS + "0123456789" or f.footnote_marked:
        return RegionKind.FOOTNOTE, None
    return None


def list_item(f: BlockFacts) -> Role | None:
    return (RegionKind.LIST_ITEM, None) if f.bullet else None


def formula(f: BlockFacts) -> Role | None:
    """Math throughout, not a sentence with inline math ("Let x_i + α ≤ β hold for all i")."""
    return (RegionKind.FORMULA, None) if f.math and prose_words(f.block) < _FORMULAS.prose_row_words else None


HEADING_RULES: tuple[Rule, ...] = (heading_by_type, caps_heading, distinct_face_heading)
BODY_RULES: tuple[Rule, ...] = (footnote, list_item, formula)
RULES: tuple[Rule, ...] = (
    rotated_margin_text, footnote_sentence, running_text, spilled_footnote, margin_page_number, lowest_centred_number,
    margin_line_with_number, line_beside_page_number,
    small_running_head, lone_top_line, title_running_head,
    legal_footer, caption, contents_entry, stamped_code, title_by_size, running_echo_byline, title_byline, learned_heading, heading_by_type, caps_heading,
    distinct_face_heading, footnote,
    list_item, formula,
)


def classify_block(
    block: Sequence[Line], page: PageAnalysis, context: DocumentContext, settings: BlockRoleOptions,
    rules: Sequence[Rule] = RULES, peers: Sequence[Line] | None = None, model: TreeEnsemble | None = None,
) -> Role:
    """The first rule's answer for the block; a paragraph when none answers. ``peers``: the
    page's unclaimed lines (a table's or chart's own lines are no neighbours); ``model``: the
    learned block-role model (:meth:`TreeEnsemble.load`), read where the options ask for it."""
    facts = BlockFacts(block, page, context, settings, peers, model)

    for rule in rules:
        role = rule(facts)
        if role is not None:
            return role
    return RegionKind.PARAGRAPH, None
