"""Match strength for the staff desk: the fused retrieval score read as high / medium / low.

The fused score (reciprocal-rank fusion of the dense and BM25 rankings) differs in the third
decimal between a right and a wrong clause, which means nothing to an operator. The cut-offs
below were calibrated on the eval sets (173 answerable questions, their gold clauses, and the 35
questions the documents do not answer; ``scripts/calibrate_strength.py``, top 10 clauses each):

| strength | fused score | share of such clauses that hold the answer |
|---|---|---|
| high | ≥ 0.0326 (first in both rankings, or nearly) | 0.87 |
| medium | 0.0320 – 0.0326 | 0.36 |
| low | below 0.0320 | ≤ 0.10 |

``tests/test_web_units.py`` re-checks these shares on the eval sets, so a change to retrieval
that breaks the calibration fails a test.

    >>> strength(0.0328), strength(0.0323), strength(0.0311)
    ('high', 'medium', 'low')
"""

from __future__ import annotations

HIGH = 0.0326
MEDIUM = 0.0320


def strength(score: float) -> str:
    if score >= HIGH:
        return "high"
    if score >= MEDIUM:
        return "medium"
    return "low"
