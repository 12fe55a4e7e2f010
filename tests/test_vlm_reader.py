"""The VLM reader: routing by group and mode, validation with native fallback, wiring through
``default_components``, and ``docparse --reader vlm --vlm-model CHECKPOINT`` end to end on CPU."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from docparse.config import ParseOptions, ReaderMode
from docparse.document import Chart, RegionKind, Series
from docparse.errors import UsageError
from docparse.pages.analysis import Line, PageAnalysis, Span
from docparse.readers.base import ReaderSet, RegionContent
from docparse.readers.vlm import VlmReader, VlmReaderOptions, load_prompts, wants_vlm, wrap_readers
from docparse.regions.base import RegionProposal
from docparse.vlm.backends import VlmBackendError, VlmRequest, make_backend


@dataclass
class ScriptedBackend:
    """Answers by task; records what it was asked."""

    answers: dict[str, str]
    name: str = "scripted"
    seen: list[VlmRequest] = field(default_factory=list)
    fail: bool = False

    def read(self, requests: Sequence[VlmRequest]) -> list[str]:
        self.seen.extend(requests)
        if self.fail:
            raise VlmBackendError("down")
        return [self.answers[r.task] for r in requests]


class NativeReader:
    """Text when the region has text-layer lines, the classifier's chart when it has one, else
    nothing (a raster region the native reader cannot read)."""

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        if proposal.chart is not None:
            return RegionContent(chart=proposal.chart, kind=RegionKind.CHART, source="native")
        return RegionContent(text=" ".join(ln.text for ln in proposal.lines), source="native")


def _page(ocr: bool = False) -> PageAnalysis:
    return PageAnalysis(number=1, width=200, height=200, ocr=ocr,
                        render=lambda dpi: np.full((int(200 * dpi / 72), int(200 * dpi / 72), 3), 255, np.uint8))


def _line(text: str) -> Line:
    return Line(spans=[Span(text=text, bbox=(10, 10, 100, 20), font="Helvetica", size=10)], bbox=(10, 10, 100, 20))


ANSWERS = {"text": "Read by the model.", "table": "<fcel>a<fcel>b<nl><fcel>1<fcel>2<nl>",
           "chart": "category,Sales\nQ1,10\nQ2,12"}


def _reader(backend: ScriptedBackend, mode: ReaderMode = ReaderMode.VLM) -> VlmReader:
    return VlmReader(backend, NativeReader(), load_prompts(), VlmReaderOptions(mode=mode))


def test_each_group_gets_its_prompt_and_validated_content() -> None:
    backend = ScriptedBackend(ANSWERS)
    reader = _reader(backend)
    page = _page()
    text = reader.read(RegionProposal((10, 10, 100, 40), RegionKind.PARAGRAPH, [_line("x")]), page)
    table = reader.read(RegionProposal((10, 50, 100, 90), RegionKind.TABLE), page)
    chart = reader.read(RegionProposal((10, 100, 150, 190), RegionKind.CHART), page)
    assert (text.text, text.source) == ("Read by the model.", "scripted")
    assert table.table is not None and table.table.grid() == [["a", "b"], ["1", "2"]]
    assert chart.kind is RegionKind.CHART and chart.chart is not None
    assert chart.chart.series[0].values == [10.0, 12.0]
    assert [r.prompt.split(":")[0] for r in backend.seen] == [
        "Text Recognition", "Table Recognition", "Chart Recognition"]
    crop = backend.seen[0].image
    assert crop.shape[2] == 3 and crop.shape[1] > crop.shape[0]  # a 90×30 pt crop at 150 dpi


def test_invalid_output_and_backend_errors_fall_back_with_a_page_warning() -> None:
    page = _page()
    bad = ScriptedBackend({**ANSWERS, "table": "<fcel>a<fcel>b<nl><fcel>1<nl>"})
    content = _reader(bad).read(RegionProposal((10, 50, 100, 90), RegionKind.TABLE), page)
    assert content.source == "native"
    assert any("rejected" in w for w in page.warnings)
    down = ScriptedBackend(ANSWERS, fail=True)
    content = _reader(down).read(RegionProposal((10, 10, 100, 40), RegionKind.PARAGRAPH), page)
    assert content.source == "native"
    assert any("backend failed" in w for w in page.warnings)


def test_auto_mode_keeps_native_content_and_reads_only_what_native_lacks() -> None:
    backend = ScriptedBackend(ANSWERS)
    reader = _reader(backend, ReaderMode.AUTO)
    page = _page()
    with_text = RegionProposal((10, 10, 100, 40), RegionKind.PARAGRAPH, [_line("layer text")])
    vector_chart = RegionProposal((10, 100, 150, 190), RegionKind.CHART,
                                  chart=Chart(categories=["a"], series=[Series(name="s", values=[1.0])]))
    raster_chart = RegionProposal((10, 100, 150, 190), RegionKind.CHART)
    scanned_text = RegionProposal((10, 10, 100, 40), RegionKind.PARAGRAPH)
    contents = reader.read_many([with_text, vector_chart, raster_chart, scanned_text], page)
    assert [c.source for c in contents] == ["native", "native", "scripted", "scripted"]
    assert contents[0].text == "layer text" and contents[3].text == "Read by the model."
    assert [r.task for r in backend.seen] == ["chart", "text"]
    bad = ScriptedBackend({**ANSWERS, "chart": "no values"})
    kept = _reader(bad, ReaderMode.AUTO).read(raster_chart, page)
    assert kept.source == "native" and kept.chart is None  # rejected: the native (empty) result stays


def test_wiring_selects_vlm_only_when_asked_and_needs_a_model() -> None:
    assert not wants_vlm(ParseOptions().vlm)
    assert not wants_vlm(ParseOptions.from_kwargs(reader="native", vlm_model="/x").vlm)
    assert wants_vlm(ParseOptions.from_kwargs(vlm_server="http://127.0.0.1:1").vlm)
    assert wants_vlm(ParseOptions.from_kwargs(reader="vlm").vlm)
    with pytest.raises(UsageError):
        make_backend(None, None)
    with pytest.raises(UsageError):
        make_backend("/nonexistent/model", None)
    with pytest.raises(UsageError):
        make_backend(None, "ftp://example")
    served = make_backend("org/doc-vlm-7b", "http://127.0.0.1:8000")
    assert served.options.model == "org/doc-vlm-7b"  # type: ignore[attr-defined]
    natives = ReaderSet(semantic=NativeReader(), structural=NativeReader(), chart=NativeReader())
    wrapped = wrap_readers(natives, ParseOptions.from_kwargs(reader="vlm").vlm, backend=ScriptedBackend(ANSWERS))
    assert all(isinstance(r, VlmReader) for r in (wrapped.semantic, wrapped.structural, wrapped.chart))


def test_importing_the_cli_and_the_vlm_reader_does_not_import_torch() -> None:
    code = ("import sys, docparse.cli, docparse.components, docparse.readers.vlm, docparse.vlm.backends, "
            "docparse.vlm.http, tools.train_vlm; "
            "bad = [m for m in ('torch', 'transformers', 'tokenizers') if m in sys.modules]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# ---------------------------------------------------------------- own checkpoint, end to end


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("tokenizers")
    from tools.train_vlm import main

    run = tmp_path_factory.mktemp("vlm-run")
    cfg = {"output_dir": str(run), "steps": 3, "pool_size": 12, "max_batch": 6, "vocab_size": 300,
           "tokenizer_samples": 60, "eval_samples": 3, "eval_every": 3, "checkpoint_every": 3,
           "log_every": 1, "max_new_tokens": 8, "threads": 1,
           "model": {"max_pixels": 4096, "vision_hidden": 32, "vision_layers": 1, "vision_heads": 2,
                     "num_visual_tokens": 8, "hidden_size": 32, "decoder_layers": 1, "decoder_heads": 2,
                     "intermediate_size": 64, "max_position_embeddings": 512}}
    (run / "cfg.json").write_text(json.dumps(cfg))
    assert main(["--config", str(run / "cfg.json")]) == 0
    return run / "model"


def _pdf(path: Path) -> Path:
    """Text only: a rejected answer falls back to the text layer, not to the (slow) raster chart
    reader's OCR; charts through the checkpoint are covered by the backend test below."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=400, height=400)
    page.insert_textbox(pymupdf.Rect(40, 40, 360, 90), "Sales grew in every quarter of the year.", fontsize=11)
    page.insert_textbox(pymupdf.Rect(40, 120, 360, 170), "Costs fell slightly in the second half.", fontsize=11)
    doc.save(path)
    return path


