"""The refusal guard: when the documents cannot answer, say so (and give the helpline numbers).

A question is refused before any answer is composed when it is an instruction, names a place or
specialty the documents never mention, asks about a year no document covers, holds no question,
or is mostly words the documents never use.

    >>> from assistant.answer.understand import Question
    >>> other_years(Question(text="2025年的申报", search="", intent="dates"), [2023])
    [2025]
"""

from __future__ import annotations

import re

from .. import messages as M
from ..dates import find_spans
from ..ingest.clauses import Clause
from ..ingest.roundfacts import RoundFacts
from ..vocab import vocabulary
from .asks import COUNTS_AS, answer_type, holds
from .fusion import AGREED
from .matching import Matcher
from .model import Answer, Kind, Trace
from .process import asks_process
from .terms import specific
from .understand import Question

# a year of the person's own life ("我是2021年硕士毕业的", "2019年取得中级"): no round asked about
LIFE_EVENT = re.compile(
    r"(20\d\d)\s*年(?:\d{1,2}\s*月)?(?:份)?(?:起|开始|以来|至今|就|[^，,。；;？?！!]{0,8}?"
    r"(?:毕业|入职|参加工作|工作|取得|拿到|拿的|拿了|评上|评的|评了|考的|考取|考下|获得|转岗|转到|转做|结业|调到|进入|加入))"
)


# "21年的技术经纪职称评审结果": a year written short, before what a round has (not "满21年", "工作21年")
SHORT_YEAR = re.compile(
    r"(?<![\d满干做近共了工作])(1[5-9]|2\d)\s*年(?:度|的)?(?=[^，,。？?]{0,4}(?:评审|申报|职称|通知|结果|公示|答辩))"
)


def other_years(q: Question, years: list[int]) -> list[int]:
    """Years the question names that no document is about (a 2025 round, say), not years of the
    person's life ("2021年硕士毕业").

    >>> other_years(Question(text="我是2021年硕士毕业的，硕士要工作满几年", search="", intent="years"), [2023])
    []
    >>> other_years(Question(text="21年的技术经纪职称评审结果在哪查", search="", intent="publication"), [2023])
    [2021]
    >>> other_years(Question(text="我2019年起在北京一家科技成果转化服务机构工作", search="", intent="general"), [2023])
    []
    """
    life = {m.start(1) for m in LIFE_EVENT.finditer(q.text)}
    asked = {int(m[1]) for m in re.finditer(r"(20\d\d)\s*年", q.text) if m.start(1) not in life}
    asked |= {2000 + int(m[1]) for m in SHORT_YEAR.finditer(q.text)}  # "21年的评审结果"
    return sorted(asked - set(years)) if years else []


# answer types whose value in a clause shows it answers (a phone number, an address, a document's name)
SPECIFIC = frozenset({"phone", "url", "place", "document", "issuer", "form", "time_of_day"})


# "X能直接算Y吗", "X可以抵Y吗": whether one thing counts as another (as a title: TITLE_AFTER)
COUNTS = re.compile(rf"(?:能|可以|可不可以|能不能|算不算){COUNTS_AS}")
TITLE_AFTER = re.compile(  # …算助理工程师职称吗: the title is what it would count as, the question's end
    r"(?:作|为|成)?\S{0,4}?(?:工程师|高工|助工|中级|副高|正高|初级)(?:职称)?(?:吗|么|嘛|不|呢|吧)?[？?。]?\s*$"
)
WRITING = re.compile(
    r"(?:帮我|帮忙|替我|给我|请你?)\S{0,2}(?:写|起草|撰写|拟|润色|修改|生成|编)\S{0,3}(?:一份|一篇|一个|个|篇|份)"
)


def _names_title(text: str) -> bool:
    """``text`` names a title held ("高级经济师", "中级职称"), not a level word of something else
    ("初级技术经纪人培训证书").

    >>> _names_title("高级经济师"), _names_title("我有初级技术经纪人培训证书，")
    (True, False)
    """
    for m in vocabulary().title_mentions(text):
        if m.other_series or len(m.name) >= 3 or re.match(r"职称|工程师", text[m.end :]):
            return True
    return False


