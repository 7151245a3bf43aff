"""The documents: each ``corpus/<name>.txt`` (verbatim text) with ``<name>.yaml`` beside it.

Adding a document is adding two files; no code changes. The metadata needs ``id`` and
``title``; ``kind``, ``short``, ``year``, ``round_grades`` and ``grades`` are optional. A text
over ``ASSISTANT_MAX_DOCUMENT_BYTES`` (2 MB by default) is refused, naming the file.

    >>> docs = load_documents(PROJECT_CORPUS)
    >>> [d.id for d in docs]
    ['notice', 'standards']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..settings import MAX_DOCUMENT_BYTES, PROJECT_CORPUS, brief

__all__ = ["MAX_DOCUMENT_BYTES", "PROJECT_CORPUS", "CorpusError", "Document", "corpus_hash", "load_documents"]


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


class Metadata(BaseModel):
    """What ``<name>.yaml`` may say (other keys are kept in ``Document.meta`` unread)."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    kind: str = "document"
    short: str = ""
    year: int | None = Field(default=None, ge=1900, le=2200)
    round_grades: list[str] = []
    grades: list[str] = []


def load_documents(corpus_dir: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> list[Document]:
    """Read every ``*.txt`` with its ``*.yaml`` metadata, sorted by file name.

    Raises ``CorpusError`` naming the file for anything it cannot use: a text over ``max_bytes``,
    a file that is not UTF-8, metadata that is not a YAML mapping or has a bad field.
    """
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    docs: list[Document] = []
    for txt in sorted(corpus_dir.glob("*.txt")):
        meta_path = txt.with_suffix(".yaml")
        if not meta_path.is_file():
            raise CorpusError(f"{txt.name} has no metadata file {meta_path.name}")
        meta = _metadata(meta_path)
        size = txt.stat().st_size
        if size > max_bytes:
            raise CorpusError(
                f"{txt.name} is {size:,} bytes; the limit is {max_bytes:,} (ASSISTANT_MAX_DOCUMENT_BYTES)"
            )
        docs.append(
            Document(
                id=meta.id,
                title=meta.title,
                text=_read_utf8(txt),
                kind=meta.kind,
                short=meta.short or meta.title,
                year=meta.year,
                round_grades=tuple(meta.round_grades),
                grades=tuple(meta.grades),
                path=txt.name,
                meta=meta.model_dump(),
            )
        )
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"duplicate document ids in {corpus_dir}: {ids}")
    if not docs:
        raise CorpusError(f"no documents (*.txt) in {corpus_dir}")
    return docs


def _read_utf8(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path.name} is not UTF-8 (byte {exc.start})") from None


def _metadata(path: Path) -> Metadata:
    import yaml

    try:
        raw = yaml.safe_load(_read_utf8(path))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise CorpusError(f"{path.name} is not valid YAML: {problem}{where}") from None
    if not isinstance(raw, dict):
        got = "empty" if raw is None else f"a {type(raw).__name__}"
        raise CorpusError(f"{path.name} must be a YAML mapping (id: …, title: …), not {got}")
    try:
        return Metadata.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise CorpusError(f"{path.name}: {brief(where)[1:-1]}: {err['msg']} (got {brief(err['input'])})") from None


def corpus_hash(corpus_dir: Path) -> str:
    """Content hash of every file the index depends on (names and bytes), read in blocks."""
    h = hashlib.sha256()
    for p in sorted(corpus_dir.glob("*")):
        if p.suffix in (".txt", ".yaml") and p.is_file():
            h.update(p.name.encode() + b"\0")
            with p.open("rb") as fh:
                h.update(hashlib.file_digest(fh, "sha256").digest() + b"\0")
    return h.hexdigest()
