"""The labelled summary set: documents with their true title, document type and language.

`labels.py` holds the real documents of ../shared/corpus labelled by hand; `generate.py` renders
documents of every type in several languages with ReportLab, WeasyPrint and pdflatex, whose
labels are known by construction. `python -m benchmarks summaries` scores both (dev and test).
"""
