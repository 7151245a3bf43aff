"""The assistant: the pipeline wired once per process, behind a narrow interface.

``ask`` (a question → an ``Answer``), ``lookup`` (ranked clauses for staff), ``check`` (the
eligibility form), ``round`` (the round's window and helplines, for a banner) and
``new_session`` are all the command line, the web app and the eval use.

    >>> bot = Assistant.load(Settings.from_env())        # doctest: +SKIP
    >>> bot.ask("咨询电话是多少？").citations[0].id        # doctest: +SKIP
    'notice-3-4'
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from . import messages as M
from .answer.basis import asks_basis, basis_answer
from .answer.compose import Composer
from .answer.draft import Context
from .answer.followup import listed_items, may_apply
from .answer.gradecheck import GradeDesk, Session
from .answer.llm import LLMClient, looks_like_instruction
from .answer.matching import Matcher
from .answer.model import Answer, ToolCall
from .answer.notes import window_note
from .answer.retrieve import HybridRetriever, make_retriever
from .answer.roles import THING
from .answer.shapes import part_cue
from .answer.spelling import Speller
from .answer.split import combine, split_questions
from .answer.understand import Question, analyze
from .ingest.clauses import Clause
from .ingest.corpus import Corpus
from .ingest.index import Index, ensure_index
from .rules.phrases import ASKING
from .rules.rulebook import Rulebook
from .rules.tool import TOOL_NAME
from .settings import Settings
from .text import Lexicon, normalize
from .vocab import LEVEL_GRADE, LEVEL_RANK, Level, below, vocabulary

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000

__all__ = ["Assistant", "BadQuestion", "Session", "validate_question"]


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


def make_speller(lexicon: Lexicon, corpus_text: str) -> Speller:
    """The domain's terms (vocabulary, lexicon) and the documents, for typo correction."""
    vocab = vocabulary()

    def canonical(w: str) -> str:
        named = vocab.grades_in(w)
        return str(named[0]) if len(named) == 1 and w in {n for n, _ in vocab.grade_names} else w

    return Speller([*lexicon.words, *lexicon.aliases, *lexicon.generic], text=corpus_text, canonical=canonical)


@dataclass(frozen=True)
class RoundInfo:
    """The round as a banner shows it: its year, its application window's status today, helplines."""

    year: int | None
    status: str  # past | open | upcoming | "" (no window in the documents)
    note: str  # one sentence, computed against today
    helplines: list[str]


