"""docparse's own error types. Bad input raises these, never a bare traceback."""

from __future__ import annotations


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


class UsageError(DocparseError):
    """The caller asked for something impossible (bad option values)."""

    def one_line(self) -> str:
        return self.message
