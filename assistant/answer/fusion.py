"""Reciprocal-rank fusion of rankings, with no heavy imports (the web layer reads its scores too).

>>> rrf_fuse([["a", "b", "c"], ["b", "a"]], k=60)[0][0]
'a'
>>> round(AGREED, 4)
0.0328
"""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60
# the fused score of a clause ranked first by both retrievers: nothing else reaches it (1/61 + 1/62 < 2/61)
AGREED = 2 / (RRF_K + 1)


def rrf_fuse(
    rankings: Sequence[Sequence[str]], k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: score(id) = Σ w / (k + rank); ties keep first-seen order."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda t: -t[1])
