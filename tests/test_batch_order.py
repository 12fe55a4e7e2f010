"""A batch with several workers starts with its biggest files (bytes as the cost guess), so that a
big file does not start last and keep one worker busy while the others sit idle."""

from __future__ import annotations

from pathlib import Path

from docparse.batch.inputs import largest_first, list_inputs
from docparse.options.batch import ArchiveLimits, InputSelection
from tests.test_batch_support import text_pdf, write, zip_bytes


def test_biggest_files_first_archive_members_together(tmp_path: Path) -> None:
    write(tmp_path / "a-small.pdf", text_pdf("Small", 1, seed=1))
    write(tmp_path / "b-big.pdf", text_pdf("Big", 12, seed=2))
    write(tmp_path / "c-mid.pdf", text_pdf("Mid", 4, seed=3))
    write(tmp_path / "d-pack.zip", zip_bytes({"x.pdf": text_pdf("X", 2, seed=4), "y.pdf": text_pdf("Y", 2, seed=5)}))
    refs = list_inputs([tmp_path], InputSelection(), ArchiveLimits()).refs
    ordered = largest_first(refs)
    names = [r.key.rsplit("/", 1)[-1] for r in ordered]
    sizes = {r.path.name: r.path.stat().st_size for r in refs}
    assert sorted(names) == sorted(r.key.rsplit("/", 1)[-1] for r in refs)  # same inputs, once each
    assert names[0] == "b-big.pdf"
    units = [r.path.name for r in ordered]
    assert [sizes[n] for n in dict.fromkeys(units)] == sorted({sizes[n] for n in units}, reverse=True)
    members = [i for i, r in enumerate(ordered) if r.member is not None]
    assert members == list(range(members[0], members[0] + 2))  # the archive is read once, in one go
