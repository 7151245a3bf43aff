"""Ingest: content-hash no-op, atomic builds, damaged indexes rebuilt (fake embedder, real Chroma)."""

import shutil

import pytest

from assistant.ingest.index import ensure_index


def test_reingest_unchanged_corpus_is_a_noop(tmp_settings, hash_embedder):
    idx, built = ensure_index(tmp_settings, hash_embedder)
    assert built and len(idx.units) > 40 and idx.store.count() == len(idx.units)
    again, built2 = ensure_index(tmp_settings, hash_embedder)
    assert not built2 and again.build == idx.build


def test_changed_corpus_rebuilds(tmp_settings, hash_embedder, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(tmp_settings.corpus_dir, corpus)
    from dataclasses import replace

    s = replace(tmp_settings, corpus_dir=corpus)
    first, _ = ensure_index(s, hash_embedder)
    (corpus / "faq.txt").write_text("常见问题\n一、缴费\n（一）缴费方式。网上缴费。\n", encoding="utf-8")
    (corpus / "faq.yaml").write_text("id: faq\ntitle: 常见问题\nyear: 2024\n", encoding="utf-8")
    second, built = ensure_index(s, hash_embedder)
    assert built and second.build != first.build and "faq-1-1" in second.corpus.clauses


def test_crash_mid_build_keeps_previous_index(tmp_settings, hash_embedder, tmp_path):
    from dataclasses import replace

    idx, _ = ensure_index(tmp_settings, hash_embedder)

    class Exploding(type(hash_embedder)):  # type: ignore[misc]
        model_id = "exploding"

        def embed_documents(self, texts):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ensure_index(tmp_settings, Exploding())
    assert (tmp_settings.index_dir / "CURRENT").read_text() == idx.build
    reopened, built = ensure_index(replace(tmp_settings), hash_embedder)
    assert not built and reopened.store.count() == len(idx.units)


@pytest.mark.parametrize("damage", ["delete_dir", "corrupt_json", "edited_json", "bad_pointer", "binary_pointer"])
def test_damaged_index_is_rebuilt_not_a_crash(tmp_settings, hash_embedder, damage):
    idx, _ = ensure_index(tmp_settings, hash_embedder)
    bdir = tmp_settings.index_dir / idx.build
    if damage == "delete_dir":
        shutil.rmtree(bdir)
    elif damage == "corrupt_json":
        (bdir / "tokens.json").write_text("{not json", encoding="utf-8")
    elif damage == "edited_json":  # valid JSON, a phone number changed: never served
        path = bdir / "round.json"
        path.write_text(path.read_text(encoding="utf-8").replace("88828948", "88820000"), encoding="utf-8")
    elif damage == "bad_pointer":
        (tmp_settings.index_dir / "CURRENT").write_text("nonexistent")
    else:
        (tmp_settings.index_dir / "CURRENT").write_bytes(b"\xff\xfe\x00garbage")
    again, built = ensure_index(tmp_settings, hash_embedder)
    assert built and again.store.count() == len(idx.units)
    assert again.round.helplines == ["010—88828948", "010—88827905"]
