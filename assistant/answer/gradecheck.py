"""Deterministic tools the chain calls: the eligibility check, as a LangChain tool, with its chat desk.

The desk decides whether a message is a grade check ("本科毕业3年，能申报工程师吗？"), reads the
facts from it, merges them into the session (so "5年" can answer the last follow-up), calls the
tool and writes the reply: verdict first, then each condition with its [n] citation.

    >>> tool = eligibility_tool(Rulebook.load())
    >>> tool.invoke({"grade": "工程师", "education": "本科", "years_in_field": 3})["verdict"]
    'not_eligible'
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from langchain_core.tools import StructuredTool

from . import messages as M
from .answer import Answer, Citation, ToolCall
from .eligibility import Facts, Result, Rulebook
from .facts import read_facts
from .question import Question

TOOL_NAME = "check_eligibility"
TOOL_DESCRIPTION = (
    "按北京市工程技术人才（技术经纪）职称评价基本标准条件，核对一个人能否申报某个级别"
    "（助理工程师、工程师、高级工程师、正高级工程师）。未知的事实留空。"
)
CAN_APPLY = re.compile(
    r"能不能|可不可以|能否|可否|能|可以|够不够|够|符合|满足|有资格|有没有资格|行不行|行吗|想申报|想评|想报|打算申报"
)
ASKS_RULE = re.compile(r"几年|多少年|多久|什么条件|哪些条件|需要什么|要什么|怎么|如何|需要几|要几|条件是什么|是什么")
PERSONAL = re.compile(r"我|本人|俺|自己|咱")
OTHER_INTENTS = ("contact", "dates", "publication", "money", "url")


def eligibility_tool(book: Rulebook) -> StructuredTool:
    """The rulebook as a LangChain tool: ``Facts`` in, the result dict out."""

    def check_eligibility(**facts: Any) -> dict[str, Any]:
        return book.check(Facts.parse(facts)).to_dict()

    return StructuredTool.from_function(
        func=check_eligibility, name=TOOL_NAME, description=TOOL_DESCRIPTION, args_schema=Facts
    )


@dataclass
class Session:
    """One conversation's state: the facts so far and the fact the last follow-up asked for."""

    facts: dict[str, Any] = field(default_factory=dict)
    expect: str | None = None
    expect_level: str | None = None
    last_question: str | None = None  # the last standalone question, for "那高级呢？"
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __deepcopy__(self, memo: dict[int, Any]) -> Session:
        import copy

        return Session(
            facts=copy.deepcopy(self.facts, memo),
            expect=self.expect,
            expect_level=self.expect_level,
            last_question=self.last_question,
        )

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


class EligibilityDesk:
    """Routes grade checks to the tool and renders its result as a cited answer."""

    def __init__(self, book: Rulebook, phones: list[str], round_note: Any = None) -> None:
        self.book = book
        self.tool = eligibility_tool(book)
        self.phones = phones
        self.round_note = round_note  # callable(today) -> str, from the notice's dates

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

    def answer(self, q: Question, new_facts: dict[str, Any], session: Session | None, today: Any) -> Answer:
        facts = merge_facts(session.facts if session else {}, new_facts)
        args = {k: v for k, v in facts.items() if v is not None}
        result = self.tool.invoke(args)
        if session is not None:
            session.facts = facts
            session.expect, session.expect_level = self._next_expect(result)
        text, citations = self.render(result, today)
        return Answer(
            question=q.text,
            answer=text,
            abstained=False,
            citations=citations,
            tool_calls=[ToolCall(name=TOOL_NAME, arguments=args, result=result)],
        )

    def _next_expect(self, result: dict[str, Any]) -> tuple[str | None, str | None]:
        fact = result["missing"][0] if result["missing"] else ("breakthrough" if result["follow_up"] else None)
        level = None
        if fact in ("titles", "title_years"):
            edu = next((c for c in result["conditions"] if c["kind"] == "education_experience"), None)
            route = self.book.route(edu["citation"]["id"]) if edu else None
            level = route.get("title") if route else None
        return fact, level

    def render(self, result: dict[str, Any], today: Any) -> tuple[str, list[Citation]]:
        """Verdict first, then each condition with its [n], assumptions, the follow-up, the sources."""
        head = Result(**{**result, "conditions": []})
        grade = head.grade or ""
        phones = M.PHONE_SEP.join(self.phones)
        lines = [
            {
                "eligible": M.VERDICT_ELIGIBLE,
                "not_eligible": M.VERDICT_NOT_ELIGIBLE,
                "need_more_info": M.VERDICT_NEED_MORE,
                "refer_elsewhere": M.VERDICT_REFER,
            }[head.verdict].format(grade=grade, doc=self.book.rules["refer_document"], phones=phones)
        ]
        lines += head.notes
        order: list[str] = []
        citations: list[Citation] = []
        for c in result["conditions"]:
            cid = c["citation"]["id"]
            if cid not in order:
                order.append(cid)
                cit = c["citation"]
                citations.append(Citation(id=cid, source=cit["source"], section=cit["section"], text=cit["text"]))
            lines.append(
                M.CONDITION_LINE.format(
                    kind=M.KIND_LABEL[c["kind"]],
                    status=M.STATUS_LABEL[c["status"]],
                    reason=c["reason"],
                    n=order.index(cid) + 1,
                )
            )
        lines += [M.ASSUMPTION_LINE.format(text=a) for a in head.assumptions]
        if head.follow_up:
            lines.append(head.follow_up)
        if self.round_note and head.grade:
            note = self.round_note(today)
            if note:
                lines.append(note)
        if head.verdict != "eligible":
            lines.append(M.ELIG_HELPLINE.format(phones=phones))
        sources = [M.SOURCES_HEADER] + [
            M.SOURCE_LINE.format(n=n, source=self.book.short_name, section=c.section, quote=c.text)
            for n, c in enumerate(citations, start=1)
        ]
        return "\n".join(lines) + "\n\n" + "\n".join(sources), citations


def _fact_keys(facts: dict[str, Any]) -> set[str]:
    keys = set(facts)
    if "titles" in facts:
        keys |= {"title_years"} if any("years" in t for t in facts["titles"]) else set()
    if "performance_met" in facts:
        keys.add("performance")
    if "basic_met" in facts:
        keys.add("basic")
    return keys
