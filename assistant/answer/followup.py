"""Follow-up questions made standalone without an LLM: "那高级呢？" after "本科毕业几年可以申报工程师？".

>>> resolve("那高级呢？", "本科毕业几年可以申报工程师？")
'本科毕业几年可以申报高级工程师？'
>>> resolve("硕士呢", "本科毕业几年可以申报工程师？")
'硕士研究生毕业几年可以申报工程师？'
>>> resolve("具体是哪一天？", "答辩在几月？")
'答辩在几月，具体是哪一天？'
>>> resolve("需要什么证件", "外籍人才可以申报吗？")
'外籍人才可以申报吗，需要什么证件'
>>> resolve("不好意思问错了 我想问的是中级的", "高工成果要几项")
'工程师成果要几项'
>>> resolve("他能报不", "我有个同事是台湾人 在我们这签了劳动合同")
'我有个同事是台湾人 在我们这签了劳动合同，他能报不'
>>> resolve("咨询电话是多少？", "网申什么时候截止？") is None
True
>>> resolve("初级也要吗", "答辩是几月"), resolve("然后呢", "评审机构什么时候审核")
('初级也要答辩吗', '评审机构之后呢')
>>> resolve("另一个方向呢", "研究方向主要做什么")
'运营服务方向主要做什么'
>>> resolve("发到哪个号上啊", "短信通知会发给谁"), resolve("在哪看", "评审结果什么时候出")
('短信通知发到哪个号上啊', '评审结果在哪看')
>>> resolve("这个要附证明吗", "运营服务方向的业绩都写啥")
'运营服务方向的业绩要附证明吗'
>>> resolve("要是我拿的是别的系列的副高呢", "高工是要拿了中级之后干满几年")
'高工是要拿了别的系列的副高之后干满几年'
>>> resolve("评审机构审核呢", "单位审核推荐到几号"), resolve("有助工的话呢", "大专评工程师要干几年")
('评审机构审核什么时候', '大专评工程师要干几年，已取得初级职称？')
>>> with_grade("那需要几项成果呢？", "工程师")
'工程师需要几项成果？'
>>> strip_discourse("顺便问下，答辩在几月？"), strip_discourse("还有其他条件吗")
('答辩在几月？', '还有其他条件吗')
>>> strip_discourse("嗯 回到刚才 本科是不是还得先有中级")
'本科是不是还得先有中级'
"""

from __future__ import annotations

import re

from .. import messages as M
from ..rules.work import DIRECTION_NAMED, DIRECTION_WORD, stated_direction
from ..text import Lexicon, cn_number
from ..vocab import GRADE_LEVEL, vocabulary
from .lists import QUOTED
from .shapes import PARTS
from .understand import chinese_reading, is_english

