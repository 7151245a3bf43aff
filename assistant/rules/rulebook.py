"""The evaluation standard as code: facts about a person in, a verdict with cited conditions out.

Thresholds live in ``rules.yaml`` (one entry per clause, with its id and verbatim words); this
module holds the logic that reads them. Every condition in a result cites its clause, and every
assumption the standard's wording forces on us is stated in the result, never made silently.

    >>> book = Rulebook.load()
    >>> r = book.check(Facts(grade="工程师", education="大学本科", years_in_field=3))
    >>> r.verdict, r.conditions[0].status, r.conditions[0].citation["id"]
    ('not_eligible', 'not_met', 'standards-2-1-2-3')
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import messages as M
from .clauses import Clause, parse_clauses
from .corpus import load_corpus
from .question import EDUCATION, GRADES
from .settings import PACKAGE_DIR, PROJECT_CORPUS

RULES_FILE = PACKAGE_DIR / "rules.yaml"
GRADE_NAMES = ("助理工程师", "工程师", "高级工程师", "正高级工程师")
EDUCATION_RANK = {"中等职业学校": 1, "大学专科": 2, "大学本科": 3, "硕士研究生": 4, "博士研究生": 5}
EDUCATION_NAMES = (*EDUCATION_RANK, "技工院校")
LEVEL_RANK = {"初级": 1, "中级": 2, "副高级": 3, "正高级": 4}
LEVEL_ALIASES = {
    "初级": ("初级", "助理级", "助理工程师", "助工"),
    "中级": ("中级", "工程师"),
    "副高级": ("副高级", "副高", "高级工程师", "高工", "高级"),
    "正高级": ("正高级", "正高", "正高级工程师"),
}
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
Status = Literal["met", "not_met", "unknown", "refer"]


class EligibilityInputError(ValueError):
    """The facts cannot be checked as given; the message names the field and what it accepts."""


def _alias(value: Any, table: dict[str, tuple[str, ...]], field_name: str, allowed: tuple[str, ...]) -> Any:
    if not isinstance(value, str):
        return value
    v = value.strip().lower()
    for canonical in allowed:
        if v == canonical.lower():
            return canonical
    for canonical, names in table.items():
        if v in (n.lower() for n in names):
            return canonical
    raise ValueError(f"{field_name} 应为 {' / '.join(allowed)} 之一（收到 {value!r}）")


class Title(BaseModel):
    """A professional title already held."""

    model_config = ConfigDict(extra="forbid")
    level: Literal["初级", "中级", "副高级", "正高级"]
    series: Literal["this", "other"] = "this"  # this series (工程技术/技术经纪) or another (经济、会计…)
    years: float | None = Field(default=None, ge=0, le=60)  # years in this field since obtaining it

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, v: Any) -> Any:
        return _alias(v, LEVEL_ALIASES, "level", tuple(LEVEL_RANK))


class Facts(BaseModel):
    """What the person has told us. ``None`` means "not said yet", never "no"."""

    model_config = ConfigDict(extra="forbid")
    grade: Literal["助理工程师", "工程师", "高级工程师", "正高级工程师"] | None = None
    education: Literal["博士研究生", "硕士研究生", "大学本科", "大学专科", "中等职业学校", "技工院校"] | None = None
    years_in_field: float | None = Field(default=None, ge=0, le=60)
    titles: list[Title] | None = None  # [] = holds no title
    direction: Literal["research", "operations"] | None = None
    performance_met: bool | None = None
    achievements: int | None = Field(default=None, ge=0, le=1000)
    breakthrough: list[Literal[1, 2, 3]] | None = None  # items of 破格 met; [] = none
    basic_met: bool | None = None

    @field_validator("grade", mode="before")
    @classmethod
    def _grade(cls, v: Any) -> Any:
        return _alias(v, GRADES, "grade", GRADE_NAMES)

    @field_validator("education", mode="before")
    @classmethod
    def _education(cls, v: Any) -> Any:
        return _alias(v, EDUCATION, "education", EDUCATION_NAMES)

    @classmethod
    def parse(cls, data: Any) -> Facts:
        """Validate ``data``; errors become one ``EligibilityInputError`` naming each bad field."""
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            problems = []
            for err in e.errors():
                where = ".".join(str(p) for p in err["loc"]) or "input"
                msg = str(err["msg"]).removeprefix("Value error, ")
                problems.append(f"{where}: {msg}" if not msg.startswith(where) else msg)
            raise EligibilityInputError("; ".join(problems)) from None


@dataclass
class Condition:
    kind: str  # education_experience | performance | achievements | breakthrough | basic
    status: Status
    reason: str
    citation: dict[str, str]


@dataclass
class Result:
    grade: str | None
    verdict: str  # eligible | not_eligible | need_more_info | refer_elsewhere
    conditions: list[Condition] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    follow_up: str | None = None
    assumptions: list[str] = field(default_factory=list)  # extension: readings the wording forces
    notes: list[str] = field(default_factory=list)  # extension: e.g. the round does not review 正高级

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Outcome:
    """One rule's finding before it becomes a ``Condition``."""

    status: Status
    reason: str
    clause: str
    missing: list[str] = field(default_factory=list)
    assumption: str = ""
    route: dict[str, Any] | None = None


