"""Document assembly, in order: running texts of OCR pages, heading levels, captions, list
nesting, split paragraphs, cross-page tables."""

from __future__ import annotations

from docparse.assembly.captions import attach_captions
from docparse.assembly.furniture import mark_ocr_running_texts
from docparse.assembly.headings import normalize_heading_levels, promote_title
from docparse.assembly.lists import nest_list_items
from docparse.assembly.paragraphs import mark_continuations
from docparse.assembly.tables import merge_cross_page_tables
from docparse.config import AssemblyOptions, BlockRoleOptions
from docparse.document import Document


def assemble_document(document: Document, options: AssemblyOptions,
                      roles: BlockRoleOptions | None = None) -> Document:
    if options.remove_furniture:
        mark_ocr_running_texts(document, options)
    promote_title(document, roles or BlockRoleOptions())
    normalize_heading_levels(document)
    for page in document.pages:
        attach_captions(page)
        nest_list_items(page)
    if options.join_paragraphs:
        mark_continuations(document)
    if options.merge_cross_page_tables:
        merge_cross_page_tables(document)
    return document
