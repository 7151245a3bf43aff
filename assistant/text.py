"""Text shared by indexing and questions: normalization, numerals, fact patterns, jieba tokens, the lexicon.

The query vocabulary is data (``lexicon.yaml``: colloquial aliases, English terms, stopwords);
grade and degree names come from the vocabulary (``vocab.py``). This module only applies them.

    >>> lex = Lexicon.load()
    >>> "高级工程师" in lex.expand("高工要几年")
    True
    >>> "个人网上申报" in lex.expand("When does online application close?")
    True
    >>> cn_number("两"), cn_number("十二"), cn_number("3.5")
    (2.0, 12.0, 3.5)
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .settings import LEXICON_FILE
from .vocab import vocabulary

CJK = re.compile(r"[\u4e00-\u9fff]+")
# a phone number as the documents write it (010—88828948), any dash, optional spaces
NUMERAL = r"(?:\d+|[零一二两三四五六七八九十百]+)"  # a number as people write it: 12, 十二, 两
PHONE = re.compile(r"0\d{2,3}\s*[—\-－–]\s*\d{7,8}")
SPACED_PHONE = re.compile(r"(?<!\d)(0\d{2,3}) (\d{7,8})(?!\d)")
CN_NUMERAL = "零一二两三四五六七八九十"
_DIGIT = {ch: n for n, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
_PUNCT = re.compile(r"^[\W_]+$")
_JIEBA_LOCK = threading.Lock()
_jieba_words: set[str] = set()


def normalize(text: str) -> str:
    """NFKC-fold full-width Latin and digits, drop control characters, squeeze spaces.

    >>> normalize("ＡＢＣ１２３\\x07  问")
    'ABC123 问'
    >>> normalize("电话是010 88828948吗")
    '电话是010-88828948吗'
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = re.sub(r"\s+", " ", text).strip()
    return SPACED_PHONE.sub(r"\1-\2", text)  # "010 88828948": one number


@functools.cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (港澳台 applicants write 答辯、幾月).

    >>> to_simplified("答辯安排在幾月？")
    '答辩安排在几月？'
    """
    return str(_t2s().convert(text))  # type: ignore[attr-defined]


def cn_number(s: str) -> float:
    """``"12"``, ``"十二"``, ``"两"``, ``"一百零五"`` → a number (cn2an for the Chinese ones)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    import cn2an

    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError):  # not a well-formed numeral ("十十"): read digit by digit
        digits = [_DIGIT[ch] for ch in s if ch in _DIGIT]
        return float(sum(d * 10**i for i, d in enumerate(reversed(digits))))


def _cjk_keys(data: dict[str, Any]) -> list[str]:
    return [k for k in data.get("aliases") or {} if len(k) >= 2 and CJK.fullmatch(k)]


