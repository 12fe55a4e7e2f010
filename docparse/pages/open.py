"""Opening inputs: PDFs by content (not by extension), with passwords and limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

from docparse.config import OpenOptions
from docparse.errors import InputError, LimitExceeded, PasswordRequired
from docparse.pages.mupdf import load_pymupdf

if TYPE_CHECKING:
    import pymupdf

Source = Union[str, os.PathLike, bytes, bytearray, memoryview]

_IMAGE_MAGIC = {
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
    b"BM": "bmp",
    b"GIF8": "gif",
}


def source_name(source: Source) -> str:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return str(source)


def sniff_kind(head: bytes) -> str:
    """'pdf', an image type, or 'unknown', from the first bytes of a file."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, kind in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return "unknown"


def _read_head(source: Source, name: str) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source[:1024])
    path = Path(source)
    if not path.exists():
        raise InputError("file not found", source=name)
    if path.is_dir():
        raise InputError("is a directory, not a file", source=name)
    try:
        with path.open("rb") as fh:
            return fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=name) from None


@dataclass
class OpenedDocument:
    """A PyMuPDF document plus what we learnt while opening it."""

    doc: "pymupdf.Document"
    name: str
    kind: str  # 'pdf' or an image kind
    encrypted: bool = False

    @property
    def page_count(self) -> int:
        return self.doc.page_count

    def close(self) -> None:
        self.doc.close()

    def __enter__(self) -> "OpenedDocument":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_document(source: Source, options: OpenOptions) -> OpenedDocument:
    """Open a PDF or an image (images become one-page documents to be OCRed)."""
    pymupdf = load_pymupdf()

    name = source_name(source)
    head = _read_head(source, name)
    if not head:
        raise InputError("file is empty (0 bytes)", source=name)
    if not isinstance(source, (bytes, bytearray, memoryview)):
        size = Path(source).stat().st_size
        if size > options.max_file_bytes:
            raise LimitExceeded(
                f"file is {size} bytes, over the limit of {options.max_file_bytes}", source=name
            )
    kind = sniff_kind(head)
    if kind == "unknown":
        raise InputError("not a PDF or a supported image (checked by content)", source=name)
    stream = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else None
    try:
        if kind == "pdf":
            doc = pymupdf.open(stream=stream, filetype="pdf") if stream is not None else pymupdf.open(
                str(source), filetype="pdf")
        else:
            doc = pymupdf.open(stream=stream, filetype=kind) if stream is not None else pymupdf.open(
                str(source), filetype=kind)
    except Exception as exc:  # PyMuPDF raises its own FileDataError/RuntimeError types
        raise InputError(f"cannot open: {_clean(exc)}", source=name) from None
    encrypted = bool(doc.needs_pass)
    if encrypted:
        if not options.password:
            doc.close()
            raise PasswordRequired("password required (encrypted PDF); use --password", source=name)
        if not doc.authenticate(options.password):
            doc.close()
            raise PasswordRequired("wrong password for encrypted PDF", source=name)
    if kind != "pdf":
        doc = _image_to_pdf(doc, name)
    try:
        count = doc.page_count
    except Exception as exc:
        doc.close()
        raise InputError(f"cannot read page tree: {_clean(exc)}", source=name) from None
    if count < 1:
        doc.close()
        raise InputError("document has no pages", source=name)
    return OpenedDocument(doc=doc, name=name, kind=kind, encrypted=encrypted)


def _image_to_pdf(img_doc: "pymupdf.Document", name: str) -> "pymupdf.Document":
    """Turn an image document (multi-page TIFF included) into a PDF of image-only pages."""
    import pymupdf

    try:
        pdf_bytes = img_doc.convert_to_pdf()
    except Exception as exc:
        raise InputError(f"cannot decode image: {_clean(exc)}", source=name) from None
    finally:
        img_doc.close()
    return pymupdf.open(stream=pdf_bytes, filetype="pdf")


def _clean(exc: BaseException) -> str:
    text = str(exc).strip().replace("\n", " ")
    return text or type(exc).__name__
