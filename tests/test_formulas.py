"""Born-digital formulas as LaTeX (issue 18) on generated pdflatex look-alikes: display formulas
(fractions, radicals, big operators with limits, matrices, cases, accents, equation numbers),
inline math in prose, and Times-like math fonts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import docparse
from benchmarks.formulas.scoring import canonical
from docparse.document import RegionKind
from docparse.options.formulas import FormulaOptions
from docparse.pages.glyphs import Glyph
from docparse.readers.formulas import formula_latex

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex (texlive) not installed")


def _pdf(tmp_path: Path, body: str, preamble: str = "", name: str = "doc") -> Path:
    tex = tmp_path / f"{name}.tex"
    tex.write_text("\\documentclass[11pt]{article}\n\\usepackage{amsmath,amssymb}\n" + preamble
                   + "\n\\begin{document}\n" + body + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.exists(), (tmp_path / f"{name}.log").read_text()[-2000:]
    return pdf


def _formulas(pdf: Path) -> list[str]:
    doc = docparse.parse(str(pdf))
    return [r.latex or "" for r in doc.regions(RegionKind.FORMULA)]


BODY = r"""We study the model below, where every term is known.
\begin{equation}
\frac{a+b}{c_1} = \sqrt{x^2+y^2} + \sum_{k=1}^{n} k^2
\end{equation}
The next display has an integral and a fenced group.
\[ \int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2} \left( \frac{1}{2} \right) \hat{x} \]
A matrix and a function by cases follow here.
\[ A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \]
\[ f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \geq 0 \end{cases} \]
"""


def test_display_formulas_come_out_as_latex(tmp_path: Path) -> None:
    found = [canonical(f) for f in _formulas(_pdf(tmp_path, BODY))]
    assert found == [
        canonical(r"\frac{a+b}{c_1} = \sqrt{x^2+y^2} + \sum_{k=1}^{n} k^2"),
        canonical(r"\int_0^\infty e^{-x^2} dx = \frac{\sqrt{\pi}}{2} \left( \frac{1}{2} \right) \hat{x}"),
        canonical(r"A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
        canonical(r"f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \geq 0 \end{cases}"),
    ]


def test_equation_number_is_a_tag_outside_the_formula(tmp_path: Path) -> None:
    latex = _formulas(_pdf(tmp_path, BODY))[0]
    assert latex.endswith(r"\tag{1}") and latex.count("1") >= 2
    markdown = docparse.parse(str(tmp_path / "doc.pdf")).to_markdown()
    assert "$$\n" + latex + "\n$$" in markdown


def test_inline_math_in_prose_and_italic_prose_stays_text(tmp_path: Path) -> None:
    body = (r"Let $x_i^2 + \alpha \leq \beta$ hold for all $i$, and note that \emph{this sentence is set in italics}"
            r" while $p < 0.05$ and $\theta \in \Theta$ are math.")
    doc = docparse.parse(str(_pdf(tmp_path, body)))
    markdown = doc.to_markdown()
    assert r"$x_i^2 + \alpha \leq \beta$ hold for all $i$" in markdown
    assert "*this sentence is set in italics*" in markdown
    assert "$p < 0.05$" in markdown and r"$\theta \in \Theta$" in markdown
    # an inline fraction: its numerator and denominator are lines of their own around the prose line
    half = docparse.parse(str(_pdf(tmp_path, r"The model depends on $\frac{1}{2}$ when a sample gives a sample.",
                                   name="half"))).to_markdown()
    assert r"depends on $\frac{1}{2}$ when" in half, half
    runs = [r for region in doc.regions() for r in region.runs if r.latex]
    assert [r.latex for r in runs][:2] == [r"x_i^2 + \alpha \leq \beta", "i"]
    assert runs[0].text.startswith("x")  # the run keeps its glyph text beside the LaTeX


def test_times_like_math_fonts(tmp_path: Path) -> None:
    body = (r"Some words before the display so that it stands on its own."
            r"\[ \sigma(z) = \frac{1}{1 + e^{-z}} \leq \sum_{i=1}^{N} w_i \]"
            r"And words after it, with $a + b = c$ inline.")
    for preamble, name in ((r"\usepackage{mathptmx}", "ptm"), (r"\usepackage{txfonts}", "tx"),
                           (r"\usepackage{lmodern}", "lm")):
        pdf = _pdf(tmp_path, body, preamble, name)
        assert [canonical(f) for f in _formulas(pdf)] == [
            canonical(r"\sigma(z) = \frac{1}{1 + e^{-z}} \leq \sum_{i=1}^{N} w_i")], name
        assert "$a + b = c$" in docparse.parse(str(pdf)).to_markdown(), name


def test_negated_relations_and_function_names(tmp_path: Path) -> None:
    body = r"Text before the display goes here. \[ \sin\theta \neq x \notin A, \quad \lim_{n \to \infty} \log n \]"
    assert [canonical(f) for f in _formulas(_pdf(tmp_path, body))] == [
        canonical(r"\sin\theta \neq x \notin A, \lim_{n \rightarrow \infty} \log n")]


def _g(char: str, x0: float, base: float, size: float = 10.0, font: str = "CMMI10") -> Glyph:
    return Glyph(char, font, size, x0, x0 + 0.5 * size, base, base - 0.75 * size, base + 0.25 * size)


def test_scripts_from_baselines_and_sizes() -> None:
    glyphs = [_g("x", 0, 100), _g("2", 5, 96, 7, "CMR7"), _g("i", 5, 102, 7), _g("+", 12, 100, font="CMR10"),
              _g("y", 20, 100)]
    found = formula_latex(glyphs, [], FormulaOptions())
    assert found is not None and found.latex == "x_i^2 + y"


def test_times_display_with_stretched_bars_and_a_centred_dot(tmp_path: Path) -> None:
    body = (r"Words before the displays are set here as usual."
            r"\[ \left| \sum_{i=1}^{n} a_i b_i \right| \leq \sqrt{\sum_{i=1}^{n} a_i^2} \]"
            r"Words between the displays are set here."
            r"\[ \frac{r_d}{r_\gamma} - \sqrt{2_a} \approx \left( \left( \lambda - q \right) \pm"
            r" \frac{q^n}{N^t} \right) \cdot \sin q \]")
    found = [canonical(f) for f in _formulas(_pdf(tmp_path, body, r"\usepackage{txfonts}"))]
    assert found == [
        canonical(r"\left| \sum_{i=1}^{n} a_i b_i \right| \leq \sqrt{\sum_{i=1}^{n} a_i^2}"),
        canonical(r"\frac{r_d}{r_\gamma} - \sqrt{2_a} \approx \left( \left( \lambda - q \right) \pm \frac{q^n}{N^t}"
                  r" \right) \cdot \sin q"),
    ]


def test_ordinals_and_footnote_marks_in_prose_stay_text(tmp_path: Path) -> None:
    body = (r"The bank holds a market share of 11.3\% or \$92.4 billion, ranking it 2\textsuperscript{nd} among"
            r" 139 institutions, as of January 1, 1900\textsuperscript{23} and at the end of the"
            r" 3\textsuperscript{rd} grade.")
    markdown = docparse.parse(str(_pdf(tmp_path, body, r"\usepackage{helvet}\renewcommand{\familydefault}{\sfdefault}"))).to_markdown()
    assert "$" not in markdown.replace(r"\$", "").replace("$92.4", ""), markdown


def test_italic_et_al_is_prose_not_math() -> None:
    """DocBank reference lists: "et al." set in italic on a line of its own became $$etal.$$."""
    from docparse.pages.analysis import Line, Span
    from docparse.regions.formulas import math_glyphs

    span = Span(text="et al.", bbox=(72.0, 100.0, 100.0, 110.0), font="CMTI10", size=10.0, flags=2)
    assert math_glyphs(Line(spans=[span], bbox=span.bbox)) == 0
    variable = Span(text="x", bbox=(72.0, 100.0, 78.0, 110.0), font="CMMI10", size=10.0, flags=2)
    assert math_glyphs(Line(spans=[variable], bbox=variable.bbox)) == 1
