"""LangChain and LlamaIndex loaders (issue 19 item 4), run against the real langchain-core and
llama-index-core packages on a generated report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_chunking import make_report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("loaders") / "report.pdf"
    make_report(path, seed=11)
    return path


def test_langchain_loader_chunks_and_pages(report: Path) -> None:
    pytest.importorskip("langchain_core")
    from langchain_core.documents import Document

    from docparse.integrations.langchain import DocparseLoader, LoadMode

    docs = DocparseLoader(report, max_tokens=120).load()
    assert docs and all(isinstance(d, Document) for d in docs)
    assert all(len(d.page_content.split()) <= 120 for d in docs)
    meta = docs[-1].metadata
    assert meta["source"] == str(report) and meta["pages"] and meta["region_ids"] and meta["boxes"]
    assert meta["boxes"][0]["page"] in meta["pages"] and len(meta["boxes"][0]["bbox"]) == 4
    marked = next(d for d in docs if "Marker2x1" in d.page_content)
    assert marked.metadata["heading_path"] == "Annual Water Report > 2 Section number 2 > 2.1 Topic 2 part 1"

    pages = list(DocparseLoader(report, mode=LoadMode.PAGES).lazy_load())
    assert [d.metadata["page"] for d in pages] == list(range(1, len(pages) + 1)) and len(pages) >= 2
    assert "Annual Water Report" in pages[0].page_content


def test_llamaindex_reader_with_an_index_splitter(report: Path) -> None:
    pytest.importorskip("llama_index.core")
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.schema import Document, MetadataMode

    from docparse.integrations.llamaindex import DocparseReader, LoadMode

    docs = DocparseReader(max_tokens=200).load_data(report, extra_info={"collection": "water"})
    assert docs and all(isinstance(d, Document) for d in docs)
    assert all(d.metadata["collection"] == "water" and d.metadata["pages"] for d in docs)
    embedded = docs[0].get_content(metadata_mode=MetadataMode.EMBED)
    assert "region_ids" not in embedded and "boxes" not in embedded and "heading_path" in embedded
    nodes = SentenceSplitter(chunk_size=1024).get_nodes_from_documents(docs)
    assert len(nodes) == len(docs)  # our chunks already fit: the index keeps them whole

    whole = DocparseReader(mode=LoadMode.DOCUMENT).load_data(file_path=[report])
    assert len(whole) == 1 and whole[0].metadata["page_count"] >= 2 and "Marker3x2" in whole[0].text
