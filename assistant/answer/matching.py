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
from ..vocab import vocabulary
from .understand import Question

# words that ask rather than say: 几年, 多少钱, 哪个, 没有, 不能, 才能…
ASKING_WORD = re.compile(
    r"(?:几|多少|哪|什么|怎么|如何|是否).*|.*[吗呢嘛]|[不没]?(?:有|能|会|可|可以|要|需要|用|够|行)|才能|没有|不要"
)


class Matcher:
    def __init__(self, lexicon: Lexicon, corpus_text: str, unit_tokens: list[list[str]]) -> None:
        self.lex = lexicon
        self.corpus_text = corpus_text
        self.generic = set(lexicon.generic)
        self._n = len(unit_tokens)
        self._df = Counter(t for tokens in unit_tokens for t in set(tokens))  # the index's BM25 tokens
        # corpus strings recur on every question: tokenize each once
        self.tokens = functools.lru_cache(maxsize=8192)(lambda text: frozenset(lexicon.tokenize(text)))
        # a term's document wordings are asked for once per sentence a lead reads: work them out once
        self.aliases = functools.lru_cache(maxsize=8192)(lambda term: tuple(lexicon.alias_terms(term)))
        self.present = functools.lru_cache(maxsize=8192)(self._present)  # asked of a term by several leads

    def idf(self, token: str) -> float:
        """log(N / units holding ``token``)."""
        return math.log((1 + self._n) / (1 + self._df.get(token, 0)))

    def question_weights(self, q: Question) -> dict[str, float]:
        """``question_tokens`` with what each says: its idf, halved for one an alias adds."""
        own = set(self.lex.tokenize(q.text))
        return {t: self.idf(t) * (1.0 if t in own else 0.5) for t in self.question_tokens(q)}

    def question_tokens(self, q: Question) -> set[str]:
        """The question's tokens that can tell one sentence from another (no stopwords, no
        pieces of the words found all over the documents)."""
        return {
            t
            for t in self.lex.tokenize(q.search)
            if t not in self.lex.stopwords and not any(t in g for g in self.generic)
        }

    def vocabulary(self, q: Question, whole: bool = False) -> tuple[list[str], list[str]]:
        """(unknown words, topic words the documents use) among the question's content words; the
        unknown ones of the clause that asks only, unless ``whole``."""
        from .spelling import is_word

        unknown, anchors = [], []
        core = set(q.words) if whole else set(q.core_words) or set(q.words)  # not the caller's context
        for w in q.words:
            if not re.search(r"[\u4e00-\u9fff]", w) or ASKING_WORD.fullmatch(w):
                continue
            if not self.present(w):
                if is_word(w) and w in core:  # a word the documents never use (not a cutting slip: 中会发)
                    unknown.append(w)
            elif w not in self.generic:
                anchors.append(w)
        if q.english:
            anchors.extend(self.lex.english_terms(q.text) + vocabulary().expansions(q.text))
        return unknown, anchors

    def _present(self, term: str) -> bool:
        """Do the documents use ``term`` — itself, through an alias, or word by word (媒体报道:
        媒体 … 报道)? A word they never use (年龄, 退休) is not present."""
        if term in self.corpus_text:
            return True
        import jieba

        parts = [w for w in jieba.cut_for_search(term) if len(w) >= 2 and w != term]
        if any(w.isascii() and w not in self.corpus_text and not self.aliases(w) for w in parts):
            return False  # "手机app": a word the documents never use, beside one they do (手机)
        return bool(self.aliases(term)) or (
            bool(parts) and all(w in self.corpus_text or self.aliases(w) for w in parts)
        )

    def anchor_tokens(self, q: Question) -> set[str]:
        return set(self.anchor_weights(q))

    def anchor_weights(self, q: Question) -> dict[str, float]:
        """The topic tokens of the question and how much each says: its idf, halved for a token
        that only the documents' wording of an alias adds (方向 → …运营服务方向)."""
        _, anchors = self.vocabulary(q)
        if not anchors:
            return {}
        own = {t for t in self.lex.tokenize(" ".join(anchors)) if len(t) >= 2 and t not in self.generic}
        added = {
            t for t in self.lex.tokenize(self.lex.expand(" ".join(anchors))) if len(t) >= 2 and t not in self.generic
        }
        return {t: self.idf(t) * (1.0 if t in own else 0.5) for t in own | added}
