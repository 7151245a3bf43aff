"""Ingest: documents → clauses (one ``Clause`` type) → vectors + BM25 tokens + round facts (the index)."""
