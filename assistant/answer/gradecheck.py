"""Grade checks in a conversation: a message ``checkroute`` finds to be a grade check goes to the
eligibility tool with the facts of its ``Session``, and the result is rendered verdict first.

The desk reads the facts from the message, merges them into the session (so "5年" can answer the
last follow-up, and "不对，是本科" corrects what was said), runs the rules and writes the answer:
the verdict as the lead, the facts it used ("我理解的情况：…"), how much time a route still lacks,
then each condition with its [n] citation, the assumptions and the one question to ask next.

    >>> desk.answer(analyze("本科毕业3年，能申报工程师吗？"), read("…"), None, today).kind   # doctest: +SKIP
    <Kind.GRADE_CHECK: 'grade_check'>
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .. import messages as M
from ..ingest.roundfacts import Window
from ..rules.model import Facts, Result
from ..rules.phrases import years_since
from ..rules.reading import Reading
from ..rules.rulebook import Rulebook
from ..rules.tool import TOOL_NAME, eligibility_tool
from ..vocab import Grade
from . import checkroute
from .checkroute import PERSONAL, WHICH_GRADE, specific
from .model import Answer, Kind, Part, Sources, ToolCall, Trace
from .session import Session, merged
from .understand import Question
from .yesno import is_yes_no

VERDICT_POLARITY = {"eligible": True, "not_eligible": False}
YES_NO_FORM = re.compile(r"能不能|可不可以|够不够|符不符合|是不是|满不满足")  # 能不能 denies nothing
DENIED_APPLY = re.compile(r"不能|不可以|不可|没资格|没有资格|不够|不符合|不满足")  # "是不是不能报" asks the opposite
# a grade check that asks about the education/experience condition itself ("刚毕业就能报吗，没有工龄要求？")
ROUTE_ASKED = re.compile(
    r"工龄|年限|年头|学历|直接|刚毕业|毕业就|一毕业|不用等|不用干|不用工作|还?不到[一二两三\d]年|不满[一二两三\d]年"
)
# "按2023年度那一轮算", "2023年那次能报吗": the round of the documents itself, asked about
ROUND_REF = r"{year}\s*年度?的?\s*(?:那|这)?一?(?:次|轮|届|批|时候)|按\s*{year}\s*年度?"
VERDICT_LEAD = {
    "eligible": M.VERDICT_ELIGIBLE,
    "not_eligible": M.VERDICT_NOT_ELIGIBLE,
    "need_more_info": M.VERDICT_NEED_MORE,
    "refer_elsewhere": M.VERDICT_REFER,
}


class GradeDesk:
    """Routes grade checks to the eligibility tool and renders its result as a cited answer."""

    def __init__(
        self,
        book: Rulebook,
        helplines: list[str],
        window_note: Callable[[dt.date], str],
        round_grades: tuple[str, ...] = (),
        window: Window | None = None,
    ) -> None:
        self.book = book
        self.window = window  # the round's application window: "2023年那轮能报吗" counts years to its end
        self.round_grades = round_grades  # the grades the round reviews, lowest first ("能报什么级别")
        self.tool = eligibility_tool(book)
        self.helplines = helplines
        self.window_note = window_note  # the note on the round's application window, for a day

    # ---- routing: is this message a grade check (answer/checkroute.py) -----------------------
    def wants(self, q: Question, session: Session | None, today: dt.date | None = None) -> Reading | None:
        """What ``q`` says if it is a grade check (or carries one on), else None."""
        return checkroute.wants(q, session, today)

    def remember(self, q: Question, session: Session | None, today: dt.date | None = None) -> None:
        """Facts stated in a turn answered from the documents, kept for a later check."""
        checkroute.remember(q, session, today)

    def counted_to(self, text: str, session: Session | None) -> dt.date | None:
        """The day years are counted to when the person asks about the documents' round itself ("按2023年度
        那一轮算", "2023年那次能报吗"): the end of its application window; the session keeps it."""
        w = self.window
        if w is not None and re.search(ROUND_REF.format(year=w.year), text):
            if session is not None:
                session.as_of = w.end
            return w.end
        return session.as_of if session is not None else None

    # ---- answering ----------------------------------------------------------------------------
    def answer(
        self,
        q: Question,
        said: Reading | dict[str, Any],
        session: Session | None,
        today: dt.date,
        as_of: dt.date | None = None,
    ) -> Answer:
        """Check the conversation's facts with what ``said`` adds; the session remembers them. Years
        said as dates are counted to ``as_of`` (the round asked about) or else to ``today``."""
        r = said if isinstance(said, Reading) else Reading(facts=dict(said))
        if session is not None:
            session.about(q.text)  # another person's case starts afresh
        now, today = today, as_of or today
        until = (
            M.UNTIL_ROUND.format(year=self.window.year, date=f"{today:%Y年%-m月%-d日}")
            if as_of and self.window
            else M.UNTIL_TODAY.format(date=f"{today:%Y年%-m月%-d日}")
        )
        counted = ""
        if session is not None and r.since is None and r.continued and "years_in_field" not in session.facts:
            r.since = session.graduated  # "我2014年硕士毕业" … "毕业后一直干到现在"
        # "本科2022年毕业，一直在做" … "不对，是2019年毕业": the years counted from the old year, recounted
        old = session.graduated if session is not None and r.correction and r.since is None else None
        if (
            session is not None
            and r.correction
            and r.graduated
            and (
                session.facts.get("years_in_field") == years_since(old, today)
                if old
                else "years_in_field" in session.facts
            )
        ):  # ("本科毕业四年" … "记错了，是2020年6月毕业的": the years since graduating, recounted)
            r.since = r.graduated
        if r.deducted and session is not None and session.facts.get("years_in_field") is not None:
            # "中间有2年在做销售" after "本科毕业7年": 5 in the field
            r.facts["years_in_field"] = max(0.0, float(session.facts["years_in_field"]) - r.deducted)
        if session is not None:
            session.graduated = r.graduated or session.graduated
        if r.since and "years_in_field" not in r.facts:  # "2020年毕业，一直在做": counted to today
            r.facts["years_in_field"] = years_since(r.since, today)
            counted = M.NOTE_YEARS_COUNTED.format(when=f"{r.since:%Y年%-m月}", until=until)
        if r.title_year and not counted:  # "中级是2020年拿的": its years counted to today, said so
            counted = M.NOTE_TITLE_YEARS_COUNTED.format(year=r.title_year, until=until)
        facts = merged(r, session)
        args = {k: v for k, v in facts.items() if v is not None}
        if r.ahead and args.get("years_in_field") is not None:  # "那她过三年能报中级吗": the years then
            args["years_in_field"] = float(args["years_in_field"]) + r.ahead
            args["titles"] = [
                {**t, "years": t["years"] + r.ahead} if t.get("years") is not None else t
                for t in args.get("titles") or []
            ] or args.get("titles")
            counted = M.NOTE_AHEAD.format(n=span(r.ahead))
        if "grade" not in args and WHICH_GRADE.search(q.text) and {"education", "titles"} & args.keys():
            return self._which_grades(q, args, session)  # "硕士毕业3年，最高能报到哪级"
        result = self.book.check(args)  # what the tool runs (the LLM path invokes the tool itself)
        at_most = None  # years known only as at most those since graduating
        graduated = r.graduated or (session.graduated if session else None)
        if graduated and "years_in_field" not in args:  # "博士去年毕业，能评高工吗": at most the years since
            bound = self.book.check({**args, "years_in_field": years_since(graduated, today)})
            # ("本科2022年毕业，能报工程师吗": 本科's 5 years cannot be met; the 助理 route is asked about)
            if bound.status("education_experience") != "met" and result.status("education_experience") == "unknown":
                args["years_in_field"] = at_most = years_since(graduated, today)
                result = bound
                counted = M.NOTE_YEARS_AT_MOST.format(
                    year=graduated.year, when=f"{graduated:%Y年%-m月}", years=args["years_in_field"], until=until
                )
        under = {**(session.under if session else {}), **r.under}
        below = (session.below if session else set()) | r.below
        if (least := _bounded(args, below)) is not None:  # "不到十年": what holds at any years under it
            low = self.book.check(least)
            if low.status("education_experience") != result.status("education_experience"):
                result = self.book.check({k: v for k, v in args.items() if k != "years_in_field"})
        if session is not None:
            session.under = under
            session.below = below
            session.facts = facts
            session.topic = "grade_check"
            session.grade = facts.get("grade") or session.grade
            session.duration_of = r.duration_of or session.duration_of
            session.expect, session.expect_level = self._next_expect(result)
        answer = self.render(result, now, args, under, at_most)
        answer.notes = [counted, *answer.notes] if counted else answer.notes
        if q.elsewhere:  # "我在天津的公司上班…能报中级吗": the scope first
            phones = M.PHONE_SEP.join(self.helplines)
            answer.notes = [M.NOTE_WORKS_ELSEWHERE.format(place="、".join(q.elsewhere), phones=phones), *answer.notes]
        answer.question = q.text
        answer.polarity = _polarity(q, result.verdict)
        route = self._category_route(q, r, result, session)
        if route is not None:  # "大专学历能不能评工程师": of a kind of person, yes — by this route
            answer.lead = M.VERDICT_CATEGORY.format(grade=result.grade, route=route)
            answer.polarity = "no" if _denies_applying(q.asking) else "yes"
        elif (met := self._route_met(q, result)) is not None:  # "硕士刚毕业就能报助理工程师吗": by this route
            answer.lead = met
            # "…没有工龄要求？", "大专毕业满3年可以报助理工程师吗" (of anyone so placed): the route is asked, and holds
            if ROUTE_ASKED.search(q.text) or "破格" in q.text or not PERSONAL.search(q.text):
                answer.polarity = "no" if _denies_applying(q.asking) else "yes"
        answer.tool_calls = [ToolCall(name=TOOL_NAME, arguments=args, result=result.to_dict())]
        # the rules' evidence: the clauses they consulted, in the order cited (score 1: read by rule)
        consulted = [(c.id, 1.0) for c in answer.citations]
        answer.trace = Trace(understood=q.summary(), retrieved=consulted, route="grade_check")
        return answer

    def _category_route(self, q: Question, r: Reading, result: Result, session: Session | None) -> str | None:
        """The route a yes/no about a kind of person opens ("中专能评助理工程师吗", "非本系列副高可以转评高工吗"):
        nobody's own years are stated, and the education/experience condition waits only for them."""
        if result.verdict != "need_more_info" or not is_yes_no(q.asking) or specific(q.text, r) or r.graduated:
            return None  # ("2018年本科毕业，能报工程师吗": one person's graduation, not a kind of person)
        if session is not None and session.facts.keys() - r.facts.keys():
            return None  # facts of a person from earlier turns: a personal check
        edu = result.condition("education_experience")
        if edu is None or edu.status != "unknown":
            return None
        route = self.book.route(edu.citation.id) or self._title_route(result.grade, r)
        return str(route["quote"]) if route else None

    def _title_route(self, grade: str | None, r: Reading) -> dict[str, Any] | None:
        """The one route that takes the title stated, when no degree is ("非本系列副高可以转评高工吗")."""
        titles = r.facts.get("titles") or []
        if grade is None or "education" in r.facts or len(titles) != 1:
            return None
        t = titles[0]
        fits = [
            route
            for route in self.book.routes(Grade(grade))
            if route.get("title") == t["level"]
            and route.get("series", "any") in ("any", t["series"])
            and not route.get("education")
        ]
        return fits[0] if len(fits) == 1 else None

    def _route_met(self, q: Question, result: Result) -> str | None:
        """The lead when a yes/no grade check meets a route (or 破格) while other conditions still wait."""
        if result.verdict != "need_more_info" or not is_yes_no(q.asking):
            return None
        edu = result.condition("education_experience")
        if edu is None or edu.status != "met":
            return None
        route = self.book.route(edu.citation.id)
        if route:
            return M.VERDICT_ROUTE_MET.format(grade=result.grade, route=route["quote"])
        lifted = result.status("breakthrough") == "met"
        return M.VERDICT_BREAK_MET.format(grade=result.grade) if lifted else None  # by 破格

    def _next_expect(self, result: Result) -> tuple[str | None, str | None]:
        fact = result.missing[0] if result.missing else ("breakthrough" if result.follow_up else None)
        level = None
        if fact in ("titles", "title_years"):
            edu = result.condition("education_experience")
            route = self.book.route(edu.citation.id) if edu else None
            level = route.get("title") if route else None
        return fact, level

    def _which_grades(self, q: Question, args: dict[str, Any], session: Session | None) -> Answer:
        """Each grade of the round, checked on the education/experience condition with the facts given:
        the grades it is met for, the others with why; the other conditions are left to a check of one."""
        src, lines, met, calls = Sources(), [], [], []
        for grade in self.round_grades:
            result = self.book.check({**args, "grade": grade})
            calls.append(ToolCall(name=TOOL_NAME, arguments={**args, "grade": grade}, result=result.to_dict()))
            c = result.condition("education_experience")
            if c is None:
                continue
            cite = src.cite(self.book.clauses[c.citation.id], c.citation.text)
            lines.append(
                Part(
                    M.WHICH_GRADE_LINE.format(grade=grade, status=M.STATUS_LABEL[c.status], reason=c.reason, cite=cite),
                    "condition",
                )
            )
            if c.status == "met":
                met.append(grade)
        lead = M.WHICH_GRADE_MET.format(grades="、".join(met)) if met else M.WHICH_GRADE_NONE
        if session is not None:
            session.facts, session.topic = {k: v for k, v in args.items()}, "grade_check"
            session.expect, session.expect_level = "grade", None
        body = [Part(line, "understood") for line in [understood(args)] if line] + lines
        body.append(Part(M.ASK_GRADE, "follow_up"))
        answer = Answer(q.text, Kind.GRADE_CHECK, lead, body=body, citations=src.citations, tool_calls=calls)
        answer.trace = Trace(
            understood=q.summary(), retrieved=[(c.id, 1.0) for c in src.citations], route="grade_check:which"
        )
        return answer

    # ---- rendering ----------------------------------------------------------------------------
    def render(
        self,
        result: Result,
        today: dt.date,
        facts: dict[str, Any] | None = None,
        under: dict[float, float] | None = None,
        at_most: float | None = None,
    ) -> Answer:
        """Verdict first, the facts used and the time still missing, then each condition with its [n],
        the assumptions, the follow-up."""
        phones = M.PHONE_SEP.join(self.helplines)
        lead = VERDICT_LEAD[result.verdict].format(
            grade=result.grade or "", doc=self.book.rules["refer_document"], phones=phones
        )
        src = Sources()
        body = [Part(line, "understood") for line in [understood(facts, under, at_most)] if line]
        if result.gaps:
            items = [M.GAP_ITEM.format(item=g.item, years=span(g.years)) for g in result.gaps]
            body.append(Part(M.GAP_LINE.format(items=M.GAP_SEP.join(items)), "gap"))
        body += [Part(n, "note") for n in result.notes]
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


