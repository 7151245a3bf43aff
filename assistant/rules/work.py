"""Reading what a person says of their work: direction, performance, achievements, 破格, basic conditions.

Each reader sets a fact only when the message says it (or, with ``expect``, answers the follow-up
that asked for it); a negation speaks of words in its own clause only.

    >>> facts = {}
    >>> read_work("运营的项目实现了较好的经济效益和社会效益，发了3篇论文", "", None, facts)
    >>> facts
    {'direction': 'operations', 'performance_met': True, 'achievements': 3}
    >>> facts = {}
    >>> read_work("有3篇论文，都是作为参与人发的", "有3篇论文", "performance", facts)
    >>> facts
    {'achievements': 3}
    >>> facts = {}
    >>> read_work("作为主要参与人实现了国家重大科技项目研发成果的转移转化，经济效益很大", "", None, facts)
    >>> facts
    {'breakthrough': [2]}
    >>> facts = {}
    >>> read_work("破格条件一条都不沾", "", None, facts)
    >>> facts
    {'breakthrough': []}
"""

from __future__ import annotations

import re
from typing import Any

from ..text import cn_number
from ..vocab import FIELD_NAME
from .phrases import ASKING, MAX_COUNT, NO, NUM, SEGMENTS, UNSURE, is_reply, segments, yes_no

NEGATION = r"(?:没有|没|无|不具备|不满足|不符合|不够|尚未|未|还没|不)"
NEAR = "[^，。；,;！？!?]"  # a negation speaks of words in its own clause only
ACHIEVE_WORDS = (
    r"(?:成果|论文|专著|著作|编著|教材|(?<!劳动)(?<!聘用)(?<!雇佣)合同|报告|课题|协议|方案|文章)"  # not 劳动合同
)
# the outcomes the performance items name, said as done: "实现了较好的经济效益和社会效益", "课题得到了…肯定性批示"
PERFORMANCE_DONE = re.compile(
    r"(?:实现|取得|产生)了?\S{0,6}(?:经济效益|社会效益|经济和社会效益)|(?:得到|获得)了?\S{0,10}肯定性?批示"
    r"|(?:经济|社会)(?:和社会)?效益\S{0,3}(?:不错|很好|较好|显著|明显|良好)"
    r"|为\S{0,10}(?:落地|交易|商业化)\S{0,6}做出了?\S{0,4}贡献"
    r"|(?:都|也)?(?:有|带来了?|创造了?|产生了?)\S{0,4}(?:经济效益|社会效益|效益)"  # "参与运营了3个项目，都有经济效益"
    r"|效益\S{0,3}(?:不错|很好|较好|挺好|显著|明显|良好|很大|挺大)"  # "运营过转化项目，效益不错"
    r"|(?:参与|主持)?(?:制定|修订)了?\S{0,14}(?:法律法规|政策|规划|标准)"  # the research items: a policy drafted
    r"|(?:项目|成果)\S{0,8}?(?:成功)?落了?地|促成\S{0,8}(?:交易|签约)"  # "帮项目成功落了地": the operations items
)
# an item's activity, said in reply to the 业绩 question ("作为主要负责人运营过好几个转化项目", "主持过省部级课题
# 有领导批示", "出过行业发展报告"): the person names the item they hold
PERFORMANCE_ITEM = re.compile(
    r"(?:运营|主持|负责|参与)(?:了|过)?\S{0,10}?(?:项目|课题)|批示|(?:出|出版|发布|编)(?:了|过)?\S{0,8}(?:行业发展报告|专著|编著|教材)"
    r"|(?:提供|做)(?:了|过)?\S{0,8}(?:专业化服务|技术评价|需求分析|投融资)"
)
HOW_MUCH = re.compile(r"多大|多高|多好|才算|才行|才能")  # "要实现多大的经济效益才算业绩" asks
BREAK_ITEMS = {
    1: re.compile(r"采纳|形成.{0,6}政策法规"),
    2: re.compile(r"国家重大(?:科技)?(?:项目|专项)|国家重大专项"),
    3: re.compile(
        r"典型案例|媒体.{0,4}(宣传|报道)|商业模式创新"
        r"|(?:央视|中央电视台|人民日报|新华社|光明日报|经济日报|科技日报|中国日报|人民网|新华网).{0,6}(?:报道|宣传|采访|专访|播出)"
    ),
}
# below the level an item requires (省部级及以上): "被海淀区政府采纳", "县里的报纸报道过", "行业公众号发过"
BELOW_LEVEL = {
    1: re.compile(r"[县区乡镇](?:政府|人民政府|级|里|委|的)|街道|区县|县区|厅局级(?!以上)|单位内部|公司内部|集团内部"),
    3: re.compile(
        r"[县区乡镇](?:里|级|的)|地方(?:媒体|报纸|台)|公众号|自媒体|朋友圈|行业(?:内)?(?:媒体|报纸|网站|杂志)|内部刊物"
    ),
}