@dataclass(frozen=True)
class Lexicon:
    """Colloquial aliases and English terms → the documents' wording; stopwords; jieba words."""

    aliases: dict[str, str]
    english: dict[str, str]
    words: tuple[str, ...]
    stopwords: frozenset[str]
    generic: frozenset[str] = frozenset()
    rare_words: tuple[str, ...] = ()  # kept whole at jieba's own (low) frequency: still words the documents lack
    english_function: frozenset[str] = frozenset()  # English words with no topic of their own
    english_details: frozenset[str] = frozenset()  # English words that ask for a detail (online, weekends…)
    paraphrases: tuple[tuple[re.Pattern[str], str, re.Pattern[str]], ...] = ()

    @classmethod
    @functools.cache
    def load(cls, path: Path = LEXICON_FILE) -> Lexicon:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            aliases=dict(data.get("aliases") or {}),
            english={k.lower(): v for k, v in (data.get("english") or {}).items()},
            # jieba keeps whole: the domain words, the vocabulary's names and the colloquial aliases
            words=tuple(dict.fromkeys([*(data.get("words") or ()), *vocabulary().jieba_words(), *_cjk_keys(data)])),
            rare_words=tuple(str(w) for w in data.get("rare_words") or ()),
            english_function=frozenset(str(w).lower() for w in data.get("english_function") or ()),
            english_details=frozenset(str(w).lower() for w in data.get("english_details") or ()),
            stopwords=frozenset(str(w) for w in data.get("stopwords") or ()),
            generic=frozenset(str(w) for w in data.get("generic") or ()),
            paraphrases=tuple(
                (re.compile(p["says"]), p["as"], re.compile(p.get("unless") or r"(?!)"))
                for p in data.get("paraphrases") or ()
            ),
        )

    def reword(self, text: str) -> str:
        """``text`` with a paraphrase of a term the documents use read as that term ("不看学历年限直接报"
        → "破格直接报"), unless the text already uses it.

        >>> Lexicon.load().reword("能否不看学历年限直接报高级工程师")
        '能否破格直接报高级工程师'
        """
        for says, term, unless in self.paraphrases:
            if not unless.search(text):
                text = says.sub(term, text)
        return text

    def english_terms(self, text: str) -> list[str]:
        """Chinese terms for the English phrases in ``text`` (longest phrases first)."""
        low = text.lower()
        found: list[str] = []
        for phrase in sorted(self.english, key=len, reverse=True):
            if re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", low):
                found.append(self.english[phrase])
                low = low.replace(phrase, " ")
        return found

    def english_unknown(self, text: str, known: frozenset[str] = frozenset()) -> list[str]:
        """English words of ``text`` that neither the glossary nor ``known`` (other names, lower-cased)
        covers and that are no function words: what an English question asks that may be outside the
        documents ("Is the defence held online?" → ['online']).

        >>> Lexicon.load().english_unknown("Is the defence held online?")
        ['online']
        """
        low = text.lower()
        for phrase in sorted([*self.english, *known], key=len, reverse=True):
            low = re.sub(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", " ", low)
        words = re.findall(r"[a-z]+", low)
        return [w for w in dict.fromkeys(words) if w not in self.english_function and len(w) > 1]

    def alias_terms(self, text: str) -> list[str]:
        return [v for k, v in self.aliases.items() if k in text] + vocabulary().expansions(text)

    def expand(self, text: str) -> str:
        """``text`` plus the document wording of its aliases and English terms."""
        extra = list(dict.fromkeys(self.alias_terms(text) + self.english_terms(text)))
        return text + (" " + " ".join(extra) if extra else "")

    # ---- tokens -------------------------------------------------------------------------------
    def _jieba(self) -> object:
        import jieba

        if not {*self.words, *self.rare_words} <= _jieba_words:
            with _JIEBA_LOCK:
                import logging

                jieba.setLogLevel(logging.WARNING)
                for w in set(self.words) - _jieba_words:
                    jieba.add_word(w, freq=200000)
                    _jieba_words.add(w)
                for w in set(self.rare_words) - _jieba_words:
                    jieba.add_word(w)  # the least frequency that keeps it whole: it stays a rare word
                    _jieba_words.add(w)
        return jieba

    def tokenize(self, text: str) -> list[str]:
        """Search tokens: jieba's words (search mode) plus CJK character bigrams, lower-cased.

        Bigrams make BM25 robust to segmentation differences (网申 vs 网上申报).

        >>> "电话" in Lexicon.load().tokenize("咨询电话是多少")
        True
        """
        jieba = self._jieba()
        text = text.lower()
        words = [w.strip() for w in jieba.cut_for_search(text)]  # type: ignore[attr-defined]
        tokens = [w for w in words if w and not _PUNCT.match(w)]
        cjk = "".join(ch if CJK.match(ch) else " " for ch in text)
        for run in cjk.split():
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        return tokens

    def cut(self, text: str) -> list[str]:
        """jieba's words of ``text``, in order (the lexicon's domain words kept whole)."""
        jieba = self._jieba()
        return list(jieba.cut(text))  # type: ignore[attr-defined]

    def content_words(self, text: str) -> list[str]:
        """jieba words that carry a topic: no stopwords, no punctuation, no single CJK particles."""
        jieba = self._jieba()
        out = []
        for w in jieba.cut(text.lower()):  # type: ignore[attr-defined]
            w = w.strip()
            if not w or _PUNCT.match(w) or w in self.stopwords:
                continue
            if len(w) == 1 and CJK.match(w):
                continue
            out.append(w)
        return out
