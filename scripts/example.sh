#!/usr/bin/env bash
# Install docparse on a fresh Debian machine and convert the example report.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq poppler-utils tesseract-ocr tesseract-ocr-eng >/dev/null
python3 -m pip install -q -e '.[ocr]'
docparse examples/sample-report.pdf -o out/
docparse examples/sample-report.pdf
