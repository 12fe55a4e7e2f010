"""Formula scores: LaTeX token edit distance after canonicalization, exact match, rendering match.

Canonical form: spacing commands, ``\\left``/``\\right`` sizes, alignment marks, ``\\tag``/``\\label``
and display wrappers dropped; synonyms unified (``\\le`` → ``\\leq``, ``\\mid`` → ``|``); braces
around one token dropped; a subscript written before its superscript. Rendering: both canonical
forms typeset by pdflatex (one page each), cropped to their ink and compared pixel by pixel.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence, Union

TOKEN_RE = re.compile(r"\\[A-Za-z]+\*?|\\.|[^\s]")
DROP = {r"\left", r"\right", r"\big", r"\Big", r"\bigg", r"\Bigg", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr",
        r"\biggl", r"\biggr", r"\,", r"\;", r"\:", r"\!", r"\quad", r"\qquad", "~", r"\ ", "&", r"\displaystyle",
        r"\textstyle", r"\limits", r"\nolimits", r"\nonumber", r"\notag"}
SYNONYMS = {r"\le": r"\leq", r"\ge": r"\geq", r"\ne": r"\neq", r"\to": r"\rightarrow", r"\gets": r"\leftarrow",
            r"\lbrace": r"\{", r"\rbrace": r"\}", r"\mid": "|", r"\vert": "|", r"\lvert": "|", r"\rvert": "|",
            r"\Vert": r"\|", r"\lVert": r"\|", r"\rVert": r"\|", r"\dots": r"\ldots", r"\dfrac": r"\frac",
            r"\tfrac": r"\frac", r"\land": r"\wedge", r"\lor": r"\vee", r"\lnot": r"\neg", r"\colon": ":",
            r"\cdotp": r"\cdot", r"\leqslant": r"\leq", r"\geqslant": r"\geq", "−": "-"}
WRAPPERS = {"aligned", "align", "align*", "gather", "gather*", "gathered", "equation", "equation*", "split",
            "multline", "displaymath"}
Node = Union[str, list]


def tokens(latex: str) -> list[str]:
    return TOKEN_RE.findall(latex)


def _drop_commands(toks: list[str]) -> list[str]:
    out: list[str] = []
    k = 0
    while k < len(toks):
        t = SYNONYMS.get(toks[k], toks[k])
        if t in (r"\tag", r"\label", r"\text") and k + 1 < len(toks) and toks[k + 1] == "{" and t != r"\text":
            depth, k = 0, k + 1
            while k < len(toks):
                depth += {"{": 1, "}": -1}.get(toks[k], 0)
                k += 1
                if depth == 0:
                    break
            continue
        if t in (r"\begin", r"\end") and k + 1 < len(toks) and toks[k + 1] == "{":
            name_end = toks.index("}", k + 1) if "}" in toks[k + 1:] else len(toks) - 1
            name = "".join(toks[k + 2:name_end])
            if name in WRAPPERS:
                k = name_end + 1
                continue
        if t == r"\right" and k + 1 < len(toks) and toks[k + 1] == ".":
            k += 2
            continue
        if t == "'":
            out += ["^", r"\prime"]
        elif t not in DROP:
            out.append(t)
        k += 1
    return out


def _tree(toks: list[str]) -> list[Node]:
    stack: list[list[Node]] = [[]]
    for t in toks:
        if t == "{":
            stack.append([])
        elif t == "}" and len(stack) > 1:
            group = stack.pop()
            stack[-1].append(group)
        else:
            stack[-1].append(t)
    while len(stack) > 1:
        group = stack.pop()
        stack[-1].append(group)
    return stack[0]


def _unwrap(node: Node) -> Node:
    if isinstance(node, list):
        items = [_unwrap(n) for n in node]
        items = _scripts_in_order(items)
        return items[0] if len(items) == 1 and isinstance(items[0], str) else items
    return node


def _scripts_in_order(items: list[Node]) -> list[Node]:
    """``x^a_b`` → ``x_b^a`` (both mean the same)."""
    out = list(items)
    k = 0
    while k + 3 < len(out):
        if out[k] == "^" and out[k + 2] == "_":
            out[k:k + 4] = [out[k + 2], out[k + 3], out[k], out[k + 1]]
        k += 1
    return out


def _flat(node: Node, top: bool = False) -> list[str]:
    if isinstance(node, str):
        return [node]
    inner = [t for n in node for t in _flat(n)]
    return inner if top else ["{", *inner, "}"]


def canonical_tokens(latex: str) -> list[str]:
    tree = _unwrap(_tree(_drop_commands(tokens(latex))))
    return _flat(tree if isinstance(tree, list) else [tree], top=True)


def canonical(latex: str) -> str:
    return " ".join(canonical_tokens(latex))


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def normalized_distance(pred: str, truth: str) -> float:
    p, t = canonical_tokens(pred), canonical_tokens(truth)
    return edit_distance(p, t) / max(len(p), len(t), 1)


def align(preds: Sequence[str], truths: Sequence[str]) -> list[int | None]:
    """For each truth, the index of its prediction (monotone alignment minimizing total distance; a
    skipped truth costs 1)."""
    n, m = len(truths), len(preds)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    dist = [[normalized_distance(p, t) for p in preds] for t in truths]
    for i in range(1, n + 1):
        cost[i][0], back[i][0] = float(i), 1
    for i in range(0, n + 1):
        for j in range(1, m + 1):
            options = [(cost[i][j - 1] + 0.3, 2)]  # an extra prediction
            if i:
                options += [(cost[i - 1][j] + 1.0, 1), (cost[i - 1][j - 1] + dist[i - 1][j - 1], 0)]
            cost[i][j], back[i][j] = min(options)
    out: list[int | None] = [None] * n
    i, j = n, m
    while i > 0:
        step = back[i][j] if j > 0 else 1
        if step == 0:
            out[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
    return out


def _balanced(latex: str) -> bool:
    depth = 0
    for t in tokens(latex):
        depth += {"{": 1, "}": -1}.get(t, 0)
        if depth < 0:
            return False
    return depth == 0 and latex.count(r"\begin") == latex.count(r"\end")


def _render_pages(formulas: Sequence[str], work: Path) -> list:
    """Each formula on its own page (empty page where it cannot be typeset), as grey arrays."""
    import numpy as np
    import pymupdf

    body = "\n".join(
        (rf"\begin{{gather*}} {f} \end{{gather*}}" if _balanced(f) and f.strip() else r"\mbox{}") + "\n\\newpage"
        for f in formulas)
    tex = work / "render.tex"
    tex.write_text("\\documentclass{article}\\usepackage{amsmath,amssymb}\\pagestyle{empty}\n"
                   "\\begin{document}\n" + body + "\n\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "render.tex"], cwd=work, capture_output=True,
                   timeout=300, check=False)
    pages = []
    pdf = work / "render.pdf"
    if not pdf.exists():
        return [None] * len(formulas)
    with pymupdf.open(pdf) as doc:
        for page in doc:
            pix = page.get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
            img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
            ink = np.argwhere(img < 128)
            pages.append(None if not len(ink) else img[ink[:, 0].min():ink[:, 0].max() + 1,
                                                      ink[:, 1].min():ink[:, 1].max() + 1] < 128)
    return pages + [None] * (len(formulas) - len(pages))


def _same_picture(a, b, tolerance: float = 0.02) -> bool:  # type: ignore[no-untyped-def]
    import numpy as np

    if a is None or b is None:
        return False
    if abs(a.shape[0] - b.shape[0]) > 2 or abs(a.shape[1] - b.shape[1]) > 2:
        return False
    h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
    pa, pb = np.zeros((h, w), bool), np.zeros((h, w), bool)
    pa[:a.shape[0], :a.shape[1]] = a
    pb[:b.shape[0], :b.shape[1]] = b
    return float((pa != pb).mean()) <= tolerance


def rendering_matches(preds: Sequence[str], truths: Sequence[str]) -> list[bool]:
    """Whether each prediction typesets like its truth (both canonical, pdflatex, 100 dpi)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "p").mkdir()
        (work / "t").mkdir()
        a = _render_pages([_renderable(p) for p in preds], work / "p")
        b = _render_pages([_renderable(t) for t in truths], work / "t")
    return [_same_picture(x, y) for x, y in zip(a, b)]


def _renderable(latex: str) -> str:
    return " ".join(canonical_tokens(latex))
