"""Batches that read from and write to object storage (issue 20): a real S3 API on 127.0.0.1
(moto's server, started here), reached through fsspec/s3fs like any S3 endpoint."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from docparse.batch.manifest import Status
from docparse.batch.runner import BatchOptions, run_batch
from docparse.batch.store import MANIFEST_DIR, ObjectStoreOut, is_remote, open_out
from docparse.config import ParseOptions
from tests.test_batch_support import table_pdf, text_pdf, write

pytest.importorskip("s3fs")
moto_server = pytest.importorskip("moto.server")

BUCKET = "docs"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """An S3 server on 127.0.0.1 with one bucket; the AWS_* variables point every client at it
    (this process and the workers it starts)."""
    import boto3

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    env = {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        boto3.client("s3", endpoint_url=url).create_bucket(Bucket=BUCKET)
        yield url
    server.stop()


def put(key: str, data: bytes) -> None:
    ObjectStoreOut(f"s3://{BUCKET}").put(key, data)


def test_object_store_uris_are_told_from_paths() -> None:
    assert is_remote("s3://b/x") and is_remote("gs://b") and is_remote("az://c/p")
    assert not is_remote("/tmp/s3:/x") and not is_remote("relative/dir") and not is_remote("http://host/x.pdf")
    assert open_out("s3://b/out/").uri == "s3://b/out" if _has_s3fs() else True


def test_command_line_keeps_object_store_outputs_as_uris() -> None:
    from docparse.cli import build_parser

    args = build_parser().parse_args(["s3://in/docs", "-o", "s3://bucket/out"])
    assert args.output == "s3://bucket/out" and args.inputs == ["s3://in/docs"]
    assert build_parser().parse_args(["a.pdf", "-o", "out"]).output == Path("out")


def _has_s3fs() -> bool:
    try:
        import s3fs  # noqa: F401
    except ImportError:
        return False
    return True


def test_batch_from_s3_to_s3_matches_local_and_resumes(s3_endpoint: str, tmp_path: Path) -> None:
    docs = {"a.pdf": text_pdf("Alpha", 2, seed=1), "sub/t.pdf": table_pdf(), "bad.pdf": b"not a pdf"}
    for rel, data in docs.items():
        put(f"in/{rel}", data)
        write(tmp_path / "in" / rel, data)
    put("in/notes.txt", b"not a document")  # not selected
    out_uri = f"s3://{BUCKET}/out"
    report = run_batch([f"s3://{BUCKET}/in"], out_uri, ParseOptions(), BatchOptions(workers=2))
    status = {r.input.rsplit("/in/", 1)[-1]: r.status for r in report.records}
    assert status == {"a.pdf": Status.OK, "sub/t.pdf": Status.OK, "bad.pdf": Status.FAILED}

    store = ObjectStoreOut(out_uri)
    local = tmp_path / "local"
    run_batch([tmp_path / "in"], local, ParseOptions(), BatchOptions(workers=1))
    for rel in ["a.md", "sub/t.md", "sub/t/table-p1-1.csv"]:
        assert store.fs.cat(store.path(rel)) == (local / rel).read_bytes(), rel
    for rel in ["a.json", "a.summary.json", "sub/t.json"]:  # the same but for the source named
        remote_json = json.loads(store.fs.cat(store.path(rel)))
        local_json = json.loads((local / rel).read_text())
        assert remote_json["source"].startswith(f"s3://{BUCKET}/in/")
        assert {**remote_json, "source": None} == {**local_json, "source": None}, rel
    manifest = store.read_manifest()
    assert sorted(r.input for r in manifest) == sorted(f"s3://{BUCKET}/in/{rel}" for rel in docs)
    assert len(store.fs.find(store.path(MANIFEST_DIR))) == 3  # one record object an input
    assert not [p for p in store.fs.find(store.root) if p.endswith(".tmp")]

    # a rerun converts nothing (the manifest lives in the same store)
    rerun = run_batch([f"s3://{BUCKET}/in"], out_uri, ParseOptions(), BatchOptions(workers=2, resume=True))
    assert not rerun.records and len(rerun.skipped) == 2 and len(rerun.carried) == 1
    assert len(store.read_manifest()) == 3

    put("in/a.pdf", text_pdf("Alpha v2", 2, seed=5))  # changed bytes: converted again, alone
    again = run_batch([f"s3://{BUCKET}/in"], out_uri, ParseOptions(), BatchOptions(workers=1, resume=True))
    assert [r.input for r in again.records] == [f"s3://{BUCKET}/in/a.pdf"]
    assert b"Alpha v2" in store.fs.cat(store.path("a.md"))
    assert len(store.read_manifest()) == 3  # the input's record replaced, not added


def test_the_driver_lists_objects_and_never_downloads_them(s3_endpoint: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Resume is keyed on the store's version of each object (ETag and size, from the listing);
    the worker reads the object and records its SHA-256."""
    import hashlib

    from docparse.batch import store as store_module

    def no_download(uri: str) -> tuple[bytes, str]:
        raise AssertionError(f"the driver downloaded {uri}")

    monkeypatch.setattr(store_module, "read_remote", no_download)  # the driver only: workers are processes
    data = text_pdf("Listed", 1, seed=7)
    put("vin/a.pdf", data)
    out = tmp_path / "out"
    report = run_batch([f"s3://{BUCKET}/vin"], out, ParseOptions(), BatchOptions(workers=1))
    [record] = report.records
    assert record.status is Status.OK and record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.version is not None and record.version.startswith("etag:")
    assert not run_batch([f"s3://{BUCKET}/vin"], out, ParseOptions(), BatchOptions(workers=1, resume=True)).records
    put("vin/a.pdf", text_pdf("Listed v2", 1, seed=8))  # a new ETag: converted again
    again = run_batch([f"s3://{BUCKET}/vin"], out, ParseOptions(), BatchOptions(workers=1, resume=True))
    assert [r.status for r in again.records] == [Status.OK] and "Listed v2" in (out / "a.md").read_text()