FOLLOW_UP = re.compile(
    r"^\s*(?:那|那么|那如果|如果是|换成|改成)?\s*(?P<what>.{1,16}?)\s*(?:呢|的话呢|的话|怎么样|又如何)\s*[？?。]?\s*$"
)
# "那已经过了吗", "现在还来得及吗": whether the step just asked about is over, of that step
STATUS = re.compile(
    r"^\s*(?:那|那么)?(?:现在)?(?:是不是)?(?:已经|都|还)?(?:过了|结束了?|截止了?|过期了?|开始了?|来得及|赶得上)\S{0,2}?"
    r"[吗么嘛没]?[？?。]?\s*$"
)
# "具体是哪一天？", "确切几号": the detail of what was just asked
DETAIL = re.compile(r"^\s*(?:那|那么)?(?:具体|确切|准确)(?:是|在|到)?\S{0,2}(?:哪|几|什么|多少)\S{0,4}?[？?。]?\s*$")
# "需要什么证件？", "要准备哪些材料": what the thing just asked about needs, its subject left out
SUBJECTLESS = re.compile(
    r"^\s*(?:那|那么)?(?:还)?(?:需要|要|得)(?:提供|准备|带|交|出具)?(?:什么|哪些|啥)\S{0,4}?[？?。]?\s*$"
)
# "那要干几年": how many years, of what was just asked about
YEARS_ONLY = re.compile(
    r"^\s*(?:那|那么)?\s*(?:还)?(?:要|需要|得)?(?:干|做|工作|从事)?(?:满)?(?:几年|多少年|多久|多长时间)[？?。]?\s*$"
)
# "要先工作满一年吗", "得干满5年吧": a number of years, asked to be confirmed, of what was just asked about
YEARS_CONFIRM = re.compile(
    r"^\s*(?:那|那么)?\s*(?:还)?(?:要|需要|得|必须)(?:先)?(?:干|做|工作|从事)?(?:满)?\s*[\d一二两三四五六七八九十]{1,3}\s*年"
    r"(?:以上)?(?:吗|么|吧|嘛|不)?[？?。]?\s*$"
)
# "要几篇", "至少几项": how many, of what was just asked about
COUNT_ONLY = re.compile(
    r"^\s*(?:那|那么)?\s*(?:还)?(?:要|需要|得|至少|一共|总共)?(?:几|多少)(?:项|篇|个|条|种)(?:呢|啊|吗)?[？?。]?\s*$"
)
# "那天是周几", "结束那天星期几": the weekday of the date just given (the schedule writes it: 7月17日（周一）)
WEEKDAY = re.compile(
    r"^\s*(?:那|那么)?\s*(?:那天|这天|那一天|当天|(?:开始|结束|截止|最后)(?:那|的)?(?:一)?天)?\s*(?:是)?(?:星期几|周几|礼拜几)"
    r"(?:啊|呀|呢)?[？?。]?\s*$"
)
PART_WORD = re.compile("|".join(PARTS))  # a part of a grade's conditions, named (业绩, 成果, 论文, 破格)
COUNT_ASKED = re.compile(r"(?:几|多少)(?:项|篇|个|条)")
# "中专可以吗": a degree alone, asked whether it may apply for the grade just asked about
MAY_TOO = re.compile(
    r"^\s*(?:那|那么)?\s*(?P<what>[^，,。？?]{1,8}?)\s*(?:也|的话)?\s*(?:可以|行|能|能报|可以报|能评|行不行|可不可以|能不能)"
    r"(?:吗|么|嘛|不|吧)?\s*[？?。]?\s*$"
)
# "这个要附证明吗": the pronoun is the subject of a modal predicate, the thing just asked about
PRONOUN = re.compile(
    r"^\s*(?:那|那么)?\s*(?:这个|那个|它|这些|那些|这种|那种)((?:也|还|都)?(?:要|需要|得|能|可以|算|用|必须))"
)
# "他能报不" after "我有个同事是台湾人…": the person just spoken of, asked about
THIRD_PERSON = re.compile(
    r"^\s*(?:那|那么)?\s*(?:他|她|他们|她们|这人|这个人|此人|对方|这位)(?:也|还)?"
    r"(?:能|可以|能不能|可不可以|符合|算|属于|够)[^，,。]{0,8}$"
)
# "发到哪个号上啊", "在哪看", "交给谁": a verb and a wh-word, the thing acted on left out
VERB_FIRST = re.compile(
    r"^\s*(?:那|那么)?(?:是)?(?:在|发|到|去|找|看|查|交|填|写|用|通过|从|跟|向)[^，,。？?\s]{0,3}?"
    r"(?:哪|谁|几|多少|什么|啥)[^，,。？?\s]{0,4}[？?。]?\s*$"
)
# "初级也要吗" after "答辩是几月": whether another grade needs the thing just asked about
GRADE_TOO = re.compile(
    r"^\s*(?:那|那么)?\s*(?P<what>[^，,。？?\s]{1,6}?)(?:也|还)(?:要|需要|得|用|必须)(?:吗|么|嘛|不|吧)?[？?。]?\s*$"
)
# "然后呢" after "评审机构什么时候审核": the step after it
THEN_WHAT = re.compile(
    r"^\s*(?:那|那么)?(?:然后|接下来|下一步|再往后|再然后|之后|后面)(?:呢|是什么|是啥|干什么|干啥|是哪个环节|还有什么)?[？?。]?\s*$"
)
# "另一个方向呢" after "研究方向主要做什么": the other of the documents' two directions
OTHER_DIRECTION = re.compile(r"另(?:一|外一?)(?:个|种|类)?方向")
ASKS_FROM = re.compile(
    r"(?:都|也|还|会)?(?:写|填|交|发|包括|包含|指)?(?:可以|能|要|需要|得|是|有|怎么|什么|啥|哪|几|多少|给谁|谁)"
)


