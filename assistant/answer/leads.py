"""Leads: the direct answer first, cut from a retrieved clause. One small function per kind of
lead, chosen from a table by what the question asks for; each returns a ``Draft`` or ``None``
(this lead does not fit: the next one in the table is tried).

    >>> plan(Question(text="咨询电话是多少", search="", intent="contact"))
    ('contact', (<function contact ...>, <function quote ...>))
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import messages as M
from ..dates import DateSpan, find_spans
from ..ingest.clauses import Clause
from ..ingest.corpus import Corpus
from ..ingest.roundfacts import RoundFacts
from ..rules.rulebook import Rulebook
from ..text import PHONE
from .matching import Matcher
from .model import Kind, Part, Sources
from .notes import past_round_note, round_grade_note, status_text
from .understand import Question

MONEY = re.compile(r"\d+(?:\.\d+)?\s*(?:元|块|万元)|[¥￥]\s*\d")
URL = re.compile(r"https?://|www\.|\.(?:cn|com|org|gov)(?:/|\b)", re.IGNORECASE)
SEGMENT = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
MAX_QUOTE = 160
FIRST_BONUS = 2
# a list of alternatives closed by a count ("…，3项及以上。") is quoted whole: the count binds them all
COUNT_TAIL = re.compile(r"\d+项及以上")
# asks for a grade's education/experience routes ("工程师的学历条件")
ROUTE_CUE = re.compile(r"学历|资历|工作经历|年限|工作年限")


@dataclass
class Context:
    """What every lead may read: the documents, the round's facts, the rules, word evidence, today."""

    corpus: Corpus
    round: RoundFacts
    book: Rulebook
    match: Matcher
    today: dt.date  # ``Settings.today``: the real date or ASSISTANT_TODAY (set per question)


@dataclass
class Draft:
    kind: Kind
    lead: str
    sources: Sources
    body: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Lead = Callable[[Context, Question, list[Clause]], Draft | None]


def _span_text(span: DateSpan) -> str:
    """The span as written, with its dash read out: 7月4日（周二）至7月17日（周一）."""
    return re.sub(r"\s*[-—－–~～]\s*", "至", span.text)


