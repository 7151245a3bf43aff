"""Is this message a grade check? "本科毕业3年，能申报工程师吗？" is; "博士毕业有年限要求吗" asks about the rule,
"答辩在几月" about something else. In a conversation the answer to a pending follow-up, more facts, a
correction, "那高级工程师呢？" after a check and a return after a detour carry the check on.

    >>> _asks_to_apply("本科五年，能评工程师吗"), _asks_to_apply("也能算成果吗")
    (True, False)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..rules.phrases import ASKING, UNSURE, as_chinese, is_reply, simplify_numbers
from ..rules.reading import Reading, read, specialty_held
from ..vocab import Degree, below, vocabulary
from .asks import COUNTS_AS, SOME
from .followup import is_follow_up, strip_discourse, target_said
from .lists import FIELD_WORK_ASKED
from .session import Session, merged
from .understand import ASKER, CONCURRENT, ROUND_ASKED, THIS_ROUND, Question, asking_clause
from .yesno import is_yes_no

CAN_APPLY = re.compile(
    r"能不能|可不可以|能否|可否|能|可以|够不够|够|符合|满足|有资格|有没有资格|行不行|行吗"
    r"|(?:想|打算|准备|计划)要?(?:转|直接|破格)?(?:申报|评|报|申请|参评)"
    r"|(?<!请)(?:咨询|问问?|了解)(?:一下)?\S{0,8}?(?:申报|评审|工程师|高工|助工|中级|副高|正高)"  # "帮同事咨询助工申报"
    r"|(?:帮我|帮忙|给我|替我)(?:看看|看下|看一下|查查|查一下|评估一下|判断一下|算算|算一下)"  # "帮我看看高级工程师"
)
APPLYING = re.compile(
    r"申报|(?<!汇|简|公|上)报(?!告|道|销)|评(?![审价委])|申请|参评|符合|满足|够|破格(?!条件)"
)  # what "能" is about when it asks to apply ("这样我可以破格吗": to apply by 破格)
ASKS_RULE = re.compile(
    r"(?<![十好])几年|多少年|多久|什么条件|哪些条件|需要什么|要什么|怎么(?!弄|办|整|搞)|如何(?!办)|需要几|要几|条件是什么|是什么"
)  # ("想报工程师 怎么弄": help with one's own case, not a rule asked)
# "大专拿了助理级职称以后，干满3年就能报工程师了吧": a rule confirmed with its numbers, no person's case
RULE_CONFIRMED = re.compile(
    r"满?\s*(?:[1-9]\d*|[一二两三四五六七八九十]+)\s*年(?:以后|之后|后)?\s*(?:就|便|即)\s*(?:能|可以|可|够)"
)
# "…也得先干满一年吧": a requirement of years asked about, not the person's case
ASKS_YEARS_RULE = re.compile(
    r"(?:(?<![取获懂记])得|要|需要|必须|需)\S{0,4}满?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)年"
    r"[^，,。；;\s]{0,8}?(?:[吗吧么]|是吗|对吗|对吧)"
)
# "评中级", "本科 干了4年 想报高工": the grade one means to apply for, said as a statement (the grade
# at the end, after a verb of applying; or first, before the facts: "技术经纪副高 本科 没有中级 …")
INTENDS_END = re.compile(
    r"(?:^|[，,。；;\s])(?:[我他她]|本人)?(?:还|也|再)?(?:想|要|打算|准备|计划|今年)?(?:再|也)?(?:申报|申请|参评|评|报|冲)"
    r"(?:个|一个|一下)?\s*(?:(?:工程技术系列)?技术经纪(?:专业)?的?)?(?P<what>[^，,。；;\s]{1,8}?)(?:职称)?[。！!]?\s*$"
)
# "技术经纪副高 本科…", "报助工，大专毕业4年", "评中级：本科7年…": the grade first, then the facts
INTENDS_FIRST = re.compile(
    r"^(?:我|本人)?(?:想|要|打算|准备)?(?:申报|申请|参评|评|报)?\s*(?:技术经纪)?(?P<what>[^，,。；;：:\s]{2,6})[\s，,：:]"
)
# "硕士 3年 工程师", "本科毕业6年，工程师": the grade alone after the facts
INTENDS_BARE = re.compile(r"[\s，,](?P<what>[^，,。；;\s]{2,6}?)(?:呢)?[？?。！!]?\s*$")
COUNTS = re.compile(COUNTS_AS)
A_NOT_A = re.compile(r"([够行能可算对])不\1|[吗么嘛][？?。！!\s]*$")  # "这样够不够": a question after all
BARE_CAN = {"能", "可以", "能不能", "可不可以", "能否", "可否"}  # "能" alone: about applying only when it says so
GRADE_WORD = re.compile(r"工程师|高工|助工|中级|副高|正高|初级|高级|职称")
ENDS_ASKING = re.compile(r"[吗么吧嘛？?]\s*$|(?:能|可以|可|行|够|算)[^，,。]{0,6}不\s*[。！!]?\s*$")  # "…能破格不"
ONLY_ASKING = re.compile(r"[吗么呢吧嘛啊呀？?。!！\s]*$")
AS_REQUIRED = re.compile(r"按(?:照)?(?:要求|规定)")  # "按要求参加继续教育" states a fact, asks no rule
RULE_WORDS = re.compile(r"要求|规定|标准|年限|条件")  # "博士毕业有年限要求吗" asks about the rule, not a person
# "…想报高级工程师，够条件吗", "条件怎么算" after the person's facts: whether they meet it, not what it is
MEETS_RULE = re.compile(
    r"(?:够|符合|满足|达到|具备|达标)(?:不够|不符合|不满足)?[^，,。；;？?吗]{0,16}?(?:条件|要求|资格)|怎么算|如何算"
    r"|(?:学历|年限|资历|年头|工龄)\S{0,3}?(?:够|差|符合|满足|达到|达标|还差)"  # "学历年限够吗", "年限差不差"
)
ASKS_HERE = re.compile(r"[吗么嘛？?]|能不能|可不可以|是否|够不够")
BACK_TO_CHECK = re.compile(
    r"^\s*(?:那|这样|那样|这种情况|这样的话|那么)?\s*(?:我)?(?:还|也)?(?:能|可以|可不可以|能不能|够|行|符合|满足|达标)"
)
# what a grade check does not read: a question naming one of these asks the documents ("高级需要答辩吗")
DOCUMENT_TOPIC = re.compile(r"答辩|公示|截止|佐证|盖章|缴费|短信|申报系统|网站|电话|流程|几月|几号|哪天")
# the person's work in the field, by its name or by the activities the directions list (需求分析, 技术评价…)
OWN_WORK = re.compile(
    r"(?:在|从事|做|干|搞)\S{0,16}(?:技术转移|技术经纪|成果转化|转移转化|技术交易|技术市场|需求分析|技术评价|供需对接"
    r"|交易促进|创业孵化|创业辅导|成果筛选|技术熟化|知识产权布局|商业模式策划|投融资)"
)
# the professional ability the standards' first item asks of each grade, said of oneself ("专业理论和实践都还可以")
ABILITY_SAID = re.compile(
    r"(?:专业理论|实践功底|理论和实践|专业能力|业务能力|转化能力|转移转化能力|研究能力|实践能力|法规政策|法律法规|发展趋势)"
    r"[^，,。；;？?]{0,10}?(?:还可以|可以|没问题|良好|具备|符合|掌握|了解|熟悉|较强|很强|不错|过关|够|有)"
)
PERSONAL = re.compile(r"我|本人|俺|自己|咱|(?<![其])[他她](?![们人])")  # (他/她: the colleague asked about)
# "正高今年能报吗", "这次能评高工吗": whether the round takes a grade, of nobody in particular
ROUND_APPLY = re.compile(THIS_ROUND + r"\S{0,3}(?:能|可以|能不能|可不可以)\S{0,3}(?:申报|报|评|参评)")
HOW_APPLIED = re.compile(r"破格|直接|越级")  # how one applies, said in a question of the grade under discussion
ITEM_NAMED = re.compile(r"第\s*[一二三四五六七八九十\d]{1,2}\s*(?:条|项|个|种)")
# "能报什么级别", "最高能报到哪级": which grades the person's education and years reach
WHICH_GRADE = re.compile(
    r"(?:能|可以|可|够)(?:报|评|申报|申请|参评)(?:个)?(?:什么|哪个|哪一?级|啥|哪种|哪些)(?:级别|职称|等级|级)?"
    r"|最高(?:能|可以)?(?:报|评|申报)(?:到)?(?:哪|什么|啥)|(?:报|评|申报)(?:哪个|哪一?级|什么级别)(?:合适|比较好|好)"
)
# after a verdict or a detour, the person's own case asked about again: "还差几年", "我差多久", "那要等到啥时候",
# "那我刚才那个能报吗", "所以我到底能不能报", "那现在呢", "我的情况呢"
OWN_CASE_AGAIN = re.compile(
    r"(?:还|我)?差(?:几年|多久|多少年?|多长时间|几个月)|(?:要|得)?等到(?:啥|什么|哪)(?:时候|年)|还要等多久|(?:再)?过几年(?:能|可以)"
    r"|^\s*(?:那|所以|那么)?\s*(?:我)?(?:刚才|之前|前面)(?:那个|的|说的)?(?:情况)?\s*(?:到底)?(?:能不能|能|可以|行不行|够不够)"
    r"|^\s*(?:所以|那)\s*(?:我)?(?:到底|究竟)(?:能不能|能|可以|行不行)|^\s*(?:那)?(?:我的情况|我这情况|我这种情况)(?:呢|怎么样|咋样)"
    r"|^\s*(?:那|那么)?现在呢\s*[？?]?\s*$"
)
# a condition of the scope clause said not to hold ("没有工作许可证", "没签劳动合同"): who may apply decides
SCOPE_DENIED = re.compile(
    r"(?:没有|没|未|无|不)(?:办|办理|取得|持有|签|签订|建立|拿到)?(?:外国人来华)?(?:工作许可|许可证|人事劳动关系|劳动关系|人事关系)"
)
RESUME = re.compile(r"^\s*(?:接着|继续|回到|还是说|再说回|言归正传)")  # "接着说，…": back to the grade check
OTHER_INTENTS = ("contact", "dates", "publication", "money", "url")
PERSON_FACTS = (
    "education",
    "graduated",
    "years_in_field",
    "titles",
    "achievements",
    "performance_met",
    "breakthrough",
    "basic_met",
)


def wants(q: Question, session: Session | None, today: dt.date | None = None) -> Reading | None:
    """What ``q`` says if it is a grade check (or carries one on), else None (answer from the documents).

    A grade check is: "我能申报X吗" with facts about the person; in a conversation, the answer
    to the pending follow-up, more facts or a correction, "那高级工程师呢？" after a check, "我能评吗"
    about the grade under discussion; and a message that only states personal facts
    ("我硕士，做技术转移八年了"), which the check then asks the grade for.
    """
    if q.injection or any(_other_specialty_asked(q.text, t) for t in q.foreign_terms):
        return None  # "想报电子信息专业的中级": another specialty, not this standard
    if FIELD_WORK_ASKED.search(q.text) and is_yes_no(q.asking):  # "我做投融资，算技术转移工作吗"
        return None  # whether the work is the field's: the directions' definitions
    if (q.elsewhere and not q.grades) or SCOPE_DENIED.search(q.text):  # "在天津的公司上班，能报吗", "没有工作许可证":
        return None  # whether they may apply at all, from the scope clause (the facts are remembered)
    # (with a grade asked, "在天津上班…能报中级吗", the check runs and says the scope first: GradeDesk)
    s = session or Session()
    text = as_chinese(q.text)
    if s.topic == "question" and not s.facts and target_said(strip_discourse(text)):
        return None  # "我报的是助工" after "评审结果在哪公示": that question, of 助工
    # "我符合第二条" after the 破格 list was asked about: an item of that list
    listed = s.topic == "question" and "破格" in (s.last_question or "") and ITEM_NAMED.search(text)
    r = read(text, s.expect or ("breakthrough" if listed else None), s.expect_level, s.facts, today)
    plain = SOME.sub("", simplify_numbers(text))  # not "这几年做技术转移"
    confirmed = bool(RULE_CONFIRMED.search(plain)) and not PERSONAL.search(text)
    rule_question = bool(ASKS_RULE.search(plain) or ASKS_YEARS_RULE.search(plain) or CONCURRENT.search(text)) or (
        bool(RULE_WORDS.search(AS_REQUIRED.sub("", text)) and ASKING.search(plain)) and not specific(text, r)
    )
    stated = "grade" in r.facts and ("education" in r.facts or bool(r.facts.get("titles")))  # 本科、只有助理…
    if MEETS_RULE.search(plain) and (specific(text, r) or s.topic == "grade_check" or stated):
        rule_question = False
    rule_question = rule_question or (confirmed and s.topic != "grade_check")
    if rule_question and r.studying and _asks_to_apply(asking_clause(text)):
        rule_question = False  # "博士在读，能报中级吗": the person's own case (a degree not yet obtained)
    if rule_question and s.topic == "grade_check" and set(r.facts) & set(PERSON_FACTS):
        # "…继续教育按要求参加了…。请问能报工程师吗": facts stated mid-check, then the person's own question
        rule_question = not _asks_to_apply(asking_clause(text))
    # dates, phone…: facts alone do not make a check (but "本科2022年7月毕业就开始做技术转移了" asks nothing)
    told = _tells_facts(text, r)
    other_topic = rule_question or (q.intent in OTHER_INTENTS and not told)
    if ROUND_APPLY.search(text) and not PERSONAL.search(text) and r.facts.keys() <= {"grade"}:
        return None  # "正高今年能报吗", mid-check too: whether the round reviews that grade
    if s.facts or s.topic == "grade_check":
        carried = _carries_on(text, r, s, other_topic)
        if carried is not None:
            return r if carried else None
    if rule_question or ROUND_ASKED.search(asking_clause(text)):
        return None
    if is_follow_up(text):  # "问错了，我想问的是中级的" after a question: that question again
        return None
    if r.facts.get("education") == Degree.TECHNICAL and "grade" not in r.facts and ASKING.search(plain):
        return None  # "技工院校毕业的能报吗": the documents refer them elsewhere, whatever the grade
        # (stated only, "我是技工院校毕业的，干了6年": the check starts and asks for the grade)
    return r if _starts_check(text, r, s, other_topic) else None


def _other_specialty_asked(text: str, term: str) -> bool:
    """``term`` names another specialty asked about, not one whose title the person holds ("评的机械专业工程师").

    >>> _other_specialty_asked("想报电子信息专业的中级", "电子信息")
    True
    >>> _other_specialty_asked("2020年评的机械专业工程师", "机械")
    False
    """
    return bool(re.search(rf"{re.escape(term)}(?:专业|系列)", text)) and not specialty_held(text, term)


def remember(q: Question, session: Session | None, today: dt.date | None = None) -> None:
    """A turn answered from the documents that also states the person's own facts ("我本科毕业，评上中级
    才两年。听说高工可以破格？"): the session keeps them for a grade check later."""
    if session is None or q.injection or not PERSONAL.search(q.text):
        return
    r = read(as_chinese(q.text), None, None, session.facts, today)
    own = {k: v for k, v in r.facts.items() if k in PERSON_FACTS}
    if own:
        session.facts = merged(Reading(facts=own, under=r.under), session)
        session.under = {**session.under, **r.under}
        session.below = session.below | r.below
    session.graduated = r.graduated or session.graduated


