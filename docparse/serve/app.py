"""The FastAPI application: parse uploads (sync or as jobs), an OpenAI-compatible chat endpoint,
health. Every conversion runs in a worker process; all state lives on the app instance.
"""

import asyncio
import hmac
import io
import os
import re
import shutil
import tempfile
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, AsyncIterator

from pydantic import BaseModel

from docparse.batch.archives import is_archive, sniff_archive
from docparse.batch.manifest import Status
from docparse.batch.worker import TaskResult, failed_result
from docparse.config import ParseOptions, parse_page_spec
from docparse.errors import UsageError
from docparse.options.batch import OutputFormat
from docparse.pages.open import PASSWORD_MISSING, PASSWORD_WRONG
from docparse.serve.chat import (
    ChatRequest,
    RequestError,
    completion_response,
    instruction_task,
    render_answer,
    split_request,
    usage_of,
)
from docparse.serve.errors import install_error_handlers
from docparse.serve.executor import PoolExecutor, ServiceStopped
from docparse.serve.formats import CSV_MEDIA_TYPE, Rendered, ServiceFormat, csv_stem, csv_zip, render_document
from docparse.serve.jobs import Job, JobsFull, JobStore, JobView
from docparse.serve.openai import SSE_MEDIA_TYPE, ModelList, completion_events, model_list
from docparse.serve.settings import ServeOptions

if TYPE_CHECKING:
    from fastapi import FastAPI, UploadFile

PASSWORD_HELP = "password of an encrypted PDF (a form field, so that it stays out of URLs and logs)"
_STATUS_HTTP = {Status.FAILED: 422, Status.LIMIT: 413, Status.TIMEOUT: 504, Status.CRASHED: 500}


class Health(BaseModel):
    status: str = "ok"
    version: str
    workers: int


class ArchiveItem(BaseModel):
    input: str
    status: Status
    pages: int = 0
    error: str | None = None
    page_errors: list[str] = []
    content: str | None = None  # Markdown, or the JSON (document / summary) as a string


class ArchiveResult(BaseModel):
    """/v1/parse's answer for a .zip/.tar(.gz) upload: one item per member."""

    archive: str
    items: list[ArchiveItem]


class Slots:
    """At most ``size`` conversions at once and ``queue`` waiting; beyond that, 429."""

    def __init__(self, size: int, queue: int) -> None:
        self._semaphore = asyncio.Semaphore(size)
        self._limit = size + queue
        self._holders = 0

    @asynccontextmanager
    async def slot(self, wait: bool = False) -> AsyncIterator[None]:
        """A conversion slot; requests over the queue limit get 429, jobs (``wait``) queue up."""
        if self._holders >= self._limit and not wait:
            raise RequestError("server busy: too many concurrent requests", code="rate_limited", status=429)
        self._holders += 1
        try:
            async with self._semaphore:
                yield
        finally:
            self._holders -= 1


@dataclass
class ServiceState:
    settings: ServeOptions
    executor: PoolExecutor
    jobs: JobStore
    slots: Slots
    job_lane: asyncio.Semaphore  # jobs running at once: hang-prone jobs never hold every slot


