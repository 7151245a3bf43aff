"""The handlers of the web pages (`pages.py`): the applicants' chat and form, and the staff desk.

Presentation only: every answer comes from ``Assistant.ask`` / ``lookup`` / ``check`` / ``round`` /
``new_session``. The conversation lives on the server (one ``Conversation`` per browser session):
each message owns its answer, its sources and its rating; "开始新的咨询" starts a new one.

A message is posted first (shown at once, the box cleared), then answered by a second event; a
burst of messages is queued in order, never dropped (each answer event answers every message
waiting before it, under the conversation's lock). There is no pretend streaming: an answer is
shown whole when it is ready (0.05–0.5 s).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import threading
import unicodedata
import uuid
from collections.abc import Callable
from contextlib import suppress
from typing import Any, TypeVar

from ... import messages as M
from ...answer import Answer
from ...vocab import Degree
from ..feedback import FeedbackStore
from .render import (
    Hit,
    Turn,
    check_html,
    conversation_html,
    copy_ready,
    hits_html,
    topics_html,
    topics_rows,
)
from .strength import strength

MAX_CHARS = 2000  # the question limit of the contract (pipeline.MAX_QUESTION_CHARS)
MAX_TYPED = 10_000  # the box accepts this much, so an over-long paste is refused with a message, never cut
LONG_QUESTION = 300  # characters; longer questions take the long lane, one at a time
LONG_WAITING = 4  # long questions that may wait for the lane; more are turned away with a message
MAX_TURNS = 200  # per conversation; the oldest are dropped from view beyond this
EXAMPLES = [
    "个人网上申报什么时候截止？",
    "本科毕业3年，能申报工程师吗？",
    "我能申报高级工程师吗？",
    "高级职称的评审结果在哪里公示？",
    "咨询电话是多少？",
]
EDU_CHOICES = [d.value for d in Degree]
T = TypeVar("T")
# the Python names of the handlers that do the work of a question: the server rate-limits these
# The Python names of the handlers the server's guard counts, per client address: a question posted
# (rate limit: the browser's "post", the API, the form, the staff lookup) and the work in progress
# (concurrency cap: the browser's "answer" and the same three).
RATE_LIMITED = frozenset({"post", "ask_api", "check", "lookup"})
CONCURRENCY_CAPPED = frozenset({"answer", "ask_api", "check", "lookup"})
API_SESSIONS = 2000  # conversations kept for API clients (least recently used dropped)


class Conversation:
    """One browser session's chat: the assistant's session, the turns shown, a feedback id."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.id = uuid.uuid4().hex[:12]
        self.session = bot.new_session()
        self.turns: list[Turn] = []
        self.lock = threading.Lock()  # answers in order, one at a time
        self.queued = 0  # answer events in progress or waiting for the lock
        self.mutex = threading.Lock()  # the list of turns

    def __deepcopy__(self, memo: dict[int, Any]) -> Conversation:
        return self  # Gradio deep-copies a new session's state; this one is made fresh per session

    def reset(self) -> None:
        with self.lock, self.mutex:
            self.id = uuid.uuid4().hex[:12]
            self.session = self.bot.new_session()
            self.turns = []

    def add(self, turn: Turn) -> None:
        with self.mutex:
            self.turns.append(turn)
            del self.turns[:-MAX_TURNS]

    def find(self, message: str) -> Turn | None:
        with self.mutex:
            return next((t for t in self.turns if t.id == message), None)

    def waiting(self, upto: str) -> list[Turn]:
        """The turns still to answer, oldest first, up to and including ``upto`` (all if unknown)."""
        with self.mutex:
            ids = [t.id for t in self.turns]
            end = ids.index(upto) + 1 if upto in ids else len(ids)
            return [t for t in self.turns[:end] if t.pending]


class LaneFull(RuntimeError):
    """Too many long questions are waiting for the long lane."""


class Lanes:
    """Short questions go straight through; long ones (costly to embed) wait for one lane.

    The lane is one worker thread at a lower CPU priority (nice 10, Linux: per thread) asking
    ``WebApp.long_bot``, a second ``Assistant`` with its own embedding engine: a long question runs
    one at a time, holds neither the engine short questions use nor more than one worker, and
    yields the CPU to them. More than ``max_waiting`` long questions waiting → ``LaneFull``.
    """

    def __init__(self, long_chars: int = LONG_QUESTION, max_waiting: int = LONG_WAITING, nice: int = 10) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.long_chars = long_chars
        self.max_waiting = max_waiting
        self._guard = threading.Lock()
        self._queued = 0  # waiting or running
        self._pool = ThreadPoolExecutor(
            1, thread_name_prefix="long-lane", initializer=_lower_priority, initargs=(nice,)
        )

    def is_long(self, question: str) -> bool:
        return len(question) > self.long_chars

    def run(self, question: str, fn: Callable[[], T]) -> T:
        if not self.is_long(question):
            return fn()
        with self._guard:
            if self._queued > self.max_waiting:
                raise LaneFull
            self._queued += 1
        try:
            return self._pool.submit(fn).result()
        finally:
            with self._guard:
                self._queued -= 1


