"""The assistant: question → (tool | hybrid retrieval) → extractive answer, as a LangChain runnable.

Built once per process from ``Settings`` (models load once); ``ask`` is what the CLI, the web
chat and the eval call.

    >>> bot = Assistant.load(Settings.from_env())        # doctest: +SKIP
    >>> bot.ask("咨询电话是多少？").citations[0].id        # doctest: +SKIP
    'notice-3-4'
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from .answer import Answer, Composer
from .eligibility import Rulebook
from .index import ClauseRecord, Index, ensure_index
from .question import Question, analyze
from .retrieve import HybridRetriever, make_retriever
from .settings import Settings
from .textproc import Lexicon, normalize
from .tools import EligibilityDesk, Session

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000


class BadQuestion(ValueError):
    """The question cannot be asked as given (empty, too long)."""


def validate_question(question: str) -> str:
    """The normalized question, or ``BadQuestion`` naming the problem."""
    if not isinstance(question, str):
        raise BadQuestion("question must be text")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"question is {len(question)} characters; the limit is {MAX_QUESTION_CHARS}")
    text = normalize(question)
    if not text:
        raise BadQuestion("question is empty")
    return text


@dataclass
class Assistant:
    settings: Settings
    index: Index
    retriever: HybridRetriever
    composer: Composer
    lexicon: Lexicon
    desk: EligibilityDesk

    def __post_init__(self) -> None:
        self.chain: Runnable[dict[str, Any], Answer] = self._build_chain()

    @classmethod
    def load(cls, settings: Settings, embedder: Any = None, progress: Callable[[str], None] | None = None) -> Assistant:
        from .embed import make_embedder

        emb = embedder or make_embedder(settings)
        index, _ = ensure_index(settings, emb, progress=progress)
        lex = Lexicon.load()
        composer = Composer(index, lex)
        retriever = make_retriever(index, emb, k=settings.top_k)
        desk = EligibilityDesk(Rulebook.load(settings.corpus_dir), composer.phones, composer.window_note)
        bot = cls(settings=settings, index=index, retriever=retriever, composer=composer, lexicon=lex, desk=desk)

        bot.understand("预热：个人网上申报")  # load jieba's dictionaries now, not on the first question
        return bot

    def _build_chain(self) -> Runnable[dict[str, Any], Answer]:
        """{"question", "session"} → understand → (eligibility tool | refuse | retrieve + compose)."""
        understand: Runnable[dict[str, Any], dict[str, Any]] = RunnableLambda(
            lambda x: {**x, "q": self.understand(x["question"])}, name="understand"
        )
        respond = RunnableLambda(self._respond, name="respond")
        return (understand | respond).with_config(run_name="assistant")

    def understand(self, question: str) -> Question:
        return analyze(question, self.lexicon, corpus_text=self.composer.corpus_text)

    def retrieve(self, q: Question) -> list[ClauseRecord]:
        docs = self.retriever.invoke(q.search)
        return [self.index.clauses[d.metadata["id"]] for d in docs]

    def _respond(self, x: dict[str, Any]) -> Answer:
        q: Question = x["q"]
        session: Session | None = x.get("session")
        facts = self.desk.wants(q, session)
        if facts is not None:
            return self.desk.answer(q, facts, session, self.settings.today)
        if session is not None:
            session.expect = None  # a new topic: the follow-up is no longer pending
        reason = self.composer.refusal_reason(q)
        if reason:
            return self.composer.abstain(q, reason)
        return self.composer.compose(q, self.retrieve(q), self.settings.today)

    def lookup(self, query: str, k: int = 10) -> list[tuple[ClauseRecord, float]]:
        """Ranked clauses for helpline staff: (clause, fused score), best first."""
        text = validate_question(query)
        retriever = self.retriever.model_copy(update={"k": k})
        docs = retriever.invoke(self.understand(text).search)
        return [(self.index.clauses[d.metadata["id"]], float(d.metadata.get("score", 0.0))) for d in docs]

    def ask(self, question: str, session: Session | None = None) -> Answer:
        """Answer one question (raises ``BadQuestion`` for empty or over-long input).

        Pass the same ``session`` for every message of one conversation: a grade check's
        follow-up question can then be answered by the next message.
        """
        t0 = time.perf_counter()
        validate_question(question)
        if session is not None:
            with session.lock:
                answer = self.chain.invoke({"question": question, "session": session})
        else:
            answer = self.chain.invoke({"question": question, "session": None})
        answer.question = question
        answer.latency_ms = (time.perf_counter() - t0) * 1000
        if answer.notes:
            log.info("%s: %s", "abstained" if answer.abstained else "note", "; ".join(answer.notes))
        return answer
