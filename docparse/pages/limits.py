"""Time and size limits. A page past its deadline is abandoned and recorded; so is the rest of
a file past the file deadline.

Three layers, from soft to hard, none with process-wide state (no signals, no shared timer):

* :class:`Deadline` – runs one call in the calling thread (any thread, not only the main one)
  with a watchdog thread of its own. At the deadline the watchdog raises
  :class:`DeadlineInterrupt` *asynchronously* in the converting thread
  (``PyThreadState_SetAsyncExc``); the call ends with the caller's error
  (:class:`PageTimeout`, :class:`LimitExceeded`). The interrupt is delivered when that thread
  next runs Python bytecode: a single native call (a MuPDF render, an ONNX inference, one long
  ``time.sleep``) is **not** cut short – the size limits below keep native calls bounded, and
  :meth:`Deadline.check` at stage boundaries stops a page whose interrupt a library swallowed.
  :class:`DeadlineInterrupt` is a ``BaseException`` so that ``except Exception`` in a reader
  does not swallow it.
* :class:`FileDeadline` – one clock per file; each page gets ``min(page limit, time left)`` and
  pages after the deadline are recorded as not converted instead of being started.
* :func:`hard_deadline` – for single-process command-line use: a watchdog *process* that
  prints one line and kills this process if it is still inside the block at the deadline
  (works even while native code holds the GIL). Never used by the library itself; the batch
  runner's ``--file-timeout`` kills its worker process in the same spirit.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, TypeVar

from docparse.errors import LimitExceeded, PageTimeout

if TYPE_CHECKING:
    from docparse.config import LimitOptions

_CHUNK = 1 << 16
T = TypeVar("T")


class DeadlineInterrupt(BaseException):
    """Raised asynchronously in a thread whose :class:`Deadline` passed; never leaves
    :meth:`Deadline.run` (it becomes the caller's error there)."""


def _set_async_exc(thread_id: int, exc_type: type[BaseException] | None) -> bool:
    """Raise ``exc_type`` in the thread ``thread_id`` at its next bytecode (``None`` cancels a
    pending one). False where the interpreter offers no such call (then only checks work)."""
    try:
        import ctypes

        set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # pragma: no cover - not CPython
        return False
    return bool(set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None))


def _limited(seconds: float | None) -> bool:
    return seconds is not None and seconds > 0 and math.isfinite(seconds)


class Deadline:
    """At most ``seconds`` for one call, in whatever thread makes it; ``None`` or ``<= 0`` means
    no limit. Past the deadline the call ends with ``make_error()``: the watchdog's interrupt
    lands at the next bytecode, or :meth:`check` raises at the next stage boundary. A call that
    outlived its deadline ends with the error even if it swallowed the interrupt and finished.
    """

    def __init__(self, seconds: float | None, make_error: Callable[[], BaseException]) -> None:
        self.seconds = seconds if _limited(seconds) else None
        self.make_error = make_error
        self.started = time.monotonic()
        self.fired = False
        self._stopped = threading.Event()
        self._thread_id = 0

    def expired(self) -> bool:
        return self.fired or (self.seconds is not None and time.monotonic() - self.started >= self.seconds)

    def check(self) -> None:
        """A cooperative stop between stages: raise the deadline's error if it has passed."""
        if self.expired():
            raise self.make_error()

    def run(self, call: Callable[[], T]) -> T:
        """``call()`` under this deadline, in the calling thread."""
        if self.seconds is None:
            return call()
        self.started = time.monotonic()
        self._thread_id = threading.get_ident()
        watchdog = threading.Thread(target=self._watch, name="docparse-deadline", daemon=True)
        try:
            watchdog.start()
            result = call()
        finally:
            # no bytecode boundary between here and the try below: a late interrupt lands in it
            while True:
                try:
                    self._stop(watchdog)
                    break
                except DeadlineInterrupt:  # delivered while stopping: the watchdog fires only once
                    continue
            if self.fired:
                raise self.make_error()
        return result

    def _watch(self) -> None:
        if self._stopped.wait(self.seconds):
            return
        self.fired = True
        _set_async_exc(self._thread_id, DeadlineInterrupt)

    def _stop(self, watchdog: threading.Thread) -> None:
        self._stopped.set()
        if watchdog.ident is not None:  # started
            watchdog.join()
        if self.fired:  # an interrupt not yet delivered must not escape into the caller's code
            _set_async_exc(self._thread_id, None)


def page_deadline(seconds: float | None, *, source: str, page: int) -> Deadline:
    """The :class:`Deadline` of one page: it ends with :class:`PageTimeout`."""
    def timeout() -> LimitExceeded:
        return PageTimeout(f"page took longer than {seconds:g} s; abandoned", source=source, page=page)

    return Deadline(seconds, timeout)


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

    def run(self, call: Callable[[], T], *, source: str, stage: str) -> T:
        """``call()``, ended with :class:`LimitExceeded` if it runs past the file deadline."""
        return Deadline(self.page_seconds(None), lambda: self.error(source=source, stage=stage)).run(call)


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
        raise LimitExceeded(f"{what} is {human_bytes(size)}, over the limit of {human_bytes(limit)}", page=page)


def human_bytes(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.0f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} bytes"
