"""One typo from a pinyin keyboard, corrected against the documents' own words: 申抱 → 申报,
职成 → 职称, 公式 → 公示, 技术经济 → 技术经纪.

The question is cut into words; a word the documents never use (or a run of single characters
the cutter could not join) is replaced by the one domain term that sounds the same — only when
exactly one does. A real word of the language (公式, 学时) is replaced only by a domain term the
documents use, and two words read together (技术 + 经济) only by such a term too.

    >>> s = Speller(domain=["申报", "职称", "公示", "学士"], text="申报 职称 公示")
    >>> s.correct(["职成", "申抱", "什么", "时候", "公式", "学时"])
    '职称申报什么时候公示学时'
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

CJK = re.compile(r"[\u4e00-\u9fff]+")


@functools.lru_cache(maxsize=65536)
def sound(chars: str) -> str:
    """Toneless pinyin ("申报" → "shen bao")."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(chars, style=Style.NORMAL))


def frequency(w: str) -> int:
    """How common ``w`` is in the language (jieba's dictionary count; 0 for no word)."""
    import jieba

    jieba.dt.check_initialized()
    return int(jieba.dt.FREQ.get(w, 0))


def is_word(w: str) -> bool:
    """A word of jieba's dictionary (a real word of the language)."""
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(w, 0) > 0


# parts of speech that name nothing: numerals, pronouns, particles, idioms, measure words, adverbs…
FUNCTION_POS = frozenset(
    [
        "m",
        "mq",
        "r",
        "rr",
        "rz",
        "u",
        "uj",
        "ul",
        "uz",
        "ug",
        "uv",
        "ud",
        "l",
        "q",
        "d",
        "p",
        "c",
        "y",
        "e",
        "o",
        "f",
        "ad",
    ]
)


def names_nothing(w: str) -> bool:
    """A dictionary word that is a numeral, pronoun, particle, idiom or adverb (一家, 这批, 的话,
    没关系), by jieba's part-of-speech tags: it cannot be what a question is about."""
    import jieba.posseg

    tag = jieba.posseg.dt.word_tag_tab.get(w)
    return tag is not None and (tag in FUNCTION_POS or tag[0] in "mrudqpcy")


class Speller:
    def __init__(self, domain: Iterable[str], text: str) -> None:
        """``domain``: the domain's terms (vocabulary, lexicon); ``text``: the documents."""
        self.text = text
        self.strict: dict[str, set[str]] = defaultdict(set)  # domain terms the documents use
        self.loose: dict[str, set[str]] = defaultdict(set)  # every domain term
        for w in set(domain):
            if CJK.fullmatch(w) and 2 <= len(w) <= 4:
                self.loose[sound(w)].add(w)
                if w in text:
                    self.strict[sound(w)].add(w)

    def correct(self, words: list[str]) -> str:
        """The words joined, with a typo corrected where exactly one word sounds the same."""
        out: list[str] = []
        i = 0
        while i < len(words):
            step, fix = self._at(words, i)
            out.append(fix or "".join(words[i : i + step]))
            i += step
        return "".join(out)

    def _at(self, words: list[str], i: int) -> tuple[int, str | None]:
        """(how many words, their correction or None) at position ``i``."""
        for n in (4, 3, 2):  # single characters the cutter could not join (职 成)
            if i + n <= len(words) and all(len(w) == 1 for w in words[i : i + n]):
                fix = self._fix("".join(words[i : i + n]), self.loose)
                if fix:
                    return n, fix
        w = words[i]
        fix = self._fix(w, self.strict if is_word(w) else self.loose)
        if fix:
            return 1, fix
        if i + 1 < len(words) and 3 <= len(w) + len(words[i + 1]) <= 4:  # 技术 + 经济 → 技术经纪
            fix = self._fix(w + words[i + 1], self.strict)
            if fix:
                return 2, fix
        return 1, None

    def _fix(self, piece: str, table: dict[str, set[str]]) -> str | None:
        if not CJK.fullmatch(piece) or not 2 <= len(piece) <= 4 or piece in self.text:
            return None
        same = {w for w in table.get(sound(piece), ()) if w != piece}
        return next(iter(same)) if len(same) == 1 else None
