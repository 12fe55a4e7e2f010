"""Golden files: the example report's Markdown and the shape of its JSON.

Regenerate after an intended change with ``DOCPARSE_REGENERATE=1 pytest tests/test_golden.py``
and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import docparse

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sample-report.pdf"
GOLDEN = Path(__file__).with_name("golden")


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DOCPARSE_REGENERATE") or not path.exists():
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; regenerate if intended"


def _outline(doc: docparse.Document) -> str:
    """Kinds, ids, levels and texts in reading order: stable across renderer tweaks."""
    rows = []
    for page in doc.pages:
        for r in sorted(page.regions, key=lambda r: (r.order < 0, r.order)):
            rows.append({"id": r.id, "order": r.order, "level": r.level, "text": r.text[:60],
                         "table": [r.table.n_rows, r.table.n_cols] if r.table else None,
                         "chart": len(r.chart.series) if r.chart else None})
    return json.dumps(rows, indent=1, ensure_ascii=False) + "\n"


def test_example_report_markdown_and_structure() -> None:
    doc = docparse.parse(EXAMPLE)
    _check("sample-report.md", doc.to_markdown())
    _check("sample-report.regions.json", _outline(doc))
