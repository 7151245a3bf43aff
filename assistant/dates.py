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
_MONTH = re.compile(r"(?<![\d\-—－–~～至])(?<![日月]到)(\d{1,2})月(?!\d{1,2}日|\s*[-—－–~～至到])")  # "到8月份"
_DAY = re.compile(rf"(\d{{1,2}})月(\d{{1,2}})日{_WEEKDAY}")
# part of a month, as people say it: "8月底", "7月中旬", "到8月初"
_PART = re.compile(r"(?<![\d\-—－–~～至])(\d{1,2})月份?(上旬|中旬|下旬|初|中|底|末)")
_PART_DAYS = {
    "上旬": (1, 10),
    "初": (1, 10),
    "中旬": (11, 20),
    "中": (11, 20),
    "下旬": (21, 31),
    "底": (21, 31),
    "末": (21, 31),
}


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
    >>> [(s.start.day, s.end.day) for s in find_spans("是不是到8月底才结束", 2023)]
    [(21, 31)]
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
    for m in _PART.finditer(text):
        first, last = _PART_DAYS[m[2]]
        if 1 <= int(m[1]) <= 12:
            add(m, (int(m[1]), first), (int(m[1]), min(last, _month_end(year, int(m[1])).day)))
    for m in _MONTH.finditer(text):
        add(m, (int(m[1]), 1), int(m[1]))
    return [s for _, s in sorted(found, key=lambda t: t[0])]


def span_text(span: DateSpan) -> str:
    """The span as written, with its dash read out.

    >>> span_text(find_spans("7月4日（周二）-7月17日（周一）", 2023)[0])
    '7月4日（周二）至7月17日（周一）'
    """
    return re.sub(r"\s*[-—－–~～]\s*", "至", span.text)


def cn_month(d: dt.date) -> str:
    """A month the way the documents write it, for dates they give to the month only.

    >>> cn_month(dt.date(2023, 11, 30))
    '2023年11月'
    """
    return f"{d.year}年{d.month}月"


def cn_date(d: dt.date) -> str:
    """A date the way the documents write it.

    >>> cn_date(dt.date(2023, 7, 4))
    '2023年7月4日'
    """
    return f"{d.year}年{d.month}月{d.day}日"
