"""LLM mode (optional): the model's answer, kept only if it passes the grounding check; its tool
calls run the rules. Anything else — a failure, an ungrounded claim — gives the extractive answer.
The computed notes (the round's window against today, grades not in the round) are always kept:
the model's text replaces only the lead of the extractive answer.

    >>> generate(llm, q, hits, extractive, desk, session, today)   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace

from .. import messages as M
from ..dates import cn_date
from ..ingest.clauses import Clause
from ..ingest.roundfacts import RoundFacts
from .gradecheck import GradeDesk
from .llm import LLMClient, LLMError, grounding_check
from .model import Answer, Sources
from .session import Session
from .understand import Question

log = logging.getLogger(__name__)


def generate(
    llm: LLMClient,
    q: Question,
    hits: list[Clause],
    fallback: Answer,
    desk: GradeDesk,
    session: Session | None,
    today: dt.date,
    facts: RoundFacts,
) -> Answer:
    """The LLM's answer if it passes the grounding check (or its tool call, run for real), else ``fallback``."""
    year = max(facts.years) if facts.years else None
    try:
        msg = llm.answer(q.text, hits, cn_date(today), year, tools=[desk.tool])
    except LLMError as exc:
        log.warning("LLM failed, extractive answer given: %s", exc)
        fallback.lead = M.NOTE_LLM_FALLBACK + "\n" + fallback.lead
        fallback.trace.reasons.append(f"llm failed: {exc}")
        return fallback
    for call in getattr(msg, "tool_calls", None) or []:
        if call.get("name") == desk.tool.name:  # the verdict comes from the rules, never the model
            try:
                return desk.answer(q, dict(call.get("args") or {}), session, today)
            except ValueError as exc:
                log.warning("LLM tool call rejected (%s); extractive answer given", exc)
                fallback.trace.reasons.append(f"llm tool call rejected: {exc}")
                return fallback
    text = str(getattr(msg, "content", "") or "").strip()
    check = grounding_check(
        text,
        [f"{h.section}\n{h.full_text}" for h in hits],  # what the model saw as [n]
        round_year=facts.years,
        window_status=facts.window.status(today) if facts.window else None,
        question=q.text,
        today=today,
    )
    if not check.ok:
        log.warning("LLM answer rejected by the grounding check: %s", check.reason)
        fallback.trace.reasons.append(f"llm answer rejected: {check.reason}")
        return fallback
    # renumber: the cited clauses only, [1]..[m] in order of first use
    src = Sources()
    text = re.sub(r"\[(\d+)\]", lambda m: src.cite(hits[int(m[1]) - 1]), text)
    trace = replace(fallback.trace, route="llm")
    notes = fallback.notes  # computed, never the model's: the window note stays
    return Answer(question=q.text, kind=fallback.kind, lead=text, citations=src.citations, notes=notes, trace=trace)
