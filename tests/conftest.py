"""Shared fixtures: the evaluation corpus (skipped with a reason when absent) and tmp outputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(os.environ.get("DOCPARSE_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"evaluation corpus not found at {CORPUS} (set DOCPARSE_CORPUS)")
    return CORPUS


def corpus_path(*parts: str) -> Path:
    """A path inside the corpus, or skip the test with a clear reason."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus file {path} not present")
    return path
