"""The MCP server: docparse's tools registered on the ``mcp`` package's server, run over stdio."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from docparse.chunking import Chunk
from docparse.config import ParseOptions
from docparse.mcp.tools import ChartResult, DocparseTools, TableResult
from docparse.options.mcp import McpOptions

INSTRUCTIONS = ("docparse converts PDFs (born-digital or scanned) and images: Markdown, tables (cells, "
                "CSV), chart values and retrieval chunks. Paths are files under the server's folders; "
                "pages like '1-3,7' limit the work to those pages.")


def _server_class() -> Any:
    try:  # mcp 2.x
        from mcp.server.mcpserver import MCPServer

        return MCPServer
    except ImportError:  # mcp 1.x
        from mcp.server.fastmcp import FastMCP  # type: ignore[attr-defined,unused-ignore]

        return FastMCP


def _tool_error_class() -> type[Exception]:
    try:  # mcp 2.x
        from mcp.server.mcpserver.exceptions import ToolError

        return ToolError
    except ImportError:  # mcp 1.x
        from mcp.server.fastmcp import exceptions  # type: ignore[attr-defined,unused-ignore]

        return exceptions.ToolError  # type: ignore[no-any-return,unused-ignore]


T = TypeVar("T")


def answer(work: Callable[[], T]) -> T:
    """Run a tool's work; docparse's errors (bad path, unreadable PDF, bad pages) reach the client
    as the tool's error message, not as an anonymous failure."""
    from docparse.errors import DocparseError

    try:
        return work()
    except DocparseError as exc:
        raise _tool_error_class()(exc.one_line()) from None


def build_server(options: McpOptions | None = None, parse: ParseOptions | None = None) -> Any:
    """The server object with the four tools (``run("stdio")`` serves it)."""
    tools = DocparseTools(options=options or McpOptions(), parse=parse or ParseOptions())
    server = _server_class()("docparse", instructions=INSTRUCTIONS)

    @server.tool()
    def parse_to_markdown(path: str, pages: str | None = None) -> str:
        """The document as Markdown: headings, paragraphs, lists, tables, chart value tables."""
        return answer(lambda: tools.markdown(path, pages))

    @server.tool()
    def extract_tables(path: str, pages: str | None = None) -> list[TableResult]:
        """Every table: id, page, size, header rows, caption, Markdown and CSV."""
        return answer(lambda: tools.tables(path, pages))

    @server.tool()
    def extract_charts(path: str, pages: str | None = None) -> list[ChartResult]:
        """Every chart whose values were read: type, axes, categories, series values, CSV."""
        return answer(lambda: tools.charts(path, pages))

    @server.tool()
    def chunk_document(path: str, max_tokens: int = 512, tokenizer: str | None = None,
                       pages: str | None = None) -> list[Chunk]:
        """Retrieval chunks of at most max_tokens tokens (words, or a local/cached Hugging Face
        tokenizer), each with its heading path, pages, region ids and boxes."""
        return answer(lambda: tools.chunks(path, max_tokens, tokenizer, pages))

    return server


def serve_stdio(options: McpOptions | None = None, parse: ParseOptions | None = None) -> None:
    build_server(options, parse).run("stdio")
