"""The Ray backend on a local Ray instance: same outputs, manifest and resume as the process pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from docparse.batch.manifest import MANIFEST_NAME, Status, read_manifest
from docparse.batch.runner import BatchOptions, run_batch
from docparse.config import ParseOptions
from docparse.options.batch import RayOptions
from tests.test_batch_support import table_pdf, text_pdf, write, zip_bytes

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_batch_matches_the_pool_and_resumes(local_ray: None, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write(inputs / "a.pdf", text_pdf("Alpha", 2, seed=1))
    write(inputs / "sub" / "t.pdf", table_pdf())
    write(inputs / "bad.pdf", b"not a pdf")
    write(inputs / "pack.zip", zip_bytes({"docs/c.pdf": text_pdf("Gamma", 1, seed=3)}))
    out = tmp_path / "out"
    report = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2, backend=RayOptions()))
    status = {Path(r.input.split("::")[-1]).name: r.status for r in report.records}
    assert status == {"a.pdf": Status.OK, "t.pdf": Status.OK, "bad.pdf": Status.FAILED, "c.pdf": Status.OK}
    for rel in ["a.md", "a.json", "a.summary.json", "sub/t.md", "sub/t/table-p1-1.csv", "pack.zip/docs/c.md"]:
        assert (out / rel).is_file(), rel

    pool_out = tmp_path / "pool"
    run_batch([inputs], pool_out, ParseOptions(), BatchOptions(workers=2))
    for path in out.rglob("*"):
        if path.is_file() and path.name != MANIFEST_NAME:
            assert path.read_bytes() == (pool_out / path.relative_to(out)).read_bytes(), path

    write(inputs / "a.pdf", text_pdf("Alpha v2", 2, seed=5))
    again = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2, backend=RayOptions(), resume=True))
    assert [Path(r.input).name for r in again.records] == ["a.pdf"]
    assert [Path(r.input).name for r in again.carried] == ["bad.pdf"]  # failed before: reported, not redone
    assert len(again.skipped) == 2 and "Alpha v2" in (out / "a.md").read_text()
    assert ray.is_initialized()  # the backend leaves a Ray it did not start alone
    inputs_recorded = [r.input for r in read_manifest(out / MANIFEST_NAME) if r.status is Status.OK]
    assert len(inputs_recorded) == 4  # 3 from the first run + a.pdf again; t and c not duplicated