RANKED = re.compile(rf"排(?:名|在)?(?:第|老)\s*({NUM})")  # "不过我排第五": a rank among the contributors
ALL_DENIED = re.compile(
    r"(?:这些|这几[条项个样]|以上|上面这些|上述)\S{0,3}?(?:都|全|也)?(?:没有|没|不具备|不符合|不沾边|沾不上)"
)
# "能不能破格", "有没有业绩": a question, no denial
ASKED_FORM = re.compile(r"([\u4e00-\u9fff])[不没]\1|有没有|是否")
NOT_DENIAL = re.compile(r"不过|不仅|不但|不少|不断|不同|不错")  # "不过我负责过…": but, not a denial
# the two directions of the specialty as a person says they work in one ("搞研究", "做运营服务的");
# ``DIRECTION_NAMED``: as a question names one ("研究方向的业绩", "运营类")
DIRECTION_SAID = {
    "research": r"研究(?:工作|方向|类)|搞研究|做研究|从事.{0,6}研究",
    "operations": r"运营|服务(?:工作|方向|类)",
}
DIRECTION_NAMED = {"research": r"研究", "operations": r"运营|服务"}
DIRECTION_WORD = {"research": "研究", "operations": "运营服务"}  # each direction's own word, as the notice names it


def stated_direction(text: str, words: dict[str, str] = DIRECTION_NAMED) -> str | None:
    """The direction ``text`` names and does not deny (research first when it names both).

    >>> stated_direction("我不是做研究的，是做技术转移运营服务的"), stated_direction("研究方向的业绩条件")
    ('operations', 'research')
    """
    for name, pattern in words.items():
        for m in re.finditer(pattern, text):
            if not re.search(rf"{NEGATION}{NEAR}{{0,3}}$", text[: m.start()]):
                return name
    return None


def read_work(text: str, low: str, expect: str | None, facts: dict[str, Any], pending: str | None = None) -> None:
    """Performance, direction, achievements, breakthrough and basic conditions; ``pending``: the fact the
    check's last question asked for, whatever the reply's length (an item of 业绩 described at length)."""
    text = ASKED_FORM.sub(lambda m: "＿" * len(m[0]), text)  # "能不能破格…": asks, denies nothing
    direction = stated_direction(text, DIRECTION_SAID)
    if direction:
        facts["direction"] = direction
    _read_performance(text, low, expect, facts, pending)
    _read_achievements(text, low, expect, facts)
    _read_breakthrough(text, low, expect, facts)
    _read_basic(text, low, expect, facts)


def _clauses_with(text: str, word: str) -> list[str]:
    return [s for s in segments(text) if re.search(word, s)]


def _read_performance(text: str, low: str, expect: str | None, facts: dict[str, Any], pending: str | None) -> None:
    said = [s for s in _clauses_with(text, "业绩") if not UNSURE.search(s)]
    # (an outcome said of a 破格 item, "…国家重大科技项目…的转移转化，经济效益很大", is that item's, not 业绩)
    own = " 。".join(x for x in re.split(r"[。；;！!？?]", text) if not any(p.search(x) for p in BREAK_ITEMS.values()))
    done = [s for s in segments(own) if PERFORMANCE_DONE.search(s) and not ASKING.search(s) and not HOW_MUCH.search(s)]
    if any(
        re.search(rf"{NEGATION}{NEAR}{{0,4}}业绩", s)
        or re.search(r"业绩.{0,4}(不够|不足|不满足|不符合|没有|不具备)", s)
        for s in said
    ):
        facts["performance_met"] = False
    elif any(re.search(r"有|具备|满足|符合|达到|够", s) for s in said):
        facts["performance_met"] = True
    elif any(not re.search(rf"{NEGATION}{NEAR}{{0,4}}(?:实现|取得|产生|得到|获得|做出|效益)", s) for s in done):
        facts["performance_met"] = True  # "运营的项目实现了较好的经济效益和社会效益": an outcome the items name
    elif (pending or expect) == "performance" and any(
        PERFORMANCE_ITEM.search(s) and not re.search(rf"{NEGATION}{NEAR}{{0,4}}(?:运营|主持|负责|参与|出|提供|做)", s)
        for s in segments(text)
    ):
        facts["performance_met"] = True  # the item held, described in reply to the 业绩 question
    elif expect == "performance" and not re.search(ACHIEVE_WORDS, text) and (answer := yes_no(low)) is not None:
        # (not "有3篇论文": that answers with 成果, not with 业绩)
        facts["performance_met"] = answer


