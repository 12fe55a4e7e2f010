"""Hostile batch inputs and outputs (issue 21): the batch deletes only its own temp files, outputs
honour the umask, names that are not UTF-8, damaged archive members, symlinks out of the tree."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

from docparse.batch.manifest import MANIFEST_NAME, Status
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


def _bad_name_inputs(root: Path) -> list[Path]:
    """A folder with a non-UTF-8 file name, a tar with a non-UTF-8 member name, and a zip whose
    member name has bytes ff fe and the UTF-8 flag; one good PDF beside them."""
    write(root / "dir" / os.fsdecode(b"caf\xe9.pdf"), text_pdf("Cafe report", 1, seed=4))
    write(root / "good.pdf", text_pdf("Good report", 1, seed=5))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT, encoding="utf-8",
                      errors="surrogateescape") as tf:
        data = text_pdf("Tar report", 1, seed=6)
        info = tarfile.TarInfo(os.fsdecode(b"t\xff.pdf"))
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    write(root / "t.tar", buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("z##.pdf", text_pdf("Zip report", 1, seed=7))
    raw = bytearray(buf.getvalue().replace(b"z##.pdf", b"z\xff\xfe.pdf"))
    for flags_at in (6, raw.index(b"PK\x01\x02") + 8):  # local and central header: "the name is UTF-8"
        raw[flags_at + 1] |= 0x08
    write(root / "z.zip", bytes(raw))
    return [root / "dir", root / "t.tar", root / "z.zip", root / "good.pdf"]


def test_names_that_are_not_utf8_are_escaped_and_resume_works(tmp_path: Path) -> None:
    specs = _bad_name_inputs(tmp_path / "in")
    out = tmp_path / "out"
    report = run_batch(specs, out, ParseOptions(), MD)
    by_name = {r.input.replace(str(tmp_path / "in"), ""): r for r in report.records}
    assert sorted(by_name) == sorted(["/dir/caf\\xe9.pdf", "/t.tar::t\\xff.pdf", "/z.zip::z\\xff\\xfe.pdf",
                                      "/good.pdf"])
    assert all(r.status is Status.OK for r in report.records), [r.error for r in report.records]
    for rel in ["caf\\xe9.md", "t.tar/t\\xff.md", "z.zip/z\\xff\\xfe.md", "good.md"]:
        assert (out / rel).is_file(), rel
    manifest = (out / MANIFEST_NAME).read_bytes().decode("utf-8")  # valid UTF-8, escapes as text
    assert "t\\\\xff.pdf" in manifest
    again = run_batch(specs, out, ParseOptions(), replace(MD, resume=True))
    assert not again.records and len(again.skipped) == 4


def _records(report: object, root: Path) -> dict[str, object]:
    return {r.input.replace(str(root) + "/", ""): r for r in report.records}  # type: ignore[attr-defined]


def test_archive_members_are_independent(tmp_path: Path) -> None:
    root = tmp_path / "in"
    pdfs = {f"p{n}.pdf": text_pdf(f"Member {n} report", 1, seed=10 + n) for n in range(1, 5)}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in pdfs.items():
            zf.writestr(name, data)
    raw = bytearray(buf.getvalue())
    raw[raw.index(b"p2.pdf") + 6 + len(pdfs["p2.pdf"]) // 2] ^= 0xFF  # a byte of p2's stored data: bad CRC
    write(root / "crc.zip", bytes(raw))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for name, data in pdfs.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    tar = buf.getvalue()
    third_end = 3 * 512 + sum(-(-len(d) // 512) * 512 for d in list(pdfs.values())[:3])
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # gzip, cut: no end-of-stream marker
    write(root / "cut.tar.gz", packer.compress(tar[:third_end + 512 + 300]) + packer.flush(zlib.Z_FULL_FLUSH))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("y.pdf", pdfs["p1.pdf"])
        zf.writestr("y.json/z.pdf", pdfs["p2.pdf"])
    write(root / "dirs.zip", buf.getvalue())
    report = run_batch([root / "crc.zip", root / "cut.tar.gz", root / "dirs.zip"], tmp_path / "out",
                       ParseOptions(), MD)
    status = {k: r.status for k, r in _records(report, root).items()}  # type: ignore[attr-defined]
    assert status["crc.zip::p2.pdf"] is Status.FAILED
    assert all(status[f"crc.zip::p{n}.pdf"] is Status.OK for n in (1, 3, 4)), status
    assert all(status[f"cut.tar.gz::p{n}.pdf"] is Status.OK for n in (1, 2, 3)), status
    assert status["cut.tar.gz::p4.pdf"] is Status.FAILED
    assert status["dirs.zip::y.pdf"] is Status.OK and status["dirs.zip::y.json/z.pdf"] is Status.OK, status
    assert (tmp_path / "out" / "dirs.zip" / "y.json" / "z.md").is_file()


def test_directory_inputs_do_not_follow_links_out_of_the_tree(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "inside.pdf", text_pdf("Inside report", 1, seed=20))
    write(tmp_path / "secret" / "outside.pdf", text_pdf("Outside report", 1, seed=21))
    (root / "sub").mkdir()
    (root / "sub" / "linked.pdf").symlink_to(tmp_path / "secret" / "outside.pdf")
    (root / "secrets").symlink_to(tmp_path / "secret", target_is_directory=True)
    (root / "passwd.pdf").symlink_to("/etc/passwd")
    (root / "again.pdf").symlink_to(root / "inside.pdf")  # stays inside: converted
    (root / "loop.pdf").symlink_to(root / "loop.pdf")  # a link loop: refused, not a crash
    report = run_batch([root], tmp_path / "out", ParseOptions(), MD)
    status = {k: r.status for k, r in _records(report, root).items()}  # type: ignore[attr-defined]
    assert status == {"inside.pdf": Status.OK, "again.pdf": Status.OK, "sub/linked.pdf": Status.FAILED,
                      "secrets": Status.FAILED, "passwd.pdf": Status.FAILED, "loop.pdf": Status.FAILED}, status
    assert "symbolic link" in next(r.error for r in report.records if r.input.endswith("passwd.pdf"))
    assert not list((tmp_path / "out").rglob("outside*")) and not list((tmp_path / "out").rglob("linked*"))
