"""A rich progress display on stderr for files and pages; silent when stderr is no terminal."""

from __future__ import annotations

import sys
from types import TracebackType


class Progress:
    def __init__(self, enabled: bool, files: int) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.files = files
        self._progress = None
        self._file_task = None
        self._page_task = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress,
                                       TextColumn, TimeRemainingColumn)

            self._progress = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeRemainingColumn(), console=Console(stderr=True), transient=True,
            )
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
