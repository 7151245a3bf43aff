"""Metamorphic variants: rewordings a real user makes that must not change the answer.

Each variant of a question must give the same answer kind and the same first citation as the
question itself (abstaining counts as a kind). Deterministic: the same variants every run.

    >>> [name for name, _ in variants("个人网上申报什么时候截止？")]
    ['polite', 'polite_long', 'particle', 'no_punctuation', 'traditional', 'typo']
    >>> dict(variants("本科毕业3年能申报工程师吗"))["numerals"]
    '本科毕业三年能申报工程师吗'
"""

from __future__ import annotations

import functools
import re

# common slips of a pinyin keyboard: (the word, the homophone typed instead)
TYPOS = (
    ("申报", "申抱"),
    ("职称", "职成"),
    ("公示", "公式"),
    ("答辩", "答辨"),
    ("截止", "截只"),
    ("评审", "平审"),
    ("材料", "材寮"),
    ("电话", "电化"),
    ("条件", "条见"),
    ("工程师", "工程狮"),
)
PUNCT = re.compile(r"[，,。.？?！!、；;：:“”\"'（）() ]")


@functools.cache
def _s2t() -> object:
    import opencc

    return opencc.OpenCC("s2t")


def _numerals(text: str) -> str:
    """Arabic numbers as Chinese numerals and Chinese ones as Arabic (the first kind found)."""
    import cn2an

    if re.search(r"\d", text):
        return re.sub(r"\d+", lambda m: cn2an.an2cn(m[0]), text)
    return str(cn2an.transform(text, "cn2an"))


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def _particle(bare: str) -> str:
    if bare.endswith("吗"):
        return bare[:-1] + "嘛？"
    return bare + ("呀？" if bare.endswith("呢") else "呢？")


def variants(question: str) -> list[tuple[str, str]]:
    """(name, reworded question) for each rewording that changes the text."""
    if not re.search(r"[\u4e00-\u9fff]", question):  # English
        return [
            ("polite", "Hello, could you tell me: " + question),
            ("no_punctuation", re.sub(r"[?.!,]", "", question)),
            ("full_width", _full_width(question)),
        ]
    bare = question.rstrip("？?。！! ")
    out = [
        ("polite", "请问" + question if not question.startswith("请问") else "您好，" + question),
        ("polite_long", "我想问一下，" + question),
        ("particle", _particle(bare)),
        ("no_punctuation", PUNCT.sub("", question)),
        ("numerals", _numerals(question)),
        ("full_width", _full_width(question)),
        ("traditional", str(_s2t().convert(question))),  # type: ignore[attr-defined]
    ]
    typo = next(((w, t) for w, t in TYPOS if w in question), None)
    if typo:
        out.append(("typo", question.replace(typo[0], typo[1], 1)))
    return [(name, v) for name, v in out if v and v != question]
