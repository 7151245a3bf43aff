"""Reading eligibility facts from plain Chinese: degrees, durations, titles held, achievements.

Only what the text says is returned (a missing key means "not said"); the ``expect`` argument is
the fact the last follow-up asked for, so a bare "5年" or "有" can answer it.

    >>> read_facts("本科毕业3年，能申报工程师吗？")
    {'years_in_field': 3.0, 'grade': '工程师', 'education': '大学本科'}
    >>> parse_duration("七年多"), parse_duration("三年半"), parse_duration("3个月")
    (7.0, 3.5, 0.25)
"""

from __future__ import annotations

import re
from typing import Any

from ..text import CN_NUMERAL, cn_number
from ..vocab import LEVEL_GRADE, Level, vocabulary

NUM = rf"(?:\d+(?:\.\d+)?|[{CN_NUMERAL}]+)"
DURATION = re.compile(
    rf"(?P<pre>满|近|将近|快|超过|不到|不满|不足)?(?P<n>{NUM})?(?P<half1>半)?\s*(?:个)?(?P<unit>年|月)"
    rf"(?P<more>多)?(?:(?P<half2>半)|零?(?P<m>{NUM})个?多?月)?"
)
TARGET_BEFORE = re.compile(r"(申报|报考|报名|报|评审|评定|参评|评|申请|考|晋升|升|冲|够|达到)\s*(?:一下|上)?\s*$")
TARGET_AFTER = re.compile(r"^\s*(职称)?\s*(吗|么|嘛|呢|？|\?|的条件|的资格|资格|条件)")
HELD_BEFORE = re.compile(
    r"(取得|拿到|获得|持有|有|已是|已经是|现在是|目前是|我是|是|评上|评了|考取|当了)[^能想可申报评考升冲够]{0,8}$"
)
HELD_AFTER = re.compile(rf"^\s*(职称)?\s*(后|以来|已经|已|了|满|有|{NUM}\s*个?(年|月))")
OTHER_SERIES = re.compile(r"非本系列|其他系列|别的系列|其它系列|外系列|(?<!工程技术)(?<!本)系列(?!（技术经纪）)")
NEGATION = r"(?:没有|没|无|不具备|不满足|不符合|不够|尚未|未|还没|不)"
ACHIEVE_WORDS = r"(?:成果|论文|专著|著作|编著|教材|合同|报告|课题|协议|方案|文章)"
YES = re.compile(r"^(是|是的|有|有的|对|对的|嗯|具备|符合|满足|可以|都有|都满足|都符合|都具备|yes|没问题|当然)")
NO = re.compile(r"^(否|不是|没有|没|无|不具备|不符合|不满足|不|no|都没有|一项都没有)")
SEGMENTS = re.compile(r"[，,。；;！？!?\n]|而且|并且|同时")
BREAK_ITEMS = {
    1: re.compile(r"采纳|形成.{0,6}政策法规"),
    2: re.compile(r"国家重大科技项目|国家重大专项"),
    3: re.compile(r"典型案例|媒体.{0,4}(宣传|报道)|商业模式创新"),
}


def _duration_value(m: re.Match[str]) -> float | None:
    if not (m["n"] or m["half1"]):
        return None
    n = cn_number(m["n"]) if m["n"] else 0.0
    if m["unit"] == "月":
        value = n / 12
    else:
        value = n + (0.5 if (m["half1"] or m["half2"]) else 0.0)
        if m["m"]:
            value += cn_number(m["m"]) / 12
    if m["pre"] in ("近", "将近", "快", "不到", "不满", "不足"):
        value = max(0.0, value - 0.5)  # "不到5年": under the threshold
    return round(value, 2)


def parse_duration(text: str) -> float | None:
    """The first duration in ``text``, in years (``"半年"`` → 0.5, ``"满5年"`` → 5)."""
    for m in DURATION.finditer(text):
        v = _duration_value(m)
        if v is not None:
            return v
    return None


def _durations(text: str) -> list[tuple[int, float]]:
    out = []
    for m in DURATION.finditer(text):
        v = _duration_value(m)
        a_date = re.match(r"\s*(度|底|初|份)", text[m.end() : m.end() + 1]) or re.search(
            r"20\d\d$", text[: m.start()] + (m["n"] or "")
        )
        if v is not None and not a_date:
            out.append((m.start(), v))
    return out


