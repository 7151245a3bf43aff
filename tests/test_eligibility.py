"""The eligibility rules against a table of situations (tests/eligibility_cases.yaml)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.ingest.corpus import Corpus
from assistant.rules.model import EligibilityInputError, Facts
from assistant.rules.rulebook import Rulebook
from assistant.settings import PROJECT_CORPUS, RULES_FILE

CASES = yaml.safe_load((Path(__file__).parent / "eligibility_cases.yaml").read_text(encoding="utf-8"))
ALL_MET = {"performance_met": True, "achievements": 3, "basic_met": True}


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return Rulebook.load(Corpus.load(PROJECT_CORPUS))


def _facts(case: dict[str, Any]) -> dict[str, Any]:
    facts = dict(case["facts"])
    if facts.pop("ALL", False):
        facts = {**ALL_MET, **facts}
    return facts


def _by_kind(result: Any, kind: str) -> list[Any]:
    return [c for c in result.conditions if c.kind == kind]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(book: Rulebook, case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(EligibilityInputError) as err:
            book.check(_facts(case))
        assert str(err.value).startswith(case["error"]) or f"; {case['error']}" in str(err.value), err.value
        return
    r = book.check(_facts(case))
    assert r.verdict == case["verdict"], [(c.kind, c.status, c.reason) for c in r.conditions]
    edu = _by_kind(r, "education_experience")
    if "edu" in case:
        assert edu[0].status == case["edu"], edu[0].reason
    if "cite" in case:
        assert edu[0].citation.id == case["cite"]
    for kind, status in case.get("status", {}).items():
        assert {c.status for c in _by_kind(r, kind)} == {status}, kind
    for kind in case.get("absent", []):
        assert not _by_kind(r, kind), kind
    if "missing" in case:
        assert r.missing == case["missing"]
    if case.get("follow_up"):
        assert r.follow_up and r.follow_up.endswith("？")
    if "assume" in case:
        assert bool(r.assumptions) == case["assume"], r.assumptions
    if "note" in case:
        assert bool(r.notes) == case["note"]
    if "perf_cite" in case:
        assert _by_kind(r, "performance")[0].citation.id == case["perf_cite"]
    if "brk_cite" in case:
        assert _by_kind(r, "breakthrough")[0].citation.id == case["brk_cite"]


def test_contract_invariants(book: Rulebook) -> None:
    """Over every case: eligible iff all met; need_more_info iff unknown and nothing not_met;
    every citation is verbatim corpus text; missing only when more info is needed."""
    for case in CASES:
        if "error" in case:
            continue
        r = book.check(_facts(case))
        statuses = {c.status for c in r.conditions}
        assert (r.verdict == "eligible") == (statuses == {"met"}), case["name"]
        if r.verdict == "need_more_info":
            assert "not_met" not in statuses and r.missing and r.follow_up, case["name"]
        else:
            assert not r.missing, case["name"]
        for c in r.conditions:
            assert c.citation.text == book.clauses[c.citation.id].text
            assert c.kind in ("education_experience", "performance", "achievements", "breakthrough", "basic")
        d = r.to_dict()
        assert list(d)[:5] == ["grade", "verdict", "conditions", "missing", "follow_up"]


def test_every_route_is_tested() -> None:
    """Each route clause of rules.yaml is the cited clause of at least one case."""
    book = Rulebook.load(Corpus.load(PROJECT_CORPUS))
    cited = {c.get("cite") for c in CASES}
    routes = {r["clause"] for g in book.rules["grades"].values() for r in g["routes"]}
    refers = {g["refer"]["clause"] for g in book.rules["grades"].values()}
    assert routes | refers <= cited, sorted((routes | refers) - cited)


def test_done_when_engineer_three_years(book: Rulebook) -> None:
    r = book.check({"grade": "工程师", "education": "本科", "years_in_field": 3})
    edu = _by_kind(r, "education_experience")[0]
    assert (r.verdict, edu.status) == ("not_eligible", "not_met")
    assert "（3）大学本科毕业后，从事本专业技术工作满5年" in edu.citation.text


def test_quote_not_in_corpus_fails_loudly(book: Rulebook) -> None:
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    rules["grades"]["工程师"]["routes"][2]["quote"] = "大学本科毕业后，从事本专业技术工作满4年"
    with pytest.raises(ValueError, match="not in clause standards-2-1-2-3"):
        Rulebook(rules, book.clauses)
    rules["grades"]["工程师"]["routes"][2]["clause"] = "standards-9-9"
    with pytest.raises(ValueError, match="does not have"):
        Rulebook(rules, book.clauses)


def test_thresholds_are_data(book: Rulebook) -> None:
    """A new year's standard is a data change: edit a threshold, the verdict follows."""
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    facts = {"grade": "工程师", "education": "大学本科", "years_in_field": 4, "titles": []}
    assert Rulebook(rules, book.clauses).check(facts).conditions[0].status == "not_met"
    rules["grades"]["工程师"]["routes"][2]["years"] = 4
    rules["grades"]["工程师"]["routes"][2]["quote"] = "大学本科毕业后"
    assert Rulebook(rules, book.clauses).check(facts).conditions[0].status == "met"


def test_facts_aliases_and_errors() -> None:
    f = Facts.parse({"grade": "副高", "education": "研究生", "titles": [{"level": "中级职称".removesuffix("职称")}]})
    assert (f.grade, f.education, f.titles and f.titles[0].level) == ("高级工程师", "硕士研究生", "中级")
    with pytest.raises(EligibilityInputError, match="grade 应为 助理工程师 / 工程师"):
        Facts.parse({"grade": "教授"})


def _run_check(stdin: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "ASSISTANT_CORPUS_DIR": str(PROJECT_CORPUS)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "check"], input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


def test_cli_check_stdin_and_errors(tmp_path: Path) -> None:
    ok = _run_check(json.dumps({"grade": "高工"}, ensure_ascii=False))
    assert ok.returncode == 0, ok.stderr
    result = json.loads(ok.stdout)
    assert result["verdict"] == "need_more_info" and result["follow_up"]
    bad = _run_check('{"grade": "工程师", "years_in_field": -3}')
    assert bad.returncode == 2 and "years_in_field" in bad.stderr and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1
    notjson = _run_check("{grade: 工程师")
    assert notjson.returncode == 2 and "not valid JSON" in notjson.stderr


@pytest.mark.parametrize(
    ("facts", "gaps"),
    [
        (
            {"grade": "工程师", "education": "本科", "years_in_field": 3},
            [("（3）", 2.0)],
        ),  # 本科 is not told about 大专's
        (
            {"grade": "工程师", "education": "大专", "years_in_field": 5, "titles": [{"level": "初级", "years": 3}]},
            [("（4）", 2.0), ("（5）", 1.0)],
        ),
        ({"grade": "高级工程师", "education": "本科", "titles": [{"level": "中级", "years": 4.5}]}, [("（3）", 0.5)]),
        ({"grade": "高级工程师", "education": "大专", "titles": [{"level": "中级", "years": 4}]}, []),  # not only time
        ({"grade": "工程师", "education": "本科", "years_in_field": 6}, []),  # met
        ({"grade": "工程师", "years_in_field": 3}, []),  # education unknown: not only time
    ],
)
def test_gaps_only_by_time(book: Rulebook, facts: dict, gaps: list) -> None:
    """A route short only by time says how much is missing ("按第（3）项还差2年")."""
    r = book.check(facts)
    assert [(g.item, g.years) for g in r.gaps] == gaps
    assert all(g.clause in {c["clause"] for c in book.routes(r.grade)} for g in r.gaps)  # type: ignore[arg-type]