TOPIC_TAIL = re.compile(r"(?:安排|定|放|设)?(?:在|于|到|从)$")


def _topic(previous: str) -> str:
    """What ``previous`` asked about: its words before the asking ones ("运营服务方向的业绩都写啥" → …业绩)."""
    head = ASKS_FROM.split(previous, maxsplit=1)[0].strip(" ，,的")
    return TOPIC_TAIL.sub("", head)  # "答辩安排在几月" → 答辩


# words that move a conversation along without being part of the question ("顺便问下，答辩在几月？")
DISCOURSE = re.compile(
    r"^\s*(?:(?:顺便|另外|再|还想|我还想|我再)(?:问|请教)(?:一)?下|顺便问问|顺便说一下)\s*[，,：:。]?\s*"
    r"|^\s*(?:对了|另外|还有|还有个问题|还有一个问题|接着说|继续说|话说回来|言归正传|回到(?:刚才|之前|前面)的?(?:问题|话题)?)"
    r"\s*[，,：:。\s]\s*"
    r"|^\s*(?:好的|好|明白了?|知道了|了解了?|懂了|收到|谢谢|多谢|嗯嗯?|哦|ok|OK)\s*[，,。！!]\s*(?=那|那么|还有|另外)"
    r"|^\s*(?:嗯+|哦+|噢|呃)\s*[，,。\s]\s*(?=\S)"  # "嗯 回到刚才 …"
)
# "And for the engineer (工程师) grade, how many items?": the last question, of the grade named now
EN_FOLLOW = re.compile(r"^\s*(?:and|what about|how about)\b", re.I)
EN_ASKS = re.compile(r"\b(?:when|where|what|which|who|how|is|are|does|do|did|can|could|will|should|must)\b", re.I)


OWN_QUESTION = re.compile(r"[？?吗么嘛]|什么|啥|哪|几|多少|怎么|如何|是否")
# "好的 那回到刚才的 …": back to the question before the last one
BACK_TO = re.compile(r"^.{0,6}?回到(?:刚才|之前|前面|上面|上一个)的?(?:问题|话题)?\s*[，,：:。\s]?\s*")


def follow_up_tail(text: str) -> str | None:
    """The follow-up a message ends with, after words of its own ("第一条是搞研究的 那第二条呢" → 那第二条呢).

    >>> follow_up_tail("第一条是搞研究的 那第二条呢"), follow_up_tail("答辩在几月")
    ('那第二条呢', None)
    """
    parts = [p for p in re.split(r"[，,。；;\s]+", text.strip()) if p]
    if len(parts) < 2 or not is_follow_up(parts[-1]) or re.search(r"回到|接着|继续", text):
        return None  # ("回到刚才的 大专要是报工程师呢": the earlier question, asked whole)
    if any(OWN_QUESTION.search(p) for p in parts[:-1]):
        return None  # "那个实施办法里具体要求是什么 要干几年": the words before ask a question of their own
    vocab = vocabulary()
    return None if vocab.grades_in(parts[-1]) or vocab.degree_in(parts[-1]) else parts[-1]


