"""pdflatex documents with inline and display formulas, and their truth (the LaTeX source).

Templates differ in class options (10-12 pt, one or two columns) and math fonts (Computer Modern,
Latin Modern, Times-like mathptmx / txfonts). The dev and test splits share no seed and no template.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.families.base import Split
from benchmarks.formulas.grammar import REAL_FORMULAS, Grammar


@dataclass(frozen=True)
class Template:
    name: str
    size: int  # pt
    columns: int
    fonts: str  # preamble lines choosing the fonts


TEMPLATES = {
    Split.DEV: (Template("cm-11-1col", 11, 1, ""),
                Template("lm-10-2col", 10, 2, r"\usepackage{lmodern}\usepackage[T1]{fontenc}"),
                Template("tx-12-1col", 12, 1, r"\usepackage{txfonts}")),
    Split.TEST: (Template("cm-12-2col", 12, 2, ""),
                 Template("lm-11-1col", 11, 1, r"\usepackage{lmodern}"),
                 Template("ptm-10-1col", 10, 1, r"\usepackage{mathptmx}")),
}
SEEDS = {Split.DEV: 1000, Split.TEST: 5000}
ENVIRONMENTS = ("equation", "display", "equation*", "align")
WORDS = ("the model", "each value", "this bound", "our estimate", "a sample", "the operator", "its norm",
         "the series", "every term", "the limit", "this method", "the error")
VERBS = ("satisfies", "gives", "shows", "depends on", "is close to", "follows from", "bounds")


@dataclass
class FormulaTruth:
    latex: str
    display: bool
    env: str = ""  # equation, display (\[ \]), equation*, align; "" inline
    number: str | None = None  # the equation number pdflatex prints, if any


@dataclass
class FormulaDoc:
    pdf: Path
    template: str
    formulas: list[FormulaTruth] = field(default_factory=list)

    @property
    def display(self) -> list[FormulaTruth]:
        return [f for f in self.formulas if f.display]

    @property
    def inline(self) -> list[FormulaTruth]:
        return [f for f in self.formulas if not f.display]


def _sentence(rng: random.Random, math: str | None) -> str:
    a, b = rng.choice(WORDS), rng.choice(WORDS)
    tail = f" ${math}$" if math else f" {b}"
    return f"{a.capitalize()} {rng.choice(VERBS)}{tail} when {b} {rng.choice(VERBS)} {rng.choice(WORDS)}."


def _display(env: str, latex: str, second: str | None) -> str:
    if env == "display":
        return f"\\[ {latex} \\]"
    if env == "align" and second is not None:
        lhs, rel, rhs = latex.partition(" = ")
        body = f"{lhs} &= {rhs} \\\\ &= {second}" if rel else f"{latex} \\\\ {second}"
        return f"\\begin{{align}} {body} \\end{{align}}"
    name = "equation*" if env == "equation*" else "equation"
    return f"\\begin{{{name}}} {latex} \\end{{{name}}}"


def _align_truth(latex: str, second: str) -> str:
    lhs, rel, rhs = latex.partition(" = ")
    return f"{lhs} = {rhs} \\\\ = {second}" if rel else f"{latex} \\\\ {second}"


def build_source(rng: random.Random, template: Template, n_display: int) -> tuple[str, list[FormulaTruth]]:
    grammar = Grammar(rng)
    body: list[str] = []
    truth: list[FormulaTruth] = []
    number = 0
    for _ in range(n_display):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            math = grammar.inline() if rng.random() < 0.6 else None
            sentences.append(_sentence(rng, math))
            if math:
                truth.append(FormulaTruth(math, False))
        body.append(" ".join(sentences))
        latex = rng.choice(REAL_FORMULAS) if rng.random() < 0.35 else grammar.display()
        env = rng.choice(ENVIRONMENTS)
        second = grammar.expr(1, 2) if env == "align" and " = " in latex and "begin" not in latex else None
        env = env if env != "align" or second else "equation"
        body.append(_display(env, latex, second))
        if env in ("equation", "align"):
            number += 1
        shown = _align_truth(latex, second) if second else latex
        truth.append(FormulaTruth(shown, True, env, str(number) if env == "equation" else None))
        if env == "align":
            number += 1
    columns = "twocolumn," if template.columns == 2 else ""
    source = (f"\\documentclass[{columns}{template.size}pt]{{article}}\n"
              f"\\usepackage{{amsmath,amssymb}}\n{template.fonts}\n\\begin{{document}}\n"
              + "\n\n".join(body) + "\n\\end{document}\n")
    return source, truth


def make_docs(split: Split, count: int, out_dir: Path) -> list[FormulaDoc]:
    """``count`` documents of ``split`` under ``out_dir`` (made once, reused when present)."""
    if shutil.which("pdflatex") is None:
        raise RuntimeError("pdflatex is not installed (texlive-latex-base)")
    templates = TEMPLATES[split]
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = []
    for k in range(count):
        template = templates[k % len(templates)]
        rng = random.Random(SEEDS[split] + k)
        stem = f"{split.value}_{k:03d}_{template.name}"
        pdf, meta = out_dir / f"{stem}.pdf", out_dir / f"{stem}.json"
        if not (pdf.exists() and meta.exists()):
            source, truth = build_source(rng, template, n_display=rng.randint(4, 7))
            (out_dir / f"{stem}.tex").write_text(source)
            subprocess.run(["pdflatex", "-interaction=batchmode", "-halt-on-error", f"{stem}.tex"], cwd=out_dir,
                           capture_output=True, timeout=120, check=False)
            if not pdf.exists():
                raise RuntimeError(f"pdflatex failed on {stem}.tex (see {stem}.log)")
            meta.write_text(json.dumps([asdict(t) for t in truth]))
        docs.append(FormulaDoc(pdf, template.name, [FormulaTruth(**t) for t in json.loads(meta.read_text())]))
    return docs
