"""The corpus, parsed once per process: documents and their clauses (one ``Clause`` type).

>>> corpus = Corpus.load(PROJECT_CORPUS)
>>> corpus.clauses["notice-3-4"].section
'三、其他重点关注事项 > （四）咨询方式'
>>> [c.id for c in corpus.ancestors("standards-3-1-2-3")]
['standards-3-1-2', 'standards-3-1', 'standards-3']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .clauses import Clause, parse_clauses
from .documents import MAX_DOCUMENT_BYTES, PROJECT_CORPUS, CorpusError, Document, corpus_hash, load_documents

__all__ = ["PROJECT_CORPUS", "Corpus", "CorpusError", "Unit"]
LONG = 150  # a clause longer than this is also searched sentence by sentence
SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")
MIN_SENTENCE = 12


@dataclass(frozen=True)
class Unit:
    """A retrieval unit: a clause, or one sentence of a long clause (``notice-1#2``)."""

    id: str
    clause: str
    text: str  # what is embedded and BM25-indexed: the heading path, then the text


def clause_of(unit_id: str) -> str:
    return unit_id.split("#", 1)[0]


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

    def units(self) -> list[Unit]:
        """The retrieval units, in reading order: every clause with text beyond a heading, and each
        sentence of a long one (a long clause holds several topics: 申报人员范围 and its 方向)."""
        out = []
        for c in self.clauses.values():
            if not c.indexed:
                continue
            out.append(Unit(c.id, c.id, c.search_text))
            if len(c.full_text) > LONG:
                sentences = [s.strip() for s in SENTENCE.findall(c.full_text) if len(s.strip()) >= MIN_SENTENCE]
                for n, s in enumerate(sentences, start=1):
                    out.append(Unit(f"{c.id}#{n}", c.id, f"{c.doc_title} > {c.section}\n{s}"))
        return out

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
