"""What a new user installs: a distribution name of our own, one OpenCV, and set-up scripts that
work where the system Python refuses pip (stock Debian 12's externally-managed environment)."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OPENCV = {"opencv-python", "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_distribution_name_is_not_the_taken_one() -> None:
    # `docparse` on the package index is an unrelated project (0.2.0, 2019)
    assert PYPROJECT["project"]["name"] == "docparse-pdf"
    assert PYPROJECT["project"]["scripts"]["docparse"] == "docparse.cli:main"
    import docparse

    assert importlib.metadata.version("docparse-pdf") == docparse.__version__


def test_core_and_ocr_extra_install_one_opencv_distribution() -> None:
    wanted = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    ocr = [_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["ocr"]]
    for package in ocr:
        try:
            requires = importlib.metadata.requires(package) or []
        except importlib.metadata.PackageNotFoundError:
            pytest.skip(f"{package} (the [ocr] extra) is not installed")
        wanted |= {_name(r) for r in requires if "extra ==" not in r}
    assert len(wanted & OPENCV) == 1, sorted(wanted & OPENCV)


@pytest.mark.parametrize("script", ["example.sh", "test.sh"])
def test_setup_scripts_install_into_the_virtual_environment(script: str) -> None:
    text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
    assert ". scripts/venv.sh" in text and "python3-venv" in text
    body = text.split(". scripts/venv.sh", 1)
    assert "pip install" not in body[0], "nothing is pip-installed before the environment is entered"
    assert "python3 -m pip" not in text


def test_venv_script_makes_and_enters_an_environment(tmp_path: Path) -> None:
    venv = tmp_path / "env"
    env = {**os.environ, "DOCPARSE_VENV": str(venv)}
    env.pop("VIRTUAL_ENV", None)
    command = f'set -euo pipefail; cd "{ROOT}"; . scripts/venv.sh; python -c "import sys; print(sys.prefix)"'
    out = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=120, check=True)
    assert Path(out.stdout.strip()) == venv
    assert (venv / "bin" / "python").exists() and (venv / "pyvenv.cfg").is_file()
    # system packages stay visible (nothing downloaded twice), but pip writes into the environment
    assert "include-system-site-packages = true" in (venv / "pyvenv.cfg").read_text()
    again = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert again.stdout == out.stdout, "a second run reuses the environment"
