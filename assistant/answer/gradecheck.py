"""Grade checks in a conversation: route "本科毕业3年，能申报工程师吗？" to the eligibility tool, keep
the facts of a conversation in its ``Session``, and render the result verdict first.

The desk reads the facts from the message, merges them into the session (so "5年" can answer the
last follow-up, and "不对，是本科" corrects what was said), runs the rules and writes the answer:
the verdict as the lead, the facts it used ("我理解的情况：…"), how much time a route still lacks,
then each condition with its [n] citation, the assumptions and the one question to ask next.

    >>> desk.answer(analyze("本科毕业3年，能申报工程师吗？"), read("…"), None, today).kind   # doctest: +SKIP
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
from ..rules.model import Facts, Result
from ..rules.phrases import ASKING, UNSURE, as_chinese, is_reply, simplify_numbers
from ..rules.reading import Reading, read
from ..rules.rulebook import Rulebook
from ..rules.tool import TOOL_NAME, eligibility_tool
from ..vocab import LEVEL_RANK, Degree, Grade, Level
from .asks import SOME
from .followup import is_follow_up
from .model import Answer, Kind, Part, Sources, ToolCall, Trace
from .understand import ASKER, CONCURRENT, ROUND_ASKED, Question, asking_clause
from .yesno import is_yes_no

CAN_APPLY = re.compile(
    r"能不能|可不可以|能否|可否|能|可以|够不够|够|符合|满足|有资格|有没有资格|行不行|行吗"
    r"|(?:想|打算|准备|计划)要?(?:转|直接)?(?:申报|评|报|申请|参评)"
)
APPLYING = re.compile(
    r"申报|(?<!汇|简|公|上)报(?!告|道|销)|评(?![审价委])|申请|参评|符合|满足|够"
)  # what "能" is about when it asks to apply
ASKS_RULE = re.compile(
    r"(?<![十好])几年|多少年|多久|什么条件|哪些条件|需要什么|要什么|怎么|如何|需要几|要几|条件是什么|是什么"
)
# "…也得先干满一年吧": a requirement of years asked about, not the person's case
# "大专拿了助理级职称以后，干满3年就能报工程师了吧": a rule confirmed with its numbers, no person's case
RULE_CONFIRMED = re.compile(
    r"满?\s*(?:[1-9]\d*|[一二两三四五六七八九十]+)\s*年(?:以后|之后|后)?\s*(?:就|便|即)\s*(?:能|可以|可|够)"
)
ASKS_YEARS_RULE = re.compile(
    r"(?:(?<![取获懂记])得|要|需要|必须|需)\S{0,4}满?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)年"
    r"[^，,。；;\s]{0,8}?(?:[吗吧么]|是吗|对吗|对吧)"
)
BARE_CAN = {"能", "可以", "能不能", "可不可以", "能否", "可否"}  # "能" alone: about applying only when it says so
VERDICT_POLARITY = {"eligible": True, "not_eligible": False}
YES_NO_FORM = re.compile(r"能不能|可不可以|够不够|符不符合|是不是|满不满足")  # 能不能 denies nothing
DENIED_APPLY = re.compile(r"不能|不可以|不可|没资格|没有资格|不够|不符合|不满足")  # "是不是不能报" asks the opposite
GRADE_WORD = re.compile(r"工程师|高工|助工|中级|副高|正高|初级|高级|职称")
ENDS_ASKING = re.compile(r"[吗么吧嘛？?]\s*$")
ONLY_ASKING = re.compile(r"[吗么呢吧嘛啊呀？?。!！\s]*$")
AS_REQUIRED = re.compile(r"按(?:照)?(?:要求|规定)")  # "按要求参加继续教育" states a fact, asks no rule
RULE_WORDS = re.compile(r"要求|规定|标准|年限|条件")  # "博士毕业有年限要求吗" asks about the rule, not a person
# "…想报高级工程师，够条件吗", "条件怎么算" after the person's facts: whether they meet it, not what it is
MEETS_RULE = re.compile(
    r"(?:够|符合|满足|达到|具备|达标)(?:不够|不符合|不满足)?[^，,。；;？?吗]{0,16}?(?:条件|要求|资格)|怎么算|如何算"
)
# a grade check that asks about the education/experience condition itself ("刚毕业就能报吗，没有工龄要求？")
ROUTE_ASKED = re.compile(
    r"工龄|年限|年头|学历|直接|刚毕业|毕业就|一毕业|不用等|不用干|不用工作|还?不到[一二两三\d]年|不满[一二两三\d]年"
)
PERSONAL = re.compile(r"我|本人|俺|自己|咱")
RESUME = re.compile(r"^\s*(?:接着|继续|回到|还是说|再说回|言归正传)")  # "接着说，…": back to the grade check
OTHER_INTENTS = ("contact", "dates", "publication", "money", "url")
PERSON_FACTS = ("education", "years_in_field", "titles", "achievements", "performance_met", "breakthrough", "basic_met")
GRADE_FACTS = ("performance_met", "achievements")  # measured "since" a title that depends on the grade
VERDICT_LEAD = {
    "eligible": M.VERDICT_ELIGIBLE,
    "not_eligible": M.VERDICT_NOT_ELIGIBLE,
    "need_more_info": M.VERDICT_NEED_MORE,
    "refer_elsewhere": M.VERDICT_REFER,
}


@dataclass
class Session:
    """One conversation's state.

    ``facts``: what the person has stated (corrections applied); ``expect``/``expect_level``: the fact
    the pending follow-up asks for (kept across a detour, so the check can be resumed); ``topic``:
    what the last turn was (``"grade_check"`` or ``"question"``); ``grade``: the grade under
    discussion; ``last_question``: the last standalone question, for "那高级呢？"; ``duration_of``:
    which fact the last duration stated was (``"years_in_field"`` or ``"title"``), for "说错了，是5年";
    ``under``: years read from "almost N" (4.5 → 5), shown as "不满5年"; ``graduated``: the year of
    graduation stated, counted to today once "一直干到现在" follows.
    """

    facts: dict[str, Any] = field(default_factory=dict)
    expect: str | None = None
    expect_level: str | None = None
    last_question: str | None = None
    topic: str | None = None
    grade: str | None = None
    duration_of: str | None = None
    under: dict[float, float] = field(default_factory=dict)
    graduated: int | None = None  # the year of graduation stated, for "一直干到现在" said later
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __deepcopy__(self, memo: dict[int, Any]) -> Session:
        return Session(
            copy.deepcopy(self.facts, memo),
            self.expect,
            self.expect_level,
            self.last_question,
            self.topic,
            self.grade,
            self.duration_of,
            dict(self.under),
            self.graduated,
        )

    def reset(self) -> None:
        self.facts, self.expect, self.expect_level, self.last_question = {}, None, None, None
        self.topic, self.grade, self.duration_of, self.under, self.graduated = None, None, None, {}, None

    def asked(self, q: Question) -> None:
        """A question answered from the documents: it becomes the topic; a grade it names is discussed."""
        self.topic = "question"
        self.last_question = q.text
        if q.grade is not None:
            self.grade = str(q.grade)


def merge_facts(
    old: dict[str, Any], new: dict[str, Any], denied: list[str] | tuple[str, ...] = (), replace: bool = False
) -> dict[str, Any]:
    """``new`` wins field by field; titles of the same level and series are merged.

    ``denied``: levels the person says they do not hold — a title below them is kept;
    ``replace``: the message corrects the titles ("说错了，是中级职称"), so they replace the old ones.

    >>> merge_facts({"titles": [{"level": "初级", "years": 3}]}, {"titles": []}, denied=["中级"])
    {'titles': [{'level': '初级', 'years': 3}]}
    """
    out = {**old, **{k: v for k, v in new.items() if k != "titles"}}
    if "titles" not in new:
        return out
    if not new["titles"] and denied:
        lowest = min(LEVEL_RANK[Level(lv)] for lv in denied)
        out["titles"] = [t for t in old.get("titles") or [] if LEVEL_RANK[Level(t["level"])] < lowest]
    elif not new["titles"] or not old.get("titles") or replace:
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

    # ---- routing ------------------------------------------------------------------------------
    def wants(self, q: Question, session: Session | None, today: dt.date | None = None) -> Reading | None:
        """What ``q`` says if it is a grade check (or carries one on), else None (answer from the documents).

        A grade check is: "我能申报X吗" with facts about the person; in a conversation, the answer
        to the pending follow-up, more facts or a correction, "那高级工程师呢？" after a check, "我能评吗"
        about the grade under discussion; and a message that only states personal facts
        ("我硕士，做技术转移八年了"), which the check then asks the grade for.
        """
        if q.injection or any(re.search(rf"{re.escape(t)}(?:专业|系列)", q.text) for t in q.foreign_terms):
            return None  # "想报电子信息专业的中级": another specialty, not this standard
        s = session or Session()
        text = as_chinese(q.text)
        r = read(text, s.expect, s.expect_level, s.facts, today)
        plain = SOME.sub("", simplify_numbers(text))  # not "这几年做技术转移"
        confirmed = bool(RULE_CONFIRMED.search(plain)) and not PERSONAL.search(text)
        rule_question = bool(ASKS_RULE.search(plain) or ASKS_YEARS_RULE.search(plain) or CONCURRENT.search(text)) or (
            bool(RULE_WORDS.search(AS_REQUIRED.sub("", text)) and ASKING.search(text)) and not _specific(text, r)
        )
        stated = "grade" in r.facts and ("education" in r.facts or bool(r.facts.get("titles")))  # 本科、只有助理…
        if MEETS_RULE.search(plain) and (_specific(text, r) or s.topic == "grade_check" or stated):
            rule_question = False
        rule_question = rule_question or (confirmed and s.topic != "grade_check")
        other_topic = rule_question or q.intent in OTHER_INTENTS  # dates, phone…: facts alone do not make a check
        if s.facts or s.topic == "grade_check":
            carried = self._carries_on(text, r, s, other_topic)
            if carried is not None:
                return r if carried else None
        if rule_question or ROUND_ASKED.search(asking_clause(text)):
            return None
        if is_follow_up(text):  # "问错了，我想问的是中级的" after a question: that question again
            return None
        if r.facts.get("education") == Degree.TECHNICAL and "grade" not in r.facts:
            return None  # "技工院校毕业的能报吗": the documents refer them elsewhere, whatever the grade
        return r if self._starts_check(text, r, s, other_topic) else None

    def remember(self, q: Question, session: Session | None, today: dt.date | None = None) -> None:
        """A turn answered from the documents that also states the person's own facts ("我本科毕业，评上中级
        才两年。听说高工可以破格？"): the session keeps them for a grade check later."""
        if session is None or q.injection or not PERSONAL.search(q.text):
            return
        r = read(as_chinese(q.text), None, None, session.facts, today)
        own = {k: v for k, v in r.facts.items() if k in PERSON_FACTS}
        if own:
            session.facts = self._merged(Reading(facts=own, under=r.under), session)
            session.under = {**session.under, **r.under}
        session.graduated = r.graduated or session.graduated

    def _carries_on(self, text: str, r: Reading, s: Session, other_topic: bool) -> bool | None:
        """In a conversation with a check: True (continue it), False (not a check), None (decide as new)."""
        if is_follow_up(text):  # "那高级工程师呢？" goes on with what the last turn was about
            return s.topic == "grade_check" and bool(r.facts)
        if other_topic:
            return None
        if (s.expect and s.expect in _fact_keys(r.facts)) or (r.facts and not r.facts.keys() <= {"grade"}):
            return True  # answers the follow-up ("本科", "5年", "有"), more facts, a correction
        if r.facts.get("grade") and (s.topic == "grade_check" or _asks_to_apply(text)):
            return True  # another grade for the same person
        if RESUME.search(text) and s.facts:
            return True  # "接着说": the pending follow-up again
        if s.expect and UNSURE.search(text) and is_reply(text):
            return True  # "不知道": the check says again what it still needs
        return None

    def _starts_check(self, text: str, r: Reading, s: Session, other_topic: bool) -> bool:
        """A new check: "我能申报X吗" about the person, "我能评吗" (the grade under discussion), or facts."""
        personal = bool(PERSONAL.search(text)) or bool({"education", "years_in_field", "titles"} & set(r.facts))
        asked = asking_clause(text)  # "我准备报工程师，请问中级是要参加答辩评审的吗": the question after 请问
        can_apply = _asks_to_apply(asked if ASKER.search(text) and asked != text else text)
        if "grade" in r.facts:  # "同事都想报…，中级的评审结果在哪里公示": the question is about something else
            return can_apply and personal and not other_topic
        if can_apply and s.grade and PERSONAL.search(text) and len(_cjk(text)) <= 8:
            r.facts["grade"] = s.grade  # "那我能评吗？" about the grade under discussion
            return True
        # "我硕士，做技术转移八年了": facts about this person, stated (or "我…能申报吗"): ask for the grade;
        # "…这种业绩还能算吗" asks about something else ("能" without applying)
        person = [k for k in PERSON_FACTS if k in r.facts]
        if set(person) <= {"basic_met", "performance_met"} and ENDS_ASKING.search(text):
            return False  # "继续教育没按要求参加，不影响我报职称吧": whether the rule allows it
        stated = (can_apply and bool(APPLYING.search(text))) or not ASKING.search(SOME.sub("", text))  # 前几年
        return bool(person) and _specific(text, r) and stated and not other_topic

    # ---- answering ----------------------------------------------------------------------------
    def answer(self, q: Question, said: Reading | dict[str, Any], session: Session | None, today: dt.date) -> Answer:
        """Check the conversation's facts with what ``said`` adds; the session remembers them."""
        r = said if isinstance(said, Reading) else Reading(facts=dict(said))
        counted = ""
        if session is not None and r.since_year is None and r.continued and "years_in_field" not in session.facts:
            r.since_year = session.graduated  # "我2014年硕士毕业" … "毕业后一直干到现在"
        if session is not None:
            session.graduated = r.graduated or session.graduated
        if r.since_year and "years_in_field" not in r.facts:  # "2020年毕业，一直在做": counted to today
            r.facts["years_in_field"] = years_since(r.since_year, today)
            counted = M.NOTE_YEARS_COUNTED.format(year=r.since_year, today=f"{today:%Y年%-m月%-d日}")
        facts = self._merged(r, session)
        args = {k: v for k, v in facts.items() if v is not None}
        result = self.book.check(args)  # what the tool runs (the LLM path invokes the tool itself)
        under = {**(session.under if session else {}), **r.under}
        if session is not None:
            session.under = under
            session.facts = facts
            session.topic = "grade_check"
            session.grade = facts.get("grade") or session.grade
            session.duration_of = r.duration_of or session.duration_of
            session.expect, session.expect_level = self._next_expect(result)
        answer = self.render(result, today, args, under)
        answer.notes = [counted, *answer.notes] if counted else answer.notes
        answer.question = q.text
        answer.polarity = _polarity(q, result.verdict)
        route = self._category_route(q, r, result, session)
        if route is not None:  # "大专学历能不能评工程师": of a kind of person, yes — by this route
            answer.lead = M.VERDICT_CATEGORY.format(grade=result.grade, route=route)
            answer.polarity = "no" if _denies_applying(q.asking) else "yes"
        elif (met := self._route_met(q, result)) is not None:  # "硕士刚毕业就能报助理工程师吗": by this route
            answer.lead = met
            if ROUTE_ASKED.search(q.text) or "破格" in q.text:  # "…没有工龄要求？": the route is asked, and holds
                answer.polarity = "no" if _denies_applying(q.asking) else "yes"
        answer.tool_calls = [ToolCall(name=TOOL_NAME, arguments=args, result=result.to_dict())]
        # the rules' evidence: the clauses they consulted, in the order cited (score 1: read by rule)
        consulted = [(c.id, 1.0) for c in answer.citations]
        answer.trace = Trace(understood=q.summary(), retrieved=consulted, route="grade_check")
        return answer

    def _category_route(self, q: Question, r: Reading, result: Result, session: Session | None) -> str | None:
        """The route a yes/no about a kind of person opens ("中专能评助理工程师吗", "非本系列副高可以转评高工吗"):
        nobody's own years are stated, and the education/experience condition waits only for them."""
        if result.verdict != "need_more_info" or not is_yes_no(q.asking) or _specific(q.text, r):
            return None
        if session is not None and session.facts.keys() - r.facts.keys():
            return None  # facts of a person from earlier turns: a personal check
        edu = next((c for c in result.conditions if c.kind == "education_experience"), None)
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
        edu = next((c for c in result.conditions if c.kind == "education_experience"), None)
        if edu is None or edu.status != "met":
            return None
        route = self.book.route(edu.citation.id)
        if route:
            return M.VERDICT_ROUTE_MET.format(grade=result.grade, route=route["quote"])
        lifted = any(c.kind == "breakthrough" and c.status == "met" for c in result.conditions)
        return M.VERDICT_BREAK_MET.format(grade=result.grade) if lifted else None  # by 破格

    def _merged(self, r: Reading, session: Session | None) -> dict[str, Any]:
        """The session's facts with the message's merged in: corrections win, another grade drops
        the facts measured for the old one, a bare corrected duration goes where the last one went."""
        old = dict(session.facts) if session else {}
        new = dict(r.facts)
        if old.get("grade") and new.get("grade") and new["grade"] != old["grade"]:
            for k in GRADE_FACTS:
                old.pop(k, None)  # 业绩/成果 count "since" a title that depends on the grade: ask again
        if r.bare_duration is not None and session and session.duration_of == "title" and old.get("titles"):
            new.pop("years_in_field", None)  # "说错了，是5年" after "取得中级职称3年"
            last = dict(old["titles"][-1], years=r.bare_duration)
            new["titles"] = [last]
            r.duration_of = "title"
        return merge_facts(old, new, r.denied, replace=r.correction and bool(new.get("titles")))

    def _next_expect(self, result: Result) -> tuple[str | None, str | None]:
        fact = result.missing[0] if result.missing else ("breakthrough" if result.follow_up else None)
        level = None
        if fact in ("titles", "title_years"):
            edu = next((c for c in result.conditions if c.kind == "education_experience"), None)
            route = self.book.route(edu.citation.id) if edu else None
            level = route.get("title") if route else None
        return fact, level

    # ---- rendering ----------------------------------------------------------------------------
    def render(
        self,
        result: Result,
        today: dt.date,
        facts: dict[str, Any] | None = None,
        under: dict[float, float] | None = None,
    ) -> Answer:
        """Verdict first, the facts used and the time still missing, then each condition with its [n],
        the assumptions, the follow-up."""
        phones = M.PHONE_SEP.join(self.helplines)
        lead = VERDICT_LEAD[result.verdict].format(
            grade=result.grade or "", doc=self.book.rules["refer_document"], phones=phones
        )
        src = Sources()
        body = [Part(line, "understood") for line in [understood(facts, under)] if line]
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