def read_facts(text: str, expect: str | None = None, expect_level: str | None = None) -> dict[str, Any]:
    """Facts stated in ``text`` as a partial ``Facts`` dict (see the module docstring)."""
    facts: dict[str, Any] = {}
    low = text.strip().lower()
    titles: list[dict[str, Any]] = []
    targets: list[str] = []
    last_title: dict[str, Any] | None = None  # a title whose years may follow in the next segment
    for seg, _ in _segments(text):
        title_here = False
        for m in vocabulary().title_mentions(seg):
            start, end, level, other = m.start, m.end, m.value, m.other_series
            before = seg[:start]
            if _is_target(before) and not other:
                targets.append(str(LEVEL_GRADE[Level(level)]))
                continue
            held = other or bool(HELD_BEFORE.search(before) or HELD_AFTER.search(seg[end : end + 8]))
            if not held and expect not in ("titles", "title_years"):
                targets.append(str(LEVEL_GRADE[Level(level)]))
                continue
            t: dict[str, Any] = {"level": level, "series": "other" if other or OTHER_SERIES.search(seg) else "this"}
            durs = _durations(seg[end:]) or _durations(before)
            if durs:
                t["years"] = durs[0][1]
            titles.append(t)
            title_here = True
            last_title = t if "years" not in t else None
        if title_here:
            continue
        durs = _durations(seg)
        if not durs:
            last_title = None
            continue
        if last_title is not None and not re.search(r"毕业|工作|从事|干|做|经验", seg):
            last_title["years"] = durs[0][1]  # "我有经济系列的副高级职称，3年了"
        elif expect in ("titles", "title_years") and not re.search(r"毕业|工作|从事", seg):
            pass  # "有，5年" answers how long the title has been held
        else:
            facts.setdefault("years_in_field", durs[0][1])
        last_title = None
    if targets:
        facts["grade"] = targets[-1]
    edu = vocabulary().degree_in(text)
    if edu:
        facts["education"] = str(edu)
    if expect == "title_years":
        d = parse_duration(text)
        if d is not None:
            if titles:
                titles[-1].setdefault("years", d)
            elif expect_level:
                titles.append({"level": expect_level, "series": "this", "years": d})
    if expect == "years_in_field" and "years_in_field" not in facts:
        bare = re.fullmatch(rf"\s*({NUM})\s*", low)
        if bare:
            facts["years_in_field"] = cn_number(bare[1])
    if titles:
        facts["titles"] = titles
    elif re.search(rf"{NEGATION}(任何)?(职称)", text) or (expect in ("titles", "title_years") and NO.match(low)):
        facts["titles"] = []
    elif expect == "titles" and expect_level and YES.match(low):
        t = {"level": expect_level, "series": "this"}
        d = parse_duration(text)
        if d is not None:
            t["years"] = d
        facts["titles"] = [t]

    _read_work(text, low, expect, facts)
    return facts


def _is_target(before: str) -> bool:
    """A grade named right after 申报/评/报… is the one asked about (评上/取得… is one held)."""
    return bool(TARGET_BEFORE.search(before)) and not re.search(r"(评上|评了|拿到|取得)\s*$", before)


def _segments(text: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for m in SEGMENTS.finditer(text):
        out.append((text[pos : m.start()], pos))
        pos = m.end()
    out.append((text[pos:], pos))
    return [(s, o) for s, o in out if s.strip()]


def _read_work(text: str, low: str, expect: str | None, facts: dict[str, Any]) -> None:
    """Performance, direction, achievements, breakthrough and basic conditions."""
    if re.search(r"研究(工作|方向|类)|搞研究|做研究|从事.{0,6}研究", text):
        facts["direction"] = "research"
    elif re.search(r"运营|服务(工作|方向|类)", text):
        facts["direction"] = "operations"

    if re.search(rf"{NEGATION}.{{0,4}}业绩", text) or re.search(
        r"业绩.{0,4}(不够|不足|不满足|不符合|没有|不具备)", text
    ):
        facts["performance_met"] = False
    elif re.search(r"业绩", text) and re.search(r"有|具备|满足|符合|达到|够", text):
        facts["performance_met"] = True
    elif expect == "performance" and (YES.match(low) or NO.match(low)):
        facts["performance_met"] = bool(YES.match(low)) and not NO.match(low)

    counts = []
    for pat in (
        rf"({NUM})\s*(?:项|篇|个|份|本|部)[^，。；]{{0,8}}?{ACHIEVE_WORDS}",
        rf"{ACHIEVE_WORDS}[^，。；\d]{{0,4}}?({NUM})\s*(?:项|篇|个|份|本|部)",
    ):
        for m in re.finditer(pat, text):
            if not any(p.search(m[0]) for p in BREAK_ITEMS.values()):  # 破格 facts are not 成果 counts
                counts.append(cn_number(m[1]))
    if counts:
        facts["achievements"] = int(sum(counts))
    elif re.search(rf"{NEGATION}.{{0,3}}{ACHIEVE_WORDS}", text):
        facts["achievements"] = 0
    elif expect == "achievements":
        bare = re.search(rf"({NUM})\s*(项|篇|个)?", low)
        if bare:
            facts["achievements"] = int(cn_number(bare[1]))
        elif NO.match(low):
            facts["achievements"] = 0

    items = [k for k, pat in BREAK_ITEMS.items() if pat.search(text)]
    if re.search(rf"{NEGATION}.{{0,6}}破格", text) or (expect == "breakthrough" and NO.match(low)):
        facts["breakthrough"] = []
    elif items and not re.search(rf"{NEGATION}.{{0,4}}(采纳|国家重大|典型案例|媒体)", text):
        facts["breakthrough"] = items
    elif expect == "breakthrough" or "破格" in text:
        nth = re.search(rf"第\s*({NUM})\s*(条|项|个|种)?|^\s*({NUM})\s*$", low)
        if nth:
            k = int(cn_number(nth[1] or nth[3]))
            if k in (1, 2, 3):
                facts["breakthrough"] = [k]

    if re.search(rf"{NEGATION}.{{0,4}}(基本条件|继续教育)", text):
        facts["basic_met"] = False
    elif re.search(
        r"(符合|满足|具备|参加了?|完成了?).{0,4}(基本条件|继续教育)|基本条件.{0,3}(都)?(符合|满足|具备)", text
    ):
        facts["basic_met"] = True
    elif expect == "basic" and (YES.match(low) or NO.match(low)):
        facts["basic_met"] = bool(YES.match(low)) and not NO.match(low)
