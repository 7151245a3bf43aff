"""Eval metrics: ranking hits by clause span, fact matching, rates and percentiles.

A retrieved passage *holds* a gold clause when it covers at least half of that clause's
characters in the source document — one criterion for the project and the baseline.

    >>> pct([1, 0, 1, 1])
    0.75
    >>> rank_metrics([False, True, False])["mrr"]
    0.5
"""

from __future__ import annotations

from collections.abc import Iterable

from ..ingest.corpus import Corpus

COVER = 0.5  # share of a gold clause a passage must cover to hold it
Span = tuple[str, int, int]  # document id, start, end


def pct(xs: Iterable[float]) -> float:
    xs = list(xs)
    return round(sum(xs) / len(xs), 4) if xs else 0.0


def percentile(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    s = sorted(xs)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return round(s[k], 1)


class Spans:
    """Where each clause (and any passage) lies in its document, to compare passages by overlap."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.text = {d.id: d.text for d in corpus.documents.values()}

    def clause(self, cid: str) -> Span | None:
        c = self.corpus.clauses.get(cid)
        return (c.doc_id, c.start, c.start + len(c.text)) if c and c.start >= 0 else None

    def passage(self, cid: str) -> Span | None:
        """What retrieving ``cid`` shows: the clause, with its items if it introduces a list."""
        c = self.corpus.clauses[cid]
        own = self.clause(cid)
        if own is None:
            return self.of_text(c.doc_id, c.full_text)
        doc, start, _ = own
        if self.text[doc].startswith(c.full_text, start):
            return (doc, start, start + len(c.full_text))
        return own

    def of_text(self, doc_id: str, text: str, start: int | None = None) -> Span | None:
        if start is None:
            start = self.text[doc_id].find(text)
        return (doc_id, start, start + len(text)) if start >= 0 else None

    def holds(self, passage: Span | None, gold: Iterable[str]) -> bool:
        if passage is None:
            return False
        doc, s, e = passage
        for g in gold:
            span = self.clause(g)
            if span is None:
                continue
            gd, gs, ge = span
            if gd == doc and min(e, ge) - max(s, gs) >= COVER * (ge - gs):
                return True
        return False


def rank_metrics(hits: list[bool]) -> dict[str, float]:
    """hit@1, hit@5 and reciprocal rank from a ranked list of hit flags."""
    first = next((i for i, h in enumerate(hits) if h), None)
    return {
        "hit@1": float(bool(hits[:1] and hits[0])),
        "hit@5": float(any(hits[:5])),
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
    }


def has_fact(text: str, alternatives: list[str]) -> bool:
    return any(a in text for a in alternatives)
