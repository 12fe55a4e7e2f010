"""Opening inputs: PDFs by content (not by extension), with passwords, limits and recovery.

* The kind of input comes from its bytes: a PDF header, PDF structure (a damaged file without
  its header), or an image signature. Anything else is refused whatever its name.
* Encrypted PDFs need ``OpenOptions.password``: :class:`PasswordRequired` otherwise.
* A broken page tree (no pages, or a bogus ``/Count`` of 1.4 billion) is rebuilt from the
  page objects still in the file; what was repaired is recorded in ``OpenedDocument.warnings``.
* MuPDF's own error printing is switched off while a document is open (and restored after);
  its warnings are collected instead.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Union

from docparse.config import LimitOptions, OpenOptions
from docparse.errors import InputError, LimitExceeded, PasswordRequired, UsageError, valid_text
from docparse.pages.mupdf import load_pymupdf
from docparse.pages.objstreams import check_raw_object_streams, check_unloaded_object_streams
from docparse.pages.recover import rebuild_page_tree

if TYPE_CHECKING:
    import pymupdf

Source = Union[str, os.PathLike, bytes, bytearray, memoryview]

HEAD_BYTES = 64 * 1024
TAIL_BYTES = 4 * 1024
MAX_OPEN_WARNINGS = 5

_IMAGE_MAGIC = {
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
    b"BM": "bmp",
    b"GIF8": "gif",
}
# PDF structure that survives a lost or mangled header: object headers, xref/trailer keywords.
_PDF_STRUCTURE = re.compile(rb"%PDF-|\d+\s+\d+\s+obj\b|startxref|trailer\s*<<|\bxref\s+\d")


def source_name(source: Source) -> str:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return str(source)


def sniff_kind(head: bytes, tail: bytes = b"") -> str:
    """'pdf', an image type, or 'unknown', from the first (and last) bytes of a file."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, kind in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if _PDF_STRUCTURE.search(head) or _PDF_STRUCTURE.search(tail):
        return "pdf"
    return "unknown"


@dataclass(frozen=True)
class Probe:
    head: bytes
    tail: bytes
    size: int


def _probe(source: Source, name: str) -> Probe:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = memoryview(source)
        return Probe(bytes(data[:HEAD_BYTES]), bytes(data[-TAIL_BYTES:]), len(data))
    if not isinstance(source, (str, os.PathLike)):
        raise UsageError(f"a source is a path or bytes, not {type(source).__name__}")
    path = Path(source)
    size = _regular_file_size(path, name)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            if size > HEAD_BYTES:
                fh.seek(max(size - TAIL_BYTES, HEAD_BYTES))
            tail = fh.read(TAIL_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=name) from None
    return Probe(head, tail, size)