@dataclass
class Assistant:
    settings: Settings
    index: Index
    retriever: HybridRetriever
    lexicon: Lexicon
    book: Rulebook
    llm: LLMClient | None = None
    composer: Composer = field(init=False)
    desk: GradeDesk = field(init=False)
    speller: Speller = field(init=False)

    def __post_init__(self) -> None:
        facts = self.index.round
        clause_tokens = [t for u, t in zip(self.index.units, self.index.tokens, strict=True) if "#" not in u]
        match = Matcher(self.lexicon, self.corpus.text, clause_tokens)
        self.speller = make_speller(self.lexicon, self.corpus.text)
        self.composer = Composer(Context(self.corpus, facts, self.book, match, self.settings.today))
        levels = sorted((Level(v) for v in facts.round_levels), key=LEVEL_RANK.__getitem__)
        self.desk = GradeDesk(
            self.book,
            facts.helplines,
            lambda today: window_note(facts, today),
            tuple(str(LEVEL_GRADE[v]) for v in levels),
            facts.window,
        )
        self.chain: Runnable[dict[str, Any], Answer] = self._build_chain()

    @classmethod
    def load(cls, settings: Settings, embedder: Any = None, progress: Callable[[str], None] | None = None) -> Assistant:
        """Parse the corpus, open (or build) the index, load the models: once per process."""
        from .ingest.embed import make_embedder

        emb = embedder or make_embedder(settings)
        corpus = Corpus.load(settings.corpus_dir, settings.max_document_bytes)
        index, _ = ensure_index(settings, emb, corpus=corpus, progress=progress)
        lexicon = Lexicon.load(settings.lexicon_file)
        bot = cls(
            settings=settings,
            index=index,
            retriever=make_retriever(index, emb, lexicon, k=settings.top_k),
            lexicon=lexicon,
            book=Rulebook.load(corpus, settings.rules_file),
            llm=LLMClient.from_settings(settings),
        )
        bot._understand("预热：个人网上申报")  # load jieba's dictionaries now, not on the first question
        return bot

    @property
    def corpus(self) -> Corpus:
        return self.index.corpus

    # ---- the public interface ---------------------------------------------------------------
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
                if not answer.abstained and answer.citations:
                    session.basis = list(answer.citations)  # "为什么", "依据是哪条" next
                session.items = listed_items(str(answer.kind), [c.text for c in answer.citations])
        else:
            answer = self.chain.invoke({"question": question, "session": None})
        answer.question = question
        answer.latency_ms = (time.perf_counter() - t0) * 1000
        if answer.trace.reasons:
            log.info("%s: %s", "abstained" if answer.abstained else "note", "; ".join(answer.trace.reasons))
        return answer

    def lookup(self, query: str, k: int = 10) -> list[tuple[Clause, float]]:
        """Ranked clauses for helpline staff: (clause, fused score), best first."""
        text = validate_question(query)
        retriever = self.retriever.model_copy(update={"k": k})
        docs = retriever.invoke(self._understand(text).search)
        return [(self.corpus.clauses[d.metadata["id"]], float(d.metadata.get("score", 0.0))) for d in docs]

    def check(self, facts: dict[str, Any]) -> Answer:
        """The eligibility tool on ``facts`` (raises ``EligibilityInputError``), rendered like a chat reply."""
        result = self.book.check(facts)
        answer = self.desk.render(result, self.settings.today, facts)
        answer.tool_calls = [ToolCall(TOOL_NAME, dict(facts), result.to_dict())]
        return answer

    def round(self) -> RoundInfo:
        facts, today = self.index.round, self.settings.today
        w = facts.window
        return RoundInfo(
            year=w.year if w else (facts.years[-1] if facts.years else None),
            status=w.status(today) if w else "",
            note=window_note(facts, today),
            helplines=list(facts.helplines),
        )

    @staticmethod
    def new_session() -> Session:
        """State for one conversation (pass it to every ``ask`` of that conversation)."""
        return Session()

    # ---- the chain --------------------------------------------------------------------------
    def _build_chain(self) -> Runnable[dict[str, Any], Answer]:
        """{"question", "session"} → understand → (eligibility tool | refuse | retrieve + compose)."""
        understand: Runnable[dict[str, Any], dict[str, Any]] = RunnableLambda(
            lambda x: {**x, "q": self._understand(x["question"])}, name="understand"
        )
        respond = RunnableLambda(self._respond, name="respond")
        return (understand | respond).with_config(run_name="assistant")

    def _understand(self, question: str) -> Question:
        return analyze(question, self.lexicon, corpus_text=self.composer.ctx.match.corpus_text, speller=self.speller)

    def _retrieve(self, q: Question) -> list[tuple[Clause, float]]:
        """The clauses for ``q``, best first; a question about one grade is searched deeper and kept to
        that grade's chapter and the clauses outside any ("评工程师对专业理论有什么要求": not 高工's)."""
        one = q.grade if len(q.grades) == 1 else None
        retriever = self.retriever.model_copy(update={"k": 3 * self.retriever.k}) if one else self.retriever
        docs = retriever.invoke(q.search)
        scored = [(self.corpus.clauses[d.metadata["id"]], float(d.metadata.get("score", 0.0))) for d in docs]
        if one is None:
            return scored
        grade_of = self.index.round.grade_of
        return [(c, s) for c, s in scored if grade_of(c.id) in (None, one)][: self.retriever.k] or scored[
            : self.retriever.k
        ]

    def _respond(self, x: dict[str, Any]) -> Answer:
        q: Question = x["q"]
        session: Session | None = x.get("session")
        today = self.settings.today
        if session is not None and session.basis and asks_basis(q.text):  # "依据是哪条": what was just cited
            return basis_answer(q.text, session.basis)
        if session is not None and session.topic == "grade_check" and q.foreign_terms and not ASKING.search(q.text):
            where = self._understand(q.text.rstrip("。！! ") + M.MAY_APPLY_STILL)  # "我在上海工作" mid-check
            q = where if where.elsewhere else q  # (where the person works: whether they may apply at all)
        if session is not None and (asked := may_apply(q.text, session.last_question)):
            q = self._understand(asked)  # "中专可以吗" after "助工要什么学历": a check of that degree, that grade
            session.last_question = asked  # ("那要干几年" then asks it of them)
        as_of = self.desk.counted_to(q.text, session)  # "2023年那轮能报吗": years counted to that round
        facts = self.desk.wants(q, session, as_of or today)
        if facts is not None:
            return self.desk.answer(q, facts, session, today, as_of)
        if self.llm is not None and looks_like_instruction(q.text):  # words addressed to the model never reach it
            return self.composer.abstain(replace(q, injection=True), "question addresses the model")
        self.desk.remember(q, session, today)  # "我本科…，听说高工可以破格？": the facts, for a check later
        parts = [] if q.injection else split_questions(q.text)
        if len(parts) > 1:  # "网上申报什么时候？答辩几月？": each question answered, one answer
            return combine(q.text, [self._from_documents(self._understand(p), session) for p in parts])
        return self._from_documents(q, session)

    def _of_discussed_grade(self, q: Question, scored: list[tuple[Clause, float]], session: Session) -> bool:
        """Whether ``q``, naming no grade, is about the grade under discussion: what it finds first is a
        clause of some grade's chapter (a part of the conditions), so it is asked of that grade's."""
        if not session.grade or q.grades or q.held is not None or not scored or q.english:
            return False
        return self.index.round.grade_of(scored[0][0].id) is not None

    def _from_documents(self, q: Question, session: Session | None) -> Answer:
        """The answer the documents give to ``q`` (not a grade check)."""
        today = self.settings.today
        if session is not None:  # a question from the documents; a pending follow-up stays pending
            standalone = self._standalone(q.text, session)
            if standalone != q.text:
                log.info("follow-up %r read as %r", q.text, standalone)
                q = self._understand(standalone)
            # ("那拿了副高以后要干几年" after 正高: 副高 is the title held, the grade is the one discussed)
            held = q.held
            held_only = held is not None and [str(g) for g in q.grades] in ([], [str(LEVEL_GRADE[held])])
            if held is not None and held_only and session.grade and below(held, session.grade):
                q = self._understand(M.OF_GRADE.format(grade=session.grade, question=q.text))  # "还得先有中级吗"
            scored = self._retrieve(q) if not q.injection else []
            if self._of_discussed_grade(q, scored, session):  # "参与人可以吗" after 高工's 成果: of 高工's 成果
                q = self._understand(_asked_of(q.text, session))
                scored = self._retrieve(q)
            session.asked(q)
        if q.injection:  # an instruction is never searched for
            return self.composer.abstain(q, "instruction injection")
        if session is None:
            scored = self._retrieve(q)
        hits = [c for c, _ in scored]
        reason = self.composer.refusal(q, scored)
        answer = self.composer.abstain(q, reason) if reason else self.composer.compose(q, hits, today)
        answer.trace.retrieved = [(c.id, round(s, 4)) for c, s in scored]
        if self.llm is None or answer.abstained:
            return answer
        from .answer.generate import generate

        return generate(self.llm, q, hits, answer, self.desk, session, today, self.index.round)

    def _standalone(self, text: str, session: Session) -> str:
        """A follow-up ("那高级呢？", "顺便问下，答辩在几月？") as a standalone question: after a grade
        check, about the grade checked; else by the LLM if there is one, else by rule."""
        from .answer.followup import (
            BACK_TO,
            about_grade,
            after_check,
            english_follow_up,
            follow_up_tail,
            is_follow_up,
            nth_of,
            of_part,
            resolve,
            strip_discourse,
            target_said,
            with_grade,
        )
        from .answer.llm import LLMError

        text = strip_discourse(text)
        if session.topic == "grade_check" and session.grade:
            about = with_grade(text, session.grade)  # "那需要几项成果呢？" after checking 工程师
            # "要干满几年" after "中专能评助工不": of that degree and grade
            about = about or after_check(text, session.grade, session.facts.get("education"))
            if about:
                return about
        if session.grade and (about := about_grade(text, session.grade)):  # "那成果条件要几项？"
            return about
        if session.items and (nth := nth_of(text, session.items)):
            return nth  # "第二个是做什么的" after "技术经纪分几个方向": asked of that name
        previous = session.last_question
        if previous and (counted := of_part(text, previous)):
            return counted  # "高工要几项" after "工程师要几项成果"
        if (back := BACK_TO.match(text)) and session.earlier and back.end() < len(text):
            text, previous = text[back.end() :], session.earlier  # "回到刚才的 大专要是报工程师呢"
        if previous and (english := english_follow_up(text, previous, self.lexicon)):
            text, previous = english  # "and the employer review?" after "When does the online application close?"
        if previous and (target := target_said(text)):  # "我报的是助工" after "评审结果在哪公示": of 助工
            text = M.THEN_OF.format(what=target)
        if previous and not is_follow_up(text):
            text = follow_up_tail(text) or text  # "第一条是搞研究的 那第二条呢": the follow-up it ends with
        if not previous or not is_follow_up(text):
            return text
        if self.llm is not None:
            try:
                return self.llm.rewrite(previous, text)
            except LLMError as exc:
                log.warning("follow-up rewrite by LLM failed (%s); using the rule", exc)
        return resolve(text, previous) or text


def _asked_of(text: str, session: Session) -> str:
    """``text`` asked of the grade under discussion and of the part and thing the question before named
    ("高工成果里技术合同需要什么身份" → "参与人可以吗" → "申报高级工程师的成果中的合同，参与人可以吗")."""
    last = session.last_question or ""
    before = part_cue(last) if part_cue(text) is None else None
    of = (
        M.OF_GRADE_PART.format(grade=session.grade, part=before)
        if before
        else M.OF_GRADE_ONLY.format(grade=session.grade)
    )
    thing = THING.search(last)
    if before and thing and not THING.search(text):
        of += M.OF_THING.format(thing=thing[0])
    return M.OF_GRADE_AS.format(of=of, question=text)
