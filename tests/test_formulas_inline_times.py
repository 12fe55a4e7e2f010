"""Inline math set in a text italic (txfonts, mathptmx: letters from Times italic, no math font to
find them by), issue 18: a single italic letter with a parenthesis right after it is a function
call (``f(x)``, ``O(n \\log n)``), and a number with a smaller script right after it gives the
number to the math (``2^{n}``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import docparse

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex (texlive) not installed")


@pytest.mark.parametrize("fonts", [r"\usepackage{txfonts}", r"\usepackage{mathptmx}"], ids=["txfonts", "mathptmx"])
def test_function_calls_and_powers_in_times_italic(tmp_path: Path, fonts: str) -> None:
    body = (r"The series shows $f(x)$ when every term is close to the error. This bound bounds $O(n \log n)$"
            r" when the error bounds our estimate, and the model shows $2^{n}$ when each value gives the limit,"
            " ranked 2nd of 3 (in the first part).")
    tex = tmp_path / "doc.tex"
    tex.write_text("\\documentclass[12pt]{article}\n\\usepackage{amsmath}\n" + fonts + "\n\\begin{document}\n"
                   + body + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    markdown = docparse.parse(str(tmp_path / "doc.pdf")).to_markdown()
    for latex in ("$f(x)$", r"$O(n\log n)$", "$2^n$"):
        assert latex.replace(" ", "") in markdown.replace(" ", ""), markdown
    assert "ranked 2nd of 3 (in the first part)." in markdown, markdown
