"""Reading ``.zip`` and ``.tar(.gz|.bz2|.xz)`` archives as streams, never extracting to disk.

Members are checked before anything is read: no absolute paths, no ``..``, no links or device
files, and limits on member size, total size, member count and compression ratio (archive
bombs). Reads are bounded: a member that inflates past its declared size is cut off and refused.
"""

from __future__ import annotations

import struct
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, Callable, Iterator, cast

from docparse.errors import InputError, LimitExceeded
from docparse.options.batch import ArchiveLimits

_STREAM_ERRORS = (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError)
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchiveMember:
    name: PurePosixPath  # safe relative path inside the archive
    size: int  # declared uncompressed size


@dataclass(frozen=True)
class MemberProblem:
    """A member that was refused (unsafe path, link, too large) — the rest still converts."""

    name: str
    message: str
    over_limit: bool = False  # a size/ratio limit (archive bomb), not a bad path or link


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(suffix) for suffix in ARCHIVE_SUFFIXES)


def sniff_archive(head: bytes) -> str | None:
    """'zip', 'tar' or None from the first bytes (tar: compressed or with the ustar magic)."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")):
        return "tar"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    return None


def escape_name(text: str) -> str:
    """A file or member name as text: bytes that are not UTF-8 (a surrogate-escaped ``str`` from
    the OS, tarfile or :func:`zip_member_text`) become ``\\xff`` escapes, so names can be
    printed, written to the manifest and used in output paths."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def escaped_member_name(raw: str) -> PurePosixPath | None:
    """:func:`safe_member_name`, then :func:`escape_name` (escapes are not path separators)."""
    name = safe_member_name(raw)
    return None if name is None else PurePosixPath(escape_name(name.as_posix()))


