"""Writing a document's outputs to disk, atomically (temp file + rename).

Layout under ``OUT``: ``<stem>.md``, ``<stem>.json``, and ``<stem>/`` with one CSV per table
(``table-p3-2.csv``) and per chart (``chart-p5-1.csv``), figure and chart images
(``figures/page-3-figure-2.png``, :mod:`docparse.renderers.images`) and page images
(``pages/page-3.png``).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Iterable

from docparse.document import Document, ImageMode
from docparse.options.batch import OutputFormat
from docparse.options.outputs import ImageOptions, OutputOptions

TEMP_MARK = "docparse-tmp"  # write_atomic's temp names: '.<name>.docparse-tmp-<24 hex>.tmp'
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\." + TEMP_MARK + r"-[0-9a-f]{24}\.tmp$")


def temp_path_for(path: Path) -> Path:
    """A fresh, unguessable temp name beside ``path`` that only docparse writes."""
    return path.with_name(f".{path.name}.{TEMP_MARK}-{secrets.token_hex(12)}.tmp")


def temp_target(name: str) -> str | None:
    """The output name a write_atomic temp file was for, or None when ``name`` is not one."""
    match = _TEMP_NAME.match(name)
    return match.group("target") if match else None


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_for(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _slug(region_id: str) -> str:
    # /page/3/table/2 -> table-p3-2
    parts = region_id.strip("/").split("/")
    return f"{parts[2]}-p{parts[1]}-{parts[3]}" if len(parts) == 4 else region_id.strip("/").replace("/", "-")


NO_IMAGES = OutputOptions(images=ImageOptions(mode=ImageMode.NONE))


def write_outputs(document: Document, out_dir: Path, stem: str, formats: Iterable[OutputFormat],
                  output: OutputOptions = NO_IMAGES) -> list[Path]:
    """Write ``formats`` of ``document`` under ``out_dir``; ``output``: figure/chart and page
    images (written first, so that the Markdown links them and the JSON carries their paths)
    and page-break markers."""
    from docparse.renderers.images import write_images

    formats = set(formats)
    written: list[Path] = []
    if formats & {OutputFormat.MARKDOWN, OutputFormat.JSON}:
        written += write_images(document, out_dir, stem, output.images)
    if OutputFormat.MARKDOWN in formats:
        path = out_dir / f"{stem}.md"
        write_atomic(path, document.to_markdown(images=output.images.mode, page_breaks=output.page_breaks))
        written.append(path)
    if OutputFormat.JSON in formats:
        path = out_dir / f"{stem}.json"
        write_atomic(path, document.to_json())
        written.append(path)
    if OutputFormat.CSV in formats:
        for region in document.tables:
            if region.table is not None and region.table.n_rows:
                path = out_dir / stem / f"{_slug(region.id)}.csv"
                write_atomic(path, region.table.to_csv())
                written.append(path)
        for region in document.charts:
            if region.chart is not None and region.chart.series:
                path = out_dir / stem / f"{_slug(region.id)}.csv"
                write_atomic(path, region.chart.to_csv())
                written.append(path)
    return written
