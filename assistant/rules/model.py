"""What the eligibility tool takes and gives: ``Facts`` about a person in, a ``Result`` out.

``Facts`` is also the LangChain tool's argument schema; ``Result.to_dict()`` is the public
eligibility result of the contract.

    >>> Facts.parse({"grade": "高工", "education": "本科"}).grade
    <Grade.SENIOR: '高级工程师'>
    >>> Facts.parse({"education": "小学"})
    Traceback (most recent call last):
    ...
    assistant.rules.model.EligibilityInputError: education 应为 博士研究生 / 硕士研究生 / ... 之一（收到 '小学'）
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..settings import brief
from ..vocab import Degree, Grade, Level, Series, vocabulary

Status = Literal["met", "not_met", "unknown", "refer"]
Verdict = Literal["eligible", "not_eligible", "need_more_info", "refer_elsewhere"]
Kind = Literal["education_experience", "performance", "achievements", "breakthrough", "basic"]
# the facts a check can miss, in the order the follow-up questions ask for them
FACT_ORDER = (
    "grade",
    "education",
    "years_in_field",
    "titles",
    "title_years",
    "breakthrough",
    "performance",
    "achievements",
    "basic",
)


class EligibilityInputError(ValueError):
    """The facts cannot be checked as given; the message names the field and what it accepts."""


class Title(BaseModel):
    """A professional title already held."""

    model_config = ConfigDict(extra="forbid")
    level: Level
    series: Series = Series.THIS  # this series (工程技术/技术经纪) or another (经济、会计…)
    years: float | None = Field(default=None, ge=0, le=60)  # years in this field since obtaining it

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, v: Any) -> Any:
        return vocabulary().level(v) if isinstance(v, str) else v


class Facts(BaseModel):
    """What the person has told us. ``None`` means "not said yet", never "no"."""

    model_config = ConfigDict(extra="forbid")
    grade: Grade | None = None
    education: Degree | None = None
    years_in_field: float | None = Field(default=None, ge=0, le=60)
    graduated: bool | None = None  # False: still studying ("硕士在读", "还没毕业"); no route "…毕业后" is met
    titles: list[Title] | None = None  # [] = holds no title
    direction: Literal["research", "operations"] | None = None
    performance_met: bool | None = None
    achievements: int | None = Field(default=None, ge=0, le=1000)
    breakthrough: list[Literal[1, 2, 3]] | None = None  # items of 破格 met; [] = none
    basic_met: bool | None = None

    @field_validator("grade", mode="before")
    @classmethod
    def _grade(cls, v: Any) -> Any:
        return vocabulary().grade(v) if isinstance(v, str) else v

    @field_validator("education", mode="before")
    @classmethod
    def _education(cls, v: Any) -> Any:
        return vocabulary().degree(v) if isinstance(v, str) else v

    @classmethod
    def parse(cls, data: Any) -> Facts:
        """Validate ``data``; errors become one ``EligibilityInputError`` naming each bad field."""
        if isinstance(data, Facts):
            return data
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            problems = []
            for err in e.errors():
                where = brief(".".join(str(p) for p in err["loc"]) or "input")[1:-1]  # a key may be huge
                msg = str(err["msg"]).removeprefix("Value error, ")
                problems.append(f"{where}: {msg}" if not msg.startswith(where) else msg)
            raise EligibilityInputError("; ".join(problems)) from None


@dataclass(frozen=True)
class ClauseRef:
    """The clause a condition rests on: verbatim text, where it is, which document."""

    id: str
    source: str
    section: str
    text: str


@dataclass
class Condition:
    kind: Kind
    status: Status
    reason: str
    citation: ClauseRef


@dataclass
class Gap:
    """A route short only by time: its item (``（3）``), its clause, and the years still missing."""

    item: str
    clause: str
    years: float


@dataclass
class Result:
    grade: str | None
    verdict: Verdict
    conditions: list[Condition] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    follow_up: str | None = None
    assumptions: list[str] = field(default_factory=list)  # extension: readings the wording forces
    notes: list[str] = field(default_factory=list)  # extension: e.g. the round does not review 正高级
    gaps: list[Gap] = field(default_factory=list)  # extension: routes short only by time, and by how much

    def condition(self, kind: Kind) -> Condition | None:
        """The condition of ``kind`` in the result, if the grade has one."""
        return next((c for c in self.conditions if c.kind == kind), None)

    def status(self, kind: Kind) -> str | None:
        """The status of the condition of ``kind`` (None: the grade has no such condition)."""
        c = self.condition(kind)
        return c.status if c else None

    def to_dict(self) -> dict[str, Any]:
        """The contract's eligibility result (citations carry ``source`` too, an extension)."""
        d = asdict(self)
        d["grade"] = str(self.grade) if self.grade else None
        return d
