"""The assistant: question → (tool | hybrid retrieval) → extractive answer, as a LangChain runnable.

Built once per process from ``Settings`` (models load once); ``ask`` is what the CLI, the web
chat and the eval call.

    >>> bot = Assistant.load(Settings.from_env())        # doctest: +SKIP
    >>> bot.ask("咨询电话是多少？").citations[0].id        # doctest: +SKIP
    'notice-3-4'
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from .answer import Answer, Composer
from .eligibility import Rulebook
from .index import ClauseRecord, Index, ensure_index
from .llm import LLMClient, LLMError, grounding_check
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
    llm: LLMClient | None = None

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
        bot = cls(
            settings=settings,
            index=index,
            retriever=retriever,
            composer=composer,
            lexicon=lex,
            desk=desk,
            llm=LLMClient.from_settings(settings),
        )

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
            standalone = self.standalone(q.text, session.last_question)
            if standalone != q.text:
                log.info("follow-up %r read as %r", q.text, standalone)
                q = self.understand(standalone)
            session.last_question = q.text
        reason = self.composer.refusal_reason(q)
        if reason:
            return self.composer.abstain(q, reason)
        hits = self.retrieve(q)
        answer = self.composer.compose(q, hits, self.settings.today)
        if self.llm is None or answer.abstained:
            return answer
        return self._llm_answer(q, hits, answer, session)

    def standalone(self, text: str, previous: str | None) -> str:
        """A follow-up ("那高级呢？") as a standalone question: by the LLM if there is one, else by rule."""
        from .followup import is_follow_up, resolve

        if not previous or not is_follow_up(text):
            return text
        if self.llm is not None:
            try:
                return self.llm.rewrite(previous, text)
            except LLMError as exc:
                log.warning("follow-up rewrite by LLM failed (%s); using the rule", exc)
        return resolve(text, previous) or text

    def _llm_answer(self, q: Question, hits: list[ClauseRecord], fallback: Answer, session: Session | None) -> Answer:
        """The LLM's answer if it passes the grounding check (or its tool call, run for real), else ``fallback``."""
        from . import messages as M
        from .answer import Citation
        from .dates import cn_date

        assert self.llm is not None
        today = self.settings.today
        year = max(self.composer.years) if self.composer.years else None
        try:
            msg = self.llm.answer(q.text, hits, cn_date(today), year, tools=[self.desk.tool])
        except LLMError as exc:
            log.warning("LLM failed, extractive answer given: %s", exc)
            fallback.answer = M.NOTE_LLM_FALLBACK + "\n" + fallback.answer
            fallback.notes.append(f"llm failed: {exc}")
            return fallback
        for call in getattr(msg, "tool_calls", None) or []:
            if call.get("name") == self.desk.tool.name:  # the verdict comes from the rules, never the model
                try:
                    return self.desk.answer(q, dict(call.get("args") or {}), session, today)
                except ValueError as exc:
                    log.warning("LLM tool call rejected (%s); extractive answer given", exc)
                    fallback.notes.append(f"llm tool call rejected: {exc}")
                    return fallback
        text = str(getattr(msg, "content", "") or "").strip()
        window = self.composer.application_window
        check = grounding_check(
            text,
            [f"{h.section}\n{h.full_text}" for h in hits],  # what the model saw as [n]
            round_year=self.composer.years,
            window_status=window[1].status(today) if window else None,
            question=q.text,
            today=today,
        )
        if not check.ok:
            log.warning("LLM answer rejected by the grounding check: %s", check.reason)
            fallback.notes.append(f"llm answer rejected: {check.reason}")
            return fallback
        # renumber: the cited clauses only, [1]..[m] in order of first use
        order: list[int] = []
        for n in re.findall(r"\[(\d+)\]", text):
            if int(n) not in order:
                order.append(int(n))
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{order.index(int(m[1])) + 1}]", text)
        cited = [hits[n - 1] for n in order]
        lines = [M.SOURCES_HEADER] + [
            M.SOURCE_LINE.format(n=i, source=r.doc_short, section=r.section, quote=r.full_text)
            for i, r in enumerate(cited, start=1)
        ]
        citations = [Citation(id=r.id, source=r.doc_title, section=r.section, text=r.full_text) for r in cited]
        return Answer(
            question=q.text,
            answer=text + "\n\n" + "\n".join(lines),
            abstained=False,
            citations=citations,
            notes=["llm answer"],
        )

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