def _regular_file_size(path: Path, name: str) -> int:
    """The size of a regular file; anything else (missing, a name the system refuses, a
    directory, a FIFO that would block forever, a device, a socket) is an :class:`InputError`."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("file not found", source=name) from None
    except (OSError, ValueError) as exc:  # a name over 255 bytes, an embedded NUL, no permission
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"cannot open file ({reason})", source=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file", source=name)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a FIFO, device or socket); not read", source=name)
    return info.st_size


@dataclass(frozen=True)
class MupdfMessages:
    """Whether MuPDF prints its errors and warnings, and PyMuPDF the tracebacks of exceptions
    it catches itself (``g_exceptions_verbose``): process-wide switches, saved and restored."""

    errors: bool
    warnings: bool
    exceptions_verbose: int = 0

    @classmethod
    def silence(cls) -> "MupdfMessages":
        """Switch printing off; returns the previous state for :meth:`restore`."""
        pymupdf = load_pymupdf()
        tools = pymupdf.TOOLS
        previous = cls(errors=bool(tools.mupdf_display_errors()),
                       warnings=bool(tools.mupdf_display_warnings()),
                       exceptions_verbose=int(getattr(pymupdf, "g_exceptions_verbose", 0)))
        tools.mupdf_display_errors(False)
        tools.mupdf_display_warnings(False)
        if hasattr(pymupdf, "g_exceptions_verbose"):
            setattr(pymupdf, "g_exceptions_verbose", 0)  # not in every PyMuPDF version
        return previous

    def restore(self) -> None:
        pymupdf = load_pymupdf()
        pymupdf.TOOLS.mupdf_display_errors(self.errors)
        pymupdf.TOOLS.mupdf_display_warnings(self.warnings)
        if hasattr(pymupdf, "g_exceptions_verbose"):
            setattr(pymupdf, "g_exceptions_verbose", self.exceptions_verbose)


@dataclass
class OpenedDocument:
    """A PyMuPDF document plus what we learnt while opening it."""

    doc: "pymupdf.Document"
    name: str
    kind: str  # 'pdf' or an image kind
    encrypted: bool = False
    warnings: list[str] = field(default_factory=list)  # document-level repairs and limits
    _messages: MupdfMessages | None = None

    @property
    def page_count(self) -> int:
        return self.doc.page_count

    def close(self) -> None:
        self.doc.close()

    def __enter__(self) -> "OpenedDocument":
        self._messages = MupdfMessages.silence()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.close()
        finally:
            if self._messages is not None:
                self._messages.restore()
                self._messages = None


def open_document(
    source: Source, options: OpenOptions, max_image_pixels: int = LimitOptions().max_image_pixels,
    *, max_object_stream_bytes: int = LimitOptions().max_object_stream_bytes,
) -> OpenedDocument:
    """Open a PDF or an image (images become image-only PDF pages to be OCRed). A PDF whose
    object streams decode past ``max_object_stream_bytes`` is refused before MuPDF decodes them."""
    name = source_name(source)
    probe = _probe(source, name)
    if probe.size == 0:
        raise InputError("file is empty (0 bytes)", source=name)
    if probe.size > options.max_file_bytes:
        raise LimitExceeded(
            f"file is {probe.size} bytes, over the limit of {options.max_file_bytes}", source=name
        )
    kind = sniff_kind(probe.head, probe.tail)
    if kind == "unknown":
        raise InputError("not a PDF or a supported image (checked by content)", source=name)
    messages = MupdfMessages.silence()
    try:
        if kind == "pdf":
            objstms = check_raw_object_streams(source, max_object_stream_bytes, name)
            check_unloaded_object_streams(source, objstms, options.password)
        return _open_kind(source, name, kind, options, max_image_pixels)
    finally:
        messages.restore()


def _open_kind(
    source: Source, name: str, kind: str, options: OpenOptions, max_image_pixels: int
) -> OpenedDocument:
    pymupdf = load_pymupdf()
    stream = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else None
    if kind != "pdf":
        check_frame_count(source, name, kind, options.max_pages)
        check_image_size(source, name, max_image_pixels)
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        if stream is not None:
            doc = pymupdf.open(stream=stream, filetype=kind)
        else:
            doc = pymupdf.open(str(source), filetype=kind)
    except Exception:  # noqa: BLE001 - PyMuPDF raises its own FileDataError/RuntimeError types
        reason = _last_warning(pymupdf.TOOLS.mupdf_warnings()) or "no readable objects"
        what = "PDF" if kind == "pdf" else f"{kind} image"
        raise InputError(f"not a readable {what}, damaged beyond repair ({reason})", source=name) from None
    warnings = _distinct(pymupdf.TOOLS.mupdf_warnings())
    encrypted = bool(doc.needs_pass)
    if encrypted:
        _authenticate(doc, name, options.password)
    if kind != "pdf":
        doc = _image_to_pdf(doc, name)
    doc, repaired = _ensure_pages(doc, name)
    warnings += repaired
    if doc.page_count > options.max_pages:
        warnings.append(f"document has {doc.page_count} pages; only the first {options.max_pages} "
                        f"are converted (max_pages)")
    return OpenedDocument(doc=doc, name=name, kind=kind, encrypted=encrypted,
                          warnings=warnings[: MAX_OPEN_WARNINGS + 2])


PASSWORD_MISSING = "password required (encrypted PDF); use --password"  # PasswordRequired's messages:
PASSWORD_WRONG = "wrong password for encrypted PDF"  # the service words them for its form field


def _authenticate(doc: "pymupdf.Document", name: str, password: str | None) -> None:
    if not password:
        doc.close()
        raise PasswordRequired(PASSWORD_MISSING, source=name)
    if not doc.authenticate(password):
        doc.close()
        raise PasswordRequired(PASSWORD_WRONG, source=name)


def _page_problem(doc: "pymupdf.Document") -> tuple[int, str]:
    """The page count and what is wrong with the page tree ('' when nothing)."""
    try:
        count = doc.page_count
        return count, "has no pages" if count < 1 else ""
    except Exception as exc:  # noqa: BLE001 - e.g. 'Invalid number of pages' (a bogus /Count)
        return 0, f"cannot be read ({_clean(exc)})"


def _reread_objects(doc: "pymupdf.Document") -> bool:
    """Make MuPDF read every object from the file again, ignoring its xref (a repair): an xref
    whose sections loop or lose objects left the page tree out. Its object streams were
    measured before the open (:mod:`docparse.pages.objstreams`). True if it ran."""
    if not doc.is_pdf or doc.needs_pass:
        return False
    pymupdf = load_pymupdf()
    try:
        pymupdf.mupdf.pdf_repair_xref(pymupdf._as_pdf_document(doc))  # noqa: SLF001 - the low-level document
    except Exception:  # noqa: BLE001 - nothing more to read
        return False
    return True


def _ensure_pages(doc: "pymupdf.Document", name: str) -> tuple["pymupdf.Document", list[str]]:
    """The document, or a copy with its page tree rebuilt when the tree is unreadable or empty
    (from the page objects found, after re-reading every object of the file if need be)."""
    count, problem = _page_problem(doc)
    if not problem:
        return doc, []
    recovered = rebuild_page_tree(doc) if doc.is_pdf and not doc.needs_pass else None
    if recovered is None and _reread_objects(doc):
        count, still = _page_problem(doc)
        if not still:
            return doc, [f"page tree {problem}; found {count} pages after re-reading every object of the file"]
        recovered = rebuild_page_tree(doc)
    if recovered is None:
        doc.close()
        raise InputError("document has no pages" if count == 0 and "no pages" in problem
                         else f"page tree {problem}; no page objects to recover", source=name)
    doc.close()
    pymupdf = load_pymupdf()
    fixed = pymupdf.open(stream=recovered.pdf_bytes, filetype="pdf")
    if fixed.page_count < 1:
        fixed.close()
        raise InputError("document has no pages", source=name)
    return fixed, [f"page tree {problem}; rebuilt from {recovered.pages} page objects found in the file"]


def tiff_frame_count(fh: BinaryIO, cap: int) -> int:
    """Frames in a TIFF (classic or BigTIFF), counted from the chain of image directories
    without decoding anything; stops past ``cap`` and at a directory seen before (a loop)."""
    head = fh.read(16)
    order = "<" if head[:2] == b"II" else ">"
    big = struct.unpack(order + "H", head[2:4])[0] == 43
    count_fmt, next_fmt, entry = ("Q", "Q", 20) if big else ("H", "I", 12)
    offset = struct.unpack(order + ("Q" if big else "I"), head[8:16] if big else head[4:8])[0]
    seen: set[int] = set()
    while offset and offset not in seen and len(seen) <= cap:
        seen.add(offset)
        fh.seek(offset)
        raw = fh.read(struct.calcsize(count_fmt))
        if len(raw) < struct.calcsize(count_fmt):
            break
        entries = struct.unpack(order + count_fmt, raw)[0]
        fh.seek(offset + len(raw) + entries * entry)
        raw = fh.read(struct.calcsize(next_fmt))
        offset = struct.unpack(order + next_fmt, raw)[0] if len(raw) == struct.calcsize(next_fmt) else 0
    return len(seen)


def check_frame_count(source: Source, name: str, kind: str, max_pages: int) -> None:
    """Refuse a TIFF with more frames than ``max_pages`` before any frame is decoded (a
    10,000-frame file took four minutes to convert before being refused)."""
    if kind != "tiff":
        return
    fh: BinaryIO = io.BytesIO(bytes(source)) if isinstance(source, (bytes, bytearray, memoryview)) else open(source, "rb")
    with fh:
        try:
            frames = tiff_frame_count(fh, max_pages)
        except (OSError, struct.error):
            return  # unreadable directories: the decoders decide
    if frames > max_pages:
        raise LimitExceeded(f"image has over {max_pages} frames, more than the page limit (max_pages)", source=name)


def check_image_size(source: Source, name: str, max_pixels: int) -> None:
    """Refuse an image input whose frames are too large to decode, from its header alone."""
    from PIL import Image

    fp = io.BytesIO(bytes(source)) if isinstance(source, (bytes, bytearray, memoryview)) else str(source)
    try:
        with Image.open(fp) as img:
            frames = getattr(img, "n_frames", 1)
            for index in range(min(frames, 10_000)):
                img.seek(index)
                width, height = img.size
                if width * height > max_pixels:
                    raise LimitExceeded(
                        f"image of {width}x{height} pixels is over the decode limit of {max_pixels} pixels",
                        source=name, page=index + 1 if frames > 1 else None,
                    )
    except LimitExceeded:
        raise
    except Exception:  # noqa: BLE001 - PIL cannot parse it; MuPDF decides next
        return


def _image_to_pdf(img_doc: "pymupdf.Document", name: str) -> "pymupdf.Document":
    """Turn an image document (multi-page TIFF included) into a PDF of image-only pages."""
    pymupdf = load_pymupdf()
    try:
        pdf_bytes = img_doc.convert_to_pdf()
    except Exception as exc:
        raise InputError(f"cannot decode image: {_clean(exc)}", source=name) from None
    finally:
        img_doc.close()
    return pymupdf.open(stream=pdf_bytes, filetype="pdf")


def _distinct(text: str) -> list[str]:
    lines = list(dict.fromkeys(ln.strip() for ln in (text or "").splitlines() if ln.strip()))
    return [f"MuPDF: {valid_text(ln[:200])}" for ln in lines[:MAX_OPEN_WARNINGS]]


def _last_warning(text: str) -> str:
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    return valid_text(lines[-1][:200]) if lines else ""


def _clean(exc: BaseException) -> str:
    text = valid_text(str(exc)).strip().replace("\n", " ")
    return text or type(exc).__name__