def strip_discourse(text: str) -> str:
    """``text`` without the words that only move the conversation along; unchanged if nothing is left."""
    rest = DISCOURSE.sub("", DISCOURSE.sub("", text, count=1), count=1)  # "嗯 回到刚才 …": two of them
    return rest if rest.strip() else text


# "不好意思问错了，我想问的是中级的": the same question, of what is named now
ASKED_INSTEAD = re.compile(
    r"^.{0,8}?(?:问错了?|说错了?|搞错了?|不对)[，,。\s]*(?:我)?(?:想问的?是|要问的?是|问的是|应该是|是)(?P<what>.{1,10}?)的?[。？?！!]?\s*$"
)


# "第一种具体是啥": an item of the list just given, by its place
ORDINAL = re.compile(
    r"^\s*(?:[^，,。？?\s第]{1,6}[，,\s]\s*)?(?:那|那么)?\s*第\s*[一二三四五六七八九十\d]{1,2}\s*(?:种|条|项|个|点|类)[^，,。]{0,12}$"
)  # (after a few words of its own: "我记一下 第二个号再说一遍")


def is_follow_up(text: str) -> bool:
    elliptic = FOLLOW_UP.match(text) or DETAIL.match(text) or SUBJECTLESS.match(text) or ASKED_INSTEAD.match(text)
    elliptic = (
        elliptic or ORDINAL.match(text) or PRONOUN.match(text) or YEARS_ONLY.match(text) or COUNT_ONLY.match(text)
    )
    elliptic = elliptic or THIRD_PERSON.match(text) or VERB_FIRST.match(text) or WEEKDAY.match(text)
    elliptic = elliptic or THEN_WHAT.match(text) or OTHER_DIRECTION.search(text) or GRADE_TOO.match(text)
    elliptic = elliptic or STATUS.match(text)
    may = MAY_TOO.match(text)
    degree_may = bool(may and _degree_only(may["what"]))  # "中专可以吗"
    return bool(elliptic) or degree_may or bool(EN_FOLLOW.match(text) and vocabulary().grades_in(text))


def english_follow_up(text: str, previous: str, lex: Lexicon) -> tuple[str, str] | None:
    """ "and the employer review?" after an English question on a step, naming no grade: the follow-up in
    the documents' words ("那单位审核推荐呢"), and the question before in them too (else None).

    >>> english_follow_up("and the employer review?", "When does the online application close?", Lexicon.load())
    ('那单位审核推荐呢', '个人网上申报 截止 什么时候 时间安排 什么时候')
    """
    m = EN_FOLLOW.match(text)
    vocab = vocabulary()
    if not m or not is_english(text) or (vocab.grades_in(text) and vocab.grades_in(previous)):
        return None  # "and for 高级工程师?" after a question naming a grade: that grade replaced (resolve)
    rest = text[m.end() :]
    if EN_ASKS.search(rest):  # "and when is the defence?": a question of its own
        return None
    words = list(dict.fromkeys([*vocab.expansions(rest), *lex.english_terms(rest)]))
    if not words:
        return None
    return f"那{''.join(words)}呢", chinese_reading(previous, lex) if is_english(previous) else previous


def _replace_first(text: str, names: list[str], new: str) -> str | None:
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            return text.replace(name, new, 1)
    return None


def with_grade(text: str, grade: str) -> str | None:
    """An elliptical follow-up that names no grade, asked about ``grade`` (the one just checked)."""
    m = FOLLOW_UP.match(text)
    if not m or vocabulary().grades_in(m["what"]) or vocabulary().degree_in(m["what"]):
        return None
    return f"{grade}{m['what']}？"


NTH = re.compile(r"第\s*([一二三四五六七八九十\d]{1,2})\s*(?:种|条|项|个|点|类)")


