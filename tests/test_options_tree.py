"""One options tree (issue 17): ``DocparseOptions`` holds the conversion (``parse``, VLM
backend settings included), the batch and the service; the batch backend is chosen by the type
of ``BatchOptions.backend`` in one factory; the command line builds the tree."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import pytest

import docparse
from docparse.batch.backends import make_backend
from docparse.batch.pool import ProcessPool
from docparse.batch.ray_backend import RayBackend
from docparse.components import default_readers
from docparse.config import DocparseOptions, OcrOptions, ParseOptions, ReaderMode, VlmOptions
from docparse.errors import UsageError
from docparse.options.batch import BatchOptions, ProcessPoolOptions, RayOptions
from docparse.options.serve import ServeOptions
from docparse.options.vlm import LocalModelOptions, VlmServerOptions


def test_the_tree_reaches_vlm_batch_and_serve_options() -> None:
    tree = DocparseOptions()
    assert isinstance(tree.parse, ParseOptions) and isinstance(tree.batch, BatchOptions)
    assert isinstance(tree.serve, ServeOptions)
    assert isinstance(tree.parse.vlm.local, LocalModelOptions)
    assert isinstance(tree.parse.vlm.server, VlmServerOptions)
    assert isinstance(tree.batch.backend, ProcessPoolOptions)
    assert docparse.DocparseOptions is DocparseOptions


def test_batch_backend_is_chosen_by_the_options_type() -> None:
    pool = make_backend(BatchOptions(workers=2), file_timeout_s=30.0)
    assert isinstance(pool, ProcessPool) and pool.workers == 2 and not pool.ships_files
    ray = make_backend(BatchOptions(workers=3, backend=RayOptions(address="head:6379", dataset=False)),
                       file_timeout_s=None)
    assert isinstance(ray, RayBackend) and ray.address == "head:6379" and ray.workers == 3 and ray.ships_files
    from docparse.batch.ray_data import RayDataBackend

    data = make_backend(BatchOptions(workers=3, backend=RayOptions(cpus_per_worker=2)), file_timeout_s=None)
    assert isinstance(data, RayDataBackend) and data.workers == 3 and data.options.cpus_per_worker == 2
    assert data.setup.threads == 1  # BatchOptions.worker_threads reaches the actors
    assert not data.ships_files  # a local Ray shares the disk: actors write OUT
    cluster = make_backend(BatchOptions(backend=RayOptions(address="head:6379")), file_timeout_s=None)
    assert isinstance(cluster, RayDataBackend) and cluster.ships_files  # a cluster gets bytes, returns files

    @dataclass(frozen=True)
    class ElsewhereOptions:
        pass

    with pytest.raises(UsageError, match="ElsewhereOptions"):
        make_backend(BatchOptions(backend=ElsewhereOptions()), None)  # type: ignore[arg-type]


def test_command_line_builds_the_batch_backend_options() -> None:
    from docparse.cli_batch import batch_options
    from docparse.options.batch import OutputFormat

    def args(ray: str | None) -> argparse.Namespace:
        return argparse.Namespace(workers=2, resume=False, retry_failed=False, include=[], exclude=[],
                                  max_archive_mb=10.0, ray=ray, debug_overlay=False)

    assert batch_options(args(None), {OutputFormat.JSON}).backend == ProcessPoolOptions()
    assert batch_options(args(""), {OutputFormat.JSON}).backend == RayOptions(address=None)
    assert batch_options(args("ray://head:10001"), {OutputFormat.JSON}).backend == RayOptions("ray://head:10001")


def test_serve_command_builds_one_tree() -> None:
    from docparse.cli_serve import build_parser, settings_from_args

    tree = settings_from_args(build_parser().parse_args(["--token", "t0k", "--ocr", "never", "--workers", "3"]))
    assert isinstance(tree, DocparseOptions)
    assert tree.serve.token == "t0k" and tree.serve.workers == 3
    assert tree.parse.ocr.mode.value == "never"


def test_vlm_server_settings_reach_the_backend() -> None:
    """``ParseOptions.vlm.server`` tunes the server backend the composition root builds."""
    vlm = VlmOptions(reader=ReaderMode.VLM, server_url="http://127.0.0.1:9", model_path="m",
                     server=VlmServerOptions(timeout_s=7.0, retries=0, concurrency=1))
    readers = default_readers(ParseOptions(ocr=OcrOptions(mode="never"), vlm=vlm))
    backend = readers.semantic.backend  # type: ignore[attr-defined]
    assert (backend.options.url, backend.options.model) == ("http://127.0.0.1:9", "m")
    assert (backend.options.timeout_s, backend.options.retries, backend.options.concurrency) == (7.0, 0, 1)


def test_api_key_is_left_out_of_the_batch_fingerprint() -> None:
    from docparse.batch.runner import conversion_fingerprint
    from docparse.options.batch import OutputFormat

    plain = ParseOptions()
    keyed = ParseOptions(vlm=VlmOptions(server=VlmServerOptions(api_key="secret")))
    assert conversion_fingerprint(plain, [OutputFormat.JSON]) == conversion_fingerprint(keyed, [OutputFormat.JSON])


def test_local_vlm_threads_follow_the_threads_rule(tmp_path) -> None:  # noqa: ANN001
    """``vlm.local.threads`` None inherits ``ocr.threads``; an explicit value wins."""
    import json

    (tmp_path / "config.json").write_text(json.dumps({"model_type": "docparse-vlm"}))

    def local_threads(vlm: VlmOptions) -> int | None:
        readers = default_readers(ParseOptions(ocr=OcrOptions(mode="never", threads=3), vlm=vlm))
        return readers.semantic.backend.options.threads  # type: ignore[attr-defined]

    assert local_threads(VlmOptions(reader=ReaderMode.VLM, model_path=str(tmp_path))) == 3
    own = VlmOptions(reader=ReaderMode.VLM, model_path=str(tmp_path), local=LocalModelOptions(threads=1))
    assert local_threads(own) == 1


def test_vlm_region_options_reach_the_vlm_reader() -> None:
    """``ParseOptions.vlm.regions`` (crop dpi, smallest side) is what each VLM reader crops with."""
    from docparse.options.vlm import VlmRegionOptions

    vlm = VlmOptions(reader=ReaderMode.AUTO, server_url="http://127.0.0.1:9",
                     regions=VlmRegionOptions(dpi=220, min_side_pt=9.0))
    readers = default_readers(ParseOptions(ocr=OcrOptions(mode="never"), vlm=vlm))
    for reader in (readers.semantic, readers.structural, readers.chart):
        options = reader.options  # type: ignore[attr-defined]
        assert (options.dpi, options.min_side_pt, options.mode) == (220, 9.0, ReaderMode.AUTO)


def test_summary_server_options_reach_the_summarizer() -> None:
    from docparse.components import default_summarizer
    from docparse.options.vlm import SummaryServerOptions
    from docparse.renderers.summary import ChatCompletionsSummarizer, ExtractiveSummarizer

    assert isinstance(default_summarizer(VlmOptions()), ExtractiveSummarizer)
    summary = SummaryServerOptions(model="m", timeout_s=5.0, max_input_chars=100, max_tokens=50)
    summarizer = default_summarizer(VlmOptions(server_url="http://127.0.0.1:9", summary=summary))
    assert isinstance(summarizer, ChatCompletionsSummarizer)
    assert (summarizer.model, summarizer.timeout_s, summarizer.max_input_chars, summarizer.max_tokens) == (
        "m", 5.0, 100, 50)
    assert ChatCompletionsSummarizer("http://x").max_tokens == SummaryServerOptions().max_tokens == 200
