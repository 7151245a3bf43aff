"""Ingest: corpus → clauses → vectors (Chroma) + BM25 tokens, built atomically, keyed by content hash.

Layout under ``<data_dir>/index/``::

    CURRENT            the name of the build in use (replaced atomically)
    <build>/manifest.json, clauses.json, chroma/

A build's name is the hash of everything it depends on (corpus bytes, parser, lexicon,
embedder), so re-ingesting an unchanged corpus is a no-op, and a crash or Ctrl-C mid-build
leaves ``CURRENT`` pointing at the previous, complete build.

    >>> idx = ensure_index(settings, embedder)   # doctest: +SKIP
    >>> idx.clauses["notice-3-4"].section        # doctest: +SKIP
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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .clauses import clause_full_text, parse_clauses
from .corpus import Document, corpus_hash, load_corpus
from .settings import Settings
from .store import ChromaStore, VectorStore
from .textproc import LEXICON_PATH, tokenize

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)
INDEX_VERSION = "4"  # bump when parsing or the stored layout changes
COLLECTION_PREFIX = "clauses-"
Progress = Callable[[str], None]


@dataclass
class ClauseRecord:
    """What the answer layer needs of a clause, JSON-serializable."""

    id: str
    doc_id: str
    doc_title: str
    doc_short: str
    doc_kind: str
    doc_year: int | None
    section: str
    label: str
    level: int
    text: str  # the clause's own lines, verbatim
    full_text: str  # with its sub-clauses, verbatim
    parent: str | None
    children: list[str]
    indexed: bool  # a retrieval unit (heading-only clauses are not)

    @property
    def search_text(self) -> str:
        """What is embedded and BM25-indexed: the heading path, then the clause."""
        return f"{self.doc_title} > {self.section}\n{self.full_text}"


@dataclass
class Index:
    """A loaded index: clause records, BM25 tokens and the vector store."""

    build: str
    clauses: dict[str, ClauseRecord]
    units: list[str]  # ids of retrieval units, BM25 order
    tokens: list[list[str]]
    store: VectorStore
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)

    def unit_records(self) -> list[ClauseRecord]:
        return [self.clauses[i] for i in self.units]

    def ancestors(self, cid: str) -> list[ClauseRecord]:
        out = []
        rec = self.clauses.get(cid)
        while rec and rec.parent:
            rec = self.clauses[rec.parent]
            out.append(rec)
        return out


def build_records(docs: list[Document]) -> list[ClauseRecord]:
    """Every clause of every document, in reading order."""
    out: list[ClauseRecord] = []
    for doc in docs:
        clauses = parse_clauses(doc)
        by_id = {c.id: c for c in clauses}
        for c in clauses:
            full = clause_full_text(c, by_id) if c.is_list_intro else c.text
            out.append(
                ClauseRecord(
                    id=c.id,
                    doc_id=doc.id,
                    doc_title=doc.title,
                    doc_short=doc.short or doc.title,
                    doc_kind=doc.kind,
                    doc_year=doc.year,
                    section=c.section,
                    label=c.label,
                    level=c.level,
                    text=c.text,
                    full_text=full,
                    parent=c.parent,
                    children=list(c.children),
                    indexed=not c.is_heading_only,
                )
            )
    return out


def build_key(settings: Settings, emb_id: str) -> str:
    h = hashlib.sha256()
    for part in (INDEX_VERSION, corpus_hash(settings.corpus_dir), LEXICON_PATH.read_text(encoding="utf-8"), emb_id):
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:16]


def _current(index_dir: Path) -> str | None:
    try:
        return (index_dir / "CURRENT").read_text().strip() or None
    except OSError:
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


def load_index(settings: Settings, build: str) -> Index:
    """Open a complete build; raises on anything missing or inconsistent."""
    bdir = settings.index_dir / build
    manifest = json.loads((bdir / "manifest.json").read_text(encoding="utf-8"))
    data = json.loads((bdir / "clauses.json").read_text(encoding="utf-8"))
    clauses = {r["id"]: ClauseRecord(**r) for r in data["clauses"]}
    store = ChromaStore.open(_client(settings, bdir), COLLECTION_PREFIX + build)
    if store.count() != manifest["units"]:
        raise ValueError(f"index {build}: {store.count()} vectors, manifest says {manifest['units']}")
    return Index(
        build=build,
        clauses=clauses,
        units=data["units"],
        tokens=data["tokens"],
        store=store,
        documents=data.get("documents", {}),
    )


def embedder_id(emb: Embeddings) -> str:
    """Which vector space an embedder writes (indexes are only shared within one)."""
    return str(getattr(emb, "model_id", type(emb).__name__))


def current_build(settings: Settings, emb_id: str | None = None) -> str | None:
    """The build in use if it matches the corpus and embedder now and looks complete, else None.

    Cheap (hashes the corpus, reads the manifest): ``assistant ingest`` on an unchanged corpus
    needs nothing more.
    """
    key = build_key(settings, emb_id or settings.embedder_id)
    cur = _current(settings.index_dir)
    if not cur or cur.split("-")[0] != key:
        return None
    try:
        manifest = json.loads((settings.index_dir / cur / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = manifest.get("key") == key and (settings.index_dir / cur / "clauses.json").is_file()
    return cur if ok else None


def ensure_index(
    settings: Settings, embedder: Embeddings, *, force: bool = False, progress: Progress | None = None
) -> tuple[Index, bool]:
    """The index for the current corpus, building it if needed. Returns (index, built_now)."""
    say = progress or (lambda msg: log.info(msg))
    key = build_key(settings, embedder_id(embedder))
    cur = _current(settings.index_dir)
    if cur and cur.split("-")[0] == key and not force:
        try:
            return load_index(settings, cur), False
        except Exception as exc:
            say(f"索引已损坏，重新构建（{type(exc).__name__}: {exc}）")
    with _lock(settings.index_dir):
        cur = _current(settings.index_dir)  # another process may have built it meanwhile
        if cur and cur.split("-")[0] == key and not force:
            with contextlib.suppress(Exception):
                return load_index(settings, cur), False
        build = _build(settings, embedder, key, say)
        return load_index(settings, build), True


def _build(settings: Settings, embedder: Embeddings, key: str, say: Progress) -> str:
    """Build into a new directory, then point CURRENT at it. Returns the build name.

    Every attempt gets a fresh directory (``<key>-<nonce>``): Chroma caches clients by path
    within a process, so a path is never reused.
    """
    t0 = time.perf_counter()
    docs = load_corpus(settings.corpus_dir)
    records = build_records(docs)
    units = [r for r in records if r.indexed]
    say(f"解析完成：{len(docs)} 份文件，{len(records)} 个条款，{len(units)} 个检索单元")
    idx_dir = settings.index_dir
    build = f"{key}-{time.time_ns():x}"
    final = idx_dir / build
    final.mkdir(parents=True)
    texts = [r.search_text for r in units]
    vectors: list[list[float]] = []
    batch = 16
    for i in range(0, len(texts), batch):
        vectors.extend(embedder.embed_documents(texts[i : i + batch]))
        say(f"向量化 {min(i + batch, len(texts))}/{len(texts)}")
    client = _client(settings, final)
    store = ChromaStore.create(client, COLLECTION_PREFIX + build)
    store.add([r.id for r in units], vectors, [{"doc_id": r.doc_id, "section": r.section} for r in units])
    tokens = [tokenize(t) for t in texts]
    documents = {
        d.id: {
            "title": d.title,
            "short": d.short,
            "kind": d.kind,
            "year": d.year,
            "round_grades": list(d.round_grades),
            "grades": list(d.grades),
            "path": d.path,
        }
        for d in docs
    }
    (final / "clauses.json").write_text(
        json.dumps(
            {
                "clauses": [asdict(r) for r in records],
                "units": [r.id for r in units],
                "tokens": tokens,
                "documents": documents,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (final / "manifest.json").write_text(
        json.dumps(
            {
                "build": build,
                "key": key,
                "units": len(units),
                "clauses": len(records),
                "embedder": embedder_id(embedder),
                "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "version": INDEX_VERSION,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    del store, client
    pointer = idx_dir / f"CURRENT.tmp-{os.getpid()}"
    pointer.write_text(build)
    os.replace(pointer, idx_dir / "CURRENT")  # the switch: atomic
    for old in idx_dir.iterdir():  # previous builds and abandoned attempts
        if old.is_dir() and old.name != build:
            shutil.rmtree(old, ignore_errors=True)
    say(f"索引已写入 {final}（{time.perf_counter() - t0:.1f} 秒）")
    return build
