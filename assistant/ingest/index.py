"""Ingest: corpus → clauses → vectors (Chroma) + BM25 tokens + round facts, built atomically.

Layout under ``<data_dir>/index/``::

    CURRENT            the name of the build in use (replaced atomically)
    <build>/manifest.json, tokens.json, round.json, chroma/

A build's name starts with the hash of everything it depends on (corpus bytes, parser, lexicon,
vocabulary, embedder), so re-ingesting an unchanged corpus is a no-op, and a crash or Ctrl-C
mid-build leaves ``CURRENT`` pointing at the previous, complete build. Clause text is never read
from the data dir: the corpus is parsed at load (one ``Corpus`` per process), and the build's
files must match the hashes in its manifest.

    >>> idx, _ = ensure_index(settings, embedder)   # doctest: +SKIP
    >>> idx.corpus.clauses["notice-3-4"].section   # doctest: +SKIP
    '三、其他重点关注事项 > （四）咨询方式'
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..settings import Settings
from ..text import Lexicon
from ..vocab import VOCAB_FILE
from .corpus import Corpus
from .roundfacts import RoundFacts
from .store import ChromaStore, VectorStore

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)
INDEX_VERSION = "6"  # bump when parsing or the stored layout changes
COLLECTION_PREFIX = "clauses-"
FILES = ("tokens.json", "round.json")
Progress = Callable[[str], None]


@dataclass
class Index:
    """A loaded index: the corpus it was built from, BM25 tokens, round facts and the vector store."""

    build: str
    corpus: Corpus
    units: list[str]  # ids of retrieval units (clauses, and sentences of long clauses), BM25 order
    tokens: list[list[str]]
    store: VectorStore
    round: RoundFacts


def build_key(settings: Settings, emb_id: str, corpus_hash: str) -> str:
    h = hashlib.sha256()
    deps = (
        INDEX_VERSION,
        corpus_hash,
        settings.lexicon_file.read_text(encoding="utf-8"),
        VOCAB_FILE.read_text(encoding="utf-8"),
        emb_id,
    )
    for part in deps:
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:16]


def _current(index_dir: Path) -> str | None:
    try:
        return (index_dir / "CURRENT").read_text(encoding="utf-8").strip() or None
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _client(settings: Settings, build_dir: Path) -> Any:
    return ChromaStore.client(path=None if settings.chroma_url else build_dir / "chroma", url=settings.chroma_url)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_index(settings: Settings, build: str, corpus: Corpus) -> Index:
    """Open a complete build of ``corpus``; raises on anything missing, edited or inconsistent."""
    bdir = settings.index_dir / build
    manifest = json.loads((bdir / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("corpus") != corpus.hash:
        raise ValueError(f"index {build} was built from another corpus")
    raw = {name: (bdir / name).read_bytes() for name in FILES}
    for name, data in raw.items():
        if manifest.get("files", {}).get(name) != _sha(data):
            raise ValueError(f"index {build}: {name} does not match its manifest (edited or damaged)")
    data = json.loads(raw["tokens.json"])
    if data["units"] != [u.id for u in corpus.units()]:
        raise ValueError(f"index {build}: retrieval units differ from the corpus")
    store = ChromaStore.open(_client(settings, bdir), COLLECTION_PREFIX + build)
    if store.count() != manifest["units"]:
        raise ValueError(f"index {build}: {store.count()} vectors, manifest says {manifest['units']}")
    round_facts = RoundFacts.from_json(json.loads(raw["round.json"]))
    return Index(build=build, corpus=corpus, units=data["units"], tokens=data["tokens"], store=store, round=round_facts)


def embedder_id(emb: Embeddings) -> str:
    """Which vector space an embedder writes (indexes are only shared within one)."""
    return str(getattr(emb, "model_id", type(emb).__name__))


def current_build(settings: Settings, emb_id: str | None = None) -> str | None:
    """The build in use if it matches the corpus and embedder now and looks complete, else None.

    Cheap (hashes the corpus, reads the manifest): ``assistant ingest`` on an unchanged corpus
    needs nothing more.
    """
    from .documents import corpus_hash

    key = build_key(settings, emb_id or settings.embedder_id, corpus_hash(settings.corpus_dir))
    cur = _current(settings.index_dir)
    if not cur or cur.split("-")[0] != key:
        return None
    try:
        manifest = json.loads((settings.index_dir / cur / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return cur if manifest.get("key") == key else None


def ensure_index(
    settings: Settings,
    embedder: Embeddings,
    *,
    corpus: Corpus | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> tuple[Index, bool]:
    """The index for the current corpus, building it if needed. Returns (index, built_now)."""
    say = progress or (lambda msg: log.info(msg))
    corpus = corpus or Corpus.load(settings.corpus_dir)
    key = build_key(settings, embedder_id(embedder), corpus.hash)
    cur = _current(settings.index_dir)
    if cur and cur.split("-")[0] == key and not force:
        try:
            return load_index(settings, cur, corpus), False
        except Exception as exc:
            say(f"索引已损坏，重新构建（{type(exc).__name__}: {exc}）")
    with _lock(settings.index_dir):
        cur = _current(settings.index_dir)  # another process may have built it meanwhile
        if cur and cur.split("-")[0] == key and not force:
            with contextlib.suppress(Exception):
                return load_index(settings, cur, corpus), False
        build = _build(settings, embedder, corpus, key, say)
        return load_index(settings, build, corpus), True


def _build(settings: Settings, embedder: Embeddings, corpus: Corpus, key: str, say: Progress) -> str:
    """Build into a new directory, then point CURRENT at it. Returns the build name.

    Every attempt gets a fresh directory (``<key>-<nonce>``): Chroma caches clients by path
    within a process, so a path is never reused.
    """
    t0 = time.perf_counter()
    units = corpus.units()
    say(f"解析完成：{len(corpus.documents)} 份文件，{len(corpus.clauses)} 个条款，{len(units)} 个检索单元")
    idx_dir = settings.index_dir
    build = f"{key}-{time.time_ns():x}"
    final = idx_dir / build
    final.mkdir(parents=True)
    texts = [u.text for u in units]
    vectors: list[list[float]] = []
    batch = 16
    for i in range(0, len(texts), batch):
        vectors.extend(embedder.embed_documents(texts[i : i + batch]))
        say(f"向量化 {min(i + batch, len(texts))}/{len(texts)}")
    client = _client(settings, final)
    store = ChromaStore.create(client, COLLECTION_PREFIX + build)
    clauses = [corpus.clauses[u.clause] for u in units]
    store.add([u.id for u in units], vectors, [{"doc_id": c.doc_id, "section": c.section} for c in clauses])
    lexicon = Lexicon.load(settings.lexicon_file)
    files = {
        "tokens.json": {"units": [u.id for u in units], "tokens": [lexicon.tokenize(t) for t in texts]},
        "round.json": RoundFacts.from_corpus(corpus).to_json(),
    }
    hashes = {}
    for name, obj in files.items():
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        (final / name).write_bytes(data)
        hashes[name] = _sha(data)
    manifest = {
        "build": build,
        "key": key,
        "corpus": corpus.hash,
        "units": len(units),
        "clauses": len(corpus.clauses),
        "files": hashes,
        "embedder": embedder_id(embedder),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "version": INDEX_VERSION,
    }
    (final / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    del store, client
    pointer = idx_dir / f"CURRENT.tmp-{os.getpid()}"
    pointer.write_text(build)
    os.replace(pointer, idx_dir / "CURRENT")  # the switch: atomic
    for old in idx_dir.iterdir():  # previous builds and abandoned attempts
        if old.is_dir() and old.name != build:
            shutil.rmtree(old, ignore_errors=True)
    say(f"索引已写入 {final}（{time.perf_counter() - t0:.1f} 秒）")
    return build
