"""The OpenAI-compatible backend against a real HTTP server on 127.0.0.1 (stdlib, in a thread),
and the VLM reader end to end through ``docparse --reader vlm --vlm-server URL``."""

from __future__ import annotations

import base64
import io
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

from docparse.vlm.backends import VlmBackendError, VlmRequest
from docparse.vlm.http import OpenAiServerBackend, ServerOptions

TABLE_HTML = ("<table><tr><th rowspan=2>Region</th><th colspan=2>Sales</th></tr>"
              "<tr><th>2023</th><th>2024</th></tr><tr><td>North</td><td>1</td><td>2</td></tr></table>")


@dataclass
class FakeVlm:
    """What the server answers, per prompt kind; counts requests and concurrent requests."""

    mode: str = "good"  # good | malformed | loop | flaky | slow
    requests: list[dict] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    failures_left: int = 2

    def answer(self, body: dict) -> tuple[int, dict]:
        import time

        with self.lock:
            self.requests.append(body)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            fail = self.mode == "flaky" and self.failures_left > 0
            if fail:
                self.failures_left -= 1
        try:
            time.sleep(0.05 if self.mode != "slow" else 2.0)
            if fail:
                return 503, {"error": "busy"}
            parts = body["messages"][0]["content"]
            if isinstance(parts, str):  # a text-only request (the document summarizer)
                return 200, {"choices": [{"message": {"role": "assistant", "content": "A summary."}}]}
            prompt = next(p["text"] for p in parts if p["type"] == "text")
            image = next(p["image_url"]["url"] for p in parts if p["type"] == "image_url")
            assert image.startswith("data:image/png;base64,")
            base64.b64decode(image.split(",", 1)[1])
            return 200, {"choices": [{"index": 0, "message": {"role": "assistant",
                                                              "content": self.content(prompt)}}]}
        finally:
            with self.lock:
                self.in_flight -= 1

    def content(self, prompt: str) -> str:
        if self.mode == "loop":
            return "the the the " * 50
        if prompt.startswith("Table"):
            return "<table><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>" if (
                self.mode == "malformed") else TABLE_HTML
        if prompt.startswith("Chart"):
            return "no numbers here" if self.mode == "malformed" else "```csv\ncategory,Sales\nQ1,10\nQ2,20\n```"
        return "Read by the server."


@pytest.fixture()
def server() -> Iterator[tuple[str, FakeVlm]]:
    fake = FakeVlm()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/v1/models":
                self._send(200, {"object": "list", "data": [{"id": "fake-doc-vlm", "object": "model"}]})
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path != "/v1/chat/completions":
                self._send(404, {"error": "not found"})
                return
            status, payload = fake.answer(body)
            self._send(status, payload)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", fake
    finally:
        httpd.shutdown()
        httpd.server_close()


def _request(task: str = "text", prompt: str = "Text Recognition: read") -> VlmRequest:
    return VlmRequest(np.full((20, 60, 3), 255, dtype=np.uint8), "semantic", task, prompt)


def test_backend_sends_crop_and_prompt_and_limits_concurrency(server: tuple[str, FakeVlm]) -> None:
    url, fake = server
    backend = OpenAiServerBackend(ServerOptions(url=url, concurrency=2))
    answers = backend.read([_request() for _ in range(6)])
    assert answers == ["Read by the server."] * 6
    assert len(fake.requests) == 6
    assert fake.requests[0]["model"] == "fake-doc-vlm"  # discovered from /v1/models
    assert fake.requests[0]["temperature"] == 0
    assert 1 <= fake.max_in_flight <= 2


def test_backend_retries_server_errors(server: tuple[str, FakeVlm]) -> None:
    url, fake = server
    fake.mode = "flaky"
    backend = OpenAiServerBackend(ServerOptions(url=url + "/v1", model="m", retries=2, backoff_s=0.01))
    assert backend.read([_request()]) == ["Read by the server."]
    assert len(fake.requests) == 3


def test_backend_times_out_and_reports_unreachable_servers(server: tuple[str, FakeVlm]) -> None:
    url, fake = server
    fake.mode = "slow"
    backend = OpenAiServerBackend(ServerOptions(url=url, model="m", timeout_s=0.3, retries=0))
    with pytest.raises(VlmBackendError):
        backend.read([_request()])
    dead = OpenAiServerBackend(ServerOptions(url="http://127.0.0.1:9", model="m", retries=1, backoff_s=0.01))
    with pytest.raises(VlmBackendError):
        dead.read([_request()])


def _pdf_with_text_and_chart(path: Path) -> Path:
    """A born-digital page: a paragraph and a raster bar chart image."""
    import random

    import fitz
    from PIL import Image

    from benchmarks.synth.regions import RegionSynthOptions, chart_sample

    sample = chart_sample(random.Random(1), RegionSynthOptions())
    buf = io.BytesIO()
    Image.fromarray(sample.image).save(buf, format="PNG")
    doc = fitz.open()
    page = doc.new_page(width=595, height=842)
    page.insert_textbox(fitz.Rect(72, 72, 523, 140), "Quarterly results were strong across all "
                        "regions, and the chart below shows sales by quarter.", fontsize=11)
    page.insert_image(fitz.Rect(72, 200, 372, 400), stream=buf.getvalue())
    doc.save(path)
    return path


