"""``docparse mcp`` (issue 19 item 7): the four tools over stdio, driven by the reference ``mcp``
Python client (stdio_client + ClientSession) against a real server process."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from tests.test_chunking import make_report
from tests.test_export import make_table_pdf

pytest.importorskip("mcp")


async def _session_calls(root: Path) -> dict[str, object]:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    params = StdioServerParameters(command=sys.executable, args=["-m", "docparse", "mcp", "--root", str(root)],
                                   cwd=str(Path(__file__).resolve().parents[1]))
    out: dict[str, object] = {}
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        out["tools"] = sorted(t.name for t in (await session.list_tools()).tools)
        out["markdown"] = await session.call_tool("parse_to_markdown", {"path": "report.pdf"})
        out["tables"] = await session.call_tool("extract_tables", {"path": str(root / "table.pdf")})
        out["charts"] = await session.call_tool("extract_charts", {"path": "table.pdf"})
        out["chunks"] = await session.call_tool("chunk_document", {"path": "report.pdf", "max_tokens": 100})
        out["page2"] = await session.call_tool("parse_to_markdown", {"path": "report.pdf", "pages": "2"})
        out["outside"] = await session.call_tool("parse_to_markdown", {"path": "/etc/passwd"})
    return out


def _structured(result: object) -> object:
    data = getattr(result, "structured_content", None) or getattr(result, "structuredContent", None)
    if data is None:
        data = json.loads(result.content[0].text)  # type: ignore[attr-defined]
    return data.get("result", data) if isinstance(data, dict) else data


def _is_error(result: object) -> bool:
    return bool(getattr(result, "is_error", None) or getattr(result, "isError", None))


def test_mcp_tools_over_stdio(tmp_path: Path) -> None:
    make_report(tmp_path / "report.pdf", seed=2)
    make_table_pdf(tmp_path / "table.pdf", 5, "Table report")
    out = asyncio.run(asyncio.wait_for(_session_calls(tmp_path), timeout=120))
    assert out["tools"] == ["chunk_document", "extract_charts", "extract_tables", "parse_to_markdown"]
    markdown = out["markdown"].content[0].text  # type: ignore[attr-defined]
    assert "# Annual Water Report" in markdown and "Marker1x1" in markdown
    tables = _structured(out["tables"])
    assert len(tables) == 1 and tables[0]["n_rows"] == 6 and tables[0]["csv"].startswith("Region,Revenue,Growth")
    assert _structured(out["charts"]) == []
    chunks = _structured(out["chunks"])
    assert chunks and all(c["tokens"] <= 100 and c["pages"] and c["region_ids"] for c in chunks)
    page2 = out["page2"].content[0].text  # type: ignore[attr-defined]
    assert "Annual Water Report" not in page2 and page2.strip()
    assert _is_error(out["outside"]) and "outside" in out["outside"].content[0].text  # type: ignore[attr-defined]
