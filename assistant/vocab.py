"""The domain's vocabulary, defined once: grades, title levels, degrees, title series.

The canonical names are the enum values here; the other names people use (高工, 副高, 大专,
高级经济师…) come from ``vocab.yaml``. Understanding, rules, web and eval all import from here.

    >>> v = vocabulary()
    >>> [str(g) for g in v.grades_in("高工和中级")]
    ['高级工程师', '工程师']
    >>> str(v.degree_in("我是大专毕业")), str(v.level("高工"))
    ('大学专科', '副高级')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from .settings import brief

VOCAB_FILE = Path(__file__).with_name("vocab.yaml")


class Grade(StrEnum):
    ASSISTANT = "助理工程师"
    ENGINEER = "工程师"
    SENIOR = "高级工程师"
    PROFESSOR = "正高级工程师"


class Level(StrEnum):
    JUNIOR = "初级"
    INTERMEDIATE = "中级"
    ASSOCIATE_SENIOR = "副高级"
    FULL_SENIOR = "正高级"


class Degree(StrEnum):
    DOCTOR = "博士研究生"
    MASTER = "硕士研究生"
    BACHELOR = "大学本科"
    COLLEGE = "大学专科"
    SECONDARY = "中等职业学校"
    TECHNICAL = "技工院校"  # not on the degree ladder: referred to another regulation
    HIGH_SCHOOL = "高中及以下"  # below every route's education: no route by education


class Series(StrEnum):
    THIS = "this"  # 工程技术系列（技术经纪）
    OTHER = "other"  # 经济、会计… series


GRADE_LEVEL: dict[Grade, Level] = dict(zip(Grade, Level, strict=True))
LEVEL_GRADE: dict[Level, Grade] = {lvl: g for g, lvl in GRADE_LEVEL.items()}
LEVEL_RANK: dict[Level, int] = {lvl: n for n, lvl in enumerate(Level, start=1)}


def below(level: Level | str, grade: Grade | str) -> bool:
    """Whether a title of ``level`` lies below ``grade`` (so its holder may be asking for that grade).

    >>> below("中级", "高级工程师"), below("副高级", "高级工程师")
    (True, False)
    """
    return LEVEL_RANK[Level(level)] < LEVEL_RANK[GRADE_LEVEL[Grade(grade)]]


# the field's own name ("科技成果转移转化"): its 成果 is no 成果 of a grade's conditions
FIELD_NAME = re.compile(r"科技成果|成果(?:转移|转化)")
DEGREE_RANK: dict[Degree, int] = {
    Degree.DOCTOR: 5,
    Degree.MASTER: 4,
    Degree.BACHELOR: 3,
    Degree.COLLEGE: 2,
    Degree.SECONDARY: 1,
    Degree.HIGH_SCHOOL: 0,
}
E = TypeVar("E", Grade, Level, Degree)


@dataclass(frozen=True)
class Mention:
    """A name found in a text: where, and what it stands for."""

    start: int
    end: int
    name: str
    value: str  # a Grade, Level or Degree value
    other_series: bool = False  # a title of another series (高级经济师…)


NOT_DEGREE = re.compile(r"大专(?=项)|高中(?=级)")  # "国家重大专项", "高中级都要答辩吗": no degree


def scan(text: str, names: list[tuple[str, str, bool]]) -> list[Mention]:
    """Longest-match scan of ``text`` (lower-cased) for ``(name, value, other)``; in order of position.

    An ASCII name must not run into a following letter ("engineer" is not "engineering").
    """
    low = text.lower()
    taken = [False] * len(low)
    found: list[Mention] = []
    for name, value, other in sorted(names, key=lambda t: -len(t[0])):
        for m in re.finditer(re.escape(name), low):
            if name.isascii() and re.match(r"[a-z]", low[m.end() : m.end() + 1]):
                continue
            if not any(taken[m.start() : m.end()]):
                found.append(Mention(m.start(), m.end(), name, value, other))
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    return sorted(found, key=lambda x: x.start)


@dataclass(frozen=True)
class Vocabulary:
    """Every name of every grade, level and degree (canonical names included)."""

    grade_names: tuple[tuple[str, Grade], ...]
    level_names: tuple[tuple[str, Level], ...]
    degree_names: tuple[tuple[str, Degree], ...]
    other_titles: tuple[tuple[str, Level], ...]
    other_series_names: tuple[str, ...] = ()  # 经济, 会计…: series other than 工程技术（技术经纪）

    @classmethod
    def load(cls, path: Path = VOCAB_FILE) -> Vocabulary:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))

        def table(key: str, allowed: set[str]) -> list[tuple[str, str]]:
            rows: dict[str, list[str] | None] = data.get(key) or {}
            if set(rows) - allowed:
                raise ValueError(f"{path.name}: {key} has unknown names {sorted(set(rows) - allowed)}")
            return [(n.lower(), k) for k, alts in rows.items() for n in [k, *(alts or [])]]

        return cls(
            grade_names=tuple((n, Grade(v)) for n, v in table("grades", {g.value for g in Grade})),
            level_names=tuple((n, Level(v)) for n, v in table("levels", {lvl.value for lvl in Level})),
            degree_names=tuple((n, Degree(v)) for n, v in table("degrees", {d.value for d in Degree})),
            other_titles=tuple(
                (n, Level(k)) for k, names in (data.get("other_series_titles") or {}).items() for n in names
            ),
            other_series_names=tuple(str(n) for n in data.get("other_series") or ()),
        )

    # ---- finding names in text ------------------------------------------------------------
    def grades_in(self, text: str) -> list[Grade]:
        """Grades named in ``text``, in order of first appearance."""
        out: list[Grade] = []
        for m in scan(text, [(n, g, False) for n, g in self.grade_names]):
            if Grade(m.value) not in out:
                out.append(Grade(m.value))
        return out

    def degree_in(self, text: str) -> Degree | None:
        """The first degree named in ``text`` (硕士 and 博士 together: 博士)."""
        found = [Degree(m.value) for m in scan(text, [(n, d, False) for n, d in self.degree_names])]
        if Degree.DOCTOR in found and found[0] is Degree.MASTER:
            return Degree.DOCTOR
        return found[0] if found else None

    def degree_mentions(self, text: str) -> list[Mention]:
        """Every degree named in ``text`` (value: the canonical degree), in order of position; not the
        大专 of 国家重大专项."""
        return scan(
            NOT_DEGREE.sub(lambda m: "＿" * len(m[0]), text), [(n, d.value, False) for n, d in self.degree_names]
        )

    def title_mentions(self, text: str) -> list[Mention]:
        """Every grade or other-series title named in ``text`` (value: its level); not the 高级 of a
        school's name ("高级技工学校"): degree names take their letters first.

        >>> [m.value for m in vocabulary().title_mentions("高级技工学校毕业，有中级")]
        ['中级']
        """
        names = [(n, GRADE_LEVEL[g].value, False) for n, g in self.grade_names if not n.isascii()]
        names += [(n, lvl.value, True) for n, lvl in self.other_titles]
        names += [(n, "", False) for n, _ in self.degree_names if len(n) >= 4]
        return [m for m in scan(text, names) if m.value]

    def expansions(self, text: str) -> list[str]:
        """Canonical names for the grades and degrees ``text`` names some other way (高工 → 高级工程师)."""
        names = [(n, str(g), False) for n, g in self.grade_names] + [(n, str(d), False) for n, d in self.degree_names]
        return list(dict.fromkeys(m.value for m in scan(text, names) if m.name != m.value.lower()))

    def english_names(self) -> frozenset[str]:
        """The English names of grades, levels and degrees, lower-cased ("senior engineer", "phd")."""
        names = (*self.grade_names, *self.level_names, *self.degree_names)
        return frozenset(n.lower() for n, _ in names if n.isascii())

    def rank_words(self) -> frozenset[str]:
        """Every name of a grade, level or degree: words that place a person, never the claim asked.

        >>> "高工" in vocabulary().rank_words()
        True
        """
        return frozenset(n for n, _ in (*self.grade_names, *self.level_names, *self.degree_names))

    def jieba_words(self) -> tuple[str, ...]:
        """The Chinese names, for the tokenizer to keep whole."""
        names = [n for n, _ in (*self.grade_names, *self.degree_names, *self.level_names, *self.other_titles)]
        return tuple(dict.fromkeys(n for n in names if len(n) >= 2 and not n.isascii()))

    # ---- reading one value ------------------------------------------------------------------
    def grade(self, value: str) -> Grade:
        return _one(value, self.grade_names, "grade", Grade)

    def degree(self, value: str) -> Degree:
        return _one(value, self.degree_names, "education", Degree)

    def level(self, value: str) -> Level:
        names = list(self.level_names) + [(n, GRADE_LEVEL[g]) for n, g in self.grade_names]
        return _one(value, names, "level", Level)


def _one(value: str, names: tuple[tuple[str, E], ...] | list[tuple[str, E]], field: str, enum: type[E]) -> E:
    v = value.strip().lower()
    for name, canonical in names:
        if v == name:
            return canonical
    allowed = " / ".join(e.value for e in enum)
    raise ValueError(f"{field} 应为 {allowed} 之一（收到 {brief(value)}）")


@functools.cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary (loaded on first use, then shared)."""
    return Vocabulary.load()
