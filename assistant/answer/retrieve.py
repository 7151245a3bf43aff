"""Retrieval: dense (vector store), BM25 over jieba tokens, and their reciprocal-rank fusion,
each a LangChain ``BaseRetriever`` so the chain is ordinary LangChain.

    >>> collapse([("n-1#2", 0.9), ("n-1", 0.7)])
    [('n-1', 0.9)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from ..ingest.clauses import Clause
from ..ingest.corpus import clause_of
from ..ingest.index import Index
from ..text import Lexicon
from .fusion import RRF_K, rrf_fuse


def collapse(ranked: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """Unit hits as clause hits: a sentence stands for its clause, which keeps its best rank.

    >>> collapse([("n-1#2", 0.9), ("s-3", 0.8), ("n-1", 0.7)])
    [('n-1', 0.9), ('s-3', 0.8)]
    """
    seen: dict[str, float] = {}
    for unit, score in ranked:
        seen.setdefault(clause_of(unit), score)
    return list(seen.items())


def to_document(rec: Clause, **scores: float) -> LCDocument:
    return LCDocument(
        page_content=rec.full_text,
        id=rec.id,
        metadata={"id": rec.id, "section": rec.section, "source": rec.doc_title, **scores},
    )


class DenseRetriever(BaseRetriever):
    """Nearest clauses by embedding (cosine), from the index's vector store."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    index: Index
    embedder: Embeddings
    k: int = 8

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        hits = collapse(self.index.store.query(self.embedder.embed_query(query), 2 * self.k))[: self.k]
        return [to_document(self.index.corpus.clauses[i], dense=s) for i, s in hits if i in self.index.corpus.clauses]


class BM25Retriever(BaseRetriever):
    """Okapi BM25 over jieba words and CJK bigrams of each clause's heading path and text."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    index: Index
    lexicon: Lexicon
    k: int = 8
    _bm25: Any = PrivateAttr(default=None)
    _postings: dict[str, tuple[Any, Any]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any) -> None:
        import numpy as np
        from rank_bm25 import BM25Okapi

        bm25 = self._bm25 = BM25Okapi(self.index.tokens)
        # rank_bm25 scores a query token against every unit in Python (~0.1 s per question at 10,000 units);
        # the same sums over each token's postings only (the units that hold it) give the same scores
        units: dict[str, tuple[list[int], list[float]]] = {}
        norm = bm25.k1 * (1 - bm25.b + bm25.b * np.asarray(bm25.doc_len) / bm25.avgdl)
        for n, freqs in enumerate(bm25.doc_freqs):
            for token, tf in freqs.items():
                ids, weights = units.setdefault(token, ([], []))
                ids.append(n)
                weights.append(tf * (bm25.k1 + 1) / (tf + norm[n]))
        self._postings = {t: (np.asarray(i), np.asarray(w)) for t, (i, w) in units.items()}

    def scores(self, query: str) -> list[tuple[str, float]]:
        import numpy as np

        raw = np.zeros(len(self.index.units))
        for token in self.lexicon.tokenize(query):  # a repeated token counts again, as in rank_bm25
            if token in self._postings:
                ids, weights = self._postings[token]
                raw[ids] += self._bm25.idf.get(token, 0.0) * weights
        ranked = sorted(zip(self.index.units, raw, strict=True), key=lambda t: -t[1])
        return collapse([(i, float(s)) for i, s in ranked if s > 0])[: self.k]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [to_document(self.index.corpus.clauses[i], bm25=s) for i, s in self.scores(query)]


class HybridRetriever(BaseRetriever):
    """Dense + BM25, fused by reciprocal rank; metadata carries every score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    dense: DenseRetriever
    bm25: BM25Retriever
    k: int = 5
    rrf_k: int = RRF_K

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        cb = run_manager.get_child()
        dense_docs = self.dense.invoke(query, config={"callbacks": cb})
        bm25_docs = self.bm25.invoke(query, config={"callbacks": cb})
        meta: dict[str, dict[str, float]] = {}
        for d in dense_docs + bm25_docs:
            meta.setdefault(d.metadata["id"], {}).update(
                {k: v for k, v in d.metadata.items() if k in ("dense", "bm25")}
            )
        fused = rrf_fuse([[d.metadata["id"] for d in dense_docs], [d.metadata["id"] for d in bm25_docs]], self.rrf_k)
        clauses = self.dense.index.corpus.clauses
        return [
            to_document(clauses[i], score=s, rank=float(r), **meta[i])
            for r, (i, s) in enumerate(fused[: self.k], start=1)
        ]


def make_retriever(index: Index, embedder: Embeddings, lexicon: Lexicon, k: int = 5) -> HybridRetriever:
    depth = max(8, 2 * k)
    dense = DenseRetriever(index=index, embedder=embedder, k=depth)
    return HybridRetriever(dense=dense, bm25=BM25Retriever(index=index, lexicon=lexicon, k=depth), k=k)
