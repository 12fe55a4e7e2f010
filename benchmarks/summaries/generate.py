"""Generated documents of every summary type, in eight languages, from three renderers.

Korean is covered by the real documents only: with the one CJK font on this machine (Droid Sans
Fallback) both WeasyPrint and ReportLab write a text layer that does not map back to Unicode.
Each :class:`GenDoc` knows its true title, type and language by construction. The dev split uses
template variant 0 and seeds 0–99, the test split variant 1 (other page set-ups, fonts, layouts)
and seeds 100+, and partly other languages, so nothing tuned on dev is reported.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from benchmarks.families.base import Split
from benchmarks.summaries.phrases import PHRASES, Phrases

CJK_FONT = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
PRODUCTS = ("Aquilo X200", "Brightline 4K", "Corvo S3", "Delta Pump 90", "Everfresh 2")


@dataclass(frozen=True)
class GenDoc:
    name: str
    split: Split
    title: str | None
    doc_type: str
    language: str
    renderer: str
    seed: int
    variant: int

    def build(self, path: Path) -> Path:
        BUILDERS[self.doc_type](self, path)
        return path


def _paras(p: Phrases, rng: random.Random, n: int, size: int = 3) -> list[str]:
    return [" ".join(rng.sample(p.sentences, size)) for _ in range(n)]


# -- HTML through WeasyPrint ------------------------------------------------------------------------

def _html_page(body: str, variant: int, landscape: bool = False) -> str:
    font = ("'DejaVu Serif', serif", "'Liberation Sans', 'Droid Sans Fallback', sans-serif")[variant]
    size = "A4 landscape" if landscape else ("A4", "Letter")[variant]
    return (f"<html><head><meta charset='utf-8'><style>@page {{ size: {size}; margin: 2cm; }} "
            f"body {{ font-family: {font}, 'Droid Sans Fallback'; font-size: {10 + variant}pt; }} "
            "h1 { font-size: 22pt; } h2 { font-size: 14pt; } table { border-collapse: collapse; } "
            "td, th { border: 0.5pt solid #888; padding: 2pt 6pt; }</style></head><body>"
            f"{body}</body></html>")


def _weasyprint(html: str, path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.html"
        src.write_text(html, encoding="utf-8")
        subprocess.run(["weasyprint", str(src), str(path)], check=True, capture_output=True, timeout=120)


def _row_labels(p: Phrases) -> list[str]:
    """Row labels in the document's language: short phrases from its sentences and field names."""
    return [" ".join(s.split()[:4]).rstrip(",.") for s in p.sentences] + list(p.form_fields) + list(p.topics)


def _table_html(rng: random.Random, header: list[str], rows: int, p: Phrases) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    labels = _row_labels(p)
    body = "".join("<tr><td>" + escape(labels[i % len(labels)]) + "</td>"
                   + "".join(f"<td>{rng.randint(10, 9999):,}</td>" for _ in header[1:]) + "</tr>"
                   for i in range(rows))
    return f"<table><tr>{head}</tr>{body}</table>"


