"""The report generator's ground truth agrees with the PDF it draws."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pymupdf = pytest.importorskip("pymupdf")

from benchmarks.synth.reports import (  # noqa: E402
    CAPTION,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    STYLES,
    TITLE,
    ReportTruth,
    generate_report,
    generate_report_set,
    plan_report,
)


def _flat(text: str) -> str:
    """Text-layer text with line-end hyphenation undone and whitespace collapsed."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, ReportTruth]]:
    out = tmp_path_factory.mktemp("reports")
    truths = generate_report_set(out, count=len(STYLES), seed=11, target_pages=2.0)
    return [(out / t.file, t) for t in truths]


def _page_texts(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [page.get_text("text") for page in doc]


def test_every_style_is_generated_with_pages(reports):
    assert {t.style for _, t in reports} == {s.name for s in STYLES}
    for path, truth in reports:
        with pymupdf.open(path) as doc:
            assert doc.page_count == truth.pages >= 2
        assert truth.blocks[0].kind == TITLE and truth.blocks[0].level == 1


def test_headings_captions_and_paragraph_starts_are_in_the_text_layer(reports):
    for path, truth in reports:
        text = _flat("\n".join(_page_texts(path)))
        for heading in truth.headings:
            assert heading.text in text, (truth.file, heading.text)
        for caption in truth.captions:
            assert caption in text, (truth.file, caption)
        for block in truth.blocks:
            if block.kind in (PARAGRAPH, LIST_ITEM):
                assert block.text[:40] in text, (truth.file, block.text[:40])


def test_heading_levels_follow_the_outline(reports):
    for _, truth in reports:
        levels = [h.level for h in truth.headings]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(2 <= lv <= 4 for lv in levels[1:])
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels  # no skipped levels
    assert any(h.level == 4 for _, t in reports for h in t.headings)


def test_running_furniture_is_on_its_page_and_footnotes_on_theirs(reports):
    for path, truth in reports:
        pages = _page_texts(path)
        assert [f.page for f in truth.furniture] == list(range(1, truth.pages + 1))
        for furniture in truth.furniture:
            for text in furniture.texts:
                assert text in pages[furniture.page - 1], (truth.file, furniture.page, text)
        for footnote in truth.footnotes:
            assert footnote.page >= 1
            assert footnote.text in _flat(pages[footnote.page - 1]), (truth.file, footnote.number)
    assert sum(len(t.footnotes) for _, t in reports) >= 1


def test_furniture_strings_do_not_occur_in_the_body_truth(reports):
    for _, truth in reports:
        body = truth.markdown()
        for furniture in truth.furniture:
            for text in furniture.texts:
                if not re.fullmatch(r"[\W\d]+", text):
                    assert text not in body, (truth.file, text)


def test_columns_are_really_columns(reports):
    for path, truth in reports:
        with pymupdf.open(path) as doc:
            page = doc[0]
            width = page.rect.width
            starts = {round(b[0] / 10) for b in page.get_text("blocks") if b[2] - b[0] < width * 0.6}
        lefts = sorted(starts)
        clusters = sum(1 for a, b in zip([-99] + lefts, lefts) if b - a > 5)
        assert clusters >= truth.columns, (truth.file, truth.columns, lefts)


def test_hyphenating_styles_split_words_and_truth_keeps_them_whole(reports):
    hyphenating = [t for _, t in reports if next(s for s in STYLES if s.name == t.style).hyphenate]
    assert sum(len(t.hyphenated) for t in hyphenating) > 0
    for truth in hyphenating:
        for word in truth.hyphenated:
            assert word in truth.markdown(), word


def test_markdown_truth_parses_and_lists_headings(reports):
    from markdown_it import MarkdownIt

    md = MarkdownIt().enable("table")
    for _, truth in reports:
        tokens = md.parse(truth.markdown())
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert headings == [h.text for h in truth.headings]
        n_items = sum(1 for t in tokens if t.type == "list_item_open")
        assert n_items == sum(1 for b in truth.blocks if b.kind == LIST_ITEM)


def test_same_seed_same_document(tmp_path):
    style = STYLES[1]
    a = generate_report(tmp_path / "a.pdf", 5, style, 1.5)
    b = generate_report(tmp_path / "b.pdf", 5, style, 1.5)
    assert a.markdown() == b.markdown() and a.furniture == b.furniture
    assert _page_texts(tmp_path / "a.pdf") == _page_texts(tmp_path / "b.pdf")
    assert plan_report(6, style).blocks != plan_report(5, style).blocks


def test_same_seed_same_bytes_across_processes(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from benchmarks.synth.reports import generate_report, STYLES; "
            "generate_report(Path(sys.argv[1]), 9, STYLES[2], 1.0)")
    for name in ("a.pdf", "b.pdf"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True, timeout=120)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_truth_json_round_trip(reports):
    for _, truth in reports:
        again = ReportTruth.from_json(truth.to_json())
        assert again == truth
        assert [b.kind for b in again.blocks if b.kind in (HEADING, CAPTION)]