def create_app(settings: ServeOptions, options: ParseOptions | None = None) -> "FastAPI":
    """The service: ``settings`` for the service itself, ``options`` for each conversion."""
    from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
    from fastapi.responses import JSONResponse, Response, StreamingResponse

    from docparse import __version__
    from docparse.serve.auth import TokenMiddleware
    from docparse.serve.limits import BodyLimitMiddleware

    parse_options = options or ParseOptions()
    state = ServiceState(settings=settings, executor=PoolExecutor(settings.workers, settings.file_timeout_s),
                         jobs=JobStore(settings.max_jobs, settings.job_ttl_s),
                         slots=Slots(settings.max_concurrency, settings.max_queue),
                         job_lane=asyncio.Semaphore(settings.max_running_jobs))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(sweep_dead_uploads, Path(tempfile.gettempdir()))
        state.executor.start()
        try:
            yield
        finally:
            await asyncio.to_thread(state.executor.stop)

    app = FastAPI(title="docparse", version=__version__, lifespan=lifespan)
    started = int(time.time())
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes,
                       sync_max_bytes=settings.max_sync_bytes + settings.form_overhead_bytes,
                       sync_paths=frozenset({"/v1/parse"}))
    app.add_middleware(TokenMiddleware, token=settings.token)  # outermost: 401 before any body is read
    app.state.docparse = state

    install_error_handlers(app)

    def authorize(request: Request) -> None:
        check_token(settings.token, request.headers.get("authorization"))

    @app.get("/healthz", response_model=Health)
    async def healthz() -> Health:
        return Health(version=__version__, workers=settings.workers)

    @app.post("/v1/parse", dependencies=[Depends(authorize)])
    async def parse(file: UploadFile = File(...), format: ServiceFormat = OutputFormat.JSON,  # noqa: A002
                    pages: str | None = Query(None), password: str | None = Form(None, description=PASSWORD_HELP),
                    ) -> Response:
        options = request_options(parse_options, pages, password)
        upload = await save_upload(file, settings.max_sync_bytes, jobs_hint=True)
        try:
            async with state.slots.slot():
                rendered = await convert_upload(state, upload, format, options)
        finally:
            upload.cleanup()
        return Response(rendered.body, media_type=rendered.media_type)

    @app.post("/v1/jobs", status_code=202, response_model=JobView, dependencies=[Depends(authorize)])
    async def submit_job(file: UploadFile = File(...), format: ServiceFormat = OutputFormat.JSON,  # noqa: A002
                         pages: str | None = Query(None),
                         password: str | None = Form(None, description=PASSWORD_HELP)) -> JobView:
        options = request_options(parse_options, pages, password)
        upload = await save_upload(file, settings.max_upload_bytes, jobs_hint=False)
        try:
            job = state.jobs.create(upload.name)
        except JobsFull as exc:
            upload.cleanup()
            raise RequestError(str(exc), code="too_many_jobs", status=429) from None
        asyncio.get_running_loop().create_task(run_job(state, job, upload, format, options))
        return job.view()

    @app.get("/v1/jobs/{job_id}", response_model=JobView, dependencies=[Depends(authorize)])
    async def job_status(job_id: str) -> JobView:
        return find_job(state, job_id).view()

    @app.get("/v1/jobs/{job_id}/result", dependencies=[Depends(authorize)])
    async def job_result(job_id: str) -> Response:
        job = find_job(state, job_id)
        if job.result_body is None:
            raise RequestError(f"job is {job.state.value}" + (f": {job.error}" if job.error else ""),
                               code="job_not_done", status=409)
        return Response(job.result_body, media_type=job.result_media_type)

    @app.get("/v1/models", response_model=ModelList, dependencies=[Depends(authorize)])
    async def models() -> ModelList:
        return model_list(settings.model_id, started)

    @app.post("/v1/chat/completions", dependencies=[Depends(authorize)])
    async def chat_completions(request: ChatRequest) -> Response:
        instruction, image = split_request(request, settings.max_sync_bytes)
        task = instruction_task(instruction)
        async with state.slots.slot():
            result = await run_conversion(state, "page-image", image, parse_options)
        document = document_or_error(result)
        content = await asyncio.to_thread(render_answer, document, task, parse_options.vlm)
        if request.stream:
            wants_usage = request.stream_options is not None and request.stream_options.include_usage
            usage = usage_of(instruction, content) if wants_usage else None
            return StreamingResponse(completion_events(request.model, content, usage), media_type=SSE_MEDIA_TYPE,
                                     headers={"Cache-Control": "no-cache"})
        return JSONResponse(completion_response(request.model, content, instruction).model_dump())

    return app


def check_token(expected: str | None, header: str | None) -> None:
    """Bearer-token auth (constant-time compare); no token configured: open."""
    if expected is None:
        return
    if not header or not header.lower().startswith("bearer "):
        raise RequestError("missing bearer token (Authorization: Bearer ...)", code="unauthorized", status=401)
    if not hmac.compare_digest(header[7:].strip().encode(), expected.encode()):
        raise RequestError("invalid bearer token", code="unauthorized", status=401)


def request_options(base: ParseOptions, pages: str | None, password: str | None = None) -> ParseOptions:
    """The conversion options of one request: its ``pages`` query and ``password`` form field."""
    options = replace(base, open=replace(base.open, password=password)) if password else base
    if pages is None:
        return options
    try:
        return replace(options, pages=parse_page_spec(pages))
    except UsageError as exc:
        raise RequestError(exc.message, code="bad_pages") from None


