"""One typo from a pinyin keyboard, corrected against the documents' own words: 申抱 → 申报,
职成 → 职称, 公式 → 公示, 技术经济 → 技术经纪.

The question is cut into words; a word the documents never use (or a run of single characters
the cutter could not join) is replaced by the one domain term that sounds the same — only when
exactly one does. A real word of the language (公式, 学时) is replaced only by a domain term the
documents use, and two words read together (技术 + 经济) only by such a term too.

    >>> s = Speller(domain=["申报", "职称", "公示", "学士"], text="申报 职称 公示")
    >>> s.correct(["职成", "申抱", "什么", "时候", "公式", "学时"])
    '职称申报什么时候公示学时'
    >>> s = Speller(domain=["工程师", "高工"], text="工程师")
    >>> s.correct(["工程", "狮要", "什么"]), s.correct(["评高公"]), s.correct(["工程", "是否"])
    ('工程师要什么', '评高工', '工程是否')
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

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


# characters that join the next word only as grammar ("工程" + "是…" is no 工程师)
LIGHT_CHARS = frozenset("是的了吗呢吧啊在和与及或也都就还要能会不没有")


class Speller:
    def __init__(self, domain: Iterable[str], text: str, canonical: Callable[[str], str] = str) -> None:
        """``domain``: the domain's terms (vocabulary, lexicon); ``text``: the documents; ``canonical``:
        the one name several terms stand for (高工, 高功 → 高级工程师), so that they are one candidate."""
        self.text, self.canonical = text, canonical
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
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if len(w) >= 2 and len(nxt) >= 2 and nxt[0] not in LIGHT_CHARS:  # 工程 + 狮要 → 工程师 + 要
            fix = self._fix(w + nxt[0], self.strict)
            if fix:
                return 2, fix + nxt[1:]
        if len(w) == 3 and not is_word(w):  # 评高公 → 评 + 高工
            for head, piece in ((w[0], w[1:]), ("", w[:-1])):
                fix = self._fix(piece, self.loose)
                if fix:
                    return 1, head + fix + ("" if head else w[-1])
        return 1, None

    def _fix(self, piece: str, table: dict[str, set[str]]) -> str | None:
        if not CJK.fullmatch(piece) or not 2 <= len(piece) <= 4 or piece in self.text:
            return None
        same = sorted((w for w in table.get(sound(piece), ()) if w != piece), key=lambda w: (-frequency(w), w))
        return same[0] if same and len({self.canonical(w) for w in same}) == 1 else None  # the commonest name
