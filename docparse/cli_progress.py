"""Rich progress displays on stderr; silent when stderr is no terminal.

:class:`Progress` follows one document page by page (``docparse FILE``); :class:`BatchProgress`
follows a batch: files, pages, pages/s, ETA and failures (a :class:`BatchListener`).
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docparse.batch.manifest import ManifestRecord
    from docparse.batch.pool import PageProgress


def _rich_progress(*extra_columns: Any, time_remaining: bool = True) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    eta = (TimeRemainingColumn(),) if time_remaining else ()
    return RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        *eta, *extra_columns, console=Console(stderr=True), transient=True)


def eta_seconds(first_finish: float | None, now: float, finished: int, remaining: int) -> float | None:
    """Seconds left in a batch, from the pace of the files finished after the first one.

    The first file carries the start-up (worker processes, model loading) and resumed files take no
    time, so both are left out of the pace; None until two files have finished."""
    if first_finish is None or finished < 2:
        return None
    return (now - first_finish) / (finished - 1) * remaining


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return "ETA –"
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"ETA {minutes}:{secs:02d}"


class Progress:
    def __init__(self, enabled: bool, files: int) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.files = files
        self._progress: Any = None
        self._file_task: Any = None
        self._page_task: Any = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            self._progress = _rich_progress()
            self._progress.start()
            if self.files > 1:
                self._file_task = self._progress.add_task("files", total=self.files)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start_file(self, name: str) -> None:
        if self._progress is not None:
            if self._page_task is not None:
                self._progress.remove_task(self._page_task)
            self._page_task = self._progress.add_task(name[:40], total=None)

    def page_done(self, done: int, total: int) -> None:
        if self._progress is not None and self._page_task is not None and total > 1:
            self._progress.update(self._page_task, completed=done, total=total)

    def end_file(self, ok: bool) -> None:
        if self._progress is not None and self._file_task is not None:
            self._progress.advance(self._file_task)


class BatchProgress:
    """Files done/total with ETA, plus pages, pages/s and failures; failure lines go to stderr."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._progress: Any = None
        self._task: Any = None
        self._start = time.monotonic()
        self._pages_done = 0
        self._in_flight: dict[str, int] = {}  # input -> pages done so far
        self.failures = 0
        self.skipped_count = 0
        self.finished_count = 0
        self.total_files: int | None = None
        self._first_finish: float | None = None

    def __enter__(self) -> "BatchProgress":
        if self.enabled:
            from rich.progress import TextColumn

            self._progress = _rich_progress(TextColumn("{task.fields[stats]}"), time_remaining=False)
            self._progress.start()
            self._task = self._progress.add_task("files", total=None, stats="")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    @property
    def pages(self) -> int:
        return self._pages_done + sum(self._in_flight.values())

    def pages_per_second(self) -> float:
        return self.pages / max(time.monotonic() - self._start, 1e-6)

    def _refresh(self) -> None:
        if self._progress is None:
            return
        stats = f"{self.pages} pages · {self.pages_per_second():.1f} pages/s · {self.failures} failed"
        stats = f"{self.eta()} · {stats}"
        if self.skipped_count:
            stats += f" · {self.skipped_count} resumed"
        self._progress.update(self._task, completed=self.finished_count + self.skipped_count, stats=stats)

    def eta(self) -> str:
        if self.total_files is None:
            return format_eta(None)
        remaining = self.total_files - self.finished_count - self.skipped_count
        return format_eta(eta_seconds(self._first_finish, time.monotonic(), self.finished_count, remaining))

    def planned(self, files: int) -> None:
        self._start = time.monotonic()
        self.total_files = files
        if self._progress is not None:
            self._progress.update(self._task, total=files)

    def skipped(self, key: str) -> None:
        self.skipped_count += 1
        self._refresh()

    def page(self, progress: "PageProgress") -> None:
        self._in_flight[progress.key] = progress.done
        self._refresh()

    def finished(self, record: "ManifestRecord") -> None:
        from docparse.batch.manifest import Status

        self.finished_count += 1
        if self._first_finish is None:
            self._first_finish = time.monotonic()
        self._pages_done += record.pages
        self._in_flight.pop(record.input, None)
        if record.status is not Status.OK:
            self.failures += 1
            for line in failure_lines(record):
                self.print(line)
        self._refresh()

    def print(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)


def failure_lines(record: "ManifestRecord") -> list[str]:
    """One line per failure, naming the file and (for page failures) the page."""
    lines = [f"docparse: {record.input}: {record.error} [{record.status.value}]"] if record.error else []
    for issue in record.page_errors:  # "page N: message"
        where, _, message = issue.partition(": ")
        lines.append(f"docparse: {record.input} ({where}): {message}")
    return lines