def _carries_on(text: str, r: Reading, s: Session, other_topic: bool) -> bool | None:
    """In a conversation with a check: True (continue it), False (not a check), None (decide as new)."""
    corrected_year = s.topic == "grade_check" and r.correction and bool(r.graduated)  # "不对，是2018年毕业"
    if OWN_CASE_AGAIN.search(strip_discourse(text)) and s.facts and s.grade:
        return True  # "还差几年", "回到刚才的问题 我差多久": the person's check, again
    if is_follow_up(text):  # "那高级工程师呢？" goes on with what the last turn was about
        # (after a detour that named no grade, "那工程师呢" returns to the check, of that grade)
        back = bool(s.facts) and "grade" in r.facts and not vocabulary().grades_in(s.last_question or "")
        return (s.topic == "grade_check" or back) and (bool(r.facts) or corrected_year)
    if s.topic == "grade_check" and OWN_WORK.search(text) and not ASKING.search(SOME.sub("", text)):
        return True  # "都是做技术转移的", "毕业第三年就开始做技术转移了": the person's work, stated mid-check
    if s.topic == "grade_check" and ABILITY_SAID.search(text) and not ASKING.search(SOME.sub("", text)):
        return True  # "专业理论和实践都还可以…": the ability the standard asks, stated mid-check
    if other_topic:
        return None
    if r.facts.get("grade") and DOCUMENT_TOPIC.search(text) and r.facts.keys() <= {"grade"}:
        return None  # "高级需要答辩吗" mid-check: a question to the documents about that grade
    if r.deducted and s.topic == "grade_check":
        return True  # "中间有2年在做销售": years taken off those in the field
    if r.correction and r.bare_duration is not None and s.topic == "grade_check":
        return True  # "说错了，是8年": the duration stated last, corrected
    if (s.expect and s.expect in _fact_keys(r.facts)) or (r.facts and not r.facts.keys() <= {"grade"}):
        return True  # answers the follow-up ("本科", "5年", "有"), more facts, a correction
    if r.facts.get("grade") and (s.topic == "grade_check" or _asks_to_apply(text)):
        return True  # another grade for the same person
    if WHICH_GRADE.search(text) and s.facts and "grade" not in r.facts:
        return True  # "能报什么级别" after the person's facts: each grade checked
    if RESUME.search(text) and s.facts:
        return True  # "接着说": the pending follow-up again
    if corrected_year:
        return True  # the year the years were counted from, corrected
    if s.expect and UNSURE.search(text) and is_reply(text):
        return True  # "不知道": the check says again what it still needs
    return None


