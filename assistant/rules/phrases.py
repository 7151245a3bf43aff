"""Numbers, durations and English as people say them, read for the facts reader.

A range or an approximation counts from its lower bound; English is rewritten in the Chinese the
reader knows.

    >>> parse_duration("七年多"), parse_duration("三年半"), parse_duration("3个月"), parse_duration("快5年了")
    (7.0, 3.5, 0.25, 4.5)
    >>> simplify_numbers("三到五年")
    '三年'
"""

from __future__ import annotations

import datetime as dt
import re

from ..text import CN_NUMERAL, cn_number

MAX_YEARS, MAX_COUNT = 60, 1000  # what the eligibility tool accepts; anything beyond is not a fact

NUM = rf"(?:\d+(?:\.\d+)?|[{CN_NUMERAL}]+)"
# "快5年" is under 5; "满5年"/"5年多" is 5; "第5年" is in the fifth year, so under 5
UNDER = (
    r"快要|快满|快|将近|接近|近|差不多|不到|不满|不足|没满|未满|没到|未到|还差一点|马上就满|马上就|马上|即将满|即将|第"
)
OVER = r"已经满|已满|满|超过|整整|足足|多于"
# "25年的申报通知", "24年或者25年的评审": a year of the calendar, said short, before what happens in it
ROUND_AFTER = re.compile(
    r"\s*(?:(?:或者?|和|、|到|至|还是)\s*\d{2}\s*年)?\s*的?\s*(?:申报|通知|评审|文件|政策|那次|这次|那轮|一轮)"
)
# "不到10年" only bounds the years from above (any number under 10); "快10年" is near 10
BELOW_WORDS = {"不到", "不满", "不足", "没满", "未满", "没到", "未到"}
DURATION = re.compile(
    # "7月" is a month, not a duration (个月 is); "下一年" is the next round, not a year of work
    # (but "评上3年了" is: 上 ends the verb)
    rf"(?P<pre>{UNDER}|{OVER})?(?:有|了|就|都)?(?:(?<![下去明今每])(?<!上(?=一))(?P<n>{NUM})|(?<![下上去明今每]))(?P<half1>半)?\s*(?P<unit>年|个月)"
    rf"(?P<more>多|以上|整)?(?:(?P<half2>半)|零?(?P<m>{NUM})个?多?月)?"
)
UNDER_WORDS = set(UNDER.split("|"))

# ---- numbers as people say them: a range or an approximation counts from its lower bound ----------
COUNTED = r"(?=\s*个?(?:年|月|项|篇|个|份|本|部))"
CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
APPROXIMATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    # 差一个月满两年 → 不到两年
    (
        re.compile(rf"(?:还)?差\s*(?:{NUM}\s*个?月|一点|几个月|半年|几天)\s*(?:就)?(?:满|到)?\s*({NUM})\s*年"),
        r"不到\1年",
    ),
    (re.compile(rf"({NUM})\s*(?:年|个月)?\s*(?:到|至|-|~|～|—|－|或)\s*({NUM}){COUNTED}"), r"\1"),  # 三到五年 → 三
    (re.compile(rf"([十百])(?:来|几|多){COUNTED}"), r"\1"),  # 十来年, 十几年, 二十多年 → 十, 二十
    (re.compile(rf"(\d+)\s*(?:来|几|多){COUNTED}"), r"\1"),  # 10来年, 20多年 → 10, 20
    (re.compile(rf"三五{COUNTED}"), "三"),  # 三五年: a few years, at least three
    # 刚毕业 (no years said): none yet in the field
    (re.compile(rf"(?:刚刚|刚|才|应届)毕业(?![^，,。；;]{{0,6}}?{NUM}\s*个?(?:年|月))"), "毕业0年"),
)
PAIR = re.compile(
    rf"(?<![{CN_NUMERAL}])([一二两三四五六七八九])([二三四五六七八九]){COUNTED}|(十)([一二三四五六七八])([二三四五六七八九]){COUNTED}"
)

