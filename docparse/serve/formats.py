"""What ``/v1/parse`` and ``/v1/jobs`` answer for each ``format``: the CLI's format names
(:class:`~docparse.options.batch.OutputFormat`: ``md``, ``json``, ``csv``, ``summary``), plus the
service's earlier spelling ``markdown``."""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator

from docparse.config import ParseOptions
from docparse.options.batch import OutputFormat

FORMAT_ALIASES = {"markdown": OutputFormat.MARKDOWN}  # names the service took before it shared the CLI's


def format_name(value: Any) -> Any:
    """A format name as the CLI spells it (``markdown`` -> ``md``); anything else is left to validation."""
    if isinstance(value, str):
        key = value.strip().lower()
        return FORMAT_ALIASES.get(key, key)
    return value


def _query() -> Any:
    from fastapi import Query  # FastAPI is the service's extra: imported when the app is built

    return Query(description="md, json, csv (a zip of one CSV per table and chart) or summary; "
                             "'markdown' is taken for md")


ServiceFormat = Annotated[OutputFormat, _query(), BeforeValidator(format_name)]


@dataclass(frozen=True)
class Rendered:
    body: bytes
    media_type: str


CSV_MEDIA_TYPE = "application/zip"  # one CSV per table and chart, named as the CLI writes them


def csv_zip(documents: list[tuple[str, Any]]) -> bytes:
    """A zip holding ``<stem>/<table-pN-K>.csv`` per table and chart of each (stem, document):
    the layout ``docparse -o OUT --format csv`` writes."""
    from docparse.renderers.files import write_outputs

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="docparse-csv-") as tmp, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        root = Path(tmp)
        for stem, document in documents:
            for path in write_outputs(document, root, stem, {OutputFormat.CSV}):
                archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()


def csv_stem(name: str) -> str:
    """The folder of a document's CSVs in the zip: its name without the suffix (archive members keep their path)."""
    member = name.split("::", 1)[-1]
    path = Path(member.replace("\\", "/"))
    cleaned = [part for part in path.with_suffix("").parts if part not in ("", ".", "..", "/")]
    return "/".join(cleaned) or "document"


def render_document(document: Any, kind: OutputFormat, options: ParseOptions) -> Rendered:
    """One document in ``kind`` (csv: a zip of its tables and charts)."""
    if kind is OutputFormat.MARKDOWN:
        return Rendered(document.to_markdown().encode("utf-8"), "text/markdown; charset=utf-8")
    if kind is OutputFormat.SUMMARY:
        from docparse.components import default_summarizer
        from docparse.renderers.summary import summarize_document

        summary = summarize_document(document, default_summarizer(options.vlm), options.output.summary)  # abstractive with a VLM server
        return Rendered(summary.to_json().encode("utf-8"), "application/json")
    if kind is OutputFormat.CSV:
        return Rendered(csv_zip([(csv_stem(document.source or "document"), document)]), CSV_MEDIA_TYPE)
    return Rendered(document.to_json().encode("utf-8"), "application/json")


__all__ = ["CSV_MEDIA_TYPE", "FORMAT_ALIASES", "Rendered", "ServiceFormat", "csv_zip", "format_name",
           "render_document"]