def _starts_check(text: str, r: Reading, s: Session, other_topic: bool) -> bool:
    """A new check: "我能申报X吗" about the person, "我能评吗" (the grade under discussion), or facts."""
    personal = bool(PERSONAL.search(text)) or r.studying  # ("博士在读，能报中级吗": the person's own case)
    personal = personal or bool({"education", "years_in_field", "titles"} & set(r.facts))
    asked = asking_clause(text)  # "我准备报工程师，请问中级是要参加答辩评审的吗": the question after 请问
    can_apply = _asks_to_apply(asked if ASKER.search(text) and asked != text else text)
    # the sentence that asks decides ("…准备报高工…。这篇第二作者的论文能算进成果吗": whether it counts)
    sentences = [x for x in re.split(r"(?<=[。！!？?])", text) if ASKS_HERE.search(x)]
    if len(re.findall(r"[。！!？?]\s*\S", text)) and sentences:
        can_apply = can_apply and _asks_to_apply(sentences[-1])
    if "grade" in r.facts:  # "同事都想报…，中级的评审结果在哪里公示": the question is about something else
        # "本科，工作4年，评中级", "想评中级": the grade one means to apply for, stated, asking nothing else
        intends = _intends(text) and not ASKING.search(SOME.sub("", text)) and not A_NOT_A.search(text)
        return ((can_apply and personal) or intends) and not other_topic
    # "那我能评吗？", and after a check "这样还能报吗", "那还能报吗": the grade under discussion
    back = s.topic == "grade_check" and bool(BACK_TO_CHECK.match(text))
    short = len(_cjk(HOW_APPLIED.sub("", text))) <= 8  # (how: "这样我能破格申报吗")
    if can_apply and s.grade and (PERSONAL.search(text) or back) and short:
        r.facts["grade"] = s.grade
        return True
    # "我在中关村一家技术转移中心工作": the person's own work, stated before any question: the check starts
    if not r.facts and PERSONAL.search(text) and OWN_WORK.search(text) and not ASKING.search(SOME.sub("", text)):
        return not other_topic
    # "我硕士，做技术转移八年了": facts about this person, stated (or "我…能申报吗"): ask for the grade;
    # "…这种业绩还能算吗" asks about something else ("能" without applying)
    person = [k for k in PERSON_FACTS if k in r.facts]
    if set(person) <= {"basic_met", "performance_met", "breakthrough"} and ENDS_ASKING.search(text):
        return False  # "继续教育没按要求参加，不影响我报职称吧", "报告排名第五…这个能破格吗": what the rule allows
    stated = (can_apply and bool(APPLYING.search(text))) or not ASKING.search(SOME.sub("", text))  # 前几年
    # ("硕士2020年7月毕业", "专科2020年9月毕业，毕业后就在一家社会组织做科技成果转化": told, no 我 needed)
    starts = bool(person) and (specific(text, r) or _tells_facts(text, r)) and stated and not other_topic
    held = [t["level"] for t in r.facts.get("titles") or []]
    if starts and "grade" not in r.facts and s.topic == "question" and s.grade and all(below(h, s.grade) for h in held):
        r.facts["grade"] = s.grade  # "正高要啥前提条件" … "我现在是高工 本科学历": the grade just asked about
    return starts


