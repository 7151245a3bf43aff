"""Leads: the direct answer first, cut from a retrieved clause. One small function per kind of
lead, chosen from a table by what the question asks for; each returns a ``Draft`` or ``None``
(this lead does not fit: the next one in the table is tried).

    >>> plan(Question(text="咨询电话是多少", search="", intent="contact"))
    ('contact', (<function contact ...>, <function quote ...>))
"""

from __future__ import annotations

import re

from .. import messages as M
from ..dates import find_spans, span_text
from ..ingest.clauses import Clause
from ..text import PHONE
from ..vocab import Degree, vocabulary
from .asks import SOME
from .compare import (
    DAYS_ASKED,
    NAME_ASKED,
    ORDER_ASKED,
    after_what,
    asks_same_title,
    by_parts,
    compares_counts,
    compares_parts,
    next_step,
    order,
    same_title,
    step_length,
    title_name,
)
from .confirm import asks_title_required, confirm, stated_values
from .decide import absent_part, english_detail, yes_no
from .draft import Context, Draft, Lead, dated_items, quote_clause, ranked
from .lists import FIELD_WORK_ASKED, WHICH_KIND, asks_all_or_one, field_work, which_kind
from .model import Kind, Sources
from .notes import past_round_note, round_grade_note, status_text
from .process import asks_process, process
from .shapes import (
    CONTENT_OF,
    DETAIL_TYPES,
    NTH_ITEM,
    asked_type,
    asks_list,
    asks_overview,
    detail,
    listing,
    not_stated,
    nth_item,
    overview,
    part,
    part_asked,
    part_cue,
    parts_named,
    referred_content,
)
from .understand import APPLY_ASKED, Question
from .yesno import grade_level, is_yes_no, levels_in

# asks for the day, not the month ("答辩具体是11月几号")
DAY_ASKED = re.compile(r"几号|几日|哪天|哪一天|哪一日|具体日期|具体哪|具体是.{0,4}几|确切")
# asks for a grade's education/experience routes ("工程师的学历条件")
OTHER_WAY = re.compile(r"办法|途径|路子|渠道|别的|其他|还能|还可以|能不能|能报|可以报|能评|可以评")
YEARS_ASKED = re.compile(r"(?<![好这那])几年|多少年|多久|多长时间|年限")  # asked in the clause that asks
ROUTE_CUE = re.compile(r"学历|资历|工作经历|年限|工作年限")