# ---- English, read through the Chinese patterns ----------------------------------------------------
EN_NUMBERS = {
    w: str(n)
    for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))
}
ENGLISH: tuple[tuple[str, str], ...] = (
    (r"\b(?:can|could|may|should)\s+i\s+(?:apply|qualify|be\s+eligible|register)\s+(?:for|to|as)?\b", " 我能申报"),
    (r"\b(?:am|would)\s+i\s+(?:be\s+)?(?:eligible|qualified)\s+(?:for|to\s+apply\s+for)?\b", " 我能申报"),
    (r"\bdo\s+i\s+(?:qualify|meet\s+the\s+requirements?)\s+(?:for)?\b", " 我能申报"),
    (r"\b(?:apply|applying)\s+(?:for|to\s+be)\b", " 申报"),
    (r"\b(?:i(?:\s+am|'m)\s+)?not\s+sure\b|\bi\s+don'?t\s+know\b", " 不清楚 "),
    (
        r"\b(?:no|without\s+(?:a|any)|not?\s+(?:have|hold)\s+(?:a|any)|don'?t\s+(?:have|hold)\s+(?:a|any))"
        r"\s+(?:professional\s+)?titles?\b",
        " 没有职称 ",
    ),
    (r"\b(?:a|an|the)?\s*(?:intermediate|mid-level|middle)\s+(?:-level\s+)?(?:professional\s+)?title\b", " 中级职称 "),
    (r"\b(?:a|an|the)?\s*(?:junior|primary|assistant)\s+(?:-level\s+)?(?:professional\s+)?title\b", " 初级职称 "),
    (r"\b(?:a|an|the)?\s*(?:associate|deputy|vice|sub)[\s-]+senior\s+(?:professional\s+)?title\b", " 副高级职称 "),
    (r"\b(?:a|an|the)?\s*(?:ph\.?\s?d\.?|doctorate|doctoral\s+degree|doctor'?s\s+degree)\b", " 博士 "),
    (r"\b(?:a|an|the)?\s*master'?s?(?:\s+degree)?\b", " 硕士 "),
    (r"\b(?:a|an|the)?\s*bachelor'?s?(?:\s+degree)?\b|\bundergraduate\s+degree\b", " 本科 "),
    (r"\b(?:a|an|the)?\s*(?:associate|junior\s+college|college)\s+(?:degree|diploma)\b", " 大专 "),
    (r"\b(?:professor-level|full\s+senior)\s+engineer\b", " 正高级工程师 "),
    (r"\bsenior\s+engineer\b", " 高级工程师 "),
    (r"\bassistant\s+engineer\b", " 助理工程师 "),
    (r"\bengineer\b", " 工程师 "),
    (r"\bhalf\s+a\s+year\b|\bsix\s+months\b", " 半年 "),
    (r"\b(?:almost|nearly|close\s+to|under|less\s+than)\s+(\d+(?:\.\d+)?)\s*(?:years?|yrs?)\b", r" 不到\1年 "),
    (r"\b(?:over|more\s+than)\s+(\d+(?:\.\d+)?)\s*(?:years?|yrs?)\b", r" \1年多 "),
    (r"\b(\d+(?:\.\d+)?)\s*\+?\s*(?:years?|yrs?)\b", r" \1年 "),
    (r"\b(\d+)\s*months?\b", r" \1个月 "),
    (r"\b(?:papers?|publications?|achievements?|contracts?|reports?)\b", " 成果 "),
    (
        r"\b(?:working|worked|work|experience)\b|\bin\s+(?:the\s+field|technology\s+transfer|tech\s+transfer)\b",
        " 工作 ",
    ),
    (r"\bsince\s+graduat\w*|\bafter\s+graduat\w*|\bgraduated\b", " 毕业 "),
    (r"\b(?:i\s+have|i'?ve\s+got|i\s+hold|i\s+got)\b", " 我有 "),
    (r"\bi(?:\s+am|'m)\b", " 我是 "),
    (r"\band\b", "，"),
)
ENGLISH_RE = tuple((re.compile(p, re.IGNORECASE), r) for p, r in ENGLISH)
LATIN = re.compile(r"[A-Za-z]{2,}")


def as_chinese(text: str) -> str:
    """English grade-check phrases in ``text`` rewritten in the Chinese the reader knows.

    >>> as_chinese("I have a master's degree and 8 years in technology transfer")
    '我有 硕士，8年 工作'
    """
    if not LATIN.search(text):
        return text
    out = re.sub(
        r"\b(" + "|".join(EN_NUMBERS) + r")\b(?=\s+(?:years?|months?|papers?|achievements?))",
        lambda m: EN_NUMBERS[m[1].lower()],
        text,
        flags=re.IGNORECASE,
    )
    for pat, rep in ENGLISH_RE:
        out = pat.sub(rep, out)
    return re.sub(r"\s*，\s*", "，", re.sub(r"\s+", " ", out)).strip()


