"""A batch: list inputs, skip what a previous run finished, convert the rest on a backend
(process pool or Ray, chosen by the type of ``BatchOptions.backend`` in
:func:`docparse.batch.backends.make_backend`), write outputs atomically and record each input in
the manifest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from docparse.batch.backends import Backend, make_backend
from docparse.batch.export import export_failure
from docparse.batch.fanout import FanOutJoiner, workers_for
from docparse.batch.inputs import (
    InputFailure,
    Payload,
    iter_payloads,
    largest_first,
    list_inputs,
    output_stems,
    read_source,
)
from docparse.batch.manifest import (
    ManifestRecord,
    Status,
    is_done,
    is_settled_failure,
    latest_records,
    options_fingerprint,
)
from docparse.batch.pool import PageProgress
from docparse.batch.store import OutTarget, open_out
from docparse.batch.threads import with_worker_threads
from docparse.batch.worker import Task, TaskResult
from docparse.config import ParseOptions
from docparse.errors import DocparseError
from docparse.options.batch import BatchOptions, OutputFormat, default_workers
from docparse.renderers.files import temp_target

__all__ = ["Backend", "BatchOptions", "BatchReport", "default_workers", "make_backend", "run_batch"]

_STEM_FILE_SUFFIXES = (".md", ".json", ".summary.json", ".chunks.jsonl")  # the files beside a stem's folder


class BatchListener(Protocol):
    def planned(self, files: int) -> None: ...
    def skipped(self, key: str) -> None: ...
    def page(self, progress: PageProgress) -> None: ...
    def finished(self, record: ManifestRecord) -> None: ...


class SilentListener:
    def planned(self, files: int) -> None:
        pass

    def skipped(self, key: str) -> None:
        pass

    def page(self, progress: PageProgress) -> None:
        pass

    def finished(self, record: ManifestRecord) -> None:
        pass


@dataclass
class BatchReport:
    records: list[ManifestRecord] = field(default_factory=list)  # this run's records, in finish order
    skipped: list[str] = field(default_factory=list)  # inputs resume left alone
    carried: list[ManifestRecord] = field(default_factory=list)  # refusals already in the manifest

    @property
    def failures(self) -> list[ManifestRecord]:
        return [r for r in [*self.records, *self.carried] if r.status is not Status.OK]

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.records)


def conversion_fingerprint(options: ParseOptions, formats: Sequence[OutputFormat]) -> str:
    """What makes two runs' outputs comparable (the password and the VLM server's API key are
    left out of the hash)."""
    safe = replace(options, open=replace(options.open, password=None),
                   vlm=replace(options.vlm, server=replace(options.vlm.server, api_key=None)))
    return options_fingerprint(safe, sorted(f.value for f in formats))


def remove_stale_temp_files(out_dir: Path, stems: Sequence[str]) -> int:
    """Delete write_atomic temp files (docparse's own marked names, see
    :func:`docparse.renderers.files.temp_target`) left at this batch's output paths by a killed
    worker or a killed earlier run: ``.<stem>.md.<mark>.tmp`` beside the stem and any marked temp
    in the stem's own folder. Nothing else under ``out_dir`` is looked at; nothing is recursive."""
    removed = 0
    for stem in stems:
        name = stem.rsplit("/", 1)[-1]
        removed += _remove_marked(out_dir / stem, None)
        removed += _remove_marked((out_dir / stem).parent, {name + s for s in _STEM_FILE_SUFFIXES})
    return removed


