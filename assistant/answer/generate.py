"""LLM mode (optional): the model's answer, kept only if it passes the grounding check; its tool
calls run the rules. Anything else — a failure, an ungrounded claim — gives the extractive answer.

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
from .gradecheck import GradeDesk, Session
from .llm import LLMClient, LLMError, grounding_check
from .model import Answer, Sources
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
    year: int | None,
) -> Answer:
    """The LLM's answer if it passes the grounding check (or its tool call, run for real), else ``fallback``."""
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
    known = [cn_date(today), f"{year}年", str(year)] if year else [cn_date(today)]
    check = grounding_check(text, [h.full_text for h in hits], known=known)
    if not check.ok:
        log.warning("LLM answer rejected by the grounding check: %s", check.reason)
        fallback.trace.reasons.append(f"llm answer rejected: {check.reason}")
        return fallback
    # renumber: the cited clauses only, [1]..[m] in order of first use
    src = Sources()
    text = re.sub(r"\[(\d+)\]", lambda m: src.cite(hits[int(m[1]) - 1]), text)
    trace = replace(fallback.trace, route="llm")
    return Answer(question=q.text, kind=fallback.kind, lead=text, citations=src.citations, trace=trace)
