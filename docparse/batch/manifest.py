"""``OUT/manifest.jsonl``: one JSON line per finished input, appended as the batch goes.

A line is written (and fsynced) only after the input's outputs are in place, so a batch killed
at any moment never records something it did not finish; a torn last line is ignored on read.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import IO, Callable, Iterable

MANIFEST_NAME = "manifest.jsonl"


class Status(str, Enum):
    OK = "ok"
    PARTIAL = "partial"  # converted, but some pages failed
    FAILED = "failed"
    TIMEOUT = "timeout"  # per-file time limit: the worker was killed
    LIMIT = "limit"  # a size/page limit refused the input
    CRASHED = "crashed"  # the worker process died (native crash, out of memory)
    DISK_FULL = "disk_full"  # the outputs could not be written: no space left (resume retries it)

    @property
    def converted(self) -> bool:
        return self in (Status.OK, Status.PARTIAL)


@dataclass(frozen=True)
class ManifestRecord:
    input: str
    sha256: str | None
    options: str  # fingerprint of the conversion options and formats
    status: Status
    pages: int = 0
    seconds: float = 0.0
    error: str | None = None
    stem: str | None = None
    outputs: tuple[str, ...] = ()  # paths relative to OUT
    page_errors: tuple[str, ...] = ()
    finished_at: float = field(default_factory=time.time)
    version: str | None = None  # an object-store input's version (ETag and size): its resume key

    def to_json(self) -> str:
        data = asdict(self)
        data["status"] = self.status.value
        data["outputs"] = list(self.outputs)
        data["page_errors"] = list(self.page_errors)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> "ManifestRecord":
        data = json.loads(line)
        return cls(
            input=str(data["input"]), sha256=data.get("sha256"), options=str(data["options"]),
            status=Status(data["status"]), pages=int(data.get("pages", 0)),
            seconds=float(data.get("seconds", 0.0)), error=data.get("error"), stem=data.get("stem"),
            outputs=tuple(data.get("outputs", ())), page_errors=tuple(data.get("page_errors", ())),
            finished_at=float(data.get("finished_at", 0.0)), version=data.get("version"),
        )


def options_fingerprint(*parts: object) -> str:
    """A stable hash of the conversion settings (reprs of frozen dataclasses, formats, version)."""
    from docparse import __version__

    text = "\n".join([__version__, *(repr(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_manifest(path: Path) -> list[ManifestRecord]:
    """All complete records; torn or foreign lines are skipped."""
    if not path.exists():
        return []
    records: list[ManifestRecord] = []
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break  # torn by a kill mid-write
            try:
                records.append(ManifestRecord.from_json(line))
            except (ValueError, KeyError, TypeError):
                continue
    return records


def latest_records(records: Iterable[ManifestRecord]) -> dict[str, ManifestRecord]:
    latest: dict[str, ManifestRecord] = {}
    for record in records:
        latest[record.input] = record
    return latest


def same_input(record: ManifestRecord, sha256: str | None, version: str | None = None) -> bool:
    """The record is of these bytes: the same object version (ETag and size) for an object-store
    input listed with one, else the same content hash."""
    if version is not None:
        return record.version == version
    return sha256 is not None and record.sha256 == sha256


def is_done(record: ManifestRecord | None, sha256: str | None, options: str,
            out_dir: Path | Callable[[str], bool], version: str | None = None) -> bool:
    """Resume skips an input converted before from the same bytes with the same options, whose
    outputs are all still in ``out_dir`` (a folder, or a test of whether OUT holds a name)."""
    exists = out_dir if callable(out_dir) else (lambda rel: (out_dir / rel).exists())
    return (
        record is not None
        and record.status.converted
        and same_input(record, sha256, version)
        and record.options == options
        and all(exists(rel) for rel in record.outputs)
    )


def is_settled_failure(record: ManifestRecord | None, sha256: str | None, options: str,
                       version: str | None = None) -> bool:
    """Resume leaves alone an input that failed, timed out or hit a limit with these same bytes and
    options (it would again); a crashed worker or a full disk may have been transient, so those
    are retried."""
    return (
        record is not None
        and record.status in (Status.FAILED, Status.TIMEOUT, Status.LIMIT)
        and same_input(record, sha256, version)
        and record.options == options
    )


class ManifestWriter:
    """Appends records; ``fresh=True`` starts a new manifest, else continues (resume)."""

    def __init__(self, path: Path, fresh: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # keys are escaped text (inputs.display_path); a stray surrogate is escaped, never a traceback
        if fresh:
            self._fh: IO[str] = path.open("w", encoding="utf-8", errors="backslashreplace")
        else:
            self._fh = path.open("a+", encoding="utf-8", errors="backslashreplace")
            self._repair_torn_tail()

    def _repair_torn_tail(self) -> None:
        size = self._fh.seek(0, os.SEEK_END)
        if size == 0:
            return
        with self.path.open("rb") as raw:
            raw.seek(size - 1)
            if raw.read(1) != b"\n":
                self._fh.write("\n")
                self._fh.flush()

    def append(self, record: ManifestRecord) -> None:
        self._fh.write(record.to_json() + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> "ManifestWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def with_outputs(record: ManifestRecord, outputs: Iterable[str]) -> ManifestRecord:
    return replace(record, outputs=tuple(outputs))