def build_report(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    parts = [f"<h1>{escape(doc.title or '')}</h1>", f"<p><i>{escape(p.report)} {2020 + doc.seed % 5}</i></p>"]
    for section in rng.sample(p.topics, 3):
        parts.append(f"<h2>{escape(section)}</h2>")
        parts += [f"<p>{escape(t)}</p>" for t in _paras(p, rng, 3)]
        if rng.random() < 0.5:
            parts.append(_table_html(rng, ["", "2022", "2023", "2024"], 4, p))
    _weasyprint(_html_page("".join(parts), doc.variant), path)


def build_manual(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    parts = [f"<h1>{escape(doc.title or '')}</h1>"]
    for n in range(1, 5):
        parts.append(f"<h2>{n}. {escape(rng.choice(p.topics))}</h2>")
        parts.append("<ol>" + "".join(f"<li>{escape(p.step)}</li>" for _ in range(3)) + "</ol>")
        parts += [f"<p>{escape(t)}</p>" for t in _paras(p, rng, 2)]
    _weasyprint(_html_page("".join(parts), doc.variant), path)


def build_contract(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    parts = [f"<h1 style='text-align:center'>{escape(doc.title or '')}</h1>"]
    for n in range(1, 7):
        parts.append(f"<p><b>{n}.</b> {escape(p.clause)} {escape(rng.choice(p.sentences))}</p>")
    parts.append("<p>______________________ &nbsp;&nbsp; ______________________</p>")
    _weasyprint(_html_page("".join(parts), doc.variant), path)


def build_data_sheet(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    header = ["", *[str(y) for y in range(2015, 2015 + 5 + doc.variant)]]
    body = f"<h2>{escape(doc.title or '')}</h2>" + _table_html(rng, header, 30 + 10 * doc.variant, p)
    _weasyprint(_html_page(body, doc.variant), path)


# -- ReportLab -----------------------------------------------------------------------------------------

def _canvas(path: Path, doc: GenDoc, landscape: bool = False):  # noqa: ANN202 - reportlab canvas
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.pagesizes import landscape as turn
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    size = (A4, letter)[doc.variant]
    c = canvas.Canvas(str(path), pagesize=turn(size) if landscape else size)
    if doc.language == "ko":
        pdfmetrics.registerFont(TTFont("CJK", str(CJK_FONT)))
    return c


def _fonts(doc: GenDoc) -> tuple[str, str]:
    if doc.language == "ko":
        return "CJK", "CJK"
    return (("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"))[doc.variant]


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


def build_letter(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    c = _canvas(path, doc)
    regular, bold = _fonts(doc)
    _, height = c._pagesize
    y = height - 90
    c.setFont(bold, 12)
    c.drawString(72, y, "Harbour Lane Consulting")
    c.setFont(regular, 10)
    for line in ("14 Quay Street", "Bristol BS1 4DJ", f"{1 + doc.seed % 27}.03.2024"):
        y -= 14
        c.drawString(72 if doc.variant == 0 else 380, y, line)
    y -= 40
    c.drawString(72, y, p.salutation)
    for para in _paras(p, rng, 3):
        y -= 10
        for line in _wrap(para, 90):
            y -= 14
            c.drawString(72, y, line)
    y -= 28
    c.drawString(72, y, p.closing)
    c.drawString(72, y - 40, "Jonathan Pryce")
    c.save()


def build_invoice(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    c = _canvas(path, doc)
    regular, bold = _fonts(doc)
    width, height = c._pagesize
    c.setFont(bold, 20)
    c.drawString(72, height - 90, doc.title or "")
    c.setFont(regular, 10)
    c.drawString(72, height - 115, "Northgate Supplies Ltd · 22 Mill Road · Leeds LS2 7EZ")
    y = height - 170
    total = 0
    for i in range(rng.randint(4, 9)):
        qty, price = rng.randint(1, 20), rng.randint(5, 400)
        total += qty * price
        c.drawString(72, y, f"{i + 1}  {rng.choice(PRODUCTS)} / {rng.randint(100, 999)}")
        c.drawRightString(width - 200, y, str(qty))
        c.drawRightString(width - 72, y, f"{qty * price:,.2f}")
        y -= 16
    c.setFont(bold, 11)
    c.drawString(72, y - 20, p.total)
    c.drawRightString(width - 72, y - 20, f"{total:,.2f} EUR")
    c.save()


def build_form(doc: GenDoc, path: Path) -> None:
    p = PHRASES[doc.language]
    c = _canvas(path, doc)
    regular, bold = _fonts(doc)
    width, height = c._pagesize
    c.setFont(bold, 16)
    c.drawString(72, height - 90, doc.title or "")
    c.setFont(regular, 10)
    y = height - 140
    for field in p.form_fields:
        c.drawString(72, y, field + ":")
        c.line(200, y - 2, width - 72, y - 2)
        y -= 34
    for box in range(3):
        c.rect(72, y - box * 20, 9, 9)
        c.drawString(90, y - box * 20, p.form_fields[box])
    c.save()


def build_slide_deck(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    c = _canvas(path, doc, landscape=True)
    regular, bold = _fonts(doc)
    width, height = c._pagesize
    c.setFont(bold, 30)
    c.drawCentredString(width / 2, height / 2, doc.title or "")
    c.setFont(regular, 14)
    c.drawCentredString(width / 2, height / 2 - 40, f"{p.report} {2024 - doc.seed % 3}")
    c.showPage()
    for topic in rng.sample(p.topics, 4):
        c.setFont(bold, 24)
        c.drawString(60, height - 80, topic)
        c.setFont(regular, 16)
        for i, sentence in enumerate(rng.sample(p.sentences, 3)):
            c.drawString(80, height - 150 - 40 * i, "• " + sentence[:60])
        c.showPage()
    c.save()


# -- pdflatex -------------------------------------------------------------------------------------------

PAPER_TITLES = ("Sparse Attention for Long Document Retrieval", "A Study of Table Detection in Scanned Reports",
                "Learning Reading Order from Layout", "Robust Chart Value Extraction under Noise")


def build_paper(doc: GenDoc, path: Path) -> None:
    p, rng = PHRASES[doc.language], random.Random(doc.seed)
    body = "\n\n".join(_paras(p, rng, 2, 4))
    cls = ("\\documentclass[11pt]{article}", "\\documentclass[10pt,twocolumn]{article}")[doc.variant]
    sections = "".join(f"\\section{{{name}}}\n{' '.join(rng.sample(p.sentences, 4))}\n\n"
                       for name in ("Introduction", "Related Work", "Method", "Experiments", "Conclusion"))
    tex = (f"{cls}\n\\usepackage[T1]{{fontenc}}\n\\usepackage{{lmodern}}\n\\title{{{doc.title}}}\n"
           "\\author{A. Researcher \\and B. Scientist}\n\\date{}\n\\begin{document}\n\\maketitle\n"
           f"\\begin{{abstract}}\n{body}\n\\end{{abstract}}\n{sections}"
           "\\begin{thebibliography}{9}\\bibitem{a} A. Author et al. A paper. Proceedings, 2020.\n"
           "\\end{thebibliography}\n\\end{document}\n")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "paper.tex").write_text(tex, encoding="utf-8")
        subprocess.run(["pdflatex", "-interaction=nonstopmode", "paper.tex"], cwd=tmp, capture_output=True,
                       timeout=120, check=False)
        shutil.copy(Path(tmp) / "paper.pdf", path)


BUILDERS: dict[str, Callable[[GenDoc, Path], None]] = {
    "report": build_report, "manual": build_manual, "contract": build_contract, "data_sheet": build_data_sheet,
    "letter": build_letter, "invoice": build_invoice, "form": build_form, "slide_deck": build_slide_deck,
    "paper": build_paper,
}
RENDERER = {"report": "weasyprint", "manual": "weasyprint", "contract": "weasyprint", "data_sheet": "weasyprint",
            "letter": "reportlab", "invoice": "reportlab", "form": "reportlab", "slide_deck": "reportlab",
            "paper": "pdflatex"}
LANGUAGES = {Split.DEV: ("en", "de", "fr", "es"), Split.TEST: ("en", "it", "nl", "pt", "de", "fr")}


def _title(doc_type: str, p: Phrases, rng: random.Random) -> str | None:
    titles: dict[str, str | None] = {
        "report": rng.choice(p.topics), "manual": f"{p.manual} {rng.choice(PRODUCTS)}", "contract": p.agreement,
        "data_sheet": rng.choice(p.topics), "letter": None, "invoice": f"{p.invoice} INV-{rng.randint(1000, 9999)}",
        "form": p.form, "slide_deck": rng.choice(p.topics), "paper": rng.choice(PAPER_TITLES),
    }
    return titles[doc_type]


def generated_docs(split: Split) -> list[GenDoc]:
    """Every type in every language of the split (papers in English only)."""
    docs = []
    base, variant = (0, 0) if split is Split.DEV else (100, 1)
    for i, doc_type in enumerate(BUILDERS):
        languages = ("en",) if doc_type == "paper" else LANGUAGES[split]
        for j, language in enumerate(languages):
            if (i + j) % 2 and doc_type not in ("paper", "slide_deck", "invoice", "form"):
                continue  # half the language × type grid keeps the set quick
            seed = base + 10 * i + j
            rng = random.Random(seed)
            title = _title(doc_type, PHRASES[language], rng)
            docs.append(GenDoc(f"{doc_type}-{language}-{seed}", split, title, doc_type, language,
                               RENDERER[doc_type], seed, variant))
    return docs
