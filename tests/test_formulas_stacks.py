"""Stacks in parentheses (issue 18) on pdflatex look-alikes: ``\\binom`` (its rows stand further
apart than a matrix's, or smaller than the parentheses in running text) against ``pmatrix``, and
matrix columns ``2\\arraycolsep`` apart at 12 pt (0.83 em)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import docparse
from docparse.document import RegionKind

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex (texlive) not installed")

PROSE = "The model below depends on every term of the series, and each value gives the limit of the error."
BODY = rf"""{PROSE} It counts $\binom{{a}}{{b}}$ ways.
\[ \binom{{n}}{{k}} = \frac{{n!}}{{k!(n-k)!}} \]
{PROSE}
\[ v = \begin{{pmatrix}} n \\ k \end{{pmatrix}} \]
{PROSE}
\[ L = \begin{{pmatrix}} 2^{{z}} & u_{{0}}^{{c-1}} \\ \alpha_{{a}} & c_{{m}}^{{c+1}} \end{{pmatrix}} \]
{PROSE}
"""


@pytest.mark.parametrize("fonts", ["", r"\usepackage{txfonts}"], ids=["computer-modern", "txfonts"])
def test_binomials_and_matrices(tmp_path: Path, fonts: str) -> None:
    tex = tmp_path / "doc.tex"
    tex.write_text("\\documentclass[12pt]{article}\n\\usepackage{amsmath,amssymb}\n" + fonts
                   + "\n\\begin{document}\n" + BODY + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    doc = docparse.parse(str(tmp_path / "doc.pdf"))
    formulas = [(r.latex or "").replace(" ", "") for r in doc.regions(RegionKind.FORMULA)]
    assert formulas == [r"\binom{n}{k}=\frac{n!}{k!(n-k)!}", r"v=\begin{pmatrix}n\\k\end{pmatrix}",
                        r"L=\begin{pmatrix}2^z&u_0^{c-1}\\\alpha_a&c_m^{c+1}\end{pmatrix}"], formulas
    assert r"$\binom{a}{b}$" in doc.to_markdown()


@pytest.mark.parametrize("fonts", ["", r"\usepackage{lmodern}", r"\usepackage{txfonts}"], ids=["cm", "lm", "txfonts"])
def test_overline_is_a_rule_with_nothing_over_it(tmp_path: Path, fonts: str) -> None:
    body = (rf"{PROSE} The segment $\overline{{AB}}$ is short." "\n"
            r"\[ \overline{x+y} = \overline{z} + \frac{a}{b} \]" "\n" + PROSE)
    tex = tmp_path / "doc.tex"
    tex.write_text("\\documentclass[11pt]{article}\n\\usepackage{amsmath}\n" + fonts + "\n\\begin{document}\n"
                   + body + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    doc = docparse.parse(str(tmp_path / "doc.pdf"))
    formulas = [(r.latex or "").replace(" ", "") for r in doc.regions(RegionKind.FORMULA)]
    assert formulas == [r"\overline{x+y}=\overline{z}+\frac{a}{b}"], formulas
    if "txfonts" not in fonts:  # txfonts sets AB in the text italic: inline math is not found under a rule yet
        assert r"$\overline{AB}$" in doc.to_markdown()