_PASSWORD_ERRORS = {  # the library's PasswordRequired message -> the service's words and code
    PASSWORD_MISSING: ("the PDF is encrypted: send its password in the 'password' form field", "password_required"),
    PASSWORD_WRONG: ("wrong password for the encrypted PDF (the 'password' form field)", "wrong_password"),
}


def password_error(result: TaskResult) -> RequestError | None:
    """An encrypted PDF refused for its password, in the service's words (the form field, not the
    CLI's --password). The password is checked where the file is opened, in the worker: a hostile
    encrypted file never costs the server process a native call."""
    if result.status is not Status.FAILED or result.error not in _PASSWORD_ERRORS:
        return None
    message, code = _PASSWORD_ERRORS[result.error]
    return RequestError(message, code=code, status=422)


def find_job(state: ServiceState, job_id: str) -> Job:
    job = state.jobs.get(job_id)
    if job is None:
        raise RequestError(f"no job {job_id!r} (unknown or expired)", code="not_found", status=404)
    return job


@dataclass
class SavedUpload:
    name: str
    directory: tempfile.TemporaryDirectory[str]
    path: Path
    size: int

    def cleanup(self) -> None:
        self.directory.cleanup()


UPLOAD_PREFIX = "docparse-upload-"  # + the server's pid: a folder whose server died is swept at start
_UPLOAD_DIR = re.compile(re.escape(UPLOAD_PREFIX) + r"(\d+)-")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, another user's
        return True
    return True


def sweep_dead_uploads(root: Path) -> int:
    """Remove upload folders left by a server that was killed (its pid is gone): only folders
    named as this service names them and owned by this user. Returns how many were removed."""
    removed = 0
    for folder in root.glob(UPLOAD_PREFIX + "*"):
        match = _UPLOAD_DIR.match(folder.name)
        try:
            ours = folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid()
        except OSError:
            continue
        if match and ours and int(match.group(1)) != os.getpid() and not _process_alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def safe_upload_name(name: str | None) -> str:
    base = Path((name or "upload").replace("\\", "/")).name
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in base).lstrip(".")
    return cleaned[:120] or "upload"


async def save_upload(file: "UploadFile", max_bytes: int, jobs_hint: bool) -> SavedUpload:
    """Copy the upload to a private temp dir (bounded); archives are read from there, never extracted."""
    name = safe_upload_name(file.filename)
    directory = tempfile.TemporaryDirectory(prefix=f"{UPLOAD_PREFIX}{os.getpid()}-")
    path = Path(directory.name) / name
    size = 0
    try:
        with path.open("wb") as out:
            while chunk := await file.read(1 << 20):
                size += len(chunk)
                if size > max_bytes:
                    hint = "; send large files to POST /v1/jobs" if jobs_hint else ""
                    raise RequestError(f"upload is over the limit of {max_bytes} bytes{hint}",
                                       code="payload_too_large", status=413)
                out.write(chunk)
    except BaseException:
        directory.cleanup()
        raise
    if size == 0:
        directory.cleanup()
        raise RequestError("the upload is empty (0 bytes)", code="empty_upload")
    return SavedUpload(name=name, directory=directory, path=path, size=size)


async def run_conversion(state: ServiceState, key: str, source: bytes | Path, options: ParseOptions,
                         job: Job | None = None) -> TaskResult:
    """One conversion in a worker; a ``job`` records its page progress."""
    on_progress = (lambda done, total: job.page_done(key, done, total)) if job is not None else None
    try:
        future = state.executor.submit(key, source, options, on_progress)
    except ServiceStopped as exc:
        raise RequestError(str(exc), code="unavailable", status=503) from None
    return await asyncio.wrap_future(future)


async def convert_member(state: ServiceState, key: str, data: bytes | Path, options: ParseOptions,
                         job: Job | None) -> TaskResult:
    """One archive member; an encrypted one without its password fails alone, naming the form field."""
    result = await run_conversion(state, key, data, options, job)
    refused = password_error(result)
    return result if refused is None else failed_result(result.task_id, key, Status.FAILED, refused.message)


def document_or_error(result: TaskResult):  # noqa: ANN201
    refused = password_error(result)
    if refused is not None:
        raise refused
    if result.document is None:
        status = _STATUS_HTTP.get(result.status, 422)
        raise RequestError(f"{result.key}: {result.error}", code=result.status.value, status=status)
    return result.document


