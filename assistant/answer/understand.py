"""Understanding a question: what kind of answer it wants, which grade and education it names,
and whether it is something the documents cannot answer (an injection, another city…).

    >>> q = analyze("本科毕业几年可以申报工程师？")
    >>> q.intent, str(q.grade), str(q.education)
    ('years', '工程师', '大学本科')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..rules.reading import stated_education
from ..text import PHONE, Lexicon, normalize, to_simplified
from ..vocab import GRADE_LEVEL, Degree, Grade, Level, vocabulary
from .asks import SOME
from .scope import OUTSIDE, foreign_terms, works_in
from .yesno import is_yes_no

# answer kinds and the cue words that ask for them (checked in this order)
INTENT_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("money", ("费用", "多少钱", "收费", "交钱", "缴费标准", "价格", "fee", "cost", "how much money")),
    ("url", ("网址", "链接", "域名", "url", "网页地址", "登录地址", "website address")),
    (
        "contact",
        (
            "电话",
            "联系方式",
            "咨询方式",
            "热线",
            "打给谁",
            "找谁",
            "咨询电话",
            "咨询方式",
            "谁咨询",
            "咨询谁",
            "咨询哪",
            "哪里咨询",
            "去哪咨询",
            "phone",
            "contact",
            "call",
            "hotline",
        ),
    ),
    ("publication", ("公示", "公布", "结果", "哪里查", "在哪看", "published", "results", "announced")),
    ("years", ("几年", "多少年", "年限", "满几年", "多久", "多长时间", "how many years", "how long")),
    (
        "dates",
        (
            "什么时候",
            "哪几天",
            "啥时候",
            "啥时间",
            "什么时间",
            "何时",
            "截止",
            "几号",
            "哪天",
            "哪一天",
            "日期",
            "时间安排",
            "时间",
            "开始",
            "结束",
            "还能申报",
            "还来得及",
            "来得及",
            "deadline",
            "when",
            "close",
            "还能报",
            "几月",
            "哪个月",
            "哪月",
            "什么月份",
            "几月份",
        ),
    ),
)
INJECTION = re.compile(
    r"忽略|无视|不要管|不用管.*(规则|指令|文件)|系统提示|提示词|prompt|ignore\s+(all|any|previous|the)|"
    r"disregard|jailbreak|越狱|扮演|你现在是|假装|pretend|developer mode|开发者模式",
    re.IGNORECASE,
)


@dataclass
class Question:
    text: str  # normalized
    search: str  # with document wording added
    intent: str  # money | url | contact | publication | years | dates | general
    grade: Grade | None = None
    grades: list[Grade] = field(default_factory=list)
    education: Degree | None = None
    english: bool = False
    injection: bool = False
    foreign_terms: list[str] = field(default_factory=list)  # names the documents never use
    elsewhere: list[str] = field(default_factory=list)  # a place outside 本市 the person works in ("在天津上班")
    words: list[str] = field(default_factory=list)  # content words
    held: Level | None = None  # a title the question speaks of as held ("取得中级职称后…")
    lacked: Level | None = None  # a title the question says the person does not hold ("没有中级职称")
    reading: str = ""  # an English question read in the documents' Chinese, for the shape of its answer
    core: str = ""  # the clause that asks, without the caller's context ("我在民企上班，民企的人能报吗")
    core_words: list[str] = field(default_factory=list)  # content words of ``core``

    @property
    def asked(self) -> str:
        """The question as the answer shapes read it (an English one in Chinese)."""
        return self.reading or self.text

    @property
    def asking(self) -> str:
        """The clause that asks, without the caller's context before it ("我手头有几个项目，…会被认可吗"):
        what decides the shape of the answer."""
        return self.reading or self.core or self.text

    def summary(self) -> dict[str, object]:
        """The question as understood, for ``Answer.trace``."""
        out: dict[str, object] = {"text": self.text, "intent": self.intent}
        if self.grades:
            out["grades"] = [str(g) for g in self.grades]
        if self.education:
            out["education"] = str(self.education)
        for key in ("english", "injection"):
            if getattr(self, key):
                out[key] = True
        if self.foreign_terms:
            out["foreign_terms"] = self.foreign_terms
        return out


# greetings and "may I ask" before the question: they are not the question ("我想问一下" is not "我")
COURTESY = re.compile(
    r"^(?:(?:你好|您好|hi|hello|请问一下|请问|我想问一下|我想问问|我想问|想问一下|问一下|我想咨询一下|我想咨询|想咨询一下|"
    r"(?:我)?想?(?:咨询|问|了解|请教)下|"
    r"咨询一下|麻烦问一下|麻烦您|麻烦|打扰一下|打扰了|不好意思|请教一下|请教|老师好|同志|想确认一下|确认一下|我想了解一下|想了解一下|了解一下)[，,、：:！!。.\s]*)+",
    re.IGNORECASE,
)
PARTICLES = re.compile(r"[吗嘛呢吧啊呀么哦哈啦]+(?=[？?。！!~～\s]*$)")
YEAR_DIGIT = {ch: str(n) for n, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}


# the same words inside the message, before the question they introduce ("…，想确认一下：民营企业的员工可以报吗")
ASIDE_ASK = re.compile(
    r"(?<=[，,。；;！!？?\s])(?:我|就是)?(?:想|再|还想)?(?:确认|问|请教|咨询|了解)(?:一下|下|问)[，,、：:\s]*(?=\S)"
)


def strip_courtesy(text: str) -> str:
    """The question without a greeting or "请问/我想问一下" before it, or inside it before the question.

    >>> strip_courtesy("您好，我想问一下，网申几号截止？")
    '网申几号截止？'
    >>> strip_courtesy("工作很忙，想问下中级是不是也要答辩？")
    '工作很忙，中级是不是也要答辩？'
    """
    rest = ASIDE_ASK.sub("", COURTESY.sub("", text))
    return rest or text


TYPED_BA = re.compile(r"了[八把巴]([？?。！!\s]*)$")
MONTH_PAIR = re.compile(r"(?<![一二三四五六七八九十\d])([一二三四五六七八九])([二三四五六七八九])月")


def digits_in_dates(text: str) -> str:
    """Chinese numerals in dates as digits: 七月十七日 → 7月17日, 二〇二三年 → 2023年.

    >>> digits_in_dates("二〇二三年七月十七日之后还能申报吗"), digits_in_dates("审核是在七八月份吧")
    ('2023年7月17日之后还能申报吗', '审核是在7-8月吧')
    """
    from ..text import cn_number

    text = re.sub(r"[〇零一二三四五六七八九]{4}(?=年)", lambda m: "".join(YEAR_DIGIT[c] for c in m[0]), text)
    text = re.sub(r"(?<=[\d一二三四五六七八九十])月份", "月", text)  # 11月份 is 11月
    text = MONTH_PAIR.sub(lambda m: f"{cn_number(m[1]):g}-{cn_number(m[2]):g}月", text)  # 七八月 → 7-8月
    return re.sub(r"[零一二三四五六七八九十]{1,3}(?=月|日|号)", lambda m: str(int(cn_number(m[0]))), text)


EN_YES_NO = re.compile(r"^\s*(?:is|are|do|does|did|can|could|will|would|must|should|may|has|have|am)\b", re.I)
EN_OVERVIEW = re.compile(r"\b(?:requirements?|conditions?|criteria|qualifications?)\b", re.I)
EN_LIST = re.compile(r"\bwhich\b|\bwhat\b.*\binclude|\bwhat kinds?\b|\blist\b", re.I)
EN_WHEN = re.compile(r"\bwhen\b|\bdeadline\b|\bdate\b", re.I)


def is_english(text: str) -> bool:
    """An English question, perhaps with Chinese names in it ("Is the 正高级 title reviewed in 2023?").

    >>> is_english("Is the 正高级 title reviewed in the 2023 round?"), is_english("答辩要准备PPT吗")
    (True, False)
    """
    words, cjk = re.findall(r"[A-Za-z]{2,}", text), re.findall(r"[\u4e00-\u9fff]", text)
    return bool(words) and (not cjk or (len(words) >= 3 and len(words) > len(cjk)))


def chinese_reading(text: str, lex: Lexicon) -> str:
    """An English question in the documents' words, with the shape of what it asks:
    "Is a defense required for assistant engineer?" → "答辩评审 助理工程师 需要吗"."""
    names = re.findall(r"[\u4e00-\u9fff]+", text) + PHONE.findall(text)  # what it quotes ("the 正高级 title")
    words = [*names, *vocabulary().expansions(text), *lex.english_terms(text)]
    zh = " ".join(dict.fromkeys(words))
    if EN_OVERVIEW.search(text):
        zh += " 条件"
    if EN_YES_NO.search(text):
        return zh + " 需要吗" if re.search(r"\b(?:need|required?|must|have to)\b", text, re.I) else zh + "吗"
    if EN_WHEN.search(text):
        return zh + " 什么时候"
    return zh + (" 哪些" if EN_LIST.search(text) else "")


CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\s]+")
ASKS = re.compile(
    r"[吗呢吧嘛么]$|什么|哪|多少|多久|多长|多大|何时|几|怎么|怎样|如何|是否|能否|可否|能不能|可不可以|是不是|要不要|有没有|会不会|啥|谁"
    r"|([\u4e00-\u9fff])[不没]\1"  # 算不算, 认不认, 够不够
    r"|讲讲|说说|讲一下|说一下|介绍一下|介绍下|列一下|列举|梳理一下"  # a request: "…条件整体讲讲"
)


POINTS_BACK = re.compile(r"(?:我|像我)?(?:这样|这种|这些|这类|此类|这个情况|这种情况)")
VALUE_ASKED = re.compile(r"几|多少|多久|多长|什么|哪|何时|啥")  # not "我怎么打不通" (a complaint)
TOPIC_THEN = re.compile(r"(?:那|那么)?(?P<what>.{1,12}?)呢")  # "那助理工程师呢，…": the subject of what follows
ELLIPTIC = re.compile(r"呢$")  # "…，那中级呢": a question about something else, asked the same way
GOES_ON = re.compile(r"分别|各自|各|具体|都")  # "…分几个阶段，分别什么时候": the same question goes on
HAS_SOME = re.compile(r"有几[个项次年位家件篇份条]")  # "手头有几个项目" (but "申报有几个方向" may ask: not strict)
# "我想问下/想知道…": what follows is the question, whatever came before
ASKER = re.compile(r"问一?下|想问|想知道|想了解|想咨询|想确认|请问")
TAG_QUESTION = re.compile(
    r"(?:我)?(?:理解|说)?得?的?(?:对吗|对吧|是吗|是吧|没错吧|对不对)|是不是这样|是这样吗|是这样的吗|(?:是)?真的假的|(?:是)?真的吗"
    r"|靠谱吗|准吗"
)


def asks(clause: str, strict: bool = True) -> bool:
    """Whether ``clause`` asks something; ``strict``: "几" as "several" does not.

    >>> asks("我手头有几个转化项目"), asks("成果要几项"), asks("申报有几个方向", strict=False)
    (False, True, True)
    """
    clause = PARTICLES.sub(lambda m: m[0][:1], clause)
    return bool(ASKS.search(HAS_SOME.sub("", SOME.sub("", clause)) if strict else clause))


QUESTION_MARKED = re.compile(r"([^，,。；;！？!?\n\s]+)\s*[？?]")


ALTERNATIVE = re.compile(r"[，,\s]+还是[^，,。？?]*[？?]?\s*$")  # "…没，还是…": the other of two ways


def asking_clause(text: str) -> str:
    """The first clause that asks something; the caller's context around it is not the question (a
    clause asked with a question mark alone keeps it: "初级也得参加答辩？").

    >>> asking_clause("我们领导办事特别拖拉 单位那边审核推荐最晚到哪天结束啊 我好催他")
    '单位那边审核推荐最晚到哪天结束啊'
    >>> asking_clause("我手头有几个项目，材料没整理好，会被认可吗")
    '会被认可吗'
    >>> asking_clause("不管报哪一级 申报人总体上要符合哪些基本要求")
    '申报人总体上要符合哪些基本要求'
    >>> asking_clause("单位几个同事都在报，我想问下结果什么时候出来")
    '我想问下结果什么时候出来'
    >>> asking_clause("单位审核推荐什么时候截止，评审机构审核呢？")
    '评审机构审核呢'
    >>> asking_clause("整个流程分几个阶段，分别什么时候")
    '整个流程分几个阶段，分别什么时候'
    >>> asking_clause("我想了解一下，运营服务方向里的专业化服务，都包含哪几项")
    '运营服务方向里的专业化服务，都包含哪几项'
    >>> asking_clause("硕士评工程师要满两年，我理解得对吗")
    '硕士评工程师要满两年吗'
    >>> asking_clause("硕士毕业三年了 能直接报中级工程师吗 要求工作几年")
    '能直接报中级工程师吗，要求工作几年'
    >>> asking_clause("那助理工程师呢，也要答辩吗")
    '助理工程师，也要答辩吗'
    >>> asking_clause("我本科毕业，评上中级才两年。听说高工可以破格？")
    '听说高工可以破格？'
    >>> asking_clause("申报系统有手机app没 还是只能电脑上弄")
    '申报系统有手机app没'
    """
    if (alt := ALTERNATIVE.search(text)) and is_yes_no(text[: alt.start()]):
        text = text[: alt.start()]  # "有手机app没 还是只能电脑上弄": whether the first is so
    clause = _asking_clause(text)
    return clause + "？" if clause in QUESTION_MARKED.findall(text) and not asks(clause) else clause


def _asking_clause(text: str) -> str:
    clauses = [c for c in CLAUSE_BREAK.split(text) if c]
    asker = next((i for i, c in enumerate(clauses) if ASKER.search(c)), 0)
    clauses = clauses[asker:]
    marked = set(QUESTION_MARKED.findall(text))  # "…才两年。听说高工可以破格？": a question mark asks
    asking = [c for c in clauses if asks(c) or c in marked] or [c for c in clauses if asks(c, strict=False)]
    if not asking:
        return text
    last = asking[-1]
    if TAG_QUESTION.fullmatch(last):  # "…满两年，我理解得对吗": the statement before the tag,
        i = clauses.index(last)  # asked as a yes/no question
        return clauses[i - 1] + "吗" if i else text
    if last == clauses[-1] and ELLIPTIC.search(last):  # "…什么时候截止，评审机构审核呢": asks about the last
        return last
    i = clauses.index(asking[0])
    if TOPIC_THEN.fullmatch(asking[0]) and len(asking) > 1:  # "那助理工程师呢，也要答辩吗": X is its subject
        return TOPIC_THEN.sub(r"\g<what>", asking[0]) + "，" + asking[1]
    wh = next((c for c in asking[1:] if not is_yes_no(c) and VALUE_ASKED.search(c)), None)
    if wh and is_yes_no(asking[0]):  # "能报中级吗，要求工作几年": the yes/no turns on what the wh-clause asks
        return "，".join(clauses[i : clauses.index(wh) + 1])
    if i + 1 < len(clauses) and GOES_ON.match(clauses[i + 1]):  # "分几个阶段，分别什么时候": one question
        return "，".join(clauses[i : i + 2])
    if i > 0 and GOES_ON.match(clauses[i]):  # "运营服务方向里的专业化服务，都包含哪几项": the topic before it
        return "，".join(clauses[i - 1 : i + 1])
    return asking[0]


HELD = re.compile(r"(?:取得|拿到|获得|评上|已有|有了?)(.{1,8}?)(?:职称)?(?:后|以后|之后|以来|满)")


# "去年刚评上助理工程师，…": held, said without 后/以来
HELD_DONE = re.compile(
    r"(?:已经|已|刚刚|刚|去年|前年|早就)(?:评上|拿到|取得|获得|有)了?(.{1,8}?)(?:职称|证书|证)?了?(?=[，,。；;！!]|$)"
)
# "中级已经拿了五年多", "助工都评了三年了": the title first, then that it is held
HELD_FIRST = re.compile(
    r"(?:^|[，,。；;\s])([^，,。；;\s]{1,6}?)(?:职称)?(?:已经|已|都|早就)?(?:拿了|评了|评上了|拿到了|取得了|有了)"
)


OBTAINED_BEFORE = re.compile(r"(?:有|取得|拿到|获得|评上|持有)了?\s*(?:相应的?)?$")
NOT_HELD = re.compile(r"(?:没有|没|未|无|还没有?)(?:评过?|评上|取得|拿到|拿过|考过|有过?)?的?(.{1,6}?)(?:职称|证|资格)")


def lacked_title(text: str) -> Level | None:
    """The level of a title the question says the person does not hold.

    >>> str(lacked_title("专科毕业没有助理职称，想直接申请中级工程师")), lacked_title("想评中级职称")
    ('初级', None)
    """
    m = NOT_HELD.search(text)
    for name in (m[1], m[1] + "级") if m else ():
        try:
            return vocabulary().level(name)
        except ValueError:
            continue
    return None


def _title_is_object(text: str) -> bool:
    """The one title ``text`` names is what one has or obtains ("还得先有中级"), not the subject
    ("助理工程师有业绩要求吗").

    >>> _title_is_object("本科是不是还得先有中级"), _title_is_object("助理工程师有业绩要求吗")
    (True, False)
    """
    mentions = vocabulary().title_mentions(text)
    return len(mentions) == 1 and bool(OBTAINED_BEFORE.search(text[: mentions[0].start]))


def held_title(text: str) -> Level | None:
    """The level of a title the question speaks of as held: "取得助理级职称后几年…" → 初级.

    >>> str(held_title("我去年刚评上助理工程师，今年想了解一下工程师的成果条件"))
    '初级'
    >>> str(held_title("本科，已经有助工证了，想评中级")), str(held_title("本人在国企，中级已经拿了五年多，想报副高"))
    ('初级', '中级')
    >>> str(held_title("我手上已经有一个经济系列的副高了，这两年转去做技术经纪，想评这个专业的高工"))
    '副高级'
    """
    for m in (HELD.search(text), HELD_DONE.search(text), HELD_FIRST.search(text)):
        if m:
            try:
                return vocabulary().level(m[1].removesuffix("职称"))
            except ValueError:
                continue
    from ..rules.reading import read_facts  # the eligibility reader knows titles of other series too

    titles = read_facts(text).get("titles") or [{}]
    return vocabulary().level(titles[0]["level"]) if "level" in titles[0] else None


STAGES = re.compile(r"流程.{0,8}(?:几步|哪几步|几个阶段|哪几个阶段|哪些阶段|哪些环节|哪几个环节|几个环节|步骤)")
# applying for two grades or series at once ("高级和中级能同时报吗", "中级和副高一块儿报"): the documents are silent
CONCURRENT = re.compile(
    r"(?:同时|一起|一块儿?|都)(?:报|申报|申请|参评|评)|同时.{0,6}(?:两个|两级|几个)|两个(?:级别|职称|专业|系列|等级)|兼报"
)
THIS_ROUND = r"(?:这次|本次|此次|今年|这一?轮|本轮|这批|这届|本届|这回)"
# "我想报正高级工程师，这次的申报包含正高吗": what the round reviews is asked, not whether this person may apply
ROUND_ASKED = re.compile(
    THIS_ROUND + r"\S{0,6}(?:(?:包含|包括|含|有|评审?)\S{0,6}[吗么嘛呢吧]|(?:有没有|评不评|包不包括|含不含)\S{0,6}$)"
)
APPLY_ASKED = re.compile(r"(?:能|可以|能不能|可不可以|影响)\S{0,3}(?:申报|报|评|参评)")
LACK_STATED = re.compile(r"没|未|无|不是|不在")
COUNTED_FROM = re.compile(r"开始(?:算|计算|计)|起算")
WHEN_ASKED = re.compile(r"哪一?天|几号|几月|什么时候|啥时候|何时|什么日期|什么时间")
HOW_LONG = re.compile(r"几年|多少年|多久|多长时间|满几年|几个月")
# "现在还可以网上申报吗": applying now (or after a date) asks about the dates
APPLY_NOW = re.compile(r"(现在|今天|目前|眼下|之后|以后|过了).{0,8}(申报|报名|网申|提交)")


def detect_intent(text: str) -> str:
    low = COUNTED_FROM.sub("", text.lower())  # "业绩是从拿到中级以后开始算的": a period's start, no date
    if APPLY_NOW.search(low) and not any(c in low for c in INTENT_CUES[0][1] + INTENT_CUES[1][1]):
        return "dates"
    if STAGES.search(low):  # "流程分成哪几步": the stages are the schedule's
        return "dates"
    for intent, cues in INTENT_CUES:
        if any(c in low for c in cues):
            if intent == "years" and WHEN_ASKED.search(low) and not HOW_LONG.search(low):
                return "dates"  # "年限计算到哪一天": a day, not a number of years
            return intent
    return "general"


def analyze(question: str, lexicon: Lexicon | None = None, corpus_text: str = "", speller: Any = None) -> Question:
    """Analyze ``question``; ``corpus_text`` (all clause text) enables the foreign-term check, a
    ``Speller`` the correction of one pinyin typo. Traditional characters are read as simplified."""
    lex = lexicon or Lexicon.load()
    vocab = vocabulary()
    text = lex.reword(digits_in_dates(strip_courtesy(to_simplified(normalize(question)))))
    text = TYPED_BA.sub(r"了吧\1", text)  # "能报高工了八": 吧 typed by its sound
    if speller is not None:
        text = speller.correct(lex.cut(text))
    english = is_english(text)
    core = asking_clause(text)
    # what is retrieved for: the clause that asks, when the caller's context comes with it ("我在高校做过
    # 科研管理，现在转岗了，想知道运营服务方向包括哪些工作"); the grade and degree the context names still count
    points_back = bool(POINTS_BACK.match(core))  # "…签了劳动合同，这样能报吗": the context is the subject
    # "继续教育没按要求参加，不影响我报职称吧": what the person lacks is the subject of whether they may apply
    context = text[: len(text) - len(core)] if text.endswith(core) else ""
    points_back = points_back or bool(APPLY_ASKED.search(core) and LACK_STATED.search(context))
    focus = core if not english and core != text and len(re.findall(r"[\u4e00-\u9fff]", core)) >= 4 else text
    focus = focus if lex.content_words(focus) else text  # "…没有佐证材料，也可以算吧": the clause names nothing
    focus = text if points_back else focus
    search = lex.expand(focus)
    if focus != text:
        named = [str(g) for g in vocab.grades_in(text)] + [str(d) for d in [vocab.degree_in(text)] if d]
        search = " ".join([search, *(n for n in named if n not in search)])
    grades = vocab.grades_in(search if english else text)
    lacked = lacked_title(text)
    held = held_title(text)
    held = None if held == lacked else held  # "没拿过中级职称": named, not held
    if held and len(grades) > 1:  # "取得中级职称后…能评高级工程师": the grade asked about is the other one
        grades = [g for g in grades if GRADE_LEVEL[g] != held] or grades
    elif held and grades and all(GRADE_LEVEL[g] == held for g in grades) and _title_is_object(text):
        grades = []  # "本科是不是还得先有中级": the title is held or required; no grade is asked about
    if lacked and len(grades) > 1:  # "没有助理职称，想直接申请中级工程师": nor the title one lacks
        grades = [g for g in grades if GRADE_LEVEL[g] != lacked] or grades
    intent = detect_intent(focus)
    words = lex.content_words(PARTICLES.sub("", text))
    q = Question(
        text=text,
        search=search,
        intent=intent,
        grade=grades[0] if grades else None,
        grades=grades,
        education=vocab.degree_in(search) if english else degree_stated(text),
        english=english,
        injection=bool(INJECTION.search(text)),
        words=words,
        held=held,
        lacked=lacked,
        reading=(reading := chinese_reading(text, lex) if english else ""),
        core=reading or core,  # an English question is asked whole
        core_words=lex.content_words(PARTICLES.sub("", core)),
    )
    if corpus_text and not english:
        places = foreign_terms(text, corpus_text, lex)
        # "人在天津公司上班，能报吗": where the person works, asked whether they may apply — 本市 decides
        q.elsewhere = [p for p in places if APPLY_ASKED.search(core) and works_in(p, text)]
        q.foreign_terms = [p for p in places if p not in q.elsewhere]
        # "我在外地的公司上班": a place outside 本市 named as such
        q.elsewhere += [m[0] for m in OUTSIDE.finditer(text) if APPLY_ASKED.search(core) and works_in(m[0], text)]
    return q


def degree_stated(text: str) -> Degree | None:
    """The degree ``text`` says the person has, not one it denies ("如果不是本科，是大专毕业的" → 大专): the
    grade check's reading; when every degree named is denied, the first named.

    >>> degree_stated("没有硕士学历，只有本科的话"), degree_stated("硕士毕业几年能评高工")
    (<Degree.BACHELOR: '大学本科'>, <Degree.MASTER: '硕士研究生'>)
    """
    edu = stated_education(text)
    return Degree(edu) if edu else vocabulary().degree_in(text)
