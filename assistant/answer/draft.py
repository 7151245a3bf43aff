"""What a lead works with and returns: the ``Context`` it may read, the ``Draft`` it writes, and
the quoting every lead shares (the sentence of a clause that answers, verbatim).

    >>> SEGMENT.findall("个人网上申报，7月4日-7月17日；答辩评审，11月。")
    ['个人网上申报，7月4日-7月17日；', '答辩评审，11月。']
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
from .matching import Matcher
from .model import Kind, Part, Sources
from .understand import Question
from .yesno import Reading, answer_words

SEGMENT = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
MAX_QUOTE = 160
FIRST_BONUS = 1.0  # in idf units: about one shared word of middling rarity
DEFINITION = re.compile(
    r"指什么|是什么|是啥|是指|指的是|是做什么|做什么的|干什么|干啥|做啥|什么意思|啥意思|啥叫|什么叫|何为|何谓|怎么理解|属于哪|算哪|归哪|哪个方向|哪类"
    r"|(?:研究|搞|干|做|负责|包括|包含|涵盖)(?:些)?(?:啥|什么|哪些|嘛)(?:的|内容|工作)?"  # "研究方向是研究啥的"
)
DEFINES = re.compile(r"^[^，。；]{2,16}：")  # "技术转移转化研究：从事…"
# a list of alternatives closed by a count ("…，3项及以上。") is quoted whole: the count binds them all
COUNT_TAIL = re.compile(r"\d+项及以上")


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
    polarity: str | None = None  # yes_no: the answer to the question as worded
    abstained: bool = False  # the documents leave it open (the draft says so, citing context)


Lead = Callable[[Context, Question, list[Clause]], Draft | None]

WHOLE_READ_MAX = 500  # clauses: up to this many a lead may read them all (the policy documents are short)


def pool(ctx: Context, hits: list[Clause]) -> list[Clause]:
    """The clauses a lead reads: the retrieved ones first, then every other clause while the documents
    are short; in a large corpus (the 10,000-clause benchmark) the retrieved ones only."""
    if len(ctx.corpus.clauses) > WHOLE_READ_MAX:
        return hits
    return hits + [c for c in ctx.corpus.clauses.values() if c.indexed and c not in hits]


def on_topic(ctx: Context, q: Question, hits: list[Clause]) -> list[Clause]:
    """A question about one grade is answered from that grade's chapter (or from outside any)."""
    if len(q.grades) != 1:
        return hits
    return [r for r in hits if ctx.round.grade_of(r.id) in (None, q.grade)]


def ranked(ctx: Context, q: Question, hits: list[Clause], depth: int = 3) -> list[Clause]:
    """The top retrieved clauses that share a topic word with the question, best first: rarer
    shared words weigh more ("港澳台" tells clauses apart, "参加" hardly does); rank breaks ties."""
    weights = ctx.match.anchor_weights(q)
    scored = []
    for rank, rec in enumerate(on_topic(ctx, q, hits)[:depth]):
        shared = weights.keys() & ctx.match.tokens(rec.search_text)
        if weights and not shared:
            continue
        scored.append((-sum(weights[t] for t in shared), rank, rec))
    return [rec for *_, rec in sorted(scored, key=lambda t: t[:2])]


def heading(rec: Clause) -> str:
    """What a clause is about: its label, or its first phrase ("（三）取得初级职称以来，具备下列成果条件")."""
    first = re.split(r"[。：:（(]", rec.text[len(rec.marker) :], maxsplit=1)[0]
    return rec.label if len(rec.label) > len(rec.marker) else rec.marker + first


def segments(text: str, label: str = "") -> list[str]:
    """The clause's statements (its title "（二）材料要求。" is not one of them)."""
    out = [s.strip() for s in SEGMENT.findall(text) if s.strip() and s.strip().rstrip("。") != label]
    return out or [text]


def overlap(ctx: Context, weights: dict[str, float], text: str) -> float:
    """What ``text`` shares with the question (``Matcher.question_weights``): rarer words weigh more."""
    return sum(weights[t] for t in weights.keys() & ctx.match.tokens(text))


def labelled(segs: list[str]) -> list[tuple[str, str]]:
    """The labelled definitions among a clause's statements, as (label, definition): a definition runs
    from its "X：" to the next label, across 。/； ("技术转移转化运营服务：从事…；从事技术商业化运营，…。").

    >>> labelled(["两个方向。", "研究类：从事研究。", "服务类：从事服务；", "从事运营。"])
    [('研究类', '研究类：从事研究。'), ('服务类', '服务类：从事服务；从事运营。')]
    """
    out: list[tuple[str, str]] = []
    for seg in segs:
        m = DEFINES.match(seg)
        if m:
            out.append((m[0][:-1], seg))
        elif out and not out[-1][1].endswith("。"):
            out[-1] = (out[-1][0], out[-1][1] + seg)
    return out


