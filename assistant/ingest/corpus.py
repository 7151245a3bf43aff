"""The corpus, parsed once per process: documents and their clauses (one ``Clause`` type).

>>> corpus = Corpus.load(PROJECT_CORPUS)
>>> corpus.clauses["notice-3-4"].section
'三、其他重点关注事项 > （四）咨询方式'
>>> [c.id for c in corpus.ancestors("standards-3-1-2-3")]
['standards-3-1-2', 'standards-3-1', 'standards-3']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .clauses import Clause, parse_clauses
from .documents import MAX_DOCUMENT_BYTES, PROJECT_CORPUS, CorpusError, Document, corpus_hash, load_documents

__all__ = ["PROJECT_CORPUS", "Corpus", "CorpusError"]


@dataclass(frozen=True)
class Corpus:
    documents: dict[str, Document]
    clauses: dict[str, Clause]  # every clause of every document, in reading order
    hash: str  # content hash of the corpus files

    @classmethod
    def load(cls, corpus_dir: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> Corpus:
        """Parse every document in ``corpus_dir`` (``CorpusError`` names a file it cannot use)."""
        docs = load_documents(corpus_dir, max_bytes)
        clauses = {c.id: c for d in docs for c in parse_clauses(d)}
        return cls({d.id: d for d in docs}, clauses, corpus_hash(corpus_dir))

    def units(self) -> list[Clause]:
        """The retrieval units (clauses with text beyond a heading), in reading order."""
        return [c for c in self.clauses.values() if c.indexed]

    def ancestors(self, cid: str) -> list[Clause]:
        """Parent, grandparent, … of clause ``cid``."""
        out = []
        c = self.clauses.get(cid)
        while c and c.parent:
            c = self.clauses[c.parent]
            out.append(c)
        return out

    def top(self, cid: str) -> Clause:
        """The chapter (top-level clause) that holds ``cid``."""
        return ([self.clauses[cid], *self.ancestors(cid)])[-1]

    def descendants(self, cid: str) -> list[Clause]:
        out: list[Clause] = []
        for child in self.clauses[cid].children:
            out += [self.clauses[child], *self.descendants(child)]
        return out

    @property
    def text(self) -> str:
        """All clause text (for "is this word in the documents?")."""
        return "\n".join(c.text for c in self.clauses.values())