def safe_member_name(raw: str) -> PurePosixPath | None:
    """The member's path if it stays inside the archive root, else None (path traversal)."""
    text = raw.replace("\\", "/")
    if not text or text.startswith("/") or "\x00" in text or (len(text) > 1 and text[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(text).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return PurePosixPath(*parts)


class ArchiveReader:
    """One archive, opened from a path (random access for zip, streaming for tar)."""

    def __init__(self, path: Path, limits: ArchiveLimits, label: str | None = None) -> None:
        self.path = path
        self.label = label or str(path)
        self.limits = limits
        with path.open("rb") as fh:
            self.kind = sniff_archive(fh.read(512))
        if self.kind is None:
            raise InputError("not a zip or tar archive (checked by content)", source=self.label)
        self.compressed_size = max(path.stat().st_size, 1)
        self._cleared: set[int] = set()  # zip members whose names are not UTF-8 despite the flag
        self.damage: str | None = None  # set by scan: the archive ends early or is damaged past a point

    def scan(self) -> tuple[list[ArchiveMember], list[MemberProblem]]:
        """List the members (streaming once through a tar) and check every limit."""
        members: list[ArchiveMember] = []
        problems: list[MemberProblem] = []
        total = skipped = 0
        for raw, size, compressed, regular in self._headers_until_damage():
            if len(members) + len(problems) >= self.limits.max_members:
                raise LimitExceeded(f"archive has more than {self.limits.max_members} members",
                                    source=self.label)
            if raw.endswith("/") and not regular:
                continue
            problem = self._member_problem(raw, size, compressed, regular)
            if problem is not None:
                problems.append(problem)
                skipped += size if self.kind == "tar" and problem.over_limit else 0
                if skipped > self.limits.max_skipped_bytes:  # 4 x 1 GiB members: 189 s of inflating
                    self.damage = (f"members after {escape_name(raw)} are not read: the refused members before "
                                   f"them hold over {self.limits.max_skipped_bytes} bytes (max_skipped_bytes)")
                    break
                continue
            total += size
            if total > self.limits.max_total_bytes:
                raise LimitExceeded(f"archive expands to more than {self.limits.max_total_bytes} bytes "
                                    "(archive bomb?)", source=self.label)
            members.append(ArchiveMember(escaped_member_name(raw), size))  # type: ignore[arg-type]
        if self.kind == "tar" and total / self.compressed_size > self.limits.max_ratio:
            raise LimitExceeded(f"archive compression ratio {total / self.compressed_size:.0f}:1 is over "
                                f"{self.limits.max_ratio:g}:1 (archive bomb?)", source=self.label)
        return members, problems

    def _member_problem(self, raw: str, size: int, compressed: int | None, regular: bool) -> MemberProblem | None:
        if not regular:
            return MemberProblem(escape_name(raw), "refused: links and special files are not read from archives")
        if safe_member_name(raw) is None:
            return MemberProblem(escape_name(raw), "refused: unsafe path (absolute or '..') in archive")
        if compressed is not None and size > 1_048_576 and size / max(compressed, 1) > self.limits.max_ratio:
            return MemberProblem(escape_name(raw), f"refused: compression ratio {size / max(compressed, 1):.0f}:1 over "
                                      f"{self.limits.max_ratio:g}:1 (archive bomb?)", over_limit=True)
        if size > self.limits.max_member_bytes:
            return MemberProblem(escape_name(raw), f"refused: member is {size} bytes, over the limit of "
                                      f"{self.limits.max_member_bytes}", over_limit=True)
        return None

    def _headers_until_damage(self) -> Iterator[tuple[str, int, int | None, bool]]:
        """:meth:`_headers` up to where a cut or damaged stream stops; the members before it are
        listed (and convert), :attr:`damage` says why the rest is missing."""
        try:
            yield from self._headers()
        except _STREAM_ERRORS as exc:
            if self.kind == "zip":
                raise
            self.damage = escape_name(f"archive is cut off or damaged, members after this point are lost: {exc}")

    def _headers(self) -> Iterator[tuple[str, int, int | None, bool]]:
        if self.kind == "zip":
            with self._open_zip() as zf:
                for info in zf.infolist():
                    if info.is_dir():
                        continue
                    mode = (info.external_attr >> 16) & 0o170000
                    regular = mode in (0, 0o100000)
                    yield zip_member_text(info, self._cleared), info.file_size, info.compress_size, regular
            return
        with self._open_tar() as tf:
            for member in tf:
                if member.isdir():
                    continue
                yield member.name, member.size, None, member.isreg()

    def iter_data(self, wanted: set[PurePosixPath]) -> Iterator[tuple[PurePosixPath, bytes | MemberProblem]]:
        """Yield (name, bytes) for the wanted members, in archive order, with bounded reads; a
        member that cannot be read (bad CRC, cut off, inflating past its size) yields a
        :class:`MemberProblem` and costs that member only (a tar stream cannot go on past it)."""
        if self.kind == "zip":
            with self._open_zip() as zf:
                for info in zf.infolist():
                    name = escaped_member_name(zip_member_text(info, self._cleared))
                    if name in wanted and not info.is_dir():
                        yield name, self._read_member(partial(zf.open, info), info.file_size, name)
            return
        left = set(wanted)
        with self._open_tar() as tf:
            for member in tf:
                name = escaped_member_name(member.name)
                if name in wanted and member.isreg():
                    read = self._read_member(partial(tf.extractfile, member), member.size, name)
                    yield name, read
                    if isinstance(read, MemberProblem) and not read.over_limit:
                        return  # the stream is broken: the members after it are reported lost
                    left.discard(name)
                if not left:
                    return  # never inflate what follows the last wanted member

    def _read_member(self, opener: Callable[[], IO[bytes] | None], declared: int,
                     name: PurePosixPath) -> bytes | MemberProblem:
        try:
            fh = opener()
            if fh is None:
                return MemberProblem(name.as_posix(), "cannot read member")
            with fh:
                return self._bounded_read(fh, declared, name)
        except LimitExceeded as exc:
            return MemberProblem(name.as_posix(), exc.message, over_limit=True)
        except _STREAM_ERRORS as exc:
            return MemberProblem(name.as_posix(), escape_name(f"cannot read member: {exc}"))

    def _bounded_read(self, fh: IO[bytes], declared: int, name: PurePosixPath) -> bytes:
        limit = min(declared, self.limits.max_member_bytes)
        chunks: list[bytes] = []
        got = 0
        while True:
            chunk = fh.read(min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            got += len(chunk)
            if got > limit:
                raise LimitExceeded(f"member {name} inflates past its declared size (archive bomb?)",
                                    source=self.label)
            chunks.append(chunk)
        return b"".join(chunks)

    def _open_zip(self) -> zipfile.ZipFile:
        try:
            fh = self.path.open("rb")
            try:
                flags, self._cleared = _undecodable_utf8_flags(fh)
                return zipfile.ZipFile(_ClearedFlags(fh, flags) if flags else fh)
            except BaseException:
                fh.close()
                raise
        except (zipfile.BadZipFile, OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read zip archive: {exc}", source=self.label) from None

    def _open_tar(self) -> tarfile.TarFile:
        """The tar, read forward through its decompressor as a file: stepping over a member then
        inflates in large pieces (a 256 MB member: 1 s, against 13 s through tarfile's stream
        mode and its 10 KB reads)."""
        try:
            with self.path.open("rb") as fh:
                magic = fh.read(6)
            opener = next((open_ for start, open_ in _TAR_DECOMPRESSORS if magic.startswith(start)), None)
            if opener is None:
                return tarfile.open(self.path, mode="r:")
            inner = opener(self.path)
            try:
                tf = tarfile.open(fileobj=inner, mode="r:")
            except BaseException:
                inner.close()
                raise
            _close_with(tf, inner)
            return tf
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise InputError(f"cannot read tar archive: {exc}", source=self.label) from None


def _gzip(path: Path) -> IO[bytes]:
    import gzip

    return cast(IO[bytes], gzip.open(path, "rb"))


def _bz2(path: Path) -> IO[bytes]:
    import bz2

    return bz2.open(path, "rb")


def _xz(path: Path) -> IO[bytes]:
    import lzma

    return lzma.open(path, "rb")


_TAR_DECOMPRESSORS: tuple[tuple[bytes, Callable[[Path], IO[bytes]]], ...] = (
    (b"\x1f\x8b", _gzip), (b"BZh", _bz2), (b"\xfd7zXZ", _xz))


def _close_with(tf: tarfile.TarFile, inner: IO[bytes]) -> None:
    """Close the decompressor with the tar (tarfile leaves a file object it was given open)."""
    close = tf.close

    def close_both() -> None:
        try:
            close()
        finally:
            inner.close()

    tf.close = close_both  # type: ignore[method-assign]


_UTF8_FLAG_BIT = 0x08  # bit 11 of a header's general-purpose flags, in the flags' second byte
_ZIP64_MARK = 0xFFFFFFFF  # a 32-bit field whose value lives in the zip64 records
_EOCD_SEARCH = 65_557  # end-of-central-directory record (22 bytes) + the longest comment


def zip_member_text(info: zipfile.ZipInfo, cleared: set[int]) -> str:
    """The member's name as Python names files: a name whose UTF-8 flag :class:`_ClearedFlags`
    hid (its local header offset is in ``cleared``) was decoded as cp437; it gets its bytes back,
    surrogate-escaped. Other names are zipfile's."""
    if info.header_offset not in cleared:
        return info.filename
    return info.orig_filename.encode("cp437").decode("utf-8", "surrogateescape")


def _undecodable_utf8_flags(fh: IO[bytes]) -> tuple[set[int], set[int]]:
    """Byte positions of the UTF-8 flags (central and local headers) of members whose names are
    not UTF-8 (:mod:`zipfile` raises UnicodeDecodeError on those and could list nothing at all),
    and those members' local header offsets."""
    size = fh.seek(0, 2)
    fh.seek(max(0, size - _EOCD_SEARCH))
    tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return set(), set()
    size_cd, offset_cd = struct.unpack_from("<2L", tail, at + 12)
    start = max(0, size - len(tail)) + at - size_cd  # where the central directory really starts
    concat = start - offset_cd  # bytes prepended to the archive (self-extractors)
    if start < 0 or concat < 0 or _ZIP64_MARK in (size_cd, offset_cd):
        return set(), set()  # zip64 or nonsense: left to zipfile
    fh.seek(start)
    central = fh.read(size_cd)
    flags: set[int] = set()
    locals_: set[int] = set()
    pos = 0
    while pos + 46 <= len(central) and central[pos:pos + 4] == b"PK\x01\x02":
        (bits,) = struct.unpack_from("<H", central, pos + 8)
        name_len, extra_len, comment_len = struct.unpack_from("<3H", central, pos + 28)
        (local,) = struct.unpack_from("<L", central, pos + 42)
        if bits & 0x800 and local != _ZIP64_MARK and _is_local_header(fh, local + concat) \
                and not _is_utf8(central[pos + 46:pos + 46 + name_len]):
            flags.add(start + pos + 9)
            flags.add(local + concat + 7)
            locals_.add(local + concat)
        pos += 46 + name_len + extra_len + comment_len
    fh.seek(0)
    return flags, locals_


def _is_local_header(fh: IO[bytes], at: int) -> bool:
    fh.seek(at)
    return fh.read(4) == b"PK\x03\x04"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _ClearedFlags:
    """A zip file read with the UTF-8 flag cleared at the given byte positions (read-only)."""

    def __init__(self, fh: IO[bytes], positions: set[int]) -> None:
        self._fh = fh
        self._positions = sorted(positions)

    def read(self, n: int = -1) -> bytes:
        start = self._fh.tell()
        data = self._fh.read(n)
        hits = [p - start for p in self._positions if start <= p < start + len(data)]
        if not hits:
            return data
        patched = bytearray(data)
        for at in hits:
            patched[at] &= ~_UTF8_FLAG_BIT & 0xFF
        return bytes(patched)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        self._fh.close()
