"""Ingest: corpus → clauses → vectors (Chroma) + BM25 tokens + round facts, built atomically.

Layout under ``<data_dir>/index/``::

    CURRENT            the name of the build in use (replaced atomically)
    <build>/manifest.json, tokens.json, round.json, chroma/

A build's name starts with the hash of everything it depends on (corpus bytes, parser, lexicon,
vocabulary, embedder), so re-ingesting an unchanged corpus is a no-op, and a crash or Ctrl-C
mid-build leaves ``CURRENT`` pointing at the previous, complete build. Clause text is never read
from the data dir: the corpus is parsed at load (one ``Corpus`` per process), the build's files
must match the hashes in its manifest, and the round facts (helplines, window) must equal those
computed from the corpus again; anything else is rebuilt, never served.

A read-only data dir still answers: a complete build is opened from a temporary copy of its
vectors (Chroma writes even to read). Building there fails with ``BuildError``, which says why.
Dense retrieval embeds the first ``MAX_EMBED_CHARS`` characters of a unit (BM25 sees all of it),
so one huge clause cannot stall ingest; progress is reported about once a second.

    >>> idx, _ = ensure_index(settings, embedder)   # doctest: +SKIP
    >>> idx.corpus.clauses["notice-3-4"].section   # doctest: +SKIP
    '三、其他重点关注事项 > （四）咨询方式'
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import messages as M
from ..settings import Settings
from ..text import Lexicon
from ..vocab import VOCAB_FILE
from .corpus import Corpus
from .roundfacts import RoundFacts
from .store import ChromaStore, VectorStore

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)
INDEX_VERSION = "7"  # bump when parsing, what is embedded or the stored layout changes
COLLECTION_PREFIX = "clauses-"
FILES = ("tokens.json", "round.json")
MAX_EMBED_CHARS = 2000  # of a unit's text, for its vector (the question limit; e5 reads 512 tokens)
EMBED_BATCH = 16
PROGRESS_EVERY = 1.0  # seconds between progress lines while embedding
Progress = Callable[[str], None]


class BuildError(RuntimeError):
    """The index cannot be built (the data dir is not writable, the disk is full…); says why."""


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
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        fh = open(index_dir / ".lock", "w")  # noqa: SIM115 -- closed below
    except OSError as exc:
        raise BuildError(
            f"cannot build the index: {index_dir} is not writable ({exc.strerror}); "
            "run `assistant ingest` with a writable ASSISTANT_DATA_DIR"
        ) from None
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _client(settings: Settings, build_dir: Path) -> Any:
    return ChromaStore.client(path=None if settings.chroma_url else build_dir / "chroma", url=settings.chroma_url)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dump(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _readable_copy(chroma_dir: Path) -> Path:
    """``chroma_dir`` if this process may write there; else a temporary copy (removed at exit)."""
    if os.access(chroma_dir, os.W_OK) and os.access(chroma_dir / "chroma.sqlite3", os.W_OK):
        return chroma_dir
    tmp = Path(tempfile.mkdtemp(prefix="assistant-index-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    copy = Path(shutil.copytree(chroma_dir, tmp / "chroma"))
    for p in [copy, *copy.rglob("*")]:  # read-only modes are copied too; the copy must be writable
        p.chmod(p.stat().st_mode | 0o700 if p.is_dir() else p.stat().st_mode | 0o600)
    log.info("%s is read-only: vectors opened from a copy in %s", chroma_dir, tmp)
    return copy


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
    round_facts = RoundFacts.from_corpus(corpus)  # cheap: the facts served are the corpus's, always
    if raw["round.json"] != _dump(round_facts.to_json()):
        raise ValueError(f"index {build}: round.json differs from the round facts of the corpus")
    if settings.chroma_url:
        client = _client(settings, bdir)
    else:
        client = ChromaStore.client(path=_readable_copy(bdir / "chroma"))
    store = ChromaStore.open(client, COLLECTION_PREFIX + build)
    if store.count() != manifest["units"]:
        raise ValueError(f"index {build}: {store.count()} vectors, manifest says {manifest['units']}")
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
    """The index for the current corpus, building it if needed. Returns (index, built_now).

    Raises ``BuildError`` when it must build and cannot (a read-only data dir), ``CorpusError``
    when the corpus cannot be read.
    """
    say = progress or (lambda msg: log.info(msg))
    corpus = corpus or Corpus.load(settings.corpus_dir, settings.max_document_bytes)
    key = build_key(settings, embedder_id(embedder), corpus.hash)
    cur = _current(settings.index_dir)
    if cur and cur.split("-")[0] == key and not force:
        try:
            return load_index(settings, cur, corpus), False
        except Exception as exc:
            say(M.INGEST_DAMAGED.format(why=f"{type(exc).__name__}: {exc}"))
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
    say(M.INGEST_PARSED.format(docs=len(corpus.documents), clauses=len(corpus.clauses), units=len(units)))
    idx_dir = settings.index_dir
    build = f"{key}-{time.time_ns():x}"
    final = idx_dir / build
    final.mkdir(parents=True)
    texts = [u.text for u in units]
    vectors = _embed(embedder, [t[:MAX_EMBED_CHARS] for t in texts], say)
    say(M.INGEST_STORING.format(units=len(units)))
    client = _client(settings, final)
    store = ChromaStore.create(client, COLLECTION_PREFIX + build)
    clauses = [corpus.clauses[u.clause] for u in units]
    store.add([u.id for u in units], vectors, [{"doc_id": c.doc_id, "section": c.section} for c in clauses])
    say(M.INGEST_TOKENIZING.format(units=len(units)))
    lexicon = Lexicon.load(settings.lexicon_file)
    files = {
        "tokens.json": {"units": [u.id for u in units], "tokens": [lexicon.tokenize(t) for t in texts]},
        "round.json": RoundFacts.from_corpus(corpus).to_json(),
    }
    hashes = {}
    for name, obj in files.items():
        data = _dump(obj)
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
    say(M.INGEST_WRITTEN.format(path=final, seconds=time.perf_counter() - t0))
    return build


def _embed(embedder: Embeddings, texts: list[str], say: Progress) -> list[list[float]]:
    """Vectors for ``texts`` in batches, saying how far it got about once a second (and at the end)."""
    vectors: list[list[float]] = []
    last = time.perf_counter()
    for i in range(0, len(texts), EMBED_BATCH):
        vectors.extend(embedder.embed_documents(texts[i : i + EMBED_BATCH]))
        done = min(i + EMBED_BATCH, len(texts))
        if done == len(texts) or time.perf_counter() - last >= PROGRESS_EVERY:
            say(M.INGEST_EMBEDDING.format(done=done, total=len(texts), percent=100 * done // len(texts)))
            last = time.perf_counter()
    return vectors
