"""Retrieval chunks (issue 19 item 3): no chunk over max_tokens, every body word in exactly one
chunk, heading paths, table header rows repeated in each piece of a split table, exact token
counts for a real tokenizer, ``--format chunks``. Generated reports plus long corpus documents."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import docparse
from docparse.chunking import Chunk, ChunkOptions, chunk_document, make_counter
from docparse.chunking.blocks import split_sentences
from docparse.chunking.coverage import coverage
from docparse.cli import main
from docparse.document import Document
from tests.conftest import corpus_path

WORDS = ("data model table system report figure value method sample region policy budget county "
         "revenue growth measure output result energy water school health").split()


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def make_report(path: Path, seed: int = 3) -> dict[str, list[str]]:
    """A report: title, sections with subsections, long paragraphs, a list and a long table with
    a header row. Returns the expected section path of some sentences."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rng = random.Random(seed)
    styles = getSampleStyleSheet()
    title = ParagraphStyle("BigTitle", parent=styles["Title"], fontSize=26, leading=32)
    story: list[object] = [Paragraph("Annual Water Report", title),
                           Paragraph(_sentence(rng, 30), styles["BodyText"])]
    expected: dict[str, list[str]] = {}
    for s in range(1, 4):
        story.append(Paragraph(f"{s} Section number {s}", styles["Heading1"]))
        for sub in range(1, 3):
            head = f"{s}.{sub} Topic {s} part {sub}"
            story.append(Paragraph(head, styles["Heading2"]))
            for _ in range(2):
                text = " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(4, 8)))
                story.append(Paragraph(text, styles["BodyText"]))
            marker = f"Marker{s}x{sub} closes this part."
            story.append(Paragraph(marker, styles["BodyText"]))
            expected[f"Marker{s}x{sub}"] = ["Annual Water Report", f"{s} Section number {s}", head]
        if s == 2:
            items = [Paragraph(_sentence(rng, 10), styles["BodyText"]) for _ in range(5)]
            story.append(ListFlowable(items, bulletType="bullet"))
            rows = [["County", "Revenue", "Growth", "Staff"]]
            rows += [[f"County {i}", f"{1000 + 37 * i:,}", f"{(i % 7) - 3}.{i % 10}", str(10 + i)] for i in range(60)]
            table = Table(rows, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]))
            story += [Spacer(1, 8), Paragraph("Table 1. Revenue by county", styles["BodyText"]), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return expected


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, dict[str, list[str]]]:
    path = tmp_path_factory.mktemp("chunks") / "report.pdf"
    expected = make_report(path)
    return docparse.parse(path), expected


def _check(document: Document, chunks: list[Chunk], max_tokens: int, count=len) -> None:
    assert chunks, "no chunks"
    for chunk in chunks:
        assert chunk.tokens <= max_tokens, (chunk.tokens, chunk.text[:200])
        assert chunk.tokens == count(chunk.text)
        assert chunk.pages and chunk.regions and chunk.region_ids
        assert set(chunk.pages) == {r.page for r in chunk.regions}
    cov = coverage(document, chunks)
    assert cov.missing == 0 and cov.extra == 0, cov
    assert [c.index for c in chunks] == list(range(len(chunks)))


@pytest.mark.parametrize("max_tokens", [40, 120, 400])
def test_generated_report_chunks_keep_limits_and_cover_every_word_once(report, max_tokens: int) -> None:
    document, _ = report
    chunks = document.chunks(max_tokens=max_tokens)
    _check(document, chunks, max_tokens, count=lambda t: len(t.split()))


def test_heading_paths_of_generated_report(report) -> None:
    document, expected = report
    for max_tokens in (60, 300):
        chunks = document.chunks(max_tokens=max_tokens)
        for marker, path in expected.items():
            holding = [c for c in chunks if marker in c.text]
            assert len(holding) == 1, marker
            assert holding[0].headings == path, (marker, holding[0].headings)


def test_sentences_and_rows_are_not_cut(report) -> None:
    document, _ = report
    chunks = document.chunks(max_tokens=50)
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            if line.startswith("|"):
                assert line.rstrip().endswith("|"), line  # a whole table row
    sentences = {s for r in document.regions() if r.kind.value == "paragraph" for s in split_sentences(r.text)}
    texts = [c.text for c in chunks]
    for sentence in sentences:
        if len(sentence.split()) < 40:
            assert any(sentence in t for t in texts), sentence


def test_split_table_repeats_its_header_row(report) -> None:
    document, _ = report
    chunks = document.chunks(max_tokens=120)
    pieces = [c for c in chunks if "| County 3" in c.text or "| County 5" in c.text or "| County 59 " in c.text]
    table_chunks = [c for c in chunks if any(r.kind == "table" for r in c.regions)]
    assert len(table_chunks) >= 3
    for chunk in table_chunks:
        lines = [line for line in chunk.text.split("\n") if line.startswith("|")]
        assert "County" in lines[0] and "Revenue" in lines[0] and "Growth" in lines[0], lines[0]
    assert all(c.repeated for c in table_chunks[1:]) and pieces


