"""Loaders for retrieval frameworks: :mod:`docparse.integrations.langchain` (``DocparseLoader``,
extra ``langchain``) and :mod:`docparse.integrations.llamaindex` (``DocparseReader``, extra
``llamaindex``). Both yield one record per chunk (default), per page or per document, with the
same metadata (:mod:`docparse.integrations.records`)."""
