"""The documents: each ``corpus/<name>.txt`` (verbatim text) with ``<name>.yaml`` beside it.

Adding a document is adding two files; no code changes. The metadata needs ``id`` and
``title``; ``kind``, ``short``, ``year``, ``round_grades`` and ``grades`` are optional.

    >>> docs = load_documents(PROJECT_CORPUS)
    >>> [d.id for d in docs]
    ['notice', 'standards']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..settings import PROJECT_CORPUS

__all__ = ["PROJECT_CORPUS", "CorpusError", "Document", "corpus_hash", "load_documents"]


class CorpusError(ValueError):
    """The corpus directory holds something the assistant cannot read."""


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str
    kind: str = "document"
    short: str = ""  # a short name for citations ("申报通知"); the title if empty
    year: int | None = None
    round_grades: tuple[str, ...] = ()  # levels reviewed in this round (a notice)
    grades: tuple[str, ...] = ()
    path: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False)


def load_documents(corpus_dir: Path) -> list[Document]:
    """Read every ``*.txt`` with its ``*.yaml`` metadata, sorted by file name."""
    import yaml

    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    docs: list[Document] = []
    for txt in sorted(corpus_dir.glob("*.txt")):
        meta_path = txt.with_suffix(".yaml")
        if not meta_path.is_file():
            raise CorpusError(f"{txt.name} has no metadata file {meta_path.name}")
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        for key in ("id", "title"):
            if not meta.get(key):
                raise CorpusError(f"{meta_path.name}: '{key}' is required")
        docs.append(
            Document(
                id=str(meta["id"]),
                title=str(meta["title"]),
                text=txt.read_text(encoding="utf-8"),
                kind=str(meta.get("kind", "document")),
                short=str(meta.get("short") or meta["title"]),
                year=int(meta["year"]) if meta.get("year") else None,
                round_grades=tuple(meta.get("round_grades") or ()),
                grades=tuple(meta.get("grades") or ()),
                path=txt.name,
                meta=meta,
            )
        )
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"duplicate document ids in {corpus_dir}: {ids}")
    if not docs:
        raise CorpusError(f"no documents (*.txt) in {corpus_dir}")
    return docs


def corpus_hash(corpus_dir: Path) -> str:
    """Content hash of every file the index depends on (names and bytes)."""
    h = hashlib.sha256()
    for p in sorted(corpus_dir.glob("*")):
        if p.suffix in (".txt", ".yaml") and p.is_file():
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
