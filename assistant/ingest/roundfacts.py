"""Facts about the round, computed once at ingest from the documents and kept with the index.

The helpline numbers, the online application window, the documents' years, the levels the
round reviews and which grade each chapter of the standard is about: found in the text, never
written in code.

    >>> from assistant.ingest.corpus import Corpus, PROJECT_CORPUS
    >>> facts = RoundFacts.from_corpus(Corpus.load(PROJECT_CORPUS))
    >>> facts.helplines, facts.window.start.isoformat(), str(facts.grade_of("standards-2-1-2-3"))
    (['010—88828948', '010—88827905'], '2023-07-04', '工程师')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..dates import DateSpan, find_spans
from ..text import PHONE
from ..vocab import Grade
from .corpus import Corpus

WINDOW_CUE = "网上申报"  # the dated step of a notice that is "the application window"


@dataclass(frozen=True)
class Window:
    """The round's online application window, as the notice dates it."""

    year: int
    start: dt.date
    end: dt.date
    text: str  # verbatim ("7月4日（周二）-7月17日（周一）")
    clause: str  # the clause id it comes from

    def status(self, today: dt.date) -> str:
        """``upcoming``, ``open`` or ``past``."""
        return DateSpan(self.start, self.end, self.text).status(today)


@dataclass(frozen=True)
class RoundFacts:
    helplines: list[str]
    helpline_clause: str
    window: Window | None
    years: list[int]  # the years the documents are about
    round_levels: list[str]  # levels this round reviews (from the notice's metadata)
    sources: list[str]  # short names of the documents, for "现有文件（…）"
    chapter_grades: dict[str, str] = field(default_factory=dict)  # clause id -> grade of its chapter

    def grade_of(self, clause_id: str) -> Grade | None:
        g = self.chapter_grades.get(clause_id)
        return Grade(g) if g else None

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> RoundFacts:
        phones, phone_clause = [], ""
        for c in corpus.clauses.values():
            phones = [re.sub(r"\s+", "", p) for p in PHONE.findall(c.text)]
            if phones:
                phone_clause = c.id
                break
        chapters = {}
        grades = {g.value for g in Grade}
        for c in corpus.clauses.values():
            name = re.sub(r"^[一二三四五六七八九十]+、", "", corpus.top(c.id).label)
            if name in grades:
                chapters[c.id] = name
        return cls(
            helplines=phones,
            helpline_clause=phone_clause,
            window=_window(corpus),
            years=sorted({d.year for d in corpus.documents.values() if d.year}),
            round_levels=[g for d in corpus.documents.values() if d.kind == "notice" for g in d.round_grades],
            sources=[d.short or d.title for d in corpus.documents.values()],
            chapter_grades=chapters,
        )

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        if self.window:
            d["window"] = {**d["window"], "start": self.window.start.isoformat(), "end": self.window.end.isoformat()}
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RoundFacts:
        w = d.get("window")
        window = None
        if w:
            window = Window(
                w["year"], dt.date.fromisoformat(w["start"]), dt.date.fromisoformat(w["end"]), w["text"], w["clause"]
            )
        return cls(**{**d, "window": window})


def _window(corpus: Corpus) -> Window | None:
    """The first dated 网上申报 step of a notice."""
    for c in corpus.clauses.values():
        if c.doc_kind != "notice" or not c.doc_year:
            continue
        for seg in re.split(r"[；;。]", c.text):
            spans = find_spans(seg, c.doc_year)
            if spans and WINDOW_CUE in seg[: seg.find(spans[0].text)]:
                s = spans[0]
                return Window(c.doc_year, s.start, s.end, s.text, c.id)
    return None