def _years(v: float) -> str:
    return f"{v:g}年"


class Rulebook:
    """The rules of one standard, bound to the corpus clauses they cite."""

    def __init__(
        self,
        rules: dict[str, Any],
        clauses: dict[str, Clause],
        round_grades: tuple[str, ...] = (),
        short_name: str = "",
    ):
        self.rules = rules
        self.clauses = clauses
        self.round_grades = round_grades
        self.short_name = short_name or rules["document"]
        self.rules_file = RULES_FILE
        self._validate()
        self._routes = {r["clause"]: r for g in rules["grades"].values() for r in g["routes"]}

    def route(self, clause_id: str) -> dict[str, Any] | None:
        """The education/experience route whose clause is ``clause_id``."""
        return self._routes.get(clause_id)

    @classmethod
    @functools.cache
    def load(cls, corpus_dir: Path = PROJECT_CORPUS, rules_file: Path = RULES_FILE) -> Rulebook:
        """Read ``rules.yaml`` and the corpus clauses it cites (cheap: no models)."""
        rules = yaml.safe_load(rules_file.read_text(encoding="utf-8"))
        docs = load_corpus(corpus_dir)
        clauses = {c.id: c for d in docs if d.id == rules["document"] for c in parse_clauses(d)}
        levels = {"初级": "助理工程师", "中级": "工程师", "副高级": "高级工程师", "正高级": "正高级工程师"}
        round_grades = tuple(levels[g] for d in docs if d.kind == "notice" for g in d.round_grades if g in levels)
        short = next((d.short or d.title for d in docs if d.id == rules["document"]), "")
        return cls(rules, clauses, round_grades, short)

    def _validate(self) -> None:
        """Every cited clause exists and every quoted phrase is in it, word for word."""

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if "clause" in node:
                    clause = self.clauses.get(node["clause"])
                    if clause is None:
                        raise ValueError(f"rules.yaml cites {node['clause']!r}, which the corpus does not have")
                    if node.get("quote") and node["quote"] not in clause.text:
                        raise ValueError(f"rules.yaml quotes {node['quote']!r}, not in clause {node['clause']}")
                for key in ("research", "operations"):
                    if key in node and node[key] not in self.clauses:
                        raise ValueError(f"rules.yaml cites {node[key]!r}, which the corpus does not have")
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(self.rules)
        for grade in self.rules["grades"]:
            if grade not in GRADE_NAMES:
                raise ValueError(f"rules.yaml: unknown grade {grade!r}")

    def cite(self, clause_id: str) -> dict[str, str]:
        c = self.clauses[clause_id]
        return {"id": c.id, "source": c.doc_title, "section": c.section, "text": c.text}

    # ---- the rules, one per clause -------------------------------------------------------------

    def _route(self, route: dict[str, Any], f: Facts) -> _Outcome:
        """One education/experience route (``（n）…毕业后，从事本专业技术工作满N年``)."""
        need_years = float(route["years"])
        quote = route["quote"]
        edu = route.get("education")
        missing: list[str] = []
        assumption = ""
        if edu:
            if f.education is None:
                missing.append("education")
            elif f.education == "技工院校" or EDUCATION_RANK[f.education] < EDUCATION_RANK[edu]:
                return _Outcome("not_met", M.ELIG_EDU_LOW.format(quote=quote, edu=f.education), route["clause"])
            elif EDUCATION_RANK[f.education] > EDUCATION_RANK[edu] and "title" not in route:
                assumption = M.ELIG_ASSUME_HIGHER_EDU.format(edu=f.education, route_edu=edu)
        if "title" in route:
            return self._title_route(route, f, missing)
        if need_years == 0:
            if missing:
                return _Outcome("unknown", quote, route["clause"], missing)
            return _Outcome("met", M.ELIG_ROUTE_NO_YEARS.format(quote=quote), route["clause"], assumption=assumption)
        if f.years_in_field is None:
            return _Outcome("unknown", quote, route["clause"], [*missing, "years_in_field"])
        if f.years_in_field < need_years:
            return _Outcome(
                "not_met", M.ELIG_YEARS_SHORT.format(quote=quote, have=_years(f.years_in_field)), route["clause"]
            )
        if missing:
            return _Outcome("unknown", quote, route["clause"], missing)
        reason = M.ELIG_YEARS_OK.format(quote=quote, have=_years(f.years_in_field))
        return _Outcome("met", reason, route["clause"], assumption=assumption, route=route)

    def _title_route(self, route: dict[str, Any], f: Facts, missing: list[str]) -> _Outcome:
        """A route through a title held (``取得中级职称后…满5年``, ``已取得非本系列…``)."""
        quote, need = route["quote"], float(route["years"])
        level, series = route["title"], route.get("series", "any")
        held = [
            t
            for t in (f.titles or [])
            if LEVEL_RANK[t.level] >= LEVEL_RANK[level] and (series == "any" or t.series == series)
        ]
        # years since a title can be no more than the years in the field since graduating
        if f.years_in_field is not None and f.years_in_field < need and not any(t.years for t in held):
            return _Outcome(
                "not_met", M.ELIG_TITLE_YEARS_SHORT.format(quote=quote, have=_years(f.years_in_field)), route["clause"]
            )
        if f.titles is None:
            return _Outcome("unknown", quote, route["clause"], [*missing, "titles"], route=route)
        if not held:
            return _Outcome("not_met", M.ELIG_NO_TITLE.format(quote=quote), route["clause"])
        with_years = [t for t in held if t.years is not None]
        if not with_years:
            return _Outcome("unknown", quote, route["clause"], [*missing, "title_years"], route=route)
        best = max(with_years, key=lambda t: t.years or 0.0)
        have = _years(best.years or 0.0)
        if (best.years or 0.0) < need:
            return _Outcome("not_met", M.ELIG_YEARS_SHORT.format(quote=quote, have=have), route["clause"])
        if missing:
            return _Outcome("unknown", quote, route["clause"], missing, route=route)
        assumption = M.ELIG_ASSUME_OTHER_SERIES if series == "any" and best.series == "other" else ""
        return _Outcome(
            "met", M.ELIG_YEARS_OK.format(quote=quote, have=have), route["clause"], assumption=assumption, route=route
        )

    def _education_experience(self, g: dict[str, Any], f: Facts) -> _Outcome:
        """``学历和专业工作经历符合下列条件之一``: the first route met wins."""
        outcomes = [self._route(r, f) for r in g["routes"]]
        met = [o for o in outcomes if o.status == "met"]
        if met:
            return met[0]
        if f.education == "技工院校":
            return _Outcome("refer", M.ELIG_REFER.format(doc=self.rules["refer_document"]), g["refer"]["clause"])
        unknown = [o for o in outcomes if o.status == "unknown"]
        if unknown:
            missing = sorted({m for o in unknown for m in o.missing}, key=FACT_ORDER.index)
            if "education" in missing:  # no route singled out yet: cite the list's heading
                heading = self.clauses[g["routes"][0]["clause"]].parent or unknown[0].clause
                return _Outcome("unknown", M.ELIG_EDU_UNKNOWN, heading, missing)
            return _Outcome("unknown", M.ELIG_EDU_UNKNOWN, unknown[0].clause, missing, route=unknown[0].route)
        # not met on every route: cite the route for the person's own education if there is one
        own = [o for r, o in zip(g["routes"], outcomes, strict=True) if r.get("education") == f.education]
        return (own or outcomes)[0]

    def _breakthrough(self, g: dict[str, Any], f: Facts) -> _Outcome:
        """``可不受学历和专业工作经历限制，破格申报`` when one item is met."""
        b = g["breakthrough"]
        if f.breakthrough is None:
            return _Outcome("unknown", M.ELIG_BREAK_UNKNOWN.format(quote=b["quote"]), b["clause"], ["breakthrough"])
        if not f.breakthrough:
            return _Outcome("not_met", M.ELIG_BREAK_NONE, b["clause"])
        item = b["items"][min(f.breakthrough)]
        return _Outcome("met", M.ELIG_BREAK_MET.format(short=item["short"]), item["clause"])

    def _performance(self, g: dict[str, Any], f: Facts) -> _Outcome:
        p = g["performance"]
        clause = p[f.direction] if f.direction else p["clause"]
        if f.performance_met is None:
            return _Outcome("unknown", M.ELIG_PERF_UNKNOWN.format(quote=p["quote"]), clause, ["performance"])
        status: Status = "met" if f.performance_met else "not_met"
        return _Outcome(
            status, (M.ELIG_PERF_MET if f.performance_met else M.ELIG_PERF_NOT).format(quote=p["quote"]), clause
        )

    def _achievements(self, g: dict[str, Any], f: Facts) -> _Outcome:
        a = g["achievements"]
        need = int(a["count"])
        if f.achievements is None:
            return _Outcome(
                "unknown", M.ELIG_ACH_UNKNOWN.format(since=a["since"], need=need), a["clause"], ["achievements"]
            )
        status: Status = "met" if f.achievements >= need else "not_met"
        return _Outcome(status, M.ELIG_ACH.format(since=a["since"], need=need, have=f.achievements), a["clause"])

    def _basic(self, clause: str, f: Facts, text: str) -> _Outcome:
        if f.basic_met is None:
            return _Outcome("unknown", text, clause, ["basic"])
        return _Outcome(
            "met" if f.basic_met else "not_met", text + (M.ELIG_CONFIRMED if f.basic_met else M.ELIG_DENIED), clause
        )

    # ---- the verdict ------------------------------------------------------------------------

    def check(self, facts: Facts | dict[str, Any]) -> Result:
        """Check ``facts`` against the standard; see the module docstring."""
        f = facts if isinstance(facts, Facts) else Facts.parse(facts)
        if f.grade is None:
            return Result(grade=None, verdict="need_more_info", missing=["grade"], follow_up=M.ASK_GRADE)
        g = self.rules["grades"][f.grade]
        found: list[tuple[str, _Outcome]] = []
        edu = self._education_experience(g, f)
        if edu.status in ("not_met", "unknown") and "breakthrough" in g:
            brk = self._breakthrough(g, f)
            if brk.status == "met":
                edu = _Outcome("met", M.ELIG_EDU_LIFTED, g["breakthrough"]["clause"], route=None)
            found.append(("education_experience", edu))
            if not (edu.status == "unknown" and brk.status == "not_met"):  # an alternative that does not apply
                found.append(("breakthrough", brk))
        else:
            found.append(("education_experience", edu))
        if "performance" in g:
            found.append(("performance", self._performance(g, f)))
        if "achievements" in g:
            found.append(("achievements", self._achievements(g, f)))
        found.append(("basic", self._basic(self.rules["basic"]["clause"], f, M.ELIG_BASIC)))
        found.append(("basic", self._basic(g["ability"]["clause"], f, M.ELIG_ABILITY.format(grade=f.grade))))

        result = Result(grade=f.grade, verdict="eligible")
        result.conditions = [Condition(kind, o.status, o.reason, self.cite(o.clause)) for kind, o in found]
        result.assumptions = [o.assumption for _, o in found if o.assumption]
        if "performance" in g and edu.status == "met":
            since = g["performance"]["since"]
            if not any(LEVEL_RANK[t.level] >= LEVEL_RANK[since] for t in f.titles or []):
                result.assumptions.append(M.ELIG_ASSUME_SINCE.format(since=since))
        if self.round_grades and f.grade not in self.round_grades:
            result.notes.append(M.ELIG_NOT_IN_ROUND.format(grade=f.grade, grades="、".join(self.round_grades)))

        statuses = [o.status for _, o in found]
        missing = sorted({m for _, o in found for m in o.missing}, key=FACT_ORDER.index)
        if edu.status == "refer":
            result.verdict = "refer_elsewhere"
        elif "not_met" in statuses:
            result.verdict = "not_eligible"
            if "breakthrough" in missing and edu.status == "not_met":
                result.follow_up = self._follow_up("breakthrough", g, edu)
        elif "unknown" in statuses:
            result.verdict = "need_more_info"
            result.missing = missing
            result.follow_up = self._follow_up(missing[0], g, edu)
        return result

    def _follow_up(self, fact: str, g: dict[str, Any], edu: _Outcome) -> str:
        route = edu.route or {}
        since = g.get("performance", {}).get("since", "")
        if fact == "titles" and route.get("title"):
            other = "非本系列（专业）" if route.get("series") == "other" else ""
            return M.ASK_TITLE.format(level=other + route["title"])
        if fact == "title_years" and route.get("title"):
            return M.ASK_TITLE_YEARS.format(level=route["title"])
        if fact == "breakthrough":
            items = "；".join(f"{k}.{v['short']}" for k, v in g["breakthrough"]["items"].items())
            return M.ASK_BREAKTHROUGH.format(items=items)
        if fact == "achievements":
            return M.ASK_ACHIEVEMENTS.format(since=since, need=g["achievements"]["count"])
        if fact == "performance":
            return M.ASK_PERFORMANCE.format(since=since)
        return M.ASK_FACT[fact]


def check(facts: Facts | dict[str, Any], corpus_dir: Path = PROJECT_CORPUS) -> Result:
    """Check ``facts`` against the standard in ``corpus_dir`` (rules cached per corpus)."""
    return Rulebook.load(corpus_dir).check(facts)