def listed_items(kind: str, quotes: list[str]) -> list[str]:
    """The names a list answer gave in quotation marks ("包括“A”和“B”"), for "第二个是做什么的" next.

    >>> listed_items("list", ["技术经纪专业包括“技术转移转化研究方向”和“技术转移转化运营服务方向”。"])
    ['技术转移转化研究方向', '技术转移转化运营服务方向']
    """
    if kind not in ("list", "quote") or not quotes:  # (a quote of one sentence naming them lists them too)
        return []
    items = QUOTED.findall(quotes[0])
    return items if len(items) >= 2 else []


def nth_of(text: str, items: list[str]) -> str | None:
    """ "第二个是做什么的" after a list of names: the question asked of the second name.

    >>> nth_of("第二个是做什么的", ["研究方向", "运营服务方向"]), nth_of("第三个呢", ["A", "B"])
    ('运营服务方向是做什么的', None)
    """
    m = NTH.search(text)
    if not m or not ORDINAL.match(text):
        return None
    n = int(cn_number(m[1]))
    if not 1 <= n <= len(items):
        return None
    rest = text[m.end() :].strip()
    return items[n - 1] + (rest if rest and rest not in ("呢", "呢？", "呢?") else "是什么")


def of_part(text: str, previous: str) -> str | None:
    """ "高工要几项" after "工程师要几项成果": how many, of the part the question before named, for the grade
    this one names.

    >>> of_part("高工要几项", "工程师要几项成果"), of_part("高工要几项", "答辩几月")
    ('高工的成果要几项', None)
    """
    part = PART_WORD.search(previous)
    if not part or PART_WORD.search(text) or not COUNT_ASKED.search(text):
        return None
    mentions = [n for n, _ in vocabulary().grade_names if n in text]
    if not mentions:
        return None
    name = max(mentions, key=len)
    return text.replace(name, f"{name}的{part[0]}", 1)


def after_check(text: str, grade: str, education: str | None = None) -> str | None:
    """A follow-up after a grade check that names nobody ("要干满几年", "需要什么材料"): asked of the
    degree and grade just checked.

    >>> after_check("要干满几年", "助理工程师", "中等职业学校"), after_check("答辩几月", "工程师")
    ('中等职业学校毕业申报助理工程师，要干满几年', None)
    >>> after_check("要先工作满一年吗", "助理工程师", "硕士研究生")
    '硕士研究生毕业申报助理工程师，要先工作满一年吗'
    """
    if not any(p.match(text) for p in (YEARS_ONLY, DETAIL, SUBJECTLESS, YEARS_CONFIRM)):
        return None
    if vocabulary().grades_in(text) or vocabulary().degree_in(text):
        return None
    who = f"{education}毕业" if education else ""
    return f"{who}申报{grade}，{text.strip()}"


# "那成果条件要几项？": the grade under discussion is meant
THEN_PART = re.compile(r"^\s*(?:那|那么)\s*(?P<rest>.*(?:业绩|成果|论文|破格|条件|年限|要求).*)$")


def about_grade(text: str, grade: str) -> str | None:
    """A "那…" question on a part of the conditions that names no grade, asked of ``grade``.

    >>> about_grade("那成果条件要几项？", "高级工程师"), about_grade("那答辩在几月？", "高级工程师")
    ('高级工程师的成果条件要几项？', None)
    """
    m = THEN_PART.match(text)
    if not m or vocabulary().grades_in(text) or vocabulary().degree_in(text):
        return None
    return f"{grade}的{m['rest'].strip()}"


# "我报的是助工", "我是報高級的", "我要评的是中级": the grade the person means, said after a question
TARGET_SAID = re.compile(
    r"^\s*(?:那|哦|噢)?[，,\s]*(?:我|我们)?(?:是|这边是)?(?:要|想|打算|准备)?(?:报|申报|评|参评)(?:的)?(?:是)?\s*(?P<what>\S{1,8}?)"
    r"(?:的|这个|那个)?(?:职称|级别)?(?:的)?[。！!，,~～\s]*$"
)


