"""Hostile arguments to the Python API and the CLI (issue 21): a FIFO, a name the system
refuses, values that are not sources. Each ends in a docparse error quickly, never a raw
TypeError/OSError, a traceback or a read that blocks forever."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import docparse
from docparse.errors import InputError, UsageError

LONG_NAME = "x" * 300 + ".pdf"  # one path component over the 255-byte limit


def parse_in_thread(source: object, seconds: float = 20.0) -> BaseException | None:
    """The exception ``docparse.parse(source)`` raised; fails the test if it blocks."""
    caught: list[BaseException] = []

    def run() -> None:
        try:
            docparse.parse(source, ocr="never")  # type: ignore[arg-type]
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            caught.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"parse({source!r}) still blocked after {seconds} s"
    return caught[0] if caught else None


@pytest.mark.parametrize("source", [None, 3, ["a.pdf"], 2.5])
def test_a_value_that_is_not_a_source_is_a_usage_error(source: object) -> None:
    error = parse_in_thread(source)
    assert isinstance(error, UsageError) and "path or bytes" in str(error)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    error = parse_in_thread(fifo)
    assert isinstance(error, InputError) and "not a regular file" in str(error) and "pipe.pdf" in str(error)


def test_a_name_over_255_bytes_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    error = parse_in_thread(tmp_path / LONG_NAME)
    assert isinstance(error, InputError) and "File name too long" in str(error) and LONG_NAME in str(error)
    assert isinstance(parse_in_thread("a\0b.pdf"), InputError)


@pytest.mark.parametrize("with_output", [False, True])
def test_cli_reports_a_long_name_without_a_traceback_or_blaming_the_output(tmp_path: Path,
                                                                          with_output: bool) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docparse", LONG_NAME] + (["-o", str(out)] if with_output else [])
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "File name too long" in run.stderr
    assert LONG_NAME in run.stderr and "cannot write" not in run.stderr