def simplify_numbers(text: str) -> str:
    """Ranges and approximations by their lower bound: "三到五年" → "三年", "五六年" → "五年", "十来年" → "十年".

    >>> simplify_numbers("干了五六年，两三篇论文，十五六年")
    '干了五年，两篇论文，十五年'
    >>> simplify_numbers("本科刚毕业，能报吗"), simplify_numbers("刚毕业两年")
    ('本科毕业0年，能报吗', '刚毕业两年')
    """
    for pat, rep in APPROXIMATIONS:
        text = pat.sub(rep, text)

    def pair(m: re.Match[str]) -> str:
        if m[1]:
            return m[1] if CN_DIGIT[m[2]] == CN_DIGIT[m[1]] + 1 else m[0]
        return m[3] + m[4] if CN_DIGIT[m[5]] == CN_DIGIT[m[4]] + 1 else m[0]

    return PAIR.sub(pair, text)


def _duration_value(
    m: re.Match[str], under: dict[float, float] | None = None, below: set[float] | None = None
) -> float | None:
    """The years ``m`` stands for; an "almost N" is recorded in ``under`` (value → N) for display, and
    in ``below`` when it only bounds the years from above ("不到10年")."""
    if not (m["n"] or m["half1"]):
        return None
    n = cn_number(m["n"]) if m["n"] else 0.0
    if m["unit"] == "个月":
        value = n / 12
    else:
        value = n + (0.5 if (m["half1"] or m["half2"]) else 0.0)
        if m["m"]:
            value += cn_number(m["m"]) / 12
    if value > MAX_YEARS:
        return None  # "1998年毕业", "一二三年": a year or a slip, not a duration
    if m["pre"] in UNDER_WORDS:
        said, value = value, round(max(0.0, value - 0.5), 2)  # "不到5年": under the threshold
        if under is not None:
            under[value] = said
        if below is not None and m["pre"] in BELOW_WORDS:
            below.add(value)
    return round(value, 2)


def parse_duration(text: str, under: dict[float, float] | None = None, below: set[float] | None = None) -> float | None:
    """The first duration in ``text``, in years (``"半年"`` → 0.5, ``"满5年"`` → 5)."""
    for m in DURATION.finditer(simplify_numbers(text)):
        v = _duration_value(m, under, below)
        if v is not None:
            return v
    return None


def durations(
    text: str, under: dict[float, float] | None = None, below: set[float] | None = None
) -> list[tuple[int, float]]:
    out = []
    for m in DURATION.finditer(text):
        v = _duration_value(m, under, below)
        a_date = (
            re.match(r"\s*(度|底|初|份)", text[m.end() : m.end() + 1])
            or re.search(r"20\d\d$", text[: m.start()] + (m["n"] or ""))
            or (
                m["n"]
                and re.fullmatch(r"[12]\d", m["n"])
                and ROUND_AFTER.match(text, m.end())
                and not re.search(r"毕业|干|做|工作|从事|满|了", text[max(0, m.start() - 3) : m.start()])
            )
        )
        if v is not None and not a_date:
            out.append((m.start(), v))
    return out


# ---- clauses and short replies ("有", "没有", "不清楚") ----------------------------------------------
UNSURE = re.compile(r"不知道|不清楚|不确定|不太清楚|说不好|不好说|不懂|不了解|拿不准")
YES = re.compile(r"^(是|是的|有|有的|对|对的|嗯|具备|符合|满足|可以|都有|都满足|都符合|都具备|yes|没问题|当然)")
NO = re.compile(r"^(否|不是|没有|没|无|不具备|不符合|不满足|不|no|都没有|一项都没有)")
ASKING = re.compile(
    r"[？?]|吗|么|嘛|什么|哪|几|多少|怎么|如何|是否|有没有|能不能|可不可以|要不要|需不需要"
    r"|(?:能|可以|可|行|够|算|要|需要)[^，。,;；！!]{0,6}不\s*[。！!]?\s*$"  # "能申报不", "够不": a question
)
SEGMENTS = re.compile(r"[，,。；;！？!?\n]|而且|并且|同时")


def segments(text: str) -> list[str]:
    """The clauses of a message, split at punctuation and 而且/并且/同时."""
    return [s for s in SEGMENTS.split(text) if s and s.strip()]


