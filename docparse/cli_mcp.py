"""``docparse mcp``: docparse's tools for MCP clients (Claude Desktop, IDEs, agents) over stdio."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence

import mcp  # noqa: F401 - the extra: without it, 'docparse mcp' says which extra to install


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="docparse mcp", description="Serve parse_to_markdown, extract_tables, "
                                "extract_charts and chunk_document as MCP tools over stdio.")
    p.add_argument("--root", action="append", type=Path, default=[], metavar="DIR",
                   help="a folder the tools may read files from (repeatable; default: the working folder)")
    p.add_argument("--ocr", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--max-pages", type=int, default=1000, help="longest document converted (default 1000)")
    p.add_argument("--max-output-chars", type=int, default=200_000, help="Markdown answers are cut here")
    return p


def main(argv: Sequence[str]) -> int:
    import sys

    from docparse.config import ParseOptions
    from docparse.errors import UsageError
    from docparse.mcp.server import serve_stdio
    from docparse.options.mcp import McpOptions

    args = build_parser().parse_args(list(argv))
    try:
        options = McpOptions(roots=tuple(args.root) or (Path.cwd(),), max_output_chars=args.max_output_chars)
        parse = ParseOptions.from_kwargs(ocr=args.ocr, max_pages=args.max_pages)
    except UsageError as exc:
        print(f"docparse mcp: error: {exc.one_line()}", file=sys.stderr)
        return 2
    serve_stdio(options, parse)
    return 0
