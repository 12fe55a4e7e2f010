"""The HTTP service: parse/jobs/chat endpoints and the security tests of issue 8 — oversized
uploads, archive bombs, path traversal in archive members, http:// and file:// URLs (refused,
never fetched), missing/wrong bearer tokens."""

from __future__ import annotations

import base64
import http.server
import json
import threading
import time
from collections.abc import Iterator

import pymupdf
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from docparse.batch.archives import ArchiveLimits  # noqa: E402
from docparse.serve import ServeOptions, create_app  # noqa: E402
from docparse.serve.chat import ChatTask, instruction_task  # noqa: E402
from tests.test_batch_support import table_pdf, tar_bytes, text_pdf, zip_bytes  # noqa: E402

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SETTINGS = ServeOptions(token=TOKEN, workers=1, max_upload_bytes=3_000_000, max_sync_bytes=1_000_000,
                         archive_limits=ArchiveLimits(max_member_bytes=2_000_000, max_total_bytes=4_000_000,
                                                      max_members=50, max_ratio=100))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS)) as c:
        yield c


def data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def chat_body(url: str, instruction: str = "Extract the text of this page") -> dict[str, object]:
    return {"model": "docparse", "messages": [{"role": "user", "content": [
        {"type": "text", "text": instruction}, {"type": "image_url", "image_url": {"url": url}}]}]}


def test_health_needs_no_token(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0"},
                                     {"Authorization": "Bearer "}])
