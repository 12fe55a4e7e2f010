"""Options of the HTTP service (``docparse serve``): auth, upload limits, concurrency, workers,
jobs. How each request's document is converted is the tree's ``ParseOptions``
(:class:`docparse.config.DocparseOptions`), handed to ``create_app`` beside these."""

from __future__ import annotations

from dataclasses import dataclass, field

from docparse.options.batch import ArchiveLimits

MiB = 1024 * 1024


@dataclass(frozen=True)
class ServeOptions:
    token: str | None = None  # bearer token; None: no auth
    max_upload_bytes: int = 200 * MiB  # any request body (jobs included)
    max_sync_bytes: int = 25 * MiB  # larger uploads must use POST /v1/jobs
    form_overhead_bytes: int = 64 * 1024  # multipart headers and form fields a /v1/parse body adds to its file
    max_concurrency: int = 2  # conversions running at once
    max_queue: int = 16  # requests waiting for a slot; beyond: 429
    max_running_jobs: int = 1  # jobs converting at once; the other slots stay free for /v1/parse
    workers: int = 2  # worker processes
    file_timeout_s: float | None = 300.0  # per request / job: the worker is killed past it
    max_jobs: int = 100  # unfinished + kept jobs
    job_ttl_s: float = 3600.0  # finished jobs are kept this long
    model_id: str = "docparse"  # the model GET /v1/models lists (chat completions answer any model name)
    archive_limits: ArchiveLimits = field(default_factory=lambda: ArchiveLimits(
        max_member_bytes=100 * MiB, max_total_bytes=1024 * MiB, max_members=1000))

    def __post_init__(self) -> None:
        if self.max_upload_bytes < 1 or self.max_sync_bytes < 1:
            raise ValueError("upload limits must be positive")
        if self.max_concurrency < 1 or self.max_queue < 0 or self.workers < 1 or self.max_jobs < 1:
            raise ValueError("max_concurrency, workers and max_jobs must be >= 1, max_queue >= 0")
        if not 1 <= self.max_running_jobs <= self.max_concurrency:
            raise ValueError("max_running_jobs must be between 1 and max_concurrency")
        if not self.model_id.strip():
            raise ValueError("model_id must name the model (GET /v1/models lists it)")
        if self.token is not None and not self.token.strip():
            raise ValueError("an empty token would accept anyone; leave it unset instead")
