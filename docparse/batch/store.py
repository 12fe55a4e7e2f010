"""Where a batch reads and writes: local folders, or object stores (``s3://``, ``gs://``,
``az://``) through fsspec (the ``s3``/``gcs``/``azure`` extras).

Object stores have no rename and no append, so the guarantees are kept another way:

- an output is one PUT (``pipe_file``): readers see no object or the whole one;
- the manifest is a folder ``OUT/manifest.d/`` of one small object per input, named by the
  input's key and written after the input's outputs, so its presence is the completed-object
  marker; a rerun overwrites it (the latest record wins, as in the local ``manifest.jsonl``);
- a worker writes its outputs straight to the store (the driver only writes the record).

Credentials and endpoints come from the usual places (``AWS_*`` variables, ``AWS_ENDPOINT_URL``
for an S3-compatible server, ``~/.aws``, fsspec configuration), never from docparse options.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from docparse.batch.manifest import MANIFEST_NAME, ManifestRecord, ManifestWriter, read_manifest
from docparse.errors import UsageError

# scheme -> the extra that installs its fsspec implementation
REMOTE_SCHEMES = {"s3": "s3", "s3a": "s3", "gs": "gcs", "gcs": "gcs", "az": "azure", "abfs": "azure",
                  "abfss": "azure"}
MANIFEST_DIR = "manifest.d"
READ_CHUNK = 1 << 20  # streaming reads: bytes per request


def scheme_of(spec: str | Path) -> str | None:
    """The object-store scheme of ``spec`` (``s3``, ``gs``, ...), None for a local path."""
    text = str(spec)
    head, sep, _ = text.partition("://")
    return head.lower() if sep and head.lower() in REMOTE_SCHEMES else None


def is_remote(spec: str | Path) -> bool:
    return scheme_of(spec) is not None


def open_filesystem(uri: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``uri`` and the path inside it (bucket/prefix)."""
    scheme = scheme_of(uri) or "file"
    try:
        import fsspec

        fs, path = fsspec.core.url_to_fs(uri)
    except ImportError as exc:
        extra = REMOTE_SCHEMES.get(scheme, scheme)
        raise UsageError(f"{scheme}:// needs the {extra} extra (pip install 'docparse-pdf[{extra}]'): "
                         f"{exc}") from None
    return fs, str(path).rstrip("/")


@dataclass(frozen=True)
class RemoteFile:
    uri: str  # s3://bucket/prefix/a.pdf
    rel: PurePosixPath  # relative to the listed prefix (the object's name for a single object)
    size: int
    version: str | None = None  # the store's version of the object (resume key): see object_version


ETAG_FIELDS = ("ETag", "etag", "md5Hash")  # s3fs, adlfs / gcsfs, gcsfs: changes whenever the bytes do
MTIME_FIELDS = ("LastModified", "last_modified", "updated", "mtime")  # the fallback, with the size


def object_version(info: dict[str, Any]) -> str | None:
    """A listed object's version as the store reports it, without reading the object: its ETag
    (or MD5) and size, else its size and modification time; None when the listing has neither
    (the driver then reads and hashes the object)."""
    size = info.get("size")
    for name in ETAG_FIELDS:
        if info.get(name):
            return f"etag:{str(info[name]).strip(chr(34))};size:{size}"
    for name in MTIME_FIELDS:
        if info.get(name) is not None and size is not None:
            return f"size:{size};mtime:{info[name]}"
    return None


def list_remote(spec: str) -> list[RemoteFile]:
    """Every object under the prefix ``spec`` (or ``spec`` itself when it is one object), sorted."""
    fs, root = open_filesystem(spec)
    scheme = scheme_of(spec)
    if fs.isfile(root):
        info = fs.info(root)
        return [RemoteFile(uri=spec, rel=PurePosixPath(PurePosixPath(root).name), size=int(info.get("size", 0)),
                           version=object_version(info))]
    found = fs.find(root, detail=True)
    if not found:  # object stores have no folders: an empty prefix is a name that is not there
        raise FileNotFoundError(spec)
    files = []
    for path, info in sorted(found.items()):
        if info.get("type") == "directory":
            continue
        rel = PurePosixPath(path).relative_to(root)
        files.append(RemoteFile(uri=f"{scheme}://{path}", rel=rel, size=int(info.get("size", 0)),
                                version=object_version(info)))
    return files


def read_remote(uri: str) -> tuple[bytes, str]:
    """The object's bytes and their SHA-256, read in chunks (one streaming GET)."""
    fs, path = open_filesystem(uri)
    digest = hashlib.sha256()
    parts = []
    with fs.open(path, "rb", block_size=READ_CHUNK) as fh:
        for chunk in iter(lambda: fh.read(READ_CHUNK), b""):
            digest.update(chunk)
            parts.append(chunk)
    return b"".join(parts), digest.hexdigest()


