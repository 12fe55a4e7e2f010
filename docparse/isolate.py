"""One conversion in a child process that is killed when its deadline passes.

The page and file deadlines (:mod:`docparse.pages.limits`) stop Python work at the next
bytecode; a native call that runs away inside MuPDF cannot be interrupted from the same
process. With ``LimitOptions.isolate`` the library converts in a spawned child instead: the
child keeps its soft deadlines (timed-out pages are recorded as usual), and the caller kills it
``isolate_grace_s`` after the file limit, from whatever thread it called from (no signals, no
state shared between calls). The caller gets the :class:`~docparse.document.Document`, the
child's :class:`~docparse.errors.DocparseError`, or :class:`~docparse.errors.LimitExceeded` when
the child had to be killed (or died: a native crash, out of memory).
"""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docparse import errors
from docparse.errors import DocparseError, LimitExceeded, PageFailed

if TYPE_CHECKING:
    from docparse.config import ParseOptions
    from docparse.document import Document
    from docparse.pages.open import Source


def hard_seconds(options: "ParseOptions") -> float | None:
    """When the child is killed: the file limit plus the grace (None: no file limit, never)."""
    limits = options.limits
    if limits.file_timeout_s is None:
        return None
    return limits.file_timeout_s + limits.isolate_grace_s


def _child(conn: Any, source: "Source", options: "ParseOptions") -> None:  # noqa: ANN401 - a Connection
    from docparse.pipeline import convert

    try:
        document = convert(source, options)
        conn.send_bytes(pickle.dumps(("ok", document)))
    except DocparseError as exc:
        conn.send_bytes(pickle.dumps(("error", (type(exc).__name__, exc.message, exc.source, exc.page))))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as a failed conversion
        conn.send_bytes(pickle.dumps(("error", ("PageFailed", f"internal error: {type(exc).__name__}: {exc}",
                                                None, None))))
    finally:
        conn.close()


def _portable(source: "Source") -> "Source":
    """A path as an absolute path (the child may resolve it elsewhere), bytes as bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    return str(Path(os.fspath(source)).absolute()) if isinstance(source, (str, os.PathLike)) else source


def convert_isolated(source: "Source", options: "ParseOptions") -> "Document":
    """:func:`docparse.pipeline.convert` in a child process killed past :func:`hard_seconds`."""
    import multiprocessing

    from docparse.pages.open import source_name

    name = source_name(source)
    child_options = replace(options, limits=replace(options.limits, isolate=False))
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, _portable(source), child_options), daemon=True,
                              name="docparse-isolated")
    process.start()
    send.close()
    seconds = hard_seconds(options)
    try:
        if not receive.poll(seconds):
            raise LimitExceeded(f"conversion still running {seconds:g} s after it started (stuck inside native "
                                "code past the file time limit); its process was killed", source=name)
        try:
            kind, payload = pickle.loads(receive.recv_bytes())
        except (EOFError, OSError):
            raise PageFailed("the conversion process died (a native crash or out of memory)", source=name) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if kind == "ok":
        return payload
    error_name, message, error_source, page = payload
    error_type = getattr(errors, error_name, PageFailed)
    raise error_type(message, source=error_source or name, page=page)
