"""The one typed answer: what kind of answer it is, a short lead, cited parts, citations, a trace.

Citations are numbered in one place (``Sources.cite``); a marker ``[n]`` in the text refers to
``citations[n-1]``. ``to_dict`` is the answer object of the public contract (plus ``kind``).

    >>> src = Sources()
    >>> from assistant.ingest.clauses import Clause
    >>> c = Clause("notice-3-4", "notice", "通知", 2, "（四）", "（四）咨询方式", ("（四）咨询方式",), ["电话：010"])
    >>> a = Answer("电话？", Kind.FACT, lead=f"咨询电话：010{src.cite(c)}。", citations=src.citations)
    >>> a.to_dict()["citations"][0]["id"], a.abstained, a.parts[0].cites
    ('notice-3-4', False, [1])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..ingest.clauses import Clause
from .render import to_text

MARK = re.compile(r"\[(\d+)\]")


class Kind(StrEnum):
    """The shape of an answer."""

    FACT = "fact"  # a value cut from a clause: a date, a phone number, the years of a route
    QUOTE = "quote"  # the sentence(s) of the clause that answer the question
    OVERVIEW = "overview"  # every part of a grade's (or topic's) conditions, one line each
    YES_NO = "yes_no"  # yes or no, from what a clause says (or leaves out of a list it gives)
    LIST = "list"  # every item of a list a clause holds
    GRADE_CHECK = "grade_check"  # the eligibility tool's verdict
    NOT_IN_DOCUMENTS = "not_in_documents"  # the documents do not say: abstain, give the helpline
    OUT_OF_SCOPE = "out_of_scope"  # another city, specialty, year; off-topic; an instruction
    INVALID = "invalid"  # not a question (empty, too long)


ABSTAINING = (Kind.NOT_IN_DOCUMENTS, Kind.OUT_OF_SCOPE, Kind.INVALID)


@dataclass
class Citation:
    id: str
    source: str  # the document's title
    section: str
    text: str  # verbatim: the whole clause or an exact part of it
    short: str = field(default="", compare=False)  # the document's short name, for rendering

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "source": self.source, "section": self.section, "text": self.text}


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any]
    result: dict[str, Any]


@dataclass
class Part:
    """One line of an answer's body, with its own citation markers."""

    text: str
    role: str = "detail"  # detail | condition | assumption | follow_up | note

    @property
    def cites(self) -> list[int]:
        return [int(n) for n in MARK.findall(self.text)]


@dataclass
class Trace:
    """How the answer came about: the question as understood, what was retrieved, the route."""

    understood: dict[str, Any] = field(default_factory=dict)
    retrieved: list[tuple[str, float]] = field(default_factory=list)  # clause id, fused score
    route: str = ""
    reasons: list[str] = field(default_factory=list)


@dataclass
class Answer:
    question: str
    kind: Kind
    lead: str  # the direct answer, one or two sentences, with [n] markers
    body: list[Part] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown after the body: round note, helpline
    trace: Trace = field(default_factory=Trace)
    latency_ms: float = 0.0
    polarity: str | None = None  # yes_no answers: "yes" or "no", the answer to the question as worded

    @property
    def abstained(self) -> bool:
        return self.kind in ABSTAINING

    @property
    def parts(self) -> list[Part]:
        """The lead and the body, as parts."""
        return [Part(self.lead, "lead"), *self.body]

    @property
    def text(self) -> str:
        """The answer as text (the contract's ``answer``)."""
        return to_text(self)

    def to_dict(self) -> dict[str, Any]:
        """The contract's answer object; ``kind`` (and ``polarity`` for yes/no) are extensions."""
        d = {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "tool_calls": [{"name": t.name, "arguments": t.arguments, "result": t.result} for t in self.tool_calls],
            "latency_ms": round(self.latency_ms, 1),
            "kind": str(self.kind),
        }
        if self.polarity:
            d["polarity"] = self.polarity
        return d


class Sources:
    """Numbers the clauses an answer cites, in order of first use: ``cite`` returns the marker."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []

    def cite(self, clause: Clause, quote: str | None = None) -> str:
        """``[n]`` for ``clause``; ``quote`` (an exact part of it) is what the citation shows."""
        for n, c in enumerate(self.citations, start=1):
            if c.id == clause.id:
                return f"[{n}]"
        text = quote if quote and quote in clause.full_text else clause.full_text
        self.citations.append(Citation(clause.id, clause.doc_title, clause.section, text, clause.doc_short))
        return f"[{len(self.citations)}]"

    def cite_ref(self, id: str, source: str, section: str, text: str, short: str) -> str:
        """``[n]`` for a clause known by reference (the eligibility result's citations)."""
        for n, c in enumerate(self.citations, start=1):
            if c.id == id:
                return f"[{n}]"
        self.citations.append(Citation(id, source, section, text, short))
        return f"[{len(self.citations)}]"
