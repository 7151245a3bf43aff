"""Match strength for the staff desk: the fused retrieval score read as high / medium / low.

The fused score (reciprocal-rank fusion of the dense and BM25 rankings) differs in the third
decimal between a right and a wrong clause, which means nothing to an operator. The cut-offs
below were calibrated on the eval's ``dev`` split (its answerable questions with their gold clauses and
its questions the documents do not answer; ``scripts/calibrate_strength.py``, top 10 clauses each,
3,550 clauses); the unseen ``test`` split gives nearly the same shares (0.68 / 0.24 / 0.04):

| strength | fused score | share of such clauses that hold the answer |
|---|---|---|
| high | ≥ 0.0326 (first in both rankings, or nearly) | 0.71 |
| medium | 0.0320 – 0.0326 | 0.26 |
| low | below 0.0320 | 0.04 |

``tests/test_web_guard.py`` re-checks these shares on the dev split, so a change to retrieval
that breaks the calibration fails a test.

    >>> strength(0.0328), strength(0.0323), strength(0.0311)
    ('high', 'medium', 'low')
"""

from __future__ import annotations

from ...answer import AGREED as HIGH  # ranked first by both retrievers

MEDIUM = 0.0320


def strength(score: float) -> str:
    if score >= HIGH:
        return "high"
    if score >= MEDIUM:
        return "medium"
    return "low"
