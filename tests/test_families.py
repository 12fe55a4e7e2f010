"""The HTML document families (WeasyPrint, Chromium) and the families benchmark suite.

- a generated document's truth is what the renderer printed (title, headings, captions,
  footnotes, running texts and page numbers in the PDF text layer; one caption per table);
- dev and test never share a template or a seed;
- the scorer gives TEDS 1 for a table against itself, less for a damaged one, 0 for a miss;
- ``python -m benchmarks families --limit 1`` runs end to end on one small document.
Skips with a reason when the renderer is not installed.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.families.base import DocTruth, Split, TableTruth

pytest.importorskip("apted")
pytest.importorskip("rapidfuzz")


def _family(name: str):
    from benchmarks.families.html_reports import CHROMIUM, WEASYPRINT

    family = {"weasyprint": WEASYPRINT, "chromium": CHROMIUM}[name]
    reason = family.available()
    if reason is not None:
        pytest.skip(reason)
    return family


def _flat(text: str) -> str:
    from benchmarks.text_metrics import fold_text

    return fold_text(text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One dev document per renderer (index 1: a two-column template), built once."""
    out = tmp_path_factory.mktemp("families")
    docs = {}
    for name in ("weasyprint", "chromium"):
        if shutil.which(name) is None:
            continue
        family = _family(name)
        docs[name] = family.build(Split.DEV, out, 2)
    return docs


@pytest.mark.parametrize("name", ["weasyprint", "chromium"])
def test_truth_is_what_the_renderer_printed(built: dict, name: str) -> None:
    import pymupdf

    _family(name)
    for doc in built[name]:
        truth: DocTruth = doc.truth
        with pymupdf.open(doc.pdf) as pdf:
            pages = [_flat(page.get_text()) for page in pdf]
            assert truth.pages == pdf.page_count
        whole = " ".join(pages)
        assert _flat(truth.title) in whole
        for heading in truth.headings:
            assert _flat(heading.text) in whole, heading
        for footnote in truth.footnotes:
            assert _flat(footnote) in whole, footnote
        captions = [c for c in truth.captions if re.match(r"(Table|Exhibit) \d", c)]
        assert len(captions) == len(truth.tables)
        for caption in truth.captions:
            assert _flat(caption) in whole
        for table in truth.tables:  # every cell of the truth is printed
            for cell in re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", table.html):
                assert _flat(cell.rstrip("ab")) in whole, cell  # marks a/b are superscripts
        for page, texts in truth.furniture:
            for text in texts:
                assert _flat(text) in pages[page - 1], (page, text)
        for block in truth.body:
            assert _flat(block)[:40] in whole, block


def test_truth_has_what_the_families_promise(built: dict) -> None:
    """Across a few documents: tables, headings at two levels, lists, footnotes, furniture."""
    docs = [d for family in built.values() for d in family]
    if not docs:
        pytest.skip("neither weasyprint nor chromium is installed")
    assert sum(len(d.truth.tables) for d in docs) >= 1
    assert {h.level for d in docs for h in d.truth.headings} >= {2, 3}
    assert any(d.truth.list_items for d in docs)
    assert any(d.truth.footnotes for d in docs)
    assert all(any(texts for _, texts in d.truth.furniture) for d in docs)


def test_dev_and_test_share_no_template_or_seed() -> None:
    from benchmarks.families.html_reports import CHROMIUM, WEASYPRINT

    n = 200
    seeds: dict[Split, set[int]] = {Split.DEV: set(), Split.TEST: set()}
    for family in (WEASYPRINT, CHROMIUM):
        templates = {split: {family.template_of(split, i) for i in range(n)} for split in Split}
        assert templates[Split.DEV] == {"A", "B", "C"} and templates[Split.TEST] == {"D", "E", "F"}
        for split in Split:
            seeds[split] |= {family.seed(split, i) for i in range(n)}
    assert len(seeds[Split.DEV]) == len(seeds[Split.TEST]) == 2 * n
    assert not seeds[Split.DEV] & seeds[Split.TEST]


def test_generation_is_deterministic(tmp_path: Path) -> None:
    """The same (family, split, index) gives the same HTML and truth (what the cache relies on)."""
    from benchmarks.families.html_report_builder import build_report
    from benchmarks.families.html_themes import TEST_TEMPLATES

    plans = [build_report(770_005, TEST_TEMPLATES[1], tmp_path / "assets", "x", float_footnotes_ok=True)
             for _ in range(2)]
    assert plans[0].html == plans[1].html
    assert plans[0].truth.to_json() == plans[1].truth.to_json()


def _table(seed: int) -> str:
    from benchmarks.families import html_tables as tables

    spec = tables.make_table(random.Random(seed), 1, tables.TableStyle.BOOKTABS)
    return tables.truth_html(spec)


def test_teds_of_a_table_with_itself_is_one_and_damage_costs() -> None:
    from benchmarks.families_score import TableScore, score_tables

    html = _table(3)
    damaged = re.sub(r"<tr>.*?</tr>", "", html.split("<tbody>")[1], count=2)  # two body rows gone
    damaged = html.split("<tbody>")[0] + "<tbody>" + damaged
    truth = DocTruth(title="t", tables=[TableTruth(html, "booktabs")])
    [same] = score_tables(truth, [html])
    [worse] = score_tables(truth, [damaged])
    [missed] = score_tables(truth, [])
    assert same == TableScore("booktabs", 1.0, 1.0)
    assert worse.teds < 1.0 and worse.teds_s < 1.0
    assert missed.teds == 0.0


