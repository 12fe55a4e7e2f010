"""Importing PyMuPDF without its optional layout model.

PyMuPDF 2.x imports ``pymupdf.layout`` (an ONNX layout model, ~3 s and ~100 MB) whenever
that package is installed. docparse does its own layout analysis, so the first import made
through :func:`load_pymupdf` skips it; a later explicit ``import pymupdf.layout`` still works.
Set ``DOCPARSE_PYMUPDF_LAYOUT=1`` to let PyMuPDF load it anyway.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType


def load_pymupdf() -> ModuleType:
    if "pymupdf" in sys.modules:
        return sys.modules["pymupdf"]
    if os.environ.get("DOCPARSE_PYMUPDF_LAYOUT") == "1" or "pymupdf.layout" in sys.modules:
        import pymupdf

        return pymupdf
    sys.modules["pymupdf.layout"] = None  # type: ignore[assignment]  # makes the import fail fast
    try:
        import pymupdf
    finally:
        if sys.modules.get("pymupdf.layout", 0) is None:
            del sys.modules["pymupdf.layout"]
    return pymupdf
