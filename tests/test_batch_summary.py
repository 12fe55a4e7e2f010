"""JSON summaries: schema, language by stopwords, document type by cues, keywords, extractive
sentence choice, and the abstractive path through an OpenAI-compatible server (with fallback)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import pydantic
import pytest

import docparse
from docparse.document import Document
from docparse.renderers.summary import (
    ChatCompletionsSummarizer,
    DocumentSummary,
    DocumentType,
    detect_language,
    summarize_document,
    tokenize,
)
from tests.test_batch_support import prose_pdf, table_pdf

EN = ("The committee reviewed the annual budget of the water utility. Spending on pipe renewal rose "
      "because the network is old and leaks are frequent. The utility plans to replace forty kilometres "
      "of pipe over the next three years. Customers will see a small increase in their water bills. "
      "The report recommends that the utility publish leak statistics every quarter.")
DE = ("Der Ausschuss hat den Haushalt der Wasserversorgung geprüft. Die Ausgaben für die Erneuerung der "
      "Leitungen sind gestiegen, weil das Netz alt ist und es häufig Lecks gibt. Die Stadtwerke wollen in den "
      "nächsten drei Jahren vierzig Kilometer Leitungen ersetzen.")
FR = ("Le comité a examiné le budget annuel du service des eaux. Les dépenses pour le renouvellement des "
      "conduites ont augmenté car le réseau est ancien et les fuites sont fréquentes. Le service prévoit de "
      "remplacer quarante kilomètres de conduites dans les trois prochaines années.")


def parse_text(paragraphs: list[str], title: str | None = None, landscape: bool = False) -> Document:
    return docparse.parse(prose_pdf(paragraphs, title=title, landscape=landscape))


@pytest.mark.parametrize("text,lang", [(EN, "en"), (DE, "de"), (FR, "fr"), ("12 34 56", None)])
def test_language_by_stopword_profiles(text: str, lang: str | None) -> None:
    assert detect_language(tokenize(text)) == lang


def test_report_summary_is_valid_and_extractive() -> None:
    document = parse_text([EN, EN.replace("water", "gas")], title="Water utility budget review")
    summary = summarize_document(document)
    DocumentSummary.model_validate_json(summary.to_json())  # round-trips through the schema
    assert summary.title == "Water utility budget review"
    assert summary.language == "en" and summary.method == "extractive"
    assert 1 <= len(summary.keywords) <= 5 and "utility" in summary.keywords
    assert summary.summary and all(s.strip() in EN.replace("water", "gas") + " " + EN
                                   for s in summary.summary.split(". ") if s.strip())
    assert len(summary.summary) <= 700
    with pytest.raises(pydantic.ValidationError):
        DocumentSummary.model_validate({**summary.model_dump(), "keywords": ["a", "b", "c", "d", "e", "f"]})


@pytest.mark.parametrize("paragraphs,title,landscape,kind", [
    (["Invoice number: 2024-117. Bill to: ACME Corp. Amount due: 1,250.00 EUR. Due date: 30 June 2024. "
      "Payment terms: 30 days. Subtotal 1,000.00, VAT 250.00."], "INVOICE", False, DocumentType.INVOICE),
    (["Abstract", "We propose a method for table recognition and evaluate it on two benchmarks, following "
      "Smith et al. [3, 4].", "1. Introduction", "Tables are everywhere [1].", "References",
      "[1] A. Author. Tables. In Proceedings of ICDAR, 2019."], "Table recognition with grids", False,
     DocumentType.PAPER),
    (["Name: ______________ Date of birth: ______________", "Signature: ______________",
      "Please complete all fields in block capitals."], "Application form 7B", False, DocumentType.FORM),
    (["Growth in all regions"], "Q3 results", True, DocumentType.SLIDE_DECK),
    (["Dear Ms Jones,", "thank you for your letter of 3 May about the repairs to the roof.",
      "Yours sincerely,", "Tom Baker"], None, False, DocumentType.LETTER),
])
def test_document_type_from_cues(paragraphs: list[str], title: str | None, landscape: bool,
                                 kind: DocumentType) -> None:
    assert summarize_document(parse_text(paragraphs, title, landscape)).document_type is kind


def test_counts_tables() -> None:
    summary = docparse.summarize(docparse.parse(table_pdf()))
    assert summary.table_count == 1 and summary.page_count == 1


class _FakeLlm(http.server.BaseHTTPRequestHandler):
    prompts: list[str] = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _FakeLlm.prompts.append(body["messages"][0]["content"])
        answer = json.dumps({"choices": [{"message": {"role": "assistant",
                                                      "content": "  A budget review of a water utility.  "}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def llm_url() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _FakeLlm)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_abstractive_summary_through_chat_completions(llm_url: str) -> None:
    document = parse_text([EN], title="Water utility budget review")
    summary = summarize_document(document, ChatCompletionsSummarizer(server_url=llm_url))
    assert summary.method == "abstractive" and summary.summary == "A budget review of a water utility."
    prompt = _FakeLlm.prompts[-1]
    assert "Water utility budget review" in prompt and "forty kilometres" in prompt and "(en)" in prompt


def test_abstractive_falls_back_to_extractive_when_the_server_is_down() -> None:
    document = parse_text([EN], title="Water utility budget review")
    summary = summarize_document(document, ChatCompletionsSummarizer(server_url="http://127.0.0.1:9", timeout_s=2))
    assert summary.method == "extractive" and summary.summary
