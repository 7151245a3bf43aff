"""Dates in the documents, computed: "7月4日（周二）-7月17日（周一）" + the round's year → real dates.

>>> spans = find_spans("个人网上申报，7月4日（周二）-7月17日（周一）；答辩评审，11月。", 2023)
>>> [(s.start.isoformat(), s.end.isoformat()) for s in spans]
[('2023-07-04', '2023-07-17'), ('2023-11-01', '2023-11-30')]
>>> spans[0].status(dt.date(2026, 11, 28))
'past'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_WEEKDAY = r"(?:（周[一二三四五六日天]）|\(周[一二三四五六日天]\))?"
_DASH = r"\s*[-—－–~～至到]\s*"
_DAY_SPAN = re.compile(rf"(\d{{1,2}})月(\d{{1,2}})日{_WEEKDAY}{_DASH}(?:(\d{{1,2}})月)?(\d{{1,2}})日{_WEEKDAY}")
_MONTH_SPAN = re.compile(rf"(?<![\d日])(\d{{1,2}})月{_DASH}(\d{{1,2}})月(?!\d{{1,2}}日)")
_MONTH = re.compile(r"(?<![\d\-—－–~～至到])(\d{1,2})月(?!\d{1,2}日|\s*[-—－–~～至到])")
_DAY = re.compile(rf"(\d{{1,2}})月(\d{{1,2}})日{_WEEKDAY}")


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date
    text: str  # verbatim

    def status(self, today: dt.date) -> str:
        """``upcoming``, ``open`` or ``past`` relative to ``today``."""
        if today < self.start:
            return "upcoming"
        return "open" if today <= self.end else "past"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def find_spans(text: str, year: int) -> list[DateSpan]:
    """Every date or date range in ``text``, in order, dated in ``year``; what is no real date
    ("13月", "2月30日" typed by someone) is skipped.

    >>> [s.text for s in find_spans("13月或2月30日，还是7月？", 2023)]
    ['7月']
    """
    found: list[tuple[int, DateSpan]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], start: tuple[int, int], end: tuple[int, int] | int) -> None:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return
        try:
            last = _month_end(year, end) if isinstance(end, int) else dt.date(year, *end)
            found.append((m.start(), DateSpan(dt.date(year, *start), last, m[0])))
        except ValueError:
            return
        taken.append(m.span())

    for m in _DAY_SPAN.finditer(text):
        add(m, (int(m[1]), int(m[2])), (int(m[3] or m[1]), int(m[4])))
    for m in _MONTH_SPAN.finditer(text):
        add(m, (int(m[1]), 1), int(m[2]))
    for m in _DAY.finditer(text):
        add(m, (int(m[1]), int(m[2])), (int(m[1]), int(m[2])))
    for m in _MONTH.finditer(text):
        add(m, (int(m[1]), 1), int(m[1]))
    return [s for _, s in sorted(found, key=lambda t: t[0])]


def cn_date(d: dt.date) -> str:
    """A date the way the documents write it.

    >>> cn_date(dt.date(2023, 7, 4))
    '2023年7月4日'
    """
    return f"{d.year}年{d.month}月{d.day}日"
