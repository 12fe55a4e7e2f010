"""Finding a batch's inputs: files, directories (recursive, include/exclude globs) and archives.

Listing is cheap (names and sizes); bytes are read lazily, in order, when a worker is free,
so memory stays bounded however large the archive. Every input gets a key (for the manifest
and messages) and a collision-free output stem that mirrors its path under ``OUT``.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Sequence

from docparse.batch.archives import ArchiveLimits, ArchiveReader, MemberProblem, escape_name, is_archive
from docparse.batch.manifest import Status
from docparse.batch.store import is_remote
from docparse.errors import DocparseError, InputError
from docparse.options.batch import InputSelection, glob_match

_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeError)


@dataclass(frozen=True)
class InputRef:
    """One document to convert: a file on disk or a member of an archive on disk."""

    key: str  # 'dir/a.pdf' or 'data/x.zip::docs/a.pdf'
    rel: PurePosixPath  # mirrored path under OUT (suffix included)
    path: Path  # the file, or the archive holding the member
    member: PurePosixPath | None = None
    uri: str | None = None  # an object in an object store (s3://...): read through fsspec
    version: str | None = None  # the store's version of that object (ETag and size): the resume key


@dataclass(frozen=True)
class InputFailure:
    """An input that could not even be listed (missing, unsafe archive member, archive bomb)."""

    key: str
    message: str
    status: Status = Status.FAILED


@dataclass(frozen=True)
class Payload:
    """An input ready for a worker: a path (files) or the bytes (archive members)."""

    ref: InputRef
    sha256: str | None  # None: an object the worker reads and hashes (resume compares ``version``)
    data: bytes | None = None  # None: the worker reads ref.path (or ref.uri)
    version: str | None = None  # an object's version in its store (ETag and size), from the listing


@dataclass
class InputListing:
    refs: list[InputRef]
    failures: list[InputFailure]


def list_inputs(specs: Sequence[str | Path], selection: InputSelection,
                limits: ArchiveLimits) -> InputListing:
    """Expand files, directories and archives into sorted refs (plus what was refused)."""
    refs: list[InputRef] = []
    failures: list[InputFailure] = []
    for spec in specs:
        if is_remote(spec):
            _list_remote(str(spec), selection, refs, failures)
            continue
        path = Path(spec)
        problem = unreadable_input(path)
        if problem:
            failures.append(InputFailure(key=display_path(path), message=problem))
            continue
        if path.is_dir():
            files, outside = tree_files(path)
            failures.extend(InputFailure(key=display_path(link), message=_OUTSIDE) for link in outside)
            for file in files:
                rel = PurePosixPath(escape_name(file.relative_to(path).as_posix()))
                if selection.archives and is_archive(file) and not _excluded(rel, selection):
                    _list_archive(file, rel, selection, limits, refs, failures)
                elif selection.wants(rel):
                    refs.append(InputRef(key=display_path(file), rel=rel, path=file))
        elif path.is_file():
            rel = PurePosixPath(escape_name(path.name))
            if is_archive(path):
                _list_archive(path, rel, selection, limits, refs, failures)
            else:
                refs.append(InputRef(key=display_path(path), rel=rel, path=path))
        else:
            failures.append(InputFailure(key=display_path(path), message="file not found"))
    return InputListing(refs=refs, failures=failures)


def _list_remote(spec: str, selection: InputSelection, refs: list[InputRef],
                 failures: list[InputFailure]) -> None:
    """The objects under an object-store prefix that the selection wants (archives refused)."""
    from docparse.batch.store import list_remote

    try:
        files = list_remote(spec)
    except FileNotFoundError:
        failures.append(InputFailure(key=spec, message="file not found"))
        return
    for file in files:
        rel = PurePosixPath(escape_name(file.rel.as_posix()))
        if selection.archives and is_archive(Path(rel.name)) and not _excluded(rel, selection):
            failures.append(InputFailure(key=file.uri, message=_REMOTE_ARCHIVE))
        elif selection.wants(rel):
            refs.append(InputRef(key=file.uri, rel=rel, path=Path(rel), uri=file.uri, version=file.version))


_REMOTE_ARCHIVE = "refused: archives in object storage are not opened (store their members as objects)"
_OUTSIDE = "refused: a symbolic link that leads out of the input directory (or nowhere)"


def unreadable_input(path: Path) -> str:
    """Why an input named on the command line cannot be read ("" for a file or a folder): a
    missing file, a name the system refuses (a component over 255 bytes), a FIFO or device."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "file not found"
    except (OSError, ValueError) as exc:
        return f"cannot open file ({exc.strerror if isinstance(exc, OSError) and exc.strerror else exc})"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return ""
    return "not a regular file (a FIFO, device or socket); not read"