def test_tokens_exact_for_a_local_tokenizer_json(report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokenizers = pytest.importorskip("tokenizers")
    from tokenizers import models, pre_tokenizers, trainers

    tok = tokenizers.Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator([" ".join(WORDS)] * 5, trainers.WordPieceTrainer(vocab_size=200, special_tokens=["[UNK]"]))
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    document, _ = report
    chunks = document.chunks(max_tokens=100, tokenizer=str(tmp_path))  # a folder holding tokenizer.json
    counter = make_counter(str(path))
    _check(document, chunks, 100, count=counter.count)
    assert max(c.tokens for c in chunks) > 60
    assert document.chunks(max_tokens=100, tokenizer=tok)[0].tokens == chunks[0].tokens  # the object itself
    # a Hugging Face name found in the local cache (the hub's layout), read without transformers
    hub_constants = pytest.importorskip("huggingface_hub.constants")
    snapshot = tmp_path / "hub" / "models--acme--words-tok" / "snapshots" / "abc123"
    snapshot.mkdir(parents=True)
    tok.save(str(snapshot / "tokenizer.json"))
    (tmp_path / "hub" / "models--acme--words-tok" / "refs").mkdir()
    (tmp_path / "hub" / "models--acme--words-tok" / "refs" / "main").write_text("abc123")
    monkeypatch.setattr(hub_constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    assert [c.tokens for c in document.chunks(max_tokens=100, tokenizer="acme/words-tok")] == [c.tokens for c in chunks]


def test_tokens_exact_for_a_transformers_tokenizer(report, tmp_path: Path) -> None:
    tokenizers = pytest.importorskip("tokenizers")
    transformers = pytest.importorskip("transformers")
    from tokenizers import models, pre_tokenizers, trainers

    tok = tokenizers.Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator([" ".join(WORDS)] * 5, trainers.WordPieceTrainer(vocab_size=200, special_tokens=["[UNK]"]))
    fast = transformers.PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]")
    document, _ = report
    chunks = document.chunks(max_tokens=100, tokenizer=fast)
    _check(document, chunks, 100, count=lambda t: len(fast.encode(t, add_special_tokens=False)))
    assert [c.tokens for c in chunks] == [c.tokens for c in document.chunks(max_tokens=100, tokenizer=tok)]


def test_callable_tokenizer_and_unknown_name_offline(report) -> None:
    document, _ = report
    chunks = chunk_document(document, ChunkOptions(max_tokens=300), tokenizer=lambda t: list(t))  # characters
    _check(document, chunks, 300, count=len)
    with pytest.raises(docparse.UsageError, match="offline"):
        document.chunks(tokenizer="no-such-org/no-such-tokenizer-xyz")


def test_cli_format_chunks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "r.pdf"
    make_report(pdf, seed=5)
    assert main([str(pdf), "--format", "chunks", "--max-tokens", "80", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    chunks = [Chunk.model_validate(json.loads(line)) for line in lines]
    assert chunks and all(c.tokens <= 80 for c in chunks) and chunks[0].source.endswith("r.pdf")
    assert main([str(pdf), "-o", str(tmp_path / "out"), "--format", "chunks,md", "--max-tokens", "80", "-q", "-j", "1"]) == 0
    written = (tmp_path / "out" / "r.chunks.jsonl").read_text().splitlines()
    assert len(written) == len(lines)


def test_split_sentences_keeps_abbreviations() -> None:
    text = "See Fig. 3 for the data, e.g. the totals. Dr. Smith agreed. J. R. Doe (2020) wrote it! Next one."
    assert split_sentences(text) == ["See Fig. 3 for the data, e.g. the totals.", "Dr. Smith agreed.",
                                     "J. R. Doe (2020) wrote it!", "Next one."]


@pytest.mark.corpus
@pytest.mark.parametrize("parts", [
    ("text", "docling", "tests", "data", "pdf", "sources", "redp5110_sampled.pdf"),
    ("tables", "icdar2013-us", "tests", "files", "tabula", "icdar2013-dataset", "competition-dataset-us", "us-018.pdf"),
])
def test_long_corpus_documents(parts: tuple[str, ...]) -> None:
    document = docparse.parse(corpus_path(*parts))
    for max_tokens in (64, 512):
        chunks = document.chunks(max_tokens=max_tokens)
        _check(document, chunks, max_tokens, count=lambda t: len(t.split()))
        _check_heading_paths(document, chunks)


def _check_heading_paths(document: Document, chunks: list[Chunk]) -> None:
    """Each chunk's last heading is the last heading read before its first non-heading region."""
    from docparse.chunking.blocks import ordered_body

    body = ordered_body(document)
    position = {r.id: n for n, r in enumerate(body)}
    headings = [(n, " ".join(r.text.split())) for n, r in enumerate(body) if r.kind.value in ("title", "heading")]
    checked = 0
    for chunk in chunks:
        first = next((r for r in chunk.regions if r.kind not in ("title", "heading") and r.id in position), None)
        if first is None:
            continue
        before = [text for n, text in headings if n < position[first.id]]
        assert (chunk.headings[-1] if chunk.headings else None) == (before[-1] if before else None), chunk.index
        checked += 1
    assert checked
