"""Extractive, deterministic answers: a direct answer first, then the clauses it rests on.

Every fact in an answer is cut from a clause that is cited; when no retrieved clause holds
the kind of fact the question asks for, the answer abstains and gives the helpline numbers.

    >>> a = Answer(question="q", answer="a", abstained=True)
    >>> sorted(a.to_dict())
    ['abstained', 'answer', 'citations', 'latency_ms', 'question', 'tool_calls']
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from . import messages as M
from .dates import DateSpan, cn_date, find_spans
from .index import ClauseRecord, Index
from .question import GRADE_LEVEL, Question
from .textproc import Lexicon, tokenize

PHONE = re.compile(r"0\d{2,3}[—\-－–]\d{7,8}")
MONEY = re.compile(r"\d+(?:\.\d+)?\s*(?:元|块|万元)|[¥￥]\s*\d")
URL = re.compile(r"https?://|www\.|\.(?:cn|com|org|gov)(?:/|\b)", re.IGNORECASE)
SEGMENT = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
MAX_QUOTE = 160
FIRST_BONUS = 2
WINDOW_CUE = "网上申报"
# a list of alternatives closed by a count ("…，3项及以上。") is quoted whole: the count binds them all
COUNT_TAIL = re.compile(r"\d+项及以上")
# asks for a grade's education/experience routes ("工程师的学历条件")
ROUTE_CUE = re.compile(r"学历|资历|工作经历|年限|工作年限")


@dataclass
class Citation:
    id: str
    source: str
    section: str
    text: str  # verbatim: the whole clause or an exact part of it


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any]
    result: dict[str, Any]


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    latency_ms: float = 0.0
    notes: list[str] = field(default_factory=list)  # extension: why (abstention reason, fallbacks)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("notes")
        d["latency_ms"] = round(self.latency_ms, 1)
        return d


@dataclass
class _Lead:
    """A direct answer: sentences with ``{c0}``, ``{c1}``… placeholders for the clauses they quote."""

    sentences: list[str]
    clauses: list[ClauseRecord]
    quotes: list[str]  # the exact part of each clause shown under 依据
    note: str = ""


def _span_text(span: DateSpan) -> str:
    """The span as written, with its dash read out: 7月4日（周二）至7月17日（周一）."""
    return re.sub(r"\s*[-—－–~～]\s*", "至", span.text)


class Composer:
    """Turns a question and its retrieved clauses into an ``Answer``; holds no model state."""

    def __init__(self, index: Index, lexicon: Lexicon | None = None) -> None:
        self.index = index
        self.lex = lexicon or Lexicon.load()
        self.phones = self._helpline()
        self.corpus_text = "\n".join(r.text for r in index.clauses.values())
        self.generic = set(self.lex.generic)
        # corpus strings recur on every question: tokenize each once
        self._tokens = functools.lru_cache(maxsize=8192)(lambda text: frozenset(tokenize(text)))
        self.years = sorted({int(d["year"]) for d in index.documents.values() if d.get("year")})

    # ---- public -------------------------------------------------------------------------
    def compose(self, q: Question, hits: list[ClauseRecord], today: dt.date) -> Answer:
        """The answer from ``hits``; call ``refusal_reason`` first (a refused question needs no retrieval)."""
        lead = self._lead(q, hits, today)
        if lead is None:
            return self.abstain(q, "no retrieved clause holds what the question asks for")
        return self._render(q, lead)

    def abstain(self, q: Question, reason: str) -> Answer:
        phones = M.PHONE_SEP.join(self.phones)
        other_years = self._other_years(q)
        if q.injection:
            text = M.ABSTAIN_INJECTION.format(phones=phones)
        elif other_years:
            text = M.ABSTAIN_OTHER_YEAR.format(
                asked="、".join(map(str, other_years)), years="、".join(map(str, self.years)), phones=phones
            )
        elif q.foreign_terms:
            text = M.ABSTAIN_FOREIGN.format(terms="、".join(q.foreign_terms), phones=phones)
        else:
            sources = "、".join(f"《{d.get('short') or d['title']}》" for d in self.index.documents.values())
            text = M.ABSTAIN.format(sources=sources, phones=phones)
        return Answer(question=q.text, answer=text, abstained=True, notes=[reason])

    def refusal_reason(self, q: Question) -> str:
        """Why the documents cannot answer ``q`` before any retrieval, or ''."""
        if q.injection:
            return "instruction injection"
        if q.foreign_terms:
            return "names outside the documents: " + "、".join(q.foreign_terms)
        if self._other_years(q):
            return "asks about a year no document covers"
        unknown, anchors = self._vocabulary(q)
        if not q.words and q.intent == "general":
            return "no question in the text (a greeting, punctuation)"
        if q.english and not anchors:
            return "no topic of the documents in the English question"
        if q.intent in ("money", "url"):
            return ""  # decided by what the clauses hold
        if unknown and not anchors:
            return "no topic of the documents in the question; unknown: " + "、".join(unknown)
        if len(unknown) >= 2 and len(unknown) > len(anchors):
            return "mostly outside the documents: " + "、".join(unknown)
        return ""

    # ---- leads by intent ---------------------------------------------------------------
    def _lead(self, q: Question, hits: list[ClauseRecord], today: dt.date) -> _Lead | None:
        if q.intent in ("money", "url"):
            pat = MONEY if q.intent == "money" else URL
            rec = next((r for r in hits if pat.search(r.text)), None)
            return self._quote_lead(q, [rec]) if rec else None
        if q.intent == "contact":
            return self._contact(hits) or self._general(q, hits)
        if q.intent == "dates":
            return self._dates(q, hits, today) or self._general(q, hits)
        if (q.intent == "years" and q.education) or (
            q.grade and not q.education and ROUTE_CUE.search(q.text) and "破格" not in q.text
        ):
            return self._years(q) or self._general(q, hits)
        return self._general(q, hits)

    def _contact(self, hits: list[ClauseRecord]) -> _Lead | None:
        for rec in hits:
            phones = PHONE.findall(rec.text)
            if phones:
                return _Lead([M.LEAD_CONTACT.format(phones=M.PHONE_SEP.join(phones), cite="{c0}")], [rec], [rec.text])
        return None

    def _dates(self, q: Question, hits: list[ClauseRecord], today: dt.date) -> _Lead | None:
        qtok = self._qtokens(q)
        for rec in hits[:3]:
            year = rec.doc_year
            if not year:
                continue
            items: list[tuple[int, str, DateSpan, str]] = []  # (overlap, activity, span, segment)
            for seg in SEGMENT.findall(rec.text):
                for span in find_spans(seg, year):
                    activity = seg[: seg.find(span.text)].rstrip("，,：: ")
                    activity = re.split(r"[：:。]", activity)[-1].strip()
                    if not activity:
                        continue
                    overlap = len(qtok & self._tokens(activity))
                    items.append((overlap, activity, span, seg.strip()))
            if not items:
                continue
            best = max(o for o, *_ in items)
            chosen = [it for it in items if it[0] == best] if best > 0 else items
            sentences = []
            for _, activity, span, _ in chosen:
                sentences.append(
                    M.LEAD_DATE.format(year=year, activity=activity, span=_span_text(span), cite="{c0}")
                    + self._status(span, today)
                    + "。"
                )
            if len(chosen) > 1:
                sentences = [
                    M.LEAD_DATE_ALL.format(
                        year=year,
                        cite="{c0}",
                        items="；".join(
                            f"{a}，{year}年{_span_text(s)}{self._status(s, today)}" for _, a, s, _ in chosen
                        ),
                    )
                ]
            note = ""
            if all(s.status(today) == "past" for _, _, s, _ in chosen):
                note = M.NOTE_PAST_ROUND.format(year=year, today=cn_date(today), phones=M.PHONE_SEP.join(self.phones))
            quote = "".join(dict.fromkeys(seg for *_, seg in chosen))
            return _Lead(sentences, [rec], [quote if quote in rec.text else rec.text], note)
        return None

    def _status(self, span: DateSpan, today: dt.date) -> str:
        st = span.status(today)
        fmt = {"past": M.STATUS_PAST, "open": M.STATUS_OPEN, "upcoming": M.STATUS_UPCOMING}[st]
        return fmt.format(today=cn_date(today), end=cn_date(span.end), start=cn_date(span.start))

    def _years(self, q: Question) -> _Lead | None:
        """The education/experience route(s) for the education and/or grade asked about."""
        routes = []
        for rec in self.index.clauses.values():
            if not rec.indexed or rec.children or "从事本专业技术工作" not in rec.text:
                continue
            if q.education and q.education not in rec.text:
                continue
            grade = self.grade_of(rec)
            if grade and (q.grade is None or grade == q.grade):
                routes.append((grade, rec))
        if not routes:
            return None
        sentences, clauses, quotes = [], [], []
        for n, (grade, rec) in enumerate(routes):
            route = re.sub(r"^（\d+）", "", rec.text).rstrip("；;。")
            extra = "" if re.search(r"满\S*年", route) else M.LEAD_YEARS_NO_LIMIT
            sentences.append(M.LEAD_YEARS.format(grade=grade, route=route + extra, cite="{c" + str(n) + "}") + "。")
            clauses.append(rec)
            quotes.append(rec.text)
        return _Lead(sentences, clauses, quotes, self._round_note(q))

    def _general(self, q: Question, hits: list[ClauseRecord]) -> _Lead | None:
        """Quote the best-matching sentence(s) of the best clause that shares a topic word."""
        anchors = self._anchor_tokens(q)
        if len(q.grades) == 1:  # a question about one grade is answered from that grade's chapter
            hits = [r for r in hits if self.grade_of(r) in (None, q.grade)]
        best: tuple[float, int, ClauseRecord] | None = None
        for rank, rec in enumerate(hits[:3]):
            shared = anchors & self._tokens(rec.search_text)
            if anchors and not shared:
                continue
            # rarer shared words weigh more: "港澳台" tells clauses apart, "参加" hardly does
            key = (-sum(self._idf(t) for t in shared), rank, rec)
            best = key if best is None or key[:2] < best[:2] else best
        if best is None:
            return None
        lead = self._quote_lead(q, [best[2]])
        lead.note = self._round_note(q)
        return lead

    @functools.cached_property
    def _df(self) -> Counter[str]:
        """How many retrieval units hold each token (from the index's BM25 tokens: no re-tokenizing)."""
        return Counter(t for tokens in self.index.tokens for t in set(tokens))

    def _idf(self, token: str) -> float:
        """log(N / units holding ``token``)."""
        return math.log((1 + len(self.index.tokens)) / (1 + self._df.get(token, 0)))

    def _quote_lead(self, q: Question, recs: list[ClauseRecord]) -> _Lead:
        rec = recs[0]
        qtok = self._qtokens(q)
        text = rec.full_text
        segs = [s.strip() for s in SEGMENT.findall(text) if s.strip() and s.strip() != rec.label] or [text]
        # overlap with the question; a clause's first statement is usually its main one
        scored = sorted(segs, key=lambda s: -(len(qtok & self._tokens(s)) + FIRST_BONUS * (s == segs[0])))
        quote = text if len(text) <= MAX_QUOTE or rec.children or COUNT_TAIL.search(segs[-1]) else scored[0]
        i = segs.index(quote) if quote in segs else -1
        while i >= 0 and quote.endswith(("：", ":")) and i + 1 < len(segs):  # an intro: the content follows
            i += 1
            joined = quote + "\n" + segs[i]
            quote = joined if joined in text else quote + segs[i]
        if quote not in text:
            quote = text
        section = rec.section
        return _Lead(
            [M.LEAD_QUOTE.format(source=rec.doc_short, section=section, quote=quote, cite="{c0}")], [rec], [quote]
        )

    def _round_note(self, q: Question) -> str:
        if not q.grade:
            return ""
        for d in self.index.documents.values():
            rg = d.get("round_grades") or []
            if rg and GRADE_LEVEL[q.grade] not in rg:
                return M.NOTE_ROUND_GRADES.format(
                    year=d.get("year"), grades="、".join(rg), grade=q.grade, level=GRADE_LEVEL[q.grade]
                )
        return ""

    # ---- the round's application window -----------------------------------------------
    @functools.cached_property
    def application_window(self) -> tuple[int, DateSpan] | None:
        """(year, span) of the notice's online application (the first dated 申报 in a notice)."""
        for rec in self.index.clauses.values():
            if rec.doc_kind != "notice" or not rec.doc_year:
                continue
            for seg in re.split(r"[；;。]", rec.text):
                spans = find_spans(seg, rec.doc_year)
                if spans and WINDOW_CUE in seg[: seg.find(spans[0].text)]:
                    return rec.doc_year, spans[0]
        return None

    def window_note(self, today: dt.date) -> str:
        """One sentence: is this round's application window past, open or upcoming today?"""
        if not self.application_window:
            return ""
        year, span = self.application_window
        fmt = {"past": M.NOTE_WINDOW_PAST, "open": M.NOTE_WINDOW_OPEN, "upcoming": M.NOTE_WINDOW_UPCOMING}
        return fmt[span.status(today)].format(
            year=year, start=cn_date(span.start), end=cn_date(span.end), today=cn_date(today)
        )

    # ---- helpers ------------------------------------------------------------------------
    def _other_years(self, q: Question) -> list[int]:
        """Years the question names that no document is about (a 2025 round, say)."""
        asked = {int(y) for y in re.findall(r"(20\d\d)\s*年", q.text)}
        return sorted(asked - set(self.years)) if self.years else []

    def grade_of(self, rec: ClauseRecord) -> str | None:
        """The grade whose chapter holds ``rec`` (its top-level heading), if any."""
        top = ([rec] + self.index.ancestors(rec.id))[-1]
        name = re.sub(r"^[一二三四五六七八九十]+、", "", top.label)
        return name if name in GRADE_LEVEL else None

    def _helpline(self) -> list[str]:
        for rec in self.index.clauses.values():
            phones = PHONE.findall(rec.text)
            if phones:
                return phones
        return []

    def _qtokens(self, q: Question) -> set[str]:
        """The question's tokens that can tell one sentence from another (no stopwords, no
        pieces of the words found all over the documents)."""
        return {t for t in tokenize(q.search) if t not in self.lex.stopwords and not any(t in g for g in self.generic)}

    def _vocabulary(self, q: Question) -> tuple[list[str], list[str]]:
        """(unknown words, topic words the documents use) among the question's content words."""
        unknown, anchors = [], []
        aliases = self.lex.aliases
        for w in q.words:
            if not re.search(r"[\u4e00-\u9fff]", w):
                continue
            known = w in self.corpus_text or any(k in w for k in aliases)
            if not known:
                unknown.append(w)
            elif w not in self.generic:
                anchors.append(w)
        if q.english:
            anchors.extend(self.lex.english_terms(q.text))
        return unknown, anchors

    def _anchor_tokens(self, q: Question) -> set[str]:
        _, anchors = self._vocabulary(q)
        expanded = self.lex.expand(" ".join(anchors)) if anchors else ""
        return {t for t in tokenize(expanded) if len(t) >= 2 and t not in self.generic}

    def _render(self, q: Question, lead: _Lead) -> Answer:
        order: list[ClauseRecord] = []
        for rec in lead.clauses:
            if rec not in order:
                order.append(rec)
        marks = {f"c{i}": f"[{order.index(rec) + 1}]" for i, rec in enumerate(lead.clauses)}
        body = "".join(s.format(**marks) for s in lead.sentences)
        if lead.note:
            body += "\n" + lead.note
        lines = [M.SOURCES_HEADER]
        citations = []
        for n, rec in enumerate(order, start=1):
            quote = lead.quotes[lead.clauses.index(rec)]
            text = quote if quote in rec.full_text else rec.full_text
            lines.append(M.SOURCE_LINE.format(n=n, source=rec.doc_short, section=rec.section, quote=text))
            citations.append(Citation(id=rec.id, source=rec.doc_title, section=rec.section, text=text))
        return Answer(question=q.text, answer=body + "\n\n" + "\n".join(lines), abstained=False, citations=citations)
