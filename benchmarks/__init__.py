"""docparse benchmarks: ``python -m benchmarks [SUITE ...]`` prints accuracy and speed side by side
with PyMuPDF's built-in ``pymupdf4llm.to_markdown`` on the same files in the same run."""
