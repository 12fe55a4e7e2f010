"""Formulas from a small random grammar, and a list of well-known formulas.

Every formula is LaTeX math-mode source; the generator never reads a PDF back. The grammar covers
what the born-digital reader rebuilds: scripts, fractions, radicals, big operators with limits,
stretched delimiters, accents, function names, matrices and cases.
"""

from __future__ import annotations

import random

LETTERS = list("abcdxyzntkmpqrsuvw") + ["A", "B", "C", "F", "L", "N", "X"]
GREEK = [r"\alpha", r"\beta", r"\gamma", r"\delta", r"\epsilon", r"\theta", r"\lambda", r"\mu", r"\pi",
         r"\sigma", r"\phi", r"\omega", r"\Gamma", r"\Delta", r"\Omega", r"\Sigma"]
BINARY = ["+", "-", r"\cdot", r"\times", r"\pm"]
RELATIONS = ["=", "<", ">", r"\leq", r"\geq", r"\neq", r"\approx", r"\in", r"\equiv", r"\sim"]
FUNCTIONS = [r"\sin", r"\cos", r"\log", r"\exp", r"\ln", r"\tan"]
ACCENTS = [r"\hat", r"\bar", r"\tilde", r"\vec", r"\dot"]
OPERATORS = [r"\sum", r"\prod", r"\int"]

REAL_FORMULAS = [
    r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}",
    r"e^{i\pi} + 1 = 0",
    r"E = mc^2",
    r"a^2 + b^2 = c^2",
    r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)}",
    r"\int_{-\infty}^{\infty} e^{-x^2} dx = \sqrt{\pi}",
    r"\sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}",
    r"f(x) = \frac{1}{\sigma \sqrt{2\pi}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}",
    r"\nabla \cdot E = \frac{\rho}{\epsilon_0}",
    r"\frac{\partial u}{\partial t} = \alpha \frac{\partial^2 u}{\partial x^2}",
    r"n! \approx \sqrt{2\pi n} \left(\frac{n}{e}\right)^n",
    r"\hat{f}(\xi) = \int_{-\infty}^{\infty} f(x) e^{-2\pi i x \xi} dx",
    r"\lim_{x \rightarrow 0} \frac{\sin x}{x} = 1",
    r"\left| \sum_{i=1}^{n} a_i b_i \right| \leq \sqrt{\sum_{i=1}^{n} a_i^2} \sqrt{\sum_{i=1}^{n} b_i^2}",
    r"\binom{n}{k} = \frac{n!}{k!(n-k)!}",
    r"\mathcal{L}(\theta) = \prod_{i=1}^{N} p(x_i \mid \theta)",
    r"H(X) = -\sum_{x} p(x) \log p(x)",
    r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    r"\cos^2 \theta + \sin^2 \theta = 1",
    r"e^x = \sum_{k=0}^{\infty} \frac{x^k}{k!}",
    r"\det(A - \lambda I) = 0",
    r"\|x\|_2 = \sqrt{\sum_{i} x_i^2}",
    r"\mathbb{E}[X] = \int x f(x) dx",
    r"\max_{w} \sum_{i=1}^{m} \log p(y_i \mid x_i, w)",
    r"A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}",
    r"|x| = \begin{cases} x & x \geq 0 \\ -x & x < 0 \end{cases}",
    r"\bar{x} = \frac{1}{n} \sum_{i=1}^{n} x_i",
    r"\vec{F} = m \vec{a}",
    r"\tan \theta = \frac{\sin \theta}{\cos \theta}",
    r"\log_b(xy) = \log_b x + \log_b y",
]

INLINE_REAL = [r"x^2", r"\alpha", r"n \geq 1", r"f(x)", r"x_i", r"\sigma^2", r"a + b = c", r"\lambda_{max}",
               r"O(n \log n)", r"p < 0.05", r"\theta \in \Theta", r"e^{-x}", r"\frac{1}{2}", r"\sqrt{n}",
               r"k = 1, \dots, K", r"\mathbb{R}^n", r"y_{t-1}", r"\hat{\beta}", r"|S|", r"2^{n}"]


class Grammar:
    """A random formula of bounded depth; ``rng`` decides every choice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def atom(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(LETTERS)
        if r < 0.7:
            return self.rng.choice(GREEK)
        return str(self.rng.choice([1, 2, 3, 4, 10, 12, 0, 5]))

    def scripted(self, depth: int) -> str:
        base = self.atom()
        r = self.rng.random()
        if r < 0.25:
            return f"{base}_{{{self.small()}}}"
        if r < 0.5:
            return f"{base}^{{{self.small()}}}"
        if r < 0.6:
            return f"{base}_{{{self.small()}}}^{{{self.small()}}}"
        if r < 0.68:
            return f"{self.rng.choice(ACCENTS)}{{{self.rng.choice(LETTERS[:12])}}}"
        return base

    def small(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self.rng.choice(LETTERS[:12] + ["2", "1", "0"])
        if r < 0.8:
            return f"{self.rng.choice(LETTERS[:8])}{self.rng.choice(['+', '-'])}1"
        return self.rng.choice(GREEK[:6])

    def term(self, depth: int) -> str:
        r = self.rng.random()
        if depth <= 0 or r < 0.45:
            return self.scripted(depth)
        if r < 0.6:
            return f"\\frac{{{self.expr(depth - 1, 2)}}}{{{self.expr(depth - 1, 2)}}}"
        if r < 0.68:
            return f"\\sqrt{{{self.expr(depth - 1, 2)}}}"
        if r < 0.76:
            return f"{self.rng.choice(FUNCTIONS)} {self.scripted(0)}"
        if r < 0.86:
            return f"\\left( {self.expr(depth - 1, 3)} \\right)"
        i = self.rng.choice("ijk")
        op = self.rng.choice(OPERATORS)
        if op == r"\int":
            upper = self.rng.choice(["1", "T", "\\infty"])
            return f"\\int_{{0}}^{{{upper}}} {self.expr(depth - 1, 2)} d{i}"
        return f"{op}_{{{i}=1}}^{{{self.rng.choice(['n', 'N', 'm'])}}} {self.expr(depth - 1, 2)}"

    def expr(self, depth: int, width: int) -> str:
        n = self.rng.randint(1, width)
        parts = [self.term(depth)]
        for _ in range(n - 1):
            parts += [self.rng.choice(BINARY), self.term(depth)]
        return " ".join(parts)

    def display(self) -> str:
        r = self.rng.random()
        if r < 0.08:
            return self.matrix()
        if r < 0.14:
            return self.cases()
        return f"{self.expr(1, 2)} {self.rng.choice(RELATIONS)} {self.expr(2, 3)}"

    def inline(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.rng.choice(INLINE_REAL)
        return f"{self.scripted(0)} {self.rng.choice(RELATIONS)} {self.scripted(0)}"

    def matrix(self) -> str:
        kind = self.rng.choice(["pmatrix", "bmatrix"])
        rows = self.rng.randint(2, 3)
        cols = self.rng.randint(2, 3)
        body = r" \\ ".join(" & ".join(self.scripted(0) for _ in range(cols)) for _ in range(rows))
        return f"{self.rng.choice(LETTERS[18:])} = \\begin{{{kind}}} {body} \\end{{{kind}}}"

    def cases(self) -> str:
        a, b = self.scripted(0), self.scripted(0)
        return (f"f(x) = \\begin{{cases}} {a} & x \\geq 0 \\\\ {b} & x < 0 \\end{{cases}}")
