"""Two-column pages with a display formula that overhangs the gutter (issue 18): LaTeX prints an
overfull display of the left column into the gutter or the right column's edge; the display is
read in its column, not as a band across the page (which read the right column's top before the
rest of the left column)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import docparse
from docparse.document import RegionKind
from docparse.regions.reading_order import XYCutOrder


def test_box_overhanging_the_gutter_is_read_in_its_column() -> None:
    boxes = [
        (72, 120, 301, 200), (72, 210, 301, 300),  # 0, 1: left column
        (72, 320, 341, 350),  # 2: a display 87 % in the left column, past the gutter (301-311)
        (72, 360, 301, 450),  # 3: the left column goes on
        (311, 120, 539, 200), (398, 210, 539, 240),  # 4, 5: the right column, short (the end of the text)
    ]
    assert XYCutOrder().order(boxes) == [0, 1, 2, 3, 4, 5]
    # a title across both columns still cuts the page into bands
    title = [(150, 80, 460, 100)] + boxes
    assert XYCutOrder().order(title) == [0, 1, 2, 3, 4, 5, 6]
    # a footnote across the page's foot, overhanging the gutter, nothing under it: read last
    assert XYCutOrder().order([(72, 120, 301, 400), (311, 120, 539, 380), (60, 420, 334, 440)]) == [0, 1, 2]


SENTENCE = "The model depends on every term of the series when each value gives the limit of the error."


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex (texlive) not installed")
def test_overfull_display_in_the_left_column(tmp_path: Path) -> None:
    left = " ".join([SENTENCE] * 6)
    body = (left + "\n\\[ \\frac{a+b}{c_1} = \\sqrt{x^2+y^2} + \\sum_{k=1}^{n} k^2 + \\alpha \\beta \\gamma \\delta"
            " + \\int_0^1 e^{-x^2} dx + x_1 + x_2 + x_3 + x_4 + x_5 \\]\n" + left + "\n\n\\columnbreak\n"
            "Last words on the right. \\[ E = mc^2 \\]")
    tex = tmp_path / "doc.tex"
    tex.write_text("\\documentclass[twocolumn,10pt]{article}\n\\usepackage{amsmath,multicol}\n\\begin{document}\n"
                   + body.replace("\\columnbreak", "\\newpage") + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=batchmode", tex.name], cwd=tmp_path, capture_output=True,
                   timeout=120, check=False)
    doc = docparse.parse(str(tmp_path / "doc.pdf"))
    formulas = [r for r in doc.regions(RegionKind.FORMULA)]
    assert formulas[0].bbox[2] > 306, formulas[0].bbox  # the look-alike: the display overhangs the gutter
    markdown = doc.to_markdown()
    wide, last = markdown.find(r"\frac{a + b}"), markdown.find("Last words")
    assert 0 <= wide < markdown.rfind(SENTENCE) < last, markdown