class ManifestSink(Protocol):
    def append(self, record: ManifestRecord) -> None: ...
    def close(self) -> None: ...


class StoreManifestWriter:
    """The manifest in an object store: one object a record, ``manifest.d/<key hash>.json``."""

    def __init__(self, store: "ObjectStoreOut", fresh: bool) -> None:
        self.store = store
        if fresh and store.fs.exists(store.path(MANIFEST_DIR)):
            store.fs.rm(store.path(MANIFEST_DIR), recursive=True)

    def append(self, record: ManifestRecord) -> None:
        self.store.put(manifest_object(record.input), (record.to_json() + "\n").encode("utf-8"))

    def close(self) -> None:
        pass

    def __enter__(self) -> "StoreManifestWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def manifest_object(key: str) -> str:
    """The manifest object of an input (relative to OUT)."""
    return f"{MANIFEST_DIR}/{hashlib.sha256(key.encode('utf-8', 'surrogateescape')).hexdigest()[:32]}.json"


class LocalOut:
    """OUT on this machine's disk: write-then-rename files and an appended ``manifest.jsonl``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.local_dir: Path | None = root
        self.uri: str | None = None

    def prepare(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    def read_manifest(self) -> list[ManifestRecord]:
        return read_manifest(self.root / MANIFEST_NAME)

    def manifest_writer(self, fresh: bool) -> ManifestSink:
        return ManifestWriter(self.root / MANIFEST_NAME, fresh=fresh)

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def put(self, rel: str, data: bytes) -> None:
        from docparse.renderers.files import write_atomic

        write_atomic(self.root / rel, data)

    def read(self, rel: str) -> bytes | None:
        try:
            return (self.root / rel).read_bytes()
        except FileNotFoundError:
            return None

    def remove_tree(self, rel: str) -> None:
        import shutil

        shutil.rmtree(self.root / rel, ignore_errors=True)

    def __str__(self) -> str:
        return str(self.root)


class ObjectStoreOut:
    """OUT in an object store: one PUT an output, the manifest as ``manifest.d/`` objects."""

    def __init__(self, uri: str) -> None:
        self.uri: str | None = uri.rstrip("/")
        self.local_dir: Path | None = None
        self.fs, self.root = open_filesystem(uri)
        self._listed: set[str] | None = None

    def path(self, rel: str) -> str:
        return f"{self.root}/{rel}"

    def prepare(self) -> None:
        self._listed = None

    def read_manifest(self) -> list[ManifestRecord]:
        folder = self.path(MANIFEST_DIR)
        if not self.fs.exists(folder):
            return []
        paths = sorted(p for p in self.fs.find(folder) if p.endswith(".json"))
        records = []
        for data in self.fs.cat(paths).values() if paths else ():
            try:
                records.append(ManifestRecord.from_json(data.decode("utf-8", "replace")))
            except (ValueError, KeyError, TypeError):
                continue
        return sorted(records, key=lambda r: r.finished_at)

    def manifest_writer(self, fresh: bool) -> ManifestSink:
        return StoreManifestWriter(self, fresh)

    def exists(self, rel: str) -> bool:
        """Whether OUT holds ``rel`` (OUT is listed once, then looked up)."""
        if self._listed is None:
            root = self.root + "/"
            self._listed = {p[len(root):] for p in self.fs.find(self.root)} if self.fs.exists(self.root) else set()
        return rel in self._listed

    def put(self, rel: str, data: bytes) -> None:
        self.fs.pipe_file(self.path(rel), data)  # one PUT: the object appears whole or not at all

    def read(self, rel: str) -> bytes | None:
        try:
            return bytes(self.fs.cat_file(self.path(rel)))
        except FileNotFoundError:
            return None

    def remove_tree(self, rel: str) -> None:
        if self.fs.exists(self.path(rel)):
            self.fs.rm(self.path(rel), recursive=True)

    def put_tree(self, local: Path, rels: list[str]) -> None:
        """Upload files written under ``local`` to the same names under OUT."""
        for rel in rels:
            self.put(rel, (local / rel).read_bytes())

    def __str__(self) -> str:
        return self.uri or ""


OutTarget = LocalOut | ObjectStoreOut


def open_out(out: str | Path) -> OutTarget:
    """OUT as a local folder or an object-store prefix."""
    if is_remote(out):
        return ObjectStoreOut(str(out))
    return LocalOut(Path(out))
