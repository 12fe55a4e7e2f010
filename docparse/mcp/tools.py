"""The work behind the MCP tools, free of the ``mcp`` package (testable on its own)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from docparse.chunking import Chunk, ChunkOptions
from docparse.config import ParseOptions, parse_page_spec
from docparse.document import Chart, Document, ImageMode
from docparse.errors import UsageError
from docparse.options.mcp import McpOptions

if TYPE_CHECKING:
    from docparse.converter import Converter

DocumentKey = tuple[str, float, int, str]


class TableResult(BaseModel):
    id: str
    page: int
    n_rows: int
    n_cols: int
    header_rows: int
    caption: str | None = None
    markdown: str
    csv: str


class ChartResult(BaseModel):
    id: str
    page: int
    caption: str | None = None
    chart: Chart
    csv: str


@dataclass
class DocparseTools:
    """One converter (models load once) and a few parsed documents, for one server."""

    options: McpOptions = field(default_factory=McpOptions)
    parse: ParseOptions = field(default_factory=ParseOptions)
    _converter: "Converter | None" = None
    _documents: "OrderedDict[DocumentKey, Document]" = field(default_factory=OrderedDict)

    def resolve(self, path: str) -> Path:
        """``path`` as a file under one of the roots (relative paths are taken from the first)."""
        candidate = Path(path).expanduser()
        if not candidate.is_absolute():
            candidate = self.options.roots[0] / candidate
        resolved = candidate.resolve()
        if not any(resolved.is_relative_to(root.resolve()) for root in self.options.roots):
            raise UsageError(f"{path}: outside the folders this server may read ({', '.join(map(str, self.options.roots))})")
        if not resolved.is_file():
            raise UsageError(f"{path}: no such file")
        return resolved

    def document(self, path: str, pages: str | None = None) -> Document:
        file = self.resolve(path)
        key: DocumentKey = (str(file), file.stat().st_mtime, file.stat().st_size, pages or "")
        if key in self._documents:
            self._documents.move_to_end(key)
            return self._documents[key]
        if self._converter is None:
            from docparse.converter import Converter

            self._converter = Converter(self.parse)
        if pages:  # the same components (models), other pages
            from docparse.pipeline import convert

            options = replace(self.parse, pages=parse_page_spec(pages))
            document = convert(file, options, self._converter.components)
        else:
            document = self._converter.convert(file)
        document.source = path
        if self.options.cached_documents:
            self._documents[key] = document
            while len(self._documents) > self.options.cached_documents:
                self._documents.popitem(last=False)
        return document

    def markdown(self, path: str, pages: str | None = None) -> str:
        text = self.document(path, pages).to_markdown(images=ImageMode.NONE)
        limit = self.options.max_output_chars
        if len(text) > limit:
            return text[:limit] + f"\n\n[docparse: cut at {limit} of {len(text)} characters; ask for fewer pages]\n"
        return text

    def tables(self, path: str, pages: str | None = None) -> list[TableResult]:
        document = self.document(path, pages)
        out = []
        for region in document.tables:
            if region.table is None or not region.table.n_rows:
                continue
            out.append(TableResult(
                id=region.id, page=region.page, n_rows=region.table.n_rows, n_cols=region.table.n_cols,
                header_rows=region.table.header_rows, caption=_caption(document, region.caption_id),
                markdown=region.table.to_markdown(), csv=region.table.to_csv()))
        return out

    def charts(self, path: str, pages: str | None = None) -> list[ChartResult]:
        document = self.document(path, pages)
        return [ChartResult(id=r.id, page=r.page, caption=_caption(document, r.caption_id), chart=r.chart,
                            csv=r.chart.to_csv())
                for r in document.charts if r.chart is not None]

    def chunks(self, path: str, max_tokens: int = 512, tokenizer: str | None = None,
               pages: str | None = None) -> list[Chunk]:
        from docparse.chunking import chunk_document

        return chunk_document(self.document(path, pages), ChunkOptions(max_tokens=max_tokens, tokenizer=tokenizer))


def _caption(document: Document, caption_id: str | None) -> str | None:
    region = document.find(caption_id) if caption_id else None
    return " ".join(region.text.split()) if region is not None else None