def target_said(text: str) -> str | None:
    """The grade ``text`` only says the person applies for ("我报的是助工" → "助工"), else None.

    >>> target_said("我报的是助工"), target_said("我是报高级的"), target_said("我报的是助工，能报吗")
    ('助工', '高级', None)
    """
    m = TARGET_SAID.match(text)
    if not m:
        return None
    names = [x.name for x in vocabulary().title_mentions(m["what"]) if not x.other_series]
    return names[0] if len(names) == 1 and names[0] == m["what"] else None


def resolve(text: str, previous: str | None) -> str | None:
    """The standalone question ``text`` stands for after ``previous``, or None if it stands alone."""
    if not previous:
        return None
    topic = _topic(previous)
    if (m := PRONOUN.match(text)) and len(topic) >= 2:  # "这个要附证明吗": the thing asked
        return topic + text[m.end() - len(m[1]) :]
    if (too := GRADE_TOO.match(text)) and vocabulary().grades_in(too["what"]) and 2 <= len(topic) <= 8:
        return f"{too['what']}也要{topic}吗"  # "初级也要吗" after "答辩是几月"
    if THEN_WHAT.match(text):  # "然后呢" after "评审机构什么时候审核"
        return f"{topic if len(topic) >= 2 else previous.rstrip('？?。')}之后呢"
    if OTHER_DIRECTION.search(text) and (direction := stated_direction(previous)):  # after "研究方向…"
        other = next(d for d in DIRECTION_WORD if d != direction)
        return re.sub(rf"(?:{DIRECTION_NAMED[direction]})+", DIRECTION_WORD[other], previous, count=1)
    if VERB_FIRST.match(text) and 2 <= len(topic) < len(previous.rstrip("？?。 ")):
        return topic + text.strip()  # "在哪看" after "高级的评审结果啥时候出": the thing asked about
    # "要几篇" after "工程师的成果条件是什么", "要几年" after "正高要什么条件": asked of the grade's thing
    if (YEARS_ONLY.match(text) or COUNT_ONLY.match(text)) and vocabulary().grades_in(topic):
        return of_part(topic + text.strip(), previous) or topic + text.strip()
    # a detail, the Nth item, the years of what was just asked; "他能报不" after what was said of him
    if STATUS.match(text):  # "那已经过了吗" after "网上申报时间": one clause, "网上申报时间已经过了吗"
        return previous.rstrip("？?。 ") + re.sub(r"^\s*(?:那么|那)\s*", "", text.strip())
    joined = (DETAIL, SUBJECTLESS, ORDINAL, YEARS_ONLY, COUNT_ONLY, WEEKDAY, THIRD_PERSON, VERB_FIRST)
    if any(p.match(text) for p in joined):
        return f"{previous.rstrip('？?。')}，{text.strip()}"
    if asked := may_apply(text, previous):  # "中专可以吗" after "助工要什么学历"
        return asked
    if instead := ASKED_INSTEAD.match(text):  # "问错了，我想问的是中级的" after "高工成果要几项"
        return resolve(f"那{instead['what']}呢？", previous)
    vocab = vocabulary()
    if EN_FOLLOW.match(text) and (named := vocab.grades_in(text)) and (old := vocab.grades_in(previous)):
        return _replace_first(previous, [n for n, g in vocab.grade_names if g == old[0]], named[0])
    m = FOLLOW_UP.match(text)
    if not m:
        return None
    what = m["what"]
    grades, edu = vocab.grades_in(what), vocab.degree_in(what)
    if grades and (held := HELD.match(what)):  # "有助工的话呢" after "大专评工程师要干几年": a title held
        title = what[held.end() :]
        if (was := HELD_IN.search(previous)) is not None:  # "要是我拿的是别的系列的副高呢": instead of that one
            return previous[: was.start(2)] + title + previous[was.end(2) :]
        return f"{previous.rstrip('？?。')}，已取得{GRADE_LEVEL[grades[0]]}职称？"
    if grades:
        old = vocab.grades_in(previous)
        if old:
            return _replace_first(previous, [n for n, g in vocab.grade_names if g == old[0]], grades[0])
        return f"{previous.rstrip('？?')}（{grades[0]}）？"
    if edu:
        old_edu = vocab.degree_in(previous)
        if old_edu:
            return _replace_first(previous, [n for n, d in vocab.degree_names if d == old_edu], edu)
    sibling = _sibling(what, previous)
    if sibling:  # "那如果我是运营服务方向呢" after "…研究方向有什么要求": the other of the same kind
        # ("评审机构审核呢" after "单位审核推荐到几号": when it is, as exactly as the documents say)
        return DAY.sub("什么时候", previous.replace(sibling, SUBJECT.sub("", what), 1))
    if (when := WHEN_ASKED.search(previous)) and not re.search(r"哪|什么|啥|几", what):
        return SUBJECT.sub("", what) + DAY.sub("什么时候", previous[when.start() :])  # after "网上申报是哪几天"
    return f"{previous.rstrip('？?。')}，{what}呢？"


