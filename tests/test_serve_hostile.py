"""The service under hostile requests (issue 21): the token checked before any body is read,
the API docs behind the token, a zip named .pdf, upload folders of a killed server swept, and a
normal /v1/parse answered while two long jobs run."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from docparse.serve import ServeOptions, create_app  # noqa: E402
from docparse.serve.app import UPLOAD_PREFIX, sweep_dead_uploads  # noqa: E402
from tests.test_batch_support import text_pdf, zip_bytes  # noqa: E402

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def call_raw(app, path: str, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, bool]:  # noqa: ANN001
    """One request through the ASGI app: (status, whether the app ever asked for the body)."""
    asked = False
    sent: list[dict] = []

    async def receive() -> dict:
        nonlocal asked
        asked = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], asked


@pytest.mark.parametrize("path", ["/v1/parse", "/v1/jobs", "/v1/chat/completions"])
def test_unauthenticated_bodies_are_never_read(path: str) -> None:
    app = create_app(ServeOptions(token=TOKEN, workers=1))
    big = b"x" * 1_000_000
    for headers in ([], [(b"authorization", b"Bearer wrong")], [(b"authorization", b"Basic czNjcmV0")]):
        status, asked = call_raw(app, path, [(b"content-length", str(len(big)).encode()), *headers], big)
        assert status == 401 and not asked, (headers, status, asked)


def test_a_sync_upload_over_the_sync_limit_is_refused_before_its_body_is_read() -> None:
    """/v1/parse took bodies up to the job limit (spooled to disk) before its own 413."""
    app = create_app(ServeOptions(token=TOKEN, workers=1, max_sync_bytes=1_000_000, max_upload_bytes=50_000_000))
    headers = [(b"authorization", f"Bearer {TOKEN}".encode()), (b"content-length", b"20000000"),
               (b"content-type", b"multipart/form-data; boundary=XyZ")]
    status, asked = call_raw(app, "/v1/parse", headers, b"")
    assert status == 413 and not asked
    status, asked = call_raw(app, "/v1/jobs", headers, b"--XyZ--\r\n")  # jobs take large files
    assert status != 413 and asked


def test_api_docs_need_the_token_when_one_is_set() -> None:
    with TestClient(create_app(ServeOptions(token=TOKEN, workers=1))) as client:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert client.get(path).status_code == 401
            assert client.get(path, headers=AUTH).status_code == 200
        assert client.get("/healthz").status_code == 200
    with TestClient(create_app(ServeOptions(workers=1))) as client:  # no token: open, as before
        assert client.get("/openapi.json").status_code == 200


def test_zip_uploaded_as_pdf_is_a_clear_4xx() -> None:
    with TestClient(create_app(ServeOptions(token=TOKEN, workers=1))) as client:
        response = client.post("/v1/parse", files={"file": ("x.pdf", zip_bytes({"a.pdf": text_pdf("A", 1)}))},
                               headers=AUTH)
        assert response.status_code == 415, response.text
        assert "zip archive" in response.json()["error"]["message"]


def non_utf8_zip() -> bytes:
    """A zip whose member name is the bytes ff fe .pdf with the UTF-8 flag set."""
    data = bytearray(zip_bytes({"ok.pdf": text_pdf("Two", 1)}).replace(b"ok.pdf", b"\xff\xfe.pdf"))
    for signature, flag_at in ((b"PK\x03\x04", 7), (b"PK\x01\x02", 9)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= 0x08
            at = data.find(signature, at + 4)
    return bytes(data)


def own_upload_folders() -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"{UPLOAD_PREFIX}{os.getpid()}-*"))


def test_bad_uploads_are_4xx_and_leave_no_upload_folder() -> None:
    with TestClient(create_app(ServeOptions(token=TOKEN, workers=1))) as client:
        named = client.post("/v1/parse", files={"file": ("n.zip", non_utf8_zip())}, headers=AUTH)
        assert named.status_code == 200, named.text  # the member converts under an escaped name
        assert named.json()["items"][0]["status"] == "ok"
        for name, data in (("x.pdf", zip_bytes({"a.pdf": b"%PDF-"})), ("e.pdf", b""), ("t.pdf", b"not a pdf")):
            response = client.post("/v1/parse", files={"file": (name, data)}, headers=AUTH)
            assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
        assert own_upload_folders() == []


def test_upload_folders_of_a_killed_server_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{UPLOAD_PREFIX}{dead.stdout.strip()}-abc"
    (stale / "x.pdf").parent.mkdir()
    (stale / "x.pdf").write_bytes(b"%PDF-")
    live = tmp_path / f"{UPLOAD_PREFIX}{os.getpid()}-def"  # this server's own: kept
    live.mkdir()
    other = tmp_path / "docparse-upload-notes"  # not a name the service makes: kept
    other.mkdir()
    assert sweep_dead_uploads(tmp_path) == 1
    assert not stale.exists() and live.exists() and other.exists()


def long_pdf(pages: int) -> bytes:
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        for row in range(50):
            page.insert_text((40, 40 + row * 14), f"Row {row} of page {number}: 12.5 33.1 {row * number}", fontsize=9)
    return doc.tobytes()


def test_a_normal_parse_is_answered_while_two_long_jobs_run() -> None:
    """Two long jobs held both conversion slots, so /v1/parse waited for the file timeout."""
    settings = ServeOptions(token=TOKEN, workers=2, max_concurrency=2, file_timeout_s=12)
    slow = long_pdf(200)  # longer than the 12 s file limit
    with TestClient(create_app(settings)) as client:
        for name in ("slow1.pdf", "slow2.pdf"):
            assert client.post("/v1/jobs", files={"file": (name, slow)}, headers=AUTH).status_code == 202
        time.sleep(2)  # the jobs start
        start = time.monotonic()
        response = client.post("/v1/parse?format=md", files={"file": ("small.pdf", text_pdf("Quick", 1))},
                               headers=AUTH)
        waited = time.monotonic() - start
        assert response.status_code == 200 and "Quick" in response.text
        assert waited < 9, waited  # before: until a job reached the 12 s file limit


def test_uploads_are_opened_only_in_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The password check opened every upload with MuPDF in the server process: a hostile
    file's native open (MuPDF repairing a file whose object stream inflates to GiBs, 0.5 GB of
    xref entries) ran there, outside every worker deadline. The worker that converts the file
    checks its password now; the service still names its form field."""
    opened: list[object] = []
    real_open = pymupdf.open

    def spy(*args: object, **kwargs: object) -> object:
        opened.append(args[:1])
        return real_open(*args, **kwargs)

    locked = pymupdf.open(stream=text_pdf("Locked figures", 1)).tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="open-sesame", owner_pw="owner-pw")
    monkeypatch.setattr(pymupdf, "open", spy)  # this process only: the workers are spawned
    with TestClient(create_app(ServeOptions(token=TOKEN, workers=1))) as client:
        missing = client.post("/v1/parse", files={"file": ("l.pdf", locked)}, headers=AUTH)
        assert missing.status_code == 422 and missing.json()["error"]["code"] == "password_required"
        assert "'password' form field" in missing.json()["error"]["message"]
        wrong = client.post("/v1/parse", files={"file": ("l.pdf", locked)}, data={"password": "x"}, headers=AUTH)
        assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "wrong_password"
        job = client.post("/v1/jobs", files={"file": ("l.pdf", locked)}, headers=AUTH).json()
        deadline = time.monotonic() + 60
        while (view := client.get(f"/v1/jobs/{job['id']}", headers=AUTH).json())["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline, view
            time.sleep(0.2)
        assert view["status"] == "failed" and "'password' form field" in view["error"]
        right = client.post("/v1/parse?format=md", files={"file": ("l.pdf", locked)},
                            data={"password": "open-sesame"}, headers=AUTH)
        assert right.status_code == 200 and "Locked figures" in right.text
    assert opened == []
