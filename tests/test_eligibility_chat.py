"""Grade checks asked in plain Chinese: routed to the eligibility tool, verdict first, cited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assistant.answer.session import Session
from assistant.rules.tool import TOOL_NAME

from .conftest import subset

CASES = yaml.safe_load((Path(__file__).parent / "eligibility_chat.yaml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("case", CASES, ids=[c["q"][:24] for c in CASES])
def test_grade_check(bot, case):
    session = bot.new_session() if case.get("before") else None
    for said in case.get("before", []):  # earlier messages of the same conversation
        bot.ask(said, session)
    d = bot.ask(case["q"], session).to_dict()
    if case.get("tool") is False:
        assert d["tool_calls"] == [], d["tool_calls"]
        return
    assert [t["name"] for t in d["tool_calls"]] == [TOOL_NAME], d["answer"]
    call = d["tool_calls"][0]
    result = call["result"]
    assert result["verdict"] == case["verdict"], d["answer"]
    assert subset(case.get("args", {}), call["arguments"]), call["arguments"]
    if "edu" in case:
        edu = next(c for c in result["conditions"] if c["kind"] == "education_experience")
        assert edu["status"] == case["edu"], edu
    if "missing0" in case:
        assert result["missing"][0] == case["missing0"]
    if case.get("follow_up"):
        assert result["follow_up"] and result["follow_up"] in d["answer"]
    if "note" in case:
        assert case["note"] in d["answer"]
    if "polarity" in case:  # a yes/no grade check: of a kind of person, or about the route itself
        assert d.get("polarity") == case["polarity"], d["answer"]
    # the reply states the verdict first, then the facts it used, then each condition with an [n] that exists
    first, second = d["answer"].splitlines()[:2]
    assert second.startswith("我理解的情况：")
    assert {
        "eligible": "可以申报",
        "not_eligible": "不能申报",
        "need_more_info": "还不能确定",
        "refer_elsewhere": "技工院校",
    }[result["verdict"]] in first
    marks = {int(m) for m in re.findall(r"\[(\d+)\]", d["answer"])}
    assert marks == set(range(1, len(d["citations"]) + 1))
    for c in d["citations"]:
        clause = bot.corpus.clauses[c["id"]]  # a list's opening clause is cited with its items
        assert c["text"] in (clause.text, clause.full_text)


def test_done_when_engineer(bot):
    d = bot.ask("本科毕业3年，能申报工程师吗？").to_dict()
    edu = d["tool_calls"][0]["result"]["conditions"][0]
    assert edu["kind"] == "education_experience" and edu["status"] == "not_met"
    assert "（3）大学本科毕业后，从事本专业技术工作满5年" in edu["citation"]["text"]


def test_multi_turn_follow_up_completes(bot):
    """The assistant asks for what is missing; each answer fills it in, until a verdict."""
    s = Session()
    turns = [
        ("我能申报高级工程师吗？", "need_more_info", "education"),
        ("本科", "need_more_info", "titles"),  # 本科 reaches 高级 only through a title held
        ("有，取得后干了6年", "need_more_info", "performance"),
        ("具备", "need_more_info", "achievements"),
        ("4项", "need_more_info", "basic"),
        ("是的", "eligible", None),
    ]
    for text, verdict, expect in turns:
        d = bot.ask(text, session=s).to_dict()
        assert d["tool_calls"], (text, d["answer"])
        result = d["tool_calls"][0]["result"]
        assert result["verdict"] == verdict, (text, d["answer"])
        assert s.expect == expect, (text, s.expect, result["missing"])
        if expect:
            assert result["follow_up"] in d["answer"]
    assert s.facts["titles"] == [{"level": "中级", "series": "this", "years": 6.0}]


def test_session_switches_grade_and_topic(bot):
    s = Session()
    bot.ask("硕士毕业3年，能申报工程师吗？", session=s)
    d = bot.ask("那高级工程师呢？", session=s).to_dict()
    assert d["tool_calls"][0]["arguments"]["grade"] == "高级工程师"
    assert d["tool_calls"][0]["arguments"]["education"] == "硕士研究生"  # kept from the first turn
    pending = s.expect
    other = bot.ask("咨询电话是多少？", session=s).to_dict()  # a new topic goes to retrieval
    assert other["tool_calls"] == [] and "88828948" in other["answer"]
    assert s.topic == "question" and s.expect == pending  # the check's follow-up waits for the person's return


def test_sessions_are_independent(bot):
    a, b = Session(), Session()
    bot.ask("我能申报工程师吗？", session=a)
    bot.ask("我能申报助理工程师吗？", session=b)
    da = bot.ask("本科，工作2年", session=a).to_dict()
    db = bot.ask("本科，工作2年", session=b).to_dict()
    assert da["tool_calls"][0]["result"]["verdict"] == "not_eligible"
    assert db["tool_calls"][0]["arguments"]["grade"] == "助理工程师"
    assert db["tool_calls"][0]["result"]["conditions"][0]["status"] == "met"
