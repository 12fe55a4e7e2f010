"""Hostile batch inputs and outputs (issue 21): the batch deletes only its own temp files, outputs
honour the umask, names that are not UTF-8, damaged archive members, symlinks out of the tree."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from docparse.batch.manifest import Status
from docparse.batch.runner import BatchOptions, run_batch
from docparse.config import ParseOptions
from docparse.options.batch import OutputFormat
from docparse.renderers.files import TEMP_MARK, write_atomic
from tests.test_batch_support import text_pdf, write

MD = BatchOptions(workers=1, formats=(OutputFormat.MARKDOWN,))


def test_batch_deletes_only_its_own_temp_files(tmp_path: Path) -> None:
    source = tmp_path / "in" / "a.pdf"
    write(source, text_pdf("Alpha report", 1, seed=1))
    out = tmp_path / "out"
    user_files = [out / ".notes.x.tmp", out / "deep" / ".draft.md.k2j3h4.tmp",
                  out / ".a.md.k2j3h4.tmp",  # a mkstemp-like name at an output path: not ours
                  out / "other" / f".a.md.{TEMP_MARK}-{'0' * 24}.tmp"]  # marked, but no output path of ours
    for path in user_files:
        write(path, b"user data")
    stale = out / f".a.md.{TEMP_MARK}-{'ab' * 12}.tmp"  # a killed earlier run's temp at our output path
    write(stale, b"half")
    report = run_batch([source], out, ParseOptions(), MD)
    assert [r.status for r in report.records] == [Status.OK]
    assert all(path.read_bytes() == b"user data" for path in user_files)
    assert not stale.exists() and (out / "a.md").is_file()


def test_outputs_honour_the_umask(tmp_path: Path) -> None:
    source = tmp_path / "in" / "a.pdf"
    write(source, text_pdf("Alpha report", 1, seed=1))
    old = os.umask(0o027)
    try:
        run_batch([source], tmp_path / "out", ParseOptions(), MD)
        write_atomic(tmp_path / "direct.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out" / "a.md").stat().st_mode) == 0o640  # was 0600 whatever the umask
    assert stat.S_IMODE((tmp_path / "direct.txt").stat().st_mode) == 0o640