def test_missing_prefix_is_a_failure_record(s3_endpoint: str, tmp_path: Path) -> None:
    report = run_batch([f"s3://{BUCKET}/nothing-here"], tmp_path / "out", ParseOptions(), BatchOptions(workers=1))
    assert [(r.input, r.status, r.error) for r in report.records] == [
        (f"s3://{BUCKET}/nothing-here", Status.FAILED, "file not found")]


def test_ray_data_from_s3_to_s3_equals_the_pool(s3_endpoint: str, tmp_path: Path) -> None:
    """Ray Data on a local Ray (2 CPUs) reading from and writing to S3: the driver lists the
    objects (their ETags are the resume keys), the actors read them and write OUT in the store themselves; the outputs
    equal the process pool's, and a rerun converts nothing."""
    ray = pytest.importorskip("ray")
    from docparse.options.batch import RayOptions

    for rel, data in {"a.pdf": text_pdf("Alpha", 2, seed=1), "sub/t.pdf": table_pdf()}.items():
        put(f"rin/{rel}", data)
    pool_uri, ray_uri = f"s3://{BUCKET}/rpool", f"s3://{BUCKET}/rray"
    run_batch([f"s3://{BUCKET}/rin"], pool_uri, ParseOptions(), BatchOptions(workers=1))
    env = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
             runtime_env={"env_vars": env})
    try:
        report = run_batch([f"s3://{BUCKET}/rin"], ray_uri, ParseOptions(), BatchOptions(workers=2, backend=RayOptions()))
        assert sorted(r.status for r in report.records) == [Status.OK, Status.OK]
        rerun = run_batch([f"s3://{BUCKET}/rin"], ray_uri, ParseOptions(),
                          BatchOptions(workers=2, backend=RayOptions(), resume=True))
        assert not rerun.records and len(rerun.skipped) == 2
    finally:
        ray.shutdown()
    pool, by_ray = ObjectStoreOut(pool_uri), ObjectStoreOut(ray_uri)
    names = sorted(p[len(pool.root) + 1:] for p in pool.fs.find(pool.root) if MANIFEST_DIR not in p)
    assert "sub/t/table-p1-1.csv" in names and ".docparse-attempts" not in " ".join(by_ray.fs.find(by_ray.root))
    for rel in names:
        assert by_ray.fs.cat(by_ray.path(rel)) == pool.fs.cat(pool.path(rel)), rel