def test_missing_or_wrong_token_is_401(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/v1/parse", files={"file": ("a.pdf", text_pdf("A", 1))}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"
    assert client.post("/v1/chat/completions", json=chat_body("data:,x"), headers=headers).status_code == 401
    assert client.get("/v1/jobs/abc", headers=headers).status_code == 401


def test_parse_json_markdown_and_summary(client: TestClient) -> None:
    pdf = text_pdf("Annual report", 2)
    document = client.post("/v1/parse", files={"file": ("r.pdf", pdf)}, headers=AUTH)
    assert document.status_code == 200 and len(document.json()["pages"]) == 2
    assert document.json()["source"] == "r.pdf"
    markdown = client.post("/v1/parse?format=markdown&pages=1", files={"file": ("r.pdf", pdf)}, headers=AUTH)
    assert markdown.headers["content-type"].startswith("text/markdown") and "Annual report" in markdown.text
    summary = client.post("/v1/parse?format=summary", files={"file": ("r.pdf", pdf)}, headers=AUTH).json()
    assert summary["page_count"] == 2 and summary["method"] == "extractive"
    bad = client.post("/v1/parse", files={"file": ("x.pdf", b"not a pdf at all")}, headers=AUTH)
    assert bad.status_code == 422 and "not a PDF" in bad.json()["error"]["message"]


def test_oversized_uploads_are_refused(client: TestClient) -> None:
    big = b"%PDF-1.4\n" + b"0" * 3_100_000
    declared = client.post("/v1/parse", files={"file": ("big.pdf", big)}, headers=AUTH)
    assert declared.status_code == 413 and declared.json()["error"]["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while streaming
        yield b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="s.pdf"\r\n\r\n%PDF-1.4\n'
        for _ in range(40):
            yield b"0" * 100_000
        yield b"\r\n--XyZ--\r\n"

    streamed = client.post("/v1/parse", content=chunks(),
                           headers={**AUTH, "Content-Type": "multipart/form-data; boundary=XyZ"})
    assert streamed.status_code == 413, streamed.text
    over_sync = client.post("/v1/parse", files={"file": ("m.pdf", b"%PDF-1.4\n" + b"0" * 1_500_000)}, headers=AUTH)
    assert over_sync.status_code == 413 and "/v1/jobs" in over_sync.json()["error"]["message"]


def test_archive_upload_converts_every_member(client: TestClient) -> None:
    archive = zip_bytes({"a/one.pdf": text_pdf("One", 1), "two.pdf": table_pdf(), "notes.txt": b"skip"})
    response = client.post("/v1/parse?format=markdown", files={"file": ("batch.zip", archive)}, headers=AUTH)
    assert response.status_code == 200
    items = {item["input"]: item for item in response.json()["items"]}
    assert set(items) == {"batch.zip::a/one.pdf", "batch.zip::two.pdf"}
    assert "One" in items["batch.zip::a/one.pdf"]["content"]
    assert "Region" in items["batch.zip::two.pdf"]["content"] and "North" in items["batch.zip::two.pdf"]["content"]


@pytest.mark.parametrize("name,archive", [
    ("zip-ratio.zip", zip_bytes({"bomb.pdf": b"\0" * 2_000_000})),
    ("zip-total.zip", zip_bytes({f"b{i}.pdf": b"%PDF-" + bytes(range(256)) * 4000 for i in range(5)})),
    ("tar-ratio.tar.gz", tar_bytes({"bomb.pdf": b"\0" * 2_000_000})),
])
def test_archive_bombs_are_refused_with_413(client: TestClient, name: str, archive: bytes) -> None:
    response = client.post("/v1/parse", files={"file": (name, archive)}, headers=AUTH)
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "archive_refused"


@pytest.mark.parametrize("name,archive", [
    ("up.zip", zip_bytes({"../../../etc/cron.d/x.pdf": text_pdf("A", 1)})),
    ("abs.zip", zip_bytes({"/tmp/abs.pdf": text_pdf("A", 1)})),
    ("up.tar.gz", tar_bytes({"ok.pdf": text_pdf("A", 1), "../evil.pdf": text_pdf("B", 1)})),
    ("link.tar", tar_bytes({"ok.pdf": text_pdf("A", 1)}, mode="w", symlinks={"l.pdf": "/etc/passwd"})),
])
def test_path_traversal_and_links_in_archives_are_refused(client: TestClient, name: str, archive: bytes) -> None:
    response = client.post("/v1/parse", files={"file": (name, archive)}, headers=AUTH)
    assert response.status_code == 400, response.text
    message = response.json()["error"]["message"]
    assert "unsafe path" in message or "links" in message


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Recorder.hits.append(self.path)
        body = text_pdf("fetched", 1)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_remote_and_file_urls_are_refused_and_never_fetched(client: TestClient, tmp_path) -> None:  # noqa: ANN001
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    secret = tmp_path / "secret.png"
    secret.write_bytes(pymupdf.open(stream=text_pdf("secret", 1))[0].get_pixmap(dpi=50).tobytes("png"))
    try:
        port = server.server_address[1]
        for url in [f"http://127.0.0.1:{port}/page.png", f"https://127.0.0.1:{port}/page.png",
                    f"file://{secret}", "ftp://example.org/x.png", f"HTTP://127.0.0.1:{port}/x", "//host/x.png"]:
            response = client.post("/v1/chat/completions", json=chat_body(url), headers=AUTH)
            assert response.status_code == 400, url
            assert response.json()["error"]["code"] == "unsupported_url"
        time.sleep(0.2)
        assert _Recorder.hits == []
    finally:
        server.shutdown()


def test_chat_completions_openai_format(client: TestClient) -> None:
    pdf = text_pdf("Chat page title", 1)
    response = client.post("/v1/chat/completions", json=chat_body(data_url(pdf, "application/pdf")), headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    choice = body["choices"][0]
    assert choice["message"]["role"] == "assistant" and choice["finish_reason"] == "stop"
    assert "Chat page title" in choice["message"]["content"]
    assert body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"] + body["usage"]["completion_tokens"]
    table = client.post("/v1/chat/completions", headers=AUTH,
                        json=chat_body(data_url(table_pdf(), "application/pdf"), "Convert the table to HTML"))
    assert "<table" in table.json()["choices"][0]["message"]["content"]
    summary = client.post("/v1/chat/completions", headers=AUTH,
                          json=chat_body(data_url(pdf, "application/pdf"), "Give a JSON summary"))
    assert json.loads(summary.json()["choices"][0]["message"]["content"])["page_count"] == 1
    png = pymupdf.open(stream=pdf)[0].get_pixmap(dpi=60).tobytes("png")
    image = client.post("/v1/chat/completions", json=chat_body(data_url(png, "image/png")), headers=AUTH)
    assert image.status_code == 200 and image.json()["object"] == "chat.completion"


def test_chat_rejects_bad_requests(client: TestClient) -> None:
    assert client.post("/v1/chat/completions", json=chat_body("data:image/png;base64,%%%"),
                       headers=AUTH).status_code == 400
    streamed_bad = client.post("/v1/chat/completions", headers=AUTH,  # stream=true: a bad image is still 400
                               json={**chat_body("data:image/png;base64,%%%"), "stream": True})
    assert streamed_bad.status_code == 400 and "error" in streamed_bad.json()
    assert client.post("/v1/chat/completions", json=chat_body("data:text/html;base64,AAAA"),
                       headers=AUTH).status_code == 415
    no_image = {"messages": [{"role": "user", "content": "hello"}]}
    assert client.post("/v1/chat/completions", json=no_image, headers=AUTH).status_code == 400


@pytest.mark.parametrize("text,task", [
    ("Extract the text", ChatTask.TEXT), ("Convert the table to HTML", ChatTask.TABLE_HTML),
    ("table as markdown please", ChatTask.TABLE_MARKDOWN), ("Turn this chart into a table", ChatTask.CHART_TABLE),
    ("Summarize the page as JSON", ChatTask.SUMMARY), ("Return the page as JSON", ChatTask.JSON),
])
def test_instruction_tasks(text: str, task: ChatTask) -> None:
    assert instruction_task(text) is task


def test_async_job_for_a_large_file(client: TestClient) -> None:
    pdf = text_pdf("Job report", 2)
    response = client.post("/v1/jobs?format=summary", files={"file": ("big.pdf", pdf)}, headers=AUTH)
    assert response.status_code == 202
    job_id = response.json()["id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        view = client.get(f"/v1/jobs/{job_id}", headers=AUTH).json()
        if view["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert view["status"] == "done", view
    result = client.get(view["result_url"], headers=AUTH)
    assert result.json()["page_count"] == 2
    assert client.get("/v1/jobs/unknown", headers=AUTH).status_code == 404


def test_concurrency_limit_answers_429_beyond_the_queue() -> None:
    import asyncio

    from docparse.serve.app import Slots
    from docparse.serve.chat import RequestError

    async def scenario() -> list[str]:
        slots = Slots(size=1, queue=1)
        events: list[str] = []
        release = asyncio.Event()

        async def hold(name: str) -> None:
            async with slots.slot():
                events.append(f"{name} runs")
                await release.wait()

        first = asyncio.create_task(hold("first"))
        second = asyncio.create_task(hold("second"))  # queued
        await asyncio.sleep(0.01)
        try:
            async with slots.slot():
                events.append("third runs")
        except RequestError as exc:
            events.append(f"third refused {exc.status}")
        release.set()
        await asyncio.gather(first, second)
        return events

    assert asyncio.run(scenario()) == ["first runs", "third refused 429", "second runs"]



@pytest.mark.model
def test_chat_completions_reads_a_page_image_with_ocr(client: TestClient) -> None:
    page = pymupdf.open()
    page.new_page().insert_text((72, 100), "Quarterly revenue grew strongly", fontsize=20)
    png = page[0].get_pixmap(dpi=150).tobytes("png")
    response = client.post("/v1/chat/completions", json=chat_body(data_url(png, "image/png")), headers=AUTH)
    assert response.status_code == 200, response.text
    assert "Quarterly revenue grew strongly" in response.json()["choices"][0]["message"]["content"]


def test_parse_takes_the_cli_format_names_and_csv(client: TestClient) -> None:
    import io
    import zipfile

    from docparse.options.batch import OutputFormat

    pdf = table_pdf()
    for name in [f.value for f in OutputFormat if f is not OutputFormat.CSV] + ["markdown"]:
        response = client.post(f"/v1/parse?format={name}", files={"file": ("t.pdf", pdf)}, headers=AUTH)
        assert response.status_code == 200, (name, response.text)
    md = client.post("/v1/parse?format=md", files={"file": ("t.pdf", pdf)}, headers=AUTH)
    assert md.headers["content-type"].startswith("text/markdown") and "North" in md.text
    csv = client.post("/v1/parse?format=csv", files={"file": ("t.pdf", pdf)}, headers=AUTH)
    assert csv.status_code == 200 and csv.headers["content-type"] == "application/zip"
    members = zipfile.ZipFile(io.BytesIO(csv.content))
    names = members.namelist()
    assert names and all(n.startswith("t/") and n.endswith(".csv") for n in names), names
    assert "North" in members.read(names[0]).decode()
    archive = zip_bytes({"a/one.pdf": text_pdf("One", 1), "two.pdf": pdf})
    bundle = client.post("/v1/parse?format=csv", files={"file": ("b.zip", archive)}, headers=AUTH)
    inside = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    assert "items.json" in inside and any(n.startswith("two/") for n in inside), inside
    assert client.post("/v1/parse?format=docx", files={"file": ("t.pdf", pdf)}, headers=AUTH).status_code == 422


def _is_openai_error(response) -> bool:  # noqa: ANN001
    body = response.json()
    return set(body) == {"error"} and {"message", "type", "code"} <= set(body["error"])


def test_every_error_has_the_openai_shape(client: TestClient) -> None:
    pdf = text_pdf("A", 1)
    responses = [
        client.post("/v1/parse?format=docx", files={"file": ("a.pdf", pdf)}, headers=AUTH),  # bad enum (422)
        client.post("/v1/parse", headers=AUTH),  # missing file (422)
        client.post("/v1/chat/completions", json={"messages": []}, headers=AUTH),  # bad body (422)
        client.get("/v1/nowhere", headers=AUTH),  # unknown route (404)
        client.get("/v1/parse", headers=AUTH),  # wrong method (405)
        client.get("/v1/jobs/unknown", headers=AUTH),  # docparse's own (404)
        client.post("/v1/parse", files={"file": ("a.pdf", pdf)}),  # no token (401)
    ]
    assert [r.status_code for r in responses] == [422, 422, 422, 404, 405, 404, 401]
    for response in responses:
        assert _is_openai_error(response), response.text
    assert responses[0].json()["error"]["param"] == "format"
    assert responses[0].json()["error"]["type"] == "invalid_request_error"


def test_encrypted_pdf_takes_a_password_form_field(client: TestClient) -> None:
    source = pymupdf.open(stream=text_pdf("Locked quarterly figures", 1))
    pdf = source.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="open-sesame", owner_pw="owner-pw")
    missing = client.post("/v1/parse", files={"file": ("l.pdf", pdf)}, headers=AUTH)
    assert missing.status_code == 422 and missing.json()["error"]["code"] == "password_required"
    assert "'password' form field" in missing.json()["error"]["message"]
    assert "--password" not in missing.json()["error"]["message"]
    wrong = client.post("/v1/parse", files={"file": ("l.pdf", pdf)}, data={"password": "nope"}, headers=AUTH)
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "wrong_password"
    right = client.post("/v1/parse?format=md", files={"file": ("l.pdf", pdf)}, data={"password": "open-sesame"},
                        headers=AUTH)
    assert right.status_code == 200 and "Locked quarterly figures" in right.text
    job = client.post("/v1/jobs?format=md", files={"file": ("l.pdf", pdf)}, data={"password": "open-sesame"},
                      headers=AUTH)
    assert job.status_code == 202
    archive = zip_bytes({"locked.pdf": pdf, "open.pdf": text_pdf("Open page", 1)})
    items = {i["input"]: i for i in client.post("/v1/parse?format=md", files={"file": ("a.zip", archive)},
                                                headers=AUTH).json()["items"]}
    assert items["a.zip::open.pdf"]["status"] == "ok" and items["a.zip::locked.pdf"]["status"] == "failed"
    assert "'password' form field" in items["a.zip::locked.pdf"]["error"]
    unlocked = client.post("/v1/parse?format=md", files={"file": ("a.zip", archive)}, data={"password": "open-sesame"},
                           headers=AUTH).json()["items"]
    assert all(i["status"] == "ok" for i in unlocked)


def test_models_lists_the_served_model_in_openai_shape(client: TestClient) -> None:
    response = client.get("/v1/models", headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "list" and [m["id"] for m in body["data"]] == [SETTINGS.model_id]
    assert body["data"][0]["object"] == "model" and "owned_by" in body["data"][0]
    assert client.get("/v1/models").status_code == 401
    from docparse.cli_serve import build_parser, settings_from_args

    assert settings_from_args(build_parser().parse_args(["--model-id", "docparse-h1"])).serve.model_id == "docparse-h1"
    with pytest.raises(ValueError, match="model_id"):
        ServeOptions(model_id=" ")


def test_chat_completions_stream_as_server_sent_events(client: TestClient) -> None:
    pdf = text_pdf("Streamed page title", 1)
    body = {**chat_body(data_url(pdf, "application/pdf")), "stream": True, "model": "my-model"}
    response = client.post("/v1/chat/completions", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    events = [line[len("data: "):] for line in response.text.split("\n\n") if line.startswith("data: ")]
    assert events[-1] == "[DONE]" and len(events) >= 4
    chunks = [json.loads(e) for e in events[:-1]]
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"} and len({c["id"] for c in chunks}) == 1
    assert all(c["model"] == "my-model" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    plain = client.post("/v1/chat/completions", json={**body, "stream": False}, headers=AUTH).json()
    assert text == plain["choices"][0]["message"]["content"] and "Streamed page title" in text
    assert all(c.get("usage") is None for c in chunks)
    counted = client.post("/v1/chat/completions", json={**body, "stream_options": {"include_usage": True}},
                          headers=AUTH)
    last = json.loads([e for e in counted.text.split("\n\n") if e.startswith("data: {")][-1][len("data: "):])
    assert last["choices"] == [] and last["usage"] == plain["usage"]


def test_job_status_shows_page_progress(client: TestClient) -> None:
    from docparse.serve.jobs import Job

    pdf = text_pdf("Progress report", 3)
    job_id = client.post("/v1/jobs?format=md", files={"file": ("p.pdf", pdf)}, headers=AUTH).json()["id"]
    deadline = time.monotonic() + 120
    seen = []
    while time.monotonic() < deadline:
        view = client.get(f"/v1/jobs/{job_id}", headers=AUTH).json()
        seen.append(view["progress"])
        if view["status"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert view["status"] == "done", view
    assert view["progress"] == {"pages_done": 3, "pages_total": 3}
    assert all(p["pages_done"] <= p["pages_total"] or p["pages_total"] == 0 for p in seen)
    job = Job(id="x", input="a.zip")  # an archive: summed over its members
    job.page_done("a.zip::one.pdf", 2, 2)
    job.page_done("a.zip::two.pdf", 1, 5)
    assert job.view().progress.model_dump() == {"pages_done": 3, "pages_total": 7}
