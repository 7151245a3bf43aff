"""One conversation's state: the facts a person has stated (corrections applied), the grade and topic
under discussion, the pending follow-up — and how a message's facts merge into them.

    >>> merge_facts({"education": "大学本科"}, {"years_in_field": 5})
    {'education': '大学本科', 'years_in_field': 5}
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from ..rules.reading import Reading
from ..vocab import LEVEL_RANK, Level
from .model import Citation
from .understand import Question

GRADE_FACTS = ("performance_met", "achievements")  # measured "since" a title that depends on the grade


@dataclass
class Session:
    """One conversation's state.

    ``facts``: what the person has stated (corrections applied); ``expect``/``expect_level``: the fact
    the pending follow-up asks for (kept across a detour, so the check can be resumed); ``topic``:
    what the last turn was (``"grade_check"`` or ``"question"``); ``grade``: the grade under
    discussion; ``last_question``: the last standalone question, for "那高级呢？"; ``duration_of``:
    which fact the last duration stated was (``"years_in_field"`` or ``"title"``), for "说错了，是5年";
    ``under``: years read from "almost N" (4.5 → 5), shown as "不满5年"; ``graduated``: the year of
    graduation stated, counted to today once "一直干到现在" follows; ``basis``: the clauses the last
    answer cited, quoted when the next message asks why ("依据是哪条"); ``items``: the names a list answer
    gave, for "第二个是做什么的".
    """

    facts: dict[str, Any] = field(default_factory=dict)
    expect: str | None = None
    expect_level: str | None = None
    last_question: str | None = None
    topic: str | None = None
    grade: str | None = None
    duration_of: str | None = None
    under: dict[float, float] = field(default_factory=dict)
    graduated: dt.date | None = None  # the month of graduation stated, for "一直干到现在" said later
    below: set[float] = field(default_factory=set)  # years said as a bound only ("不到10年")
    earlier: str | None = None  # the question before the last one, for "回到刚才的…" after a detour
    basis: list[Citation] = field(default_factory=list)  # what the last answer cited, for "依据是哪条"
    items: list[str] = field(default_factory=list)  # the names the last list answer gave, for "第二个呢"
    as_of: dt.date | None = None  # "按2023年度那一轮算": the day years are counted to (else today)
    person: str | None = None  # whose facts they are: "self" or "other" ("我同事…"), for "那我呢？我硕士毕业4年"
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
            set(self.below),
            self.earlier,
            list(self.basis),
            list(self.items),
            as_of=self.as_of,
            person=self.person,
        )

    def reset(self) -> None:
        self.facts, self.expect, self.expect_level, self.last_question = {}, None, None, None
        self.topic, self.grade, self.duration_of, self.under, self.graduated = None, None, None, {}, None
        self.below, self.earlier, self.basis, self.items, self.as_of = set(), None, [], [], None
        self.person = None

    def about(self, text: str) -> None:
        """Whose case ``text`` states: another person's facts after the user's own (or the reverse) start
        afresh ("我同事本科毕业10年…" then "那我呢？我硕士毕业4年": the colleague's title is not the user's)."""
        who = person_of(text)
        if who is None:
            return
        if self.person is not None and who != self.person and self.facts:
            grade = {"grade": self.facts["grade"]} if "grade" in self.facts else {}  # the grade asked stays
            self.facts, self.under, self.below, self.graduated, self.expect = grade, {}, set(), None, None
        self.person = who

    def asked(self, q: Question) -> None:
        """A question answered from the documents: it becomes the topic; a grade it names is discussed."""
        self.topic = "question"
        self.earlier, self.last_question = self.last_question, q.text
        if q.grade is not None:
            self.grade = str(q.grade)


# another person named as the one whose case it is; the user, named again ("那我呢", "我自己")
OTHER_PERSON = re.compile(
    r"(?:我|我们)(?:的|单位的?|公司的?|部门的?)?(?:同事|爱人|老公|老婆|丈夫|妻子|媳妇|朋友|同学|领导|下属|员工|孩子|女儿|儿子|"
    r"家人|亲戚|哥|姐|弟|妹)|(?:帮|替|给)(?:他|她|同事|朋友)|^\s*(?:那)?(?:他|她)(?:是|本科|硕士|博士|大专|专科|中专|毕业|已经|现在|目前)"
)
SELF_AGAIN = re.compile(
    r"^\s*(?:那|那么)?\s*我(?:自己)?(?:呢|的情况|这边|这种)|^\s*(?:那|那么)?(?:换|说说|再看看)(?:我|我自己)"
)


def person_of(text: str) -> str | None:
    """ "other" when ``text`` states another person's case, "self" when the user's own again, else None.

    >>> person_of("我同事本科毕业10年"), person_of("那我呢？我硕士毕业4年"), person_of("本科毕业3年")
    ('other', 'self', None)
    """
    if OTHER_PERSON.search(text):
        return "other"
    return "self" if SELF_AGAIN.search(text) else None


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


def merged(r: Reading, session: Session | None) -> dict[str, Any]:
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