def contact(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The helpline numbers, from the clause retrieved or else the notice's helpline clause ("网申截止找谁问")."""
    helpline = ctx.corpus.clauses.get(ctx.round.helpline_clause)
    for rec in [*hits, *([helpline] if helpline and helpline not in hits else [])]:
        phones = PHONE.findall(rec.text)
        if phones:
            src = Sources()
            lead = M.LEAD_CONTACT.format(phones=M.PHONE_SEP.join(phones), cite=src.cite(rec))
            if is_yes_no(q.asking):  # 有没有咨询电话: yes, and here they are
                return Draft(Kind.YES_NO, M.YES_THERE_IS + lead, src, polarity="yes")
            return Draft(Kind.FACT, lead, src)
    return None


def dates(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The dated steps of the best clause that has any; the steps the question names, else all.
    A question about applying ("现在还能申报吗") is also answered from the round's window clause."""
    qtok = ctx.match.question_tokens(q)
    window = [ctx.corpus.clauses[ctx.round.window.clause]] if ctx.round.window else []
    outside = round_grade_note(ctx.round, q.grade, M.NOT_IN_ROUND)  # "正高级工程师哪一年开始评审"
    if outside:
        return Draft(Kind.NOT_IN_DOCUMENTS, outside + M.CALL.format(phones=_phones(ctx)), Sources(), abstained=True)
    for rec in [*hits[:3], *(c for c in window if c not in hits[:3])]:
        year = rec.doc_year
        if not year:
            continue
        items = dated_items(ctx, qtok, rec, year)
        if not items:
            continue
        best = max(o for o, *_ in items)
        if best == 0:  # "具体是11月几号": the step in the month the question names
            named = find_spans(q.asked, year)
            items = [(int(any(d.start <= n.end and n.start <= d.end for n in named)), a, d, g) for _, a, d, g in items]
            best = max(o for o, *_ in items)
        other = _dated_elsewhere(ctx, q, rec, [a for _, a, *_ in items]) if best == 0 else ""
        if other:  # "年限计算到哪一天": the date of something that is no step of the schedule
            return not_stated(ctx, q, M.MISSING_WHEN.format(what=other), None)
        chosen = [it for it in items if it[0] == best] if best > 0 else items
        quote = "".join(dict.fromkeys(seg for *_, seg in chosen))
        if DAY_ASKED.search(q.asked) and best > 0 and not any("日" in s.text for _, _, s, _ in chosen):
            return not_stated(ctx, q, M.MISSING_DAY, rec)  # 答辩具体哪天: the notice gives the month only
        src = Sources()
        if len(chosen) == 1 and (level := grade_level(q.grades)) and (only := _levels_only(rec, chosen[0][1], level)):
            _, activity, span, _ = chosen[0]  # "答辩是几月" then "初级呢": 初级 has no defence
            cite = src.cite(rec)
            lead = M.STEP_NOT_FOR_LEVEL.format(
                level=level, activity=activity, quote=only[0], listed="、".join(only[1]), cite=cite, year=year,
                span=span_text(span),
            )  # fmt: skip
            return Draft(Kind.FACT, lead, src)
        cite = src.cite(rec, quote)
        if len(chosen) == 1:
            _, activity, span, _ = chosen[0]
            lead = M.LEAD_DATE.format(year=year, activity=activity, span=span_text(span), cite=cite)
            lead += status_text(span, ctx.today) + "。"
        else:
            steps = "；".join(f"{a}，{year}年{span_text(s)}{status_text(s, ctx.today)}" for _, a, s, _ in chosen)
            lead = M.LEAD_DATE_ALL.format(year=year, cite=cite, items=steps)
        notes = []
        if all(s.status(ctx.today) == "past" for _, _, s, _ in chosen):
            notes.append(past_round_note(year, ctx.round, ctx.today))
        return Draft(Kind.FACT, lead, src, notes=notes)
    return None


def _levels_only(rec: Clause, activity: str, level: str) -> tuple[str, list[str]] | None:
    """The sentence of ``rec`` that limits ``activity`` to levels other than ``level`` ("高、中级需进行答辩
    评审" for 初级), with the levels it lists; None when no sentence limits it so."""
    for sentence in re.split(r"[。；;]", rec.text):
        listed = levels_in(sentence)
        if activity in sentence and listed and level not in listed and not find_spans(sentence, 2000):
            return sentence.strip(), listed
    return None


DATE_WORD = re.compile(r"截止|截至|开始|结束|开放|关闭|日期|时间|时候|期限|哪天|几号|几月|哪个?月|月份")


def _dated_elsewhere(ctx: Context, q: Question, rec: Clause, activities: list[str]) -> str:
    """The thing a date question is about when it names none of the schedule's steps (申报, 审核, 答辩…)
    but a word the documents use elsewhere (年限, 继续教育); "" otherwise.

    "工作年限算到什么时候" → "年限"; "破格申报什么时候" → "" (the schedule is everyone's)."""
    lex, text = ctx.match.lex, rec.search_text
    words = [w for w in lex.cut(q.asked) if len(w) >= 2 and w not in lex.stopwords and not DATE_WORD.search(w)]
    words = [w for w in words if re.search(r"[\u4e00-\u9fff]", w)]  # English is read through its glossary
    if any(w in a or a in w for w in words for a in activities):
        return ""
    names = vocabulary().rank_words()
    return "、".join(
        dict.fromkeys(
            w for w in words if w not in ctx.match.generic and w not in names and ctx.match.present(w) and w not in text
        )
    )


def _phones(ctx: Context) -> str:
    return M.PHONE_SEP.join(ctx.round.helplines)


def routes(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """The education/experience route(s) for the education and/or grade asked about (from the rules)."""
    if q.education is Degree.TECHNICAL and q.grade and (refer := ctx.book.refer(q.grade)):
        # 技工院校: the standard refers to another document, which states the years; these documents do not
        missing = M.MISSING_REFERRED.format(doc=ctx.book.rules["refer_document"])
        return not_stated(ctx, q, missing, ctx.corpus.clauses[refer["clause"]])
    src = Sources()
    said: dict[str, list[tuple[str, str]]] = {}  # route text → (grade, citation marker)
    breaks: list[str] = []
    # "一个本科一个硕士一个博士，报中级分别要干几年": the routes of every degree named
    named = list(dict.fromkeys(m.value for m in vocabulary().degree_mentions(q.asked)))
    degrees = named if len(named) > 1 else [str(q.education)] if q.education else []
    for grade in ctx.book.grades():
        if q.grades and grade not in q.grades:  # "一位拟报助理工程师，一位拟报工程师": each of them
            continue
        for route in ctx.book.routes(grade):
            rec = ctx.corpus.clauses[route["clause"]]
            if q.lacked and route.get("title") == q.lacked:  # "没有中级职称，还有办法报高工吗": the others
                continue
            if q.held:  # "取得中级职称后…", "已经有助工证了": the routes through that title, whatever the degree
                by_degree = q.education and "title" not in route and q.education in rec.text  # and the degree's own
                if route.get("title") != q.held and not by_degree:  # ("大学专科及以上…取得助理级职称后…" holds 本科)
                    continue
            elif degrees and not any(d in rec.text for d in degrees):
                continue
            text = re.sub(r"^（\d+）", "", rec.text).rstrip("；;。")
            extra = "" if route["years"] else M.LEAD_YEARS_NO_LIMIT
            said.setdefault(text + extra, []).append((grade, src.cite(rec)))
        refer = ctx.book.refer(grade)
        if refer and not q.held and q.education in (None, Degree.TECHNICAL):  # every route of the grade: 技工院校 too
            rec = ctx.corpus.clauses[refer["clause"]]
            said.setdefault(refer["quote"], []).append((grade, src.cite(rec)))
        breakthrough = ctx.book.rules["grades"].get(grade, {}).get("breakthrough")
        if q.lacked and breakthrough:  # and the way around every route
            rec = ctx.corpus.clauses[breakthrough["clause"]]
            breaks.append(M.LEAD_BREAKTHROUGH.format(quote=breakthrough["quote"], cite=src.cite(rec)))
    # a route several grades share is said once ("技工院校毕业生按…申报" for every grade); the routes of
    # one grade in one sentence ("申报高级工程师：博士…满2年[1]；硕士…满7年[2]。")
    by_grades: dict[str, list[str]] = {}
    for text, by in said.items():
        grades = "、".join(g for g, _ in by)
        by_grades.setdefault(grades, []).append(text + "".join(c for _, c in by))
    sentences = [
        M.LEAD_YEARS.format(grade=g, route="；".join(routes), cite="") + "。" for g, routes in by_grades.items()
    ]
    sentences += breaks
    if not sentences:
        return None
    note = round_grade_note(ctx.round, q.grade)
    if q.lacked and is_yes_no(q.asking):  # "还有办法报高工吗": yes, by these routes
        return Draft(
            Kind.YES_NO, M.YES_THERE_IS + "".join(sentences), src, notes=[note] if note else [], polarity="yes"
        )
    if applies_at_all(q):  # "技工院校毕业的人也能报这个职称吗": yes, by these routes
        return Draft(Kind.YES_NO, M.YES_BY_ROUTES + "".join(sentences), src, polarity="yes")
    return Draft(Kind.FACT, "".join(sentences), src, notes=[note] if note else [])


# "结果什么时候出来": when the results come out, not where they are published
WHEN_NOT_WHERE = re.compile(r"^(?!.*(?:哪|何处|网站|网址|栏目)).*(?:什么时候|啥时候|何时|哪天|几号|多久|几月)")


def published_when(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """When the results are published: the clause about publication, if it holds a date; else the
    documents leave it open (the place they are published is shown as context)."""
    about = [c for c in hits if c.doc_kind == "notice" and "公示" in c.full_text]
    if not about:
        return None
    year = max(ctx.round.years, default=0)
    if find_spans(about[0].full_text, year):
        return quote_clause(ctx, q, about[0])
    return not_stated(ctx, q, M.MISSING_RESULT_TIME, about[0])


def quote(ctx: Context, q: Question, hits: list[Clause]) -> Draft | None:
    """Quote the best-matching sentence(s) of the best clause that shares a topic word."""
    best = ranked(ctx, q, hits)
    if not best:
        return None
    draft = quote_clause(ctx, q, best[0])
    note = round_grade_note(ctx.round, q.grade)
    draft.notes += [note] if note else []
    return draft


LEADS: dict[str, tuple[Lead, ...]] = {
    "contact": (contact, quote),
    "dates": (dates, quote),
    "routes": (routes, quote),
    "part": (part, absent_part, quote),  # one part of a grade's conditions, from the rules
    "detail": (detail,),  # a span of the type asked for, or the documents leave it open
    "overview": (overview, quote),
    "yes_no": (yes_no, quote),
    "list": (listing, quote),
    "general": (quote,),
    "published_when": (published_when, quote),
}
VALUE_YEAR = 2000  # any leap year: only whether the question states a value matters to the plan


EVIDENCE_ASKED = re.compile(r"证明|佐证|证据|证明材料")


def applies_at_all(q: Question) -> bool:
    """Whether ``q`` asks if people of one education may apply at all, naming no grade and no condition:
    "技工院校毕业的人也能报这个技术经纪职称吗" (yes: by the routes that take that education)."""
    return bool(
        q.education and not q.grades and not q.held and is_yes_no(q.asking) and APPLY_ASKED.search(q.asking)
    ) and not part_asked(q)


def plan(q: Question) -> tuple[str, tuple[Lead, ...]]:
    """Which leads to try for ``q``, in order: the shape of answer the question asks for ("Is the defence
    held online?": first whether an English yes/no question turns on a detail word the glossary lacks)."""
    key, leads = _plan(q)
    return (key, (english_detail, *leads)) if q.english and is_yes_no(q.asking) else (key, leads)


def _plan(q: Question) -> tuple[str, tuple[Lead, ...]]:
    if FIELD_WORK_ASKED.search(q.asking) and is_yes_no(q.asking) and not q.grades:  # 做X的算本专业工作吗
        return "yes_no", (field_work, *LEADS["yes_no"])
    if asked_type(q) in ("reason", "series"):  # "为什么硕士的年限比本科少": a rule's reason, whatever the rule;
        return "detail", LEADS["detail"]  # "技术经纪属于哪个系列" (not which of the two directions)
    if asks_process(q):  # "怎么申报", "申报流程是什么": the steps in order and the procedure's clause
        return "process", (process, *LEADS["general"])
    asks_routes = (
        (
            q.intent == "years"
            and (q.education or q.held or (q.grade and "破格" not in q.asked and YEARS_ASKED.search(q.asking)))
        )
        or (
            q.grade
            and not q.education
            and ROUTE_CUE.search(q.asked)
            and "破格" not in q.asked
            and parts_named(q.asked) < 2
        )
        or (q.grade and q.lacked and not q.education and OTHER_WAY.search(q.asked))  # 没有中级，还有办法报高工吗
        or applies_at_all(q)
    )
    if is_yes_no(q.asking) and asks_all_or_one(q.asking):  # 学历条件要同时满足吗: the list's head decides
        return "yes_no", LEADS["yes_no"]
    if NTH_ITEM.search(q.asked):  # "破格第三条说的是什么": that item of the list
        return "nth", (nth_item, *LEADS["list"])
    # 我这种该报哪个方向: the kind whose definition holds it (not "不论报哪个级别都…": whichever)
    if WHICH_KIND.search(SOME.sub("", q.asking)) and not q.grades:
        return "which_kind", (which_kind, *LEADS["general"])
    if asks_routes:
        key = "routes"
    elif parts_named(q.asked) >= 2 and asks_overview(q):  # "…条件讲一下，学历、业绩、成果都要"
        key = "overview"
    elif asked_type(q) == "procedure":  # 错过截止还能补报吗: how to change or redo, not the dates
        key = "detail"
    elif (
        part_asked(q)
        and not is_yes_no(q.asking)
        and not (asks_overview(q) and not part_cue(q.asking))
        and not EVIDENCE_ASKED.search(q.asked)  # "业绩成果需要提供什么证明": the notice's 材料要求
    ):
        key = "part"  # (not "高工整体怎么评的，包括破格": the whole grade, the part named only as included)
    elif asked_type(q) == "duration" and DAYS_ASKED.search(q.asking) and not (q.grades or ORDER_ASKED.search(q.asking)):
        return "detail", (step_length, *LEADS["detail"])
    elif q.intent == "dates" and asked_type(q) not in ("time_of_day", "age"):  # 几点截止, 55岁还能报吗
        key = "dates"
    elif asked_type(q) in DETAIL_TYPES:
        key = "detail"
    elif q.intent == "publication" and WHEN_NOT_WHERE.search(q.asked) and not is_yes_no(q.asking):
        key = "published_when"
    elif q.intent == "contact":
        key = "contact"
    elif asks_overview(q):
        key = "overview"
    elif is_yes_no(q.asking):
        key = "yes_no"
    elif asks_list(q.asking):
        key = "list"
    else:
        key = "general"
    if after_what(q.asking):  # "单位审完以后谁审": the schedule's next step
        return "next", (next_step, *LEADS[key])
    if ORDER_ASKED.search(q.asking):  # "答辩比单位审核早吗": the dates of the two steps compared
        return "order", (order, *LEADS[key])
    if compares_counts(q):  # "中级的成果是不是比副高少一项": the rules' counts, no value to confirm
        return "yes_no", LEADS["yes_no"]
    if asks_same_title(q.asking) and len(q.grades) + bool(q.held) >= 1:  # "副高就是高级工程师吗", "助工是初级吗"
        return "yes_no", (same_title, *LEADS["yes_no"])
    if NAME_ASKED.search(q.asking) and len(q.grades) + bool(q.held) == 1:  # "中级职称叫什么"
        return "fact", (title_name, *LEADS[key])
    if compares_parts(q):  # "中级和副高成果数量有啥区别": each grade's clause for the part
        return "compare", (by_parts, *LEADS[key])
    if CONTENT_OF.search(q.asked):  # "实施办法里具体要求是什么": what a document named only says
        return key, (referred_content, *LEADS[key])
    # "是7月17号截止吗", "博士评高工是不是不需要年限": compare with the documents' value, else as before
    if is_yes_no(q.asking) and (asks_routes or stated_values(q, VALUE_YEAR) or asks_title_required(q)):
        return "confirm", (confirm, *LEADS[key])
    return key, LEADS[key]
