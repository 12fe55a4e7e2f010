"""``docparse serve``: run the HTTP service (FastAPI app from docparse.serve) under uvicorn."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

MiB = 1024 * 1024


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="docparse serve", description="docparse's HTTP service: POST /v1/parse, "
                                "/v1/jobs, OpenAI-compatible /v1/chat/completions, GET /healthz.")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", default=None,
                   help="require 'Authorization: Bearer TOKEN' (default: $DOCPARSE_API_TOKEN; unset: no auth)")
    p.add_argument("--max-upload-mb", type=float, default=200.0, help="largest request body (jobs)")
    p.add_argument("--max-sync-mb", type=float, default=25.0, help="largest upload for synchronous /v1/parse")
    p.add_argument("--concurrency", type=int, default=2, help="conversions at once")
    p.add_argument("--queue", type=int, default=16, help="requests waiting for a slot before 429")
    p.add_argument("--workers", type=int, default=2, help="worker processes")
    p.add_argument("--file-timeout", type=float, default=300.0, help="seconds per request/job (0: no limit)")
    p.add_argument("--page-timeout", type=float, default=60.0)
    p.add_argument("--max-pages", type=int, default=1000)
    p.add_argument("--ocr", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--vlm-server", help="OpenAI-compatible VLM server for the VLM reader")
    p.add_argument("--model-id", default="docparse", help="the model name GET /v1/models lists (default docparse)")
    return p


def settings_from_args(args: argparse.Namespace):  # noqa: ANN201 - DocparseOptions is imported lazily
    """The options tree of ``docparse serve``: the service's settings and each conversion's options."""
    from docparse.config import DocparseOptions, ParseOptions
    from docparse.serve.settings import ServeOptions

    token = args.token if args.token is not None else os.environ.get("DOCPARSE_API_TOKEN") or None
    options = ParseOptions.from_kwargs(ocr=args.ocr, vlm_server=args.vlm_server, page_timeout_s=args.page_timeout,
                                       max_pages=args.max_pages)
    serve = ServeOptions(
        token=token, max_upload_bytes=int(args.max_upload_mb * MiB), max_sync_bytes=int(args.max_sync_mb * MiB),
        max_concurrency=args.concurrency, max_queue=args.queue, workers=args.workers,
        file_timeout_s=args.file_timeout or None, model_id=args.model_id,
    )
    return DocparseOptions(parse=options, serve=serve)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from docparse.errors import UsageError

    try:
        tree = settings_from_args(args)
    except (UsageError, ValueError) as exc:
        print(f"docparse serve: error: {exc}", file=sys.stderr)
        return 2
    try:
        import uvicorn

        from docparse.serve import create_app
    except ModuleNotFoundError as exc:
        print(f"docparse serve: error: {exc.name} is missing; pip install -e '.[serve]' in the docparse checkout", file=sys.stderr)
        return 2
    if tree.serve.token is None and args.host not in ("127.0.0.1", "localhost", "::1"):
        print("docparse serve: warning: listening beyond localhost without --token", file=sys.stderr)
    uvicorn.run(create_app(tree.serve, tree.parse), host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
