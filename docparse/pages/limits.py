"""Time limits for one page. A page past its deadline is abandoned and recorded."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from docparse.errors import PageTimeout


@contextmanager
def page_deadline(seconds: float | None, *, source: str, page: int) -> Iterator[None]:
    """Raise :class:`PageTimeout` inside the block once ``seconds`` have passed.

    Uses ``SIGALRM`` (main thread on POSIX only; elsewhere the limit is enforced by the batch
    runner's per-file process timeout). Native code that never returns to Python is cut off
    at its next return to the interpreter.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:  # noqa: ARG001
        raise PageTimeout(f"page took longer than {seconds:g} s; abandoned", source=source, page=page)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
