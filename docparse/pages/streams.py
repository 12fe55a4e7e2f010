"""Decoding PDF streams in Python under a size cap, before MuPDF ever decodes them.

MuPDF decodes a stream whole, in one native call that no deadline can interrupt: a 27 KB
page content with ``/Filter [/FlateDecode /FlateDecode]`` inflates to 16 GiB, a 4 MB font
file to 3.6 GB. :func:`decoded_size` runs the stream's whole filter chain here, in small
chunks, and stops as soon as the output passes the cap, so a bomb costs milliseconds.

Filters with bounded or checked output are decoded (Flate, LZW, ASCIIHex, ASCII85,
RunLength); image codecs (DCT, JPX, JBIG2, CCITT) end the chain: their output is bounded by
the image's pixel size, which the pixel limit checks. An unknown filter ends the chain too.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from enum import Enum
from typing import Callable, Iterable, Iterator

CHUNK = 1 << 16  # bytes fed to or taken from one decoder at a time
_NAME = re.compile(r"/([A-Za-z0-9]+)")
_SPACE = re.compile(rb"\s+")


class Filter(Enum):
    FLATE = "flate"
    LZW = "lzw"
    HEX = "hex"
    A85 = "a85"
    RUN_LENGTH = "run_length"
    TERMINAL = "terminal"  # an image codec, encryption or a name we do not know: ends the chain


_FILTERS = {
    "FlateDecode": Filter.FLATE, "Fl": Filter.FLATE,
    "LZWDecode": Filter.LZW, "LZW": Filter.LZW,
    "ASCIIHexDecode": Filter.HEX, "AHx": Filter.HEX,
    "ASCII85Decode": Filter.A85, "A85": Filter.A85,
    "RunLengthDecode": Filter.RUN_LENGTH, "RL": Filter.RUN_LENGTH,
}


def filter_chain(value: str) -> list[Filter]:
    """The filters of a ``/Filter`` value (a name or an array of names), in decoding order."""
    return [_FILTERS.get(name, Filter.TERMINAL) for name in _NAME.findall(value or "")]


def _chunks(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), CHUNK):
        yield data[start:start + CHUNK]


def _inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Inflate piece by piece (never more than CHUNK out of one call); a damaged stream ends
    where it breaks, trailing bytes after the end of the stream are ignored."""
    inflater = zlib.decompressobj()
    try:
        for data in chunks:
            while data and not inflater.eof:
                out = inflater.decompress(data, CHUNK)
                data = inflater.unconsumed_tail
                if out:
                    yield out
                elif data:
                    break  # no progress on the input left
            if inflater.eof:
                return
        yield inflater.flush()
    except zlib.error:
        return


def _unhex(chunks: Iterable[bytes]) -> Iterator[bytes]:
    carry = b""
    for data in chunks:
        clean = carry + _SPACE.sub(b"", data.split(b">", 1)[0])
        even = len(clean) - len(clean) % 2
        try:
            yield binascii.unhexlify(clean[:even])
        except (binascii.Error, ValueError):
            return
        carry = clean[even:]
        if b">" in data:
            return


def _a85_group_end(clean: bytes) -> int:
    """Length of the longest prefix of whole groups (``z`` is a group of its own)."""
    end = 0
    count = 0
    for index, byte in enumerate(clean):
        if byte == 0x7A and count == 0:  # 'z'
            end = index + 1
            continue
        count += 1
        if count == 5:
            end, count = index + 1, 0
    return end


def _a85(chunks: Iterable[bytes]) -> Iterator[bytes]:
    carry = b""
    for data in chunks:
        final = b"~>" in data
        clean = carry + _SPACE.sub(b"", data.split(b"~>", 1)[0])
        end = len(clean) if final else _a85_group_end(clean)
        try:
            yield base64.a85decode(clean[:end])
        except ValueError:
            return
        carry = clean[end:]
        if final:
            return


def _run_length(chunks: Iterable[bytes]) -> Iterator[bytes]:
    pending = b""
    for data in chunks:
        data = pending + data
        out = bytearray()
        pos = 0
        while pos < len(data):
            length = data[pos]
            if length == 128:
                yield bytes(out)
                return
            need = length + 2 if length < 128 else 2
            if pos + need > len(data):
                break
            out += data[pos + 1:pos + need] if length < 128 else data[pos + 1:pos + 2] * (257 - length)
            pos += need
        pending = data[pos:]
        yield bytes(out)


def _lzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """LZW as PDF uses it (early change, 9-12 bit codes, 256 clears, 257 ends)."""
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]
    width, bits, nbits = 9, 0, 0
    previous: bytes | None = None
    for data in chunks:
        out = bytearray()
        for byte in data:
            bits = (bits << 8) | byte
            nbits += 8
            while nbits >= width:
                nbits -= width
                code = (bits >> nbits) & ((1 << width) - 1)
                if code == 256:
                    del table[258:]
                    width, previous = 9, None
                    continue
                if code == 257:
                    yield bytes(out)
                    return
                if code < len(table):
                    entry = table[code]
                elif previous is not None and code == len(table):
                    entry = previous + previous[:1]
                else:
                    yield bytes(out)
                    return
                out += entry
                if previous is not None and len(table) < 4096:
                    table.append(previous + entry[:1])
                previous = entry
                width = min(12, max(9, (len(table) + 1).bit_length()))
        bits &= (1 << nbits) - 1
        yield bytes(out)


_DECODERS: dict[Filter, Callable[[Iterable[bytes]], Iterator[bytes]]] = {
    Filter.FLATE: _inflate, Filter.LZW: _lzw, Filter.HEX: _unhex, Filter.A85: _a85,
    Filter.RUN_LENGTH: _run_length,
}


def decode_chunks(raw: bytes, filters: list[Filter]) -> Iterator[bytes]:
    """The decoded stream in pieces; decoding stops at the first terminal filter."""
    chunks: Iterable[bytes] = _chunks(raw)
    for kind in filters:
        if kind is Filter.TERMINAL:
            break
        chunks = _DECODERS[kind](chunks)
    return iter(chunks)


def decoded_size(raw: bytes, filters: list[Filter], cap: int) -> int:
    """Bytes the stream decodes to, counting at most a little over ``cap`` (a bomb stops
    early). A chain ending in a codec counts that codec's input."""
    total = 0
    for piece in decode_chunks(raw, filters):
        total += len(piece)
        if total > cap:
            break
    return total


def decoded_bytes(raw: bytes, filters: list[Filter], cap: int) -> tuple[bytes, bool]:
    """The decoded stream, cut at ``cap``; the flag says whether it was cut."""
    pieces: list[bytes] = []
    total = 0
    for piece in decode_chunks(raw, filters):
        pieces.append(piece)
        total += len(piece)
        if total > cap:
            return b"".join(pieces)[:cap], True
    return b"".join(pieces), False
