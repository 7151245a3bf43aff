"""The evaluation standard as code: the logic that reads ``rules.yaml`` (thresholds as data).

One method per kind of clause; every condition in a result cites its clause, and every
assumption the standard's wording forces on us is stated in the result, never made silently.

    >>> from assistant.ingest.corpus import Corpus, PROJECT_CORPUS
    >>> book = Rulebook.load(Corpus.load(PROJECT_CORPUS))
    >>> r = book.check({"grade": "工程师", "education": "大学本科", "years_in_field": 3})
    >>> r.verdict, r.conditions[0].status, r.conditions[0].citation.id
    ('not_eligible', 'not_met', 'standards-2-1-2-3')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import messages as M
from ..ingest.clauses import Clause
from ..ingest.corpus import Corpus
from ..settings import RULES_FILE
from ..vocab import DEGREE_RANK, LEVEL_GRADE, LEVEL_RANK, Degree, Grade, Level, Series
from .model import FACT_ORDER, ClauseRef, Condition, EligibilityInputError, Facts, Gap, Kind, Result, Status, Title

__all__ = ["EligibilityInputError", "Facts", "Result", "Rulebook"]


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

    def __init__(self, rules: dict[str, Any], clauses: dict[str, Clause], round_grades: tuple[Grade, ...] = ()):
        self.rules = rules
        self.clauses = clauses
        self.round_grades = round_grades
        self._validate()
        self._routes = {r["clause"]: r for g in rules["grades"].values() for r in g["routes"]}

    def route(self, clause_id: str) -> dict[str, Any] | None:
        """The education/experience route whose clause is ``clause_id``."""
        return self._routes.get(clause_id)

    @classmethod
    def load(cls, corpus: Corpus, rules_file: Path = RULES_FILE) -> Rulebook:
        """Read ``rules_file`` and bind it to the corpus clauses it cites (cheap: no models)."""
        import yaml

        rules = yaml.safe_load(rules_file.read_text(encoding="utf-8"))
        clauses = {cid: c for cid, c in corpus.clauses.items() if c.doc_id == rules["document"]}
        levels = [Level(g) for d in corpus.documents.values() if d.kind == "notice" for g in d.round_grades]
        return cls(rules, clauses, tuple(LEVEL_GRADE[lvl] for lvl in levels))

    def routes(self, grade: Grade) -> list[dict[str, Any]]:
        """The education/experience routes of ``grade`` (clause, education, title, years, quote)."""
        return list(self.rules["grades"].get(grade, {}).get("routes", []))

    def refer(self, grade: Grade) -> dict[str, Any] | None:
        """The item of ``grade`` that sends some applicants to another rule (技工院校), if any."""
        refer: dict[str, Any] | None = self.rules["grades"].get(grade, {}).get("refer")
        return refer

    def grades(self) -> list[Grade]:
        return [Grade(g) for g in self.rules["grades"]]

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
            if grade not in {g.value for g in Grade}:
                raise ValueError(f"rules.yaml: unknown grade {grade!r}")

    def cite(self, clause_id: str) -> ClauseRef:
        c = self.clauses[clause_id]
        return ClauseRef(id=c.id, source=c.doc_title, section=c.section, text=c.text)

    # ---- the rules, one per clause -------------------------------------------------------------

    def _route(self, route: dict[str, Any], f: Facts) -> _Outcome:
        """One education/experience route (``（n）…毕业后，从事本专业技术工作满N年``)."""
        need_years = float(route["years"])
        quote = route["quote"]
        edu = route.get("education")
        missing: list[str] = []
        assumption = ""
        if edu and f.graduated is False:  # every route runs from graduation ("…毕业后"): not yet
            return _Outcome("not_met", M.ELIG_NOT_GRADUATED.format(quote=quote), route["clause"])
        if edu:
            if f.education is None:
                missing.append("education")
            elif f.education is Degree.TECHNICAL or DEGREE_RANK[f.education] < DEGREE_RANK[Degree(edu)]:
                return _Outcome("not_met", M.ELIG_EDU_LOW.format(quote=quote, edu=f.education), route["clause"])
            elif DEGREE_RANK[f.education] > DEGREE_RANK[Degree(edu)] and "title" not in route:
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

    @staticmethod
    def _held(route: dict[str, Any], f: Facts) -> list[Title]:
        """The titles held that a title route accepts (its level or higher, of its series)."""
        level, series = Level(route["title"]), route.get("series", "any")
        return [
            t
            for t in (f.titles or [])
            if LEVEL_RANK[t.level] >= LEVEL_RANK[level] and (series == "any" or t.series == Series(series))
        ]

    def _time_gap(self, route: dict[str, Any], f: Facts) -> float | None:
        """Years still missing on ``route`` when time is all it lacks (its education and title are met).

        本科 with 3 years on "大学本科毕业后…满5年" → 2.0; 大专 on the same route → None (not only time).
        """
        need, edu = float(route["years"]), route.get("education")
        if edu and (
            f.education is None
            or f.education is Degree.TECHNICAL
            or DEGREE_RANK[f.education] < DEGREE_RANK[Degree(edu)]
        ):
            return None
        if "title" in route:
            years = [t.years for t in self._held(route, f) if t.years is not None]
            have = max(years) if years else None
        else:
            have = f.years_in_field
        return round(need - have, 2) if have is not None and have < need else None

    def _gaps(self, g: dict[str, Any], f: Facts) -> list[Gap]:
        """The routes of the grade short only by time, with how much is missing: each title route, and
        of the routes counting years since graduating, the nearest (a 本科 is not also told about 大专's).
        """
        out: list[Gap] = []
        for route in g["routes"]:
            gap = self._time_gap(route, f)
            if gap is None:
                continue
            if "title" not in route:
                nearer = [x for x in out if "title" not in self._routes[x.clause] and x.years <= gap]
                if nearer:
                    continue
                out = [x for x in out if "title" in self._routes[x.clause]]
            out.append(Gap(self.clauses[route["clause"]].marker, route["clause"], gap))
        return sorted(out, key=lambda x: [r["clause"] for r in g["routes"]].index(x.clause))

    def _title_route(self, route: dict[str, Any], f: Facts, missing: list[str]) -> _Outcome:
        """A route through a title held (``取得中级职称后…满5年``, ``已取得非本系列…``)."""
        quote, need = route["quote"], float(route["years"])
        series = route.get("series", "any")
        held = self._held(route, f)
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
        since = best.years or 0.0
        if f.years_in_field is not None:  # held 8 years, in this field 4: the years in the field count
            since = min(since, f.years_in_field)
        have = _years(since)
        if since < need:
            return _Outcome("not_met", M.ELIG_YEARS_SHORT.format(quote=quote, have=have), route["clause"])
        if missing:
            return _Outcome("unknown", quote, route["clause"], missing, route=route)
        assumption = M.ELIG_ASSUME_OTHER_SERIES if series == "any" and best.series is Series.OTHER else ""
        return _Outcome(
            "met", M.ELIG_YEARS_OK.format(quote=quote, have=have), route["clause"], assumption=assumption, route=route
        )

    def _education_experience(self, g: dict[str, Any], f: Facts) -> _Outcome:
        """``学历和专业工作经历符合下列条件之一``: the first route met wins."""
        outcomes = [self._route(r, f) for r in g["routes"]]
        met = [o for o in outcomes if o.status == "met"]
        if met:
            return met[0]
        if f.education is Degree.TECHNICAL:
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
        held = {t.level for t in f.titles} if f.titles else set()
        titled = [o for r, o in zip(g["routes"], outcomes, strict=True) if r.get("title") and r["title"] in held]
        if titled or own:  # the route through the title the person holds, else the one for their degree
            return (titled or own)[0]
        # below every route's degree (中专 for 工程师): the route with the lowest degree shows the floor, the
        # list of routes (cited) that the degree is in none of
        by_degree = [(DEGREE_RANK[Degree(r["education"])], r) for r in g["routes"] if r.get("education")]
        if f.education is not None and by_degree and all(DEGREE_RANK[f.education] < rank for rank, _ in by_degree):
            lowest = min(by_degree, key=lambda pair: pair[0])[1]
            reason = M.ELIG_EDU_BELOW.format(edu=f.education, quote=lowest["quote"])
            return _Outcome("not_met", reason, self.clauses[lowest["clause"]].parent or lowest["clause"])
        return outcomes[0]

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
        found: list[tuple[Kind, _Outcome]] = []
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

        result = Result(grade=str(f.grade), verdict="eligible")
        result.conditions = [Condition(kind, o.status, o.reason, self.cite(o.clause)) for kind, o in found]
        result.assumptions = [o.assumption for _, o in found if o.assumption]
        if "performance" in g and edu.status == "met":
            since = g["performance"]["since"]
            if not any(LEVEL_RANK[t.level] >= LEVEL_RANK[Level(since)] for t in f.titles or []):
                result.assumptions.append(M.ELIG_ASSUME_SINCE.format(since=since))
        if self.round_grades and f.grade not in self.round_grades:
            result.notes.append(M.ELIG_NOT_IN_ROUND.format(grade=f.grade, grades="、".join(self.round_grades)))

        statuses = [o.status for _, o in found]
        missing = sorted({m for _, o in found for m in o.missing}, key=FACT_ORDER.index)
        if edu.status == "not_met":
            result.gaps = self._gaps(g, f)
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