def defines(ctx: Context, q: Question, sentence: str) -> float:
    """How well ``sentence`` defines what the question names in its own words (not an alias's):
    "技术转移转化研究：从事…" for 研究方向."""
    m = DEFINES.match(sentence)
    if not m:
        return 0.0
    label = {t for t in ctx.match.lex.tokenize(m[0]) if len(t) >= 2 and t not in ctx.match.generic}
    return 2 * sum(ctx.match.idf(t) for t in label if t in q.asked)  # 研究 of "研究方向" too


def best_quote(ctx: Context, q: Question, rec: Clause) -> str:
    """The clause's sentence that shares most with the question (a short clause or a list: whole).

    A clause's first statement is usually its main one; a question asking what something is
    ("研究方向具体指什么") is answered by the sentence that defines it ("技术转移转化研究：从事…").
    """
    qtok = ctx.match.question_weights(q)
    text = rec.full_text
    segs = segments(text, rec.label)
    candidates = segs
    if DEFINITION.search(q.asked):  # what something is: the definitions of something it names, whole
        scores = {d: defines(ctx, q, d) for _, d in labelled(segs)}
        top = max(scores.values(), default=0.0)
        candidates = [d for d, v in scores.items() if v == top > 0] or segs
    scored = sorted(candidates, key=lambda s: -(overlap(ctx, qtok, s) + FIRST_BONUS * (s == segs[0])))
    quote = text if len(text) <= MAX_QUOTE or rec.children or COUNT_TAIL.search(segs[-1]) else scored[0]
    i = segs.index(quote) if quote in segs else -1
    while i >= 0 and quote.endswith(("：", ":")) and i + 1 < len(segs):  # an intro: the content follows
        i += 1
        joined = quote + "\n" + segs[i]
        quote = joined if joined in text else quote + segs[i]
    return quote if quote in text else text


def quote_clause(ctx: Context, q: Question, rec: Clause, quote: str | None = None, kind: Kind = Kind.QUOTE) -> Draft:
    """A lead that quotes ``rec`` (its best sentence unless ``quote`` is given), cited."""
    quote = quote or best_quote(ctx, q, rec)
    src = Sources()
    lead = M.LEAD_QUOTE.format(source=rec.doc_short, section=rec.section, quote=quote, cite=src.cite(rec, quote))
    return Draft(kind, lead, src)


def dated_items(ctx: Context, qtok: set[str], rec: Clause, year: int) -> list[tuple[int, str, DateSpan, str]]:
    """The dated steps of ``rec`` as (words shared with the question, activity, span, segment):
    "个人网上申报，7月4日（周二）-7月17日（周一）" → (…, "个人网上申报", 7/4–7/17, …)."""
    items = []
    for seg in SEGMENT.findall(rec.text):
        for span in find_spans(seg, year):
            activity = seg[: seg.find(span.text)].rstrip("，,：: ")
            activity = re.split(r"[：:。]", activity)[-1].strip()
            if activity:
                items.append((len(qtok & ctx.match.tokens(activity)), activity, span, seg.strip()))
    return items


def yes_no_draft(
    ctx: Context, q: Question, rec: Clause, sentence: str, r: Reading, level: str | None, every: bool = False
) -> Draft:
    """The yes/no answer to the question as worded: the word (能/不能, 需要/不需要…) the reading decides,
    the sentence quoted, and which levels a list left out when that is why it is no (``every``: the question
    asked of several levels at once, "所有级别都要答辩吗" → "不是每个级别都需要")."""
    yes_word, no_word = answer_words(q.asking) if not q.english else (M.YES_WORD, M.NO_WORD)  # not the glossary's 有
    # "硕士报高工要5年吧": 不是 (满7年), not 不需要 — unless the clause sets no number ("要先工作满一年吗": 不需要)
    if r.why == "value" and yes_word in ("需要", "要", "得", "必须") and re.search(r"满\s*\d", sentence):
        yes_word, no_word = M.YES_WORD, M.NO_WORD
    if every:
        no_word = M.YESNO_NOT_EVERY.format(word=yes_word)
    src = Sources()
    quote = sentence if sentence in rec.full_text else best_quote(ctx, q, rec)
    cite = src.cite(rec, quote)
    holds_as_asked = r.holds
    word = yes_word if holds_as_asked else no_word
    lead = M.YESNO_QUOTE.format(word=word, source=rec.doc_short, section=rec.section, quote=quote, cite=cite)
    if r.why == "levels" and level and level not in r.levels:  # whichever way the question leans
        lead += M.YESNO_LEFT_OUT.format(listed="、".join(r.levels), level=level)
    return Draft(Kind.YES_NO, lead, src, polarity="yes" if holds_as_asked else "no")