HAS_TITLE = re.compile(r"已经?有|有了|已经?是|拿了|拿到了?|取得了|评上了|评了")


def _tells_facts(text: str, r: Reading) -> bool:
    """``text`` asks nothing and tells a person's own history: a degree with the year of graduating or the
    work since, or the work itself ("硕士2020年7月毕业", "专科毕业后一直在孵化器做技术转移服务").

    >>> told, rule = "硕士2020年7月毕业", "硕士毕业要几年"
    >>> _tells_facts(told, read(told)), _tells_facts(rule, read(rule))
    (True, False)
    """
    if ASKING.search(SOME.sub("", text)):
        return False
    history = bool(r.graduated) or bool(OWN_WORK.search(text)) or "years_in_field" in r.facts
    has_title = bool(r.facts.get("titles")) and bool(HAS_TITLE.search(text))  # not "得先评上中级"
    history = history or (has_title and "education" in r.facts)  # "技工院校毕业的，已经有助工了"
    return history and bool({"education", "years_in_field", "titles"} & set(r.facts))


def _intends(text: str) -> bool:
    """``text`` names the grade one means to apply for, as a statement.

    >>> _intends("本科，工作4年，评中级"), _intends("技术经纪副高 本科 没有中级"), _intends("评审结果在哪公示")
    (True, True, False)
    >>> _intends("硕士 3年 工程师"), _intends("本科毕业6年，高工呢"), _intends("报助工，大专毕业4年")
    (True, True, True)
    """
    names = {n for n, _ in vocabulary().grade_names}
    found = (INTENDS_END.search(text), INTENDS_FIRST.match(text), INTENDS_BARE.search(text))
    return any(m is not None and m["what"] in names for m in found)


