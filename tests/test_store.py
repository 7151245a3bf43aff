"""One contract every VectorStore implementation passes (haystack style)."""

from pathlib import Path

import pytest

from assistant.ingest.store import ChromaStore, InMemoryStore, VectorStore


class StoreContract:
    def make(self, tmp_path: Path) -> VectorStore:
        raise NotImplementedError

    def test_is_a_vector_store(self, tmp_path):
        assert isinstance(self.make(tmp_path), VectorStore)

    def test_nearest_first_with_cosine(self, tmp_path):
        s = self.make(tmp_path)
        s.add(["x", "y", "z"], [[1, 0, 0], [0, 1, 0], [0.7, 0.7, 0]], [{"k": 1}, {"k": 2}, {"k": 3}])
        hits = s.query([1, 0.1, 0], k=2)
        assert [i for i, _ in hits] == ["x", "z"]
        assert hits[0][1] == pytest.approx(0.995, abs=0.01)

    def test_count_and_k_larger_than_store(self, tmp_path):
        s = self.make(tmp_path)
        assert s.count() == 0 and s.query([1, 0], k=3) == []
        s.add(["a"], [[1, 0]], [{"k": 1}])
        assert s.count() == 1 and len(s.query([1, 0], k=10)) == 1

    def test_add_is_idempotent_by_id(self, tmp_path):
        s = self.make(tmp_path)
        s.add(["a"], [[1, 0]], [{"k": 1}])
        s.add(["a"], [[0, 1]], [{"k": 2}])
        assert s.count() == 1 and s.query([0, 1], k=1)[0][1] == pytest.approx(1.0, abs=1e-4)

    def test_large_batches_are_split(self, tmp_path):
        s = self.make(tmp_path)
        n = 6000  # over Chroma's per-call limit (5,461 here)
        s.add([f"id{i}" for i in range(n)], [[1.0, i / n] for i in range(n)], [{"k": i} for i in range(n)])
        assert s.count() == n

    def test_mismatched_lengths_rejected(self, tmp_path):
        with pytest.raises(ValueError):
            self.make(tmp_path).add(["a", "b"], [[1, 0]], [{"k": 1}])


class TestInMemoryStore(StoreContract):
    def make(self, tmp_path):
        return InMemoryStore()


class TestChromaStore(StoreContract):
    def make(self, tmp_path):
        return ChromaStore.create(ChromaStore.client(path=tmp_path / "chroma"), "test")
