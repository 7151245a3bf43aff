"""Grade checks in a conversation: route "本科毕业3年，能申报工程师吗？" to the eligibility tool, keep
the facts of a conversation in its ``Session``, and render the result verdict first.

The desk reads the facts from the message, merges them into the session (so "5年" can answer the
last follow-up), runs the rules and writes the answer: the verdict as the lead, then each
condition with its [n] citation, the assumptions and the one question to ask next.

    >>> desk.answer(analyze("本科毕业3年，能申报工程师吗？"), {"grade": "工程师"}, None).kind   # doctest: +SKIP
    <Kind.GRADE_CHECK: 'grade_check'>
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import messages as M
from ..rules.model import Result
from ..rules.reading import read_facts
from ..rules.rulebook import Rulebook
from ..rules.tool import TOOL_NAME, eligibility_tool
from .model import Answer, Kind, Part, Sources, ToolCall, Trace
from .understand import Question

CAN_APPLY = re.compile(
    r"能不能|可不可以|能否|可否|能|可以|够不够|够|符合|满足|有资格|有没有资格|行不行|行吗|想申报|想评|想报|打算申报"
)
ASKS_RULE = re.compile(r"几年|多少年|多久|什么条件|哪些条件|需要什么|要什么|怎么|如何|需要几|要几|条件是什么|是什么")
PERSONAL = re.compile(r"我|本人|俺|自己|咱")
OTHER_INTENTS = ("contact", "dates", "publication", "money", "url")
VERDICT_LEAD = {
    "eligible": M.VERDICT_ELIGIBLE,
    "not_eligible": M.VERDICT_NOT_ELIGIBLE,
    "need_more_info": M.VERDICT_NEED_MORE,
    "refer_elsewhere": M.VERDICT_REFER,
}


@dataclass
class Session:
    """One conversation's state: the facts so far and the fact the last follow-up asked for."""

    facts: dict[str, Any] = field(default_factory=dict)
    expect: str | None = None
    expect_level: str | None = None
    last_question: str | None = None  # the last standalone question, for "那高级呢？"
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __deepcopy__(self, memo: dict[int, Any]) -> Session:
        return Session(copy.deepcopy(self.facts, memo), self.expect, self.expect_level, self.last_question)

    def reset(self) -> None:
        self.facts, self.expect, self.expect_level, self.last_question = {}, None, None, None


def merge_facts(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``new`` wins field by field; titles of the same level and series are merged."""
    out = {**old, **{k: v for k, v in new.items() if k != "titles"}}
    if "titles" in new:
        if not new["titles"] or not old.get("titles"):
            out["titles"] = new["titles"]
        else:
            merged = {(t["level"], t.get("series", "this")): dict(t) for t in old["titles"]}
            for t in new["titles"]:
                key = (t["level"], t.get("series", "this"))
                merged[key] = {**merged.get(key, {}), **{k: v for k, v in t.items() if v is not None}}
            out["titles"] = list(merged.values())
    return out


class GradeDesk:
    """Routes grade checks to the eligibility tool and renders its result as a cited answer."""

    def __init__(self, book: Rulebook, helplines: list[str], window_note: Callable[[dt.date], str]) -> None:
        self.book = book
        self.tool = eligibility_tool(book)
        self.helplines = helplines
        self.window_note = window_note  # the note on the round's application window, for a day

    def wants(self, q: Question, session: Session | None) -> dict[str, Any] | None:
        """The facts to check if ``q`` is a grade check (or answers the last follow-up), else None."""
        if q.injection or q.english:
            return None
        expect = session.expect if session else None
        facts = read_facts(q.text, expect, session.expect_level if session else None)
        if session and session.facts and q.intent not in OTHER_INTENTS:
            if expect and expect in _fact_keys(facts):
                return facts  # answers the follow-up ("本科", "5年", "有")
            if facts and not ASKS_RULE.search(q.text):
                return facts  # more facts, or another grade ("那高级工程师呢？")
        if "grade" not in facts or not CAN_APPLY.search(q.text) or ASKS_RULE.search(q.text):
            return None
        personal = PERSONAL.search(q.text) or {"education", "years_in_field", "titles"} & set(facts)
        return facts if personal else None

    def answer(self, q: Question, new_facts: dict[str, Any], session: Session | None, today: dt.date) -> Answer:
        """Check the conversation's facts with ``new_facts`` merged in; the session remembers them."""
        facts = merge_facts(session.facts if session else {}, new_facts)
        args = {k: v for k, v in facts.items() if v is not None}
        result = self.book.check(args)  # what the tool runs (the LLM path invokes the tool itself)
        if session is not None:
            session.facts = facts
            session.expect, session.expect_level = self._next_expect(result)
        answer = self.render(result, today)
        answer.question = q.text
        answer.tool_calls = [ToolCall(name=TOOL_NAME, arguments=args, result=result.to_dict())]
        # the rules' evidence: the clauses they consulted, in the order cited (score 1: read by rule)
        consulted = [(c.id, 1.0) for c in answer.citations]
        answer.trace = Trace(understood=q.summary(), retrieved=consulted, route="grade_check")
        return answer

    def _next_expect(self, result: Result) -> tuple[str | None, str | None]:
        fact = result.missing[0] if result.missing else ("breakthrough" if result.follow_up else None)
        level = None
        if fact in ("titles", "title_years"):
            edu = next((c for c in result.conditions if c.kind == "education_experience"), None)
            route = self.book.route(edu.citation.id) if edu else None
            level = route.get("title") if route else None
        return fact, level

    def render(self, result: Result, today: dt.date) -> Answer:
        """Verdict first, then each condition with its [n], the assumptions, the follow-up."""
        phones = M.PHONE_SEP.join(self.helplines)
        lead = VERDICT_LEAD[result.verdict].format(
            grade=result.grade or "", doc=self.book.rules["refer_document"], phones=phones
        )
        src = Sources()
        body = [Part(n, "note") for n in result.notes]
        for c in result.conditions:
            clause = self.book.clauses[c.citation.id]
            # a clause that introduces a list ("具备下列业绩条件之一：") is cited with its items: the reader sees them
            cite = src.cite(clause, None if clause.is_list_intro else c.citation.text)
            line = M.CONDITION_LINE.format(
                kind=M.KIND_LABEL[c.kind], status=M.STATUS_LABEL[c.status], reason=c.reason, cite=cite
            )
            body.append(Part(line, "condition"))
        body += [Part(M.ASSUMPTION_LINE.format(text=a), "assumption") for a in result.assumptions]
        if result.follow_up:
            body.append(Part(result.follow_up, "follow_up"))
        notes = [self.window_note(today)] if result.grade else []
        if result.verdict != "eligible":
            notes.append(M.ELIG_HELPLINE.format(phones=phones))
        return Answer(
            question="",
            kind=Kind.GRADE_CHECK,
            lead=lead,
            body=body,
            citations=src.citations,
            notes=[n for n in notes if n],
        )


def _fact_keys(facts: dict[str, Any]) -> set[str]:
    keys = set(facts)
    if "titles" in facts:
        keys |= {"title_years"} if any("years" in t for t in facts["titles"]) else set()
    if "performance_met" in facts:
        keys.add("performance")
    if "basic_met" in facts:
        keys.add("basic")
    return keys