@pytest.mark.model
@pytest.mark.slow  # the CLI converts in a worker process that imports torch and loads the model
def test_cli_reader_vlm_with_the_projects_checkpoint(tiny_checkpoint: Path, tmp_path: Path) -> None:
    from docparse.cli import main

    pdf = _pdf(tmp_path / "doc.pdf")
    out = tmp_path / "out"
    assert main([str(pdf), "-o", str(out), "--reader", "vlm", "--vlm-model", str(tiny_checkpoint), "-q",
                 "-j", "1"]) == 0
    doc = json.loads((out / "doc.json").read_text())
    regions = [r for p in doc["pages"] for r in p["regions"]]
    assert regions
    issues = [i["message"] for p in doc["pages"] for i in p["issues"]]
    # an untrained model's answers are either accepted (source "vlm") or rejected with a warning
    read_by_vlm = [r for r in regions if r["source"] == "vlm"]
    rejected = [m for m in issues if "vlm output rejected" in m]
    assert read_by_vlm or rejected
    assert not any(i["fatal"] for p in doc["pages"] for i in p["issues"])


@pytest.mark.model
def test_checkpoint_backend_reads_crops_in_batches(tiny_checkpoint: Path) -> None:
    backend = make_backend(str(tiny_checkpoint), None)
    assert backend.name == "vlm"
    crops = [np.full((30, 120, 3), 255, np.uint8), np.full((90, 140, 3), 200, np.uint8)]
    answers = backend.read([VlmRequest(crops[0], "semantic", "text", ""),
                            VlmRequest(crops[1], "chart", "chart", "")])
    assert len(answers) == 2 and all(isinstance(a, str) for a in answers)


def test_read_all_keeps_order_and_batches_each_vlm_group_in_one_call() -> None:
    from docparse.readers.base import read_all

    calls: list[int] = []

    class CountingBackend(ScriptedBackend):
        def read(self, requests: Sequence[VlmRequest]) -> list[str]:
            calls.append(len(requests))
            return super().read(requests)

    counting = CountingBackend(ANSWERS)
    vlm_text = VlmReader(counting, NativeReader(), load_prompts(), VlmReaderOptions(mode=ReaderMode.VLM))
    readers = ReaderSet(semantic=vlm_text, structural=NativeReader(), chart=NativeReader())
    proposals = [RegionProposal((10, 10, 100, 40), RegionKind.PARAGRAPH, [_line("a")]),
                 RegionProposal((10, 50, 100, 90), RegionKind.TABLE, [_line("t")]),
                 RegionProposal((10, 100, 100, 140), RegionKind.HEADING, [_line("b")])]
    contents = read_all(readers, proposals, _page())
    assert [c.source for c in contents] == ["scripted", "native", "scripted"]
    assert contents[1].text == "t"
    assert calls == [2]
