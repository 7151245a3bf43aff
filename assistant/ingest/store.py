"""Vector stores: one small ``Protocol``, an embedded/server Chroma store and an in-memory one.

Every implementation passes the same contract tests (``tests/test_store.py``).

    >>> s = InMemoryStore()
    >>> s.add(["a", "b"], [[1.0, 0.0], [0.0, 1.0]], [{"n": 1}, {"n": 2}])
    >>> s.query([0.9, 0.1], k=1)
    [('a', 0.99...)]
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

Metadata = dict[str, str | int | float | bool]


@runtime_checkable
class VectorStore(Protocol):
    """Stores clause vectors by id; ``query`` returns (id, cosine similarity), best first."""

    def add(self, ids: Sequence[str], vectors: Sequence[Sequence[float]], metadatas: Sequence[Metadata]) -> None: ...

    def query(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]: ...

    def count(self) -> int: ...


class InMemoryStore:
    """Exact cosine search over a list; for tests and tiny corpora."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[list[float], Metadata]] = {}

    def add(self, ids: Sequence[str], vectors: Sequence[Sequence[float]], metadatas: Sequence[Metadata]) -> None:
        if not len(ids) == len(vectors) == len(metadatas):
            raise ValueError("ids, vectors and metadatas must have the same length")
        for i, v, m in zip(ids, vectors, metadatas, strict=True):
            self._rows[i] = (list(v), dict(m))

    def query(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        qn = math.sqrt(sum(x * x for x in vector)) or 1.0
        scored = []
        for i, (v, _) in self._rows.items():
            vn = math.sqrt(sum(x * x for x in v)) or 1.0
            scored.append((i, sum(a * b for a, b in zip(vector, v, strict=True)) / (qn * vn)))
        scored.sort(key=lambda t: -t[1])
        return scored[:k]

    def count(self) -> int:
        return len(self._rows)


class ChromaStore:
    """A Chroma collection (cosine space), embedded on disk or on a Chroma server."""

    def __init__(self, collection: Any) -> None:
        self._col = collection

    @staticmethod
    def client(path: Path | None = None, url: str = "") -> Any:
        """An embedded ``PersistentClient`` at ``path``, or an ``HttpClient`` for ``url``."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        cs = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if url:
            from urllib.parse import urlparse

            u = urlparse(url)
            return chromadb.HttpClient(
                host=u.hostname or "127.0.0.1", port=u.port or 8000, ssl=u.scheme == "https", settings=cs
            )
        if path is None:
            raise ValueError("an embedded Chroma store needs a path")
        return chromadb.PersistentClient(path=str(path), settings=cs)

    @classmethod
    def create(cls, client: Any, name: str) -> ChromaStore:
        with contextlib.suppress(Exception):
            client.delete_collection(name)
        return cls(client.create_collection(name, metadata={"hnsw:space": "cosine"}))

    @classmethod
    def open(cls, client: Any, name: str) -> ChromaStore:
        return cls(client.get_collection(name))

    def add(self, ids: Sequence[str], vectors: Sequence[Sequence[float]], metadatas: Sequence[Metadata]) -> None:
        if not len(ids) == len(vectors) == len(metadatas):
            raise ValueError("ids, vectors and metadatas must have the same length")
        step = self._batch_size()
        for i in range(0, len(ids), step):  # Chroma rejects a batch over its limit (~5,000)
            self._col.upsert(
                ids=list(ids[i : i + step]),
                embeddings=[list(v) for v in vectors[i : i + step]],
                metadatas=list(metadatas[i : i + step]),
            )

    def _batch_size(self) -> int:
        try:
            return max(1, int(self._col._client.get_max_batch_size()))
        except Exception:  # older clients: a size every Chroma accepts
            return 1000

    def query(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        n = min(k, self.count())
        if n <= 0:
            return []
        res = self._col.query(query_embeddings=[list(vector)], n_results=n, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def count(self) -> int:
        return int(self._col.count())
