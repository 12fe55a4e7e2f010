"""Object streams measured before MuPDF decodes them (issue 21).

MuPDF decodes an object stream (``/Type/ObjStm``) in one native call whenever it needs an
object kept inside it – and, when it repairs a file whose xref is broken, every object stream
while *opening* it. A 1 GB Flate bomb there cost 10 s of native time per touch (16 GB behind
two Flate filters: minutes) that no deadline interrupts. Both ways in are measured first, with
the streams' own filter chains in Python under a cap (:func:`docparse.pages.streams.decoded_size`):

* :func:`check_raw_object_streams` – before MuPDF opens the file: every stream whose dictionary
  says ``/Type/ObjStm`` (the ones MuPDF's repair decodes), found in the file's bytes;
* :func:`check_unloaded_object_streams` – after MuPDF read the xref (and the password), before
  any object is loaded: every stream that the xref names as holding objects, whatever its
  dictionary says (MuPDF does not check ``/Type``), read raw through MuPDF (decrypted, not decoded).

One over ``max_object_stream_bytes`` refuses the file with :class:`LimitExceeded` naming the
object. Xref streams need no check: MuPDF reads only the entries ``/Size`` and ``/W`` ask for (at
most 8.4 million), whatever the stream would inflate to.
"""

from __future__ import annotations

import mmap
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Union

from docparse.errors import LimitExceeded
from docparse.pages.limits import human_bytes
from docparse.pages.streams import decoded_size, filter_chain

if TYPE_CHECKING:
    import pymupdf

RawSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]

_TYPE_NAME = re.compile(rb"/Type\s*/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2}){1,40})")
_OBJ_HEADER = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\b")
_STREAM = re.compile(rb"\bstream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]()]+|\d+\s+\d+\s+R)")
_LENGTH = re.compile(rb"/Length\s+(\d{1,15})(?![\d\s]*R)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_HEADER_WINDOW = 4096  # bytes searched back from /Type for the object's "N G obj"
_DICT_WINDOW = 1 << 16  # bytes searched forward from /Type for the stream keyword


def _unescape(name: bytes) -> bytes:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)


def _refuse(number: int, limit: int, name: str) -> LimitExceeded:
    return LimitExceeded(f"object stream {number} decodes to over {human_bytes(limit)}, the limit for one object "
                         "stream (max_object_stream_bytes); not opened", source=name)


@dataclass
class RawObjectStream:
    """One ``/Type/ObjStm`` stream found in the file's bytes."""

    number: int
    header: int  # offset of its "N G obj"
    filters: bytes  # the /Filter value (a name, an array, or a reference)
    data: bytes


@dataclass
class ObjectStreamCheck:
    """Object streams measured for one file: the offsets of those within the limit."""

    limit: int
    name: str
    measured: set[int] = field(default_factory=set)  # header offsets found within the limit


def _filters_of(raw: "bytes | mmap.mmap", value: bytes) -> str:
    """The /Filter value as text; a reference is looked up once in the file's bytes."""
    ref = re.fullmatch(rb"(\d+)\s+(\d+)\s+R", value.strip())
    if ref:
        target = re.search(rb"(?<!\d)" + ref.group(1) + rb"\s+" + ref.group(2) + rb"\s+obj\s*(\[[^\]]*\]|/[^\s/<>\[\]()]+)",
                           raw)
        value = target.group(1) if target else b""
    return _unescape(value).decode("latin-1")


def _raw_object_streams(raw: "bytes | mmap.mmap") -> Iterator[RawObjectStream]:
    for match in _TYPE_NAME.finditer(raw):
        if _unescape(match.group(1)) != b"ObjStm":
            continue
        start = max(0, match.start() - _HEADER_WINDOW)
        headers = list(_OBJ_HEADER.finditer(raw, start, match.start()))
        stream = _STREAM.search(raw, match.end(), match.end() + _DICT_WINDOW)
        if not headers or stream is None:
            continue  # not an object MuPDF can read as a stream
        header = headers[-1]
        dictionary = raw[header.end():stream.start()]
        data_start = stream.end()
        end = raw.find(b"endstream", data_start)
        length = _LENGTH.search(dictionary)
        data_end = max(end if end >= 0 else len(raw), data_start + int(length.group(1)) if length else 0)
        found = _FILTER.search(dictionary)
        yield RawObjectStream(number=int(header.group(1)), header=header.start(),
                              filters=found.group(1) if found else b"",
                              data=bytes(raw[data_start:min(data_end, len(raw))]))


