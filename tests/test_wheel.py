"""The product boundary: the built wheel holds what a user runs, and nothing else.

Test-document generators (benchmarks/synth), the robustness harness (benchmarks/robustness.py)
and the VLM training code (tools/train_vlm.py) stay in the repository, outside the package.
The wheel is built from a copy of the sources in a temporary folder, so a stale ``build/`` in
the shared checkout can neither leak old files into it nor be written by the test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_DIRS = {"synth", "benchmarks", "tools", "tests", "families"}  # generators and harnesses
FORBIDDEN_STEMS = ("train", "robustness", "synth")  # training code, the robustness harness


def _forbidden(name: str) -> bool:
    parts = PurePosixPath(name).parts
    stem = PurePosixPath(name).stem
    return bool(FORBIDDEN_DIRS & set(parts[:-1])) or stem.startswith(FORBIDDEN_STEMS)


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "docparse", src / "docparse",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                          "-w", str(out), str(src)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    wheels = list(out.glob("docparse_pdf-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as zf:
        return zf.namelist()


def test_wheel_holds_the_package_and_its_data(wheel_names: list[str]) -> None:
    names = set(wheel_names)
    for needed in ("docparse/__init__.py", "docparse/py.typed", "docparse/pipeline.py",
                   "docparse/schema/document.schema.json", "docparse/prompts/table.txt",
                   "docparse/vlm/modeling.py", "docparse/tablegrid/__init__.py",
                   "docparse/models/block_roles.json", "docparse/models/trees.py"):
        assert needed in names, needed


def test_wheel_holds_no_generators_harness_or_training(wheel_names: list[str]) -> None:
    assert _forbidden("docparse/synth/reports.py") and _forbidden("docparse/vlm/train.py")
    assert _forbidden("docparse/robustness.py") and not _forbidden("docparse/tablegrid/constraints.py")
    code = [n for n in wheel_names if ".dist-info/" not in n]
    assert all(n.startswith("docparse/") for n in code), [n for n in code if not n.startswith("docparse/")]
    leaked = [n for n in code if _forbidden(n)]
    assert not leaked, leaked
