"""LLM mode against a real HTTP server on loopback (a scripted OpenAI-compatible endpoint)."""

from __future__ import annotations

import logging
import socket
import time
from dataclasses import replace

import pytest

from assistant import messages as M
from assistant.answer.gradecheck import Session
from assistant.answer.llm import LLMClient, grounding_check
from assistant.text import normalize

from .fake_openai import LIES, FakeOpenAI

# ---- the grounding check alone ------------------------------------------------------------------
CLAUSE = "（一）时间安排。个人网上申报，7月4日（周二）-7月17日（周一）；答辩评审，11月。高、中级需进行答辩评审。"
PHONES = "（四）咨询方式。联系电话：010—88828948，010—88827905"


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("个人网上申报7月4日开始，7月17日截止[1]。", True),
        ("咨询电话：010-88828948[2]。答辩评审在11月[1]。", True),
        ("个人网上申报7月18日截止[1]。", False),  # a wrong date with a real [n]
        ("咨询电话：010—88828948[1]。", False),  # a real phone, cited to the wrong clause
        ("咨询电话：010—88820000[2]。", False),  # an invented phone
        ("个人网上申报7月17日截止[3]。", False),  # [3] does not exist
        ("个人网上申报7月17日截止。", False),  # no citation at all
        ("正高级工程师也需进行答辩评审[1]。", False),  # a grade the clause does not name
        ("高、中级需进行答辩评审[1]。今天是2026年11月28日。", False),  # a sentence of facts without [n]
    ],
)
def test_grounding_check(answer: str, ok: bool) -> None:
    assert grounding_check(answer, [CLAUSE, PHONES]).ok is ok


def test_known_facts_are_allowed() -> None:
    assert grounding_check("2023年度的网上申报7月17日截止[1]。", [CLAUSE], known=["2023年"]).ok
    assert not grounding_check("2024年度的网上申报7月17日截止[1]。", [CLAUSE], known=["2023年"]).ok


# ---- against the scripted server ----------------------------------------------------------------


@pytest.fixture(scope="module")
def fake():
    with FakeOpenAI() as server:
        yield server


def _with_llm(bot, url: str, model: str, timeout: float = 5.0, key: str = "sk-test"):
    return replace(bot, llm=LLMClient(url, model, key, timeout))


@pytest.mark.e2e
def test_truthful_answer_is_kept_and_renumbered(bot, fake):
    a = _with_llm(bot, fake.url, "truthful").ask("咨询电话是多少？")
    assert a.trace.route == "llm", a.trace
    assert "010—88828948" in a.text and "[1]" in a.text
    assert [c.id for c in a.citations] == ["notice-3-4"]


@pytest.mark.e2e
def test_every_scripted_lie_is_rejected(bot, fake):
    questions = {"lie-phone": "咨询电话是多少？", "lie-years": "本科毕业几年可以申报工程师？"}
    rejected = []
    for model in LIES:
        q = questions.get(model, "个人网上申报什么时候截止？")
        plain = bot.ask(q)
        a = _with_llm(bot, fake.url, model).ask(q)
        assert a.text == plain.text, (model, a.text)  # the extractive answer, unchanged
        assert any(n.startswith("llm answer rejected") for n in a.trace.reasons), (model, a.trace.reasons)
        rejected.append(model)
    print(f"grounding check: {len(rejected)}/{len(LIES)} scripted lies rejected")
    assert rejected == LIES


@pytest.mark.e2e
def test_tool_call_runs_the_rules_not_the_model(bot, fake):
    a = _with_llm(bot, fake.url, "tool").ask("工程师的学历要求是什么？")
    assert [t.name for t in a.tool_calls] == ["check_eligibility"]
    assert a.tool_calls[0].result["verdict"] == "not_eligible"  # the model said 可以; the rules say no
    assert "你可以申报工程师" not in a.text and a.text.startswith("目前还不能申报工程师")


@pytest.mark.e2e
@pytest.mark.parametrize("model", ["hang", "error", "garbage", "down"])
def test_failures_fall_back_within_the_timeout(bot, fake, model):
    url = fake.url
    if model == "down":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{s.getsockname()[1]}/v1"  # nothing listens there
    plain = bot.ask("个人网上申报什么时候截止？")
    t0 = time.perf_counter()
    a = _with_llm(bot, url, model, timeout=2.0).ask("个人网上申报什么时候截止？")
    elapsed = time.perf_counter() - t0
    print(f"fallback ({model}): {elapsed:.2f} s")
    assert elapsed < 2.0 + 1.5, elapsed
    assert a.text == M.NOTE_LLM_FALLBACK + "\n" + plain.text
    assert any(n.startswith("llm failed") for n in a.trace.reasons)


@pytest.mark.e2e
def test_follow_up_rewritten_by_the_llm(bot, fake):
    llm_bot = _with_llm(bot, fake.url, "rewrite")
    s = Session()
    llm_bot.ask("本科毕业几年可以申报工程师？", session=s)
    before = len(fake.app.state.requests)
    a = llm_bot.ask("那高级呢？", session=s)
    rewrite_calls = [r for r in fake.app.state.requests[before:] if r["messages"][0]["content"] == M.LLM_REWRITE]
    assert rewrite_calls, "the follow-up was not sent for rewriting"
    assert s.last_question == normalize("硕士毕业几年可以申报高级工程师？")
    assert "standards-3-1-2-2" in [c.id for c in a.citations]


@pytest.mark.e2e
def test_follow_up_resolved_without_llm(bot):
    s = Session()
    bot.ask("本科毕业几年可以申报工程师？", session=s)
    a = bot.ask("那高级呢？", session=s)
    assert s.last_question == normalize("本科毕业几年可以申报高级工程师？")
    assert "standards-3-1-2-3" in [c.id for c in a.citations] and "取得中级职称后" in a.text
    c = bot.ask("那个电话是多少", session=s)
    assert "010—88828948" in c.text


@pytest.mark.e2e
def test_api_key_is_never_logged(bot, fake, caplog):
    caplog.set_level(logging.DEBUG)
    _with_llm(bot, fake.url, "error", key="sk-secret-98765").ask("个人网上申报什么时候截止？")
    _with_llm(bot, fake.url, "lie-date", key="sk-secret-98765").ask("个人网上申报什么时候截止？")
    assert "sk-secret-98765" not in caplog.text
    assert "sk-secret-98765" not in repr(replace(bot.settings, llm_api_key="sk-secret-98765"))