def is_reply(low: str) -> bool:
    """A short statement (not a question of its own) can answer the last follow-up with 有/没有/是的."""
    return len(low) <= 16 and not ASKING.search(low)


def yes_no(low: str) -> bool | None:
    """A short reply read as yes (True), no (False) or neither (None).

    >>> yes_no("有的"), yes_no("没有"), yes_no("不清楚")
    (True, False, None)
    """
    if not is_reply(low) or UNSURE.search(low):
        return None
    if NO.match(low):
        return False
    return True if YES.match(low) else None


# ---- years since a stated year ----------------------------------------------------------------------
# "2016年取得助理工程师职称" (a title since a year), "2019年起调到技术转移部至今" (work since a year)
TITLE_IN_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年(?:\d{1,2}\s*月)?(?:份)?(?:才|就|刚|刚刚)?(取得|评上|拿到|获得|考取|评了|评的|拿的|考的|拿了|考了)了?([^，。；,;！？!?]{2,20}?)(?=[，。；,;！？!?]|$)"
)
# "我是高级经济师 2021年评的": the title first, the year it was obtained after it
TITLE_THEN_YEAR = re.compile(
    r"([^\s，。；,;！？!?]{0,8}(?:师|工|职称|中级|初级|副高|正高|高级|助理))"
    r"((?:\s*[（(]?(?:是|为)?[\u4e00-\u9fff]{2,6}?专业的?[）)]?|\s*[（(][^（()）]{1,12}[）)])?)"  # its specialty
    r"\s*[，,]?\s*(?:是|是在|在)?\s*((?:19|20)\d\d)\s*年"
    r"(?:\d{1,2}\s*月)?(?:份)?(?:才|就|刚|刚刚)?(?:评的|评上的|拿的|取得的|获得的|考的|评上|拿到|取得|获得)(?=[\s，。；,;！？!?]|$)"
)
WORK_SINCE_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年(?:\d{1,2}\s*月)?(?:份)?(?:起|开始|以来)([^，。；,;！？!?]{0,24}?(?:至今|到现在|到今天))"
)
# "2020年起她转到技术转移部门", "去年才转过来做技术转移的": in the field since that year
FIELD_SINCE_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年(?:\d{1,2}\s*月)?(?:份)?(?:起|开始|以来)?(?:才|就)?"
    r"([^，。；,;！？!?\d]{0,12}?(?:转|调|换|开始|做|干|从事|进入?)[^，。；,;！？!?\d]{0,10}?"
    r"(?:技术转移|技术经纪|成果转化|转移转化)[^，。；,;！？!?\d]{0,8})"
)


def year_of_title(text: str) -> int | None:
    """The year a title was obtained, as said ("2020年评上中级", "中级是2020年拿的"), if any.

    >>> year_of_title("中级是2020年拿的"), year_of_title("2016年取得助理工程师职称"), year_of_title("本科毕业")
    (2020, 2016, None)
    """
    if m := TITLE_IN_YEAR.search(text):
        return int(m[1])
    return int(m[3]) if (m := TITLE_THEN_YEAR.search(text)) else None


# "22年拿的中级", "16年本科毕业", "20年7月硕士毕业": a year said with two digits, before what happened in it
SHORT_YEAR = re.compile(
    r"(?<![\d.年])(\d{2})\s*年(?=(?:\d{1,2}\s*月)?(?:份)?(?:[^，。；,;！？!?\d年]{0,6}?)"
    r"(?:毕业|取得|评上|拿到|获得|考取|评的|拿的|考的|评了|拿了|入职|参加工作|换到|换岗|转到|转岗|调到|调入|转入|转行)"
    r"|(?:起|开始|以来)[^，。；,;！？!?\d]{0,12}(?:至今|到现在|做|干|从事))"
)
# "2022年底", "2019年初": the part of the year said as a month (年底 → 12月)
YEAR_PART = re.compile(r"((?:19|20)\d\d)\s*年的?(年底|年末|底|末|年初|初|年中|上半年|下半年)")
PART_MONTH = {"年底": 12, "年末": 12, "底": 12, "末": 12, "年初": 1, "初": 1, "年中": 7, "上半年": 4, "下半年": 10}
# "2019.7", "2019/07", "2019-7-1": a year and month written with a separator
DOTTED_DATE = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*\d{1,2}(?:日|号)?)?(?![\d.])")
DURATION_BEFORE = re.compile(r"(?:工作|干了?|做了?|从事|毕业|已经|已|满|了|近|快|超过|有|评了|当了)\s*$")