def _bounded(args: dict[str, Any], below: set[float]) -> dict[str, Any] | None:
    """``args`` with the years said only as a bound ("不到10年") at their least (0), or None if there are none.

    >>> _bounded({"years_in_field": 9.5, "education": "大学本科"}, {9.5})
    {'years_in_field': 0, 'education': '大学本科'}
    """
    if args.get("years_in_field") not in below:
        return None
    return {**args, "years_in_field": 0}


def span(years: float) -> str:
    """A number of years as said in Chinese.

    >>> span(2), span(0.5), span(3.5), span(0.25), span(4.75)
    ('2年', '半年', '3年半', '3个月', '4.75年')
    """
    if years == 0.5:
        return "半年"
    if years % 1 == 0.5:
        return f"{int(years)}年半"
    if years < 1 and abs(years * 12 - round(years * 12)) < 0.01:
        return f"{round(years * 12)}个月"
    return f"{years:g}年"


def understood(
    facts: dict[str, Any] | None, under: dict[float, float] | None = None, at_most: float | None = None
) -> str:
    """The line "我理解的情况：…": the facts a check used, in the order the standard asks for them (that
    none is stated yet, if none).

    >>> understood({"grade": "工程师", "education": "大学本科", "years_in_field": 3, "titles": []})
    '我理解的情况：申报工程师，学历大学本科，毕业后从事本专业技术工作3年，未取得职称。'
    >>> understood({"years_in_field": 4.5}, under={4.5: 5.0})
    '我理解的情况：毕业后从事本专业技术工作不满5年。'
    >>> understood({"years_in_field": 4}, at_most=4)  # "2022年毕业": the years since, a bound
    '我理解的情况：毕业后从事本专业技术工作至多4年。'
    """
    if not facts:
        return M.UNDERSTOOD_NOTHING

    def years(v: float) -> str:  # "快5年" is shown as said: 不满5年
        if v == at_most:
            return M.UNDERSTOOD_AT_MOST.format(years=span(v))
        said = (under or {}).get(v)
        return M.UNDERSTOOD_UNDER.format(years=span(said)) if said is not None else span(v)

    f = Facts.parse(facts)
    items = []
    if f.grade:
        items.append(M.UNDERSTOOD_GRADE.format(grade=f.grade))
    if f.education:
        items.append(M.UNDERSTOOD_EDU.format(edu=f.education))
    if f.graduated is False:
        items.append(M.UNDERSTOOD_STUDYING)
    elif f.years_in_field == 0:
        items.append(M.UNDERSTOOD_JUST_GRADUATED)
    elif f.years_in_field is not None:
        items.append(M.UNDERSTOOD_YEARS.format(years=years(f.years_in_field)))
    if f.titles is not None and not f.titles:
        items.append(M.UNDERSTOOD_NO_TITLE)
    for t in f.titles or []:
        title = M.UNDERSTOOD_TITLE.format(series=M.UNDERSTOOD_SERIES[t.series.value], level=t.level)
        items.append(title + (M.UNDERSTOOD_TITLE_YEARS.format(years=years(t.years)) if t.years is not None else ""))
    if f.direction:
        items.append(M.UNDERSTOOD_DIRECTION[f.direction])
    if f.performance_met is not None:
        items.append(M.UNDERSTOOD_PERF[f.performance_met])
    if f.achievements is not None:
        items.append(M.UNDERSTOOD_ACH.format(n=f.achievements))
    if f.breakthrough is not None:
        brk = "、".join(str(k) for k in f.breakthrough)
        items.append(M.UNDERSTOOD_BREAK.format(items=brk) if f.breakthrough else M.UNDERSTOOD_NO_BREAK)
    if f.basic_met is not None:
        items.append(M.UNDERSTOOD_BASIC[f.basic_met])
    return M.UNDERSTOOD.format(items=M.UNDERSTOOD_SEP.join(items)) if items else ""


def _polarity(q: Question, verdict: str) -> str | None:
    """A verdict as the answer to a yes/no question as worded: "能报吗" → no when not eligible;
    "是不是不能报" → yes. No polarity while the check still needs facts.

    >>> from .understand import analyze
    >>> _polarity(analyze("本科刚毕业能报助理工程师吗"), "not_eligible")
    'no'
    >>> _polarity(analyze("我是不是不能报工程师"), "not_eligible")
    'yes'

    """
    said = VERDICT_POLARITY.get(verdict)
    if said is None or not is_yes_no(q.asking):
        return None
    if _denies_applying(q.asking):
        said = not said
    return "yes" if said else "no"


def _denies_applying(text: str) -> bool:
    """Whether a yes/no asks about not being able to apply ("是不是不能报"), not "能不能评".

    >>> _denies_applying("大专学历能不能评工程师"), _denies_applying("我是不是不能报工程师")
    (False, True)
    """
    return bool(DENIED_APPLY.search(YES_NO_FORM.sub("", text)))