def years_since(year: int, today: dt.date) -> int:
    """Full years from a graduation in ``year`` (taken as 1 July, when most graduate) to ``today``.

    >>> years_since(2020, dt.date(2026, 12, 7)), years_since(2020, dt.date(2026, 3, 1))
    (6, 5)
    """
    return max(0, (today - dt.date(year, 7, 1)).days // 365)


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


def understood(facts: dict[str, Any] | None, under: dict[float, float] | None = None) -> str:
    """The line "我理解的情况：…": the facts a check used, in the order the standard asks for them ("" if none).

    >>> understood({"grade": "工程师", "education": "大学本科", "years_in_field": 3, "titles": []})
    '我理解的情况：申报工程师，学历大学本科，毕业后从事本专业技术工作3年，未取得职称。'
    >>> understood({"years_in_field": 4.5}, under={4.5: 5.0})
    '我理解的情况：毕业后从事本专业技术工作不满5年。'
    """
    if not facts:
        return ""

    def years(v: float) -> str:  # "快5年" is shown as said: 不满5年
        said = (under or {}).get(v)
        return M.UNDERSTOOD_UNDER.format(years=span(said)) if said is not None else span(v)

    f = Facts.parse(facts)
    items = []
    if f.grade:
        items.append(M.UNDERSTOOD_GRADE.format(grade=f.grade))
    if f.education:
        items.append(M.UNDERSTOOD_EDU.format(edu=f.education))
    if f.years_in_field == 0:
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


def _asks_to_apply(text: str) -> bool:
    """Whether ``text`` asks if the person may apply: "我能申报工程师吗", "本科五年工程师可以吗", "够不够";
    not "论文只是参与的，也能算成果吗" (能 about something else).

    >>> _asks_to_apply("本科五年，能评工程师吗"), _asks_to_apply("本科五年工程师可以吗"), _asks_to_apply("也能算成果吗")
    (True, True, False)
    """
    for m in CAN_APPLY.finditer(text):
        after = text[m.end() : m.end() + 8]
        if m[0] not in BARE_CAN or APPLYING.search(after) or ONLY_ASKING.fullmatch(after) or GRADE_WORD.search(after):
            return True
    return False


def _specific(text: str, r: Reading) -> bool:
    """The message speaks of one person: "我…", or years of their own ("本科毕业6年", "中级5年")."""
    titles = r.facts.get("titles") or []
    return bool(PERSONAL.search(text)) or "years_in_field" in r.facts or any("years" in t for t in titles)


def _cjk(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def _fact_keys(facts: dict[str, Any]) -> set[str]:
    keys = set(facts)
    if "titles" in facts:
        keys |= {"title_years"} if any("years" in t for t in facts["titles"]) else set()
    if "performance_met" in facts:
        keys.add("performance")
    if "basic_met" in facts:
        keys.add("basic")
    return keys
