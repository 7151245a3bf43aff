"""Shared fixtures. The network is blocked for every test: only loopback may be reached."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import socket
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant.settings import PROJECT_CORPUS, Settings

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if (
            isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1"))
        ) or self.family == socket.AF_UNIX:
            return real_connect(self, address)  # type: ignore[arg-type]
        raise OSError(f"tests may not reach the network ({address!r})")

    monkeypatch.setattr(socket.socket, "connect", guarded)


class HashEmbedder(Embeddings):
    """A fake embedder for unit tests: bag of CJK bigrams hashed into 64 dimensions."""

    model_id = "hash-test"

    def _vec(self, text: str) -> list[float]:
        v = [0.0] * 64
        for i in range(len(text) - 1):
            v[int(hashlib.md5(text[i : i + 2].encode()).hexdigest(), 16) % 64] += 1.0
        n = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / n for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=PROJECT_CORPUS, today_override=TODAY)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("e2e-data"), corpus_dir=PROJECT_CORPUS, today_override=TODAY)


@pytest.fixture(scope="session")
def bot(real_settings: Settings):
    from assistant.pipeline import Assistant

    return Assistant.load(real_settings)


def subset(expected: object, actual: object) -> bool:
    """``expected`` is in ``actual``: dict keys with equal values, lists item by item, else equal."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and subset(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(subset, expected, actual))
    return bool(expected == actual)
