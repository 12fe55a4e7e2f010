#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq python3-venv python3-pip libgl1 libglib2.0-0 tesseract-ocr tesseract-ocr-eng poppler-utils \
    weasyprint chromium fonts-dejavu-core fonts-liberation fonts-liberation2 fonts-noto-core tex-gyre fonts-urw-base35 \
    libreoffice-writer-nogui texlive-latex-recommended texlive-latex-extra texlive-pictures texlive-fonts-recommended lmodern >/dev/null
# everything Python goes into the virtual environment .venv (scripts/venv.sh)
. scripts/venv.sh
python -m pip install -q torch==2.13.0
python -m pip install -q -e '.[test]'
# the PP-OCRv6 recognition model (reads accented letters); only its model file is used, so without
# its dependencies (they would add a second OpenCV): docparse/ocr/rapid.py rec_model_path
python -m pip install -q --no-deps rapidocr==3.10.0
# the checks first (CONTRIBUTING's rules: pyflakes/pycodestyle/isort, complexity, private imports,
# typed package); pytest runs even when a check fails, and the command fails if anything failed
status=0
python -m ruff check || status=1
python -m mypy docparse || status=1
python -m pytest -q -p no:cacheprovider || status=1
exit $status