def test_score_doc_rewards_the_truth_itself() -> None:
    """A Markdown written from the truth scores perfectly on headings, title, leak, body."""
    from benchmarks.families.base import HeadingTruth
    from benchmarks.families_score import SystemOutput, score_doc

    truth = DocTruth(title="Market Study 2020", headings=[HeadingTruth("1 Overview", 2), HeadingTruth("1.1 Scope", 3)],
                     paragraphs=["Demand increased in every quarter."], footnotes=["Figures are unaudited."],
                     furniture=[(1, ["Market Study 2020", "1"]), (2, ["Market Study 2020", "2"])],
                     body=["Market Study 2020", "1 Overview", "1.1 Scope", "Demand increased in every quarter."])
    md = "# Market Study 2020\n\n## 1 Overview\n\n### 1.1 Scope\n\nDemand increased in every quarter.\n\n" \
         "Figures are unaudited.\n"
    score = score_doc(truth, SystemOutput(md, [], []))
    assert score.title_found and score.headings.recall == 1.0 and score.headings.precision == 1.0
    assert score.headings.level_correct == 2 and score.leaked == 0 and score.furniture_pages == 2
    assert score.footnotes_found == 1 and score.edit == 0.0
    leaky = score_doc(truth, SystemOutput(md + "\nMarket Study 2020\n\n2\n", [], []))
    assert leaky.leaked == 2


def test_done_when_check_names_what_misses() -> None:
    from benchmarks.common import Row
    from benchmarks.families_done import check

    rows = [Row("x/test", "table TEDS", {"docparse": 0.97, "pymupdf4llm": 0.80}),
            Row("x/test", "body edit distance", {"docparse": 0.05, "pymupdf4llm": 0.04}, better="lower"),
            Row("x/test", "pages/s", {"docparse": 6.0, "pymupdf4llm": 1.0}),
            Row("y/test", "table TEDS", {"docparse": 0.99, "pymupdf4llm": 0.80}),
            Row("y/test", "pages/s", {"docparse": 2.0, "pymupdf4llm": 1.0})]
    x, y = check(rows)
    assert x.startswith("x/test: FAIL") and "body edit distance 0.050" in x and "below the anchor" in x
    assert "table TEDS" not in x
    assert y.startswith("y/test: FAIL") and "2.0x the anchor" in y
    assert check(rows[3:4]) == ["y/test: PASS"]


def test_suite_runs_end_to_end_on_one_document(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    _family("weasyprint")
    pytest.importorskip("pymupdf4llm")
    from benchmarks.__main__ import main

    assert main(["families", "--limit", "1", "--split", "dev", "--family", "weasyprint",
                 "--work-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "made by WeasyPrint" in out
    for metric in ("table TEDS", "heading recall", "title found", "header/footer leak", "body edit distance",
                   "pages/s"):
        assert re.search(rf"weasyprint/dev\s+{re.escape(metric)}", out), metric
    assert "== done when" in out and re.search(r"weasyprint/dev: (PASS|FAIL)", out)
    assert (tmp_path / "families" / "details.json").exists()


def test_truth_without_sections_does_not_score_the_predicted_thead() -> None:
    """Office families write truth tables without thead/tbody: a prediction that wraps the
    same rows in thead/tbody is not penalised for it (as in the tables suite)."""
    from benchmarks.families_score import score_tables

    rows = "".join(f"<tr><td>Item {k}</td><td>{k}</td><td>{2 * k}</td></tr>" for k in range(4))
    truth = DocTruth(title="t", tables=[TableTruth(f"<table><tr><th>A</th><th>B</th><th>C</th></tr>{rows}</table>", "rules")])
    pred = f"<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody>{rows}</tbody></table>"
    [score] = score_tables(truth, [pred])
    assert score.teds == 1.0 and score.teds_s == 1.0
    [shifted] = score_tables(truth, [pred.replace("<td>Item 3</td>", "<td>Item 9</td>")])
    assert shifted.teds < 1.0


def test_running_header_words_the_byline_prints_are_no_leak() -> None:
    """The organisation the running header names is also in the byline ("Research Desk, Harbor
    Vale"): the byline is body text, only printings beyond the body's count as a leak."""
    from benchmarks.families_score import SystemOutput, score_doc

    truth = DocTruth(title="Harbor Vale: Sales Update", paragraphs=["Research Desk, Harbor Vale", "Sales rose."],
                     furniture=[(1, ["Harbor Vale", "1"]), (2, ["Harbor Vale", "2"])],
                     body=["Harbor Vale: Sales Update", "Research Desk, Harbor Vale", "Sales rose."])
    md = "# Harbor Vale: Sales Update\n\nResearch Desk, Harbor Vale\n\nSales rose.\n"
    assert score_doc(truth, SystemOutput(md, [], [])).leaked == 0
    assert score_doc(truth, SystemOutput(md + "\nHarbor Vale\n", [], [])).leaked == 1
