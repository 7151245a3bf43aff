"""The words that carry a question's claim, and whether the documents name them: what a yes/no is
decided on, and what a detail is asked about.

    >>> specific("PPT", ""), specific("的话", "")
    (True, False)
"""

from __future__ import annotations

import re

from ..vocab import vocabulary
from .draft import Context
from .spelling import frequency, is_word, names_nothing
from .understand import Question
from .yesno import ASKING, NEGATION

# question words that carry no claim: dropped before a yes/no is matched against a clause
LIGHT = frozenset(
    [
        "参加",
        "进行",
        "需要",
        "要求",
        "必须",
        "可以",
        "能够",
        "申报",
        "申请",
        "这个",
        "那个",
        "还是",
        "一定",
        "应该",
        "是否",
        "认为",
        "规定",
    ]
)
CONDITIONAL = re.compile(r"的话")  # "没有证明材料的话": a condition's end, no part of its words
PARTICLE_END = re.compile(r"[吗嘛呢吧啊呀么哦哈啦]+(?=[？?。！!~～\s]*$)")
MODAL_CHARS = re.compile(r"[能会可要该]")
# points back or quantifies; names nothing itself
DEICTIC = re.compile(
    r"这样|这种|这个|这些|这类|此类|那样|那种|那个|那些|任何|每个|一些|某些|这家|那家|这边|那边|[这那]一\w|一说|说法"
)
# 对职业道德没什么要求, 不填也没关系吧: no claim of its own
NEG_FILLER = re.compile(r"没什么|没啥|没有什么|不太|没多大|没多少|没关系|无所谓|不要紧|不碍事")
COPULA = re.compile(r"(?:不|只|就|还|也|都|并不|并非)是")  # "我不是第一作者只是参与的": the claim is in what follows
COUNTED_WORD = re.compile(
    r"(?:\d+|[零一二两三四五六七八九十]{1,3})\s*[项篇个年月日号次份]"
)  # 一项: a value, not a claim
# "不看学历", "不管年限", "不限专业": a negated verb of regard; the claim is the negation of what follows
NEG_REGARD = re.compile(r"(?:不|没|无|不用|不再)(?:看|管|论|卡|查|限|考虑|计较|在乎|在意|讲究|追究)")
PRONOUNS = "我你他她咱俺"
# "量化指标不填", "许可证没办": denies the word before, names nothing
NEG_VERB = re.compile(r"(?:不|没|未)[填交写签报办批]")
PLACE_DENIED = re.compile(r"不在|没在|非|不属于|并非")  # "人不在北京的单位上班": the place is what is denied
MODAL_WORD = re.compile(r"[不没还也就]?(?:能|会|可|可以|要|需要|用|行|得|该|应该|必须|够|资格|有资格|算数|作数)")


def key_terms(ctx: Context, q: Question) -> list[str]:
    """The words that carry the question's claim, in order: no grade names, asking forms (能不能),
    light verbs (参加); a word the documents never use is read with its neighbour ("私营" + "企业")."""
    names = vocabulary().rank_words()
    words: list[str | None] = []  # None: a word that carries nothing (it breaks a phrase)
    prev_raw = ""  # the word before, as cut
    said = q.asked
    if q.core and not q.reading and (at := said.find(q.core)) >= 0:
        said = said[: at + len(q.core)]  # "中级要答辩的吧 有点紧张啊": a remark after the question claims nothing
    asked = ASKING.sub("，", said)  # "查不查学历": the asking form is no word of the claim (nor 人查)
    for w in ctx.match.lex.cut(CONDITIONAL.sub("，", PARTICLE_END.sub("", asked))):
        w = w.strip().lower()
        bare = MODAL_CHARS.sub("", w) if len(w) == 2 and not is_word(w) else w  # a cutting slip: 人能
        if len(w) == 2 and not is_word(w) and w[0] in PRONOUNS:
            bare = ""  # 我报, 你填: a pronoun glued to a verb
        content = (
            len(bare) >= 2
            and w not in ctx.match.lex.stopwords
            and w not in LIGHT
            and (w not in ctx.match.generic or bool(PLACE_DENIED.fullmatch(prev_raw)))  # 不在北京: the claim
            and not PLACE_DENIED.fullmatch(w)
            and not any(n in w for n in names if len(n) >= 2)
            and not ASKING.fullmatch(w)
            and not NEGATION.fullmatch(w)
            and not NEG_FILLER.fullmatch(w)
            and not COPULA.fullmatch(w)
            and not NEG_REGARD.fullmatch(w)
            and not NEG_VERB.fullmatch(w)
            and not MODAL_WORD.fullmatch(w)
            and not COUNTED_WORD.fullmatch(w)
            and not DEICTIC.fullmatch(w)
            and not (prev_raw in ("这", "那") and w.startswith("一"))  # 这 + 一级: points back
            and bool(re.search(r"[\u4e00-\u9fffa-z]", w))
        )
        words.append(bare if content else None)
        prev_raw = w
    out: list[str] = []
    for n, word in enumerate(words):
        if word is None:
            continue
        prev = words[n - 1] if n else None
        corpus = ctx.match.corpus_text
        if (
            out
            and prev
            and prev == out[-1][-len(prev) :]
            and not found_form(ctx, word, corpus)
            and found_form(ctx, out[-1] + word, corpus)
        ):
            out[-1] += word  # 私营 + 企业 → 私营企业 (read through its alias)
        else:
            out.append(word)
    return out


COMMON = 10000  # a word this frequent in the language (通过, 准备, 形式) says little on its own


VERB_COMPLEMENT = re.compile(r"^[\u4e00-\u9fff][到给完]$")  # 发到, 交给, 填完: a verb and its result, no name


SLIP_RARE, SLIP_COMMON_CHAR = 20, 50000  # jieba frequencies: a "word" hardly used, of characters used everywhere


def specific(term: str, corpus_text: str) -> bool:
    """A word that names something (年龄, 兼职, 正装, PPT), not a common word of the language (通过,
    准备) nor a cutting slip of known characters (中会发). Strict on purpose: a yes or no about
    something the documents never name would be a guess."""
    if term.isascii():
        return True
    if is_word(term):
        if frequency(term) < SLIP_RARE and all(frequency(ch) > SLIP_COMMON_CHAR for ch in term):
            return False  # a rare "word" of very common characters is a cutting slip: 过程|中会|有
        return 0 < frequency(term) < COMMON and not names_nothing(term)  # not 一家, 的话, 没关系
    if any(names_nothing(ch) for ch in term if is_word(ch)) and re.match(r"[这那我你他她该此每各本上下哪]", term):
        return False  # a cutting slip that starts with a pronoun: 这批, 我报
    return len(term) > 3 or any(ch not in corpus_text for ch in term)


def found_form(ctx: Context, term: str, text: str) -> str | None:
    """The form of ``term`` that ``text`` uses (itself or its document wording), if any."""
    if term in text:
        return term
    for alias in ctx.match.aliases(term):
        for word in alias.split():
            if word in text:
                return word
    return None
