"""Text processing shared by indexing and questions: jieba tokens, aliases, English terms.

The vocabulary is data (``lexicon.yaml``); this module only applies it.

    >>> lex = Lexicon.load()
    >>> "高级工程师" in lex.expand("高工要几年")
    True
    >>> "个人网上申报" in lex.expand("When does online application close?")
    True
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PUNCT = re.compile(r"^[\W_]+$")
_JIEBA_LOCK = threading.Lock()
_jieba_ready = False


@dataclass(frozen=True)
class Lexicon:
    aliases: dict[str, str]
    english: dict[str, str]
    words: tuple[str, ...]
    stopwords: frozenset[str]
    generic: frozenset[str] = frozenset()

    @classmethod
    @lru_cache(maxsize=4)
    def load(cls, path: Path = LEXICON_PATH) -> Lexicon:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            aliases=dict(data.get("aliases") or {}),
            english={k.lower(): v for k, v in (data.get("english") or {}).items()},
            words=tuple(data.get("words") or ()),
            stopwords=frozenset(str(w) for w in data.get("stopwords") or ()),
            generic=frozenset(str(w) for w in data.get("generic") or ()),
        )

    def english_terms(self, text: str) -> list[str]:
        """Chinese terms for the English phrases in ``text`` (longest phrases first)."""
        low = text.lower()
        found: list[str] = []
        for phrase in sorted(self.english, key=len, reverse=True):
            if re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", low):
                found.append(self.english[phrase])
                low = low.replace(phrase, " ")
        return found

    def alias_terms(self, text: str) -> list[str]:
        return [v for k, v in self.aliases.items() if k in text]

    def expand(self, text: str) -> str:
        """``text`` plus the document wording of its aliases and English terms."""
        extra = self.alias_terms(text) + self.english_terms(text)
        return text + (" " + " ".join(extra) if extra else "")


def normalize(text: str) -> str:
    """NFKC-fold full-width Latin and digits, drop control characters, squeeze spaces.

    >>> normalize("ＡＢＣ１２３\\x07  问")
    'ABC123 问'
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return re.sub(r"\s+", " ", text).strip()


def _ensure_jieba() -> None:
    global _jieba_ready
    if _jieba_ready:
        return
    with _JIEBA_LOCK:
        if _jieba_ready:
            return
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        for w in Lexicon.load().words:
            jieba.add_word(w, freq=200000)
        _jieba_ready = True


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba's words (search mode) plus CJK character bigrams, lower-cased.

    Bigrams make BM25 robust to segmentation differences (网申 vs 网上申报).

    >>> "电话" in tokenize("咨询电话是多少")
    True
    """
    import jieba

    _ensure_jieba()
    text = text.lower()
    words = [w.strip() for w in jieba.cut_for_search(text)]
    tokens = [w for w in words if w and not _PUNCT.match(w)]
    cjk = "".join(ch if _CJK.match(ch) else " " for ch in text)
    for run in cjk.split():
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def content_words(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """jieba words that carry a topic: no stopwords, no punctuation, no single CJK particles."""
    import jieba

    _ensure_jieba()
    lex = lexicon or Lexicon.load()
    out = []
    for w in jieba.cut(text.lower()):
        w = w.strip()
        if not w or _PUNCT.match(w) or w in lex.stopwords:
            continue
        if len(w) == 1 and _CJK.match(w):
            continue
        out.append(w)
    return out
