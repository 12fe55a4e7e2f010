"""docparse's own error types. Bad input raises these, never a bare traceback."""

from __future__ import annotations

MAX_MESSAGE_CHARS = 300


class DocparseError(Exception):
    """Base class: every failure docparse reports about an input."""

    def __init__(self, message: str, *, source: str | None = None, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.page = page

    def one_line(self) -> str:
        where = self.source or "<input>"
        if self.page is not None:
            where += f" (page {self.page})"
        return f"{where}: {self.message}".replace("\n", " ")

    def __str__(self) -> str:
        return self.one_line()


class InputError(DocparseError):
    """The input is not a readable document (missing, empty, not a PDF or image, damaged)."""


class PasswordRequired(InputError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class LimitExceeded(DocparseError):
    """A configured limit (pages, pixels, size, time) was hit."""


class PageTimeout(LimitExceeded):
    """A page took longer than the per-page time limit and was abandoned."""


class PageFailed(DocparseError):
    """A page could not be converted: an unexpected error inside a stage (recorded, not raised)."""


class UsageError(DocparseError):
    """The caller asked for something impossible (bad option values, pages a document lacks)."""

    def one_line(self) -> str:
        """The message; with the file first when the error is about one input."""
        return super().one_line() if self.source else self.message


def one_line_message(exc: BaseException, limit: int = MAX_MESSAGE_CHARS) -> str:
    """An exception as one short line: its first meaningful line, never an embedded traceback.

    Native libraries (ONNX Runtime, MuPDF) put multi-line reports and whole tracebacks into
    their exception text; a per-page issue or a CLI error line keeps only the reason.
    """
    text = valid_text(exc.message if isinstance(exc, DocparseError) else str(exc))
    text = text.split("Traceback (most recent call last)", 1)[0]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    first = lines[0] if lines else ""
    first = first.rstrip(":").strip() or type(exc).__name__
    if not isinstance(exc, DocparseError) and not first.startswith(type(exc).__name__):
        first = f"{type(exc).__name__}: {first}"
    return first if len(first) <= limit else first[: limit - 1] + "…"


def valid_text(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes from a damaged file) replaced by '?',
    so that it can always be written as UTF-8 JSON."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def own_cause(exc: BaseException, depth: int = 10) -> DocparseError | None:
    """The DocparseError an exception wraps, if any (a library that catches our PageTimeout and
    re-raises its own error type keeps ours as ``__cause__`` or ``__context__``)."""
    current: BaseException | None = exc
    for _ in range(depth):
        if current is None:
            return None
        if isinstance(current, DocparseError):
            return current
        current = current.__cause__ or current.__context__
    return None