def _read_achievements(text: str, low: str, expect: str | None, facts: dict[str, Any]) -> None:
    counts: dict[int, float] = {}  # by the number's position: "3篇论文和1个合同" counts 1 once
    text = FIELD_NAME.sub(lambda m: "＿" * len(m[0]), text)  # "三个成果转化项目": the field, no 成果
    for pat in (
        rf"({NUM})\s*(?:项|篇|个|份|本|部)[^，。；,;]{{0,14}}?{ACHIEVE_WORDS}",
        rf"{ACHIEVE_WORDS}[^，。；,;\d]{{0,4}}?({NUM})\s*(?:项|篇|个|份|本|部)",
    ):
        for m in re.finditer(pat, text):
            clause = _clause_around(text, m.start(), m.end())  # 破格 facts are not 成果 counts
            if not any(p.search(clause) for p in BREAK_ITEMS.values()) and cn_number(m[1]) <= MAX_COUNT:
                counts[m.start(1)] = cn_number(m[1])
    if counts and re.search(rf"{ACHIEVE_WORDS}{NEAR}{{0,2}}一\s*(?:项|篇|个|份|本|部)\s*(?:都|也)\s*没", text):
        facts["achievements"] = 0  # "论文一篇也没有"
    elif counts:
        facts["achievements"] = int(sum(counts.values()))
    elif re.search(rf"{NEGATION}{NEAR}{{0,3}}{ACHIEVE_WORDS}", text):
        facts["achievements"] = 0
    elif expect == "achievements" and not UNSURE.search(low):
        bare = re.search(rf"({NUM})\s*(项|篇|个)?", low)
        if bare and cn_number(bare[1]) <= MAX_COUNT:
            facts["achievements"] = int(cn_number(bare[1]))
        elif NO.match(low) and is_reply(low):
            facts["achievements"] = 0


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` that holds ``text[start:end]``.

    >>> _clause_around("没有职称，我主持的一份报告形成了政策法规，被采纳了", 9, 13)
    '我主持的一份报告形成了政策法规'
    """
    before = [m.end() for m in SEGMENTS.finditer(text, 0, start)]
    after = SEGMENTS.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _read_breakthrough(text: str, low: str, expect: str | None, facts: dict[str, Any]) -> None:
    items = [k for k, pat in BREAK_ITEMS.items() if pat.search(text)]
    ranked = RANKED.search(text)
    if ranked and 1 in items and cn_number(ranked[1]) > 3:  # item 1 takes those ranked in the first three
        items.remove(1)
        facts.setdefault("breakthrough", [])
    for k, low_level in BELOW_LEVEL.items():  # "被海淀区政府采纳": not by 省部级及以上
        if k in items and any(
            low_level.search(_clause_around(text, m.start(), m.end())) for m in BREAK_ITEMS[k].finditer(text)
        ):
            items.remove(k)
            facts.setdefault("breakthrough", [])
    # each item said in its own clause, held or denied there ("…没有被省部级部门采纳过，也没参与过国家重大…")
    denied = {k for k, pat in BREAK_ITEMS.items() for m in pat.finditer(text) if _denied_in_clause(text, m)}
    # "…省部级采纳 国家重大项目转化 媒体报道 这些我都没有": the items listed, denied together after them
    if (after := ALL_DENIED.search(text)) is not None:
        denied |= {k for k, pat in BREAK_ITEMS.items() if pat.search(text, 0, after.start())}
    if (
        re.search(rf"{NEGATION}{NEAR}{{0,6}}破格", text)
        or re.search(rf"破格{NEAR}{{0,10}}(?:{NEGATION}|不沾边|沾不上|够不上|挨不上)", text)
        or (expect == "breakthrough" and yes_no(low) is False)
        or denied >= set(BREAK_ITEMS)
    ):
        facts["breakthrough"] = []
    elif [k for k in items if k not in denied]:
        facts["breakthrough"] = [k for k in items if k not in denied]
    elif expect == "breakthrough" or "破格" in text:
        # "第二条", "我符合第二条" (not "毕业第二年": an item is counted in 条/项/个/种 unless said alone)
        nth = re.search(rf"第\s*({NUM})\s*(?:条|项|个|种)|^\s*第?\s*({NUM})\s*$", low)
        if nth:
            k = int(cn_number(nth[1] or nth[2]))
            if k in (1, 2, 3):
                facts["breakthrough"] = [k]


def _denied_in_clause(text: str, m: re.Match[str]) -> bool:
    """A negation before ``m`` in its own clause: "没有被省部级部门采纳过", "也没参与过国家重大科技项目"."""
    clause = _clause_around(text, m.start(), m.end())
    return bool(re.search(NEGATION, NOT_DENIAL.sub("", clause[: clause.find(m[0])])))


def _read_basic(text: str, low: str, expect: str | None, facts: dict[str, Any]) -> None:
    if re.search(rf"{NEGATION}{NEAR}{{0,4}}(基本条件|继续教育)|(基本条件|继续教育){NEAR}{{0,3}}?{NEGATION}", text):
        facts["basic_met"] = False
    elif re.search(
        r"(符合|满足|具备|参加了?|完成了?).{0,4}(基本条件|继续教育)"
        r"|(基本条件|继续教育).{0,6}?(符合|满足|具备|参加|完成|良好|达标|上了|修完|学完|都有)",
        text,
    ):
        facts["basic_met"] = True
    elif expect == "basic" and (answer := yes_no(low)) is not None:
        facts["basic_met"] = answer
