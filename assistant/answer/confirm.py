"""Yes/no questions that state a value to confirm: "个人网上申报是7月17号截止吗", "答辩是在12月吗",
"高工的成果1项就够了吗", "咨询电话是63166111吗". The value the documents give for the thing asked is
found (the dated step, the count, the years, the phone) and compared; the answer is yes or no to the
question as worded, quoting the sentence that gives the real value.

    >>> asked_values("个人网上申报是七月十七号截止吗", 2023)[0].kind
    'date'
    >>> [(v.kind, v.number) for v in asked_values("成果只要1项就够了吗", 2023)]
    [('count', 1)]
    >>> asked_values("行业发展报告能算一项吗", 2023)
    []
    >>> [v.text for v in asked_values("咨询电话是88827906吗", 2023)]
    ['88827906']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .. import messages as M
from ..dates import DateSpan, find_spans
from ..ingest.clauses import Clause
from ..text import NUMERAL, PHONE, cn_number
from ..vocab import GRADE_LEVEL, Grade, Level
from .draft import Context, Draft, dated_items, on_topic, pool, segments, yes_no_draft
from .model import Kind, Sources
from .shapes import not_stated, part_asked
from .understand import Question, digits_in_dates
from .yesno import Reading, grade_level, is_yes_no, negated_in_question

THEN = re.compile(r"这时候?|那时候?|到时候?|届时|这个时间|那个时间|这天|那天")
PHONE_WORD = re.compile(r"电话|热线|号码|座机")
BARE_PHONE = re.compile(r"(?<!\d)\d{7,8}(?!\d)")
COUNT = re.compile(rf"(?<![算当作])({NUMERAL})\s*(项|篇)")  # not "能算一项吗": whether it counts at all
YEARS = re.compile(rf"({NUMERAL})\s*年(?!度)")
DAY_NUMBER = re.compile(r"(\d{1,2})月(\d{1,2})号")
ENDS = re.compile(r"截止|截至|结束|为止|最后一天|之前|以前|前(?:申报|提交|报)")
STARTS = re.compile(r"开始|起|开放")
AFTER = re.compile(r"以后|之后|过了")
YEARS_ASKED = re.compile(r"年限|工作年|几年|多少年")
# "一定要先有初级吗", "必须有中级职称才能报吗": whether a title is a prerequisite of the grade
REQUIRED = re.compile(r"一定|必须|非得|非要|得先|要先|需要先|先得|先要|先有|才能|才可以|前提")
ENOUGH = re.compile(r"够|就行|就可以|可以了|满足|达到|即可")
# the title below the grade skipped: "中级能跳过直接报高工吗", "博士能直接评高工吗"
SKIPPED = re.compile(r"跳过|越过|跨过|绕过|越级|跳级|不用先评|不先评|直接(?:报|申报|评|申请|参评)")
BELOW = {
    Level.INTERMEDIATE: Level.JUNIOR,
    Level.ASSOCIATE_SENIOR: Level.INTERMEDIATE,
    Level.FULL_SENIOR: Level.ASSOCIATE_SENIOR,
}
# "是不是不用等满一年就能报": the years stated as not needed (the claim is the opposite of "满1年")
YEARS_WAIVED = re.compile(
    rf"(?:不用|不必|无需|无须|不需要?|用不着|不要求|不一定(?:要|得|非得|非要)?)\S{{0,4}}满?\s*{NUMERAL}\s*个?年"
)  # ("不一定非得先上满一年班吧": not required, asked as such)


@dataclass(frozen=True)
class Value:
    kind: str  # date | count | years | phone
    span: DateSpan | None = None
    number: int = 0
    unit: str = ""
    text: str = ""


def asked_values(text: str, year: int | None) -> list[Value]:
    """The values a question states (dates in the round's year, counts, years of work, phones)."""
    text = DAY_NUMBER.sub(r"\1月\2日", digits_in_dates(text))
    out = [Value("phone", text=p) for p in PHONE.findall(text)]
    text = PHONE.sub("", text)
    if PHONE_WORD.search(text):  # "另一个咨询电话是88827906对吗": the number without its area code
        out += [Value("phone", text=p) for p in BARE_PHONE.findall(text)]
        text = BARE_PHONE.sub("", text)
    if year:
        out += [Value("date", span=s) for s in find_spans(re.sub(r"20\d\d年", "", text), year)]
    out += [Value("count", number=int(cn_number(m[1])), unit=m[2]) for m in COUNT.finditer(text)]
    out += [Value("years", number=int(cn_number(m[1]))) for m in YEARS.finditer(re.sub(r"20\d\d年", "", text))]
    return out


def stated_values(q: Question, year: int | None) -> list[Value]:
    """The values the clause that asks states, or the context it points to ("7月18号才拿到…，这时候还能提交吗")."""
    values = asked_values(q.core or q.asked, year)
    if not values and THEN.search(q.core or ""):
        values = asked_values(q.asked, year)
    return values


def confirm(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Yes or no to a stated value, from the value the documents give for the same thing."""
    if not is_yes_no(q.asking):
        return None
    if asks_title_required(q):
        return _title_required(ctx, q)
    values = stated_values(q, max(ctx.round.years, default=None))
    checks: list[tuple[Clause, str, bool | None] | None]
    checks = [_check(ctx, q, hits, v) for v in values] if values else [_years_required(ctx, q)]
    for found in checks:
        if found is not None:
            rec, sentence, holds = found
            if holds is None:  # "答辩是11月15号吗": the notice gives the month only
                return not_stated(ctx, q, M.MISSING_DAY, rec)
            if values and values[0].kind == "years" and YEARS_WAIVED.search(q.core or q.asked):
                holds = not holds
            return yes_no_draft(ctx, q, rec, sentence, Reading(holds, "value", []), grade_level(q.grades))
    return None


def asks_title_required(q: Question) -> bool:
    """ "工程师一定要先有初级职称吗": a title named as a condition of the grade, no degree named; or the
    title below the grade asked to be skipped ("本科中级能跳过直接报高工吗", "博士能直接评高工吗").

    >>> from assistant.vocab import Level
    >>> q = Question("工程师一定要先有初级职称吗", "", "general", grade=Grade.ENGINEER, held=Level.JUNIOR)
    >>> skip = Question("博士毕业能直接报高工吗", "", "general", grade=Grade.SENIOR)
    >>> asks_title_required(q), asks_title_required(skip)
    (True, True)
    """
    return bool(q.grade and q.held and REQUIRED.search(q.asked)) or _asks_skip(q)


def _asks_skip(q: Question) -> bool:
    return bool(q.grade and q.grade != Grade.ASSISTANT and SKIPPED.search(q.asked) and not YEARS.search(q.asked))


def _title_required(ctx: Context, q: Question) -> Draft | None:
    """Yes when every route of the grade (for the degree named, if any) needs a title; else no, quoting
    the routes that need none. Asked as a skip ("能跳过中级直接报高工吗"), the answer is the other way."""
    grade = Grade(str(q.grade))
    routes = [r for r in ctx.book.routes(grade) if not q.education or r.get("education") in (None, str(q.education))]
    free = [r for r in routes if not r.get("title")]
    if not routes:
        return None
    skip = _asks_skip(q)
    m = REQUIRED.search(q.asked)
    holds = bool(free) if skip else not free
    if not skip and m and negated_in_question(q.asked, m[0]):  # "不一定要先有初级吧"
        holds = not holds
    src = Sources()
    shown = "；".join(f"“{r['quote']}”{src.cite(ctx.corpus.clauses[r['clause']], r['quote'])}" for r in free or routes)
    title = q.held or q.lacked or BELOW[GRADE_LEVEL[grade]]
    if skip:
        word = M.CAN if free else M.CANNOT
    else:
        word = M.NEEDED if not free else M.NOT_NEEDED  # the fact, whichever way the question leans
    if free:
        lead = M.TITLE_NOT_REQUIRED.format(word=word, title=title, grade=grade, routes=shown)
    elif q.education:
        lead = M.TITLE_REQUIRED_FOR.format(word=word, education=q.education, grade=grade, routes=shown)
    else:
        lead = M.TITLE_REQUIRED.format(word=word, title=title, grade=grade, routes=shown)
    return Draft(Kind.YES_NO, lead, src, polarity="yes" if holds else "no")


def _years_required(ctx: Context, q: Question) -> tuple[Clause, str, bool] | None:
    """ "博士评高工是不是不需要工作年限", "有没有年限要求": whether the route sets a number of years."""
    m = YEARS_ASKED.search(q.asked)
    routes = _routes(ctx, q)
    if m is None or not routes:
        return None
    route = routes[0]
    return (
        ctx.corpus.clauses[route["clause"]],
        route["quote"],
        bool(route["years"]) != negated_in_question(q.asked, m[0]),
    )


def _check(ctx: Context, q: Question, hits: list[Clause], value: Value) -> tuple[Clause, str, bool | None] | None:
    if value.kind == "phone":
        return _phone(ctx, value)
    if value.kind == "date" and value.span is not None:
        return _date(ctx, q, hits, value.span)
    if value.kind == "years":
        return _years(ctx, q, value)
    return _count(ctx, q, hits, value)


def _phone(ctx: Context, value: Value) -> tuple[Clause, str, bool] | None:
    if not ctx.round.helplines:
        return None
    rec = ctx.corpus.clauses[ctx.round.helpline_clause]
    sentence = next((s for s in segments(rec.text) if PHONE.search(s)), rec.text)
    digits = re.sub(r"\D", "", value.text)[-8:]
    return rec, sentence, any(re.sub(r"\D", "", p).endswith(digits) for p in ctx.round.helplines)


def _date(ctx: Context, q: Question, hits: list[Clause], asked: DateSpan) -> tuple[Clause, str, bool | None] | None:
    """The dated step the question names (most words shared with its activity), compared with the
    asked date (a day, a month, or part of one: "8月底"): the end for 截止, the start for 开始, after
    it for 以后, else within it."""
    qtok = ctx.match.question_tokens(q)
    window = [ctx.corpus.clauses[ctx.round.window.clause]] if ctx.round.window else []
    best: tuple[int, Clause, DateSpan, str] | None = None
    for rec in [*hits[:3], *(c for c in window if c not in hits[:3])]:
        if not rec.doc_year:
            continue
        for shared, _, span, seg in dated_items(ctx, qtok, rec, rec.doc_year):
            if shared and (best is None or shared > best[0]):
                best = (shared, rec, span, seg)
    if best is None:
        return None
    _, rec, real, seg = best
    finer = asked.start.day != 1 or (asked.end + dt.timedelta(days=1)).day != 1  # a day, or part of a month
    if finer and "日" not in real.text and real.start <= asked.start <= real.end:
        return rec, seg, None  # "答辩是11月中旬吗": the documents give the month only
    if ENDS.search(q.asked):  # "7月17号截止", "到8月底才结束": the end falls within what is asked
        holds = asked.start <= real.end <= asked.end
    elif STARTS.search(q.asked):
        holds = asked.start <= real.start <= asked.end
    elif AFTER.search(q.asked):
        holds = asked.end + dt.timedelta(days=1) <= real.end
    else:
        holds = real.start <= asked.start and asked.end <= real.end
    return rec, seg, holds


def _enough(asked: int, real: int, question: str) -> bool:
    """Equal holds; more holds too when the question asks whether it is enough ("1项就够了吗")."""
    return asked == real or (asked > real and bool(ENOUGH.search(question)))


def _routes(ctx: Context, q: Question) -> list[dict[str, Any]]:
    """The grade's routes for the degree or title the question names (none when it names neither)."""
    if q.grade is None or not (q.education or q.held):
        return []
    return [
        r
        for r in ctx.book.routes(q.grade)
        if (not q.education or r.get("education") == str(q.education))
        and (r.get("title") == q.held if q.held else not r.get("title"))  # a title route needs the title
    ]


def _years(ctx: Context, q: Question, value: Value) -> tuple[Clause, str, bool] | None:
    """The years of the grade's route(s) for the degree or title named, from the rules; a route
    with no years ("硕士研究生毕业后，从事本专业技术工作") does not hold "满1年"."""
    routes = _routes(ctx, q)
    if not routes:
        return None
    match = [r for r in routes if r["years"] and _enough(value.number, r["years"], q.asked)]
    route = (match or routes)[0]
    return ctx.corpus.clauses[route["clause"]], route["quote"], bool(match)


def _count(ctx: Context, q: Question, hits: list[Clause], value: Value) -> tuple[Clause, str, bool] | None:
    """The sentence of the grade's clauses that gives a count of the same unit for the words the
    question names (within the grade's clause for 成果/业绩 when it names one)."""
    pattern = re.compile(r"(\d+)\s*" + re.escape(value.unit))
    weights = ctx.match.anchor_weights(q)
    clauses = pool(ctx, hits)
    part = part_asked(q)  # "高工的成果…": the grade's clause for that part, from the rules
    entry = ctx.book.rules["grades"].get(q.grades[0], {}).get(part) if part else None
    if entry:
        clauses = [c for c in clauses if c.id == entry["clause"] or c.id.startswith(entry["clause"] + "-")]
    best: tuple[float, int, Clause, str, int] | None = None
    for rank, rec in enumerate(on_topic(ctx, q, clauses)):
        for sent in segments(rec.text, rec.label):  # its own text: the most specific clause is cited
            m = pattern.search(sent)
            if not m:
                continue
            score = sum(weights[t] for t in weights.keys() & ctx.match.tokens(sent))
            if (score > 0 or entry) and (best is None or (score, -rank) > (best[0], -best[1])):
                best = (score, rank, rec, sent, int(m[1]))
    if best is None:
        return None
    _, _, rec, sent, real = best
    return rec, sent, _enough(value.number, real, q.asked)
