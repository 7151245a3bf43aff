"""Calibrate the staff desk's match strength (assistant/app/web/strength.py) on the eval's `dev` split
(tuned on freely; `test` stays unseen).

For every dev question: the top 10 clauses of ``Assistant.lookup`` with their fused scores, marked
right when the clause is (or lies under) a gold clause; refusal questions have no right clause.
Prints the share of right clauses per score band and per strength level.

    ASSISTANT_DATA_DIR=.assistant .venv/bin/python scripts/calibrate_strength.py
"""

from __future__ import annotations

from assistant.app.web.strength import HIGH, MEDIUM, strength
from assistant.evaluation.datasets import Datasets, Split
from assistant.pipeline import Assistant
from assistant.settings import Settings


def scored_hits(bot: Assistant, split: Split, k: int = 10) -> list[tuple[float, bool]]:
    """(fused score, holds the answer) for the top ``k`` clauses of every question of ``split``."""
    out: list[tuple[float, bool]] = []
    cases = [(c.q, c.clauses) for c in split.questions] + [(c.q, []) for c in split.refusals]
    for question, gold in cases:
        for clause, score in bot.lookup(question, k=k):
            out.append((score, any(clause.id == g or clause.id.startswith(g + "-") for g in gold)))
    return out


def shares(rows: list[tuple[float, bool]]) -> dict[str, tuple[int, float]]:
    """strength → (how many clauses, share that hold the answer)."""
    out = {}
    for level in ("high", "medium", "low"):
        sel = [right for score, right in rows if strength(score) == level]
        out[level] = (len(sel), sum(sel) / len(sel) if sel else 0.0)
    return out


def main() -> None:
    settings = Settings.from_env()
    rows = scored_hits(Assistant.load(settings), Datasets.load(settings.eval_dir).splits["dev"])
    print(f"cut-offs: high ≥ {HIGH}, medium ≥ {MEDIUM}")
    for level, (n, share) in shares(rows).items():
        print(f"{level:6} {n:5} clauses, {share:.2f} hold the answer")


if __name__ == "__main__":
    main()
