"""Follow-up questions made standalone without an LLM: "那高级呢？" after "本科毕业几年可以申报工程师？".

>>> resolve("那高级呢？", "本科毕业几年可以申报工程师？")
'本科毕业几年可以申报高级工程师？'
>>> resolve("硕士呢", "本科毕业几年可以申报工程师？")
'硕士研究生毕业几年可以申报工程师？'
>>> resolve("咨询电话是多少？", "网申什么时候截止？") is None
True
"""

from __future__ import annotations

import re

from ..vocab import vocabulary

FOLLOW_UP = re.compile(
    r"^\s*(?:那|那么|那如果|如果是|换成|改成)?\s*(?P<what>.{1,12}?)\s*(?:呢|的话呢|怎么样|又如何)\s*[？?。]?\s*$"
)
PRONOUN = re.compile(r"^\s*(?:那个|这个|它的|那)(?P<rest>.+)$")


def is_follow_up(text: str) -> bool:
    return bool(FOLLOW_UP.match(text))


def _replace_first(text: str, names: list[str], new: str) -> str | None:
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            return text.replace(name, new, 1)
    return None


def resolve(text: str, previous: str | None) -> str | None:
    """The standalone question ``text`` stands for after ``previous``, or None if it stands alone."""
    if not previous:
        return None
    m = FOLLOW_UP.match(text)
    if not m:
        return None
    what = m["what"]
    vocab = vocabulary()
    grades, edu = vocab.grades_in(what), vocab.degree_in(what)
    if grades:
        old = vocab.grades_in(previous)
        if old:
            return _replace_first(previous, [n for n, g in vocab.grade_names if g == old[0]], grades[0])
        return f"{previous.rstrip('？?')}（{grades[0]}）？"
    if edu:
        old_edu = vocab.degree_in(previous)
        if old_edu:
            return _replace_first(previous, [n for n, d in vocab.degree_names if d == old_edu], edu)
    return f"{previous.rstrip('？?。')}，{what}呢？"
