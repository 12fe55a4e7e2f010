"""Recovering a PDF whose page tree is broken: the pages are still there, the tree is not.

Fuzzed and damaged files often keep intact ``/Type /Page`` objects behind a ``/Pages`` tree
that is missing, cyclic, or claims 1.4 billion pages. Like pdf.js, we rebuild a flat tree from
the page objects found in the file (inheritable keys copied from their old parents) and reopen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf

MAX_OBJECTS_SCANNED = 500_000
MAX_PARENT_DEPTH = 32
INHERITABLE = ("MediaBox", "CropBox", "Resources", "Rotate")


@dataclass(frozen=True)
class RecoveredTree:
    pdf_bytes: bytes
    pages: int


def find_page_objects(doc: "pymupdf.Document", limit: int = MAX_OBJECTS_SCANNED) -> list[int]:
    """Xrefs of every object whose ``/Type`` is ``/Page``, in file order."""
    found: list[int] = []
    for xref in range(1, min(doc.xref_length(), limit)):
        try:
            kind, value = doc.xref_get_key(xref, "Type")
        except Exception:  # noqa: BLE001 - a damaged object is skipped
            continue
        if kind == "name" and value == "/Page":
            found.append(xref)
    return found


def _parent_of(doc: "pymupdf.Document", xref: int) -> int | None:
    kind, value = doc.xref_get_key(xref, "Parent")
    if kind != "xref":
        return None
    try:
        return int(value.split()[0])
    except (ValueError, IndexError):
        return None


def inherited_value(doc: "pymupdf.Document", xref: int, key: str) -> str | None:
    """``key`` of a page object, or of its nearest ancestor that has it (bounded, cycle-safe)."""
    seen: set[int] = set()
    current: int | None = xref
    for _ in range(MAX_PARENT_DEPTH):
        if current is None or current in seen:
            return None
        seen.add(current)
        try:
            kind, value = doc.xref_get_key(current, key)
            if kind not in ("null", ""):
                return value
            current = _parent_of(doc, current)
        except Exception:  # noqa: BLE001
            return None
    return None


def rebuild_page_tree(doc: "pymupdf.Document") -> RecoveredTree | None:
    """A copy of ``doc`` with a flat page tree over the page objects found; None if none."""
    pages = find_page_objects(doc)
    if not pages:
        return None
    try:
        for xref in pages:
            for key in INHERITABLE:
                kind, _ = doc.xref_get_key(xref, key)
                if kind in ("null", ""):
                    value = inherited_value(doc, xref, key)
                    if value is not None:
                        doc.xref_set_key(xref, key, value)
        tree = doc.get_new_xref()
        kids = " ".join(f"{x} 0 R" for x in pages)
        doc.update_object(tree, f"<</Type/Pages/Kids[{kids}]/Count {len(pages)}>>")
        for xref in pages:
            doc.xref_set_key(xref, "Parent", f"{tree} 0 R")
        catalog = doc.get_new_xref()
        doc.update_object(catalog, f"<</Type/Catalog/Pages {tree} 0 R>>")
        doc.xref_set_key(-1, "Root", f"{catalog} 0 R")
        return RecoveredTree(pdf_bytes=doc.tobytes(), pages=len(pages))
    except Exception:  # noqa: BLE001 - not recoverable after all
        return None