WHEN_ASKED = re.compile(r"(?:是)?(?:什么时候|啥时候|哪几天|哪天|哪一天|几号|几月|截止|开始|结束)")
SUBJECT = re.compile(r"^(?:如果|要是|假如)?(?:我|我们|本人)?(?:是|做|搞|走|报)?")
HELD = re.compile(
    r"^(?:如果|要是|假如)?(?:我|本人)?(?:已经|已)?(?:有|拿了|拿到|取得了?|评了|评上了?|持有|拿的是|有的是|评的是)"
)
# the title a question speaks of as held ("高工是要拿了中级之后干满几年")
HELD_IN = re.compile(r"(拿了|拿到|取得了?|有了?|评上了?)(初级|中级|副高级?|正高级?|助工|助理级?|高工)")
DAY = re.compile(r"(?:到|是|在)?(?:几号|哪一?天|哪日)")


def may_apply(text: str, previous: str | None) -> str | None:
    """ "中专可以吗" after a question on one grade: whether that degree may apply for it.

    >>> may_apply("中专可以吗", "助工要什么学历"), may_apply("中专可以吗", "答辩几月")
    ('中专能申报助理工程师吗？', None)
    """
    may = MAY_TOO.match(text)
    if not previous or not may or not _degree_only(may["what"]):
        return None
    named = vocabulary().grades_in(previous)
    return M.MAY_APPLY.format(who=may["what"].strip(), grade=named[0]) if named else None


def _degree_only(what: str) -> bool:
    """``what`` names a degree and no grade ("中专", "大专学历")."""
    vocab = vocabulary()
    return vocab.degree_in(what) is not None and not vocab.grades_in(what)


def _sibling(what: str, previous: str) -> str | None:
    """The phrase of ``previous`` that ``what`` stands in for: the same head word (方向, 系列…) after
    another modifier ("研究方向" for "运营服务方向").

    >>> _sibling("如果我是运营服务方向", "高级工程师的业绩条件里，研究方向有什么要求？")
    '研究方向'
    """
    name = SUBJECT.sub("", what)
    head = name[-2:]
    if len(name) < 4 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", head) or name in previous:
        return None
    from ..text import Lexicon  # the domain's own words, whole ("单位审核推荐", not "单位审核")

    whole = [w for w in Lexicon.load().cut(previous) if head in w and len(w) >= 4 and w != name]
    if whole:
        return whole[0]
    i = previous.find(head)
    phrase = previous[max(0, i - 2) : i + 2] if i >= 2 else ""
    return phrase if re.fullmatch(r"[\u4e00-\u9fff]{4}", phrase) else None