def full_years(text: str, today: dt.date) -> str:
    """A two-digit year of the calendar written out: "22年拿的中级" → "2022年拿的中级" (a year at most
    ``today``'s; later ones are of the last century); "毕业16年了" stays a duration.

    >>> full_years("本科 22年拿的中级", dt.date(2026, 12, 7)), full_years("98年毕业", dt.date(2026, 12, 7))
    ('本科 2022年拿的中级', '1998年毕业')
    >>> full_years("本科毕业16年了", dt.date(2026, 12, 7)), full_years("工作10年毕业", dt.date(2026, 12, 7))
    ('本科毕业16年了', '工作10年毕业')
    >>> full_years("21年换到技术转移岗位", dt.date(2026, 12, 7))
    '2021年换到技术转移岗位'
    >>> full_years("2022年底拿的中级", dt.date(2026, 12, 7)), full_years("本科2019.7毕业", dt.date(2026, 12, 7))
    ('2022年12月拿的中级', '本科2019年7月毕业')
    """

    def whole(m: re.Match[str]) -> str:
        if DURATION_BEFORE.search(text[: m.start()]):
            return m[0]
        yy = int(m[1])
        return f"{(2000 if yy <= today.year % 100 else 1900) + yy}年"

    text = DOTTED_DATE.sub(lambda m: f"{m[1]}年{int(m[2])}月" if 1 <= int(m[2]) <= 12 else m[0], text)
    text = SHORT_YEAR.sub(whole, text)
    return YEAR_PART.sub(lambda m: f"{m[1]}年{PART_MONTH[m[2]]}月", text)


def graduation(year: str, month: str | None = None) -> dt.date:
    """The first day of the month a graduation is counted from: the month said, else July (when most graduate).

    >>> graduation("2021", "12"), graduation("2019")
    (datetime.date(2021, 12, 1), datetime.date(2019, 7, 1))
    """
    m = int(month) if month and 1 <= int(month) <= 12 else 7
    return dt.date(int(year), m, 1)


def years_since(start: dt.date, today: dt.date) -> int:
    """Full years from ``start`` to ``today``.

    >>> today = dt.date(2026, 12, 7)
    >>> years_since(graduation("2020"), today), years_since(graduation("2021", "12"), today)
    (6, 5)
    """
    return max(0, (today - start).days // 365)


def years_from_dates(text: str, today: dt.date) -> str:
    """Years since a stated year, counted to ``today`` (taken from 1 July of that year).

    >>> years_from_dates("2016年取得助理工程师职称，此后一直做技术转移", dt.date(2026, 12, 7))
    '取得助理工程师职称10年，此后一直做技术转移'
    >>> years_from_dates("2019年起调到集团技术转移部至今", dt.date(2026, 12, 7))
    '调到集团技术转移部至今已有7年'
    >>> years_from_dates("我是高级经济师，2021年评的，之后一直做技术转移", dt.date(2026, 12, 7))
    '我是高级经济师评了5年，之后一直做技术转移'
    >>> years_from_dates("2022年才转过来做技术转移的", dt.date(2026, 12, 7))
    '转过来做技术转移的已有4年'
    >>> years_from_dates("中级是机械专业的，2019年拿的", dt.date(2026, 12, 7))
    '中级是机械专业的，评了7年'
    """

    def since(year: str, m: re.Match[str]) -> int:  # from the month said, else 1 July
        month = re.search(r"年\s*(\d{1,2})\s*月", m[0])
        start = dt.date(int(year), int(month[1]) if month and 1 <= int(month[1]) <= 12 else 7, 1)
        return max(0, (today - start).days // 365)

    text = TITLE_IN_YEAR.sub(lambda m: f"{m[2]}{m[3]}{since(m[1], m)}年", text)
    text = TITLE_THEN_YEAR.sub(
        lambda m: f"{m[1]}{m[2]}，评了{since(m[3], m)}年" if m[2] else f"{m[1]}评了{since(m[3], m)}年", text
    )
    text = WORK_SINCE_YEAR.sub(lambda m: f"{m[2]}已有{since(m[1], m)}年", text)
    return FIELD_SINCE_YEAR.sub(lambda m: f"{m[2]}已有{since(m[1], m)}年", text)
