"""Coverage-guided fuzzing of the whole conversion with atheris (libFuzzer).

    python tests/fuzz_atheris.py -max_total_time=600 -artifact_prefix=crashes/ SEED_DIR...

Seed folders may hold real PDFs (e.g. ../shared/corpus/robustness/qpdf/...). The property is
the same as in tests/test_robust_property.py: ``convert`` returns a Document or raises a
:class:`DocparseError`; any other exception is a finding (libFuzzer writes the input under
``-artifact_prefix`` and exits non-zero).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["docparse"]):
    from docparse.config import ParseOptions
    from docparse.errors import DocparseError
    from docparse.pipeline import convert

OPTIONS = ParseOptions.from_kwargs(
    ocr="never", pages="1-2", page_timeout_s=10.0, file_timeout_s=30.0,
    max_content_bytes=8 << 20, max_image_pixels=4_000_000, max_pages=20,
)


def test_one_input(data: bytes) -> None:
    try:
        convert(data, OPTIONS)
    except DocparseError as exc:
        if "\n" in exc.one_line():
            raise AssertionError(f"multi-line error: {exc.one_line()!r}") from None


def main(argv: list[str]) -> None:
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
