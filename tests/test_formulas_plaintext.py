"""Math read back as the text its glyphs show (benchmarks/formulas/plaintext.py), the readback the
text metrics apply to docparse's LaTeX before counting words: a superscript is one word with its
base (``x^{2}`` → x2) as the text layer draws it, a subscript and a big operator's limits apart."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import docparse
from benchmarks.formulas.plaintext import latex_to_text, markdown_math_as_text
from benchmarks.text_metrics import markdown_words, word_list


@pytest.mark.parametrize("latex, text", [
    (r"x^{2}", "x2"),
    (r"\alpha", "α"),
    (r"L^2(\Omega)", "L2(Ω)"),
    (r"e^{-x^2}", "e-x2"),
    (r"\alpha_2 \leq 1", "α 2 ≤ 1"),
    (r"\chi_l^{c(s)}", "χc(s) l"),  # both scripts: the superscript stays on the line, the subscript follows
    (r"x_i^2", "x2 i"),
    (r"\sum_{i = 1}^n a_i", "∑ n i = 1 a i"),  # a big operator's limits stand above and below it
    (r"\lim_{x \to 0} f", "lim x → 0 f"),
    (r"\frac{a}{b}", "a b"),
    (r"\sin \theta", "sin θ"),
])
def test_latex_reads_back_as_glyph_text(latex: str, text: str) -> None:
    assert " ".join(latex_to_text(latex).split()) == text


def test_markdown_math_is_replaced_in_place() -> None:
    assert " ".join(markdown_math_as_text(r"Let $x^{2}$ and $$\alpha_1$$ be.").split()) == "Let x2 and α 1 be."


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex (texlive) not installed")
def test_superscripts_read_back_as_the_text_layer_draws_them(tmp_path: Path) -> None:
    """A pdflatex look-alike of an arXiv paragraph: the words read back from docparse's LaTeX are
    the text layer's words (a superscript glued to its base, stacked scripts and limits apart)."""
    import pymupdf

    body = (r"The norm in $L^2(\Omega)$ is bounded by $q^{3/8}$ times $e^{-t^2}$ while $\chi_l^{c}$ grows."
            "\n" r"\[ \sum_{k=1}^{n} k^2 = A^{3} \]")
    tex = tmp_path / "doc.tex"
    tex.write_text("\\documentclass[11pt]{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n"
                   + body + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    pdf = tmp_path / "doc.pdf"
    assert pdf.exists()
    markdown = docparse.parse(str(pdf)).to_markdown()
    assert "$L^2(\\Omega)$" in markdown and "$$" in markdown, markdown  # the math is LaTeX
    with pymupdf.open(pdf) as doc:
        words = [word[4] for word in doc[0].get_text("words")][:-1]  # the page number left out
    # "X" is the text layer's name for cmex's big sum
    layer = [w for word in words if word != "X" for w in word_list(word)]
    assert sorted(markdown_words(markdown)) == sorted(layer), markdown