def check_raw_object_streams(source: RawSource, limit: int, name: str) -> ObjectStreamCheck:
    """Measure every ``/Type/ObjStm`` stream in the file's bytes before MuPDF opens (and maybe
    repairs) it; raise :class:`LimitExceeded` for one that decodes past ``limit``."""
    check = ObjectStreamCheck(limit=limit, name=name)
    if isinstance(source, (bytes, bytearray, memoryview)):
        _measure_raw(bytes(source) if not isinstance(source, bytes) else source, check)
        return check
    try:
        with open(source, "rb") as fh:
            if os.fstat(fh.fileno()).st_size == 0:
                return check
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
                _measure_raw(raw, check)
    except OSError:  # unreadable now: opening it reports that
        return check
    return check


def _measure_raw(raw: "bytes | mmap.mmap", check: ObjectStreamCheck) -> None:
    try:
        _measure_each(raw, check)
    except LimitExceeded:
        raise
    except Exception:  # noqa: BLE001 - a scan that trips on a damaged file leaves it to MuPDF's open
        return


def _measure_each(raw: "bytes | mmap.mmap", check: ObjectStreamCheck) -> None:
    for found in _raw_object_streams(raw):
        size = decoded_size(found.data, filter_chain(_filters_of(raw, found.filters)), check.limit)
        if size > check.limit:
            raise _refuse(found.number, check.limit, check.name)
        check.measured.add(found.header)


def _entries(doc: "pymupdf.Document") -> Iterator[tuple[str, int]]:
    """(type, offset or object stream number) of every xref entry, without loading an object."""
    from docparse.pages.mupdf import load_pymupdf

    pymupdf = load_pymupdf()
    pdf = pymupdf._as_pdf_document(doc).m_internal  # noqa: SLF001 - the low-level document
    entry = pymupdf.mupdf.ll_pdf_get_xref_entry_no_null
    for xref in range(doc.xref_length()):
        item = entry(pdf, xref)
        yield item.type, item.ofs


def check_unloaded_object_streams(source: RawSource, check: ObjectStreamCheck, password: str | None) -> None:
    """:func:`check_object_streams` on a bare MuPDF document: only its xref is read (PyMuPDF's
    own open already loads the catalog, the outline and the info dictionary, which may sit in
    an object stream). A file MuPDF cannot open, or whose password is missing, is left to the
    real open, which reports it."""
    from docparse.pages.mupdf import load_pymupdf

    pymupdf = load_pymupdf()
    mupdf = pymupdf.mupdf
    data = bytes(source) if isinstance(source, (bytearray, memoryview)) else source
    try:
        if isinstance(data, bytes):
            stream = mupdf.fz_open_memory(mupdf.python_buffer_data(data), len(data))
        else:
            stream = mupdf.fz_open_file(os.fspath(data))
        pdf = mupdf.pdf_open_document_with_stream(stream)
        if mupdf.pdf_needs_password(pdf) and not (password and mupdf.pdf_authenticate_password(pdf, password)):
            return
        bare = pymupdf.Document(pdf)  # a wrapper only: no outline, metadata or page count read
    except Exception:  # noqa: BLE001 - unreadable here: the real open reports it
        return
    check_object_streams(bare, check)


def check_object_streams(doc: "pymupdf.Document", check: ObjectStreamCheck) -> None:
    """Measure every stream the xref names as holding objects, before any object in it is
    loaded; streams the raw check measured at the same offset are not measured again."""
    if not doc.is_pdf:
        return
    entries = list(_entries(doc))
    holders = sorted({ofs for kind, ofs in entries if kind == "o" and 0 < ofs < len(entries)})
    for number in holders:
        kind, offset = entries[number]
        if kind != "n" or offset in check.measured:
            continue  # not a plain object (MuPDF cannot load it as a stream), or measured already
        try:
            raw = doc.xref_stream_raw(number) or b""
            filters = doc.xref_get_key(number, "Filter")[1]
        except Exception:  # noqa: BLE001 - unreadable: MuPDF cannot decode it either
            continue
        if decoded_size(raw, filter_chain(filters), check.limit) > check.limit:
            raise _refuse(number, check.limit, check.name)
