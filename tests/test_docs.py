"""The documents match the code: CONTRIBUTING's tree names every module of the package, and the
README stays a user's guide (short, no install from the package index, results elsewhere)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tree() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return text.split("```", 2)[1]


def test_contributing_tree_names_every_module() -> None:
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", _tree()))
    package = ROOT / "docparse"
    missing = []
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or path.name.startswith("__init__"):
            continue
        if path.is_dir() or path.suffix == ".py":
            name = path.stem if path.suffix == ".py" else path.name
            if name not in words:
                missing.append(str(path.relative_to(ROOT)))
    assert not missing, f"add these to CONTRIBUTING.md's tree: {missing}"


def test_readme_is_a_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 260
    assert not re.search(r"pip install ['\"]?docparse\b", readme.replace("do not `pip install docparse`", ""))
    assert "bash scripts/example.sh" in readme and "bash scripts/test.sh" in readme
    assert (ROOT / "docs" / "benchmarks.md").is_file() and (ROOT / "CHANGELOG.md").is_file()
