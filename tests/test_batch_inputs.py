"""Batch inputs: directories with globs, archives streamed safely (traversal, links, bombs),
collision-free mirrored output stems, and the manifest's tolerance of torn lines."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from docparse.batch.archives import ArchiveLimits, ArchiveReader, safe_member_name
from docparse.batch.inputs import InputFailure, InputRef, InputSelection, iter_payloads, list_inputs, output_stems
from docparse.batch.manifest import ManifestRecord, ManifestWriter, Status, is_done, read_manifest
from tests.test_batch_support import tar_bytes, text_pdf, write, zip_bytes

LIMITS = ArchiveLimits()


@pytest.mark.parametrize("raw,safe", [
    ("a/b.pdf", "a/b.pdf"), ("./a//b.pdf", "a/b.pdf"), ("../x.pdf", None), ("a/../../x.pdf", None),
    ("/etc/passwd", None), ("C:/x.pdf", None), ("a\\..\\..\\x.pdf", None), ("", None),
])
def test_safe_member_name(raw: str, safe: str | None) -> None:
    got = safe_member_name(raw)
    assert (got.as_posix() if got else None) == safe


def test_directory_recursive_with_include_exclude(tmp_path: Path) -> None:
    pdf = text_pdf("x", pages=1)
    for rel in ["a.pdf", "sub/b.pdf", "sub/deep/c.PDF", "drafts/d.pdf", "notes.txt"]:
        write(tmp_path / "in" / rel, pdf)
    listing = list_inputs([tmp_path / "in"], InputSelection(), LIMITS)
    assert [r.rel.as_posix() for r in listing.refs] == ["a.pdf", "drafts/d.pdf", "sub/b.pdf", "sub/deep/c.PDF"]
    listing = list_inputs([tmp_path / "in"], InputSelection(exclude=("drafts/*",)), LIMITS)
    assert "drafts/d.pdf" not in [r.rel.as_posix() for r in listing.refs]
    listing = list_inputs([tmp_path / "in"], InputSelection(include=("sub/*",)), LIMITS)
    assert [r.rel.as_posix() for r in listing.refs] == ["sub/b.pdf", "sub/deep/c.PDF"]
    listing = list_inputs([tmp_path / "missing"], InputSelection(), LIMITS)
    assert listing.failures == [InputFailure(key=str(tmp_path / "missing"), message="file not found")]


def test_zip_and_tar_members_are_streamed_and_mirrored(tmp_path: Path) -> None:
    a, b = text_pdf("A", 1, seed=1), text_pdf("B", 1, seed=2)
    write(tmp_path / "docs.zip", zip_bytes({"2020/a.pdf": a, "readme.txt": b"hi"}))
    write(tmp_path / "more.tar.gz", tar_bytes({"x/b.pdf": b}))
    listing = list_inputs([tmp_path / "docs.zip", tmp_path / "more.tar.gz"], InputSelection(), LIMITS)
    assert [r.rel.as_posix() for r in listing.refs] == ["docs.zip/2020/a.pdf", "more.tar.gz/x/b.pdf"]
    assert listing.refs[0].key == f"{tmp_path / 'docs.zip'}::2020/a.pdf"
    payloads = list(iter_payloads(listing.refs, LIMITS))
    assert [p.data for p in payloads] == [a, b]  # type: ignore[union-attr]
    assert not any(tmp_path.rglob("2020"))  # nothing was extracted to disk


def test_path_traversal_and_links_are_refused_not_extracted(tmp_path: Path) -> None:
    pdf = text_pdf("A", 1)
    write(tmp_path / "evil.zip", zip_bytes({"../../outside.pdf": pdf, "/abs.pdf": pdf, "ok.pdf": pdf}))
    write(tmp_path / "evil.tar", tar_bytes({"../up.pdf": pdf, "fine.pdf": pdf}, mode="w",
                                           symlinks={"link.pdf": "/etc/passwd"}))
    listing = list_inputs([tmp_path / "evil.zip", tmp_path / "evil.tar"], InputSelection(), LIMITS)
    assert [r.rel.as_posix() for r in listing.refs] == ["evil.zip/ok.pdf", "evil.tar/fine.pdf"]
    refused = {f.key.split("::")[1]: f.message for f in listing.failures}
    assert set(refused) == {"../../outside.pdf", "/abs.pdf", "../up.pdf", "link.pdf"}
    assert "unsafe path" in refused["../up.pdf"] and "links" in refused["link.pdf"]
    assert not (tmp_path.parent / "outside.pdf").exists() and not (tmp_path / "up.pdf").exists()


def test_zip_bomb_by_ratio_and_total_size(tmp_path: Path) -> None:
    zeros = b"\0" * 20_000_000  # deflates ~1000:1
    write(tmp_path / "bomb.zip", zip_bytes({"bomb.pdf": zeros, "ok.pdf": text_pdf("A", 1)}))
    listing = list_inputs([tmp_path / "bomb.zip"], InputSelection(), LIMITS)
    assert [r.rel.name for r in listing.refs] == ["ok.pdf"]
    assert listing.failures[0].status == "limit" and "archive bomb" in listing.failures[0].message
    small = ArchiveLimits(max_total_bytes=1000)
    listing = list_inputs([tmp_path / "bomb.zip"], InputSelection(), small)
    assert listing.refs == [] and listing.failures[0].status == "limit"


def test_tar_bomb_ratio_and_member_count(tmp_path: Path) -> None:
    write(tmp_path / "bomb.tar.gz", tar_bytes({"big.pdf": b"\0" * 10_000_000}))
    with pytest.raises(Exception, match="compression ratio"):
        ArchiveReader(tmp_path / "bomb.tar.gz", LIMITS).scan()
    write(tmp_path / "many.tar", tar_bytes({f"f{i}.pdf": b"%PDF-" for i in range(20)}, mode="w"))
    with pytest.raises(Exception, match="more than 10 members"):
        ArchiveReader(tmp_path / "many.tar", ArchiveLimits(max_members=10)).scan()


def test_member_that_lies_about_its_size_is_cut_off(tmp_path: Path) -> None:
    data = zip_bytes({"a.pdf": b"%PDF-1.4 " + b"x" * 5000}, compression=zipfile.ZIP_STORED)
    # rewrite the declared sizes in both headers to 10 bytes: the reader must not trust them
    real = (5009).to_bytes(4, "little")
    data = data.replace(real, (10).to_bytes(4, "little"))
    write(tmp_path / "liar.zip", data)
    listing = list_inputs([tmp_path / "liar.zip"], InputSelection(), LIMITS)
    payloads = list(iter_payloads(listing.refs, LIMITS))
    assert len(payloads) == 1 and isinstance(payloads[0], InputFailure)  # no bytes came back
    assert "declared size" in payloads[0].message or "Bad CRC" in payloads[0].message


def test_output_stems_mirror_paths_without_collisions() -> None:
    def ref(rel: str) -> InputRef:
        return InputRef(key=rel, rel=PurePosixPath(rel), path=Path(rel))

    refs = [ref("a.pdf"), ref("a.png"), ref("sub/a.pdf"), ref("a.summary.pdf"), ref("x.zip/a.pdf"), ref("a.pdf")]
    assert output_stems(refs) == ["a", "a-2", "sub/a", "a.summary-2", "x.zip/a", "a-3"]


def test_manifest_survives_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    record = ManifestRecord(input="a.pdf", sha256="h", options="o", status=Status.OK, pages=2,
                            outputs=("a.md",))
    with ManifestWriter(path, fresh=True) as writer:
        writer.append(record)
    with path.open("a") as fh:
        fh.write('{"input": "b.pdf", "sha2')  # killed mid-write
    assert [r.input for r in read_manifest(path)] == ["a.pdf"]
    with ManifestWriter(path, fresh=False) as writer:
        writer.append(ManifestRecord(input="c.pdf", sha256="h", options="o", status=Status.FAILED, error="bad"))
    assert [r.input for r in read_manifest(path)] == ["a.pdf", "c.pdf"]
    lines = path.read_text().splitlines()
    assert json.loads(lines[-1])["status"] == "failed"
    write(tmp_path / "a.md", b"# a")
    assert is_done(read_manifest(path)[0], "h", "o", tmp_path)
    assert not is_done(read_manifest(path)[0], "other-hash", "o", tmp_path)
    assert not is_done(read_manifest(path)[0], "h", "other-options", tmp_path)
    (tmp_path / "a.md").unlink()
    assert not is_done(read_manifest(path)[0], "h", "o", tmp_path)  # an output went missing
