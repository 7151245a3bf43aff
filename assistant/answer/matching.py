"""Word evidence shared by the refusal guard and the leads: which question words the documents
use, and how much a shared word says (rarer words weigh more).

    >>> from assistant.text import Lexicon
    >>> m = Matcher(Lexicon.load(), corpus_text="个人网上申报 咨询电话", unit_tokens=[["咨询", "电话"], ["申报"]])
    >>> round(m.idf("咨询"), 2) > round(m.idf("不存在"), 2) - 1
    True
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

from ..text import Lexicon
from .understand import Question


class Matcher:
    def __init__(self, lexicon: Lexicon, corpus_text: str, unit_tokens: list[list[str]]) -> None:
        self.lex = lexicon
        self.corpus_text = corpus_text
        self.generic = set(lexicon.generic)
        self._n = len(unit_tokens)
        self._df = Counter(t for tokens in unit_tokens for t in set(tokens))  # the index's BM25 tokens
        # corpus strings recur on every question: tokenize each once
        self.tokens = functools.lru_cache(maxsize=8192)(lambda text: frozenset(lexicon.tokenize(text)))

    def idf(self, token: str) -> float:
        """log(N / units holding ``token``)."""
        return math.log((1 + self._n) / (1 + self._df.get(token, 0)))

    def question_tokens(self, q: Question) -> set[str]:
        """The question's tokens that can tell one sentence from another (no stopwords, no
        pieces of the words found all over the documents)."""
        return {
            t
            for t in self.lex.tokenize(q.search)
            if t not in self.lex.stopwords and not any(t in g for g in self.generic)
        }

    def vocabulary(self, q: Question) -> tuple[list[str], list[str]]:
        """(unknown words, topic words the documents use) among the question's content words."""
        unknown, anchors = [], []
        for w in q.words:
            if not re.search(r"[\u4e00-\u9fff]", w):
                continue
            known = w in self.corpus_text or bool(self.lex.alias_terms(w))
            if not known:
                unknown.append(w)
            elif w not in self.generic:
                anchors.append(w)
        if q.english:
            anchors.extend(self.lex.english_terms(q.text))
        return unknown, anchors

    def anchor_tokens(self, q: Question) -> set[str]:
        _, anchors = self.vocabulary(q)
        expanded = self.lex.expand(" ".join(anchors)) if anchors else ""
        return {t for t in self.lex.tokenize(expanded) if len(t) >= 2 and t not in self.generic}