def _remove_marked(folder: Path, wanted: set[str] | None) -> int:
    """Remove marked temp files in ``folder`` (not below) for the ``wanted`` targets (None: any)."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        target = temp_target(entry.name)
        if target is not None and (wanted is None or target in wanted) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)
            removed += 1
    return removed


def run_batch(inputs: Sequence[str | Path], out_dir: str | Path, options: ParseOptions, batch: BatchOptions,
              listener: BatchListener | None = None, backend: Backend | None = None) -> BatchReport:
    """Convert every input under ``out_dir`` (a folder or an object-store prefix such as
    ``s3://bucket/out``); resumable; returns this run's records."""
    listener = listener or SilentListener()
    out = open_out(out_dir)
    out.prepare()
    previous = latest_records(out.read_manifest()) if batch.resume else {}
    by_content = records_by_content(previous)
    fingerprint = conversion_fingerprint(options, batch.formats)
    listing = list_inputs(inputs, batch.selection, batch.archive_limits)
    stems = dict(zip((r.key for r in listing.refs), output_stems(listing.refs)))
    if out.local_dir is not None:
        remove_stale_temp_files(out.local_dir, list(stems.values()))
    listener.planned(len(listing.refs) + len(listing.failures))
    workers = workers_for(listing.refs, batch.workers, batch.fan_out)  # no idle processes for small batches
    task_options = with_worker_threads(options, batch.worker_threads)  # same outputs, fewer threads
    refs = largest_first(listing.refs) if batch.largest_first and workers > 1 else listing.refs
    backend = backend or make_backend(replace(batch, workers=workers), options.limits.file_timeout_s, task_options)
    report = BatchReport()
    shas: dict[int, str | None] = {}
    versions: dict[int, str | None] = {}
    joiner = FanOutJoiner(workers, batch.fan_out)  # long documents: page ranges on several workers

    writer = out.manifest_writer(fresh=not batch.resume)
    try:
        def record(rec: ManifestRecord) -> None:
            if not rec.status.converted:  # --format parquet/jsonl: a row saying why (docparse.batch.export)
                export_failure(out_dir, rec.input, rec.sha256, rec.status.value, rec.error, batch.formats)
            writer.append(rec)
            report.records.append(rec)
            listener.finished(rec)

        def failure(item: InputFailure) -> None:
            before = previous.get(item.key)
            if not batch.retry_failed and before is not None and before.sha256 is None \
                    and before.error == item.message:
                report.carried.append(before)  # resume: refused the same way last time, recorded once
                listener.finished(before)
                return
            record(ManifestRecord(input=item.key, sha256=None, options=fingerprint,
                                  status=Status(item.status), error=item.message))

        def tasks() -> Iterator[Task]:
            for item in listing.failures:
                failure(item)
            for n, payload in enumerate(iter_payloads(refs, batch.archive_limits)):
                if isinstance(payload, InputFailure):
                    failure(payload)
                    continue
                key = payload.ref.key
                before = previous_record(previous, by_content, key, stems[key], payload.sha256)
                if is_done(before, payload.sha256, fingerprint, out.exists, payload.version):
                    report.skipped.append(key)
                    listener.skipped(key)
                elif before is not None and not batch.retry_failed and \
                        is_settled_failure(before, payload.sha256, fingerprint, payload.version):
                    report.carried.append(before)  # reported again, not redone
                    listener.finished(before)
                else:
                    try:
                        task = _task(n, payload, stems[payload.ref.key], task_options, batch, out,
                                     backend.ships_files)
                    except (DocparseError, OSError) as exc:
                        failure(InputFailure(key=payload.ref.key, message=_message(exc)))
                        continue
                    shas[n], versions[n] = payload.sha256, payload.version
                    task = replace(task, sha256=payload.sha256)
                    yield from joiner.split(task) or [task]

        for result in backend.run(tasks(), on_page=listener.page):
            whole = joiner.collect(result)
            if whole is not None:
                record(_finish(whole, whole.sha256 or shas.get(whole.task_id), fingerprint, out, stems,
                               versions.get(whole.task_id)))
    finally:
        writer.close()
    if out.local_dir is not None:
        remove_stale_temp_files(out.local_dir, list(stems.values()))
    return report


def records_by_content(previous: dict[str, ManifestRecord]) -> dict[tuple[str, str], ManifestRecord]:
    """A previous run's records by (output stem, content hash), for inputs typed another way."""
    return {(r.stem, r.sha256): r for r in previous.values() if r.stem and r.sha256}


def previous_record(previous: dict[str, ManifestRecord], by_content: dict[tuple[str, str], ManifestRecord],
                    key: str, stem: str, sha256: str | None) -> ManifestRecord | None:
    """What a resumed batch knows of an input: the record under its key (the path as typed), else
    the record of the same output stem and bytes typed another way (``a.tar.gz``, then
    ``/abs/a.tar.gz`` or ``./a.tar.gz``): resume is keyed on the bytes and the options."""
    return previous.get(key) or (by_content.get((stem, sha256)) if sha256 else None)


def _message(exc: Exception) -> str:
    if isinstance(exc, DocparseError):
        return exc.message
    return f"cannot read file ({getattr(exc, 'strerror', None) or exc})"


def _task(n: int, payload: Payload, stem: str, options: ParseOptions, batch: BatchOptions,
          out: OutTarget, ships_files: bool) -> Task:
    uri = payload.ref.uri if payload.data is None else None  # an object the worker reads itself
    source = b"" if uri is not None else read_source(payload)
    if ships_files and isinstance(source, Path):
        source = source.read_bytes()  # a cluster node cannot read the driver's disk
    return Task(task_id=n, key=payload.ref.key, stem=stem, source=source, options=options,
                formats=batch.formats, out_dir=None if ships_files else out.local_dir, out_store=out.uri,
                debug_overlay=batch.debug_overlay, source_uri=uri)


def _finish(result: TaskResult, sha256: str | None, fingerprint: str, out: OutTarget,
            stems: dict[str, str], version: str | None = None) -> ManifestRecord:
    written = list(result.written)
    for file in result.files:
        out.put(file.rel, file.data)
        written.append(file.rel)
    return ManifestRecord(
        input=result.key, sha256=sha256, options=fingerprint, status=result.status, pages=result.pages,
        seconds=round(result.seconds, 3), error=result.error, stem=stems.get(result.key),
        outputs=tuple(written), page_errors=result.page_errors, version=version,
    )