def tree_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The regular files under ``root``, sorted, and the links that lead out of it (refused).

    Linked folders are not entered; a linked file counts only when it resolves inside ``root``
    (an outside PDF, ``/etc/passwd`` or a device is never opened)."""
    top = root.resolve()
    files: list[Path] = []
    outside: list[Path] = []
    for folder, dirs, names in os.walk(root):  # followlinks=False
        for name in [*dirs, *names]:
            path = Path(folder) / name
            if path.is_symlink() and not _resolves_inside(path, top):
                outside.append(path)
            elif name in names and path.is_file():
                files.append(path)
    return sorted(files), sorted(outside)


def _resolves_inside(link: Path, top: Path) -> bool:
    """Whether a link resolves inside ``top`` (a link loop does not)."""
    try:
        return link.resolve(strict=True).is_relative_to(top)
    except (OSError, RuntimeError):  # a loop, a dangling link
        return False


def display_path(path: Path) -> str:
    """The path as text for keys, messages and the manifest (bytes that are not UTF-8 escaped)."""
    return escape_name(str(path))


def _excluded(rel: PurePosixPath, selection: InputSelection) -> bool:
    return any(glob_match(rel.as_posix(), rel.name, g) for g in selection.exclude)


def _list_archive(path: Path, rel: PurePosixPath, selection: InputSelection, limits: ArchiveLimits,
                  refs: list[InputRef], failures: list[InputFailure]) -> None:
    label = display_path(path)
    try:
        reader = ArchiveReader(path, limits, label=label)
        members, problems = reader.scan()
    except DocparseError as exc:
        failures.append(InputFailure(key=label, message=exc.message, status=_status_of(exc)))
        return
    except _ARCHIVE_ERRORS as exc:
        failures.append(InputFailure(key=label, message=escape_name(f"cannot read archive: {exc}")))
        return
    if reader.damage is not None:
        failures.append(InputFailure(key=label, message=reader.damage))
    for problem in problems:
        failures.append(InputFailure(key=f"{label}::{problem.name}", message=problem.message,
                                     status=Status.LIMIT if problem.over_limit else Status.FAILED))
    for member in sorted(members, key=lambda m: m.name.as_posix()):
        if selection.wants(member.name):
            refs.append(InputRef(key=f"{label}::{member.name.as_posix()}", rel=rel / member.name,
                                 path=path, member=member.name))


def _status_of(exc: DocparseError) -> Status:
    from docparse.errors import LimitExceeded

    return Status.LIMIT if isinstance(exc, LimitExceeded) else Status.FAILED


def output_stems(refs: Sequence[InputRef]) -> list[str]:
    """Mirrored output stems ('2020/a', 'x.zip/docs/b'), made unique in input order.

    ``a.pdf`` and ``a.png`` in one folder become ``a`` and ``a-2``; a stem never equals another
    document's ``<stem>.summary``, and a stem's files (``<stem>.md``, ``.json``, ``.summary.json``)
    never take the name of a folder the mirrored tree or another stem's CSV folder needs
    (``y.pdf`` beside ``y.json/z.pdf``: ``y-2.json``, not "Is a directory").
    """
    folders = {parent.as_posix() for ref in refs for parent in ref.rel.parents if parent.parts}
    files: set[str] = set()
    taken: set[str] = set()
    stems: list[str] = []
    for ref in refs:
        base = ref.rel.with_suffix("").as_posix() if ref.rel.suffix else ref.rel.as_posix()
        stem, n = base, 1
        while _stem_clashes(stem, taken, folders, files):
            n += 1
            stem = f"{base}-{n}"
        taken.update((stem, f"{stem}.summary"))
        folders.add(stem)  # its CSV folder
        files.update(stem + suffix for suffix in _STEM_FILE_SUFFIXES)
        stems.append(stem)
    return stems


_STEM_FILE_SUFFIXES = (".md", ".json", ".summary.json", ".chunks.jsonl")


def _stem_clashes(stem: str, taken: set[str], folders: set[str], files: set[str]) -> bool:
    """Whether ``stem`` repeats a stem, or its files and folder collide with folders and files taken."""
    return (stem in taken or f"{stem}.summary" in taken or stem in files
            or any(stem + suffix in folders for suffix in _STEM_FILE_SUFFIXES))


def largest_first(refs: Sequence[InputRef]) -> list[InputRef]:
    """``refs`` with the biggest local files first (an archive's members stay together, at the
    archive's size; objects in a store count as 0 bytes and keep their order at the end)."""
    units: list[list[InputRef]] = []
    for ref in refs:
        if units and ref.member is not None and units[-1][0].member is not None and units[-1][0].path == ref.path:
            units[-1].append(ref)
        else:
            units.append([ref])
    units.sort(key=lambda unit: -_local_size(unit[0]))  # stable: equal sizes keep the listing's order
    return [ref for unit in units for ref in unit]


def _local_size(ref: InputRef) -> int:
    if ref.uri is not None:
        return 0
    try:
        return ref.path.stat().st_size
    except OSError:
        return 0  # reported when it is read


def iter_payloads(refs: Sequence[InputRef], limits: ArchiveLimits) -> Iterator[Payload | InputFailure]:
    """Hash files and read archive members, in the refs' order, one at a time."""
    index = 0
    while index < len(refs):
        ref = refs[index]
        if ref.member is None:
            yield _file_payload(ref)
            index += 1
            continue
        group = [ref]
        while index + len(group) < len(refs) and refs[index + len(group)].path == ref.path \
                and refs[index + len(group)].member is not None:
            group.append(refs[index + len(group)])
        yield from _archive_payloads(group, limits)
        index += len(group)


def _file_payload(ref: InputRef) -> Payload | InputFailure:
    if ref.uri is not None:
        return _remote_payload(ref)
    try:
        return Payload(ref=ref, sha256=file_sha256(ref.path))
    except OSError as exc:
        return InputFailure(key=ref.key, message=f"cannot read file ({exc.strerror or exc})")


def _remote_payload(ref: InputRef) -> Payload | InputFailure:
    from docparse.batch.store import read_remote

    assert ref.uri is not None
    if ref.version is not None:
        return Payload(ref=ref, sha256=None, version=ref.version)  # the worker reads (and hashes) it
    try:
        data, sha256 = read_remote(ref.uri)
    except OSError as exc:
        return InputFailure(key=ref.key, message=f"cannot read object ({exc.strerror or exc})")
    return Payload(ref=ref, sha256=sha256, data=data)


def _archive_payloads(group: list[InputRef], limits: ArchiveLimits) -> Iterator[Payload | InputFailure]:
    by_member = {ref.member: ref for ref in group}
    seen: set[PurePosixPath] = set()
    try:
        reader = ArchiveReader(group[0].path, limits, label=display_path(group[0].path))
        for name, data in reader.iter_data(set(by_member)):  # type: ignore[arg-type]
            if name in seen:  # a duplicate member name: the first one wins
                continue
            seen.add(name)
            if isinstance(data, MemberProblem):
                yield InputFailure(key=by_member[name].key, message=data.message,
                                   status=Status.LIMIT if data.over_limit else Status.FAILED)
                continue
            yield Payload(ref=by_member[name], sha256=hashlib.sha256(data).hexdigest(), data=data)
    except DocparseError as exc:
        message, status = exc.message, _status_of(exc)
    except _ARCHIVE_ERRORS as exc:
        message, status = escape_name(f"cannot read archive: {exc}"), Status.FAILED
    else:
        message, status = "member vanished from the archive", Status.FAILED
    for member, ref in by_member.items():
        if member not in seen:
            yield InputFailure(key=ref.key, message=message, status=status)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_source(payload: Payload) -> Path | bytes:
    if payload.data is not None:
        return payload.data
    if not payload.ref.path.exists():
        raise InputError("file not found", source=payload.ref.key)
    if escape_name(str(payload.ref.path)) != str(payload.ref.path):
        return payload.ref.path.read_bytes()  # MuPDF cannot open a name that is not UTF-8
    return payload.ref.path
