"""Generated formula documents for ``python -m benchmarks formulas``: a random LaTeX grammar plus
well-known formulas (:mod:`.grammar`), typeset by pdflatex in several templates (:mod:`.documents`),
scored by token edit distance, exact match and rendering match (:mod:`.scoring`)."""
