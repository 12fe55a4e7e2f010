"""Time and size limits. A page past its deadline is abandoned and recorded; so is the rest of
a file past the file deadline.

Three layers, from soft to hard:

* :func:`page_deadline` – ``SIGALRM`` raises :class:`PageTimeout` in the converting code. It is
  delivered when control returns to the interpreter: PyMuPDF holds the GIL inside MuPDF, so a
  single native call is not cut short; the size limits below keep native calls bounded.
* :class:`FileDeadline` – one clock per file; each page gets ``min(page limit, time left)`` and
  pages after the deadline are recorded as not converted instead of being started.
* :func:`hard_deadline` – for single-process command-line use: a watchdog *process* that
  prints one line and kills this process if it is still inside the block at the deadline
  (works even while native code holds the GIL). Never used by the library itself.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from docparse.errors import LimitExceeded, PageTimeout

if TYPE_CHECKING:
    from docparse.config import LimitOptions

_CHUNK = 1 << 16


def _alarm_usable(seconds: float | None) -> bool:
    return (
        seconds is not None
        and seconds > 0
        and math.isfinite(seconds)
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )


@contextmanager
def page_deadline(seconds: float | None, *, source: str, page: int) -> Iterator[None]:
    """Raise :class:`PageTimeout` inside the block once ``seconds`` have passed.

    Uses ``SIGALRM`` (main thread on POSIX only; elsewhere the limit is enforced by the batch
    runner's per-file process timeout). An outer interval timer (a caller's own deadline) is
    restored afterwards with the time it has left.
    """
    def timeout() -> LimitExceeded:
        return PageTimeout(f"page took longer than {seconds:g} s; abandoned", source=source, page=page)

    with alarm_after(seconds, timeout):
        yield


@contextmanager
def alarm_after(seconds: float | None, make_error: Callable[[], LimitExceeded]) -> Iterator[None]:
    """Raise ``make_error()`` inside the block once ``seconds`` have passed (see page_deadline)."""
    if not _alarm_usable(seconds):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:  # noqa: ARG001
        raise make_error()

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left > 0:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


@dataclass(frozen=True)
class FileDeadline:
    """The time one file may take; ``seconds=None`` means no limit."""

    seconds: float | None
    started: float

    @classmethod
    def start(cls, seconds: float | None) -> "FileDeadline":
        return cls(seconds=seconds if seconds and seconds > 0 else None, started=time.monotonic())

    def left(self) -> float | None:
        if self.seconds is None:
            return None
        return self.seconds - (time.monotonic() - self.started)

    def expired(self) -> bool:
        left = self.left()
        return left is not None and left <= 0

    def page_seconds(self, page_timeout_s: float | None) -> float | None:
        """The limit for the next page: the page limit, or less when the file has less left."""
        left = self.left()
        if left is None:
            return page_timeout_s
        left = max(left, 0.001)
        return left if page_timeout_s is None or page_timeout_s <= 0 else min(page_timeout_s, left)

    def error(self, *, source: str, page: int | None = None, stage: str = "page not converted") -> LimitExceeded:
        return LimitExceeded(f"file time limit of {self.seconds:g} s reached; {stage}", source=source, page=page)

    @contextmanager
    def guard(self, *, source: str, stage: str) -> Iterator[None]:
        """Raise :class:`LimitExceeded` if the block runs past the file deadline."""
        with alarm_after(self.left(), lambda: self.error(source=source, stage=stage)):
            yield


@contextmanager
def hard_deadline(seconds: float | None, message: str) -> Iterator[None]:
    """Kill this process with ``message`` on stderr if the block outlives ``seconds``.

    A watchdog process sleeps, writes the one-line message and sends ``SIGKILL``; leaving the
    block in time kills the watchdog. For the single-process ``docparse FILE`` command, where a
    native call stuck in MuPDF must not hang the caller forever. Exit status seen by the
    parent: -9 (killed), after the message.
    """
    if seconds is None or seconds <= 0 or not math.isfinite(seconds) or os.name != "posix":
        yield
        return
    script = (
        "import os, sys, time\n"
        "time.sleep(float(sys.argv[1]))\n"
        "try:\n"
        "    os.kill(int(sys.argv[2]), 0)\n"
        "except OSError:\n"
        "    sys.exit(0)\n"
        "sys.stderr.write(sys.argv[3] + '\\n'); sys.stderr.flush()\n"
        "os.kill(int(sys.argv[2]), 9)\n"
    )
    watchdog = subprocess.Popen(
        [sys.executable, "-S", "-c", script, f"{seconds:g}", str(os.getpid()), message.replace("\n", " ")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        watchdog.kill()
        watchdog.wait()


def hard_file_seconds(file_timeout_s: float | None, page_timeout_s: float | None) -> float | None:
    """When the watchdog fires: past the file limit by one page limit and 30 s of grace, so the
    soft deadlines always get their chance to record the pages first."""
    if file_timeout_s is None or file_timeout_s <= 0:
        return None
    return file_timeout_s + (page_timeout_s or 0.0) + 30.0


@contextmanager
def hard_file_deadline(limits: "LimitOptions", source: str) -> Iterator[None]:
    """:func:`hard_deadline` for converting one file on the command line."""
    seconds = hard_file_seconds(limits.file_timeout_s, limits.page_timeout_s)
    message = (f"docparse: {source}: still running {seconds:g} s after it started (stuck inside "
               f"native code past the file time limit); killed" if seconds else "")
    with hard_deadline(seconds, message):
        yield


def inflated_size(raw: bytes, cap: int) -> int:
    """Bytes a FlateDecode stream inflates to, counting at most ``cap + 1`` (a bomb stops early).

    A stream that does not inflate (damaged, or another filter) counts as its raw length.
    """
    inflater = zlib.decompressobj()
    total = 0
    data = raw
    try:
        while data and total <= cap:
            out = inflater.decompress(data, _CHUNK)
            total += len(out)
            data = inflater.unconsumed_tail
            if inflater.eof or not out:
                break  # end of stream (trailing bytes stay in the tail forever) or no progress
        if total <= cap:
            total += len(inflater.flush())
    except zlib.error:
        return max(total, len(raw))
    return total


def check_size(size: int, limit: int | None, what: str, *, page: int | None = None) -> None:
    if limit is not None and limit > 0 and size > limit:
        raise LimitExceeded(f"{what} is {_human(size)}, over the limit of {_human(limit)}", page=page)


def _human(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.0f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} bytes"