def _lower_priority(nice: int) -> None:
    with suppress(OSError, AttributeError):  # not on Linux, or not allowed: the lane still works
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)


class WebApp:
    """The event handlers; each calls the same ``Assistant`` methods as the command line."""

    def __init__(self, bot: Any, feedback: FeedbackStore | None, long_bot: Any = None) -> None:
        self.bot = bot
        self.feedback = feedback
        # long questions are answered by a second Assistant (its own embedding engine and lock), one at a
        # time: while one runs, short questions never wait for its embedding
        self.long_bot = long_bot or bot
        self.lanes = Lanes()
        self._api_sessions: dict[tuple[str, str], Conversation] = {}
        self._api_lock = threading.Lock()
        info = bot.round()
        self.round_note = info.note
        self.phones = "，".join(info.helplines)

    def new_conversation(self) -> Conversation:
        return Conversation(self.bot)

    def view(self, conv: Conversation) -> str:
        with conv.mutex:
            turns = list(conv.turns)
        return conversation_html(turns, self.round_note)

    # ---- chat --------------------------------------------------------------------------------
    def post(self, message: str, conv: Conversation) -> tuple[str, str, str, Conversation]:
        """Show the question at once (or why it is refused); returns view, box, message id, state."""
        text = (message or "").strip()
        if not text:
            return self.view(conv), message or "", "", conv
        turn = Turn(uuid.uuid4().hex[:10], text)
        box = ""
        if len(text) > MAX_CHARS:  # before any work: the question is never embedded
            turn.error = M.WEB_TOO_LONG.format(n=len(text), limit=MAX_CHARS)
            box = message  # kept, so it can be shortened
        conv.add(turn)
        return self.view(conv), box, turn.id, conv

    def answer(self, upto: str, conv: Conversation) -> tuple[str, Conversation]:
        """Answer every waiting message up to ``upto``, in order (a burst is never dropped).

        When no other answer event of this conversation is waiting, the rest is answered too: an
        event the server turned away (too many at once) leaves no message unanswered.
        """
        with conv.mutex:
            conv.queued += 1
        try:
            with conv.lock:
                for turn in conv.waiting(upto):
                    self._answer(turn, conv)
                with conv.mutex:
                    last = conv.queued == 1
                while last and (rest := conv.waiting("")):
                    self._answer(rest[0], conv)
        finally:
            with conv.mutex:
                conv.queued -= 1
        return self.view(conv), conv

    def _answer(self, turn: Turn, conv: Conversation) -> None:
        from ...pipeline import BadQuestion

        bot = self.long_bot if self.lanes.is_long(turn.question) else self.bot
        try:
            turn.answer = self.lanes.run(turn.question, lambda: bot.ask(turn.question, session=conv.session))
        except LaneFull:
            turn.error, turn.extra["busy"] = M.WEB_BUSY, True
        except BadQuestion as exc:
            turn.error = M.WEB_BAD_QUESTION.format(why=exc)
        except Exception:  # shown as a message, logged with its traceback
            logging.getLogger(__name__).exception("answering %r failed", turn.question[:80])
            turn.error = M.WEB_FAILED.format(phones=self.phones)

    def ask_api(self, question: str, conv: Conversation | None) -> tuple[dict[str, Any], Conversation]:
        """For API clients: one question of this session's conversation → the contract's answer object."""
        conv = conv or self.new_conversation()
        text = (question or "").strip()
        if len(text) > MAX_CHARS or not text:
            why = M.WEB_TOO_LONG.format(n=len(text), limit=MAX_CHARS) if text else "问题为空"
            return {"question": text[:200], "abstained": True, "error": why, "answer": "", "citations": []}, conv
        turn = Turn(uuid.uuid4().hex[:10], text)
        conv.add(turn)
        with conv.lock:
            self._answer(turn, conv)
        if turn.answer is None:
            failed = {"question": text, "abstained": True, "error": turn.error, "answer": "", "citations": []}
            return {**failed, "busy": True} if turn.extra.get("busy") else failed, conv
        return {**turn.answer.to_dict(), "message": turn.id}, conv

    def api_conversation(self, client: str, session: str | None) -> Conversation:
        """The conversation of REST ``session`` (per client address), or a new one-off conversation."""
        if not session:
            return self.new_conversation()
        key = (client, session[:64])
        with self._api_lock:
            conv = self._api_sessions.pop(key, None) or self.new_conversation()
            self._api_sessions[key] = conv  # most recent last
            while len(self._api_sessions) > API_SESSIONS:
                self._api_sessions.pop(next(iter(self._api_sessions)))
        return conv

    def new_chat(self, conv: Conversation) -> tuple[str, str, Conversation]:
        conv.reset()
        return self.view(conv), "", conv

    def rate(self, conv: Conversation, data: dict[str, Any]) -> str:
        """👍/👎 (+ comment) on one message, stored under that message's id; the view shows it."""
        turn = conv.find(str(data.get("msg", "")))
        rating = data.get("rating")
        if turn is None or turn.answer is None or rating not in (1, -1) or self.feedback is None:
            return self.view(conv)
        comment = str(data.get("comment") or "")[:500].strip()
        answer: Answer = turn.answer
        self.feedback.add(
            question=answer.question,
            answer=answer.text,
            citations=[c.id for c in answer.citations],
            rating=int(rating),
            comment=comment,
            session=conv.id,
            message=turn.id,
            abstained=answer.abstained,
        )
        turn.rating, turn.commented = int(rating), bool(comment)
        return self.view(conv)

    # ---- eligibility form ----------------------------------------------------------------------
    def check(
        self,
        grade: str,
        education: str,
        years_text: str | float | None,
        title_level: str,
        title_series: str,
        title_years_text: str | float | None,
        performance: str,
        achievements_text: str | float | None,
        breakthrough: list[str],
        basic: str,
    ) -> tuple[str, dict[str, Any]]:
        from ...rules.model import EligibilityInputError

        (years, p1), (title_years, p2), (achievements, p3) = (
            _number(M.WEB_F_YEARS, years_text, 60, whole=False),
            _number(M.WEB_F_TITLE_YEARS, title_years_text, 60, whole=False),
            _number(M.WEB_F_ACH, achievements_text, 50, whole=True),
        )
        problem = p1 or p2 or p3
        if problem:
            return check_html(None, problem), {}
        facts: dict[str, Any] = {"grade": grade}
        if education and education != M.WEB_UNKNOWN:
            facts["education"] = education
        if years is not None:
            facts["years_in_field"] = years
        if title_level == M.WEB_NO_TITLE:
            facts["titles"] = []
        elif title_level and title_level != M.WEB_UNKNOWN:
            title: dict[str, Any] = {
                "level": title_level,
                "series": "other" if title_series == M.WEB_OTHER_SERIES else "this",
            }
            if title_years is not None:
                title["years"] = title_years
            facts["titles"] = [title]
        yes_no = {M.WEB_YES: True, M.WEB_NO: False}
        if performance in yes_no:
            facts["performance_met"] = yes_no[performance]
        if achievements is not None:
            facts["achievements"] = int(achievements)
        if breakthrough:
            facts["breakthrough"] = [] if M.WEB_NONE in breakthrough else [int(b[0]) for b in breakthrough]
        if basic in yes_no:
            facts["basic_met"] = yes_no[basic]
        try:
            answer = self.bot.check(facts)
        except EligibilityInputError as exc:
            return check_html(None, M.WEB_BAD_FACTS.format(why=exc)), {}
        return check_html(answer, round_note=self.round_note), answer.tool_calls[0].result

    # ---- staff desk ----------------------------------------------------------------------------
    def lookup(self, query: str) -> tuple[str, str]:
        from ...pipeline import BadQuestion

        text = (query or "").strip()
        if len(text) > MAX_CHARS:
            return check_html(None, M.WEB_TOO_LONG.format(n=len(text), limit=MAX_CHARS)), ""
        try:
            found = self.bot.lookup(text, k=10)
            answer = self.bot.ask(text)
        except BadQuestion as exc:
            return check_html(None, M.WEB_BAD_QUESTION.format(why=exc)), ""
        hits = [
            Hit(n, c.id, c.doc_short or c.doc_title, c.section, c.full_text or c.text, score, strength(score))
            for n, (c, score) in enumerate(found, start=1)
        ]
        return hits_html(hits), copy_ready(answer)

    def open_questions(self) -> list[list[Any]]:
        return topics_rows(self.feedback.summary()) if self.feedback else []

    def open_questions_html(self) -> str:
        return topics_html(self.open_questions())

    def open_questions_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(M.WEB_EXPORT_HEADERS)
        from ..feedback import csv_safe

        for row in self.open_questions():
            writer.writerow([csv_safe(v) for v in row])
        return out.getvalue()


def _number(label: str, text: str | float | None, high: int, *, whole: bool) -> tuple[float | None, str]:
    """A form number: empty or "不确定" → None; else 0..high (a whole number if ``whole``), or a message."""
    raw = unicodedata.normalize("NFKC", str(text if text is not None else "")).strip()
    if raw in ("", M.WEB_UNKNOWN):
        return None, ""
    name = label.split("（")[0]
    kind = M.WEB_F_WHOLE if whole else M.WEB_F_NUMBER
    try:
        value = float(raw.removesuffix("年").removesuffix("项"))
    except ValueError:
        return None, M.WEB_F_RANGE.format(field=name, high=high, kind=kind, value=raw[:20])
    if not 0 <= value <= high or (whole and value != int(value)) or value != value:
        return None, M.WEB_F_RANGE.format(field=name, high=high, kind=kind, value=raw[:20])
    return value, ""
