"""Compose: a question and its retrieved clauses → an ``Answer`` (extractive, deterministic).

The guard decides whether the documents can answer; the leads table picks the shape of the
answer; every fact in it is cut from a clause that is cited. When no lead fits the retrieved
clauses, the answer says the documents do not answer and gives the helpline numbers.

    >>> composer.compose(analyze("咨询电话是多少？"), hits).lead     # doctest: +SKIP
    '咨询电话：010—88828948，010—88827905[1]。'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..ingest.clauses import Clause
from .draft import Context
from .guard import abstain, refusal_reason
from .leads import plan
from .model import Answer, Trace
from .understand import Question


class Composer:
    """Turns a question and its retrieved clauses into an ``Answer``; holds no model state."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def refusal(self, q: Question, scored: list[tuple[Clause, float]] | None = None) -> str:
        """Why the documents cannot answer ``q`` (before composing), or ''."""
        return refusal_reason(q, self.ctx.round, self.ctx.match, scored)

    def abstain(self, q: Question, reason: str) -> Answer:
        return abstain(q, reason, self.ctx.round)

    def compose(self, q: Question, hits: list[Clause], today: dt.date) -> Answer:
        """The answer from ``hits`` (call ``refusal`` first)."""
        ctx = replace(self.ctx, today=today)
        key, leads = plan(q)
        for lead in leads:
            draft = lead(ctx, q, hits)
            if draft is not None:
                trace = Trace(understood=q.summary(), route=f"{key}:{lead.__name__}")
                if draft.abstained:
                    trace.reasons.append("the documents do not state what is asked")
                return Answer(
                    question=q.text,
                    kind=draft.kind,
                    lead=draft.lead,
                    body=draft.body,
                    citations=draft.sources.citations,
                    notes=draft.notes,
                    trace=trace,
                    polarity=draft.polarity,
                )
        return self.abstain(q, "no retrieved clause holds what the question asks for")
