"""Names outside the documents: places, specialties and series a question names (answer/guard.py refuses
on them), and where the person works ("人在天津公司上班": whether they may apply, from the scope clause).

    >>> works_in("天津", "人在天津的公司上班，能报吗"), works_in("天津", "天津的技术转移政策是什么")
    (True, False)
    >>> works_in("上海", "之前在上海工作，现在在北京一家企业做技术转移，能报吗")
    False
    >>> other_series_asked("会计系列中级职称需要什么学历"), other_series_asked("我有会计中级职称，能报工程师吗")
    (['会计系列'], [])
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..rules.reading import specialty_held
from ..vocab import scan, vocabulary
from .spelling import FUNCTION_POS

if TYPE_CHECKING:
    from ..text import Lexicon

# places the documents speak of; any other place name is outside them
HOME_PLACES = ("北京", "本市", "中关村", "国内外", "国家", "港澳台", "香港", "澳门", "台湾")
QUALIFIED_HEADS = ("专业", "系列", "职称")
# jieba's tags of words that qualify nothing: those that name nothing (spelling.FUNCTION_POS) and verbs ("评上职称");
# an idiom-tagged word may ("电气专业" is cut as one word tagged l)
FUNCTION_FLAGS = (FUNCTION_POS - {"l"}) | {"v", "vd", "vg", "x", "zg"}


OUTSIDE = re.compile(r"(?:外地|外省市?|京外|外埠|(?:其他|别的|另外的?)(?:城市|省份?|地方))(?!人|户口|户籍|生源)")


def works_in(place: str, text: str) -> bool:
    """Whether ``text`` names ``place`` as where the person works: "在天津上班", "天津的公司", "天津一家机构"."""
    p = re.escape(place)
    work = r"(?:公司|单位|机构|企业|上班|工作|就职|任职)"
    pattern = rf"{p}(?:市|的)?\S{{0,4}}?{work}|(?:在|去|到){p}\S{{0,8}}?{work}|{work}\S{{0,2}}(?:在|位于|设在|是){p}"
    # (not a workplace of the past, "之前在上海工作", nor one left for Beijing, "从天津调到北京")
    return any(not PAST.search(text[max(0, m.start() - 6) : m.start() + 1]) for m in re.finditer(pattern, text))


PAST = re.compile(r"之前|以前|原来|曾经|过去|早年|从前|离开|辞职|调离|从$|从\S{0,3}$")


# compounds of directions that jieba tags as places: "哪些东西可以算" names no place
NOT_PLACES = frozenset({"东西", "南北", "东南", "西北", "东北", "西南", "中外", "内外", "上下", "前后", "沾边"})


def foreign_terms(text: str, corpus_text: str, lex: Lexicon) -> list[str]:
    """Place names and qualifiers of 专业/系列/职称 that the documents never mention.

    "上海的职称" names another city; "会计专业" another specialty: the documents cannot answer.
    """
    import jieba.posseg as pseg

    known = corpus_text + " ".join(lex.aliases) + " ".join(lex.aliases.values())
    out: list[str] = []
    pairs = [(w, f) for w, f in pseg.cut(text) if w.strip()]
    for i, (w, flag) in enumerate(pairs):
        head = next((h for h in QUALIFIED_HEADS[:2] if w.endswith(h) and len(w) >= len(h) + 2), "")
        if head and flag not in FUNCTION_FLAGS:  # "电气专业" cut as one word: its qualifier
            w, flag, nxt = w[: -len(head)], "n", head
        else:
            nxt = pairs[i + 1][0] if i + 1 < len(pairs) else ""
        if len(w) < 2 or w in known or w in NOT_PLACES or any(p in w for p in HOME_PLACES):
            continue
        # a word qualifying 专业/系列/职称 ("通信专业", jieba tags it j): any content word
        qualifies = flag not in FUNCTION_FLAGS and any(nxt.startswith(h) for h in QUALIFIED_HEADS)
        if flag == "ns" or qualifies:
            out.append(w)
    out = [w for w in out if not specialty_held(text, w)]  # "中级是机械专业的": the title held, not asked of
    return out + [m for m in other_series_asked(text) if m not in out]


HELD_CUE = re.compile(r"取得|已有|有了?|拿到?|评上|获得|具有|持有|我是|本人是")


def other_series_asked(text: str) -> list[str]:
    """Another series, or a title of one, that ``text`` asks about rather than says the person holds.

    >>> other_series_asked("经济系列的高级经济师评审条件是什么"), other_series_asked("我有高级经济师职称，能报高工吗")
    (['经济系列', '高级经济师'], [])
    >>> other_series_asked("高级经济师转过来能报高工吗"), other_series_asked("会计系列中级职称需要什么学历")
    ([], ['会计系列'])
    >>> other_series_asked("会计中级职称今年什么时候报名"), other_series_asked("我有会计中级职称，能报工程师吗")
    (['会计'], [])
    """
    vocab = vocabulary()
    names = [f"{n}系列" for n in vocab.other_series_names] + [n for n, _ in vocab.other_titles]
    named = [(m.name, m.start, m.end) for m in scan(text, [(n, n, False) for n in names])]
    if not named:  # "会计中级职称今年什么时候报", "经济类副高": a series by its bare name, a level or 职称 after it
        bare = "|".join(map(re.escape, vocab.other_series_names))
        level = r"(?=(?:正高级?|副高级?|高级|中级|初级|职称))"
        named = [(m[0], m.start(), m.end()) for m in re.finditer(rf"(?:{bare})(?:类|专业)?{level}", text)]
    # "高级经济师能报高工吗": a grade of this series is asked (not "会计系列中级职称": that series' level)
    ends = {end for _, _, end in named}
    ours = [
        m for m in vocab.title_mentions(text) if not m.other_series and not ends & {m.start - 2, m.start - 1, m.start}
    ]
    if ours:
        return []
    return [name for name, start, _ in named if not HELD_CUE.search(text[max(0, start - 8) : start])]