def _pattern(pat: re.Pattern[str], name: str) -> Lead:
    """Quote the first retrieved clause that holds a span of this kind (an amount, a web address)."""

    def lead(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
        rec = next((r for r in hits if pat.search(r.text)), None)
        return _quote(ctx, q, rec) if rec else None

    lead.__name__ = name
    return lead


money = _pattern(MONEY, "money")
url = _pattern(URL, "url")


def contact(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    for rec in hits:
        phones = PHONE.findall(rec.text)
        if phones:
            src = Sources()
            return Draft(Kind.FACT, M.LEAD_CONTACT.format(phones=M.PHONE_SEP.join(phones), cite=src.cite(rec)), src)
    return None


def dates(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The dated steps of the best clause that has any; the steps the question names, else all."""
    qtok = ctx.match.question_tokens(q)
    for rec in hits[:3]:
        year = rec.doc_year
        if not year:
            continue
        items: list[tuple[int, str, DateSpan, str]] = []  # (overlap, activity, span, segment)
        for seg in SEGMENT.findall(rec.text):
            for span in find_spans(seg, year):
                activity = seg[: seg.find(span.text)].rstrip("，,：: ")
                activity = re.split(r"[：:。]", activity)[-1].strip()
                if activity:
                    items.append((len(qtok & ctx.match.tokens(activity)), activity, span, seg.strip()))
        if not items:
            continue
        best = max(o for o, *_ in items)
        chosen = [it for it in items if it[0] == best] if best > 0 else items
        quote = "".join(dict.fromkeys(seg for *_, seg in chosen))
        src = Sources()
        cite = src.cite(rec, quote)
        if len(chosen) == 1:
            _, activity, span, _ = chosen[0]
            lead = M.LEAD_DATE.format(year=year, activity=activity, span=_span_text(span), cite=cite)
            lead += status_text(span, ctx.today) + "。"
        else:
            steps = "；".join(f"{a}，{year}年{_span_text(s)}{status_text(s, ctx.today)}" for _, a, s, _ in chosen)
            lead = M.LEAD_DATE_ALL.format(year=year, cite=cite, items=steps)
        notes = []
        if all(s.status(ctx.today) == "past" for _, _, s, _ in chosen):
            notes.append(past_round_note(year, ctx.round, ctx.today))
        return Draft(Kind.FACT, lead, src, notes=notes)
    return None


def routes(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The education/experience route(s) for the education and/or grade asked about (from the rules)."""
    src = Sources()
    sentences = []
    for grade in ctx.book.grades():
        if q.grade is not None and grade != q.grade:
            continue
        for route in ctx.book.routes(grade):
            rec = ctx.corpus.clauses[route["clause"]]
            if q.education and q.education not in rec.text:
                continue
            text = re.sub(r"^（\d+）", "", rec.text).rstrip("；;。")
            extra = "" if route["years"] else M.LEAD_YEARS_NO_LIMIT
            sentences.append(M.LEAD_YEARS.format(grade=grade, route=text + extra, cite=src.cite(rec)) + "。")
    if not sentences:
        return None
    note = round_grade_note(ctx.round, q.grade)
    return Draft(Kind.FACT, "".join(sentences), src, notes=[note] if note else [])


def quote(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Quote the best-matching sentence(s) of the best clause that shares a topic word."""
    anchors = ctx.match.anchor_tokens(q)
    if len(q.grades) == 1:  # a question about one grade is answered from that grade's chapter
        hits = [r for r in hits if ctx.round.grade_of(r.id) in (None, q.grade)]
    best: tuple[float, int, Clause] | None = None
    for rank, rec in enumerate(hits[:3]):
        shared = anchors & ctx.match.tokens(rec.search_text)
        if anchors and not shared:
            continue
        # rarer shared words weigh more: "港澳台" tells clauses apart, "参加" hardly does
        key = (-sum(ctx.match.idf(t) for t in shared), rank, rec)
        best = key if best is None or key[:2] < best[:2] else best
    if best is None:
        return None
    draft = _quote(ctx, q, best[2])
    note = round_grade_note(ctx.round, q.grade)
    draft.notes += [note] if note else []
    return draft


def _quote(ctx: Context, q: Question, rec: Clause) -> Draft:
    """The clause's sentence that shares most with the question (a short clause or a list: whole)."""
    qtok = ctx.match.question_tokens(q)
    text = rec.full_text
    segs = [s.strip() for s in SEGMENT.findall(text) if s.strip() and s.strip() != rec.label] or [text]
    # overlap with the question; a clause's first statement is usually its main one
    scored = sorted(segs, key=lambda s: -(len(qtok & ctx.match.tokens(s)) + FIRST_BONUS * (s == segs[0])))
    quote = text if len(text) <= MAX_QUOTE or rec.children or COUNT_TAIL.search(segs[-1]) else scored[0]
    i = segs.index(quote) if quote in segs else -1
    while i >= 0 and quote.endswith(("：", ":")) and i + 1 < len(segs):  # an intro: the content follows
        i += 1
        joined = quote + "\n" + segs[i]
        quote = joined if joined in text else quote + segs[i]
    if quote not in text:
        quote = text
    src = Sources()
    lead = M.LEAD_QUOTE.format(source=rec.doc_short, section=rec.section, quote=quote, cite=src.cite(rec, quote))
    return Draft(Kind.QUOTE, lead, src)


LEADS: dict[str, tuple[Lead, ...]] = {
    "money": (money,),
    "url": (url,),
    "contact": (contact, quote),
    "dates": (dates, quote),
    "routes": (routes, quote),
    "general": (quote,),
}


def plan(q: Question) -> tuple[str, tuple[Lead, ...]]:
    """Which leads to try for ``q``, in order."""
    asks_routes = (q.intent == "years" and q.education) or (
        q.grade and not q.education and ROUTE_CUE.search(q.text) and "破格" not in q.text
    )
    key = "routes" if asks_routes else q.intent if q.intent in LEADS else "general"
    return key, LEADS[key]