def _asks_to_apply(text: str) -> bool:
    """Whether ``text`` asks if the person may apply: "我能申报工程师吗", "本科五年工程师可以吗", "够不够";
    not "论文只是参与的，也能算成果吗" (能 about something else).

    >>> _asks_to_apply("本科五年，能评工程师吗"), _asks_to_apply("本科五年工程师可以吗"), _asks_to_apply("也能算成果吗")
    (True, True, False)
    >>> _asks_to_apply("我有培训证书，能直接算助理工程师职称吗")
    False
    """
    for m in CAN_APPLY.finditer(text):
        after = text[m.end() : m.end() + 8]
        if COUNTS.match(after):  # "培训证书能直接算助理工程师职称吗": whether it counts as one
            continue
        if m[0] not in BARE_CAN or APPLYING.search(after) or ONLY_ASKING.fullmatch(after) or GRADE_WORD.search(after):
            return True
    return False


def specific(text: str, r: Reading) -> bool:
    """The message speaks of one person: "我…", or years of their own ("本科毕业6年", "中级5年")."""
    titles = r.facts.get("titles") or []
    return bool(PERSONAL.search(text)) or "years_in_field" in r.facts or any("years" in t for t in titles)


def _cjk(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def _fact_keys(facts: dict[str, Any]) -> set[str]:
    keys = set(facts)
    if "titles" in facts:
        keys |= {"title_years"} if any("years" in t for t in facts["titles"]) else set()
    if "performance_met" in facts:
        keys.add("performance")
    if "basic_met" in facts:
        keys.add("basic")
    return keys
