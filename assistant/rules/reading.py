"""Reading eligibility facts from plain Chinese: degrees, durations, titles held, achievements.

Only what the text says is returned (a missing key means "not said"); the ``expect`` argument is
the fact the last follow-up asked for, so a bare "5年" or "有" can answer it.

    >>> read_facts("本科毕业3年，能申报工程师吗？")
    {'years_in_field': 3.0, 'grade': '工程师', 'education': '大学本科'}
    >>> parse_duration("七年多"), parse_duration("三年半"), parse_duration("3个月"), parse_duration("快5年了")
    (7.0, 3.5, 0.25, 4.5)

Read safely: what is denied is not held, a correction wins, a range counts from its lower bound,
and English is read through the same Chinese patterns.

    >>> read_facts("我没评过初级职称，本科毕业6年")["titles"]
    []
    >>> read_facts("不是硕士，是本科")["education"], read_facts("本科毕业3年，不对，是5年")["years_in_field"]
    ('大学本科', 5.0)
    >>> read_facts("三到五年")["years_in_field"], read_facts("十来年")["years_in_field"]
    (3.0, 10.0)
    >>> read_facts("Can I apply for senior engineer with a PhD and 3 years of work?")
    {'years_in_field': 3.0, 'grade': '高级工程师', 'education': '博士研究生'}
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..text import cn_number
from ..vocab import GRADE_LEVEL, LEVEL_GRADE, LEVEL_RANK, Grade, Level, Mention, vocabulary
from .phrases import (
    MAX_YEARS,
    NO,
    NUM,
    OVER,
    SEGMENTS,
    UNDER,
    YES,
    as_chinese,
    durations,
    full_years,
    graduation,
    is_reply,
    parse_duration,
    segments,
    simplify_numbers,
    year_of_title,
    years_from_dates,
)
from .work import read_work

TARGET_BEFORE = re.compile(
    r"(申报|报考|报名|报|评审|评定|参评|评|申请|考|晋升|升|冲|够|达到|(?:申报|报)的是?)\s*(?:一下|上)?\s*"  # "报的是助工"
    r"(?:(?:工程技术系列)?技术经纪(?:专业)?的?)?\s*$"  # "转评技术经纪高级工程师"
)
ASKED_ABOUT = re.compile(r"\s*(?:的话)?\s*(?:呢|怎么样|行吗|可以吗|能报吗)")  # "那工程师呢": the grade asked about
TARGET_AFTER = re.compile(r"^\s*(职称)?\s*(吗|么|嘛|呢|？|\?|的条件|的资格|资格|条件)")
HELD_BEFORE = re.compile(
    r"(取得|拿到|拿了|拿|获得|持有|有|已是|已经是|现在是|目前是|我是|是|我的|评上|评了|考取|当了)[^能想可申报评考升冲够]{0,8}$"
)
HELD_AFTER = re.compile(
    rf"^\s*(职称)?\s*(后|以来|以后|之后|已经|已|了|满|有|是\s*{NUM}"
    rf"|(也|都|早就|早已|才|刚|刚刚|已经)?\s*(拿|评|考|取得|获得)(了|到|上)?\s*(证|证书)?\s*了?\s*{NUM}|(也|都|早就|早已)\s*(评上|拿到|取得|获得|考取)了"
    rf"|(也|都|已经|已|有|刚好|刚刚|正好|刚)?\s*({UNDER}|{OVER})?\s*{NUM}\s*个?(年|月)"
    r"|(我|本人)\s*(早就|早已|已经|已)?\s*(有|拿到|评上|取得))"  # "助工我已经有了"
)
TARGET_AFTER = re.compile(r"^\s*\S{0,4}?(?:能不能|可不可以|能否|能|可以)\S{0,2}(?:申报|报|评|参评)")
SINCE_AFTER = re.compile(r"^\s*(?:职称)?\s*(?:以后|之后|以来|后)(?!\s*再)")
WANTS_BEFORE = re.compile(r"(?:想|要|准备|打算|计划|能|可以|能否|能不能)\s*\S{0,2}$")
# a title, degree or fact denied: "没评过初级" "还没拿到中级" "不是硕士" "中级职称还没有"
NEG_BEFORE = re.compile(  # "有没有中级职称" and "是不是硕士" ask; they do not deny ("跳过助理直接评": skipped)
    r"(?:(?<!有)没有?|未|无|尚未|还没有?|也没有?|并非|(?<!是)不是|并不是|从没有?|从未|没能|跳过|越过|绕过|不先评)\s*"
    r"(?:评过|评上|评|拿到|拿|取得|获得|考过|考取|考|持有|具备|有)?\s*(?:过|到|上)?\s*(?:任何|相应的?|这个)?\s*$"
)
NEG_AFTER = re.compile(  # what follows the negation is the thing denied ("大专没有职称" denies the title)
    rf"^\s*(?:职称|学历|学位|证书)?\s*[：:]?\s*(?:还|也|都|一直)?\s*(?:没有|没|未|无|尚未|(?:能|可以|能否|可否)?(?:跳过|越过|绕过))"
    rf"(?!\s*(?:满|到|够|几|多|{NUM}|(?:评|拿|取得|获得|考)?\S?\s*(?:任何|相应)?的?职称|工作|从事|干|做))"
)
NO_TITLE = re.compile(
    r"(?<!有)(?:没有?|未|无|尚未|还没有?|也没有?|从没有?|从未)\s*(?:评过?|评上|拿到|取得|获得|考过?|持有)?\s*(?:过|到)?\s*"
    r"(?:任何)?\s*(?:的)?职称|职称\s*[：:]?\s*(?:还|也|都|一直)?\s*(?:没有|没|无|未|尚未)(?!\s*(?:满|到|够|几|多))"
)
# a degree still being studied for ("在读博士", "博士还没毕业") is not held
STUDYING = re.compile(r"(?:在读|正在读|在职读|读|攻读|在念)\s*$")
STUDYING_AFTER = re.compile(r"^\s*(?:在读|还在读|在念|还没毕业|没毕业|未毕业|尚未毕业)")
# "不对，说错了，是5年": what follows corrects what was said before
CORRECTION = re.compile(r"不对|说错|搞错|记错|打错|写错|口误|更正|纠正|应该是|其实是|准确地?说|改为|改成|重新说")
CORRECTED_AS = re.compile(r"(?:应该|其实|而|但|只)?是\s*$")  # "……，是Y": Y takes the corrected one's role
WORK_WORDS = re.compile(r"毕业|工作|从事|干|做|经验|经历|本专业|技术转移")  # a duration of work, not of a title
FIELD_WORDS = re.compile(r"毕业|工作|从事")  # "有，取得后干了6年" still answers how long a title is held
SINCE_TITLE = re.compile(
    r"(?:取得|拿到|拿了|获得|评上|评了|考取|有了)\S{0,6}?(?:之?后|以来)"
)  # "…职称，取得后干了4年", "拿到助理以后做技术转移满4年": the title's years
SWITCHED = re.compile(
    r"转(?:到|做|岗|行|入|来|去|至|型)|调(?:到|入|至)"
)  # "有经济系列副高，转到技术转移岗位3年": years since both
FIELD_OWN = re.compile(r"技术转移|技术经纪|成果转化|转移转化|本专业|这行|这一行")  # years in the field itself
ORDINAL_YEAR = re.compile(rf"第\s*{NUM}\s*年")  # "毕业第一年就评了助理": when, not how long
OTHER_SERIES = re.compile(
    r"非本系列|不是本系列|不属于本系列|其他系列|别的系列|其它系列|外系列|(?<!工程技术)(?<!工程)(?<!本)系列(?!（技术经纪）)"
)
# "没问题", "没毛病": a yes said with a negation; a space between two clauses of a chat message is a comma
POSITIVE = re.compile(r"(?:都|也)?没(?:什么|啥|有)?(?:问题|毛病)|不成问题|没得说")
SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
RELATIVE = {"今年": 0, "去年": 1, "前年": 2, "大前年": 3}  # "去年博士毕业": a year, counted to today
RELATIVE_YEAR = re.compile(r"大前年|前年|去年|今年(?=\S{0,6}(?:毕业|取得|评上|拿到|入职|转|调))")
# still studying: "还没毕业", "博士在读", "明年6月才毕业" (a degree not yet obtained)
NOT_GRADUATED = re.compile(
    r"(?:还没|还未|尚未|没有?|未)毕业|(?<![年间时])在读|在校生|还在上学|还在读|(?:明年|下半年|下个?月)\S{0,5}毕业"
)
GRADUATED_NOW = re.compile(
    r"(?<![没未])毕业了|已经?毕业|毕业\s*(?:\d|[一二两三四五六七八九十半])|\d{4}\s*年\S{0,4}毕业"
)
AHEAD = re.compile(
    rf"(?:再)?过\s*({NUM})\s*年|({NUM})\s*年(?:以|之)?后(?=\S{{0,4}}(?:能|可以|够|再))|再(?:干|做|工作)\s*({NUM})\s*年"
)
# "2020年硕士毕业", "2021年12月毕业": the year and, when said, the month
GRADUATED_IN = re.compile(
    r"((?:19|20)\d\d)\s*年(?:(\d{1,2})\s*月份?)?[^，。；,;\d]{0,12}?毕业"
    # "大专毕业，2016年7月", "毕业于2019年": the date after 毕业 (not a title's or a job's)
    r"|毕业(?:于|是|时间是?|是在|时间)?[，,：:\s]*((?:19|20)\d\d)\s*年(?:(\d{1,2})\s*月份?)?"
    r"(?![^，。；,;]{0,6}(?:取得|评|拿|获得|考|入职|参加工作|开始|起))"
)
CONTINUED = re.compile(  # …and has worked in the field since
    r"一直|至今|到现在|到今天|毕业后|毕业以后|此后|之后|同年|当年|随后|入职|进了|进入"
)


@dataclass
class Reading:
    """What one message says: the facts, and how they relate to what was said before.

    ``denied``: title levels the person says they do not hold ("没评过初级"); ``correction``: the
    message corrects something ("不对，是5年"); ``bare_duration``: a corrected duration that does not
    say what it is the duration of (the conversation knows which fact was stated last);
    ``duration_of``: which fact the message's last duration was ("years_in_field" or "title");
    ``under``: values read from "almost N" ("快5年" → 4.5), with the N said, to show as "不满5年";
    ``below``: those of them said as a bound only ("不到10年": any number of years under 10).
    """

    facts: dict[str, Any] = field(default_factory=dict)
    denied: list[str] = field(default_factory=list)
    correction: bool = False
    bare_duration: float | None = None
    duration_of: str | None = None
    under: dict[float, float] = field(default_factory=dict)
    below: set[float] = field(default_factory=set)  # of ``under``'s values, those only bounded ("不到10年")
    since: dt.date | None = None  # "2020年毕业，一直做技术转移": the years run from then to the day asked
    graduated: dt.date | None = None  # "我2014年硕士毕业": the month (July unless said), for "一直干到现在" later
    title_year: int | None = None  # "中级是2020年拿的": the year a title's years were counted from
    continued: bool = False  # "一直干到现在": in the field since graduating
    studying: bool = False  # "博士在读", "还没毕业": a degree not yet obtained (routing: the person's own case)
    ahead: float = 0.0  # "再过3年能报吗": years to add to those in the field and since a title
    deducted: float = 0.0  # years said to be outside the field ("中间有2年在做销售"), taken off the years in it


SERIES_TAIL = re.compile(r"(?:非本|[\u4e00-\u9fff]{2})系列(?:（专业）|\(专业\))?的?\s*$")  # "其他系列的", "经济系列"
# years of the time since graduating spent outside the field ("中间有2年在做销售", "其实前3年做的是行政",
# "中间有1年没工作"): taken off the years in the field
DEDUCTION = re.compile(
    r"(?:中间|其中|期间|前|头|最开始|一开始|开始|刚毕业)(?:那)?\S{0,3}?(?:有)?\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)\s*年(?:多)?"
    r"(?:时间)?(?:都)?[^，。；,;！？!?]{0,12}?(?:在|是|去)?(?:做|干|搞|当|从事|没|待业|读|考|出国|休息)"
)
# "不是6年，是4年": the duration denied is replaced by the one that follows (a correction)
DENIED_DURATION = re.compile(
    r"不是\s*[\d一二两三四五六七八九十]+\s*年(?:多)?[，,\s]*(?:而)?(?=是\s*[\d一二两三四五六七八九十]+\s*年)"
)
# "做软件开发的 不是做技术转移": the years said are no years in the field (the check asks for those)
NOT_FIELD = re.compile(
    r"(?:不是|不|没|没有|并非|从没|从来没)(?:在)?(?:做|干|搞|从事)(?:的)?(?:是)?\S{0,2}(?:技术转移|成果转化|转移转化|技术经纪)"
)
LEVEL_GLOSS = re.compile(r"[（(]\s*(?:初级|中级|副高级?|正高级?|高级)(?:职称)?\s*[)）]")


def read_facts(text: str, expect: str | None = None, expect_level: str | None = None) -> dict[str, Any]:
    """Facts stated in ``text`` as a partial ``Facts`` dict (see the module docstring)."""
    return read(text, expect, expect_level).facts


def read(
    text: str,
    expect: str | None = None,
    expect_level: str | None = None,
    known: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> Reading:
    """Read one message; ``known`` (the facts so far) tells what "不是X，是Y" corrects; ``today`` turns
    "2016年取得…", "2019年起…至今" into the years since then."""
    studying = NOT_GRADUATED.search(text)  # (before "才毕业" is read as "毕业0年")
    studied = vocabulary().degree_in(text[max(0, studying.start() - 6) : studying.end()]) if studying else None
    text = LEVEL_GLOSS.sub("", text)  # "2019年评的工程师（中级）": the level restated, not another title
    text = simplify_numbers(as_chinese(SPACED.sub("，", POSITIVE.sub("良好", text))))  # "职业道德没问题 继续…"
    title_year = None
    if today is not None:
        text = full_years(RELATIVE_YEAR.sub(lambda m: f"{today.year - RELATIVE[m[0]]}年", text), today)
        title_year = year_of_title(text)
        text = years_from_dates(text, today)
    denied_duration = bool(DENIED_DURATION.search(text))
    text = DENIED_DURATION.sub("", text)  # "不是6年是4年" → "是4年", said as a correction
    ahead = AHEAD.search(text)  # "过三年能报中级吗": years still to come, not years held
    if ahead:
        text = text[: ahead.start()] + "＿" * len(ahead[0]) + text[ahead.end() :]
    r = Reading(correction=bool(CORRECTION.search(text)) or denied_duration, title_year=title_year)
    r.ahead = cn_number(next(g for g in ahead.groups() if g)) if ahead else 0.0
    for seg in segments(text):  # "中间有2年在做销售": those years are not in the field
        m = DEDUCTION.search(seg)
        if m and not FIELD_OWN.search(seg) and (years := parse_duration(m[1] + "年")) is not None:
            r.deducted += years
            text = text.replace(seg, "＿" * len(seg), 1)
    low = text.strip().lower()
    _TitleReader(r, expect, expect_level, known or {}).run(text)
    edu = stated_education(text)
    if edu:
        r.facts["education"] = edu
    # a short reply to the pending question (not "不对，是2019年毕业": that corrects, it answers nothing)
    # ("没评过助工哦" answers no pending question on 业绩: it denies a title)
    named = {"education", "grade", "years_in_field", "titles"} & set(r.facts) or r.denied
    bare = is_reply(low) and not named and not CORRECTION.match(low)
    _read_answers(text, low, expect, expect_level, r, bare)
    read_work(text, low, expect if bare or expect in ("achievements", "breakthrough") else None, r.facts, expect)
    own = any(FIELD_OWN.search(seg) and durations(seg) for seg in segments(text))  # "后3年才转做技术转移"
    if NOT_FIELD.search(text) and not own:  # "做HR的，不是做技术转移，本科毕业6年": the years in the field unknown
        r.facts.pop("years_in_field", None)
    if own:
        r.deducted = 0.0  # the years in the field were said themselves
    if r.deducted and "years_in_field" in r.facts:  # "本科毕业9年，其中前3年做行政": 6 in the field
        r.facts["years_in_field"] = max(0.0, r.facts["years_in_field"] - r.deducted)
        r.deducted = 0.0
    graduated = GRADUATED_IN.search(text)
    # "我是硕士…还没毕业": the degree said is not finished; "博士在读" alone: the degree held is unknown
    # ("硕士在读，本科学历", "硕士毕业，博士还没毕业": the one held is finished)
    held = r.facts.get("education") or (known or {}).get("education")
    r.studying = bool(studying)
    if studying and (studied is None or (held is not None and held == studied.value)):
        r.facts["graduated"] = False
        r.facts.pop("years_in_field", None)  # "明年6月才毕业": no years after graduating yet
    elif not studying and (known or {}).get("graduated") is False and GRADUATED_NOW.search(text):
        r.facts["graduated"] = True  # "研究生也毕业了，硕士毕业2年": the earlier "在读" no longer holds
    r.graduated = graduation(graduated[1] or graduated[3], graduated[2] or graduated[4]) if graduated else None
    r.continued = bool(CONTINUED.search(text)) and "years_in_field" not in r.facts
    if r.graduated and r.continued:
        r.since = r.graduated
    return r


# ---- titles, targets and durations ----------------------------------------------------------------
class _TitleReader:
    """Walks the message clause by clause: which grade is asked about, which titles are held (or
    denied), and which fact each duration belongs to."""

    def __init__(self, r: Reading, expect: str | None, expect_level: str | None, known: dict[str, Any]):
        self.r, self.expect, self.expect_level, self.known = r, expect, expect_level, known
        self.titles: list[dict[str, Any]] = []
        self.targets: list[str] = []
        self.last_title: dict[str, Any] | None = None  # a title whose years may follow in the next clause
        self.title_since = False  # the title's clause said "…以后": the next duration is the title's
        self.switched = False  # a clause after the title said "转到…": the next duration is in the field too
        self.aside_title: dict[str, Any] | None = None  # the title of the clause before ("…，是经济系列的")
        self.last_role: str | None = None  # the role of the last grade/title named ("target" | "held")
        self.correcting = False  # a correction marker was seen: later values replace earlier ones
        self.field_own = False  # the years in the field were said of the field itself

    def run(self, text: str) -> None:
        for seg in segments(text):
            if CORRECTION.search(seg):
                self.correcting = True
            mentions = vocabulary().title_mentions(seg)
            if mentions:
                self._mentions(seg, mentions)
                continue
            self._plain(seg)
        facts = self.r.facts
        if self.targets:
            facts["grade"] = self.targets[-1]
        if self.titles:
            facts["titles"] = self.titles
        elif self.r.denied:
            facts["titles"] = []

    def _mentions(self, seg: str, mentions: list[Mention]) -> None:
        seg_title = False
        for m in _merge_series(seg, mentions):
            role = self._role(seg, m)
            if role == "asked":
                continue
            if role == "denied":
                self.r.denied.append(m.value)
                continue
            self.last_role = role
            if role in ("corrected", "named"):  # "不是工程师，是高级工程师": the name that follows replaces it
                continue
            if role == "target":
                self.targets.append(str(LEVEL_GRADE[Level(m.value)]))
                continue
            other = m.other_series or bool(OTHER_SERIES.search(seg)) or _series_named(seg[: m.start])
            other = other or bool(SPECIALTY_AFTER.match(seg[m.end :]))  # "中级是机械专业的"
            t: dict[str, Any] = {"level": m.value, "series": "other" if other else "this"}
            when = ORDINAL_YEAR.sub(lambda o: "＿" * len(o[0]), seg)
            r = self.r
            durs = durations(when[m.end :], r.under, r.below) or durations(when[: m.start], r.under, r.below)
            if durs:
                t["years"] = durs[0][1]
                self.r.duration_of = "title"
            t = self._add_title(t)
            seg_title = True
            self.last_title = t if "years" not in t else None
            self.title_since = bool(SINCE_TITLE.search(seg))  # "拿了助理级职称以后，干满3年": its years follow
            self.switched = False
            self.aside_title = t
        if not seg_title:
            self._plain(seg)

    def _add_title(self, t: dict[str, Any]) -> dict[str, Any]:
        """Add a title held; the same title named again ("评了助理工程师，拿到助理以后…") is the same one."""
        if self.correcting and self.titles and self.last_role == "held":
            self.titles.pop()  # "取得中级职称，不对，是初级": the correction replaces it
        same = next((o for o in self.titles if (o["level"], o["series"]) == (t["level"], t["series"])), None)
        if same is not None:
            same.update({k: v for k, v in t.items() if v is not None})
            return same
        self.titles.append(t)
        return t

    def _role(self, seg: str, m: Mention) -> str:
        """target (the grade asked about), held (a title the person has), denied, corrected, asked, or
        named (the held title's other name, in brackets)."""
        before, after = seg[: m.start], seg[m.end :]
        if re.search(r"(?:有没有|是不是|有无)\s*$", before):
            return "asked"  # "有没有中级职称都能评吗": neither held nor denied
        if re.search(r"(?:比|比起|相比|较)\s*$", before):
            return "asked"  # "工程师的成果是不是比高工少": compared with, not held
        if re.search(r"指导\s*$", before):
            return "asked"  # "能够指导助理工程师工作": an ability, neither a grade asked nor a title held
        if re.search(r"[（(]\s*$", before) and self.last_role == "held":
            return "named"  # "取得中级职称（工程师）", "经济师职称（中级）": the title's name, in brackets
        unseries = SERIES_TAIL.sub("", before)  # "也没有其他系列的副高": the negation is of the title
        if NEG_BEFORE.search(before) or NEG_BEFORE.search(unseries) or NEG_AFTER.match(after):
            if self._corrects_grade(m):
                return "corrected"
            return "denied"
        if SINCE_AFTER.match(after) and not WANTS_BEFORE.search(before):
            return "held"  # "评中级以后她作为主要负责人…": since the title was obtained (not "想评中级以后再说")
        if _is_target(before) and not m.other_series:
            return "target"
        corrected_as = CORRECTED_AS.search(before) and (self.correcting or self.last_role == "corrected")
        if corrected_as and not m.other_series:
            return self._corrected_role(m)
        if m.other_series or HELD_BEFORE.search(before) or HELD_AFTER.match(after) or SPECIALTY_AFTER.match(after):
            return "held"  # ("中级是机械专业的": a title has a specialty; one asked for is named before it)
        if OTHER_SERIES.search(before):  # "非本系列副高级职称可以转评高级工程师吗": only ever held
            return "held"
        if TARGET_AFTER.match(after) or (re.fullmatch(r"\s*(?:那|那么)?\s*", before) and ASKED_ABOUT.match(after)):
            return "target"  # "正高今年能报吗", "那工程师呢", asked while the check waits for a title
        return "held" if self.expect in ("titles", "title_years") else "target"

    def _corrects_grade(self, m: Mention) -> bool:
        """A correction, not a denial: "不是工程师，是高级工程师" when 工程师 is the grade asked about."""
        grade = self.known.get("grade") or (self.targets[-1] if self.targets else None)
        return grade is not None and not m.other_series and GRADE_LEVEL[Grade(grade)].value == m.value

    def _corrected_role(self, m: Mention) -> str:
        """The role a corrected name takes ("说错了，是高级工程师"): that of what it corrects."""
        if self.last_role in ("target", "held"):
            return self.last_role
        if self.last_role == "corrected":
            return "target"
        grade, held = self.known.get("grade"), self.known.get("titles")
        if grade and held:  # a title held is below the grade asked about
            return "held" if LEVEL_RANK[Level(m.value)] < LEVEL_RANK[GRADE_LEVEL[Grade(grade)]] else "target"
        return "held" if held else "target"

    def _plain(self, seg: str) -> None:
        """A clause naming no grade or title: the series of the title before it, or a duration."""
        aside, self.aside_title = self.aside_title, None
        if aside is not None and (OTHER_SERIES.search(seg) or _series_named(seg, anywhere=True)):
            aside["series"] = "other"  # "我有中级职称，但是是经济系列的"
            if not durations(seg):
                return  # "我是副高，经济系列的，三年了": the years still follow
        self.durations(seg)

    def durations(self, seg: str) -> None:
        durs = durations(seg, self.r.under, self.r.below)
        if not durs:
            if (SINCE_TITLE.search(seg) or SWITCHED.search(seg)) and self.last_title is not None:
                self.title_since = True  # "评上工程师了，评上之后一直做技术转移，满6年": the title's years
                self.switched = bool(SWITCHED.search(seg))  # "…高级经济师，后来转到技术转移岗位，干满4年"
            elif not vocabulary().degree_in(seg):  # "我是高工，本科，已经6年了": a degree aside keeps the title
                self.last_title = None
            return
        value = durs[0][1]
        work = WORK_WORDS.search(seg)
        since = SINCE_TITLE.search(seg) or self.title_since
        switched = SWITCHED.search(seg) or self.switched
        if self.last_title is not None and (not work or since or switched):
            self.last_title["years"] = value  # "我有经济系列的副高级职称，3年了"
            self.r.duration_of = "title"
            if switched:  # "…，转到技术转移岗位3年了": in the field as long
                self._years_in_field(value, bare=False, own=True)
        elif self.correcting and not work and self.r.duration_of == "title" and self.titles:
            self.titles[-1]["years"] = value  # "取得中级职称3年，不对，是4年"
        elif self.expect in ("titles", "title_years") and not FIELD_WORDS.search(seg) and not self.correcting:
            pass  # "有，5年" answers how long the title has been held (not "说错了，是8年": what was said last)
        else:
            bare = self.correcting and not work and self.r.duration_of is None
            self._years_in_field(value, bare=bare, own=bool(FIELD_OWN.search(seg)))
        self.last_title = None

    def _years_in_field(self, value: float, bare: bool, own: bool) -> None:
        """Years in the field; ``bare``: a corrected duration that does not say of what ("说错了，是5年");
        ``own``: said of the field itself, so it wins over years since graduation ("本科毕业6年，…后3年才转做
        技术转移" → 3)."""
        if bare:
            self.r.bare_duration = value  # of what, the conversation knows
        elif self.r.bare_duration is None:
            self.r.duration_of = "years_in_field"
        later_own = own and not self.field_own
        if self.correcting or "years_in_field" not in self.r.facts or later_own:
            self.r.facts["years_in_field"] = value  # after a correction, the later value wins
            self.field_own = self.field_own or own


def _merge_series(seg: str, mentions: list[Mention]) -> list[Mention]:
    """A level and another series' title side by side ("中级经济师") are one title of that series."""
    out: list[Mention] = []
    for m in mentions:
        if out and m.other_series and not out[-1].other_series and out[-1].end == m.start:
            prev = out.pop()
            m = Mention(prev.start, m.end, prev.name + m.name, prev.value, True)
        out.append(m)
    return out


def _series_named(text: str, anywhere: bool = False) -> bool:
    """Another series named right before the level ("会计中级职称", "经济类副高"), or, ``anywhere``,
    as a series in a clause of its own ("是经济系列的")."""
    names = "|".join(map(re.escape, vocabulary().other_series_names))
    if anywhere:
        return bool(names) and bool(re.search(rf"(?:{names})(?:系列|专业|类)", text))
    if re.search(r"[\u4e00-\u9fff]{2}(?<!技术经纪)(?<!经纪)(?<!本)(?<!相关)(?<!同一)(?<!这个)专业的?\s*$", text):
        return True  # "评的机械专业工程师": a specialty of its own, not this one
    return bool(names) and bool(re.search(rf"(?:{names})(?:系列|专业|类|的)?\s*$", text))


# "中级是机械专业的", "工程师职称（电子专业的）": the specialty of a title, said after it
SPECIALTY_AFTER = re.compile(
    r"^\s*(?:职称)?\s*[（(]?\s*(?:是|为|属于)?\s*[\u4e00-\u9fff]{2,6}?(?<!技术经纪)(?<!本)专业"
)
HELD_VERB = re.compile(r"(?:评的|评了|评上|取得|拿到|拿了|拿的|获得|有|是)\s*(?:个|一个)?$")
LEVEL_WORD = re.compile(
    r"(?:初级|中级|副高级?|正高级?|高级|助理工程师|助工|工程师|高工)(?:职称)?\s*[（(]?\s*(?:是|为|属于)?\s*$"
)


def specialty_held(text: str, term: str) -> bool:
    """Whether every mention of ``term`` names the specialty of a title the person holds, not one asked about.

    >>> specialty_held("2020年评的机械专业工程师", "机械"), specialty_held("中级是机械专业的，能报高工吗", "机械")
    (True, True)
    >>> specialty_held("2019年拿的中级（电子专业的）", "电子"), specialty_held("想报电子信息专业的中级", "电子信息")
    (True, False)
    >>> specialty_held("我是上海的，能报吗", "上海")
    False
    """
    found = list(re.finditer(rf"{re.escape(term)}(?=专业|系列|类)", text))  # (a place named is no specialty)
    for m in found:
        before = text[: m.start()]
        level = LEVEL_WORD.search(before)
        if HELD_VERB.search(before) or (level and not _is_target(before[: level.start()])):
            continue
        return False
    return bool(found)


def _is_target(before: str) -> bool:
    """A grade named right after 申报/评/报… is the one asked about (评上/取得… is one held)."""
    held = re.search(r"(评上|评了|拿到|取得)\s*(?:(?:工程技术系列)?技术经纪(?:专业)?的?)?\s*$", before)
    return bool(TARGET_BEFORE.search(before)) and not held


# ---- degrees ----------------------------------------------------------------------------------------
def stated_education(text: str) -> str | None:
    """The degree the person states: not one they deny ("不是硕士，是本科"); after a correction, the last."""
    kept: list[tuple[int, str]] = []
    corrected_at = _correction_at(text)
    for seg_start, seg in _segments_at(text):
        for m in vocabulary().degree_mentions(seg):
            before, after = seg[: m.start], seg[m.end :]
            if (
                NEG_BEFORE.search(before)
                or NEG_AFTER.match(after)
                or STUDYING.search(before)
                or STUDYING_AFTER.match(after)
            ):
                continue
            kept.append((seg_start + m.start, m.value))
    if not kept:
        return None
    if corrected_at is not None and any(pos > corrected_at for pos, _ in kept):
        return kept[-1][1]
    values = [v for _, v in kept]
    degree = vocabulary().degree_in("、".join(values))  # 硕士 and 博士 together: 博士
    return str(degree) if degree else values[0]


def _correction_at(text: str) -> int | None:
    m = CORRECTION.search(text)
    return m.start() if m else None


def _segments_at(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in SEGMENTS.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(p, s) for p, s in out if s.strip()]


def _read_answers(text: str, low: str, expect: str | None, expect_level: str | None, r: Reading, bare: bool) -> None:
    """A bare answer to the follow-up; ``bare``: the message is a short reply naming nothing else."""
    facts = r.facts
    if expect == "title_years":
        d = parse_duration(text, r.under, r.below)
        if d is not None:
            if facts.get("titles"):
                facts["titles"][-1].setdefault("years", d)
            elif expect_level:
                facts["titles"] = [{"level": expect_level, "series": "this", "years": d}]
            r.duration_of = "title"
    if expect == "years_in_field" and "years_in_field" not in facts:
        number = re.fullmatch(rf"\s*({NUM})\s*", low)
        if number and cn_number(number[1]) <= MAX_YEARS:
            facts["years_in_field"] = cn_number(number[1])
    if "titles" in facts:
        return
    if NO_TITLE.search(text) or (expect in ("titles", "title_years") and NO.match(low) and bare):
        facts["titles"] = []
    elif expect == "titles" and expect_level and YES.match(low) and bare:
        t: dict[str, Any] = {"level": expect_level, "series": "this"}
        d = parse_duration(text, r.under, r.below)
        if d is not None:
            t["years"] = d
            r.duration_of = "title"
        facts["titles"] = [t]
