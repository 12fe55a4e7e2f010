"""Tesseract (the Debian ``tesseract-ocr`` packages) behind the same protocol, via its TSV output.

Languages are Tesseract codes (``eng``, ``deu``, ``fra``…); each needs its
``tesseract-ocr-<lang>`` package. The page image goes in on stdin as PNG.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docparse.config import OcrEngineName
from docparse.errors import DocparseError, UsageError
from docparse.ocr.base import OcrLine, OcrWord, line_from_words
from docparse.options.ocr import TesseractOptions, inherit_threads

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class TsvWord:
    block: int
    paragraph: int
    line: int
    word: OcrWord


def parse_tsv(tsv: str, min_confidence: float) -> list[TsvWord]:
    """Word rows (level 5) of Tesseract's TSV output."""
    words: list[TsvWord] = []
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        conf = float(parts[10])
        if conf < min_confidence:
            continue
        left, top, width, height = (float(v) for v in parts[6:10])
        word = OcrWord(parts[11].strip(), (left, top, left + width, top + height), conf / 100.0)
        words.append(TsvWord(int(parts[2]), int(parts[3]), int(parts[4]), word))
    return words


def group_lines(words: list[TsvWord]) -> list[OcrLine]:
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault((w.block, w.paragraph, w.line), []).append(w.word)
    return [line_from_words(ws) for ws in lines.values() if ws]


def installed_languages(binary: str, timeout_s: float) -> set[str] | None:
    """The language codes Tesseract has data for (``tesseract --list-langs``); None when it
    cannot tell (not installed, or it failed)."""
    if shutil.which(binary) is None:
        return None
    try:
        proc = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=timeout_s, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or not lines:
        return None
    return {line.strip() for line in lines[1:] if line.strip()}  # line 1: 'List of available languages in …'


def check_languages(settings: TesseractOptions) -> None:
    """A :class:`UsageError` naming the languages Tesseract has no data for (instead of a page
    read silently with the wrong model)."""
    installed = installed_languages(settings.binary, settings.timeout_s)
    if installed is None:
        return  # not installed: each page says so when it is read
    missing = [code for code in settings.languages if code not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code}" for code in missing)
        raise UsageError(f"tesseract has no data for {'+'.join(missing)} (installed: {', '.join(sorted(installed))}); "
                         f"apt-get install {packages}")


class TesseractEngine:
    name = OcrEngineName.TESSERACT.value

    def __init__(self, settings: TesseractOptions | None = None) -> None:
        self.settings = settings or TesseractOptions()

    def available(self) -> bool:
        return shutil.which(self.settings.binary) is not None

    def recognize(self, image: "np.ndarray") -> list[OcrLine]:
        import cv2

        s = self.settings
        if not self.available():
            raise DocparseError("tesseract is not installed (apt-get install tesseract-ocr)")
        ok, png = cv2.imencode(".png", image[:, :, ::-1])
        if not ok:
            raise DocparseError("could not encode the page image for tesseract")
        env = dict(os.environ, OMP_THREAD_LIMIT=str(inherit_threads(s.threads)))
        cmd = [s.binary, "stdin", "stdout", "-l", "+".join(s.languages), "--psm", str(s.psm), "tsv"]
        try:
            proc = subprocess.run(cmd, input=png.tobytes(), capture_output=True, env=env,
                                  timeout=s.timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise DocparseError(f"tesseract took longer than {s.timeout_s:.0f} s") from None
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DocparseError(f"tesseract failed: {msg[-1] if msg else proc.returncode}")
        return group_lines(parse_tsv(proc.stdout.decode("utf-8", "replace"), s.min_confidence))