async def convert_upload(state: ServiceState, upload: SavedUpload, kind: OutputFormat,
                         options: ParseOptions, job: Job | None = None) -> Rendered:
    with upload.path.open("rb") as fh:
        archive = sniff_archive(fh.read(512))
    if archive is not None:
        if not is_archive(upload.path):
            raise RequestError(f"{upload.name} is a {archive} archive, not a PDF or an image: upload it under "
                               "a .zip, .tar or .tar.gz name to convert its members", code="archive_misnamed",
                               status=415)
        return await convert_archive(state, upload, kind, options, job)
    result = await run_conversion(state, upload.name, upload.path, options, job)
    return await asyncio.to_thread(render_document, document_or_error(result), kind, options)


async def convert_archive(state: ServiceState, upload: SavedUpload, kind: OutputFormat,
                          options: ParseOptions, job: Job | None = None) -> Rendered:
    """Every document in a .zip/.tar(.gz); an unsafe member or a bomb refuses the whole upload."""
    from docparse.batch.inputs import InputFailure, InputSelection, iter_payloads, list_inputs

    limits = state.settings.archive_limits
    listing = await asyncio.to_thread(list_inputs, [upload.path], InputSelection(archives=False), limits)
    prefix = str(upload.path)
    for failure in listing.failures:
        where = failure.key.replace(prefix, upload.name, 1)
        status = 413 if failure.status == Status.LIMIT.value else 400
        raise RequestError(f"{where}: {failure.message}", code="archive_refused", status=status)
    items: list[ArchiveItem] = []

    def save_members() -> list[tuple[str, Path]]:
        """Each member into the upload's folder, one at a time: memory holds one member, never the
        whole archive (a 1 MB zip of large members took the server to 1.08 GB)."""
        saved: list[tuple[str, Path]] = []
        for index, payload in enumerate(iter_payloads(listing.refs, limits)):
            if isinstance(payload, InputFailure):
                status = 413 if payload.status == Status.LIMIT.value else 400
                raise RequestError(f"{payload.key.replace(prefix, upload.name, 1)}: {payload.message}",
                                   code="archive_refused", status=status)
            path = upload.path.parent / "members" / str(index)
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(payload.data or b"")
            saved.append((payload.ref.key.replace(prefix, upload.name, 1), path))
        return saved

    members = await asyncio.to_thread(save_members)
    done = await asyncio.gather(*(convert_member(state, key, path, options, job) for key, path in members))
    if kind is OutputFormat.CSV:
        return await asyncio.to_thread(archive_csv, upload.name, done)
    for result in done:
        content = None
        if result.document is not None:
            rendered = render_document(result.document, kind, options)
            content = rendered.body.decode("utf-8")
        items.append(ArchiveItem(input=result.key, status=result.status, pages=result.pages, error=result.error,
                                 page_errors=list(result.page_errors), content=content))
    body = ArchiveResult(archive=upload.name, items=items).model_dump_json()
    return Rendered(body.encode("utf-8"), "application/json")


def archive_csv(archive: str, results: list[TaskResult]) -> Rendered:
    """format=csv for an archive: one zip, ``<member path>/<table-pN-K>.csv`` per converted member,
    and ``items.json`` (each member's status, as the other formats report it)."""
    import zipfile

    body = csv_zip([(csv_stem(r.key), r.document) for r in results if r.document is not None])
    items = [ArchiveItem(input=r.key, status=r.status, pages=r.pages, error=r.error, page_errors=list(r.page_errors))
             for r in results]
    buffer = io.BytesIO(body)
    with zipfile.ZipFile(buffer, "a") as bundle:
        bundle.writestr("items.json", ArchiveResult(archive=archive, items=items).model_dump_json(indent=1))
    return Rendered(buffer.getvalue(), CSV_MEDIA_TYPE)


async def run_job(state: ServiceState, job: Job, upload: SavedUpload, kind: OutputFormat,
                  options: ParseOptions) -> None:
    try:
        async with state.job_lane, state.slots.slot(wait=True):
            state.jobs.running(job)
            rendered = await convert_upload(state, upload, kind, options, job)
        state.jobs.finish(job, rendered.body, rendered.media_type)
    except RequestError as exc:
        state.jobs.fail(job, exc.message)
    except Exception as exc:  # noqa: BLE001 - a job records its failure, it never kills the server
        state.jobs.fail(job, f"internal error: {type(exc).__name__}: {exc}")
    finally:
        upload.cleanup()


__all__ = ["check_token", "create_app"]