def _convert_json(tmp_path: Path, pdf: Path, url: str) -> dict:
    from docparse.cli import main

    out = tmp_path / "out"
    assert main([str(pdf), "-o", str(out), "--reader", "vlm", "--vlm-server", url, "-q", "-j", "1"]) == 0
    return json.loads((out / f"{pdf.stem}.json").read_text())


def test_cli_reader_vlm_uses_the_server(server: tuple[str, FakeVlm], tmp_path: Path) -> None:
    url, fake = server
    doc = _convert_json(tmp_path, _pdf_with_text_and_chart(tmp_path / "a.pdf"), url)
    regions = [r for p in doc["pages"] for r in p["regions"]]
    texts = [r for r in regions if r["group"] == "semantic"]
    assert texts and all(r["source"] == "vlm-server" and r["text"] == "Read by the server." for r in texts)
    charts = [r for r in regions if r["group"] == "chart"]
    assert charts, "the raster chart should be a chart-group region"
    assert charts[0]["kind"] == "chart" and charts[0]["chart"]["categories"] == ["Q1", "Q2"]
    assert charts[0]["chart"]["series"][0]["values"] == [10.0, 20.0]
    prompts = {m["messages"][0]["content"][1]["text"].split(":")[0] for m in fake.requests
               if isinstance(m["messages"][0]["content"], list)}
    assert {"Text Recognition", "Chart Recognition"} <= prompts


class PlainFigureReader:
    """A cheap native chart-group reader: keeps what the classifier found, reads no pixels."""

    def read(self, proposal, page):  # noqa: ANN001, ANN201
        from docparse.document import RegionKind
        from docparse.readers.base import RegionContent

        return RegionContent(kind=RegionKind.CHART if proposal.chart else RegionKind.FIGURE,
                             chart=proposal.chart, source="plain")


def _convert_with_cheap_natives(pdf: Path, url: str) -> dict:
    """The pipeline with the VLM readers wrapping cheap native readers (the raster chart reader's
    OCR would dominate the test's time; the fallback wiring is the same)."""
    from docparse.components import Components, default_components
    from docparse.config import ParseOptions
    from docparse.pipeline import convert
    from docparse.readers.base import ReaderSet
    from docparse.readers.tables import TableReader
    from docparse.readers.text import TextLayerReader
    from docparse.readers.vlm import wrap_readers
    from docparse.vlm.backends import make_backend

    options = ParseOptions.from_kwargs(reader="vlm", vlm_server=url)
    natives = ReaderSet(semantic=TextLayerReader(), structural=TableReader(), chart=PlainFigureReader())
    base = default_components(ParseOptions())
    components = Components(text_source=base.text_source, classifiers=base.classifiers,
                            readers=wrap_readers(natives, options.vlm, make_backend(None, url)))
    return json.loads(convert(pdf, options, components).to_json())


@pytest.mark.parametrize("mode", ["malformed", "loop"])
def test_bad_output_falls_back_to_native_reader(server: tuple[str, FakeVlm], tmp_path: Path,
                                                mode: str) -> None:
    url, fake = server
    fake.mode = mode
    doc = _convert_with_cheap_natives(_pdf_with_text_and_chart(tmp_path / "b.pdf"), url)
    regions = [r for p in doc["pages"] for r in p["regions"]]
    charts = [r for r in regions if r["group"] == "chart"]
    assert charts and all(r["source"] != "vlm-server" for r in charts)
    texts = [r for r in regions if r["group"] == "semantic"]
    if mode == "loop":  # repetition rejected: the text layer is used
        assert texts and all(r["source"] != "vlm-server" for r in texts)
        assert any("Quarterly results" in r["text"] for r in texts)
    else:
        assert any(r["source"] == "vlm-server" for r in texts)


def test_table_prompt_answer_becomes_a_table_with_spans() -> None:
    from docparse.readers.vlm import parse_output

    content = parse_output("table", TABLE_HTML, "vlm-server")
    assert content.table is not None and content.table.has_spans and content.table.header_rows == 2


def test_backend_talks_to_docparse_serve_over_http() -> None:
    """docparse's own OpenAI client against ``docparse serve`` on a real socket: it asks
    ``GET /v1/models`` first (as many OpenAI clients do) and reads the answer of a chat completion."""
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    import time

    from docparse.serve import ServeOptions, create_app

    app = create_app(ServeOptions(token="k3y", workers=1, model_id="docparse-served"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started
        port = server.servers[0].sockets[0].getsockname()[1]
        backend = OpenAiServerBackend(ServerOptions(url=f"http://127.0.0.1:{port}", api_key="k3y", timeout_s=120))
        assert backend.model_name() == "docparse-served"
        answers = backend.read([_request(prompt="Extract the text of this page")])
        assert len(answers) == 1 and isinstance(answers[0], str)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
