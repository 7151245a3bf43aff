"""Yes/no questions answered yes or no, from what a clause says — or leaves out of a list it gives.

Three readings, tried in order; when none applies the caller quotes the clause instead:

1. the structure of the standard: a grade has a 业绩/成果/破格 condition or it does not;
2. a list of levels in the clause ("高、中级需进行答辩评审"): the level asked about is in it or not;
3. negation: the clause states the asked thing, or denies it (不予认可); the question may itself
   be negated ("是不是不用…"), and the answer is to the question as worded.

    >>> levels_in("高、中级需进行答辩评审"), levels_in("大学本科及以上学历毕业、取得中级职称后")
    (['副高级', '中级'], [])
    >>> polarities("对于无佐证材料的业绩成果不予认可", "认可"), polarities("按要求参加继续教育", "继续教育")
    ({False}, {True})
    >>> polarities("没有佐证材料的业绩成果会被认可吗", "认可"), polarities("是不是对身体条件没有要求", "身体条件")
    ({True}, {False})
    >>> polarities("可不受学历和专业工作经历限制", "限制")
    {False}
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocab import GRADE_LEVEL, Grade, Level
from .asks import SOME

# the question forms of yes/no ("要不要") hold 不/没 but negate nothing
ASKING = re.compile(
    r"要不要|需不需要|需要不需要|用不用|是不是|能不能|可不可以|可以不可以|有没有|会不会|算不算|行不行|对不对|是否|能否|可否"
    r"|真的假的|是真的吗|是这样吗"
    r"|(?P<a>[\u4e00-\u9fff])不(?P=a)"  # any A-not-A: 看不看, 认不认, 收不收
)
ENDING = re.compile(r"(?:吗|么|嘛|吧|不|没)\s*[？?。!！]*\s*$")
WH = re.compile(r"什么|哪些|哪个|哪里|哪儿|多少|几|怎么|怎样|如何|为什么|何时|谁|啥")
MODAL_ASKED = re.compile(r"(?:得|要|需要|能|可以|会|用)[^，,。；;？?]{1,10}[？?]\s*$")  # a modal asked with "？" alone
ASIDE = re.compile(r"\s*[（(][^（）()]{1,20}[)）][\s。.!！]*$")
CONFIRMING = re.compile(r"吧\s*[？?。!！]*\s*$")
INDEFINITE = re.compile(r"(?:不|没|无)[^，,。？?]{0,10}?(?:什么|啥)")
NO_WH = re.compile(r"没什么|没有什么|没啥|不怎么|不太|[这那]几")  # 那几个条件: points, asks nothing
NEGATION = re.compile(r"不予|不得|不需要|不需|无需|无须|不用|不必|没有|不|没|无|未|免")
NOT_NEGATION = re.compile(r"不断|不仅|不少|不同|不限|无论|未来|非常|不良")
# "没有别的…", "不用满一定的…": the negation reaches on
OTHER_KIND = re.compile(r"别的|其他的?|其它的?|任何的?|一定的?")
SCOPE_ENDS = re.compile(r"的|也|还|就|却|才|但|而且")  # a negation's reach ends here ("没证明材料也认可")
NOT_OBJECT = r"(?!也|都|就|还|又|的话|下来|下去|好|完|到|出来)"  # "没办下来": a complement, no object of the verb
# …and at a modal that starts a predicate of its own ("业绩没有佐证材料能认可吗"; not "不能答辩": the modal denied)
LATER_MODAL = re.compile(r"(?<=[\u4e00-\u9fff])(?:能(?!力|源)|可以)")
NEG_FRAME = re.compile(r"(?:不受|不被|免受)[^，,。；;]{0,20}?(限制|约束|影响)")  # a frame: its end is denied
NEG_WINDOW = 8  # characters a negation may stand before the word it negates (不用和单位建立劳动关系)
# "对X没有要求": a negation after the word, on a light predicate
NEG_AFTER = re.compile(
    r"^＿*(?:[^＿]＿*){0,3}?(?:(?:目前|现在|暂时|至今|仍然|一直)还?)?(?:(?P<light>(?:没有|没|无|不|不做|不作|未作?|并无)(?:任何|什么|啥|特别的?|具体的?|按要求|按时|按规定)?(?:要求|限制|规定|需要|必要|用|看|管|卡|限|考虑|填|写|交|签|参加|上传|提供|办|拿到|批|取得|获得))"
    r"|不予|不被|不算|不计入?)"  # "…的业绩成果不予认可": denied right after the word
)
TAIL = re.compile(r"[吗么嘛呢吧啊呀？?]|可以|行不行|行|好不好")  # what may end a question after its predicate
# answer words by the modal the question uses, first found wins: (pattern, yes, no)
MODALS = (
    (
        re.compile(r"需不需要|需要不需要|要不要|用不用|需要|必须|(?<![主重只想])要(?!求|等|到)|(?<=[也还都就])得"),
        "需要",
        "不需要",
    ),
    (re.compile(r"能不能|能否|能"), "能", "不能"),
    (re.compile(r"可不可以|可以不可以|可否|可以"), "可以", "不可以"),
    (re.compile(r"有没有|(?<![要需得])有"), "有", "没有"),  # not "要有": that asks 需要
    (re.compile(r"会不会|会"), "会", "不会"),
    (re.compile(r"算不算|算|作数"), "算", "不算"),
    (re.compile(r"够不够|够"), "够", "不够"),
    (re.compile(r"影响"), "会影响", "不影响"),
    (re.compile(r"没关系|无所谓|不要紧|不碍事"), "没关系", "不行"),
    (re.compile(r"认不认|(?<!被)认可|承认|认(?!为|真|识|可)"), "认可", "不认可"),
    (re.compile(r"行不行|就行|也行|可行|(?<![进执银])行吗"), "行", "不行"),
    (re.compile(r"有没有资格|有资格|资格"), "有资格", "没有资格"),
    (re.compile(r"包不包括|包括|包含"), "包括", "不包括"),
    (re.compile(r"属不属于|属于"), "属于", "不属于"),
)
A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")  # 看不看, 认不认
LEVEL_TOKEN = {"正高": Level.FULL_SENIOR, "副高": Level.ASSOCIATE_SENIOR, "高": Level.ASSOCIATE_SENIOR}
LEVEL_TOKEN |= {"中": Level.INTERMEDIATE, "初": Level.JUNIOR}
HELD_BEFORE = re.compile(r"(?:取得|获得|拿到|具有|具备)$")
LEVEL_LIST = re.compile(r"((?:(?:正高|副高|高|中|初)级?、)*(?:正高|副高|高|中|初))级")


# "能整体讲一下吗", "可以介绍下吗": a request worded as a question, answered by doing it
REQUEST = re.compile(
    r"(?:能|可以|能不能|可不可以|麻烦|请|帮我)\S{0,6}?(?:讲|说|介绍|解释|列|梳理|总结|概括|科普|告诉我)(?:一下|下|说|讲|讲讲|出来|清楚)"
)


def is_yes_no(text: str) -> bool:
    """A question answered by yes or no (not "what", "which", "how many", nor a request "能讲一下吗").

    >>> is_yes_no("初级需要答辩吗"), is_yes_no("高级工程师的申报条件能整体讲一下吗"), is_yes_no("都有哪些")
    (True, False, False)
    >>> is_yes_no("博士能直接评工程师吗（不问年限）")
    True
    """
    text = ASIDE.sub("", text) or text  # "能评工程师吗（不看年限）": the remark after the question
    plain = SOME.sub("", NO_WH.sub("", ASKING.sub("", text)))  # 没什么要求吧, 不管哪一级: no 什么/哪 asked
    if CONFIRMING.search(text):  # "不需要…填什么量化指标吧": 什么 after a negation means "any"
        plain = INDEFINITE.sub("", plain)
    asked = ASKING.search(text) or ENDING.search(text) or MODAL_ASKED.search(text)  # "助工也得答辩？"
    return bool(asked) and not WH.search(plain) and not REQUEST.search(text)


def levels_in(text: str) -> list[str]:
    """The levels a clause names in lists like 副高级、中级、初级 or 高、中级 (高 is 副高级 here)."""
    out: list[str] = []
    for m in LEVEL_LIST.finditer(text):
        if HELD_BEFORE.search(text[max(0, m.start() - 3) : m.start()]):
            continue  # "取得中级职称后": a title held, no list of the levels something applies to
        for token in m[1].replace("级", "").split("、"):
            lvl = LEVEL_TOKEN[token].value
            if lvl not in out:
                out.append(lvl)
    return out


def polarities(text: str, term: str) -> set[bool]:
    """How ``text`` speaks of ``term`` at each place it names it: stated (True), denied (False).

    A negation counts when it stands before the word in the same phrase, with no 的 between
    ("没有佐证材料的业绩成果会被认可" negates 佐证材料, not 认可), or right after it on a light
    predicate ("对身体条件没有要求"). The question forms 要不要, 是不是… negate nothing.
    """
    text = NOT_NEGATION.sub(lambda m: "＿" * len(m[0]), ASKING.sub(lambda m: "＿" * len(m[0]), text))
    framed = {f.span(1) for f in NEG_FRAME.finditer(text)}  # 不受学历和专业工作经历限制: 限制 denied
    out = set()
    for m in re.finditer(re.escape(term), text):
        if any(start <= m.start() and m.end() == end for start, end in framed):
            out.add(False)
            continue
        before = re.split(r"[，,。；;：:]", text[max(0, m.start() - NEG_WINDOW) : m.start()])[-1]
        neg = [
            n
            for n in NEGATION.finditer(before)
            if not re.search(r"的", rest := before[n.end() :]) and not LATER_MODAL.search(rest)
        ]
        after = re.split(r"[，,。；;：:]", text[m.end() : m.end() + 8])[0]
        out.add(not (neg or NEG_AFTER.search(after)))
    return out


def answer_words(question: str) -> tuple[str, str]:
    """("需要", "不需要") — the words that answer this question yes and no: the modal nearest its end.
    A modal the question negates asks the opposite: "不需要填报吧" is answered "不需要" (yes) or "需要" (no).

    >>> answer_words("没有佐证材料的业绩成果会被认可吗"), answer_words("量化指标不需要填报吧")
    (('会', '不会'), ('不需要', '需要'))
    >>> answer_words("民营企业的员工是不是没资格申报"), answer_words("破格看不看学历")
    (('没有资格', '有资格'), ('看', '不看'))
    """
    best: tuple[int, str, str] = (-1, "是", "不是")
    for pat, yes, no in MODALS:
        for m in pat.finditer(question):
            before = question[max(0, m.start() - 1) : m.start()]
            denied = before in ("不", "没", "无") and yes != "有"  # 没有 is no modal "有"; 没资格 denies
            if m.start() > best[0] and (denied or before not in ("没", "无")):
                best = (m.start(), no, yes) if denied else (m.start(), yes, no)
    for m in A_NOT_A.finditer(question):  # "看不看" asks 看 or 不看, unless a modal starts there or later
        if m.start() > best[0]:
            best = (m.start(), m[1], "不" + m[1])
    return best[1], best[2]


# a modal the question denies after its subject: "外国人应该不能报吧", "民营企业的员工是不是没资格申报"
DENIED_MODAL = re.compile(r"(?:不|没|无)(?:能|可以|可|会|算|够|行|允许|资格|有资格)")


def denied_after(question: str, term: str) -> bool:
    """Whether the question denies what it asks about ``term`` by a negated modal after it, in the
    same clause ("外国人应该不能报这个吧" asks whether 外国人 cannot apply).

    >>> denied_after("外国人应该不能报这个吧", "外国人"), denied_after("外国人能不能报", "外国人")
    (True, False)
    """
    text = NOT_NEGATION.sub(lambda m: "＿" * len(m[0]), ASKING.sub(lambda m: "＿" * len(m[0]), question))
    text = OTHER_KIND.sub(lambda m: "＿" * len(m[0]), text)  # "没有别的佐证材料": 的 ends no scope here
    i = text.rfind(term)
    if i < 0:
        return False
    return bool(DENIED_MODAL.search(re.split(r"[，,。；;：:？?]", text[i + len(term) :])[0]))


def negated_in_question(question: str, term: str) -> bool:
    """Whether the question denies ``term``: a negation before it in the same clause with no 的
    between ("没跟单位建立人事劳动关系" denies 关系; "无佐证材料的业绩" does not deny 业绩) and no adverb
    that starts a predicate of its own ("业绩没证明材料也认可吗" denies 证明材料, not 认可), or a
    negation on a light predicate right after it ("对职业道德没什么要求").

    >>> negated_in_question("业绩没证明材料也认可吗", "认可"), negated_in_question("跟单位没建立劳动关系", "劳动关系")
    (False, True)
    >>> negated_in_question("没签合同也没有别的佐证材料", "佐证材料")
    True
    >>> negated_in_question("业绩没有佐证材料能认可吗", "认可"), negated_in_question("初级应该不能答辩吧", "答辩")
    (False, True)
    """
    text = NOT_NEGATION.sub(lambda m: "＿" * len(m[0]), ASKING.sub(lambda m: "＿" * len(m[0]), question))
    text = OTHER_KIND.sub(lambda m: "＿" * len(m[0]), text)  # "没有别的佐证材料": 的 ends no scope here
    i = text.find(term)
    if i < 0:
        return False
    before = re.split(r"[，,。；;：:？?]", text[:i])[-1]
    after = re.split(r"[，,。；;：:]", text[i + len(term) : i + len(term) + 10])[0]
    own = [
        n
        for n in NEGATION.finditer(before)
        if not SCOPE_ENDS.search(rest := before[n.end() :]) and not LATER_MODAL.search(rest)
    ]
    m = NEG_AFTER.search(after)
    # "申报材料可以不提供佐证吗": the light verb has an object of its own after it, which it denies instead
    rest = TAIL.sub("", after[m.end() :]) if m is not None else ""
    obj = m is not None and m["light"] is not None and re.match(NOT_OBJECT + r"[\u4e00-\u9fff]{2,}", rest)
    return bool(own) or (m is not None and not obj)


@dataclass
class Reading:
    """How a clause answers the asked proposition: ``holds`` is its truth, ``why`` the kind of reading."""

    holds: bool
    why: str  # structure | levels | negation
    levels: list[str]  # the levels the clause lists (levels reading)


def by_levels(sentence: str, level: str, terms: list[str]) -> Reading | None:
    """The asked level against the clause's level lists, segment by segment.

    "高级…在A公示，中、初级…在B公示": 初级 + B → holds; 初级 + A → does not.
    "高、中级需进行答辩评审": 初级 + 答辩 → does not (left out of the list).
    """
    segments = [s for s in re.split(r"[，,；;。]", sentence) if s.strip()]
    own = [s for s in segments if level in levels_in(s)]
    others = [s for s in segments if levels_in(s) and level not in levels_in(s)]
    if not own and not others:
        return None
    listed = [lvl for s in segments for lvl in levels_in(s)]
    # the words that tell the levels' segments apart decide (公示 is in both; 人力资源社会保障局 is not)
    telling = [t for t in terms if sum(t in s for s in own + others) < len(own + others)] or terms
    if own and (not telling or any(t in s for s in own for t in telling)):
        return Reading(True, "levels", listed)
    if any(t in s for s in others for t in telling) or (not telling and others):
        return Reading(False, "levels", listed)
    return None


def grade_level(grades: list[Grade]) -> str | None:
    return GRADE_LEVEL[grades[0]].value if len(grades) == 1 else None
