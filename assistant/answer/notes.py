"""Notes computed against today: where a date stands, the round's window, grades not in the round.

>>> import datetime as dt
>>> from assistant.dates import DateSpan
>>> status_text(DateSpan(dt.date(2023, 7, 4), dt.date(2023, 7, 17), "7月4日-7月17日"), dt.date(2026, 11, 28))
'（按今天2026年11月28日计，已于2023年7月17日结束）'
"""

from __future__ import annotations

import datetime as dt

from .. import messages as M
from ..dates import DateSpan, cn_date, cn_month
from ..ingest.roundfacts import RoundFacts
from ..vocab import GRADE_LEVEL, Grade


def status_text(span: DateSpan, today: dt.date) -> str:
    """Past, open or upcoming, at the span's own precision ("答辩评审，11月": ended in 2023年11月, not on the 30th).

    >>> from ..dates import find_spans
    >>> status_text(find_spans("答辩评审，11月。", 2023)[0], dt.date(2026, 12, 7))
    '（按今天2026年12月7日计，已于2023年11月结束）'
    """
    fmt = {"past": M.STATUS_PAST, "open": M.STATUS_OPEN, "upcoming": M.STATUS_UPCOMING}[span.status(today)]
    said = cn_date if "日" in span.text else cn_month
    return fmt.format(today=cn_date(today), end=said(span.end), start=said(span.start))


def window_note(facts: RoundFacts, today: dt.date) -> str:
    """One sentence: is this round's application window past, open or upcoming today?"""
    w = facts.window
    if w is None:
        return ""
    fmt = {"past": M.NOTE_WINDOW_PAST, "open": M.NOTE_WINDOW_OPEN, "upcoming": M.NOTE_WINDOW_UPCOMING}
    return fmt[w.status(today)].format(year=w.year, start=cn_date(w.start), end=cn_date(w.end), today=cn_date(today))


def past_round_note(year: int, facts: RoundFacts, today: dt.date) -> str:
    return M.NOTE_PAST_ROUND.format(year=year, today=cn_date(today), phones=M.PHONE_SEP.join(facts.helplines))


def round_grade_note(facts: RoundFacts, grade: Grade | None, template: str = M.NOTE_ROUND_GRADES) -> str:
    """A note when ``grade`` is not reviewed in this round (正高级 in 2023), in ``template``'s words."""
    if not grade or not facts.round_levels or GRADE_LEVEL[grade] in facts.round_levels:
        return ""
    year = facts.window.year if facts.window else (facts.years[-1] if facts.years else "")
    return template.format(year=year, grades="、".join(facts.round_levels), grade=grade, level=GRADE_LEVEL[grade])