def typed_evidence(q: Question, scored: list[tuple[Clause, float]], year: int) -> bool:
    """Does the evidence answer ``q`` whatever its words: it asks for a typed value (a date, a phone,
    a count…), both retrievers rank the same clause first, and that clause holds a value of that type?
    ("网上报名通道哪天开放": 通道 and 开放 are not the documents' words, but the dates clause is found.)"""
    if not scored or scored[0][1] < AGREED:
        return False
    text = scored[0][0].full_text
    kind = answer_type(q.asking) or answer_type(q.asked)
    if kind:  # a count or a duration is in most clauses (2项, 满5年): no evidence that this one answers
        return kind in SPECIFIC and holds(kind, text)
    return q.intent == "dates" and bool(find_spans(text, year))


def refusal_reason(
    q: Question, facts: RoundFacts, match: Matcher, scored: list[tuple[Clause, float]] | None = None
) -> str:
    """Why the documents cannot answer ``q``, or ''; ``scored``: the retrieved clauses, whose evidence
    outweighs unfamiliar words (not names the documents never use, nor other years)."""
    if q.injection:
        return "instruction injection"
    if WRITING.search(q.text):  # "帮我写一份工作总结": a task, not a question on the documents
        return "asks for writing, not for what the documents say"
    if q.foreign_terms:
        return "names outside the documents: " + "、".join(q.foreign_terms)
    if other_years(q, facts.years):
        return "asks about a year no document covers"
    if q.elsewhere:  # "在外地单位工作，能报吗": the scope clause (本市所属) answers it
        return ""
    unknown, anchors = match.vocabulary(q)
    if asks_process(q) and not unknown:  # "具体怎么报名", "怎么报": how to apply is the documents' topic
        return ""
    if not q.words and q.intent == "general":
        return "no question in the text (a greeting, punctuation)"
    if q.english and not anchors:
        return "no topic of the documents in the English question"
    if q.intent in ("money", "url"):
        return ""  # decided by what the clauses hold
    if unknown and not anchors:
        return "no topic of the documents in the question; unknown: " + "、".join(unknown)
    counted = COUNTS.search(q.text)
    if counted and TITLE_AFTER.match(q.text, counted.end()) and not _names_title(q.text[: counted.start()]):
        return "whether something other than a title counts as one"  # "我有培训证书，能直接算助理工程师职称吗"
    named = [u for u in unknown if specific(u, match.corpus_text)]  # not 整个, 本身, 通用: words of any question
    if len(named) < 2:  # "北京积分落户，有中级职称能加几分": the context sets the topic the clause that asks points to
        named = [u for u in match.vocabulary(q, whole=True)[0] if specific(u, match.corpus_text)]
    if len(named) >= 2 and len(named) > len(anchors):
        if scored and typed_evidence(q, scored, max(facts.years, default=0)):
            return ""
        return "mostly outside the documents: " + "、".join(named)
    return ""


def abstain(q: Question, reason: str, facts: RoundFacts) -> Answer:
    """The answer that says the documents do not answer ``q``; it names what is outside them."""
    phones = M.PHONE_SEP.join(facts.helplines)
    years = other_years(q, facts.years)
    kind = Kind.OUT_OF_SCOPE
    if q.injection:
        text = M.ABSTAIN_INJECTION.format(phones=phones)
    elif years:
        asked, have = "、".join(map(str, years)), "、".join(map(str, facts.years))
        text = M.ABSTAIN_OTHER_YEAR.format(asked=asked, years=have, phones=phones)
    elif q.foreign_terms:
        text = M.ABSTAIN_FOREIGN.format(terms="、".join(q.foreign_terms), phones=phones)
    else:
        kind = Kind.NOT_IN_DOCUMENTS
        text = M.ABSTAIN.format(sources="、".join(f"《{s}》" for s in facts.sources), phones=phones)
    return Answer(question=q.text, kind=kind, lead=text, trace=Trace(understood=q.summary(), reasons=[reason]))
