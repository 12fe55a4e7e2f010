"""Data export of a batch (``--format parquet`` / ``--format jsonl``): one row per input in
``OUT/documents.parquet/`` and one row per table cell in ``OUT/tables.parquet/`` (``.jsonl/``
for JSON lines).

Each dataset is a folder of part files, one per input (``part-<hash of the input key>``), so a
batch appends as files finish, a killed batch keeps every part it wrote (each written
atomically), and ``--resume`` adds the rest: a redone input replaces its own part, never a
duplicate row. pandas (``pd.read_parquet("OUT/tables.parquet")``), DuckDB
(``read_parquet('OUT/tables.parquet/*.parquet')``) and Spark read the folders as one table.

Workers call :func:`write_document_parts` (they hold the document); the batch driver calls
:func:`write_failure_part` for an input that produced none.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass, fields
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from docparse.options.batch import OutputFormat

if TYPE_CHECKING:
    from docparse.document import Document

DOCUMENTS = "documents"
TABLES = "tables"


class ExportFormat(str, Enum):
    PARQUET = OutputFormat.PARQUET.value
    JSONL = OutputFormat.JSONL.value


def export_formats(formats: Iterable[OutputFormat]) -> list[ExportFormat]:
    return [ExportFormat(f.value) for f in formats if f.value in {e.value for e in ExportFormat}]


@dataclass(frozen=True)
class DocumentRow:
    path: str  # the input as given (an archive member as archive/member)
    sha256: str | None
    status: str  # the manifest status: ok, partial, failed, timeout, limit, crashed
    pages: int
    error: str | None
    markdown: str | None
    json: str | None


@dataclass(frozen=True)
class CellRow:
    file: str
    page: int
    table_id: str
    row: int
    col: int
    rowspan: int
    colspan: int
    is_header: bool
    text: str
    value: float | None  # the number the cell writes (18,870 -> 18870.0; (12) -> -12.0), else null
    unit: str | None  # '%' or a currency sign, when the number has one


_ARROW_TYPES = {str: "string", int: "int64", float: "float64", bool: "bool_"}
_COLUMN_TYPES = {  # the parquet schema, written out so an empty part has the same columns
    DOCUMENTS: {"path": str, "sha256": str, "status": str, "pages": int, "error": str, "markdown": str, "json": str},
    TABLES: {"file": str, "page": int, "table_id": str, "row": int, "col": int, "rowspan": int, "colspan": int,
             "is_header": bool, "text": str, "value": float, "unit": str},
}


def part_name(key: str) -> str:
    """The part file stem of one input: stable across runs, so a redone input replaces its part."""
    return "part-" + hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def part_path(out_dir: Path, dataset: str, key: str, fmt: ExportFormat) -> Path:
    return out_dir / f"{dataset}.{fmt.value}" / f"{part_name(key)}.{fmt.value}"


def cell_rows(document: "Document", key: str) -> list[CellRow]:
    from docparse.renderers.numbers import parse_cell_number

    rows: list[CellRow] = []
    for region in document.tables:
        if region.table is None:
            continue
        for cell in sorted(region.table.cells, key=lambda c: (c.row, c.col)):
            number = parse_cell_number(cell.text)
            rows.append(CellRow(
                file=key, page=region.page, table_id=region.id, row=cell.row, col=cell.col,
                rowspan=cell.rowspan, colspan=cell.colspan, is_header=cell.is_header,
                text=" ".join(cell.text.split()), value=number.value if number else None,
                unit=number.unit if number else None))
    return rows


def document_row(document: "Document", key: str, sha256: str | None, status: str) -> DocumentRow:
    return DocumentRow(path=key, sha256=sha256, status=status, pages=len(document.pages), error=None,
                       markdown=document.to_markdown(), json=document.to_json(indent=None))


def encode(dataset: str, rows: list[Any], fmt: ExportFormat) -> bytes:
    """Rows of one dataset as a Parquet file or JSON lines."""
    if fmt is ExportFormat.JSONL:
        return "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from docparse.errors import UsageError

        raise UsageError("--format parquet needs pyarrow (pip install 'docparse-pdf[parquet]')") from None
    types = _COLUMN_TYPES[dataset]
    schema = pa.schema([(name, getattr(pa, _ARROW_TYPES[kind])()) for name, kind in types.items()])
    columns = {f.name: [getattr(r, f.name) for r in rows] for f in fields(DocumentRow if dataset == DOCUMENTS else CellRow)}
    table = pa.table(columns, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def write_document_parts(document: "Document", out_dir: Path, key: str, sha256: str | None, status: str,
                         formats: Iterable[OutputFormat]) -> list[Path]:
    """A converted input's rows: its document row and its table cells, one part file each."""
    from docparse.renderers.files import write_atomic

    written: list[Path] = []
    for fmt in export_formats(formats):
        parts = ((DOCUMENTS, [document_row(document, key, sha256, status)]), (TABLES, cell_rows(document, key)))
        for dataset, rows in parts:
            path = part_path(out_dir, dataset, key, fmt)
            write_atomic(path, encode(dataset, rows, fmt))
            written.append(path)
    return written


def write_failure_part(out_dir: Path, key: str, sha256: str | None, status: str, error: str | None,
                       formats: Iterable[OutputFormat]) -> list[Path]:
    """An input without a document: its row says why; a table part from an earlier run goes."""
    from docparse.renderers.files import write_atomic

    written: list[Path] = []
    for fmt in export_formats(formats):
        row = DocumentRow(path=key, sha256=sha256, status=status, pages=0, error=error, markdown=None, json=None)
        path = part_path(out_dir, DOCUMENTS, key, fmt)
        write_atomic(path, encode(DOCUMENTS, [row], fmt))
        written.append(path)
        part_path(out_dir, TABLES, key, fmt).unlink(missing_ok=True)
    return written


def document_status(document: "Document") -> str:
    """ok, or partial when a page failed (as the batch records it)."""
    from docparse.batch.manifest import Status

    failed = any(issue.fatal for page in document.pages for issue in page.issues)
    return (Status.PARTIAL if failed else Status.OK).value


def export_failure(out_dir: "Path | str", key: str, sha256: str | None, status: str, error: str | None,
                   formats: Iterable[OutputFormat]) -> None:
    """The driver's hook for an input that produced no document (local ``OUT`` folders; an
    object-store batch writes through its own store)."""
    if isinstance(out_dir, Path) and export_formats(formats):
        write_failure_part(out_dir, key, sha256, status, error, formats)


def check_writers(formats: Iterable[OutputFormat]) -> None:
    """Fail before the batch starts when ``--format parquet`` lacks pyarrow (not once per input)."""
    if OutputFormat.PARQUET in set(formats):
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            from docparse.errors import UsageError

            raise UsageError("--format parquet needs pyarrow (pip install 'docparse-pdf[parquet]')")
