"""Negations and combining accents in born-digital formulas (issue 18), on pdflatex look-alikes:
TeX's negation slash and ``\\vec`` arrow are combining marks that MuPDF's text extraction moves onto
the glyph before them or drops (read from the page's text trace instead), and txfonts draws each
negated relation as one glyph of its own (txsyc ``,`` is ``\\neq``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import docparse
from docparse.document import RegionKind

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex (texlive) not installed")

BODY = r"""We have $a \neq b$ in the text of this line.
\[ x^{2} \neq y \notin Z \]
The next display holds a vector under a root.
\[ \theta \times \sqrt{\vec{m}} = \vec{F} \]
"""


def _parse(tmp_path: Path, fonts: str) -> docparse.Document:
    tex = tmp_path / "doc.tex"
    tex.write_text("\\documentclass[11pt]{article}\n\\usepackage{amsmath,amssymb}\n" + fonts
                   + "\n\\begin{document}\n" + BODY + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    assert (tmp_path / "doc.pdf").exists()
    return docparse.parse(str(tmp_path / "doc.pdf"))


@pytest.mark.parametrize("fonts", ["", r"\usepackage{txfonts}"], ids=["computer-modern", "txfonts"])
def test_negated_relations_and_vector_accents(tmp_path: Path, fonts: str) -> None:
    doc = _parse(tmp_path, fonts)
    formulas = [(r.latex or "").replace(" ", "") for r in doc.regions(RegionKind.FORMULA)]
    # Computer Modern: the slash after a superscript used to take the superscript's place (x^{2/} =)
    assert formulas[0] == r"x^2\neqy\notinZ", formulas
    # the arrow over m under the root was dropped by the text extraction
    assert formulas[1] == r"\theta\times\sqrt{\vec{m}}=\vec{F}", formulas
    assert r"$a \neq b$" in doc.to_markdown()  # txfonts: one glyph read as "," before


def test_txfonts_root_sign_hangs_into_its_line(tmp_path: Path) -> None:
    """txfonts' root sign has its origin at its top: the text layer's box for it stands a line
    too high, outside the formula's line (the root was lost: ``\\times 10 \\pm w``)."""
    tex = tmp_path / "doc.tex"
    tex.write_text("\\documentclass[12pt]{article}\n\\usepackage{amsmath,txfonts}\n\\begin{document}\n"
                   "Each value gives the limit of the error when the model depends on every term.\n"
                   "\\[ w_{\\epsilon} \\geq \\cos x \\times \\sqrt{10 \\pm w} \\]\n"
                   "Each value gives the limit of the error when the model depends on every term.\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    doc = docparse.parse(str(tmp_path / "doc.pdf"))
    formulas = [(r.latex or "").replace(" ", "") for r in doc.regions(RegionKind.FORMULA)]
    assert formulas == [r"w_{\epsilon}\geq\cosx\times\sqrt{10\pmw}"], formulas
