"""HTML+CSS reports rendered by WeasyPrint and by headless Chromium: two document families.

Content, templates and truth come from :mod:`html_report_builder`; this module renders and
caches. Documents are cached under ``<out_dir>/<family>-v<VERSION>/<split>/NNN.pdf`` with the
truth next to them (``NNN.json``); the same (family, split, index) always gives the same
document. Dev uses templates A-C and seeds from one range, test templates D-F and other seeds.

Both renderers print the running header/footer and page number in ``@page`` margin boxes
(Chromium supports them since version 131; a ``position: fixed`` running header was tried and
dropped: Chromium 156 leaves it off some pages, so its truth is not known before rendering).
WeasyPrint documents put footnotes at the
page foot (``float: footnote``) in most templates; Chromium has no footnote area, so its notes
close each section.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from benchmarks.families import html_themes as themes
from benchmarks.families.base import DocTruth, FamilyDoc, Split
from benchmarks.families.html_report_builder import (
    ReportPlan,
    build_report,
    furniture_truth,
)

VERSION = 2
SEED_BASE = {Split.DEV: 10_000, Split.TEST: 770_000}
RENDER_TIMEOUT_S = 180
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


class Renderer(str, Enum):
    WEASYPRINT = "weasyprint"
    CHROMIUM = "chromium"


def _binary(renderer: Renderer) -> str | None:
    return shutil.which("weasyprint" if renderer is Renderer.WEASYPRINT else "chromium")


def renderer_version(renderer: Renderer) -> str:
    exe = _binary(renderer)
    if exe is None:
        return "absent"
    try:
        out = subprocess.run([exe, "--version"], check=False, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.strip().splitlines()[-1] if out.strip() else "unknown"


def render_pdf(renderer: Renderer, html_file: Path, pdf: Path) -> None:
    """Render ``html_file`` to ``pdf`` with the renderer's command line (raises on failure)."""
    exe = _binary(renderer)
    assert exe is not None
    tmp = pdf.with_suffix(".tmp.pdf")
    if renderer is Renderer.WEASYPRINT:
        cmd = [exe, str(html_file), str(tmp)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=RENDER_TIMEOUT_S)
    else:
        with tempfile.TemporaryDirectory(prefix="docparse-chromium-") as profile:
            cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={tmp}",
                   html_file.resolve().as_uri()]
            subprocess.run(cmd, check=True, capture_output=True, timeout=RENDER_TIMEOUT_S)
    if not tmp.exists():
        raise RuntimeError(f"{renderer.value} wrote no PDF for {html_file}")
    tmp.replace(pdf)


def _locate_pages(pdf: Path, plan: ReportPlan, truth: DocTruth) -> DocTruth:
    """The page count, furniture per page, and the page of each table and chart caption (a
    position look-up only: the content of the truth never comes from the PDF)."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        pages = doc.page_count
        found: dict[str, int] = {}
        for caption in plan.table_captions + plan.chart_captions:
            for page in doc:
                if page.search_for(caption[:40]):
                    found[caption] = page.number + 1
                    break
    truth.pages = pages
    truth.furniture = furniture_truth(plan, pages)
    truth.tables = [replace(t, pages=(found[c],) if c in found else ())
                    for t, c in zip(truth.tables, plan.table_captions)]
    truth.charts = [replace(ch, page=found.get(c, 0)) for ch, c in zip(truth.charts, plan.chart_captions)]
    return truth


@dataclass(frozen=True)
class HtmlFamily:
    """One renderer over the HTML report templates."""
    name: str
    renderer: Renderer
    family_seed: int

    def available(self) -> str | None:
        if _binary(self.renderer) is None:
            return f"{self.renderer.value} is not installed (apt-get install {self.renderer.value})"
        return None

    def version(self) -> str:
        return renderer_version(self.renderer)

    def templates(self, split: Split) -> tuple[themes.TemplateFn, ...]:
        return themes.DEV_TEMPLATES if split is Split.DEV else themes.TEST_TEMPLATES

    def seed(self, split: Split, index: int) -> int:
        return SEED_BASE[split] + self.family_seed + index

    def _paths(self, split: Split, out_dir: Path, index: int) -> tuple[Path, Path, Path]:
        folder = out_dir / f"{self.name}-v{VERSION}" / split.value
        return folder, folder / f"{index:03d}.pdf", folder / f"{index:03d}.json"

    def cached(self, split: Split, out_dir: Path, index: int) -> FamilyDoc | None:
        _, pdf, truth_file = self._paths(split, out_dir, index)
        if pdf.exists() and truth_file.exists():
            return FamilyDoc(self.name, split, pdf.stem, pdf, DocTruth.from_json(truth_file.read_text()))
        return None

    def plan(self, split: Split, out_dir: Path, index: int) -> ReportPlan:
        """The HTML (written next to the PDF) and truth of one document; charts drawn here
        (matplotlib is not thread-safe: plans are made one after the other)."""
        folder, pdf, _ = self._paths(split, out_dir, index)
        folder.mkdir(parents=True, exist_ok=True)
        templates = self.templates(split)
        plan = build_report(self.seed(split, index), templates[index % len(templates)], folder / "assets",
                            pdf.stem, float_footnotes_ok=self.renderer is Renderer.WEASYPRINT)
        pdf.with_suffix(".html").write_text(plan.html, encoding="utf-8")
        return plan

    def finish(self, split: Split, out_dir: Path, index: int, plan: ReportPlan) -> FamilyDoc:
        """Render the planned document and write its truth."""
        _, pdf, truth_file = self._paths(split, out_dir, index)
        render_pdf(self.renderer, pdf.with_suffix(".html"), pdf)
        truth = _locate_pages(pdf, plan, plan.truth)
        truth_file.write_text(truth.to_json(), encoding="utf-8")
        return FamilyDoc(self.name, split, pdf.stem, pdf, truth)

    def template_of(self, split: Split, index: int) -> str:
        templates = self.templates(split)
        return templates[index % len(templates)].__name__.rsplit("_", 1)[-1].upper()

    def build(self, split: Split, out_dir: Path, count: int) -> list[FamilyDoc]:
        docs: dict[int, FamilyDoc] = {}
        plans: dict[int, ReportPlan] = {}
        for i in range(count):
            doc = self.cached(split, out_dir, i)
            if doc is not None:
                docs[i] = doc
            else:
                plans[i] = self.plan(split, out_dir, i)
        with ThreadPoolExecutor(max_workers=2) as pool:
            done = pool.map(lambda i: self.finish(split, out_dir, i, plans[i]), list(plans))
            docs.update(zip(list(plans), done))
        return [docs[i] for i in range(count)]


WEASYPRINT = HtmlFamily("weasyprint", Renderer.WEASYPRINT, 0)
CHROMIUM = HtmlFamily("chromium", Renderer.CHROMIUM, 100_000)
