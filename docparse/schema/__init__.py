"""The versioned JSON schema of :class:`docparse.Document`.

``python -m docparse.schema`` rewrites ``document.schema.json`` next to this file; a test
checks the committed file matches the model (regenerate with DOCPARSE_REGENERATE=1).
"""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("document.schema.json")


def document_schema() -> dict[str, object]:
    from docparse.document import SCHEMA_VERSION, Document

    schema = Document.model_json_schema()
    schema["$id"] = f"https://docparse.dev/schema/document-{SCHEMA_VERSION}.json"
    schema["version"] = SCHEMA_VERSION
    return schema


def schema_text() -> str:
    return json.dumps(document_schema(), indent=2, sort_keys=True) + "\n"


def main() -> None:
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
