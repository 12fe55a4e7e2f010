"""Async jobs for large files: an in-memory, bounded store owned by one app instance."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from enum import Enum

from pydantic import BaseModel


class JobState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobProgress(BaseModel):
    """Pages converted so far and pages in all (an archive: summed over the members started)."""

    pages_done: int = 0
    pages_total: int = 0


class JobView(BaseModel):
    """What ``GET /v1/jobs/{id}`` answers; ``result`` once done (the /v1/parse body)."""

    id: str
    status: JobState
    input: str
    created: float
    finished: float | None = None
    error: str | None = None
    result_url: str | None = None
    progress: JobProgress = JobProgress()


@dataclass
class Job:
    id: str
    input: str
    state: JobState = JobState.QUEUED
    created: float = field(default_factory=time.time)
    finished: float | None = None
    error: str | None = None
    result_body: bytes | None = None
    result_media_type: str = "application/json"
    pages: dict[str, tuple[int, int]] = field(default_factory=dict)  # per document: (done, total)

    def page_done(self, document: str, done: int, total: int) -> None:
        self.pages = {**self.pages, document: (done, total)}  # replaced whole: views read it from other threads

    def progress(self) -> JobProgress:
        counts = list(self.pages.values())
        return JobProgress(pages_done=sum(d for d, _ in counts), pages_total=sum(t for _, t in counts))

    def view(self) -> JobView:
        url = f"/v1/jobs/{self.id}/result" if self.state is JobState.DONE else None
        return JobView(id=self.id, status=self.state, input=self.input, created=self.created,
                       finished=self.finished, error=self.error, result_url=url, progress=self.progress())


class JobsFull(RuntimeError):
    pass


class JobStore:
    def __init__(self, max_jobs: int, ttl_s: float) -> None:
        self.max_jobs = max_jobs
        self.ttl_s = ttl_s
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def create(self, input_name: str) -> Job:
        with self._lock:
            self._expire()
            if len(self._jobs) >= self.max_jobs:
                raise JobsFull(f"too many jobs (limit {self.max_jobs}); try again later")
            job = Job(id=uuid.uuid4().hex, input=input_name)
            self._jobs[job.id] = job
            return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            self._expire()
            return self._jobs.get(job_id)

    def _expire(self) -> None:
        now = time.time()
        for job_id, job in list(self._jobs.items()):
            if job.finished is not None and now - job.finished > self.ttl_s:
                del self._jobs[job_id]

    def running(self, job: Job) -> None:
        job.state = JobState.RUNNING

    def finish(self, job: Job, body: bytes, media_type: str) -> None:
        job.result_body, job.result_media_type = body, media_type
        job.state, job.finished = JobState.DONE, time.time()

    def fail(self, job: Job, error: str) -> None:
        job.error, job.state, job.finished = error, JobState.FAILED, time.time()
