#!/usr/bin/env bash
# Install docparse (into the virtual environment .venv) on a fresh Debian machine and convert the
# example report. Afterwards `. .venv/bin/activate` puts `docparse` on the PATH of your shell.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq python3-venv python3-pip libgl1 libglib2.0-0 poppler-utils tesseract-ocr tesseract-ocr-eng >/dev/null
. scripts/venv.sh
python -m pip install -q -e '.[ocr]'
# the PP-OCRv6 recognition model (reads accented letters); only its model file is used, so without
# its dependencies (they would add a second OpenCV): docparse/ocr/rapid.py rec_model_path
python -m pip install -q --no-deps rapidocr==3.10.0
docparse examples/sample-report.pdf -o out/
docparse examples/sample-report.pdf
