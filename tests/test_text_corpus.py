"""docparse's text output against ground truth: generated reports and DocBank pages.

Generated reports (one per style, exact truth): body edit distance ≤ 0.05 after the same
normalization as the benchmark, no running header/footer in the Markdown, heading recall ≥ 0.95,
and Markdown that markdown-it-py parses into the same headings. DocBank (real arXiv pages, page N
of each PDF only): word recall above a measured floor and not below the anchor (pymupdf4llm).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("rapidfuzz")
pytest.importorskip("reportlab")

import docparse  # noqa: E402
from benchmarks import text_metrics as tm  # noqa: E402
from benchmarks import text_sets as ts  # noqa: E402
from benchmarks.suite_text import score_synth  # noqa: E402
from benchmarks.synth.reports import STYLES, ReportTruth, generate_report_set  # noqa: E402

SEED = 3


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[ReportTruth, str]]:
    out = tmp_path_factory.mktemp("text-reports")
    truths = generate_report_set(out, count=len(STYLES), seed=SEED, target_pages=2.5)
    return {t.style: (t, docparse.parse(out / t.file).to_markdown()) for t in truths}


STYLE_NAMES = [s.name for s in STYLES]

# Temporary xfails: docparse classification/assembly failures measured on these pages, to be
# fixed in docparse/regions + docparse/assembly (owner: lead). strict=False: a fix shows as XPASS.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}  # (check, style) -> reason; empty: all pass


def _styles_for(check: str) -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=False, reason=KNOWN_FAILURES[(check, name)]))
            if (check, name) in KNOWN_FAILURES else name for name in STYLE_NAMES]


@pytest.mark.parametrize("style", _styles_for("body"))
def test_body_text_matches_truth(converted, style):
    truth, markdown = converted[style]
    score = score_synth(truth, markdown)
    assert score.edit <= 0.05, f"{truth.file} ({style}): body edit distance {score.edit:.3f}"
    assert score.order is None or score.order >= 0.95, f"{truth.file}: reading order {score.order:.3f}"


@pytest.mark.parametrize("style", _styles_for("furniture"))
def test_no_running_header_or_footer_in_markdown(converted, style):
    truth, markdown = converted[style]
    leaked, pages = tm.leaked_pages([(f.page, f.texts) for f in truth.furniture], markdown)
    assert leaked == 0, f"{truth.file} ({style}): furniture in the body on {leaked} of {pages} pages"


@pytest.mark.parametrize("style", _styles_for("headings"))
def test_headings_found_with_levels(converted, style):
    truth, markdown = converted[style]
    score = score_synth(truth, markdown).headings
    assert score.recall >= 0.95, f"{truth.file} ({style}): heading recall {score.recall:.2f}"
    assert score.precision >= 0.9, f"{truth.file} ({style}): heading precision {score.precision:.2f}"


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_markdown_parses_with_markdown_it(converted, style):
    from markdown_it import MarkdownIt

    truth, markdown = converted[style]
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    headings = [tm.normalize_markdown(tokens[i + 1].content)
                for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [h.text for h in tm.markdown_headings(markdown)]
    assert sum(t.type == "heading_open" and t.tag == "h1" for t in tokens) == 1  # one title


# --- DocBank: real two-column and one-column paper pages -----------------------------------

DOCBANK_PAGES = [
    "103.tar_1408.2982.gz_banach_4",  # one column, running header
    "135.tar_1805.05760.gz_cataracts_3",  # two columns with a figure
    "107.tar_1606.02202.gz_arxiv-v2-EHX_3",  # two columns
    "246.tar_1808.08720.gz_conll2018_3",  # two columns (ACL style)
]
# Floor, measured (python -m benchmarks text, all 50 pages): docparse word recall mean 0.957,
# median 0.976, 10th percentile 0.910, min 0.759 (a page of inline math symbols; the anchor
# gets 0.796 there); anchor mean 0.958. These four pages score 0.94-0.98. Truth leaves out
# DocBank's ##LT graphics placeholders, (cid:N) glyphs and the margin bands (running heads).
# Below 0.85 on a plain text page means whole lines or blocks were lost.
DOCBANK_RECALL_FLOOR = 0.85


def _docbank_job(corpus: Path, stem: str) -> ts.Job:
    jobs = {j.id: j for j in ts.docbank_jobs(corpus, None)}
    if stem not in jobs:
        pytest.skip(f"DocBank page {stem} not in the corpus")
    return jobs[stem]


@pytest.mark.parametrize("stem", DOCBANK_PAGES)
def test_docbank_word_recall(corpus, stem):
    job = _docbank_job(corpus, stem)
    truth = ts.docbank_truth(corpus, job)
    markdown = docparse.parse(job.path, pages=str(job.pages[0])).to_markdown()
    score = tm.score_words(truth.recall_words, tm.markdown_words(markdown), truth.all_words)
    assert score.recall >= DOCBANK_RECALL_FLOOR, f"{stem}: word recall {score.recall:.3f}"
    assert score.precision >= 0.9, f"{stem}: word precision {score.precision:.3f}"


@pytest.mark.slow
def test_docbank_recall_not_below_anchor(corpus):
    pymupdf4llm = pytest.importorskip("pymupdf4llm")
    ours, anchor = [], []
    for stem in DOCBANK_PAGES:
        job = _docbank_job(corpus, stem)
        truth = ts.docbank_truth(corpus, job)
        md = docparse.parse(job.path, pages=str(job.pages[0])).to_markdown()
        ours.append(tm.score_words(truth.recall_words, tm.markdown_words(md)).recall)
        md = pymupdf4llm.to_markdown(str(job.path), pages=[job.pages[0] - 1], show_progress=False)
        anchor.append(tm.score_words(truth.recall_words, tm.markdown_words(md)).recall)
    assert sum(ours) / len(ours) >= sum(anchor) / len(anchor) - 0.005, (ours, anchor)
